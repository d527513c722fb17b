//! The sandbox walked from the API home: every relation it links, read in
//! every media type and checked against foxy-schema's description.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::walk::walk;
use common::{Client, start_with};
use foxy_sandbox::Config;

#[test]
fn walks_every_described_relation_from_home() {
    let sb = start_with(Config::default().with_examples(true));
    let c = Client::authed(&sb);
    let schema = foxy_schema::schema().expect("the description loads");
    let w = walk(&c, schema);
    println!(
        "walk: {} distinct relations reached ({} documents read)",
        w.reached.len(),
        w.reads
    );
    assert!(
        w.errors.is_empty(),
        "{} problems:\n{}",
        w.errors.len(),
        w.errors.join("\n")
    );
    let missing: Vec<&str> = schema
        .iter()
        .map(|r| r.name.as_str())
        .filter(|n| !w.reached.contains_key(*n))
        .collect();
    println!("not reached: {missing:?}");
    let mut unzoomed = w.unzoomed.clone();
    unzoomed.sort();
    unzoomed.dedup();
    println!("{} zoomed reads; not embedded: {unzoomed:?}", w.zooms);
    assert!(
        w.reached.len() >= 170,
        "only {} relations reached; not reached: {missing:?}",
        w.reached.len()
    );
}
