//! The axum extractor (feature `axum`) behind the example's app: a signed
//! webhook reaches the handler typed; a tampered, unsigned or wrongly keyed
//! one is answered 401 with the reason, and never reaches it.

#[path = "../examples/webhook_axum.rs"]
mod example;

use axum::body::{Body, to_bytes};
use foxy::webhook_axum::{Event, Webhook, WebhookRejection, WebhookSecret};
use foxy_proto::Secret;
use foxy_proto::webhook::signed_request;
use http::{Request, StatusCode};
use tower::ServiceExt as _;

const KEY: &str = "webhook_key_test";
const TRANSACTION: &str = r#"{"_links": {"self": {"href": "https://api.test/transactions/42"}},
  "display_id": 42, "total_order": 19.99, "customer_email": "grace@sandbox.test", "unknown": true}"#;

fn signed(event: &str, body: &str) -> Request<Vec<u8>> {
    signed_request(
        &Secret::new(KEY),
        "/webhooks",
        event,
        body.as_bytes().to_vec(),
    )
    .expect("a signed request")
}

async fn post(request: Request<Vec<u8>>) -> (StatusCode, String) {
    let (parts, body) = request.into_parts();
    let response = example::app(WebhookSecret::new(KEY))
        .oneshot(Request::from_parts(parts, Body::from(body)))
        .await
        .expect("the router answers");
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("a body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn a_signed_transaction_reaches_the_handler_typed() {
    let (status, body) = post(signed("transaction/created", TRANSACTION)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, "transaction/created: transaction 42 total 19.99");
}

#[tokio::test]
async fn customers_and_subscriptions_are_typed_too() {
    let customer = r#"{"_links": {}, "email": "ada@sandbox.test"}"#;
    let (status, body) = post(signed("customer/updated", customer)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, "customer/updated: customer ada@sandbox.test");
    let subscription = r#"{"_links": {}, "next_transaction_date": "2027-01-01"}"#;
    let (status, body) = post(signed("subscription/updated", subscription)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.starts_with("subscription/updated: subscription, next payment 2027-01-01"),
        "{body}"
    );
}

#[tokio::test]
async fn a_tampered_body_is_refused_with_401_and_the_reason() {
    let request = signed("transaction/created", TRANSACTION);
    let (parts, body) = request.into_parts();
    let tampered = String::from_utf8(body)
        .expect("utf-8")
        .replace("19.99", "0.01")
        .into_bytes();
    let (status, body) = post(Request::from_parts(parts, tampered)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        "webhook rejected: signature does not match the body\n"
    );
}

#[tokio::test]
async fn a_missing_signature_or_wrong_key_is_refused() {
    let mut request = signed("transaction/created", TRANSACTION);
    request.headers_mut().remove("foxy-webhook-signature");
    let (status, body) = post(request).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        "webhook rejected: missing Foxy-Webhook-Signature header\n"
    );

    let other = signed_request(
        &Secret::new("another key"),
        "/webhooks",
        "transaction/created",
        TRANSACTION.as_bytes().to_vec(),
    )
    .expect("a signed request");
    let (status, _) = post(other).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_signed_body_that_is_not_a_document_is_a_bad_request() {
    let (status, body) = post(signed("transaction/created", "[1, 2")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.starts_with("webhook rejected: the webhook body is not a HAL+JSON resource"),
        "{body}"
    );
}

#[test]
fn verify_keeps_the_whole_resource_and_hides_the_key() {
    let request = signed("transaction/created", TRANSACTION);
    let key = WebhookSecret::new(KEY);
    let webhook = Webhook::verify(&key, request.headers(), request.body()).expect("verified");
    assert!(matches!(webhook.event, Event::Transaction(_)));
    assert!(webhook.resource.property("unknown").is_some());
    assert!(!format!("{key:?}").contains(KEY));
    let err = Webhook::verify(&key, request.headers(), b"{}").expect_err("tampered");
    assert_eq!(err.status(), StatusCode::UNAUTHORIZED);
    assert!(matches!(err, WebhookRejection::Signature(_)));
    assert!(!format!("{err} {err:?}").contains(KEY));
}
