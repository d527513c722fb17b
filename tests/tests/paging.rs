//! Walking collections across several pages with both clients, page by
//! page and (async) with pages fetched concurrently.

use futures::StreamExt as _;

use foxy::model::Cart;
use foxy::proto::query::Limit;
use foxy::{MediaType, Query};
use foxy_integration_tests::{asynchronous, background, blocking};
use foxy_sandbox::Config;

fn hrefs_of(carts: Vec<Cart>) -> Vec<String> {
    carts
        .iter()
        .map(|c| c.extras.link(&foxy::Rel::SELF).expect("self").href.clone())
        .collect()
}

#[test]
fn every_member_across_pages_in_both_clients_and_media_types() {
    let sandbox = background(Config::default());
    let client = blocking(&sandbox, MediaType::HalJson);
    for _ in 0..7 {
        client.carts().create(&Cart::new()).expect("created");
    }
    let total = client
        .carts()
        .list(Query::new())
        .expect("first page")
        .total_items()
        .expect("total");
    assert!(total >= 7);
    let per_page = Query::new().limit(Limit::new(2).expect("limit"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for media in MediaType::RESPONSE_FORMATS {
        let client = blocking(&sandbox, media);
        let before = sandbox.stats().requests;
        let walked: Vec<Cart> = client
            .carts()
            .all(per_page.clone())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{media}: {e}"));
        let pages = sandbox.stats().requests - before;
        assert_eq!(walked.len() as u64, total, "{media}");
        assert!(
            pages >= 4,
            "{media}: {pages} requests for {total} carts, 2 a page"
        );
        let blocking_hrefs = hrefs_of(walked);
        let mut unique = blocking_hrefs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), blocking_hrefs.len(), "no member twice");

        let client = asynchronous(sandbox.base_url(), sandbox.credentials(), media);
        let (streamed, parallel) = runtime.block_on(async {
            let streamed: Vec<Cart> = client
                .carts()
                .all(per_page.clone())
                .map(|c| c.expect("member"))
                .collect()
                .await;
            let parallel: Vec<Cart> = client
                .carts()
                .all_parallel(per_page.clone(), 3)
                .map(|c| c.expect("member"))
                .collect()
                .await;
            (streamed, parallel)
        });
        assert_eq!(hrefs_of(streamed), blocking_hrefs, "{media}: stream order");
        assert_eq!(
            hrefs_of(parallel),
            blocking_hrefs,
            "{media}: parallel order"
        );
    }
}

#[test]
fn an_error_page_ends_the_walk_with_one_error() {
    let sandbox = background(Config::default());
    let client = blocking(&sandbox, MediaType::HalJson);
    let mut walk = client.at("/no/such/collection").get(Query::new());
    assert!(matches!(walk, Err(ref e) if e.status() == Some(http::StatusCode::NOT_FOUND)));
    walk = Ok(foxy::Resource::new());
    assert!(walk.is_ok());
    let results: Vec<_> =
        foxy::Pages::<Cart>::from_href(&client, "/no/such/collection", Query::new()).collect();
    assert_eq!(results.len(), 1);
    assert!(results[0].is_err());
}
