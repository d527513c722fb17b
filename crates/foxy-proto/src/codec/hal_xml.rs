//! HAL+XML (`application/hal+xml`): `<resource>` elements with `<link>` children.
//!
//! The document element is `<resource href="...">`; its `href` is the `self`
//! link (used only when no `<link rel="self">` is present) and its `rel`, if
//! any, is the document's own relation, used only to restore the empty member
//! list of an empty collection page (see `empty_page`). Each `<link>` carries `rel`, `href` and optionally
//! `title`, `name`, `type` and `templated="true"`. Embedded resources are
//! nested `<resource rel="..." href="...">` elements, in document order per
//! relation. Every other child element is a property.
//!
//! XML has no scalar types: property text reads as a string and an empty
//! element as `null`. Nested structure is kept with a `type` attribute:
//!
//! ```xml
//! <settings type="object"><sso>true</sso></settings>
//! <allowedOrigins type="array"><item>https://a.test</item></allowedOrigins>
//! ```
//!
//! A property whose name is not a plain XML name (ASCII letters, digits,
//! `_`, `-`, `.`, not starting with a digit, `-`, `.` or `xml`) or that is
//! one of `link`, `resource`, `property`, is written as
//! `<property name="the name">`. Characters XML 1.0 cannot hold (most C0
//! controls, U+FFFE, U+FFFF) make [`write`] fail with a typed error. A DOCTYPE
//! is refused, so entities are never declared or expanded.

use super::Pointer;
use super::empty_page;
use super::error::{DecodeError, EncodeError};
use super::json::MAX_DEPTH;
use crate::rel::Rel;
use crate::resource::Link;
use crate::resource::Resource;
use crate::value::Value;

/// The element that stands for a property whose name is not a plain XML name.
pub const PROPERTY: &str = "property";
/// The attribute of [`PROPERTY`] holding the property name.
pub const KEY_ATTR: &str = "name";
/// The attribute marking nested structure.
pub const TYPE_ATTR: &str = "type";
/// [`TYPE_ATTR`] value of an object.
pub const TYPE_OBJECT: &str = "object";
/// [`TYPE_ATTR`] value of an array.
pub const TYPE_ARRAY: &str = "array";
/// The element of each array entry.
pub const ITEM: &str = "item";

/// Parses a HAL+XML document.
pub fn parse(bytes: &[u8]) -> Result<Resource, DecodeError> {
    super::xml_read::parse(bytes)
}

/// Writes a resource as indented HAL+XML with an XML declaration.
pub fn write(resource: &Resource) -> Result<Vec<u8>, EncodeError> {
    write_document(resource)
}

/// Whether `name` is written as an element of its own name (else as `<property name=..>`).
pub fn is_plain_name(name: &str) -> bool {
    let b = name.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == b'_')
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        && !b[..b.len().min(3)].eq_ignore_ascii_case(b"xml")
        && !matches!(name, "link" | "resource" | PROPERTY)
}

fn write_document(resource: &Resource) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlOut {
        out: Vec::with_capacity(1024),
        path: Pointer::new(),
    };
    w.out
        .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.resource(resource, None, 0)?;
    Ok(w.out)
}

struct XmlOut {
    out: Vec<u8>,
    path: Pointer,
}

