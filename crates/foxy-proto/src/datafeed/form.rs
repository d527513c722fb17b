//! The `FoxyData` / `FoxySubscriptionData` form value: URL encoding of the
//! cipher bytes, and finding the value in a raw POST body.
//!
//! Both directions are [`crate::form`]'s: decoding works on bytes (`%XX`
//! becomes that byte, `+` a space, every other byte and a malformed `%`
//! sequence are kept as they are); encoding writes ASCII letters, digits and
//! `-._~` as they are, a space as `+`, every other byte as `%XX`.
//!
//! ```
//! use foxy_proto::datafeed::{form_value, url_decode, url_encode};
//!
//! assert_eq!(url_decode(b"%9C%D8a+b"), [0x9c, 0xd8, b'a', b' ', b'b']);
//! assert_eq!(url_encode(&[0x9c, b'*', b'~', b' ']), "%9C%2A~+");
//! assert_eq!(form_value(b"FoxyData=%9C%D8&other=1"), b"%9C%D8");
//! assert_eq!(form_value(b"%9C%D8\n"), b"%9C%D8");
//! ```

use crate::form;

/// The form field names that carry an encrypted datafeed.
pub const FORM_FIELDS: [&str; 2] = ["FoxyData", "FoxySubscriptionData"];

/// URL-decodes a form value to raw bytes ([`crate::form::decode`]).
pub fn url_decode(input: &[u8]) -> Vec<u8> {
    form::decode(input)
}

/// URL-encodes raw bytes as a form value, the way Foxy writes `FoxyData`
/// ([`crate::form::encode_unreserved`]).
pub fn url_encode(bytes: &[u8]) -> String {
    form::encode_unreserved(bytes)
}

/// The encoded form value inside `input`: the `FoxyData=` or
/// `FoxySubscriptionData=` field of a raw POST body, or `input` itself
/// (trimmed) when it holds no `=` and so is already a bare value.
pub fn form_value(input: &[u8]) -> &[u8] {
    let input = input.trim_ascii();
    if !input.contains(&b'=') {
        return input;
    }
    form::raw_pairs(input)
        .find_map(|(name, value)| {
            FORM_FIELDS
                .iter()
                .any(|field| field.as_bytes() == name)
                .then_some(value)
        })
        .unwrap_or(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscription_bodies() {
        assert_eq!(form_value(b"a=1&FoxySubscriptionData=xy%20"), b"xy%20");
        assert_eq!(form_value(b"a=1"), b"a=1");
    }
}
