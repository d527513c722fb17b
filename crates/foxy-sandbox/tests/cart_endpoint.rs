//! The `/cart` endpoint over raw HTTP: sessions, multi-product prefixes,
//! `empty`, `cart=update`, signatures (required or not), error answers.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Client, start, start_with};
use foxy_proto::cart_endpoint::CartSession;
use foxy_proto::signing::{Secret, sign_url};
use foxy_sandbox::Config;
use rust_decimal::Decimal;

fn cart(c: &Client, query: &str) -> (u16, CartSession) {
    let r = c.send("GET", &format!("/cart?{query}"), &[], Vec::new());
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    let parsed = CartSession::parse(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.text()));
    (r.status, parsed)
}

#[test]
fn sessions_products_and_updates() {
    let sb = start();
    let c = Client::new(sb.base_url());
    let (status, first) = cart(
        &c,
        "name=Sprocket&price=10.00&code=spr&quantity=2&output=json",
    );
    assert_eq!(status, 200);
    assert!(first.session_id.starts_with("fcsid_"));
    assert_eq!(first.total_price.to_string(), "20.00");
    let text = c.get(&format!("/cart?fcsid={}", first.session_id)).text();
    assert!(text.contains("\"session_name\":\"fcsid\""), "{text}");

    let sid = first.session_id.clone();
    let (_, two) = cart(
        &c,
        &format!(
            "fcsid={sid}&name=Cog&price=1.5&2:name=Gear&2:price=3&2:quantity=2&2:size=xl%7Bp%2B1%7Cw%2B2%7D&2:weight=1"
        ),
    );
    assert_eq!(two.items.len(), 3);
    let gear = &two.items[2];
    assert_eq!((gear.price_each, gear.quantity), (Decimal::from(4), 2));
    assert_eq!(two.total_weight, Decimal::from(6));
    assert_eq!(two.total_item_price, Decimal::new(2950, 2));

    let (_, updated) = cart(
        &c,
        &format!(
            "fcsid={sid}&cart=update&id={}&quantity=5&2:id={}&2:quantity=0",
            two.items[0].id, gear.id
        ),
    );
    assert_eq!((updated.items.len(), updated.items[0].quantity), (2, 5));
    let (status, bad) = cart(&c, &format!("fcsid={sid}&cart=update&id=999999&quantity=1"));
    assert_eq!((status, bad.messages.errors.len()), (400, 1));

    let r = c.send(
        "POST",
        "/cart",
        &[("content-type", "application/x-www-form-urlencoded")],
        format!("fcsid={sid}&empty=true&name=Only&price=2").into_bytes(),
    );
    let only = CartSession::parse(&r.body).unwrap();
    assert_eq!(
        (r.status, only.items.len(), only.session_id.as_str()),
        (200, 1, sid.as_str())
    );

    let (status, unknown) = cart(&c, "fcsid=fcsid_unknown&name=X&price=1");
    assert_eq!(status, 404);
    assert!(unknown.messages.errors[0].contains("unknown session"));
    for bad in [
        "name=X&price=ten",
        "price=1",
        "name=X&quantity=0",
        "name=X&category=NOPE",
    ] {
        let (status, doc) = cart(&c, bad);
        assert_eq!((status, doc.items.len()), (400, 0), "{bad}");
        assert!(!doc.messages.errors.is_empty());
    }
}

#[test]
fn signatures_when_signing_is_required() {
    let sb = start_with(Config::default().with_signed_carts(true));
    let c = Client::new(sb.base_url());
    let secret = Secret::new(sb.credentials().store_secret.clone());
    let signed = sign_url(
        &secret,
        "/cart?name=Sprocket&price=10.00&code=spr&color=red&output=json",
    )
    .unwrap();
    let r = c.get(&signed);
    assert_eq!(r.status, 200, "{}", r.text());
    let sid = CartSession::parse(&r.body).unwrap().session_id;

    let tampered = signed.replace("=10.00", "=0.01");
    let r = c.get(&format!("{tampered}&fcsid={sid}"));
    assert_eq!(r.status, 400);
    assert!(r.text().contains("price"), "{}", r.text());
    let r = c.get(&format!("/cart?fcsid={sid}&name=Free&price=0&code=free"));
    assert_eq!(r.status, 400, "unsigned products are refused");
    let (_, after) = cart(&c, &format!("fcsid={sid}"));
    assert_eq!(after.item_count, 1, "nothing was added");
    assert_eq!(after.total_price.to_string(), "10.00");
}

#[test]
fn signatures_when_signing_is_optional() {
    let sb = start();
    let c = Client::authed(&sb);
    let secret = Secret::new(sb.credentials().store_secret.clone());
    let (status, _) = cart(&c, "name=Plain&price=1");
    assert_eq!(status, 200, "unsigned products are accepted by default");
    let signed = sign_url(&secret, "/cart?name=Sprocket&price=10.00&code=spr").unwrap();
    assert_eq!(c.get(&signed).status, 200);
    assert_eq!(
        c.get(&signed.replace("=10.00", "=1.00")).status,
        400,
        "a broken signature is always refused"
    );

    let r = c.json("PATCH", &c.store(), r#"{"use_cart_validation":true}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        c.get("/cart?name=Plain&price=1").status,
        400,
        "the store now requires signatures"
    );
    assert_eq!(c.get(&signed).status, 200);
}
