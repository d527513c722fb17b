//! Signing the cart links and cart forms of an HTML fragment.
//!
//! A small, tolerant scanner finds tags and attributes (skipping comments,
//! `<script>`, `<style>` and `<textarea>` contents) and only the attributes
//! it signs are rewritten; every other byte of the document is kept.
//!
//! - `<a href>` whose path ends in `/cart`: the link is signed as by
//!   [`sign_url`](super::sign_url).
//! - `<form action>` whose path ends in `/cart`: hidden inputs and checkboxes
//!   get `name||<hash>`; text-like inputs and `<textarea>` are open fields
//!   (`name||<hash>||open`); every `<option>` of a `<select>` and every radio
//!   button gets `value||<hash>` (an option without a `value` attribute gets
//!   one, from its text). Buttons, files and radio buttons without a value
//!   are left alone. Codes come from hidden `code` inputs.
//!
//! ```
//! use foxy_proto::signing::{Secret, sign_html};
//!
//! let html = r#"<form action="https://x.foxycart.com/cart"><input type="hidden" name="code" value="mycode"></form>"#;
//! let signed = sign_html(&Secret::new("1"), html)?;
//! assert!(signed.contains(r#"name="code||43f429e41303929871266b879a880efce32b35bda757e70f527bc5c8e1353c0a""#));
//! # Ok::<(), foxy_proto::signing::SignError>(())
//! ```

use std::ops::Range;

use super::field::{FieldName, normalize};
use super::query::Products;
use super::{OPEN_VALUE, Secret, SignError, is_signable, sign_name, sign_url, sign_value, split_signature};

/// One attribute of a tag.
struct Attr {
    name: String,
    value: Option<String>,
    span: Option<Range<usize>>,
}

/// One start or end tag.
struct Tag {
    name: String,
    closing: bool,
    attrs: Vec<Attr>,
    /// Where `>` (or `/>`) starts: attributes are inserted here.
    close_at: usize,
    /// Just after the tag.
    end: usize,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
    fn value(&self, name: &str) -> Option<&str> {
        self.attr(name).and_then(|a| a.value.as_deref())
    }
}

/// Tags whose content is raw text, never markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

