//! Pagination: following `next`, and planning parallel page fetches.

use std::time::Duration;

use foxy_proto::error::Error;
use foxy_proto::http::Method;
use foxy_proto::paginate::{Pages, page_plan, remaining_pages};
use foxy_proto::query::Limit;
use foxy_proto::replay::{Expect, FakeClock, ReplayTransport, response, run};
use foxy_proto::request::RequestBuilder;
use foxy_proto::retry::{Retry, RetryPolicy};
use foxy_proto::{Collection, MediaType, codec};

const CARTS: &str = "https://api.foxycart.com/stores/8/carts";

fn page(offset: u64, next: Option<&str>) -> String {
    let next = next
        .map(|n| format!(r#","next":{{"href":"{n}"}}"#))
        .unwrap_or_default();
    format!(
        r#"{{"_links":{{"self":{{"href":"{CARTS}?offset={offset}"}}{next}}},
            "_embedded":{{"fx:carts":[{{"id":{offset}}}]}},
            "total_items":"3","returned_items":1,"limit":1,"offset":{offset}}}"#
    )
}

fn fetcher(href: &str) -> Result<Retry, Error> {
    let request = RequestBuilder::get(href).build()?;
    Ok(Retry::new(request, RetryPolicy::default(), Box::new(|| 0)))
}

#[test]
fn follows_next_until_absent() {
    let hal = [("content-type", "application/hal+json")];
    let mut replay = ReplayTransport::new()
        .then(
            Expect::new(Method::GET, CARTS),
            response(200, &hal, &page(0, Some("carts?offset=1"))),
        )
        .then(
            Expect::new(
                Method::GET,
                "https://api.foxycart.com/stores/8/carts?offset=1",
            ),
            response(200, &hal, &page(1, Some(&format!("{CARTS}?offset=2")))),
        )
        .then(
            Expect::new(
                Method::GET,
                "https://api.foxycart.com/stores/8/carts?offset=2",
            ),
            response(200, &hal, &page(2, None)),
        );
    let mut clock = FakeClock::at_unix(0);
    let pages = run(
        Pages::new(CARTS, MediaType::HalJson, fetcher),
        &mut clock,
        Duration::ZERO,
        |r| replay.send(r),
    )
    .expect("three pages");
    replay.finish().expect("script followed");
    let ids: Vec<String> = pages
        .iter()
        .flat_map(|p| Collection::new(p).members().unwrap_or_default().to_vec())
        .filter_map(|m| m.property("id").map(|v| format!("{v:?}")))
        .collect();
    assert_eq!(ids, ["Number(0)", "Number(1)", "Number(2)"]);
}

#[test]
fn a_next_loop_ends_the_walk_and_errors_stop_it() {
    let hal = [("content-type", "application/hal+json")];
    let mut replay = ReplayTransport::new().then(
        Expect::new(Method::GET, CARTS),
        response(200, &hal, &page(0, Some(CARTS))),
    );
    let mut clock = FakeClock::at_unix(0);
    let pages = run(
        Pages::new(CARTS, MediaType::HalJson, fetcher),
        &mut clock,
        Duration::ZERO,
        |r| replay.send(r),
    )
    .expect("one page");
    assert_eq!(pages.len(), 1);
    replay.finish().expect("no second request");

    let mut replay = ReplayTransport::new().then(
        Expect::new(Method::GET, CARTS),
        response(
            403,
            &hal,
            r#"{"_embedded":{"fx:errors":[{"message":"no access"}]}}"#,
        ),
    );
    let out = run(
        Pages::new(CARTS, MediaType::HalJson, fetcher),
        &mut clock,
        Duration::ZERO,
        |r| replay.send(r),
    );
    assert!(
        matches!(out, Err(Error::Api(ref e)) if e.messages() == ["no access"]),
        "{out:?}"
    );
}

#[test]
fn plan_lists_every_page() {
    let limit = Limit::new(300).expect("valid");
    let urls = page_plan(&format!("{CARTS}?limit=20&zoom=items"), 601, limit).expect("valid");
    assert_eq!(
        urls,
        [
            format!("{CARTS}?zoom=items&limit=300&offset=0"),
            format!("{CARTS}?zoom=items&limit=300&offset=300"),
            format!("{CARTS}?zoom=items&limit=300&offset=600"),
        ]
    );
    assert_eq!(page_plan(CARTS, 0, limit).expect("valid").len(), 1);
    assert_eq!(page_plan(CARTS, 300, limit).expect("valid").len(), 1);
}

#[test]
fn remaining_pages_after_the_first() {
    let first = codec::parse(MediaType::HalJson, page(0, None).as_bytes()).expect("valid");
    assert_eq!(
        remaining_pages(&first).expect("valid"),
        [
            format!("{CARTS}?limit=1&offset=1"),
            format!("{CARTS}?limit=1&offset=2"),
        ]
    );
}
