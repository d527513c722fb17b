//! The two drivers over canned exchanges (closure transports, no network):
//! both clients must send the same requests and give the same results.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt as _;
use http::{Method, Request, Response, StatusCode};

use foxy::model::{Cart, Customer};
use foxy::proto::step::{Outcome, TransportFailure};
use foxy::{ClientBuilder, Error, Query, RetryPolicy};

/// A canned API: home, store, a carts collection of 3 pages, a cart, a
/// token endpoint. Records every request as `METHOD path?query`.
#[derive(Default)]
struct Api {
    log: Mutex<Vec<String>>,
    token_hits: AtomicUsize,
    posts_to_cart: AtomicUsize,
    throttle_once: Mutex<bool>,
}

fn hal(status: u16, body: &str) -> Outcome {
    let mut response = Response::new(body.as_bytes().to_vec());
    *response.status_mut() = StatusCode::from_u16(status).expect("status");
    response.headers_mut().insert(
        "content-type",
        "application/hal+json".parse().expect("value"),
    );
    Ok(response)
}

fn page(offset: u32, next: Option<u32>) -> String {
    let next = next
        .map(|n| format!(r#","next":{{"href":"https://api.test/stores/8/carts?offset={n}"}}"#))
        .unwrap_or_default();
    let members: Vec<String> = (offset..offset + 2)
        .map(|i| {
            format!(r#"{{"_links":{{"self":{{"href":"https://api.test/carts/{i}"}}}},"total_order":{i}}}"#)
        })
        .collect();
    format!(
        r#"{{"_links":{{"self":{{"href":"https://api.test/stores/8/carts?offset={offset}"}}{next}}},"_embedded":{{"fx:carts":[{}]}},"total_items":6,"returned_items":2,"limit":2,"offset":{offset}}}"#,
        members.join(",")
    )
}

impl Api {
    fn answer(&self, request: &Request<Vec<u8>>) -> Outcome {
        let uri = request.uri();
        let target = uri
            .path_and_query()
            .map_or("/", |pq| pq.as_str())
            .to_owned();
        self.log
            .lock()
            .expect("log")
            .push(format!("{} {target}", request.method()));
        let bearer = request
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok());
        if uri.path() == "/token" {
            self.token_hits.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(20));
            return hal(
                200,
                r#"{"access_token":"a1","expires_in":7200,"token_type":"bearer"}"#,
            );
        }
        if bearer != Some("Bearer a1") {
            return hal(401, r#"{"error":"invalid_token"}"#);
        }
        match (request.method().clone(), target.as_str()) {
            (Method::GET, "/") => hal(
                200,
                r#"{"_links":{"self":{"href":"https://api.test/"},"fx:store":{"href":"https://api.test/stores/8"},"fx:token":{"href":"https://api.test/token"}}}"#,
            ),
            (Method::GET, "/stores/8") => {
                let mut throttle = self.throttle_once.lock().expect("flag");
                if *throttle {
                    *throttle = false;
                    let mut r = hal(429, "")?;
                    r.headers_mut()
                        .insert("retry-after", "0".parse().expect("v"));
                    return Ok(r);
                }
                hal(
                    200,
                    r#"{"_links":{"self":{"href":"https://api.test/stores/8"},"fx:carts":{"href":"https://api.test/stores/8/carts"},"fx:evil":{"href":"http://evil.test/steal"}},"store_name":"Demo"}"#,
                )
            }
            (Method::GET, "/stores/8/carts") => hal(200, &page(0, Some(2))),
            // The `next` links, and the pages a walk plans from the counts of the first one.
            (Method::GET, "/stores/8/carts?offset=2" | "/stores/8/carts?limit=2&offset=2") => {
                hal(200, &page(2, Some(4)))
            }
            (Method::GET, "/stores/8/carts?offset=4" | "/stores/8/carts?limit=2&offset=4") => {
                hal(200, &page(4, None))
            }
            (Method::PATCH, "/carts/1") => hal(
                200,
                r#"{"_links":{"self":{"href":"https://api.test/carts/1"}}}"#,
            ),
            (Method::POST, "/carts/1") => {
                self.posts_to_cart.fetch_add(1, Ordering::SeqCst);
                Err(TransportFailure::Dropped("connection reset".into()))
            }
            _ => hal(
                404,
                r#"{"_embedded":{"fx:errors":[{"logref":"x1","message":"no such thing"}]},"total":1}"#,
            ),
        }
    }

    fn log(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.lock().expect("log"))
    }
}

fn builder() -> ClientBuilder {
    ClientBuilder::new()
        .base_url("https://api.test/")
        .refresh_token("client", "s3cret", "r3fresh")
        .retry_policy(RetryPolicy {
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            ..RetryPolicy::default()
        })
}

fn blocking(api: &Arc<Api>) -> foxy::Client {
    let api = api.clone();
    builder()
        .transport(move |request: Request<Vec<u8>>| api.answer(&request))
        .build()
        .expect("client")
}

fn asynchronous(api: &Arc<Api>) -> foxy::AsyncClient {
    let api = api.clone();
    builder()
        .async_transport(move |request: Request<Vec<u8>>| {
            let outcome = api.answer(&request);
            async move { outcome }
        })
        .build_async()
        .expect("client")
}

fn cart_and_customer() -> (Cart, Customer) {
    let cart = Cart::from_resource(
        &foxy::Resource::new().with_link("self", foxy::Link::new("https://api.test/carts/1")),
    )
    .expect("cart");
    let customer = Customer::from_resource(
        &foxy::Resource::new().with_link("self", foxy::Link::new("https://api.test/customers/2")),
    )
    .expect("customer");
    (cart, customer)
}

/// What one client saw and sent.
#[derive(Debug, PartialEq)]
struct Seen {
    store_name: Option<String>,
    totals: Vec<String>,
    charge: String,
    charge_ambiguous: bool,
    evil: String,
    missing: Option<Vec<String>>,
    requests: Vec<String>,
}

fn messages(error: &Error) -> Option<Vec<String>> {
    match error {
        Error::Api(api) => Some(api.messages().iter().map(|m| m.to_string()).collect()),
        _ => None,
    }
}

fn total(cart: Result<Cart, Error>) -> String {
    cart.expect("member")
        .total_order
        .map(|m| m.to_string())
        .unwrap_or_default()
}

#[test]
fn both_clients_send_the_same_requests_and_give_the_same_results() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (cart, customer) = cart_and_customer();

    let api = Arc::new(Api::default());
    *api.throttle_once.lock().expect("flag") = true;
    let client = blocking(&api);
    let store = client.follow("fx:store").get(Query::new()).expect("store");
    let totals: Vec<String> = client.carts().all(Query::new()).map(total).collect();
    let charge = client
        .carts()
        .charge(&cart, &customer)
        .expect_err("dropped");
    let evil = client
        .follow("fx:store")
        .follow("fx:evil")
        .get(Query::new())
        .expect_err("policy");
    let missing = client
        .get("https://api.test/nothing", Query::new())
        .expect_err("404");
    let from_blocking = Seen {
        store_name: store
            .property("store_name")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        totals,
        charge: charge.to_string(),
        charge_ambiguous: charge.is_ambiguous(),
        evil: evil.to_string(),
        missing: messages(&missing),
        requests: api.log(),
    };
    assert_eq!(
        api.posts_to_cart.load(Ordering::SeqCst),
        1,
        "the charge POST is sent once"
    );
    assert_eq!(api.token_hits.load(Ordering::SeqCst), 1);

    let api = Arc::new(Api::default());
    *api.throttle_once.lock().expect("flag") = true;
    let client = asynchronous(&api);
    let from_async = runtime.block_on(async {
        let store = client
            .follow("fx:store")
            .get(Query::new())
            .await
            .expect("store");
        let totals: Vec<String> = client.carts().all(Query::new()).map(total).collect().await;
        let charge = client
            .carts()
            .charge(&cart, &customer)
            .await
            .expect_err("dropped");
        let evil = client
            .follow("fx:store")
            .follow("fx:evil")
            .get(Query::new())
            .await
            .expect_err("policy");
        let missing = client
            .get("https://api.test/nothing", Query::new())
            .await
            .expect_err("404");
        Seen {
            store_name: store
                .property("store_name")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            totals,
            charge: charge.to_string(),
            charge_ambiguous: charge.is_ambiguous(),
            evil: evil.to_string(),
            missing: messages(&missing),
            requests: api.log(),
        }
    });
    assert_eq!(api.posts_to_cart.load(Ordering::SeqCst), 1);
    assert_eq!(from_blocking, from_async);

    assert_eq!(from_blocking.store_name.as_deref(), Some("Demo"));
    assert_eq!(from_blocking.totals, ["0", "1", "2", "3", "4", "5"]);
    assert!(from_blocking.charge_ambiguous);
    assert!(
        from_blocking.evil.contains("evil.test"),
        "{}",
        from_blocking.evil
    );
    assert_eq!(
        from_blocking.missing,
        Some(vec!["no such thing".to_owned()])
    );
    let expected = [
        "POST /token",
        "GET /",
        "GET /stores/8",
        "GET /stores/8",
        "GET /stores/8",
        "GET /stores/8/carts",
        // Planned from the first page's counts (limit 2 of 6), one page ahead.
        "GET /stores/8/carts?limit=2&offset=2",
        "GET /stores/8/carts?limit=2&offset=4",
        "PATCH /carts/1",
        "POST /carts/1",
        "GET /stores/8",
        "GET /nothing",
    ];
    // The home is read once: `fx:store` is cached; the store is read (after
    // a 429) for itself, then for its `fx:carts` and `fx:evil` links.
    assert_eq!(from_blocking.requests, expected);
    let text = format!("{from_blocking:?}");
    assert!(!text.contains("s3cret") && !text.contains("r3fresh"));
}

