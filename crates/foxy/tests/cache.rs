//! The HTTP cache and response metadata against the sandbox (which tags
//! its answers and honours `If-None-Match`): walking store, carts and a
//! cart a second time sends only conditional requests, all answered 304;
//! a write drops what it touched; every value and API error says what the
//! server said besides the body.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use foxy::model::{Cart, Item, Model};
use foxy::transport::{Outcome, Transport};
use foxy::{CacheMode, CacheStatus, Client, Map, Query, Resource, Timeouts, UreqTransport, Value};
use foxy_sandbox::{Config, Sandbox};

/// One request as the transport saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    line: String,
    conditional: bool,
    status: u16,
}

/// A transport over ureq that records each request and can answer the
/// first GET of a path with a 503 without sending it.
#[derive(Clone)]
struct Counting {
    inner: Arc<UreqTransport>,
    seen: Arc<Mutex<Vec<Seen>>>,
    fail_once: Arc<Mutex<Option<String>>>,
}

impl Counting {
    fn new() -> Counting {
        Counting {
            inner: Arc::new(UreqTransport::new(Timeouts::default())),
            seen: Arc::default(),
            fail_once: Arc::default(),
        }
    }

    /// The API requests since the last call (token requests left out).
    fn take(&self) -> Vec<Seen> {
        let mut seen = self.seen.lock().unwrap();
        std::mem::take(&mut *seen)
            .into_iter()
            .filter(|s| !s.line.contains("/token"))
            .collect()
    }
}

impl Transport for Counting {
    fn send(&self, request: http::Request<Vec<u8>>) -> Outcome {
        let line = format!("{} {}", request.method(), request.uri().path());
        let conditional = request.headers().contains_key(http::header::IF_NONE_MATCH);
        let failing = {
            let mut fail = self.fail_once.lock().unwrap();
            let hit = fail.as_deref() == Some(request.uri().path());
            if hit {
                *fail = None;
            }
            hit
        };
        let outcome = if failing {
            let mut r = http::Response::new(Vec::new());
            *r.status_mut() = http::StatusCode::SERVICE_UNAVAILABLE;
            Ok(r)
        } else {
            self.inner.send(request)
        };
        let status = outcome.as_ref().map_or(0, |r| r.status().as_u16());
        self.seen.lock().unwrap().push(Seen {
            line,
            conditional,
            status,
        });
        outcome
    }
}

fn client(sb: &foxy_sandbox::BackgroundSandbox, transport: Counting) -> Client {
    builder(sb, transport).build().expect("client")
}

fn builder(sb: &foxy_sandbox::BackgroundSandbox, transport: Counting) -> foxy::ClientBuilder {
    let c = sb.credentials();
    Client::builder()
        .base_url(sb.base_url())
        .refresh_token(
            c.client_id.clone(),
            c.client_secret.clone(),
            c.refresh_token.clone(),
        )
        .retry_policy(foxy::RetryPolicy {
            base_delay: Duration::from_millis(10),
            ..foxy::RetryPolicy::default()
        })
        .transport(transport)
}

/// Store, carts, then the first cart: what a dashboard reads.
fn walk(client: &Client) -> (Resource, Vec<Cart>, Cart) {
    let store = client.follow("fx:store").get(Query::new()).expect("store");
    let carts = client.carts().list(Query::new()).expect("carts").members;
    let href = carts[0].self_href().expect("cart href").to_owned();
    let cart = client.carts().get(&href, Query::new()).expect("cart");
    (store, carts, cart)
}

#[test]
fn a_second_walk_sends_only_conditional_requests() {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox");
    let transport = Counting::new();
    let client = client(&sb, transport.clone());
    let cart = Cart::new().with_item(Item::new("Sprocket", 10, 2));
    client.carts().create(&cart).expect("a cart");
    transport.take();

    let first = walk(&client);
    let seen = transport.take();
    assert!(
        seen.iter().all(|s| s.status == 200 || s.status == 304),
        "{seen:?}"
    );
    let store_meta = first.0.meta().expect("the store's meta");
    assert_eq!(store_meta.status, http::StatusCode::OK);
    assert!(store_meta.etag.is_some(), "{store_meta:?}");
    assert!(store_meta.url.contains("/stores/"), "{}", store_meta.url);
    assert_eq!(store_meta.attempts, 1);
    assert!(store_meta.elapsed > Duration::ZERO);
    assert!(first.2.meta().is_some(), "typed values carry it too");

    let second = walk(&client);
    let seen = transport.take();
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|s| s.conditional && s.status == 304),
        "only conditional requests, all 304: {seen:?}"
    );
    assert_eq!(first, second, "equal resources");
    assert_eq!(
        second.2.meta().map(|m| (m.status, m.cache)),
        Some((http::StatusCode::OK, CacheStatus::Revalidated))
    );
}

