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
        r#"{"name":"Kept","coupon_discount_type":"price_amount","coupon_discount_details":"allunits|1","x_partner_ref":"p-42"}"#,
    );
    let before = c.get(&href);
    assert_eq!(before.status, 200, "{}", before.text());
    let store_id = before.prop("store_id");
    let created = before.prop("date_created");
    assert_ne!(store_id, "0", "the coupon is the store's");
    assert_eq!(
        before.prop("x_partner_ref"),
        "p-42",
        "an extension property is kept"
    );

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
    assert_eq!(
        after.prop("x_partner_ref"),
        "p-42",
        "the PUT carried it back"
    );
    assert_eq!(after.res().links, before.res().links);

    // A PUT without it removes it (a PUT replaces); a PATCH leaves it alone.
    let mut bare = after.res();
    bare.properties.shift_remove("x_partner_ref");
    let body = String::from_utf8(codec::json::to_vec(&Value::Object(bare.properties))).unwrap();
    assert_eq!(c.json("PUT", &href, &body).status, 200);
    assert!(c.get(&href).res().properties.get("x_partner_ref").is_none());
    assert_eq!(c.json("PATCH", &href, r#"{"x_partner_ref":7}"#).status, 200);
    assert_eq!(c.json("PATCH", &href, r#"{"name":"Again"}"#).status, 200);
    assert_eq!(c.get(&href).prop("x_partner_ref"), "7");
}

#[test]
fn extension_properties_are_bounded() {
    let sb = start();
    let c = Client::authed(&sb);
    let coupons = c.link(&c.store(), "fx:coupons");
    let base = r#""name":"B","coupon_discount_type":"price_amount","coupon_discount_details":"allunits|1""#;
    let nested = c.json(
        "POST",
        &coupons,
        &format!(r#"{{{base},"x_deep":{{"a":1}}}}"#),
    );
    assert_eq!(nested.status, 400, "{}", nested.text());
    let long = "y".repeat(1001);
    let too_long = c.json(
        "POST",
        &coupons,
        &format!(r#"{{{base},"x_long":"{long}"}}"#),
    );
    assert_eq!(too_long.status, 400);
    let many: String = (0..21).map(|i| format!(r#","x_f{i}":{i}"#)).collect();
    let too_many = c.json("POST", &coupons, &format!("{{{base}{many}}}"));
    assert_eq!(too_many.status, 400, "{}", too_many.text());
    assert!(too_many.error_message().contains("at most 20"));
    // Names outside the x_ form are not kept (as before).
    let other = c.create(&coupons, &format!(r#"{{{base},"X_Upper":1,"partner":2}}"#));
    let read = c.get(&other).res();
    assert!(read.properties.get("X_Upper").is_none() && read.properties.get("partner").is_none());
}
