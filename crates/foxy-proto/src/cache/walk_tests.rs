//! A client's walk (store, carts, a cart) twice against a fake server that
//! tags its answers and honours `If-None-Match`: the second walk sends only
//! conditional requests, all answered 304, and reads equal resources.

use std::sync::Arc;
use std::time::Duration;

use http::{HeaderValue, Request, Response, StatusCode, header};

use crate::context::Context;
use crate::flow::test_support::{TestError, context};
use crate::meta::{CacheStatus, ResponseMeta};
use crate::navigation::{Intent, Target, send};
use crate::query::Query;
use crate::replay::{FakeClock, run};
use crate::step::Outcome;
use crate::{MediaType, Resource};

const HOME: &str = r#"{"_links":{"fx:store":{"href":"https://api.test/stores/8"}}}"#;
const STORE: &str = r#"{"_links":{"self":{"href":"https://api.test/stores/8"},
    "fx:carts":{"href":"https://api.test/stores/8/carts"}},"store_name":"Demo"}"#;
const CARTS: &str = r#"{"_links":{"self":{"href":"https://api.test/stores/8/carts"}},
    "_embedded":{"fx:carts":[{"_links":{"self":{"href":"https://api.test/carts/5"}},"total_order":"10"}]},
    "total_items":1}"#;
const CART: &str = r#"{"_links":{"self":{"href":"https://api.test/carts/5"}},"total_order":"10"}"#;

/// What the fake server saw: `METHOD path` and whether it was conditional.
#[derive(Debug, Default)]
struct Seen(Vec<(String, bool, u16)>);

/// A server tagging each document with its length and a version, and
/// answering 304 to a matching `If-None-Match`.
fn serve(request: &Request<Vec<u8>>, version: u32, seen: &mut Seen) -> Outcome {
    let body = match request.uri().path() {
        "/" => HOME,
        "/stores/8" => STORE,
        "/stores/8/carts" => CARTS,
        "/carts/5" => CART,
        _ => "{}",
    };
    let tag = format!("W/\"{}-{version}\"", body.len());
    let asked = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let matched = asked.as_deref() == Some(tag.as_str());
    let mut response = if matched {
        let mut r = Response::new(Vec::new());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        Response::new(body.as_bytes().to_vec())
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, HeaderValue::from_str(&tag).expect("tag"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, must-revalidate"),
    );
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(MediaType::HalJson.as_str()),
    );
    let path = format!("{} {}", request.method(), request.uri().path());
    seen.0
        .push((path, asked.is_some(), response.status().as_u16()));
    Ok(response)
}

fn get(ctx: &Arc<Context>, target: Target) -> crate::flow::Flow<Resource, TestError> {
    send(ctx, target, Intent::Get(Query::new()), |ctx, _, r| {
        let meta = ResponseMeta::from_response(&r).cloned();
        let resource = ctx.read(&r)?;
        Ok((resource, meta)).map(|(resource, meta)| {
            let mut resource = resource;
            if let Some(meta) = meta {
                resource.set_property("_cache", format!("{:?}", meta.cache));
            }
            resource
        })
    })
}

/// Store, carts, then the cart: three reads, the walk's links cached.
fn walk(ctx: &Arc<Context>, clock: &mut FakeClock, version: u32) -> (Vec<Resource>, Seen) {
    let mut seen = Seen::default();
    let targets = [
        Target::home().rel("fx:store"),
        Target::home().rel("fx:store").rel("fx:carts"),
        Target::href("https://api.test/carts/5"),
    ];
    let read = targets
        .into_iter()
        .map(|target| {
            run(get(ctx, target), clock, Duration::from_millis(5), |r| {
                serve(&r, version, &mut seen)
            })
            .expect("read")
        })
        .collect();
    (read, seen)
}

fn without_cache_mark(mut resources: Vec<Resource>) -> Vec<Resource> {
    for r in &mut resources {
        r.properties.shift_remove("_cache");
    }
    resources
}

#[test]
fn a_second_walk_sends_only_conditional_requests() {
    let ctx = context("https://api.test/");
    let mut clock = FakeClock::at_unix(1_700_000_000);
    let (first, seen) = walk(&ctx, &mut clock, 1);
    // The carts' walk reads the store again for its link: already conditional.
    let expected = [
        ("GET /", false, 200),
        ("GET /stores/8", false, 200),
        ("GET /stores/8", true, 304),
        ("GET /stores/8/carts", false, 200),
        ("GET /carts/5", false, 200),
    ];
    let seen: Vec<_> = seen
        .0
        .iter()
        .map(|(p, c, s)| (p.as_str(), *c, *s))
        .collect();
    assert_eq!(seen, expected);

    let (second, seen) = walk(&ctx, &mut clock, 1);
    // The links are remembered: the home is not read again; every request
    // carries the tag and is answered 304.
    assert_eq!(seen.0.len(), 3, "{seen:?}");
    assert!(
        seen.0
            .iter()
            .all(|(_, conditional, status)| *conditional && *status == 304),
        "{seen:?}"
    );
    assert!(
        second
            .iter()
            .all(|r| r.property("_cache").and_then(|v| v.as_str()) == Some("Revalidated"))
    );
    assert_eq!(without_cache_mark(first), without_cache_mark(second));

    // A changed server answers 200 to the stale tags, and the new tags are stored.
    let (_, seen) = walk(&ctx, &mut clock, 2);
    assert!(
        seen.0
            .iter()
            .all(|(_, conditional, status)| *conditional && *status == 200)
    );
    let (_, seen) = walk(&ctx, &mut clock, 2);
    assert!(seen.0.iter().all(|(_, _, status)| *status == 304));
}

#[test]
fn a_cache_preferring_context_answers_an_embedded_cart_without_a_request() {
    let cache = super::Cache::default().with_mode(super::CacheMode::PreferCached);
    let ctx = context("https://api.test/");
    let ctx = Arc::new(Context::new(ctx.config().clone(), 7).with_cache(Some(cache)));
    let mut clock = FakeClock::at_unix(1_700_000_000);
    let mut seen = Seen::default();
    let carts = Target::home().rel("fx:store").rel("fx:carts");
    run(get(&ctx, carts), &mut clock, Duration::ZERO, |r| {
        serve(&r, 1, &mut seen)
    })
    .expect("carts");
    let before = seen.0.len();
    let cart = run(
        get(&ctx, Target::href("https://api.test/carts/5")),
        &mut clock,
        Duration::ZERO,
        |r| serve(&r, 1, &mut seen),
    )
    .expect("cart");
    assert_eq!(seen.0.len(), before, "no request for the embedded cart");
    assert_eq!(
        cart.property("_cache").and_then(|v| v.as_str()),
        Some("Hit")
    );
    assert_eq!(
        cart.property("total_order").and_then(|v| v.as_str()),
        Some("10")
    );
    let _ = CacheStatus::Hit;
}
