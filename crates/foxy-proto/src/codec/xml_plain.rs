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

/// The bytes that may follow a name's first: ASCII letters and digits, `_`, `-`, `.`.
const NAME_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.';
        c += 1;
    }
    table
};

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
                loop {
                    i = scan(b, i, [b'<', b'&', b'>'], true);
                    match b.get(i) {
                        None | Some(b'<' | b'&') => break,
                        Some(b'\t' | b'\n' | b'\r') => i += 1,
                        Some(_) => return None,
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
            .position(|&c| !NAME_BYTE[usize::from(c)])
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
                    let end = scan(b, key_end + 2, [b'"', b'<', b'>'], false);
                    if b.get(end) != Some(&b'"') {
                        return None;
                    }
                    i = end + 1;
                }
                _ => return None,
            }
        }
    }
}

/// The first index from `i` holding one of `stops` or, with `controls`, a
/// byte below 0x20; `b.len()` if none: eight bytes at a time, then byte by byte.
#[inline]
pub(super) fn scan<const N: usize>(
    b: &[u8],
    mut i: usize,
    stops: [u8; N],
    controls: bool,
) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(bytes);
        // Each term flags its matching bytes; a borrow only flags bytes
        // above a real hit, so the lowest flagged byte is always one.
        let mut hits = if controls {
            x.wrapping_sub(LO * 0x20) & !x
        } else {
            0
        };
        for stop in stops {
            let q = x ^ (LO * u64::from(stop));
            hits |= q.wrapping_sub(LO) & !q;
        }
        let hits = hits & HI;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if stops.contains(&c) || (controls && c < 0x20) {
            break;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::scan;

    /// The name table holds exactly the bytes it says.
    #[test]
    fn name_bytes() {
        for c in 0..=255u8 {
            let want = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
            assert_eq!(super::NAME_BYTE[usize::from(c)], want, "{c}");
        }
    }

    /// The word-at-a-time scan finds what a byte-by-byte search finds.
    #[test]
    fn scan_finds_the_first_stop() {
        let text = b"abcdefgh ijklmno\tpq&rs<tu>vw\"xyz\x01 \xc3\xa9\x7f\x80\xff end";
        for from in 0..text.len() {
            for controls in [false, true] {
                let want = (from..text.len())
                    .find(|&i| b"<&>".contains(&text[i]) || (controls && text[i] < 0x20))
                    .unwrap_or(text.len());
                assert_eq!(scan(text, from, [b'<', b'&', b'>'], controls), want);
                let want = (from..text.len())
                    .find(|&i| text[i] == b'"')
                    .unwrap_or(text.len());
                assert_eq!(scan(text, from, [b'"'], false), want);
            }
        }
    }
}
