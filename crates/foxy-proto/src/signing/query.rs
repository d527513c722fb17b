//! Form encoding of signed field names, and the products a set of fields
//! describes.
//!
//! Values are written by [`crate::form::encode_unreserved`]: ASCII letters,
//! digits and `-._~` as they are, a space as `+`, every other byte as `%XX`.

use std::collections::BTreeMap;

use percent_encoding::{AsciiSet, percent_encode};

use super::field::{FieldName, normalize, split_signature};
use crate::form::UNRESERVED;

/// Bytes written as `%XX` in signed field names: as values
/// ([`crate::form::encode_unreserved`]), but the `||` of the signature and
/// the `:` of the product prefix stay readable. `form_urlencoded` has no
/// way to keep chosen bytes, hence `percent_encoding` here.
const FORM_NAME: &AsciiSet = &UNRESERVED.remove(b'|').remove(b':');

/// Form-encodes a field name, keeping `|` and `:` readable.
pub(crate) fn encode_name(name: &str) -> String {
    percent_encode(name.as_bytes(), FORM_NAME)
        .to_string()
        .replace(' ', "+")
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
        use crate::form::{decode_str, encode_unreserved};
        assert_eq!(encode_unreserved(b"Some Other Thing"), "Some+Other+Thing");
        assert_eq!(encode_unreserved(b"red{p+1.50}"), "red%7Bp%2B1.50%7D");
        assert_eq!(encode_unreserved(b"a-b_c.d~e*"), "a-b_c.d~e%2A");
        assert_eq!(encode_name("2:name||ab"), "2:name||ab");
        assert_eq!(encode_name("a b*"), "a+b%2A");
        assert_eq!(decode_str("a+b%20c").as_deref(), Some("a b c"));
        assert_eq!(decode_str("100%").as_deref(), Some("100%"));
        assert_eq!(decode_str("%FF"), None);
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
