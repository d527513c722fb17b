//! Fuzz the hal+json parser: any bytes give a resource or a typed error,
//! never a panic; whatever parses is projected, writes back and re-reads equal.
#![no_main]

use foxy_proto::MediaType;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    foxy_proto_fuzz::parse_round_trip(MediaType::HalJson, data);
});
