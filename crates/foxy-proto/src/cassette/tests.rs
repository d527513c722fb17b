//! Unit tests of the cassette format, the scrubber and the matcher.

use http::{Method, Request, Response, StatusCode};

use super::*;
use crate::step::TransportFailure;

fn request(method: Method, url: &str, headers: &[(&str, &str)], body: &str) -> Request<Vec<u8>> {
    let mut builder = Request::builder().method(method).uri(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.as_bytes().to_vec())
        .expect("test request")
}

fn response(status: u16, content_type: &str, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .header("content-length", body.len())
        .header("date", "Thu, 03 Dec 2026 17:00:00 GMT")
        .body(body.as_bytes().to_vec())
        .expect("test response")
}

const FORM: &str = "application/x-www-form-urlencoded";

/// A session with a distinctive secret in every place one can hide.
fn session() -> Cassette {
    let mut scrubber = Scrubber::new();
    let exchanges = vec![
        (
            request(
                Method::POST,
                "http://127.0.0.1:8790/token",
                &[("content-type", FORM), ("user-agent", "foxy-rs/0.1.0")],
                "grant_type=refresh_token&refresh_token=RT-zebra-42&client_id=client&client_secret=CS-walrus-77",
            ),
            Ok(response(
                200,
                "application/json",
                r#"{"access_token":"AT-narwhal-99","expires_in":3600,"refresh_token":"RT-zebra-42","token_type":"bearer"}"#,
            )),
        ),
        (
            request(
                Method::GET,
                "http://127.0.0.1:8790/stores/1?zoom=x&fields=a,b",
                &[
                    ("authorization", "Bearer AT-narwhal-99"),
                    ("accept", "application/hal+json"),
                    ("cookie", "session=COOKIE-secret-1"),
                ],
                "",
            ),
            Ok(response(
                200,
                "application/hal+json",
                r#"{"store_name":"Demo", "webhook_key": "SS-otter-55", "note":"the token is AT-narwhal-99"}"#,
            )),
        ),
        (
            request(
                Method::PATCH,
                "http://127.0.0.1:8790/customers/2/default_payment_method",
                &[
                    ("authorization", "Bearer AT-narwhal-99"),
                    ("content-type", "application/json"),
                ],
                r#"{"cc_number":"4111111111111111","cc_cvv2":"123","cc_exp_month":"12"}"#,
            ),
            Ok(response(
                200,
                "application/hal+json",
                r#"{"cc_number_masked":"xxxxxxxxxxxx1111"}"#,
            )),
        ),
        (
            request(
                Method::POST,
                "http://127.0.0.1:8790/api",
                &[("content-type", FORM)],
                "api_token=LEGACY-heron-13&api_action=customer_get&customer_email=a%40b.test",
            ),
            Ok(response(
                200,
                "text/xml",
                "<foxydata><result>SUCCESS</result><customer_password>HASH-ibis-21</customer_password><customer_password/></foxydata>",
            )),
        ),
        (
            request(
                Method::GET,
                "http://127.0.0.1:8790/api?api_token=LEGACY-heron-13&x=1",
                &[],
                "",
            ),
            Err(TransportFailure::Dropped("reset".to_owned())),
        ),
    ];
    let mut cassette = Cassette::new();
    for (req, outcome) in exchanges {
        cassette
            .interactions
            .push(Interaction::capture(&req, &outcome, &mut scrubber));
    }
    cassette
}

const SECRETS: &[&str] = &[
    "RT-zebra-42",
    "CS-walrus-77",
    "AT-narwhal-99",
    "SS-otter-55",
    "4111111111111111",
    "LEGACY-heron-13",
    "HASH-ibis-21",
    "COOKIE-secret-1",
];

#[test]
fn no_secret_reaches_the_cassette() {
    let text = String::from_utf8(session().to_json()).expect("utf-8");
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("Bearer [scrubbed]"), "{text}");
    assert!(!text.contains("user-agent"), "{text}");
    assert!(!text.contains("content-length"), "{text}");
}

