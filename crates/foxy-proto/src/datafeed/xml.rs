//! A small element tree for the legacy `<foxydata>` documents: read with
//! quick-xml, written back with two-space indentation.
//!
//! The legacy documents use elements and text only; attributes, comments and
//! processing instructions are not kept.
//!
//! ```
//! use foxy_proto::datafeed::xml::Element;
//!
//! let root = Element::parse("<foxydata><result>SUCCESS</result><note>a &amp; b</note></foxydata>")?;
//! assert_eq!(root.child_text("note"), Some("a & b"));
//! assert!(root.to_document().contains("<note>a &amp; b</note>"));
//! # Ok::<(), foxy_proto::datafeed::DatafeedError>(())
//! ```

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::DatafeedError;

/// One XML element: its name, its text, and its child elements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The element name.
    pub name: String,
    /// The text content (entities and CDATA resolved). Whitespace between
    /// child elements is dropped.
    pub text: String,
    /// Child elements, in document order.
    pub children: Vec<Element>,
}

impl Element {
    /// An empty element.
    pub fn new(name: impl Into<String>) -> Element {
        Element {
            name: name.into(),
            ..Element::default()
        }
    }

    /// An element holding only text.
    pub fn with_text(name: impl Into<String>, text: impl Into<String>) -> Element {
        Element {
            name: name.into(),
            text: text.into(),
            children: Vec::new(),
        }
    }

    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child with this name.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// Parses a document and returns its root element.
    ///
    /// # Errors
    /// [`DatafeedError::Xml`] when the text is not well-formed XML with one
    /// root element.
    pub fn parse(xml: &str) -> Result<Element, DatafeedError> {
        let mut reader = Reader::from_str(xml);
        let mut stack: Vec<Element> = Vec::new();
        let mut root: Option<Element> = None;
        let syntax = |message: String| DatafeedError::Xml(message);
        loop {
            let event = reader.read_event().map_err(|e| syntax(e.to_string()))?;
            match event {
                Event::Start(start) => stack.push(Element::new(name(start.name().as_ref())?)),
                Event::Empty(start) => {
                    let element = Element::new(name(start.name().as_ref())?);
                    close(&mut stack, &mut root, element)?;
                }
                Event::End(_) => {
                    let mut element = stack
                        .pop()
                        .ok_or_else(|| syntax("unexpected end tag".into()))?;
                    if !element.children.is_empty() && element.text.trim().is_empty() {
                        element.text.clear();
                    }
                    close(&mut stack, &mut root, element)?;
                }
                Event::Text(text) => push_text(&mut stack, &text.xml10_content())?,
                Event::CData(data) => push_text(&mut stack, &data.into_inner())?,
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&reference)
                            .ok_or_else(|| syntax(format!("unknown entity &{};", &*reference)))?
                            .to_owned(),
                    };
                    push_text(&mut stack, &resolved)?;
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !stack.is_empty() {
            return Err(syntax("unclosed element at end of document".into()));
        }
        root.ok_or_else(|| syntax("no root element".into()))
    }

    /// The element written as a document with an XML declaration.
    pub fn to_document(&self) -> String {
        let mut out = String::from("<?xml version='1.0' encoding='UTF-8'?>\n");
        self.write(&mut out, 0);
        out
    }

    /// Appends the element, indented by `depth` levels, and a newline.
    ///
    /// An element with both text and children is written without any
    /// whitespace inside it, which would read back as part of its text.
    pub fn write(&self, out: &mut String, depth: usize) {
        let indent = "  ".repeat(depth);
        out.push_str(&indent);
        if !self.text.is_empty() && !self.children.is_empty() {
            self.write_compact(out);
            out.push('\n');
            return;
        }
        out.push('<');
        out.push_str(&self.name);
        if self.children.is_empty() && self.text.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push('>');
        out.push_str(&quick_xml::escape::escape(self.text.as_str()));
        if !self.children.is_empty() {
            out.push('\n');
            for child in &self.children {
                child.write(out, depth + 1);
            }
            out.push_str(&indent);
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push_str(">\n");
    }

    /// Appends the element with no whitespace between tags.
    fn write_compact(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        if self.children.is_empty() && self.text.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        out.push_str(&quick_xml::escape::escape(self.text.as_str()));
        for child in &self.children {
            child.write_compact(out);
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

/// An element name as read, refused unless it is an XML name: a letter, `_`
/// or `:`, then letters, digits, `_`, `-`, `.`, `:` or `·` (the reader takes
/// a name to the first space, so `< a/>` has an empty one and `<a"b>` a
/// quote in it; neither would be written back as the same document).
fn name(raw: &str) -> Result<&str, DatafeedError> {
    let mut chars = raw.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '_' | ':'))
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '\u{b7}'));
    if valid {
        Ok(raw)
    } else {
        let shown: String = raw.chars().take(40).collect();
        Err(DatafeedError::Xml(format!(
            "invalid element name {shown:?}"
        )))
    }
}

fn close(
    stack: &mut [Element],
    root: &mut Option<Element>,
    element: Element,
) -> Result<(), DatafeedError> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None if root.is_none() => *root = Some(element),
        None => return Err(DatafeedError::Xml("more than one root element".into())),
    }
    Ok(())
}

fn push_text(stack: &mut [Element], text: &str) -> Result<(), DatafeedError> {
    match stack.last_mut() {
        Some(top) => top.text.push_str(text),
        None if text.trim().is_empty() => {}
        None => return Err(DatafeedError::Xml("text outside the root element".into())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_text_cdata_entities_and_empty_elements() {
        let root = Element::parse(
            "<?xml version='1.0'?>\n<a>\n  <b>x &lt; &#x79;</b>\n  <c><![CDATA[<raw>]]></c>\n  <d/>\n  <e> </e>\n</a>",
        )
        .expect("parses");
        assert_eq!(root.text, "");
        assert_eq!(root.child_text("b"), Some("x < y"));
        assert_eq!(root.child_text("c"), Some("<raw>"));
        assert_eq!(root.child_text("d"), Some(""));
        assert_eq!(root.child_text("e"), Some(" "));
    }

    #[test]
    fn malformed_documents_are_errors() {
        for bad in [
            "",
            "<a>",
            "<a></b>",
            "<a/><b/>",
            "text",
            "<a>&bogus;</a>",
            "\u{1}\u{2}garbage<",
        ] {
            assert!(
                matches!(Element::parse(bad), Err(DatafeedError::Xml(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn writes_and_reads_back() {
        let mut root = Element::new("foxydata");
        root.children
            .push(Element::with_text("name", "Tom & \"Jerry\" <3"));
        root.children.push(Element::new("empty"));
        let text = root.to_document();
        assert_eq!(Element::parse(&text).expect("parses"), root);
    }
}
