//! The rules and the machine with canned answers and a fake clock.

use std::cell::Cell;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderValue, Request, Response, StatusCode, header};

use super::*;
use crate::meta::{CacheStatus, ResponseMeta};
use crate::retry::{Retry, RetryPolicy};
use crate::step::{Now, Outcome, drive};

const CART: &str = "https://api.test/carts/5";
const ZOOMED: &str = r#"{"_links":{"self":{"href":"https://api.test/carts/5"}},"total":1,
"_embedded":{"fx:items":[{"_links":{"self":{"href":"https://api.test/items/1"}},"name":"Sprocket"}]}}"#;

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000 + seconds)
}

fn get(url: &str) -> Request<Vec<u8>> {
    Request::get(url)
        .header(header::ACCEPT, "application/hal+json")
        .header(header::AUTHORIZATION, "Bearer sekrit-token")
        .body(Vec::new())
        .expect("request")
}

fn answer(status: u16, body: &str, headers: &[(&'static str, &str)]) -> Response<Vec<u8>> {
    let mut response = Response::new(body.as_bytes().to_vec());
    *response.status_mut() = StatusCode::from_u16(status).expect("status");
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/hal+json"),
    );
    for (name, value) in headers {
        h.insert(*name, HeaderValue::from_str(value).expect("value"));
    }
    response
}

fn tagged(body: &str) -> Response<Vec<u8>> {
    answer(
        200,
        body,
        &[
            ("etag", "W/\"v1\""),
            ("cache-control", "private, must-revalidate"),
            ("last-modified", "Tue, 14 Nov 2023 22:00:00 GMT"),
        ],
    )
}

/// Sends `request` and stores the answer: the first GET of a walk.
fn prime(cache: &Cache, request: &Request<Vec<u8>>, response: Response<Vec<u8>>) {
    // Looked up as a revalidating client would (a cache-preferring one
    // would answer from the store), stored by `cache` itself.
    let revalidating = cache.clone().with_mode(CacheMode::Revalidate);
    let Lookup::Send(pending) = revalidating.before(&bare(request), at(0)) else {
        panic!("a GET without a fresh entry sends");
    };
    let (_, status) = cache.after(pending, &bare(request), response, at(0));
    assert_eq!(status, CacheStatus::Miss);
}

#[test]
fn a_tagged_answer_is_revalidated_and_a_304_served_from_the_store() {
    let cache = Cache::default();
    let request = get(CART);
    prime(&cache, &request, tagged(ZOOMED));
    let Lookup::Send(pending) = cache.before(&bare(&request), at(5)) else {
        panic!("no lifetime: revalidated, never guessed fresh");
    };
    assert_eq!(pending.validators[header::IF_NONE_MATCH], "W/\"v1\"");
    let not_modified = answer(304, "", &[("etag", "W/\"v1\"")]);
    let (served, status) = cache.after(pending, &bare(&request), not_modified, at(5));
    assert_eq!(status, CacheStatus::Revalidated);
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.body(), ZOOMED.as_bytes());
    assert_eq!(served.headers()[header::ETAG], "W/\"v1\"");
}

#[test]
fn an_explicit_lifetime_answers_without_a_request_until_it_ends() {
    let cache = Cache::default();
    let request = get(CART);
    prime(
        &cache,
        &request,
        answer(200, ZOOMED, &[("cache-control", "max-age=60")]),
    );
    assert!(matches!(
        cache.before(&bare(&request), at(30)),
        Lookup::Answer(_)
    ));
    assert!(matches!(
        cache.before(&bare(&request), at(90)),
        Lookup::Send(_)
    ));
}

