//! Fuzz the single sign-on checkout URL verifier: any URL gives parameters
//! or a typed error; a URL built for a customer verifies as that customer.
#![no_main]

use foxy_proto::{Secret, sso};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(url) = std::str::from_utf8(data) else {
        return;
    };
    let secret = Secret::new("fuzzing sso secret");
    let _ = sso::verify_checkout_url(&secret, url, 1_600_000_000);
    // The input's length and bytes as a customer, a timestamp and a session id.
    let customer = data.len() as u64;
    let timestamp = data
        .iter()
        .fold(1_700_000_000u64, |t, &b| t.wrapping_add(u64::from(b)));
    let fcsid = url.get(..url.len().min(16));
    if let Ok(link) = sso::checkout_url("store.example", &secret, customer, timestamp, fcsid) {
        let params = sso::verify_checkout_url(&secret, &link, timestamp)
            .unwrap_or_else(|e| panic!("{link}: {e}"));
        assert_eq!(
            (params.customer_id, params.timestamp),
            (customer, timestamp)
        );
        assert_eq!(params.fcsid.as_deref(), fcsid);
    }
});