#[test]
fn sixty_four_threads_share_one_refresh() {
    let api = Arc::new(Api::default());
    let client = blocking(&api);
    let threads: Vec<_> = (0..64)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || client.home().map(|_| ()))
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread").expect("home");
    }
    assert_eq!(api.token_hits.load(Ordering::SeqCst), 1);
}

#[test]
fn clients_are_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<foxy::Client>();
    assert_send_sync::<foxy::AsyncClient>();
    fn assert_send<T: Send>(_: &T) {}
    let api = Arc::new(Api::default());
    let client = asynchronous(&api);
    let future = async move { client.home().await };
    assert_send(&future);
}

#[test]
fn member_walks_are_fused() {
    fn assert_fused_iterator<I: std::iter::FusedIterator>(_: &I) {}
    fn assert_fused_stream<S: futures::stream::FusedStream>(_: &S) {}

    let api = Arc::new(Api::default());
    let client = blocking(&api);
    let mut members = client.carts().all(Query::new());
    assert_fused_iterator(&members);
    assert_eq!(members.by_ref().map(total).count(), 6);
    assert!(members.next().is_none());
    assert!(members.next().is_none(), "still over, not restarted");
    let mut failing = client.all::<Cart>("https://api.test/nothing", Query::new());
    assert!(matches!(failing.next(), Some(Err(Error::Api(_)))));
    assert!(failing.next().is_none());
    assert!(failing.next().is_none());
    let fetched = api.log();
    assert_eq!(
        fetched.iter().filter(|r| r.contains("/carts")).count(),
        3,
        "each page fetched once: {fetched:?}"
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let api = Arc::new(Api::default());
    let client = asynchronous(&api);
    runtime.block_on(async {
        use futures::stream::FusedStream as _;
        let mut members = client.carts().all(Query::new());
        assert_fused_stream(&members);
        let mut seen = 0;
        while let Some(member) = members.next().await {
            total(member);
            seen += 1;
        }
        assert_eq!(seen, 6);
        assert!(members.is_terminated());
        assert!(members.next().await.is_none(), "polled after the end");
        assert!(members.next().await.is_none());
        let fetched = api.log();
        assert_eq!(
            fetched.iter().filter(|r| r.contains("/carts")).count(),
            3,
            "each page fetched once: {fetched:?}"
        );

        // Pages fetched concurrently (this canned API knows only the
        // `next` hrefs, so the planned pages may fail): fused all the same.
        let mut parallel = client.carts().all_parallel(Query::new(), 2);
        while parallel.next().await.is_some() {}
        assert!(parallel.is_terminated());
        assert!(parallel.next().await.is_none());

        let mut failing = client.all::<Cart>("https://api.test/nothing", Query::new());
        assert!(!failing.is_terminated());
        assert!(matches!(failing.next().await, Some(Err(Error::Api(_)))));
        assert!(failing.next().await.is_none());
        assert!(failing.is_terminated());
        assert!(failing.next().await.is_none());
    });
}