#[test]
fn a_write_drops_what_it_touched() {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox");
    let transport = Counting::new();
    let client = client(&sb, transport.clone());
    let href = client
        .carts()
        .create(&Cart::new().with_item(Item::new("Sprocket", 10, 2)))
        .expect("a cart");
    client.carts().get(&href, Query::new()).expect("cart");
    client.carts().list(Query::new()).expect("carts");
    transport.take();

    let mut changes = Map::new();
    changes.insert("billing_company".to_owned(), Value::from("Acme"));
    client.carts().patch(&href, &changes).expect("patched");
    let cart = client.carts().get(&href, Query::new()).expect("cart");
    client.carts().list(Query::new()).expect("carts");
    let seen = transport.take();
    let reads: Vec<_> = seen.iter().filter(|s| s.line.starts_with("GET")).collect();
    assert_eq!(reads.len(), 2, "{seen:?}");
    assert!(
        reads.iter().all(|s| !s.conditional && s.status == 200),
        "the cart and the page listing it were dropped: {seen:?}"
    );
    assert_eq!(
        cart.to_resource()
            .property("billing_company")
            .and_then(|v| v.as_str()),
        Some("Acme")
    );
}

#[test]
fn metadata_counts_attempts_and_errors_carry_their_logref() {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox");
    let transport = Counting::new();
    let client = client(&sb, transport.clone());
    let store = client.follow("fx:store").get(Query::new()).expect("store");
    let path = store.self_href().expect("href").to_owned();
    let path = path.parse::<http::Uri>().expect("uri").path().to_owned();
    *transport.fail_once.lock().unwrap() = Some(path);
    let again = client.follow("fx:store").get(Query::new()).expect("store");
    let meta = again.meta().expect("meta");
    assert_eq!(meta.attempts, 2, "a 503, then the answer");
    assert_eq!(meta.status, http::StatusCode::OK);

    let missing = format!("{}/carts/987654", sb.base_url().trim_end_matches('/'));
    let err = client
        .carts()
        .get(&missing, Query::new())
        .expect_err("no such cart");
    let meta = err
        .meta()
        .unwrap_or_else(|| panic!("the error's meta: {err:?}"));
    assert_eq!(meta.status, http::StatusCode::NOT_FOUND);
    assert!(meta.logref.is_some(), "{meta:?}");
    assert_eq!(meta.url, missing);
    assert_eq!(meta.attempts, 1);
}

#[test]
fn a_cache_preferring_client_answers_an_embedded_item_without_a_request() {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox");
    let transport = Counting::new();
    let client = builder(&sb, transport.clone())
        .cache_mode(CacheMode::PreferCached)
        .build()
        .expect("client");
    let href = client
        .carts()
        .create(&Cart::new().with_item(Item::new("Sprocket", 10, 2)))
        .expect("a cart");
    let cart = client
        .carts()
        .get(&href, Query::new().zoom("items").expect("zoom"))
        .expect("zoomed cart");
    transport.take();
    let item_href = cart.items[0].self_href().expect("item href").to_owned();
    let item = client.get(item_href.as_str(), Query::new()).expect("item");
    assert_eq!(transport.take(), [], "answered from the zoomed cart");
    assert_eq!(item.meta().map(|m| m.cache), Some(CacheStatus::Hit));
    assert_eq!(
        item.property("name").and_then(|v| v.as_str()),
        Some("Sprocket")
    );
}

#[test]
fn without_a_cache_nothing_is_conditional() {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox");
    let transport = Counting::new();
    let client = builder(&sb, transport.clone())
        .no_cache()
        .build()
        .expect("client");
    client.follow("fx:store").get(Query::new()).expect("store");
    let store = client.follow("fx:store").get(Query::new()).expect("store");
    assert!(transport.take().iter().all(|s| !s.conditional));
    assert_eq!(store.meta().map(|m| m.cache), Some(CacheStatus::Bypassed));
}

#[tokio::test]
async fn the_async_client_revalidates_the_same_way() {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox");
    let inner = Arc::new(foxy::ReqwestTransport::new(Timeouts::default()).expect("reqwest"));
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let log = seen.clone();
    let transport = move |request: http::Request<Vec<u8>>| {
        let (inner, log) = (inner.clone(), log.clone());
        async move {
            let line = format!("{} {}", request.method(), request.uri().path());
            let conditional = request.headers().contains_key(http::header::IF_NONE_MATCH);
            let outcome = foxy::AsyncTransport::send(&*inner, request).await;
            let status = outcome.as_ref().map_or(0, |r| r.status().as_u16());
            log.lock().unwrap().push(Seen {
                line,
                conditional,
                status,
            });
            outcome
        }
    };
    let c = sb.credentials();
    let client = foxy::AsyncClient::builder()
        .base_url(sb.base_url())
        .refresh_token(
            c.client_id.clone(),
            c.client_secret.clone(),
            c.refresh_token.clone(),
        )
        .async_transport(transport)
        .build()
        .expect("client");
    let first = client
        .follow("fx:store")
        .get(Query::new())
        .await
        .expect("store");
    seen.lock().unwrap().clear();
    let second = client
        .follow("fx:store")
        .get(Query::new())
        .await
        .expect("store");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].conditional && seen[0].status == 304, "{seen:?}");
    assert_eq!(first, second);
    assert_eq!(
        second.meta().map(|m| m.cache),
        Some(CacheStatus::Revalidated)
    );
}
