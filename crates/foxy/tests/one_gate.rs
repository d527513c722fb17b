//! One gate for every request: the hypermedia clients, the legacy API
//! clients and the `/cart` clients all check the transport policy before
//! sending (refusals: `gate_per_path.rs`, one test per path), and all retry
//! through foxy-proto's retry machine.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use foxy::cart_link::{AsyncCartLink, CartLink};
use foxy::error::LegacyError;
use foxy::legacy::{AsyncLegacyClient, LegacyClient};
use foxy::transport::{AsyncTransport, BoxFuture, Outcome, Transport, TransportFailure};
use foxy::{Client, Error, RetryPolicy, TransportPolicy};
use foxy_proto::Secret;
use foxy_proto::cart_endpoint::{CartSession, Product};
use rust_decimal::Decimal;

const CATEGORIES: &str = "<foxydata><result>SUCCESS</result><categories><category><id>1</id>\
                          <code>DEFAULT</code></category></categories></foxydata>";
const DONE: &str =
    "<foxydata><result>SUCCESS</result><messages><message>ok</message></messages></foxydata>";

/// What the fake answers, in order; once the script is over, `200` with `body`.
#[derive(Clone, Copy)]
enum Answer {
    Status(u16),
    Dropped,
    NotSent,
}

/// A transport that counts what it is asked to send and answers from a script.
#[derive(Clone)]
struct Fake {
    sent: Arc<Mutex<Vec<String>>>,
    script: Arc<Mutex<VecDeque<Answer>>>,
    body: Vec<u8>,
}

impl Fake {
    fn new(body: &[u8], script: &[Answer]) -> Fake {
        Fake {
            sent: Arc::default(),
            script: Arc::new(Mutex::new(script.iter().copied().collect())),
            body: body.to_vec(),
        }
    }

    fn count(&self) -> usize {
        self.sent.lock().unwrap().len()
    }

    fn answer(&self, request: &http::Request<Vec<u8>>) -> Outcome {
        self.sent.lock().unwrap().push(request.uri().to_string());
        let next = self.script.lock().unwrap().pop_front();
        let status = match next {
            Some(Answer::Dropped) => return Err(TransportFailure::Dropped("reset".into())),
            Some(Answer::NotSent) => return Err(TransportFailure::NotSent("refused".into())),
            Some(Answer::Status(code)) => code,
            None => 200,
        };
        let mut response = http::Response::new(if status == 200 {
            self.body.clone()
        } else {
            Vec::new()
        });
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
        Ok(response)
    }
}

impl Transport for Fake {
    fn send(&self, request: http::Request<Vec<u8>>) -> Outcome {
        self.answer(&request)
    }
}

impl AsyncTransport for Fake {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        let outcome = self.answer(&request);
        Box::pin(async move { outcome })
    }
}

/// Retries without real waiting.
fn quick() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(1),
        ..RetryPolicy::default()
    }
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

const REMOTE: &str = "http://store.example.test";
const LOOPBACK: &str = "http://127.0.0.1:9";

fn cart_json() -> Vec<u8> {
    let cart = CartSession {
        session_id: "fcsid_1".into(),
        item_count: 1,
        ..CartSession::default()
    };
    cart.to_json()
}

fn sprocket() -> Product {
    Product::new("Sprocket", Decimal::new(1000, 2))
}

#[test]
fn loopback_and_an_explicit_opt_in_are_allowed_on_every_path() {
    let legacy_fake = Fake::new(CATEGORIES.as_bytes(), &[]);
    let legacy = LegacyClient::new(legacy_fake.clone(), LOOPBACK, Secret::new("k"));
    assert_eq!(legacy.category_list().unwrap().len(), 1);
    let async_legacy = AsyncLegacyClient::new(legacy_fake.clone(), LOOPBACK, Secret::new("k"));
    assert_eq!(block_on(async_legacy.category_list()).unwrap().len(), 1);
    let allowed = TransportPolicy {
        allow_insecure_http: true,
    };
    let opted =
        LegacyClient::new(legacy_fake.clone(), REMOTE, Secret::new("k")).with_policy(allowed);
    assert_eq!(opted.category_list().unwrap().len(), 1);
    assert_eq!(legacy_fake.count(), 3);

    let cart_fake = Fake::new(&cart_json(), &[]);
    let mut cart = CartLink::new(cart_fake.clone(), LOOPBACK);
    assert_eq!(cart.add(sprocket()).unwrap().item_count, 1);
    let mut async_cart = AsyncCartLink::new(cart_fake.clone(), REMOTE).with_policy(allowed);
    assert_eq!(block_on(async_cart.view()).unwrap().item_count, 1);
    assert_eq!(cart_fake.count(), 2);

    let home = Fake::new(b"{}", &[]);
    let client = Client::builder()
        .base_url(format!("{LOOPBACK}/"))
        .access_token("t")
        .transport(home.clone())
        .build()
        .unwrap();
    client.home().unwrap();
    assert_eq!(home.count(), 1);
}