impl XmlOut {
    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.extend_from_slice(b"  ");
        }
    }

    /// Escapes `text` for element content (`attr == false`) or an attribute value.
    fn escaped(&mut self, text: &str, attr: bool) -> Result<(), EncodeError> {
        let mut run = 0;
        for (i, ch) in text.char_indices() {
            let rep: &[u8] = match ch {
                '&' => b"&amp;",
                '<' => b"&lt;",
                '>' => b"&gt;",
                '\r' => b"&#xD;",
                '"' if attr => b"&quot;",
                '\t' if attr => b"&#x9;",
                '\n' if attr => b"&#xA;",
                '\t' | '\n' => continue,
                '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                    return Err(EncodeError::InvalidXmlChar {
                        code: u32::from(ch),
                        path: self.path.to_string(),
                    });
                }
                _ => continue,
            };
            self.out.extend_from_slice(&text.as_bytes()[run..i]);
            self.out.extend_from_slice(rep);
            run = i + ch.len_utf8();
        }
        self.out.extend_from_slice(&text.as_bytes()[run..]);
        Ok(())
    }

    fn attr(&mut self, name: &str, value: &str) -> Result<(), EncodeError> {
        self.out.push(b' ');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"=\"");
        self.escaped(value, true)?;
        self.out.push(b'"');
        Ok(())
    }

    fn resource(
        &mut self,
        res: &Resource,
        rel: Option<&Rel>,
        level: usize,
    ) -> Result<(), EncodeError> {
        if level > MAX_DEPTH {
            return Err(EncodeError::TooDeep(MAX_DEPTH));
        }
        self.indent(level);
        self.out.extend_from_slice(b"<resource");
        if let Some(href) = res.self_href() {
            self.attr("href", href)?;
        }
        // The root's own relation, when an empty page needs it (`empty_page`).
        if let Some(rel) = rel.or_else(|| empty_page::root_rel(res)) {
            self.attr("rel", rel.as_str())?;
        }
        let has_links = res.links.values().any(|l| !l.is_empty());
        let has_embedded = res.embedded.values().any(|l| !l.is_empty());
        if !has_links && !has_embedded && res.properties.is_empty() {
            self.out.extend_from_slice(b"/>\n");
            return Ok(());
        }
        self.out.extend_from_slice(b">\n");
        for (rel, links) in &res.links {
            for link in links {
                self.link(rel, link, level + 1)?;
            }
        }
        for (rel, list) in &res.embedded {
            let mark = self.path.push(rel.as_str());
            for (i, sub) in list.iter().enumerate() {
                let item = self.path.push_index(i);
                self.resource(sub, Some(rel), level + 1)?;
                self.path.pop(item);
            }
            self.path.pop(mark);
        }
        for (key, value) in &res.properties {
            self.property(key, value, level + 1)?;
        }
        self.indent(level);
        self.out.extend_from_slice(b"</resource>\n");
        Ok(())
    }

    fn link(&mut self, rel: &Rel, link: &Link, level: usize) -> Result<(), EncodeError> {
        self.indent(level);
        self.out.extend_from_slice(b"<link");
        self.attr("rel", rel.as_str())?;
        self.attr("href", &link.href)?;
        if let Some(title) = &link.title {
            self.attr("title", title)?;
        }
        if let Some(name) = &link.name {
            self.attr("name", name)?;
        }
        if link.templated {
            self.attr("templated", "true")?;
        }
        if let Some(media_type) = &link.media_type {
            self.attr("type", media_type)?;
        }
        self.out.extend_from_slice(b"/>\n");
        Ok(())
    }

    /// Writes one property (`key` is `None` for an array item).
    fn property(&mut self, key: &str, value: &Value, level: usize) -> Result<(), EncodeError> {
        let mark = self.path.push(key);
        let tag = if is_plain_name(key) { key } else { PROPERTY };
        self.indent(level);
        self.out.push(b'<');
        self.out.extend_from_slice(tag.as_bytes());
        if tag == PROPERTY {
            self.attr(KEY_ATTR, key)?;
        }
        self.value(tag, value, level)?;
        self.path.pop(mark);
        Ok(())
    }

    /// Writes the rest of an element whose start tag `<tag ...` is open.
    fn value(&mut self, tag: &str, value: &Value, level: usize) -> Result<(), EncodeError> {
        if level > MAX_DEPTH {
            return Err(EncodeError::TooDeep(MAX_DEPTH));
        }
        let text = match value {
            Value::Null => None,
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            Value::Number(n) => Some(n.as_str()),
            Value::String(s) => Some(s.as_str()).filter(|s| !s.is_empty()),
            Value::Array(items) => {
                self.attr(TYPE_ATTR, TYPE_ARRAY)?;
                if items.is_empty() {
                    self.out.extend_from_slice(b"/>\n");
                    return Ok(());
                }
                self.out.extend_from_slice(b">\n");
                for (i, item) in items.iter().enumerate() {
                    let mark = self.path.push_index(i);
                    self.indent(level + 1);
                    self.out.push(b'<');
                    self.out.extend_from_slice(ITEM.as_bytes());
                    self.value(ITEM, item, level + 1)?;
                    self.path.pop(mark);
                }
                return self.close(tag, level);
            }
            Value::Object(map) => {
                self.attr(TYPE_ATTR, TYPE_OBJECT)?;
                if map.is_empty() {
                    self.out.extend_from_slice(b"/>\n");
                    return Ok(());
                }
                self.out.extend_from_slice(b">\n");
                for (key, v) in map {
                    self.property(key, v, level + 1)?;
                }
                return self.close(tag, level);
            }
        };
        match text {
            None => self.out.extend_from_slice(b"/>\n"),
            Some(text) => {
                self.out.push(b'>');
                self.escaped(text, false)?;
                self.out.extend_from_slice(b"</");
                self.out.extend_from_slice(tag.as_bytes());
                self.out.extend_from_slice(b">\n");
            }
        }
        Ok(())
    }

    fn close(&mut self, tag: &str, level: usize) -> Result<(), EncodeError> {
        self.indent(level);
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(tag.as_bytes());
        self.out.extend_from_slice(b">\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::Link;
    use crate::value::{Map, Value};

    #[test]
    fn encodes_names_structure_and_whitespace() {
        let mut nested = Map::new();
        nested.insert(
            "a b".to_owned(),
            Value::Array(vec![Value::from(1i64), Value::Null]),
        );
        nested.insert("empty".to_owned(), Value::Object(Map::new()));
        let r = Resource::new()
            .with_link(
                "self",
                Link::new("https://a.test/x?a=1&b=2").titled("t\tab\nline \"q\""),
            )
            .with_property("link", "  spaced\r\n ")
            .with_property("settings", Value::Object(nested));
        let text = String::from_utf8(write(&r).expect("write")).expect("utf-8");
        assert!(
            text.contains(r#"title="t&#x9;ab&#xA;line &quot;q&quot;""#),
            "{text}"
        );
        assert!(
            text.contains("<property name=\"link\">  spaced&#xD;\n </property>"),
            "{text}"
        );
        assert!(
            text.contains(r#"<property name="a b" type="array">"#),
            "{text}"
        );
        assert!(text.contains(r#"<empty type="object"/>"#), "{text}");
        let back = parse(text.as_bytes()).expect("parse");
        assert_eq!(back, crate::codec::project(crate::MediaType::HalXml, &r));
        assert_eq!(
            back.link("self").and_then(|l| l.title.as_deref()),
            Some("t\tab\nline \"q\"")
        );
    }

    #[test]
    fn plain_names() {
        for ok in [
            "total_items",
            "a-b.c",
            "_x",
            "sessionLifespanInMinutes",
            "xm",
        ] {
            assert!(is_plain_name(ok), "{ok}");
        }
        for bad in [
            "", "1a", "a b", "fx:x", "xmlns", "XMLfoo", "link", "property", "é",
        ] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
