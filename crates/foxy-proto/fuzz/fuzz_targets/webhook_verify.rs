//! Fuzz the webhook verifier. Input: the key, a newline, the
//! `Foxy-Webhook-Signature` value, a newline, the body. The body's own
//! signature always verifies; the given one verifies exactly when it is the
//! same hex digits (any case, surrounding spaces allowed).
#![no_main]

use foxy_proto::http::{HeaderMap, HeaderValue};
use foxy_proto::{Secret, webhook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [key, signature, body] = foxy_proto_fuzz::split_lines::<3>(data);
    let key = Secret::new(String::from_utf8_lossy(key));
    let expected = webhook::sign(&key, body);
    assert!(webhook::verify_signature(&key, body, &expected).is_ok());
    if let Ok(given) = std::str::from_utf8(signature) {
        let accepted = webhook::verify_signature(&key, body, given).is_ok();
        assert_eq!(
            accepted,
            given.trim().eq_ignore_ascii_case(&expected),
            "{given:?}"
        );
    }
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_bytes(signature) {
        headers.insert(webhook::SIGNATURE_HEADER, value);
    }
    if let Ok(value) = HeaderValue::from_bytes(body.get(..body.len().min(40)).unwrap_or_default()) {
        headers.insert(webhook::EVENT_HEADER, value);
    }
    let _ = webhook::verify_headers(&key, &headers, body);
});
