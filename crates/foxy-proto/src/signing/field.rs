//! Signing one field: the hash, the signed name or value, and the rules for
//! which fields are signed at all.
//!
//! ```
//! use foxy_proto::signing::{Secret, sign_name, sign_value};
//!
//! let secret = Secret::new("1");
//! assert_eq!(
//!     sign_name(&secret, "mycode", "", "price", "123.00"),
//!     "price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66",
//! );
//! assert!(sign_name(&secret, "ABC123", "", "name", "--OPEN--").ends_with("||open"));
//! assert!(sign_value(&secret, "ABC123", "", "size", "small{p-2}").starts_with("small{p-2}||"));
//! ```

use super::{Secret, hmac_sha256_hex};

/// The value hashed for a field the customer edits (an "open" field).
pub const OPEN_VALUE: &str = "--OPEN--";

/// Field names Foxy never checks against a signature.
const NEVER_SIGNED: &[&str] = &[
    "cart",
    "fcsid",
    "empty",
    "coupon",
    "output",
    "redirect",
    "callback",
    "locale",
    "template_set",
];

/// Name prefixes Foxy never checks against a signature.
const NEVER_SIGNED_PREFIXES: &[&str] = &[
    "customer_",
    "billing_",
    "shipping_",
    "h:",
    "x:",
    "__",
    "utm_",
];

/// Lowercase hex of HMAC-SHA256 (key: the store secret) over
/// `code + parent_code + name + value`.
///
/// `name` is used as given: strip any `2:` product prefix and turn spaces into
/// `_` first (see [`FieldName`]). Open fields pass [`OPEN_VALUE`] as `value`.
pub fn field_hash(
    secret: &Secret,
    code: &str,
    parent_code: &str,
    name: &str,
    value: &str,
) -> String {
    let message = [code, parent_code, name, value].concat();
    hmac_sha256_hex(secret.as_bytes(), message.as_bytes())
}

/// The signed field name `name||<hash>`, or `name||<hash>||open` when
/// `value` is [`OPEN_VALUE`]. Spaces in `name` become `_`.
pub fn sign_name(
    secret: &Secret,
    code: &str,
    parent_code: &str,
    name: &str,
    value: &str,
) -> String {
    let name = normalize(name);
    let hash = field_hash(secret, code, parent_code, &name, value);
    let open = if value == OPEN_VALUE { "||open" } else { "" };
    format!("{name}||{hash}{open}")
}

/// The signed value `value||<hash>`, for `<select>` options and radio
/// buttons. Spaces in `name` become `_` before hashing.
pub fn sign_value(
    secret: &Secret,
    code: &str,
    parent_code: &str,
    name: &str,
    value: &str,
) -> String {
    let hash = field_hash(secret, code, parent_code, &normalize(name), value);
    format!("{value}||{hash}")
}

/// Spaces in field names become `_` (as PHP does with form field names).
pub(crate) fn normalize(name: &str) -> String {
    name.replace(' ', "_")
}

/// A field name split into its product prefix and its bare name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldName<'a> {
    /// The product this field belongs to: the `2` of `2:name`, `1` without a prefix.
    pub product: u32,
    /// The prefix as written (`"2:"`), or `""`.
    pub prefix: &'a str,
    /// The name without the prefix.
    pub name: &'a str,
}

impl<'a> FieldName<'a> {
    /// Splits `2:name` into product 2 and `name`; a name without a numeric
    /// prefix belongs to product 1.
    pub fn parse(raw: &'a str) -> FieldName<'a> {
        if let Some((digits, rest)) = raw.split_once(':')
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Ok(product) = digits.parse::<u32>()
        {
            return FieldName {
                product,
                prefix: &raw[..=digits.len()],
                name: rest,
            };
        }
        FieldName {
            product: 1,
            prefix: "",
            name: raw,
        }
    }
}

/// A signature found at the end of a name or value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The 64 hex digits of the hash.
    pub hash: String,
    /// Whether the `||open` suffix follows the hash.
    pub open: bool,
}

/// Splits `text||<64 hex>` (optionally followed by `||open`) into the text
/// and its signature; `None` when `text` carries no signature.
pub fn split_signature(text: &str) -> Option<(&str, Signature)> {
    let (body, open) = match text.strip_suffix("||open") {
        Some(body) => (body, true),
        None => (text, false),
    };
    let split = body.len().checked_sub(66)?;
    let (base, tail) = (body.get(..split)?, body.get(split..)?);
    let hash = tail.strip_prefix("||")?;
    if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some((
            base,
            Signature {
                hash: hash.to_ascii_lowercase(),
                open,
            },
        ))
    } else {
        None
    }
}

/// Whether Foxy checks this field (as written, with any `2:` prefix) against
/// a signature.
///
/// Never signed: `cart`, `fcsid`, `empty`, `coupon`, `output`, `redirect`,
/// `callback`, `locale`, `template_set`, names starting with `customer_`,
/// `billing_`, `shipping_`, `h:`, `x:`, `__` or `utm_`, empty names, and
/// fields that already carry a signature.
pub fn is_signable(raw_name: &str) -> bool {
    let raw = normalize(raw_name);
    if raw.is_empty() || split_signature(&raw).is_some() || has_never_prefix(&raw) {
        return false;
    }
    let field = FieldName::parse(&raw);
    !(field.name.is_empty() || NEVER_SIGNED.contains(&field.name) || has_never_prefix(field.name))
}

fn has_never_prefix(name: &str) -> bool {
    NEVER_SIGNED_PREFIXES.iter().any(|p| name.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_split() {
        let f = FieldName::parse("2:name");
        assert_eq!((f.product, f.prefix, f.name), (2, "2:", "name"));
        let f = FieldName::parse("name");
        assert_eq!((f.product, f.prefix, f.name), (1, "", "name"));
        let f = FieldName::parse("h:foo");
        assert_eq!((f.product, f.name), (1, "h:foo"));
    }

    #[test]
    fn signatures_are_found_at_the_end() {
        let hash = "a".repeat(64);
        let signed = format!("price||{hash}");
        let (base, sig) = split_signature(&signed).expect("signed");
        assert_eq!((base, sig.open), ("price", false));
        let open = format!("quantity||{hash}||open");
        let (base, sig) = split_signature(&open).expect("signed");
        assert_eq!((base, sig.open), ("quantity", true));
        assert!(split_signature("price||open").is_none());
        assert!(split_signature(&format!("price||{}", "g".repeat(64))).is_none());
        assert!(split_signature("price").is_none());
    }

    #[test]
    fn never_signed_fields() {
        for name in [
            "cart",
            "fcsid",
            "empty",
            "coupon",
            "output",
            "redirect",
            "callback",
            "locale",
            "template_set",
            "customer_email",
            "billing_city",
            "shipping_zip",
            "h:note",
            "x:ref",
            "__utmz",
            "utm_source",
            "2:cart",
            "",
        ] {
            assert!(!is_signable(name), "{name}");
        }
        for name in [
            "name",
            "price",
            "2:price",
            "quantity",
            "other atribute",
            "code",
        ] {
            assert!(is_signable(name), "{name}");
        }
        assert!(!is_signable(&format!("price||{}", "0".repeat(64))));
    }
}
