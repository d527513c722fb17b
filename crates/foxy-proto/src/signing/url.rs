//! Signing and verifying a whole cart link.
//!
//! Every signable query field becomes `name||<hash>=value` (the name with
//! spaces turned into `_`, the value form-encoded with `+` for spaces). Fields
//! Foxy never checks, and fields already signed, are kept exactly as written.
//!
//! ```
//! use foxy_proto::signing::{Secret, sign_url};
//!
//! let signed = sign_url(&Secret::new("1"), "/cart?code=mycode&name=testname&cart=checkout")?;
//! assert_eq!(
//!     signed,
//!     "/cart?code||43f429e41303929871266b879a880efce32b35bda757e70f527bc5c8e1353c0a=mycode\
//!      &name||07f23df6159ba32f01de36db07bf998d7661bda812a7c0d597cfacdefe0f0064=testname&cart=checkout",
//! );
//! # Ok::<(), foxy_proto::signing::SignError>(())
//! ```

use super::field::{FieldName, normalize};
use super::query::{Products, encode_name};
use super::{
    OPEN_VALUE, Secret, SignError, ct_eq, field_hash, is_signable, sign_name, split_signature,
};
use crate::form::{decode_str as decode_component, encode_unreserved};

/// The outcome of [`verify_url`]: how many fields were checked and which failed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verification {
    /// The number of signable fields examined.
    pub checked: usize,
    /// The fields that failed, in query order.
    pub failures: Vec<FieldFailure>,
}

impl Verification {
    /// True when no field failed.
    pub fn is_valid(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One field that failed verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldFailure {
    /// The field name as written, with any `2:` prefix, without its signature.
    pub name: String,
    /// Why it failed.
    pub reason: FailureReason,
}

/// Why a field failed verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailureReason {
    /// The field should be signed and is not.
    Unsigned,
    /// The signature does not match the name and value (tampering).
    Mismatch,
    /// The field's product has no `code`, so nothing can be checked.
    MissingCode,
}

/// One `name=value` part of a query.
struct QueryField<'a> {
    raw: &'a str,
    name: Option<String>,
    value: Option<String>,
}

fn parse_query(query: &str) -> Vec<QueryField<'_>> {
    query
        .split('&')
        .map(|raw| {
            let (name, value) = raw.split_once('=').unwrap_or((raw, ""));
            QueryField {
                raw,
                name: decode_component(name),
                value: decode_component(value),
            }
        })
        .collect()
}

/// Splits a URL into what precedes the query, the query, and the fragment.
fn split_url(url: &str) -> Option<(&str, &str, Option<&str>)> {
    let (base, rest) = url.split_once('?')?;
    Some(match rest.split_once('#') {
        Some((query, fragment)) => (base, query, Some(fragment)),
        None => (base, rest, None),
    })
}