#[test]
fn no_store_and_answers_without_validator_or_lifetime_are_not_kept() {
    let store = Arc::new(MemoryCache::default());
    let cache = Cache::new(store.clone());
    let request = get("https://api.test/stores/8");
    prime(
        &cache,
        &request,
        answer(
            200,
            "{}",
            &[("etag", "W/\"a\""), ("cache-control", "no-store")],
        ),
    );
    prime(&cache, &request, answer(200, "{}", &[]));
    assert!(store.is_empty());
    // A write's answer is never stored, nor looked up.
    let post = Request::post(CART).body(Vec::new()).expect("post");
    assert!(matches!(cache.before(&post, at(0)), Lookup::Pass));
}

#[test]
fn embedded_resources_seed_entries_only_a_cache_preferring_client_uses() {
    let store = Arc::new(MemoryCache::default());
    let revalidating = Cache::new(store.clone());
    let preferring = Cache::new(store.clone()).with_mode(CacheMode::PreferCached);
    let zoomed = get("https://api.test/carts/5?zoom=items");
    // A revalidating cache does not even cut seeds out.
    prime(&revalidating, &zoomed, tagged(ZOOMED));
    assert_eq!(store.len(), 1);
    prime(&preferring, &zoomed, tagged(ZOOMED));
    assert_eq!(store.len(), 2);
    let item = get("https://api.test/items/1");
    // Revalidating: a seed has no validator, so the GET is a plain one.
    let Lookup::Send(pending) = revalidating.before(&bare(&item), at(1)) else {
        panic!("sent");
    };
    assert!(pending.validators.is_empty());
    let Lookup::Answer(seeded) = preferring.before(&bare(&item), at(1)) else {
        panic!("answered from the seed");
    };
    let read = crate::error::read_resource(&seeded, crate::MediaType::HalJson).expect("read");
    assert_eq!(
        read.property("name").and_then(|v| v.as_str()),
        Some("Sprocket")
    );
    // A seed never replaces a validated entry.
    prime(&preferring, &item, tagged(r#"{"name":"validated"}"#));
    prime(&preferring, &zoomed, tagged(ZOOMED));
    let entry = store
        .get(&CacheKey::of("", &item))
        .expect("the item's entry");
    assert!(!entry.is_seeded());
    // `fields=` answers are partial: they seed nothing.
    let partial = get("https://api.test/carts/6?zoom=items&item_fields=name");
    let body = ZOOMED.replace("items/1", "items/2");
    prime(&preferring, &partial, tagged(&body));
    assert!(
        store
            .get(&CacheKey::of("", &get("https://api.test/items/2")))
            .is_none()
    );
}

#[test]
fn a_write_drops_its_resource_every_variant_and_what_embeds_it() {
    let store = Arc::new(MemoryCache::default());
    let cache = Cache::new(store.clone());
    prime(&cache, &get(CART), tagged(ZOOMED));
    prime(
        &cache,
        &get("https://api.test/carts/5?zoom=items"),
        tagged(ZOOMED),
    );
    let list =
        r#"{"_embedded":{"fx:carts":[{"_links":{"self":{"href":"https://api.test/carts/5"}}}]}}"#;
    prime(
        &cache,
        &get("https://api.test/stores/8/carts"),
        tagged(list),
    );
    prime(&cache, &get("https://api.test/carts/6"), tagged("{}"));
    let before = store.len();
    // A PATCH of an item drops the zoomed carts embedding it (both
    // variants here embed items/1) and the item's seed.
    let patch = Request::patch("https://api.test/items/1")
        .body(Vec::new())
        .expect("patch");
    cache.after_write(&patch, None);
    assert!(store.get(&CacheKey::of("", &get(CART))).is_none());
    assert!(store.len() < before);
    // A PATCH of the cart drops the collection listing it.
    let patch = Request::patch(CART).body(Vec::new()).expect("patch");
    cache.after_write(&patch, Some(&answer(200, "{}", &[])));
    let carts = CacheKey::of("", &get("https://api.test/stores/8/carts"));
    assert!(store.get(&carts).is_none());
    assert!(
        store
            .get(&CacheKey::of("", &get("https://api.test/carts/6")))
            .is_some()
    );
    // A creation drops what its Location names.
    let post = Request::post("https://api.test/stores/8/customers")
        .body(Vec::new())
        .expect("post");
    cache.after_write(&post, Some(&answer(201, "{}", &[("location", "/carts/6")])));
    assert!(
        store
            .get(&CacheKey::of("", &get("https://api.test/carts/6")))
            .is_none()
    );
}

#[test]
fn no_token_reaches_a_stored_policy() {
    let store = Arc::new(MemoryCache::default());
    let cache = Cache::new(store.clone());
    prime(&cache, &get(CART), tagged(ZOOMED));
    let entry = store.get(&CacheKey::of("", &get(CART))).expect("entry");
    let policy = format!("{:?}", entry.policy);
    assert!(policy.contains("carts/5"), "{policy}");
    assert!(!policy.contains("sekrit"), "{policy}");
    assert!(!format!("{entry:?}").contains("sekrit"));
}

/// Runs a [`Cached`] [`Retry`] of `request` against `transport`, the clock
/// moving one second per reading.
fn run(
    cache: Option<Cache>,
    request: Request<Vec<u8>>,
    transport: impl FnMut(Request<Vec<u8>>) -> Outcome,
) -> Response<Vec<u8>> {
    let clock = Cell::new(0u64);
    let retry = Retry::new(
        crate::retry::clone_request(&request),
        RetryPolicy::default(),
        Box::new(|| 0u64),
    );
    let machine = Cached::new(retry, cache, &request);
    drive(
        machine,
        transport,
        |_| {},
        || {
            clock.set(clock.get() + 1);
            Now::new(Duration::from_secs(clock.get()), at(clock.get()))
        },
    )
    .expect("an answer")
}

fn meta(response: &Response<Vec<u8>>) -> ResponseMeta {
    ResponseMeta::from_response(response)
        .cloned()
        .expect("meta")
}

#[test]
fn the_machine_adds_validators_serves_304s_and_records_the_exchange() {
    let cache = Cache::default();
    let preferring = cache.clone().with_mode(CacheMode::PreferCached);
    // Read once by a cache-preferring client of the same store: it seeds items/1.
    let first = run(Some(preferring.clone()), get(CART), |r| {
        assert!(r.headers().get(header::IF_NONE_MATCH).is_none());
        Ok(tagged(ZOOMED))
    });
    let m = meta(&first);
    assert_eq!(
        (m.status, m.attempts, m.cache),
        (StatusCode::OK, 1, CacheStatus::Miss)
    );
    assert_eq!(m.etag.as_deref(), Some("W/\"v1\""));
    assert_eq!(m.url, CART);
    assert!(m.elapsed > Duration::ZERO);

    let mut sent = 0;
    let second = run(Some(cache.clone()), get(CART), |r| {
        sent += 1;
        assert_eq!(r.headers()[header::IF_NONE_MATCH], "W/\"v1\"");
        // The token is still on the request that goes out.
        assert!(r.headers().contains_key(header::AUTHORIZATION));
        if sent == 1 {
            return Ok(answer(503, "", &[]));
        }
        Ok(answer(304, "", &[("etag", "W/\"v1\"")]))
    });
    assert_eq!(second.body(), first.body());
    let m = meta(&second);
    assert_eq!(
        (m.status, m.attempts, m.cache),
        (StatusCode::OK, 2, CacheStatus::Revalidated)
    );

    let third = run(Some(preferring), get("https://api.test/items/1"), |_| {
        panic!("a seeded item is answered without a request")
    });
    assert_eq!(meta(&third).cache, CacheStatus::Hit);
    assert_eq!(meta(&third).attempts, 0);

    // Without a cache, only the metadata is recorded.
    let plain = run(None, get(CART), |_| Ok(answer(404, "{}", &[])));
    let m = meta(&plain);
    assert_eq!(
        (m.status, m.cache),
        (StatusCode::NOT_FOUND, CacheStatus::Bypassed)
    );
}
