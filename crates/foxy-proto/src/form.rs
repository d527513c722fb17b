//! `application/x-www-form-urlencoded`: the one encoder and decoder of form
//! text, for request bodies, token grants, the authorize URL, cart links,
//! the legacy XML API and the datafeed's `FoxyData` value.
//!
//! Pairs and components are written by the `form_urlencoded` crate (the
//! WHATWG rule: ASCII letters, digits and `*-._` as they are, a space as
//! `+`, every other byte as `%XX`). Decoding works on bytes, since a
//! datafeed value is binary: `+` is a space, `%XX` that byte, and every
//! other byte (a malformed `%` sequence too) is kept as written.
//!
//! [`encode_unreserved`] is the one variant: it keeps `~` and escapes `*`,
//! as Foxy writes the `FoxyData` form value (the conformance vector
//! `rc4`/`foxydata_form_value` has both `%2A` and a bare `~`), and as the
//! signed cart links and legacy API requests are written. A decoder reads
//! both forms alike; the difference only matters for byte-exact output.
//!
//! ```
//! use foxy_proto::form;
//!
//! assert_eq!(form::encode([("name", "Jo & Co"), ("x", "a+b~*")]), "name=Jo+%26+Co&x=a%2Bb%7E*");
//! assert_eq!(form::encode_unreserved(&[0x9c, b'*', b'~', b' ']), "%9C%2A~+");
//! assert_eq!(form::decode(b"%9C%D8a+b%2B"), [0x9c, 0xd8, b'a', b' ', b'b', b'+']);
//! assert_eq!(form::decode_str("a+%C3%A9"), Some("a é".to_owned()));
//! ```

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, percent_encode};

/// Bytes [`encode_unreserved`] writes as `%XX`: all but ASCII letters,
/// digits and `-._~` (a space is written as `+`).
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b' ');

/// Encodes name/value pairs as a form body or query string (`a=1&b=x+y`).
pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// Encodes one name or value (`Jo & Co` is `Jo+%26+Co`).
pub fn encode_component(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Encodes bytes keeping `-._~` and escaping `*`: the form of Foxy's
/// `FoxyData` value, signed cart links and legacy API requests.
///
/// Kept by hand (on `percent_encoding`) because `form_urlencoded` keeps `*`
/// and escapes `~`, which does not reproduce Foxy's `FoxyData` vector.
pub fn encode_unreserved(bytes: &[u8]) -> String {
    percent_encode(bytes, UNRESERVED)
        .to_string()
        .replace(' ', "+")
}

/// Decodes one form-encoded component to bytes: `+` is a space, `%XX` that
/// byte; anything else (a malformed `%` sequence too) is kept as written.
pub fn decode(input: &[u8]) -> Vec<u8> {
    let spaced: Cow<'_, [u8]> = if input.contains(&b'+') {
        Cow::Owned(
            input
                .iter()
                .map(|&b| if b == b'+' { b' ' } else { b })
                .collect(),
        )
    } else {
        Cow::Borrowed(input)
    };
    percent_decode(&spaced).collect()
}

/// Decodes one form-encoded component to text; `None` when the decoded
/// bytes are not UTF-8.
pub fn decode_str(raw: &str) -> Option<String> {
    String::from_utf8(decode(raw.as_bytes())).ok()
}

/// The raw (still encoded) `name=value` pairs of a form body, split on `&`;
/// a pair without `=` has an empty value and empty pairs are skipped.
pub fn raw_pairs(input: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    input
        .split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.iter().position(|b| *b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &pair[pair.len()..]),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_escapes_are_kept() {
        assert_eq!(decode(b"100%"), b"100%");
        assert_eq!(decode(b"%G1%4"), b"%G1%4");
        assert_eq!(decode(&[0xff, b'%', b'4', b'1']), [0xff, b'A']);
        // A sign is not a hex digit: `%+1` is a `%`, a space and a `1`.
        assert_eq!(decode(b"%+1"), b"% 1");
    }

    #[test]
    fn both_encoders_round_trip_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(encode_unreserved(&all).as_bytes()), all);
        let text: String = (' '..='\u{ff}').collect();
        assert_eq!(decode_str(&encode_component(&text)), Some(text));
        assert_eq!(encode_unreserved(b"a-b_c.d~e* f"), "a-b_c.d~e%2A+f");
        assert_eq!(encode_component("a-b_c.d~e* f"), "a-b_c.d%7Ee*+f");
    }

    #[test]
    fn raw_pairs_split_without_decoding() {
        let pairs: Vec<_> = raw_pairs(b"a=1&&b&c=x%20=y").collect();
        assert_eq!(
            pairs,
            [
                (&b"a"[..], &b"1"[..]),
                (&b"b"[..], &b""[..]),
                (&b"c"[..], &b"x%20=y"[..])
            ]
        );
    }
}
