//! Required fields stay required after creation: a PUT must send them again
//! and a PATCH cannot blank them; a refused write changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Client, start};

#[test]
fn put_and_patch_keep_required_fields() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let item = c.create(&format!("{cart}/items"), r#"{"name":"Mug","price":"8"}"#);

    let r = c.json("PUT", &item, r#"{"price":"5"}"#);
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.error_message().contains("name"), "{}", r.text());
    let r = c.json("PATCH", &item, r#"{"name":"  "}"#);
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(
        c.get(&item).prop("name"),
        "Mug",
        "refused writes change nothing"
    );
    assert_eq!(c.get(&item).prop("price"), "8");

    // A PUT with the required field and a PATCH leaving it alone succeed.
    assert_eq!(
        c.json("PUT", &item, r#"{"name":"Cup","price":"5"}"#).status,
        200
    );
    assert_eq!(c.json("PATCH", &item, r#"{"price":"6"}"#).status, 200);
    assert_eq!(c.get(&item).prop("name"), "Cup");

    let attributes = c.link(&item, "fx:attributes");
    let attr = c.create(&attributes, r#"{"name":"engraving","value":"Ada"}"#);
    let r = c.json("PUT", &attr, r#"{"value":"x"}"#);
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(c.get(&attr).prop("name"), "engraving");
}

#[test]
fn seeded_resources_accept_an_empty_patch() {
    // Every seeded resource already holds its required fields.
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    assert_eq!(c.json("PATCH", &store, "{}").status, 200);
    let customers = c.link(&store, "fx:customers");
    let first = c.get(&customers).res();
    let customer = first.embedded("fx:customers")[0]
        .self_href()
        .unwrap()
        .to_owned();
    assert_eq!(c.json("PATCH", &customer, "{}").status, 200);
}
