//! The relation walk and its cache under a fake clock.

use std::sync::Arc;

use super::{Intent, Target, href, send};
use crate::Resource;
use crate::context::Context;
use crate::error::Error;
use crate::flow::test_support::{TestError, context, drive};
use crate::query::Query;
use crate::replay::response;

const HOME: &str = r#"{"_links":{"fx:store":{"href":"https://api.test/stores/8"},
    "fx:token":{"href":"https://auth.test/token"}}}"#;
const STORE: &str = r#"{"_links":{"self":{"href":"https://api.test/stores/8"},
    "fx:carts":{"href":"carts"}}}"#;
const CARTS: &str =
    r#"{"_links":{"self":{"href":"https://api.test/stores/carts"}},"total_items":0}"#;

fn carts() -> Target {
    Target::home().rel("fx:store").rel("fx:carts")
}

fn get(ctx: &Arc<Context>) -> crate::flow::Flow<Resource, TestError> {
    send(ctx, carts(), Intent::Get(Query::new()), |ctx, _, r| {
        Ok(ctx.read(&r)?)
    })
}

#[test]
fn a_relation_path_is_read_once_then_served_from_the_cache() {
    let ctx = context("https://api.test/");
    let (out, sent, _) = drive(
        get(&ctx),
        vec![
            response(200, &[], HOME),
            response(200, &[], STORE),
            response(200, &[], CARTS),
        ],
    );
    let page = out.expect("carts");
    assert!(page.property("total_items").is_some());
    // The link is resolved against the store's self href.
    assert_eq!(
        sent,
        [
            "GET https://api.test/",
            "GET https://api.test/stores/8",
            "GET https://api.test/stores/carts"
        ]
    );
    assert_eq!(ctx.hrefs().len(), 2);
    // The home's token link was learnt on the way.
    assert_eq!(ctx.token_endpoint(), "https://auth.test/token");

    let (again, sent, _) = drive(get(&ctx), vec![response(200, &[], CARTS)]);
    assert!(again.is_ok());
    assert_eq!(sent, ["GET https://api.test/stores/carts"]);
    let (resolved, sent, _) = drive(href::<TestError>(&ctx, carts()), vec![]);
    assert_eq!(resolved, Ok("https://api.test/stores/carts".to_owned()));
    assert!(sent.is_empty());
}

#[test]
fn a_missing_link_names_where_it_was_looked_for() {
    let ctx = context("https://api.test/");
    let (out, sent, _) = drive(get(&ctx), vec![response(200, &[], "{}")]);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        out,
        Err(TestError::Proto(Error::MissingLink {
            rel: "fx:store".into(),
            on: "the API home".into()
        }))
    );
    assert!(ctx.hrefs().is_empty());
}

#[test]
fn a_read_of_the_walk_is_retried_on_503() {
    let ctx = context("https://api.test/");
    let (out, sent, slept) = drive(
        get(&ctx),
        vec![
            response(503, &[], ""),
            response(200, &[], HOME),
            response(200, &[], STORE),
            response(200, &[], CARTS),
        ],
    );
    assert!(out.is_ok(), "{out:?}");
    assert_eq!(sent.len(), 4);
    assert!(slept > std::time::Duration::ZERO);
}

#[test]
fn plain_http_off_loopback_is_refused_on_the_walk() {
    let ctx = context("http://api.test/");
    let (out, sent, _) = drive(get(&ctx), vec![]);
    assert!(sent.is_empty());
    assert!(matches!(out, Err(TestError::Proto(Error::Policy(_)))));
}
