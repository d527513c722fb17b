//! Typed navigation against the sandbox, blocking and async: a coupon with
//! generated codes, a subscription's transactions, a refund and its effect,
//! and a filter on an unknown property refused before any request.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use foxy::model::generated::Coupon;
use foxy::model::typed::{TypedCollection as _, TypedResource as _};
use foxy::proto::query::QueryError;
use foxy::proto::request::RequestError;
use foxy::{AsyncClient, Body, Client, Error, Filter, Map, Query, Value};
use foxy_sandbox::{BackgroundSandbox, Config, Sandbox};

/// A JSON object body of `pairs`.
fn json(pairs: &[(&str, Value)]) -> Body {
    let mut map = Map::new();
    for (k, v) in pairs {
        map.insert((*k).to_owned(), v.clone());
    }
    Body::Json(Value::Object(map))
}

fn sandbox() -> BackgroundSandbox {
    Sandbox::start_background(Config::default().with_examples(true)).expect("sandbox starts")
}

fn blocking(sb: &BackgroundSandbox) -> Client {
    let c = sb.credentials();
    Client::builder()
        .base_url(sb.base_url())
        .refresh_token(
            c.client_id.clone(),
            c.client_secret.clone(),
            c.refresh_token.clone(),
        )
        .build()
        .expect("client")
}

fn unknown_property(error: &Error) -> Option<(&str, &[String])> {
    match error {
        Error::Input(RequestError::Query(QueryError::UnknownProperty { name, valid, .. })) => {
            Some((name, valid))
        }
        _ => None,
    }
}

