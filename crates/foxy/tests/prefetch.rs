//! Walks fetch one page ahead: while page n's members are read, page n+1 is
//! fetched, never page n+2; an error on page n+1 comes after every member of
//! page n; every member arrives once, in collection order; a walk dropped
//! early fetches nothing further. Blocking `Pages` and the async stream.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt as _;
use futures::future::BoxFuture;

use foxy::model::{Cart, Model};
use foxy::proto::query::Limit;
use foxy::transport::{AsyncTransport, Outcome, Transport};
use foxy::{AsyncClient, Client, Query, ReqwestTransport, Timeouts, UreqTransport};
use foxy_sandbox::{BackgroundSandbox, Config, Sandbox};

const LIMIT: u64 = 5;

/// Counts the carts pages asked for; can answer the page at one offset
/// with a 404 instead of sending it.
#[derive(Clone, Default)]
struct Pager {
    pages: Arc<AtomicUsize>,
    fail_offset: Arc<Mutex<Option<u64>>>,
}

impl Pager {
    /// `Some(response)` when the request is to fail; counts carts pages.
    fn intercept(&self, request: &http::Request<Vec<u8>>) -> Option<Outcome> {
        if request.uri().path().ends_with("/carts") {
            self.pages.fetch_add(1, Ordering::SeqCst);
            let offset = request
                .uri()
                .query()
                .unwrap_or("")
                .split('&')
                .find_map(|p| p.strip_prefix("offset="))
                .and_then(|o| o.parse::<u64>().ok())
                .unwrap_or(0);
            if *self.fail_offset.lock().unwrap() == Some(offset) {
                let mut r = http::Response::new(b"{\"message\":\"gone\"}".to_vec());
                *r.status_mut() = http::StatusCode::NOT_FOUND;
                return Some(Ok(r));
            }
        }
        None
    }

    fn pages(&self) -> usize {
        self.pages.load(Ordering::SeqCst)
    }
}

struct Blocking(Pager, UreqTransport);

impl Transport for Blocking {
    fn send(&self, request: http::Request<Vec<u8>>) -> Outcome {
        match self.0.intercept(&request) {
            Some(outcome) => outcome,
            None => self.1.send(request),
        }
    }
}

struct Async(Pager, ReqwestTransport);

impl AsyncTransport for Async {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        match self.0.intercept(&request) {
            Some(outcome) => Box::pin(async move { outcome }),
            None => self.1.send(request),
        }
    }
}

/// A sandbox with `carts` more carts than it seeds.
fn sandbox(carts: u64) -> BackgroundSandbox {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox starts");
    sb.seed_carts(carts).expect("seeded");
    sb
}

fn blocking(sb: &BackgroundSandbox, pager: &Pager) -> Client {
    let c = sb.credentials();
    Client::builder()
        .base_url(sb.base_url())
        .refresh_token(
            c.client_id.clone(),
            c.client_secret.clone(),
            c.refresh_token.clone(),
        )
        .transport(Blocking(
            pager.clone(),
            UreqTransport::new(Timeouts::default()),
        ))
        .build()
        .expect("client")
}

fn asynchronous(sb: &BackgroundSandbox, pager: &Pager) -> AsyncClient {
    let c = sb.credentials();
    AsyncClient::builder()
        .base_url(sb.base_url())
        .refresh_token(
            c.client_id.clone(),
            c.client_secret.clone(),
            c.refresh_token.clone(),
        )
        .async_transport(Async(
            pager.clone(),
            ReqwestTransport::new(Timeouts::default()).expect("transport"),
        ))
        .build()
        .expect("client")
}

fn query() -> Query {
    Query::new().limit(Limit::new(LIMIT).expect("limit"))
}

/// The self hrefs of every cart, page by page without a walk.
fn expected(client: &Client) -> Vec<String> {
    let mut hrefs = Vec::new();
    let mut offset = 0;
    loop {
        let page = client.carts().list(query().offset(offset)).expect("page");
        if page.members.is_empty() {
            return hrefs;
        }
        for cart in &page.members {
            hrefs.push(cart.self_href().expect("href").to_owned());
        }
        offset += LIMIT;
    }
}

fn href(cart: &Cart) -> String {
    cart.self_href().expect("href").to_owned()
}

/// Waits (up to 10 s) until `pager` has seen `n` pages.
fn wait_for(pager: &Pager, n: usize) {
    let start = Instant::now();
    while pager.pages() < n && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn blocking_walk_holds_at_most_two_pages_and_keeps_order() {
    let sb = sandbox(23);
    let pager = Pager::default();
    let client = blocking(&sb, &pager);
    let want = expected(&client);
    assert!(want.len() > 20, "{}", want.len());
    let before = pager.pages();

    let mut got = Vec::new();
    for (i, cart) in client.carts().all(query()).enumerate() {
        let page = i / LIMIT as usize; // the page being read, from 0
        if i % LIMIT as usize == 0 && (page + 1) * (LIMIT as usize) < want.len() {
            // The page after this one is fetched meanwhile...
            wait_for(&pager, before + page + 2);
            std::thread::sleep(Duration::from_millis(30));
        }
        // ...but never the one after that.
        assert!(
            pager.pages() - before <= page + 2,
            "reading page {page}, {} fetched",
            pager.pages() - before
        );
        got.push(href(&cart.expect("cart")));
    }
    assert_eq!(got, want);
}

#[test]
fn blocking_error_on_the_next_page_comes_after_this_pages_members() {
    let sb = sandbox(12);
    let pager = Pager::default();
    let client = blocking(&sb, &pager);
    *pager.fail_offset.lock().unwrap() = Some(LIMIT);
    let mut walk = client.carts().all(query());
    for _ in 0..LIMIT {
        walk.next().expect("a member").expect("page 1 is read");
    }
    assert!(matches!(walk.next(), Some(Err(_))), "page 2 fails");
    assert!(walk.next().is_none(), "fused after the error");
}

#[test]
fn blocking_walk_dropped_early_fetches_nothing_more() {
    let sb = sandbox(30);
    let pager = Pager::default();
    let client = blocking(&sb, &pager);
    let before = pager.pages();
    let mut walk = client.carts().all(query());
    walk.next().expect("a member").expect("cart");
    wait_for(&pager, before + 2);
    drop(walk);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(pager.pages() - before, 2, "page 1 and the one ahead only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_walk_holds_at_most_two_pages_and_keeps_order() {
    let sb = sandbox(23);
    let pager = Pager::default();
    let want = {
        let client = blocking(&sb, &Pager::default());
        tokio::task::spawn_blocking(move || expected(&client))
            .await
            .expect("listed")
    };
    let client = asynchronous(&sb, &pager);
    let mut walk = client.carts().all(query());
    let mut got = Vec::new();
    let mut i = 0usize;
    while let Some(cart) = walk.next().await {
        let page = i / LIMIT as usize;
        assert!(
            pager.pages() <= page + 2,
            "reading page {page}, {} fetched",
            pager.pages()
        );
        got.push(href(&cart.expect("cart")));
        i += 1;
    }
    assert_eq!(got, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_error_on_the_next_page_comes_after_this_pages_members() {
    let sb = sandbox(12);
    let pager = Pager::default();
    let client = asynchronous(&sb, &pager);
    *pager.fail_offset.lock().unwrap() = Some(LIMIT);
    let mut walk = client.carts().all(query());
    for _ in 0..LIMIT {
        walk.next()
            .await
            .expect("a member")
            .expect("page 1 is read");
    }
    assert!(matches!(walk.next().await, Some(Err(_))), "page 2 fails");
    assert!(walk.next().await.is_none(), "fused after the error");
}
