//! A small, tolerant HTML tag scanner: start and end tags with their
//! attributes and byte spans, skipping comments, declarations and the
//! contents of raw-text elements (`<script>`, `<style>`, `<textarea>`,
//! `<title>`). It never fails: malformed markup ends a tag or the scan early.

use std::ops::Range;

/// One attribute of a tag.
pub(super) struct Attr {
    pub(super) name: String,
    pub(super) value: Option<String>,
    pub(super) span: Option<Range<usize>>,
}

/// One start or end tag.
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) closing: bool,
    pub(super) attrs: Vec<Attr>,
    /// Where `>` (or `/>`) starts: attributes are inserted here.
    pub(super) close_at: usize,
    /// Just after the tag.
    pub(super) end: usize,
}

impl Tag {
    pub(super) fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
    pub(super) fn value(&self, name: &str) -> Option<&str> {
        self.attr(name).and_then(|a| a.value.as_deref())
    }
}

/// Tags whose content is raw text, never markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

pub(super) fn scan(html: &str) -> Vec<Tag> {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(offset) = html.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + offset;
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            i = lower[start + 4..]
                .find("-->")
                .map_or(html.len(), |p| start + 4 + p + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = lower[start..]
                .find('>')
                .map_or(html.len(), |p| start + p + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = lower[name_start..name_start + name_len].to_owned();
        let (attrs, close_at, end) = parse_attrs(html, name_start + name_len);
        i = end;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            let needle = format!("</{name}");
            i = lower[end..].find(&needle).map_or(html.len(), |p| end + p);
        }
        tags.push(Tag {
            name,
            closing,
            attrs,
            close_at,
            end,
        });
    }
    tags
}

fn parse_attrs(html: &str, mut i: usize) -> (Vec<Attr>, usize, usize) {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut attrs = Vec::new();
    loop {
        while i < len && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= len {
            return (attrs, len, len);
        }
        match bytes[i] {
            b'>' => return (attrs, i, i + 1),
            b'/' if bytes.get(i + 1) == Some(&b'>') => return (attrs, i, i + 2),
            b'/' | b'=' | b'"' | b'\'' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let name_start = i;
        while i < len && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < len && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let (mut value, mut span) = (None, None);
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < len && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let value_start = j;
            let (raw, value_end) = match bytes.get(j) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let close = html[j + 1..].find(quote as char).map_or(len, |p| j + 1 + p);
                    (&html[j + 1..close], (close + 1).min(len))
                }
                _ => {
                    while j < len && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    (&html[value_start..j], j)
                }
            };
            value = Some(decode_entities(raw));
            span = Some(value_start..value_end);
            i = value_end;
        }
        attrs.push(Attr { name, value, span });
    }
}

/// Decodes the common character references of an attribute value or text.
pub(super) fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|s| *s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity.strip_prefix('#').and_then(|num| {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_tolerates_odd_markup() {
        let tags = scan(
            "<p class=x>1 < 2<!-- <a href='/cart?x'> --><script>if (a<b) {}</script><A HREF='y' >",
        );
        let names: Vec<_> = tags.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(
            names,
            [
                ("p", false),
                ("script", false),
                ("script", true),
                ("a", false)
            ]
        );
        assert_eq!(tags[3].value("href"), Some("y"));
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a&amp;b&#38;c&#x26;d&nbsp;&"),
            "a&b&c&d&nbsp;&"
        );
    }
}