#[test]
fn a_legacy_read_is_retried_on_503_429_and_a_dropped_connection() {
    for (name, script) in [
        ("503", vec![Answer::Status(503)]),
        (
            "502 then 504",
            vec![Answer::Status(502), Answer::Status(504)],
        ),
        ("429", vec![Answer::Status(429)]),
        ("dropped", vec![Answer::Dropped]),
    ] {
        let fake = Fake::new(CATEGORIES.as_bytes(), &script);
        let legacy =
            LegacyClient::new(fake.clone(), LOOPBACK, Secret::new("k")).with_retry(quick());
        let categories = legacy.category_list().unwrap();
        assert_eq!(categories[0].code.as_deref(), Some("DEFAULT"), "{name}");
        assert_eq!(fake.count(), script.len() + 1, "{name}");
    }
    let fake = Fake::new(CATEGORIES.as_bytes(), &[Answer::Status(503)]);
    let legacy =
        AsyncLegacyClient::new(fake.clone(), LOOPBACK, Secret::new("k")).with_retry(quick());
    assert_eq!(block_on(legacy.category_list()).unwrap().len(), 1);
    assert_eq!(fake.count(), 2, "async: 503 then 200");
    // The retry budget still ends a read that keeps failing.
    let fake = Fake::new(CATEGORIES.as_bytes(), &[Answer::Status(503); 9]);
    let legacy = LegacyClient::new(fake.clone(), LOOPBACK, Secret::new("k")).with_retry(quick());
    assert_eq!(
        legacy.category_list(),
        Err(Error::Legacy(LegacyError::Status(503)))
    );
    assert_eq!(fake.count(), 4);
}

#[test]
fn a_charge_like_legacy_action_is_never_replayed_once_it_may_have_been_sent() {
    let modify = |legacy: &LegacyClient<Fake>| {
        legacy.subscription_modify("sub_1", &[("next_transaction_date", "2026-12-04")])
    };
    let fake = Fake::new(DONE.as_bytes(), &[Answer::Dropped]);
    let legacy = LegacyClient::new(fake.clone(), LOOPBACK, Secret::new("k")).with_retry(quick());
    assert!(matches!(
        modify(&legacy),
        Err(Error::Transport(TransportFailure::Dropped(_)))
    ));
    assert_eq!(
        fake.count(),
        1,
        "a dropped subscription_modify is not sent again"
    );

    let fake = Fake::new(DONE.as_bytes(), &[Answer::Status(503)]);
    let legacy = LegacyClient::new(fake.clone(), LOOPBACK, Secret::new("k")).with_retry(quick());
    assert_eq!(
        modify(&legacy),
        Err(Error::Legacy(LegacyError::Status(503)))
    );
    assert_eq!(
        fake.count(),
        1,
        "a 503 subscription_modify is not sent again"
    );

    let fake = Fake::new(DONE.as_bytes(), &[Answer::Dropped]);
    let legacy =
        AsyncLegacyClient::new(fake.clone(), LOOPBACK, Secret::new("k")).with_retry(quick());
    let cancelled = block_on(legacy.subscription_cancel("sub_1"));
    assert!(matches!(cancelled, Err(Error::Transport(_))));
    assert_eq!(
        fake.count(),
        1,
        "async: a dropped subscription_cancel is not sent again"
    );

    // A write that provably never left, or was refused with a 429, is sent again.
    let fake = Fake::new(DONE.as_bytes(), &[Answer::NotSent, Answer::Status(429)]);
    let legacy = LegacyClient::new(fake.clone(), LOOPBACK, Secret::new("k")).with_retry(quick());
    assert_eq!(modify(&legacy), Ok(()));
    assert_eq!(fake.count(), 3);
}

#[test]
fn a_cart_add_is_never_replayed_but_a_view_is_retried() {
    let fake = Fake::new(&cart_json(), &[Answer::Dropped]);
    let mut cart = CartLink::new(fake.clone(), LOOPBACK).with_retry(quick());
    assert!(matches!(cart.add(sprocket()), Err(Error::Transport(_))));
    assert_eq!(fake.count(), 1, "adding twice would add two sprockets");

    let fake = Fake::new(&cart_json(), &[Answer::Status(503), Answer::Dropped]);
    let mut cart = CartLink::new(fake.clone(), LOOPBACK).with_retry(quick());
    assert_eq!(cart.view().unwrap().session_id, "fcsid_1");
    assert_eq!(fake.count(), 3);
}
