//! What the fuzz targets share: the codecs' round-trip assertions and a
//! structure-aware generator of resources ([`generate`]).

pub mod generate;

use foxy_proto::{MediaType, Resource, codec};

/// The parser targets' assertion: any bytes give a resource or a typed
/// error; a parsed document is already projected, writes back, and reads
/// back equal.
pub fn parse_round_trip(media: MediaType, data: &[u8]) {
    let Ok(resource) = codec::parse(media, data) else {
        return;
    };
    assert_eq!(codec::project(media, &resource), resource, "not projected");
    if let Ok(bytes) = codec::write(media, &resource) {
        let again = codec::parse(media, &bytes).expect("written documents re-read");
        assert_eq!(again, resource, "{}", String::from_utf8_lossy(&bytes));
    }
}

/// The structure-aware targets' assertion: a resource written in `media`
/// reads back as its projection; that written again gives the same bytes,
/// which read back equal (parse, write, parse again).
pub fn write_round_trip(media: MediaType, resource: &Resource) {
    let Ok(bytes) = codec::write(media, resource) else {
        return;
    };
    let text = || String::from_utf8_lossy(&bytes).into_owned();
    let parsed = codec::parse(media, &bytes)
        .unwrap_or_else(|e| panic!("written documents re-read: {e}\n{}", text()));
    assert_eq!(parsed, codec::project(media, resource), "{}", text());
    let again = codec::write(media, &parsed).expect("a parsed document writes");
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&bytes),
        "writing the projection changes the document"
    );
    let reparsed = codec::parse(media, &again).expect("written documents re-read");
    assert_eq!(reparsed, parsed);
}

/// Splits `data` at its first `n - 1` newlines into `n` parts (missing
/// parts are empty): how the multi-input targets read theirs.
pub fn split_lines<const N: usize>(data: &[u8]) -> [&[u8]; N] {
    let mut parts = [&data[..0]; N];
    let mut rest = data;
    for part in parts.iter_mut().take(N - 1) {
        match rest.iter().position(|&b| b == b'\n') {
            Some(at) => {
                *part = &rest[..at];
                rest = &rest[at + 1..];
            }
            None => {
                *part = rest;
                rest = &rest[rest.len()..];
            }
        }
    }
    parts[N - 1] = rest;
    parts
}