#[test]
fn coupon_codes_subscription_transactions_and_a_refund() {
    let sb = sandbox();
    let client = blocking(&sb);
    let coupons = client.store().coupons();

    let mut coupon = Coupon::new();
    coupon.set_name(Some("Typed navigation"));
    let href = coupons.create(&coupon).expect("created");
    let coupon = client.nav::<Coupon>(&href);
    let read = coupon.get(Query::new()).expect("read");
    assert_eq!(read.name().expect("name"), Some("Typed navigation"));

    let answer = coupon
        .generate_codes(json(&[
            ("number_of_codes", Value::from(3u64)),
            ("prefix", Value::from("TN-")),
            ("length", Value::from(6u64)),
        ]))
        .expect("codes generated");
    assert!(answer.property("message").is_some(), "{answer:?}");
    let codes = coupon.coupon_codes().list(Query::new()).expect("codes");
    assert_eq!(codes.total_items().expect("count"), Some(3));
    for code in codes.members() {
        let text = code.code().expect("code").unwrap_or_default().to_owned();
        assert!(text.starts_with("TN-"), "{text}");
    }
    // A filter the codes have, and one they do not.
    let first = codes.members()[0]
        .code()
        .expect("code")
        .unwrap_or_default()
        .to_owned();
    let one = coupon
        .coupon_codes()
        .list(Query::new().filter(Filter::eq("code", first.clone())))
        .expect("filtered");
    assert_eq!(one.members().len(), 1);
    // `all` walks every page: 3 codes, 2 a page.
    let limit = foxy::proto::query::Limit::new(2).expect("limit");
    let all: Vec<_> = coupon
        .coupon_codes()
        .all(Query::new().limit(limit))
        .collect::<Result<_, _>>()
        .expect("every code");
    assert_eq!(all.len(), 3);
    let refused = coupon
        .coupon_codes()
        .all(Query::new().filter(Filter::eq("colour", "red")))
        .next()
        .expect("one item");
    assert!(unknown_property(&refused.expect_err("refused")).is_some());

    let subscriptions = client
        .store()
        .subscriptions()
        .list(Query::new())
        .expect("subs");
    let subscription = subscriptions.members().into_iter().next().expect("one");
    let sub =
        client.nav::<foxy::model::generated::Subscription>(subscription.self_href().expect("self"));
    // The sandbox keeps a subscription's own `fx:transactions` as a child
    // collection (listed, possibly empty); its `fx:last_transaction` is a charge.
    let listed = sub.transactions().list(Query::new()).expect("transactions");
    assert!(listed.total_items().expect("count").is_some());
    let transaction = sub
        .last_transaction()
        .get(Query::new())
        .expect("last transaction");
    let total = transaction
        .total_order()
        .expect("total")
        .expect("has a total");
    let tx =
        client.nav::<foxy::model::generated::Transaction>(transaction.self_href().expect("self"));
    tx.refund(json(&[("amount", Value::from("1.00"))]))
        .expect("refunded");
    let payments = tx.payments().list(Query::new()).expect("payments");
    let refund = payments
        .members()
        .into_iter()
        .find(|p| p.r#type().ok().flatten() == Some("refund"))
        .expect("a refund payment");
    assert_eq!(
        refund.amount().expect("amount"),
        Some(rust_decimal::Decimal::new(-100, 2))
    );
    assert!(total > rust_decimal::Decimal::ONE);
    let after = tx.get(Query::new()).expect("transaction");
    assert!(after.status().expect("status").is_some());
    sb.shutdown();
}

#[test]
fn a_filter_on_an_unknown_property_is_refused_before_any_request() {
    let sb = sandbox();
    let client = blocking(&sb);
    client.home().expect("home");
    let before = sb.stats().requests;
    let refused = client
        .store()
        .coupons()
        .list(Query::new().filter(Filter::eq("colour", "red")))
        .expect_err("refused");
    let (name, valid) = unknown_property(&refused).expect("unknown property");
    assert_eq!(name, "colour");
    assert!(valid.iter().any(|v| v == "name"), "{valid:?}");
    let text = refused.to_string();
    assert!(text.contains("the valid ones are"), "{text}");
    let order = client
        .store()
        .transactions()
        .list(Query::new().order("colour desc").expect("order"))
        .expect_err("refused");
    assert!(unknown_property(&order).is_some(), "{order}");
    assert_eq!(sb.stats().requests, before, "nothing was sent");
    // Known names pass: `id`, dates, described properties, `*_id` of `*_uri`.
    client
        .store()
        .transactions()
        .list(
            Query::new()
                .filter(Filter::eq("customer_id", "1"))
                .order("date_created desc,id")
                .expect("order"),
        )
        .expect("listed");
    sb.shutdown();
}

#[test]
fn the_async_client_navigates_the_same_handles() {
    let sb = sandbox();
    let c = sb.credentials();
    let client = AsyncClient::builder()
        .base_url(sb.base_url())
        .refresh_token(
            c.client_id.clone(),
            c.client_secret.clone(),
            c.refresh_token.clone(),
        )
        .build()
        .expect("client");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let coupons = client.store().coupons();
        let page = coupons.list(Query::new()).await.expect("coupons");
        let first = page.members().into_iter().next().expect("a seeded coupon");
        let coupon = coupons.member(first.self_href().expect("self"));
        coupon
            .generate_codes(json(&[("number_of_codes", Value::from(2u64))]))
            .await
            .expect("codes");
        let codes = coupon
            .coupon_codes()
            .list(Query::new())
            .await
            .expect("codes");
        assert!(codes.members().len() >= 2);
        use futures::StreamExt as _;
        let limit = foxy::proto::query::Limit::new(1).expect("limit");
        let streamed: Vec<_> = coupon
            .coupon_codes()
            .all(Query::new().limit(limit))
            .collect::<Vec<_>>()
            .await;
        assert_eq!(
            streamed.len() as u64,
            codes.total_items().expect("count").expect("total")
        );
        assert!(streamed.iter().all(Result::is_ok));
        let id: u64 = first
            .self_href()
            .and_then(|h| h.rsplit('/').next())
            .and_then(|id| id.parse().ok())
            .expect("an id");
        let by_id = coupons
            .by_id(id)
            .expect("a path by id")
            .get(Query::new())
            .await
            .expect("by id");
        assert_eq!(by_id.self_href(), first.self_href());
        let refused = client
            .store()
            .subscriptions()
            .list(Query::new().filter(Filter::eq("colour", "red")))
            .await
            .expect_err("refused");
        assert!(unknown_property(&refused).is_some(), "{refused}");
        // The handle's future is Send: it can be spawned.
        let spawned = tokio::spawn({
            let client = client.clone();
            async move {
                client
                    .store()
                    .get(Query::new())
                    .await
                    .map(|s| s.self_href().map(str::to_owned))
            }
        });
        assert!(spawned.await.expect("joined").expect("store").is_some());
    });
    drop(sb);
}
