//! Fuzz the hal+xml parser: any bytes give a resource or a typed error, never a
//! panic; whatever parses must write back and re-read as its projection.
#![no_main]

use foxy_proto::{MediaType, codec};
use libfuzzer_sys::fuzz_target;

const MEDIA: MediaType = MediaType::HalXml;

fuzz_target!(|data: &[u8]| {
    let Ok(resource) = codec::parse(MEDIA, data) else {
        return;
    };
    // A parsed document is already in its projected form.
    assert_eq!(codec::project(MEDIA, &resource), resource);
    if let Ok(bytes) = codec::write(MEDIA, &resource) {
        let again = codec::parse(MEDIA, &bytes).expect("written documents re-read");
        assert_eq!(again, resource);
    }
});
