//! Fuzz the cart-link signer and verifier. Input: the secret, a newline, the
//! link. Verifying never panics; a link signed here (without signatures of
//! its own) verifies whenever the unsigned one did, with no tampered or
//! unsigned field, and signing it again changes nothing.
#![no_main]

use foxy_proto::Secret;
use foxy_proto::signing::{FailureReason, sign_url, verify_url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [secret, url] = foxy_proto_fuzz::split_lines::<2>(data);
    let (Ok(secret), Ok(url)) = (std::str::from_utf8(secret), std::str::from_utf8(url)) else {
        return;
    };
    let secret = Secret::new(secret);
    let before = verify_url(&secret, url);
    if url.contains("||") {
        return;
    }
    let Ok(signed) = sign_url(&secret, url) else {
        return;
    };
    let report = match verify_url(&secret, &signed) {
        Ok(report) => report,
        // A field that does not decode fails verification (as documented),
        // signed or not: signing must not be what makes it fail.
        Err(e) => {
            assert!(before.is_err(), "signing {url:?} made it unverifiable: {e}");
            return;
        }
    };
    assert!(
        !report
            .failures
            .iter()
            .any(|f| matches!(f.reason, FailureReason::Mismatch | FailureReason::Unsigned)),
        "{report:?} for {signed}"
    );
    assert_eq!(sign_url(&secret, &signed).expect("signs again"), signed);
});
