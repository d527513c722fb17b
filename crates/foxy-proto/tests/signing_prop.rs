//! Property tests: signed links verify, tampered ones do not; webhook
//! signatures verify only for the body they were made for.

use foxy_proto::signing::{FailureReason, Secret, sign_url, verify_url};
use foxy_proto::webhook;
use proptest::prelude::*;

fn field_name() -> impl Strategy<Value = String> {
    "[a-z][a-z_ ]{0,10}".prop_filter("signable", |n| {
        let n = n.replace(' ', "_");
        !matches!(
            n.as_str(),
            "code"
                | "parent_code"
                | "cart"
                | "fcsid"
                | "empty"
                | "coupon"
                | "output"
                | "redirect"
                | "callback"
                | "locale"
                | "template_set"
        ) && !["customer_", "billing_", "shipping_", "utm_", "__"]
            .iter()
            .any(|p| n.starts_with(p))
    })
}

proptest! {
    #[test]
    fn signed_links_verify(
        key in "[ -~]{1,40}",
        code in "[A-Za-z0-9-]{1,12}",
        fields in proptest::collection::vec((field_name(), "\\PC{0,20}"), 1..6),
        second in proptest::option::of(("[a-z0-9]{1,8}", "\\PC{0,12}")),
    ) {
        let secret = Secret::new(key);
        let encode = |s: &str| foxy_proto::datafeed::url_encode(s.as_bytes());
        let mut query = format!("code={}", encode(&code));
        for (name, value) in &fields {
            query.push_str(&format!("&{}={}", encode(name), encode(value)));
        }
        if let Some((code2, name2)) = &second {
            query.push_str(&format!("&2:code={code2}&2:name={}", encode(name2)));
        }
        let signed = sign_url(&secret, &format!("https://x.foxycart.com/cart?{query}")).expect("signs");
        let report = verify_url(&secret, &signed).expect("verifies");
        prop_assert!(report.is_valid(), "{:?} for {}", report, signed);
        prop_assert_eq!(report.checked, 1 + fields.len() + if second.is_some() { 2 } else { 0 });
        prop_assert_eq!(sign_url(&secret, &signed).expect("idempotent"), signed.clone());

        // Change the first field's value: that field, and only it, fails.
        let (name, value) = &fields[0];
        let name = name.replace(' ', "_");
        let marker = format!("&{name}||");
        let at = signed.find(&marker).expect("field present");
        let eq = at + signed[at..].find('=').expect("has a value");
        let end = signed[eq..].find('&').map_or(signed.len(), |p| eq + p);
        let tampered = format!("{}={}X{}", &signed[..eq], encode(value), &signed[end..]);
        let report = verify_url(&secret, &tampered).expect("verifies");
        prop_assert_eq!(report.failures.len(), 1, "{:?}", report);
        prop_assert_eq!(report.failures[0].reason, FailureReason::Mismatch);
    }

    #[test]
    fn webhook_signatures_round_trip(key in "[ -~]{0,80}", body in proptest::collection::vec(any::<u8>(), 0..300), flip in any::<prop::sample::Index>()) {
        let key = Secret::new(key);
        let signature = webhook::sign(&key, &body);
        prop_assert_eq!(webhook::verify_signature(&key, &body, &signature), Ok(()));
        if !body.is_empty() {
            let mut altered = body.clone();
            let i = flip.index(altered.len());
            altered[i] ^= 1;
            prop_assert_eq!(webhook::verify_signature(&key, &altered, &signature), Err(webhook::WebhookError::Mismatch));
        }
    }
}
