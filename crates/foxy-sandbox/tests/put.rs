//! A PUT replaces what a client may write and keeps what only the server
//! writes: a coupon read and PUT back with one change keeps its `store_id`
//! and `date_created` as stored.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Client, start};
use foxy_proto::{Value, codec};

#[test]
fn a_put_keeps_the_read_only_properties_the_server_wrote() {
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    let coupons = c.link(&store, "fx:coupons");
    let href = c.create(
        &coupons,
        r#"{"name":"Kept","coupon_discount_type":"price_amount","coupon_discount_details":"allunits|1"}"#,
    );
    let before = c.get(&href);
    assert_eq!(before.status, 200, "{}", before.text());
    let store_id = before.prop("store_id");
    let created = before.prop("date_created");
    assert_ne!(store_id, "0", "the coupon is the store's");

    let mut read = before.res();
    read.properties
        .insert("name".into(), Value::String("Renamed".into()));
    let body = String::from_utf8(codec::json::to_vec(&Value::Object(read.properties))).unwrap();
    let put = c.json("PUT", &href, &body);
    assert_eq!(put.status, 200, "{}", put.text());

    let after = c.get(&href);
    assert_eq!(after.prop("name"), "Renamed");
    assert_eq!(after.prop("store_id"), store_id);
    assert_eq!(after.prop("date_created"), created);
}
