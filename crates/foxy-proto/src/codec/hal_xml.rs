//! HAL+XML (`application/hal+xml`): `<resource>` elements with `<link>` children.
//!
//! The document element is `<resource href="...">`; its `href` is the `self`
//! link (used only when no `<link rel="self">` is present) and its `rel`, if
//! any, is ignored. Each `<link>` carries `rel`, `href` and optionally
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

use super::error::{DecodeError, EncodeError};
use crate::resource::Resource;

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
    super::xml_write::write(resource)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::Link;
    use crate::value::{Map, Value};

    #[test]
    fn encodes_names_structure_and_whitespace() {
        let mut nested = Map::new();
        nested.insert("a b".to_owned(), Value::Array(vec![Value::from(1i64), Value::Null]));
        nested.insert("empty".to_owned(), Value::Object(Map::new()));
        let r = Resource::new()
            .with_link("self", Link::new("https://a.test/x?a=1&b=2").titled("t\tab\nline \"q\""))
            .with_property("link", "  spaced\r\n ")
            .with_property("settings", Value::Object(nested));
        let text = String::from_utf8(write(&r).expect("write")).expect("utf-8");
        assert!(text.contains(r#"title="t&#x9;ab&#xA;line &quot;q&quot;""#), "{text}");
        assert!(text.contains("<property name=\"link\">  spaced&#xD;\n </property>"), "{text}");
        assert!(text.contains(r#"<property name="a b" type="array">"#), "{text}");
        assert!(text.contains(r#"<empty type="object"/>"#), "{text}");
        let back = parse(text.as_bytes()).expect("parse");
        assert_eq!(back, crate::codec::project(crate::MediaType::HalXml, &r));
        assert_eq!(back.link("self").and_then(|l| l.title.as_deref()), Some("t\tab\nline \"q\""));
    }

    #[test]
    fn plain_names() {
        for ok in ["total_items", "a-b.c", "_x", "sessionLifespanInMinutes", "xm"] {
            assert!(is_plain_name(ok), "{ok}");
        }
        for bad in ["", "1a", "a b", "fx:x", "xmlns", "XMLfoo", "link", "property", "é"] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
