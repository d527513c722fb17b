//! The `FoxyData` / `FoxySubscriptionData` form value: URL encoding of the
//! cipher bytes, and finding the value in a raw POST body.
//!
//! Decoding works on bytes: `%XX` becomes that byte, `+` a space, every other
//! byte (and a malformed `%` sequence) is kept as it is. Encoding writes ASCII
//! letters, digits and `-._~` as they are, a space as `+`, every other byte as
//! `%XX`.
//!
//! ```
//! use foxy_proto::datafeed::{form_value, url_decode, url_encode};
//!
//! assert_eq!(url_decode(b"%9C%D8a+b"), [0x9c, 0xd8, b'a', b' ', b'b']);
//! assert_eq!(url_encode(&[0x9c, b'*', b'~', b' ']), "%9C%2A~+");
//! assert_eq!(form_value(b"FoxyData=%9C%D8&other=1"), b"%9C%D8");
//! assert_eq!(form_value(b"%9C%D8\n"), b"%9C%D8");
//! ```

use crate::signing::encode_form_bytes;

/// The form field names that carry an encrypted datafeed.
pub const FORM_FIELDS: [&str; 2] = ["FoxyData", "FoxySubscriptionData"];

/// URL-decodes a form value to raw bytes.
pub fn url_decode(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let byte = input[i];
        let escaped = (byte == b'%')
            .then(|| input.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (byte, escaped) {
            (_, Some(value)) => {
                out.push(value);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (other, None) => {
                out.push(other);
                i += 1;
            }
        }
    }
    out
}

/// URL-encodes raw bytes as a form value.
pub fn url_encode(bytes: &[u8]) -> String {
    encode_form_bytes(bytes)
}

/// The encoded form value inside `input`: the `FoxyData=` or
/// `FoxySubscriptionData=` field of a raw POST body, or `input` itself
/// (trimmed) when it holds no `=` and so is already a bare value.
pub fn form_value(input: &[u8]) -> &[u8] {
    let input = input.trim_ascii();
    if !input.contains(&b'=') {
        return input;
    }
    input
        .split(|b| *b == b'&')
        .find_map(|pair| {
            let at = pair.iter().position(|b| *b == b'=')?;
            let (name, value) = (&pair[..at], &pair[at + 1..]);
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
    fn malformed_escapes_are_kept() {
        assert_eq!(url_decode(b"100%"), b"100%");
        assert_eq!(url_decode(b"%G1%4"), b"%G1%4");
        assert_eq!(url_decode(&[0xff, b'%', b'4', b'1']), [0xff, b'A']);
    }

    #[test]
    fn subscription_bodies() {
        assert_eq!(form_value(b"a=1&FoxySubscriptionData=xy%20"), b"xy%20");
        assert_eq!(form_value(b"a=1"), b"a=1");
    }
}
