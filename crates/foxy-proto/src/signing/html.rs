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
use super::scan::{Tag, decode_entities, scan};
use super::{
    OPEN_VALUE, Secret, SignError, is_signable, sign_name, sign_url, sign_value, split_signature,
};

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
    Some(Named {
        text: attr.value.clone()?,
        span: attr.span.clone()?,
    })
}

fn control(tag: &Tag) -> Option<Control> {
    let kind = tag.value("type").unwrap_or("text").to_ascii_lowercase();
    match kind.as_str() {
        "submit" | "button" | "image" | "reset" | "file" => None,
        "hidden" | "checkbox" => Some(Control::Fixed {
            name: named(tag)?,
            value: tag
                .value("value")
                .unwrap_or(if kind == "checkbox" { "on" } else { "" })
                .to_owned(),
        }),
        "radio" => {
            let value = tag.attr("value")?;
            Some(Control::Choice {
                name: tag.value("name")?.to_owned(),
                choices: vec![Choice {
                    value: value.value.clone()?,
                    span: value.span.clone(),
                    insert_at: tag.close_at,
                }],
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
                form = tag
                    .value("action")
                    .filter(|a| is_cart_url(a))
                    .map(|_| Vec::new());
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
                    let text = html
                        .get(tag.end..)
                        .and_then(|t| t.split('<').next())
                        .unwrap_or("");
                    let attr = tag.attr("value");
                    let value = match attr.and_then(|a| a.value.clone()) {
                        Some(value) => value,
                        None => decode_entities(text)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                    };
                    choices.push(Choice {
                        value,
                        span: attr.and_then(|a| a.span.clone()),
                        insert_at: tag.close_at,
                    });
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

fn sign_form(
    secret: &Secret,
    controls: Vec<Control>,
    edits: &mut Vec<(Range<usize>, String)>,
) -> Result<(), SignError> {
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
        let codes = || {
            products
                .codes(product)
                .ok_or(SignError::MissingCode { product })
        };
        match &control {
            Control::Fixed { value, .. } if split_signature(value).is_some() => {}
            Control::Fixed { name, value } => {
                let (code, parent) = codes()?;
                let signed = sign_name(secret, code, parent, field.name, value);
                edits.push((
                    name.span.clone(),
                    quoted(&format!("{}{signed}", field.prefix)),
                ));
            }
            Control::Open { name } => {
                let (code, parent) = codes()?;
                let signed = sign_name(secret, code, parent, field.name, OPEN_VALUE);
                edits.push((
                    name.span.clone(),
                    quoted(&format!("{}{signed}", field.prefix)),
                ));
            }
            Control::Choice { choices, .. } => {
                for choice in choices
                    .iter()
                    .filter(|c| split_signature(&c.value).is_none())
                {
                    let (code, parent) = codes()?;
                    let signed =
                        quoted(&sign_value(secret, code, parent, field.name, &choice.value));
                    match &choice.span {
                        Some(span) => edits.push((span.clone(), signed)),
                        None => edits.push((
                            choice.insert_at..choice.insert_at,
                            format!(" value={signed}"),
                        )),
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
    fn cart_urls() {
        assert!(is_cart_url("https://x.foxycart.com/cart?name=a"));
        assert!(is_cart_url("/cart/"));
        assert!(!is_cart_url("https://x.test/cartography"));
    }
}