#[test]
fn a_scrubbed_session_snapshot() {
    let text = String::from_utf8(session().to_json()).expect("utf-8");
    insta::assert_snapshot!(text);
}

#[test]
fn a_cassette_reads_back_and_replays() {
    let cassette = Cassette::from_json(&session().to_json()).expect("reads back");
    assert_eq!(cassette, session());
    let token = cassette.interactions[0].outcome().expect("a response");
    assert_eq!(token.status(), StatusCode::OK);
    assert!(token.headers().get("content-length").is_none());
    let body = String::from_utf8(token.into_body()).expect("utf-8");
    assert!(body.contains(r#""access_token":"[scrubbed]""#), "{body}");
    assert!(body.contains(r#""expires_in":3600"#), "{body}");
    assert_eq!(
        cassette.interactions[4].outcome().err(),
        Some(TransportFailure::Dropped("reset".to_owned()))
    );
}

#[test]
fn corrupt_cassettes_are_typed_errors() {
    assert!(matches!(
        Cassette::from_json(b"{\"version\":1,\"interactions\":["),
        Err(CassetteError::Json { .. })
    ));
    assert!(matches!(
        Cassette::from_json(b"[1,2]"),
        Err(CassetteError::Json { .. })
    ));
    assert_eq!(
        Cassette::from_json(br#"{"version":2,"interactions":[]}"#),
        Err(CassetteError::Version { found: 2 })
    );
    let no_outcome =
        br#"{"version":1,"interactions":[{"request":{"method":"GET","url":"http://a/"}}]}"#;
    assert!(matches!(
        Cassette::from_json(no_outcome),
        Err(CassetteError::Invalid { index: 0, .. })
    ));
    let bad_status = br#"{"version":1,"interactions":[{"request":{"method":"GET","url":"http://a/"},"response":{"status":42}}]}"#;
    assert!(matches!(
        Cassette::from_json(bad_status),
        Err(CassetteError::Invalid { index: 0, .. })
    ));
    let bad_method = br#"{"version":1,"interactions":[{"request":{"method":"G T","url":"http://a/"},"failure":{"kind":"timed_out"}}]}"#;
    assert!(matches!(
        Cassette::from_json(bad_method),
        Err(CassetteError::Invalid { index: 0, .. })
    ));
}

#[test]
fn the_query_matches_in_any_order() {
    let a = RequestKey::new("get", "http://127.0.0.1:1/carts?b=2&a=1&a=0");
    let b = RequestKey::new("GET", "http://127.0.0.1:9/carts?a=0&b=2&a=1");
    assert_eq!(a, b);
    assert_ne!(
        a,
        RequestKey::new("GET", "http://127.0.0.1:1/carts?a=0&b=2")
    );
    assert_ne!(
        a,
        RequestKey::new("POST", "http://127.0.0.1:1/carts?a=0&b=2&a=1")
    );
    assert_eq!(
        RequestKey::new("GET", "http://h").path,
        RequestKey::new("GET", "http://h/").path
    );
    assert_eq!(
        RequestKey::new("GET", "/x%20y?q=a+b").query,
        vec![("q".into(), "a b".into())]
    );
}

#[test]
fn identical_requests_replay_in_recorded_order_then_miss() {
    let mut scrubber = Scrubber::new();
    let get = request(
        Method::GET,
        "http://127.0.0.1:1/carts?limit=1&offset=0",
        &[],
        "",
    );
    let mut cassette = Cassette::new();
    for body in ["first", "second"] {
        let outcome = Ok(response(200, "text/plain", body));
        cassette
            .interactions
            .push(Interaction::capture(&get, &outcome, &mut scrubber));
    }
    let mut player = Player::new(cassette);
    assert_eq!(player.len(), 2);
    let again = request(
        Method::GET,
        "http://localhost:2/carts?offset=0&limit=1",
        &[],
        "",
    );
    for want in ["first", "second"] {
        let answer = player.answer(&again).expect("recorded").expect("response");
        assert_eq!(answer.body(), want.as_bytes());
    }
    assert_eq!(player.unused(), 0);
    let miss = player.answer(&again).expect_err("all used");
    assert_eq!(miss.method, "GET");
    assert_eq!(
        miss.to_string(),
        "no recording in the cassette for GET http://localhost:2/carts?offset=0&limit=1"
    );
    assert_eq!(player.misses(), &[miss]);
}

#[test]
fn secrets_do_not_affect_matching_and_misses_hide_them() {
    let mut player = Player::new(session());
    let token = request(
        Method::POST,
        "http://127.0.0.1:4444/token",
        &[("content-type", FORM)],
        "grant_type=refresh_token&refresh_token=OTHER&client_id=client&client_secret=OTHER2",
    );
    let answer = player
        .answer(&token)
        .expect("token recorded")
        .expect("response");
    assert_eq!(answer.status(), StatusCode::OK);
    let legacy = request(
        Method::GET,
        "http://127.0.0.1:4444/api?x=1&api_token=NEW-secret-value",
        &[],
        "",
    );
    assert!(player.answer(&legacy).expect("recorded").is_err());
    let unknown = request(
        Method::GET,
        "http://127.0.0.1:4444/nope?api_token=NEW-secret-value",
        &[],
        "",
    );
    let miss = player.answer(&unknown).expect_err("a miss");
    assert!(!miss.to_string().contains("NEW-secret-value"), "{miss}");
    assert!(
        miss.to_string().contains("/nope?api_token=%5Bscrubbed%5D"),
        "{miss}"
    );
}

#[test]
fn json_scrubbing_keeps_everything_else_byte_for_byte() {
    let mut scrubber = Scrubber::new();
    let text = "{ \"b\" : 1,\n  \"password\" : { \"x\": [1, \"}\"] }, \"a\":\"\\\"quoted\\\"\", \"secret\": 12345, \"é\":\"ü\", \"cvv\": \"\", \"cc_number\": null }";
    let out = String::from_utf8(scrubber.body(None, text.as_bytes())).expect("utf-8");
    assert_eq!(
        out,
        "{ \"b\" : 1,\n  \"password\" : \"[scrubbed]\", \"a\":\"\\\"quoted\\\"\", \"secret\": \"[scrubbed]\", \"é\":\"ü\", \"cvv\": \"\", \"cc_number\": null }"
    );
    // Malformed text never panics.
    for bad in [
        "{\"password\":",
        "{\"password\"",
        "{\"pass",
        "[\"\\",
        "{\"a\":\"é\\",
    ] {
        let _ = scrubber.body(None, bad.as_bytes());
    }
}

#[test]
fn xml_and_form_scrubbing() {
    let mut scrubber = Scrubber::new();
    let xml = "<r><api_token attr=\"1\">abc</api_token><code>KEEP</code><password/><x><</r>";
    let out = String::from_utf8(scrubber.body(None, xml.as_bytes())).expect("utf-8");
    assert_eq!(
        out,
        "<r><api_token attr=\"1\">[scrubbed]</api_token><code>KEEP</code><password/><x><</r>"
    );
    let form = "code=AUTHCODE-1&grant_type=authorization_code&redirect_uri=x";
    let out = String::from_utf8(scrubber.body(Some(FORM), form.as_bytes())).expect("utf-8");
    assert_eq!(
        out,
        "code=%5Bscrubbed%5D&grant_type=authorization_code&redirect_uri=x"
    );
    let item = "name=Shirt&code=SKU-1";
    let out = scrubber.body(Some(FORM), item.as_bytes());
    assert_eq!(out, item.as_bytes());
    let custom = Scrubber::new()
        .with_field("X_Key")
        .with_secret("KNOWN-secret");
    assert!(custom.is_secret("x_key"));
    assert_eq!(
        custom.url("http://h/?x_key=1&other=KNOWN-secret"),
        "http://h/?x_key=%5Bscrubbed%5D&other=%5Bscrubbed%5D"
    );
    assert!(!format!("{custom:?}").contains("KNOWN"));
}