/// Signs every signable field of a cart link's query string.
///
/// # Errors
/// [`SignError::MissingCode`] when a product has fields to sign but no
/// `code`; [`SignError::InvalidEncoding`] when a field to sign is not UTF-8.
pub fn sign_url(secret: &Secret, url: &str) -> Result<String, SignError> {
    let Some((base, query, fragment)) = split_url(url) else {
        return Ok(url.to_owned());
    };
    let fields = parse_query(query);
    let products = Products::collect(
        fields
            .iter()
            .filter_map(|f| Some((f.name.as_deref()?, f.value.as_deref()?))),
    );
    let mut parts = Vec::with_capacity(fields.len());
    for field in &fields {
        let signable = field.name.as_deref().is_some_and(is_signable);
        let (Some(name), Some(value)) = (&field.name, &field.value) else {
            if signable
                || field.name.is_none() && !field.raw.is_empty() && looks_signable(field.raw)
            {
                return Err(SignError::InvalidEncoding {
                    field: field.raw.to_owned(),
                });
            }
            parts.push(field.raw.to_owned());
            continue;
        };
        if !signable || split_signature(value).is_some() {
            parts.push(field.raw.to_owned());
            continue;
        }
        let name = normalize(name);
        let parsed = FieldName::parse(&name);
        let (code, parent) = products
            .codes(parsed.product)
            .ok_or(SignError::MissingCode {
                product: parsed.product,
            })?;
        let signed = sign_name(secret, code, parent, parsed.name, value);
        parts.push(format!(
            "{}={}",
            encode_name(&format!("{}{signed}", parsed.prefix)),
            encode_unreserved(value.as_bytes())
        ));
    }
    let mut out = format!("{base}?{}", parts.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    Ok(out)
}

/// Whether a field whose name does not decode would be signed (judged on the
/// raw text, undecodable bytes replaced).
fn looks_signable(raw: &str) -> bool {
    let name = raw.split_once('=').map_or(raw, |(name, _)| name);
    let lossy = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
    is_signable(&lossy)
}

/// Checks the signatures of a cart link's query string.
///
/// Returns which signable fields failed; a changed price shows up as a
/// [`FailureReason::Mismatch`] on `price`.
///
/// # Errors
/// [`SignError::InvalidEncoding`] when a field is not UTF-8.
pub fn verify_url(secret: &Secret, url: &str) -> Result<Verification, SignError> {
    let mut report = Verification::default();
    let Some((_, query, _)) = split_url(url) else {
        return Ok(report);
    };
    let fields = parse_query(query);
    let mut decoded = Vec::with_capacity(fields.len());
    for field in &fields {
        match (&field.name, &field.value) {
            (Some(name), Some(value)) => decoded.push((normalize(name), value.as_str())),
            _ => {
                return Err(SignError::InvalidEncoding {
                    field: field.raw.to_owned(),
                });
            }
        }
    }
    let products = Products::collect(decoded.iter().map(|(n, v)| (n.as_str(), *v)));
    for (name, value) in &decoded {
        let (base, name_sig) = match split_signature(name) {
            Some((base, sig)) => (base, Some(sig)),
            None => (name.as_str(), None),
        };
        if !is_signable(base) {
            continue;
        }
        report.checked += 1;
        let parsed = FieldName::parse(base);
        let fail = |reason| FieldFailure {
            name: base.to_owned(),
            reason,
        };
        let Some((code, parent)) = products.codes(parsed.product) else {
            report.failures.push(fail(FailureReason::MissingCode));
            continue;
        };
        let (hashed_value, hash) = match (name_sig, split_signature(value)) {
            (Some(sig), _) if sig.open => (OPEN_VALUE, sig.hash),
            (Some(sig), _) => (*value, sig.hash),
            (None, Some((choice, sig))) => (choice, sig.hash),
            (None, None) => {
                report.failures.push(fail(FailureReason::Unsigned));
                continue;
            }
        };
        let expected = field_hash(secret, code, parent, parsed.name, hashed_value);
        if !ct_eq(expected.as_bytes(), hash.as_bytes()) {
            report.failures.push(fail(FailureReason::Mismatch));
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_without_query_are_unchanged() {
        let secret = Secret::new("k");
        assert_eq!(
            sign_url(&secret, "https://x.test/cart").as_deref(),
            Ok("https://x.test/cart")
        );
        assert!(verify_url(&secret, "https://x.test/cart").is_ok_and(|v| v.checked == 0));
    }

    #[test]
    fn fragment_and_never_signed_fields_survive() {
        let secret = Secret::new("k");
        let signed =
            sign_url(&secret, "/cart?code=a&utm_source=x%20y&cart=add#top").expect("signs");
        assert!(
            signed.ends_with("&utm_source=x%20y&cart=add#top"),
            "{signed}"
        );
    }

    #[test]
    fn missing_code_is_an_error() {
        let secret = Secret::new("k");
        assert_eq!(
            sign_url(&secret, "/cart?code=a&2:name=b"),
            Err(SignError::MissingCode { product: 2 })
        );
    }

    #[test]
    fn undecodable_fields() {
        let secret = Secret::new("k");
        assert!(matches!(
            sign_url(&secret, "/cart?code=a&name=%FF"),
            Err(SignError::InvalidEncoding { .. })
        ));
        let plain = sign_url(&secret, "/cart?code=a").expect("signs");
        assert_eq!(
            sign_url(&secret, "/cart?code=a&utm_x=%FF").expect("keeps"),
            format!("{plain}&utm_x=%FF")
        );
    }
}
