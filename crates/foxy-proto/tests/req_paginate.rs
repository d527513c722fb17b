//! Pagination: following `next` with a `PageCursor` (each page fetched
//! through the retry machine), and planning parallel page fetches.

use std::time::Duration;

use foxy_proto::error::Error;
use foxy_proto::http::Method;
use foxy_proto::paginate::{PageCursor, page_plan, remaining_pages};
use foxy_proto::query::Limit;
use foxy_proto::replay::{Expect, FakeClock, ReplayTransport, response, run};
use foxy_proto::request::RequestBuilder;
use foxy_proto::retry::{Retry, RetryPolicy};
use foxy_proto::{Collection, MediaType, Resource, codec};

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

/// Walks the collection at `CARTS` page by page, each page a GET through
/// the retry machine answered by `replay`.
fn walk(replay: &mut ReplayTransport) -> Result<Vec<Resource>, Error> {
    let mut clock = FakeClock::at_unix(0);
    let mut cursor = PageCursor::new(CARTS, MediaType::HalJson);
    let mut pages = Vec::new();
    while let Some(href) = cursor.take_next() {
        let request = RequestBuilder::get(href.as_str()).build()?;
        let fetch = Retry::new(request, RetryPolicy::default(), Box::new(|| 0));
        let response = run(fetch, &mut clock, Duration::ZERO, |r| replay.send(r))?;
        pages.push(cursor.read_page(&href, &response)?);
    }
    Ok(pages)
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
    let pages = walk(&mut replay).expect("three pages");
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
    let pages = walk(&mut replay).expect("one page");
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
    let out = walk(&mut replay);
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
