//! The HAL+XML reader's fast tokenizer (see [`super::xml_read`]): the plain
//! XML our writers and Foxy produce, read straight into quick-xml's events.

use quick_xml::events::{BytesEnd, BytesRef, BytesStart, BytesText, Event};

/// The fast pass's tokenizer: quick-xml's events for the plain XML the
/// writers produce, `None` (give up) on anything else. It takes a subset of
/// what quick-xml reads, so that what it reads, quick-xml reads too and into
/// the same events: an optional `<?xml version="1.0" encoding="UTF-8"?>` at
/// the very start; tags `<name attr="value" ...>`, `<name .../>` and
/// `</name>` with ASCII names, single spaces between attributes, values in
/// double quotes without `<` or `>` (references and whitespace in them are
/// resolved and normalized by quick-xml in both passes), end tags
/// matching their start tags; text without `>` or control characters other
/// than tab and line ends; references `&name;` and `&#...;` (resolved by the
/// reader as quick-xml's are). No comments, CDATA, processing instructions
/// or DOCTYPE.
pub(super) struct Plain<'a> {
    text: &'a str,
    pos: usize,
    /// The names of the open elements, innermost last.
    open: Vec<&'a str>,
}

/// The XML declaration the writers write.
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

impl<'a> Plain<'a> {
    pub(super) fn new(text: &'a str) -> Plain<'a> {
        Plain {
            text,
            pos: if text.starts_with(DECL) {
                DECL.len()
            } else {
                0
            },
            open: Vec::new(),
        }
    }

    pub(super) fn next(&mut self) -> Option<Event<'a>> {
        let b = self.text.as_bytes();
        let start = self.pos;
        match b.get(start) {
            None if self.open.is_empty() => Some(Event::Eof),
            None => None,
            Some(b'<') => self.tag(),
            Some(b'&') => {
                let len = b[start + 1..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'#'))?;
                if len == 0 || b.get(start + 1 + len) != Some(&b';') {
                    return None;
                }
                self.pos = start + len + 2;
                let name = self.text.get(start + 1..start + 1 + len)?;
                Some(Event::GeneralRef(BytesRef::new(name)))
            }
            Some(_) => {
                let mut i = start;
                while let Some(&c) = b.get(i) {
                    match c {
                        b'<' | b'&' => break,
                        b'>' => return None,
                        0..0x20 if !matches!(c, b'\t' | b'\n' | b'\r') => return None,
                        _ => i += 1,
                    }
                }
                self.pos = i;
                Some(Event::Text(BytesText::from_escaped(
                    self.text.get(start..i)?,
                )))
            }
        }
    }

    /// The end of the name starting at `at` (`None` if there is none).
    fn name(&self, at: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let first = *b.get(at)?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let len = b[at..]
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')))
            .unwrap_or(b.len() - at);
        Some(at + len)
    }

    /// A tag; `self.pos` is at its `<`.
    fn tag(&mut self) -> Option<Event<'a>> {
        let b = self.text.as_bytes();
        let start = self.pos + 1;
        if b.get(start) == Some(&b'/') {
            let end = self.name(start + 1)?;
            let name = self.text.get(start + 1..end)?;
            if b.get(end) != Some(&b'>') || self.open.pop() != Some(name) {
                return None;
            }
            self.pos = end + 1;
            return Some(Event::End(BytesEnd::new(name)));
        }
        let name_end = self.name(start)?;
        let mut i = name_end;
        loop {
            match *b.get(i)? {
                b'>' => {
                    self.open.push(self.text.get(start..name_end)?);
                    self.pos = i + 1;
                    let content = self.text.get(start..i)?;
                    return Some(Event::Start(BytesStart::from_content(
                        content,
                        name_end - start,
                    )));
                }
                b'/' if b.get(i + 1) == Some(&b'>') => {
                    self.pos = i + 2;
                    let content = self.text.get(start..i)?;
                    return Some(Event::Empty(BytesStart::from_content(
                        content,
                        name_end - start,
                    )));
                }
                b' ' => {
                    let key_end = self.name(i + 1)?;
                    if b.get(key_end..key_end + 2) != Some(b"=\"") {
                        return None;
                    }
                    let value = key_end + 2;
                    let len = b[value..]
                        .iter()
                        .position(|&c| matches!(c, b'"' | b'<' | b'>'))?;
                    if b[value + len] != b'"' {
                        return None;
                    }
                    i = value + len + 1;
                }
                _ => return None,
            }
        }
    }
}
