//! Form encoding of query fields, and the products a set of fields describes.
//!
//! Values are written the way form encoders do: ASCII letters, digits and
//! `-._~` as they are, a space as `+`, every other byte as `%XX`.

use std::collections::BTreeMap;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, percent_encode};

use super::field::{FieldName, normalize, split_signature};

/// Bytes written as `%XX` in form values (a space is handled separately).
pub(crate) const FORM_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b' ');

/// Bytes written as `%XX` in signed field names: as values, but the `||` of
/// the signature and the `:` of the product prefix stay readable.
const FORM_NAME: &AsciiSet = &FORM_VALUE.remove(b'|').remove(b':');

/// Form-encodes bytes: `-._~` and alphanumerics as they are, space as `+`.
pub(crate) fn encode_form_bytes(bytes: &[u8]) -> String {
    percent_encode(bytes, FORM_VALUE)
        .to_string()
        .replace(' ', "+")
}

/// Form-encodes a field name, keeping `|` and `:` readable.
pub(crate) fn encode_name(name: &str) -> String {
    percent_encode(name.as_bytes(), FORM_NAME)
        .to_string()
        .replace(' ', "+")
}

/// Decodes one form-encoded component (`+` is a space); malformed `%`
/// sequences are kept as written. `None` when the bytes are not UTF-8.
pub(crate) fn decode_component(raw: &str) -> Option<String> {
    let spaced = raw.replace('+', " ");
    percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|text| text.into_owned())
}

/// The `code` and `parent_code` of each product of a link or form.
#[derive(Debug, Default)]
pub(crate) struct Products {
    codes: BTreeMap<u32, Codes>,
}

#[derive(Debug, Default)]
struct Codes {
    code: Option<String>,
    parent_code: Option<String>,
}

impl Products {
    /// Collects codes from decoded `(name, value)` pairs; names and values may
    /// already carry signatures, which are ignored here.
    pub(crate) fn collect<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Products {
        let mut products = Products::default();
        for (raw_name, raw_value) in fields {
            let name = normalize(raw_name);
            let name = split_signature(&name).map_or(name.as_str(), |(base, _)| base);
            let value = split_signature(raw_value).map_or(raw_value, |(base, _)| base);
            let field = FieldName::parse(name);
            let entry = products.codes.entry(field.product).or_default();
            let slot = match field.name {
                "code" => &mut entry.code,
                "parent_code" => &mut entry.parent_code,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value.to_owned());
            }
        }
        products
    }

    /// The `(code, parent_code)` of `product`; `None` without a code.
    pub(crate) fn codes(&self, product: u32) -> Option<(&str, &str)> {
        let entry = self.codes.get(&product)?;
        let code = entry.code.as_deref()?;
        Some((code, entry.parent_code.as_deref().unwrap_or("")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_form_encoded() {
        assert_eq!(encode_form_bytes(b"Some Other Thing"), "Some+Other+Thing");
        assert_eq!(encode_form_bytes(b"red{p+1.50}"), "red%7Bp%2B1.50%7D");
        assert_eq!(encode_form_bytes(b"a-b_c.d~e*"), "a-b_c.d~e%2A");
        assert_eq!(encode_name("2:name||ab"), "2:name||ab");
    }

    #[test]
    fn components_decode() {
        assert_eq!(decode_component("a+b%20c").as_deref(), Some("a b c"));
        assert_eq!(decode_component("100%").as_deref(), Some("100%"));
        assert_eq!(decode_component("%FF"), None);
    }

    #[test]
    fn codes_per_product() {
        let products = Products::collect([
            ("code", "a"),
            ("2:code", "b"),
            ("2:parent_code", "a"),
            ("3:name", "x"),
        ]);
        assert_eq!(products.codes(1), Some(("a", "")));
        assert_eq!(products.codes(2), Some(("b", "a")));
        assert_eq!(products.codes(3), None);
    }
}
