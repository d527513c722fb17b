//! Fuzz the sandbox's request-body decoder (`foxy_sandbox::body`), which
//! reads every POST, PUT and PATCH body the emulator receives. Input: the
//! `Content-Type`, a newline, the body. Any bytes give a resource, form
//! pairs or a typed `ApiError` (a 4xx status), never a panic.
#![no_main]

use foxy_proto::http::{HeaderMap, HeaderValue, header};
use foxy_sandbox::body;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (content_type, bytes) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&data[..0], data),
    };
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_bytes(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Err(e) = body::parse(&headers, bytes) {
        assert!(e.status.is_client_error(), "{}", e.status);
    }
    if let Err(e) = body::pairs(&headers, bytes) {
        assert!(e.status.is_client_error(), "{}", e.status);
    }
});