fn scan(html: &str) -> Vec<Tag> {
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(offset) = html.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + offset;
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            i = lower[start + 4..].find("-->").map_or(html.len(), |p| start + 4 + p + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = lower[start..].find('>').map_or(html.len(), |p| start + p + 1);
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
        tags.push(Tag { name, closing, attrs, close_at, end });
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
fn decode_entities(raw: &str) -> String {
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

/// A double-quoted attribute value.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('&', "&amp;").replace('"', "&quot;"))
}

fn is_cart_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    path == "cart" || path.ends_with("/cart") || path.ends_with("/cart/")
}

/// A field of a cart form.
enum Control {
    /// Signed with its value on the name.
    Fixed { name: Named, value: String },
    /// Signed with `--OPEN--` on the name.
    Open { name: Named },
    /// Each choice's value is signed.
    Choice { name: String, choices: Vec<Choice> },
}

struct Named {
    text: String,
    span: Range<usize>,
}

struct Choice {
    value: String,
    span: Option<Range<usize>>,
    insert_at: usize,
}

fn named(tag: &Tag) -> Option<Named> {
    let attr = tag.attr("name")?;
    Some(Named { text: attr.value.clone()?, span: attr.span.clone()? })
}

fn control(tag: &Tag) -> Option<Control> {
    let kind = tag.value("type").unwrap_or("text").to_ascii_lowercase();
    match kind.as_str() {
        "submit" | "button" | "image" | "reset" | "file" => None,
        "hidden" | "checkbox" => Some(Control::Fixed {
            name: named(tag)?,
            value: tag.value("value").unwrap_or(if kind == "checkbox" { "on" } else { "" }).to_owned(),
        }),
        "radio" => {
            let value = tag.attr("value")?;
            Some(Control::Choice {
                name: tag.value("name")?.to_owned(),
                choices: vec![Choice { value: value.value.clone()?, span: value.span.clone(), insert_at: tag.close_at }],
            })
        }
        _ => Some(Control::Open { name: named(tag)? }),
    }
}

/// Signs the cart links and cart forms of an HTML fragment.
///
/// # Errors
/// [`SignError::MissingCode`] when a cart link or form has a product with
/// fields to sign but no code; [`SignError::InvalidEncoding`] for a link
/// field that is not UTF-8.
pub fn sign_html(secret: &Secret, html: &str) -> Result<String, SignError> {
    let tags = scan(html);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut form: Option<Vec<Control>> = None;
    let mut select: Option<(String, Vec<Choice>)> = None;
    for tag in &tags {
        match (tag.name.as_str(), tag.closing) {
            ("a", false) => {
                if let Some(attr) = tag.attr("href")
                    && let (Some(href), Some(span)) = (&attr.value, &attr.span)
                    && is_cart_url(href)
                {
                    let signed = sign_url(secret, href)?;
                    if &signed != href {
                        edits.push((span.clone(), quoted(&signed)));
                    }
                }
            }
            ("form", false) => {
                form = tag.value("action").filter(|a| is_cart_url(a)).map(|_| Vec::new());
            }
            ("form", true) => {
                if let Some(controls) = form.take() {
                    sign_form(secret, controls, &mut edits)?;
                }
            }
            ("input", false) => {
                if let (Some(controls), Some(c)) = (form.as_mut(), control(tag)) {
                    controls.push(c);
                }
            }
            ("textarea", false) => {
                if let (Some(controls), Some(name)) = (form.as_mut(), named(tag)) {
                    controls.push(Control::Open { name });
                }
            }
            ("select", false) if form.is_some() => {
                select = tag.value("name").map(|name| (name.to_owned(), Vec::new()));
            }
            ("option", false) => {
                if let Some((_, choices)) = select.as_mut() {
                    let text = html.get(tag.end..).and_then(|t| t.split('<').next()).unwrap_or("");
                    let attr = tag.attr("value");
                    let value = match attr.and_then(|a| a.value.clone()) {
                        Some(value) => value,
                        None => decode_entities(text).split_whitespace().collect::<Vec<_>>().join(" "),
                    };
                    choices.push(Choice { value, span: attr.and_then(|a| a.span.clone()), insert_at: tag.close_at });
                }
            }
            ("select", true) => {
                if let (Some(controls), Some((name, choices))) = (form.as_mut(), select.take()) {
                    controls.push(Control::Choice { name, choices });
                }
            }
            _ => {}
        }
    }
    if let Some(controls) = form {
        sign_form(secret, controls, &mut edits)?;
    }
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(html.len() + edits.len() * 70);
    let mut at = 0;
    for (span, text) in edits {
        out.push_str(&html[at..span.start]);
        out.push_str(&text);
        at = span.end;
    }
    out.push_str(&html[at..]);
    Ok(out)
}

fn sign_form(secret: &Secret, controls: Vec<Control>, edits: &mut Vec<(Range<usize>, String)>) -> Result<(), SignError> {
    let products = Products::collect(controls.iter().filter_map(|c| match c {
        Control::Fixed { name, value } => Some((name.text.as_str(), value.as_str())),
        _ => None,
    }));
    for control in controls {
        let raw_name = match &control {
            Control::Fixed { name, .. } | Control::Open { name } => name.text.as_str(),
            Control::Choice { name, .. } => name.as_str(),
        };
        if !is_signable(raw_name) {
            continue;
        }
        let normalized = normalize(raw_name);
        let field = FieldName::parse(&normalized);
        let product = field.product;
        let codes = || products.codes(product).ok_or(SignError::MissingCode { product });
        match &control {
            Control::Fixed { value, .. } if split_signature(value).is_some() => {}
            Control::Fixed { name, value } => {
                let (code, parent) = codes()?;
                let signed = sign_name(secret, code, parent, field.name, value);
                edits.push((name.span.clone(), quoted(&format!("{}{signed}", field.prefix))));
            }
            Control::Open { name } => {
                let (code, parent) = codes()?;
                let signed = sign_name(secret, code, parent, field.name, OPEN_VALUE);
                edits.push((name.span.clone(), quoted(&format!("{}{signed}", field.prefix))));
            }
            Control::Choice { choices, .. } => {
                for choice in choices.iter().filter(|c| split_signature(&c.value).is_none()) {
                    let (code, parent) = codes()?;
                    let signed = quoted(&sign_value(secret, code, parent, field.name, &choice.value));
                    match &choice.span {
                        Some(span) => edits.push((span.clone(), signed)),
                        None => edits.push((choice.insert_at..choice.insert_at, format!(" value={signed}"))),
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_tolerates_odd_markup() {
        let tags = scan("<p class=x>1 < 2<!-- <a href='/cart?x'> --><script>if (a<b) {}</script><A HREF='y' >");
        let names: Vec<_> = tags.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(names, [("p", false), ("script", false), ("script", true), ("a", false)]);
        assert_eq!(tags[3].value("href"), Some("y"));
    }

    #[test]
    fn entities_decode() {
        assert_eq!(decode_entities("a&amp;b&#38;c&#x26;d&nbsp;&"), "a&b&c&d&nbsp;&");
    }

    #[test]
    fn cart_urls() {
        assert!(is_cart_url("https://x.foxycart.com/cart?name=a"));
        assert!(is_cart_url("/cart/"));
        assert!(!is_cart_url("https://x.test/cartography"));
    }
}
