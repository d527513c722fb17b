//! Every vector of `conformance/signing/vectors.json`: cart signing (fields
//! and the URL example), webhook signatures, single sign-on tokens, RC4 and
//! the `FoxyData` form value round trip.

use foxy_proto::datafeed;
use foxy_proto::signing::{self, Secret};
use foxy_proto::{sso, webhook};
use serde_json::Value;

fn vectors() -> Option<Value> {
    let dir = foxy_proto::testing::conformance_dir()?;
    let text = std::fs::read_to_string(dir.join("signing").join("vectors.json"))
        .expect("vectors.json is readable");
    Some(serde_json::from_str(&text).expect("vectors.json is JSON"))
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is a string in {v}"))
}

fn list<'a>(all: &'a Value, section: &str) -> &'a [Value] {
    all[section]["vectors"]
        .as_array()
        .map(Vec::as_slice)
        .expect("a vectors list")
}

#[test]
fn hmac_cart_signing_fields() {
    let Some(all) = vectors() else { return };
    let vectors = list(&all, "hmac_cart_signing");
    assert_eq!(vectors.len(), 10);
    for v in vectors {
        let secret = Secret::new(s(v, "key"));
        let (code, parent, name, value) = (
            s(v, "code"),
            s(v, "parent_code"),
            s(v, "name"),
            s(v, "value"),
        );
        let hex = s(v, "hex");
        assert_eq!(
            signing::field_hash(&secret, code, parent, name, value),
            hex,
            "{v}"
        );
        let signed = signing::sign_name(&secret, code, parent, name, value);
        let suffix = if value == signing::OPEN_VALUE {
            "||open"
        } else {
            ""
        };
        assert_eq!(signed, format!("{name}||{hex}{suffix}"));
        assert_eq!(
            signing::sign_value(&secret, code, parent, name, value),
            format!("{value}||{hex}")
        );
    }
}

#[test]
fn hmac_cart_signing_url_example() {
    let Some(all) = vectors() else { return };
    let example = &all["hmac_cart_signing"]["url_example"];
    let secret = Secret::new(s(example, "key"));
    let signed = signing::sign_url(&secret, s(example, "input")).expect("signs");
    assert_eq!(signed, s(example, "output"));
    let report = signing::verify_url(&secret, &signed).expect("verifies");
    assert!(report.is_valid(), "{report:?}");
    assert_eq!(report.checked, 4);
    // Signing is idempotent: signed fields are left alone.
    assert_eq!(signing::sign_url(&secret, &signed).expect("signs"), signed);
}

#[test]
fn webhook_signature() {
    let Some(all) = vectors() else { return };
    for v in list(&all, "webhook_signature") {
        let key = Secret::new(s(v, "key"));
        let body = s(v, "body").as_bytes();
        assert_eq!(webhook::sign(&key, body), s(v, "hex"));
        assert_eq!(webhook::verify_signature(&key, body, s(v, "hex")), Ok(()));
        assert_eq!(
            webhook::verify_signature(&Secret::new("wrong"), body, s(v, "hex")),
            Err(webhook::WebhookError::Mismatch)
        );
    }
}

#[test]
fn sso_token() {
    let Some(all) = vectors() else { return };
    for v in list(&all, "sso_token") {
        let secret = Secret::new(s(v, "secret"));
        let id = v["customer_id"].as_u64().expect("customer_id");
        let ts = v["timestamp"].as_u64().expect("timestamp");
        assert_eq!(sso::auth_token(&secret, id, ts), s(v, "hex"));
        assert_eq!(sso::verify_token(&secret, id, ts, s(v, "hex"), ts), Ok(()));
        let url = sso::checkout_url("example.foxycart.com", &secret, id, ts, None).expect("url");
        assert!(
            url.ends_with(&format!("&fc_auth_token={}", s(v, "hex"))),
            "{url}"
        );
    }
}

#[test]
fn rc4_and_the_form_value() {
    let Some(all) = vectors() else { return };
    let vectors = list(&all, "rc4");
    assert_eq!(vectors.len(), 3);
    for v in vectors {
        let key = s(v, "key");
        let plaintext = s(v, "plaintext");
        let cipher = datafeed::rc4(key.as_bytes(), plaintext.as_bytes()).expect("rc4");
        if let Some(hex) = v["ciphertext_hex"].as_str() {
            assert_eq!(hex::encode(&cipher), hex);
        }
        if let Some(form_value) = v["foxydata_form_value"].as_str() {
            assert_eq!(datafeed::url_encode(&cipher), form_value);
            assert_eq!(datafeed::url_decode(form_value.as_bytes()), cipher);
            let secret = Secret::new(key);
            assert_eq!(
                datafeed::encrypt(plaintext, &secret).expect("encrypts"),
                form_value
            );
            assert_eq!(
                datafeed::decrypt(form_value.as_bytes(), &secret).expect("decrypts"),
                plaintext
            );
            let body = format!("FoxyData={form_value}");
            assert_eq!(
                datafeed::decrypt(datafeed::form_value(body.as_bytes()), &secret).as_deref(),
                Ok(plaintext)
            );
            assert_eq!(
                datafeed::decrypt(form_value.as_bytes(), &Secret::new("not-the-secret")),
                Err(datafeed::DatafeedError::WrongKey)
            );
            let feed = datafeed::decode(form_value.as_bytes(), &secret).expect("typed");
            assert!(
                feed.transactions.is_empty()
                    && feed.subscriptions.is_empty()
                    && feed.extra.is_empty()
            );
        }
        assert_eq!(
            datafeed::rc4(key.as_bytes(), &cipher).expect("rc4"),
            plaintext.as_bytes()
        );
    }
}
