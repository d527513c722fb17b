//! Structure-aware: a resource built from the input, written as hal+json,
//! reads back as its projection; parse, write, parse again gives it unchanged.
#![no_main]

use foxy_proto::MediaType;
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(resource) = foxy_proto_fuzz::generate::resource(&mut u) {
        foxy_proto_fuzz::write_round_trip(MediaType::HalJson, &resource);
    }
});
