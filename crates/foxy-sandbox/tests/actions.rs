//! The action relations' effects, and the query language on generated relations.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::time::{Duration, Instant};

use common::{Client, start_with, text};
use foxy_proto::Resource;
use foxy_sandbox::Config;

fn prop(res: &Resource, name: &str) -> String {
    text(res.property(name).unwrap_or(&foxy_proto::Value::Null))
}

fn members(c: &Client, href: &str) -> Vec<Resource> {
    let res = c.get(href).res();
    res.embedded.values().next().cloned().unwrap_or_default()
}

#[test]
fn refund_void_and_webhooks_change_the_transaction() {
    let sb = start_with(Config::default().with_examples(true));
    let c = Client::authed(&sb);
    let store = c.store();
    let txns = members(&c, &c.link(&store, "fx:transactions"));
    assert_eq!(txns.len(), 2, "two example transactions");
    let (first, second) = (txns[0].self_href().unwrap(), txns[1].self_href().unwrap());

    let refund = c.link(first, "fx:refund");
    let r = c.json("POST", &refund, r#"{"amount": "1000000"}"#);
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.error_message().contains("amount"));
    let r = c.json("POST", &refund, "{}");
    assert_eq!(r.status, 200, "{}", r.text());
    let t = c.get(first).res();
    assert_eq!(prop(&t, "status"), "refunded");
    let payments = members(&c, &c.link(first, "fx:payments"));
    let back = payments
        .iter()
        .find(|p| prop(p, "type") == "refund")
        .expect("a refund payment");
    assert_eq!(
        prop(back, "amount"),
        format!("-{}", prop(&t, "total_order"))
    );
    let r = c.json("POST", &refund, "{}");
    assert_eq!(r.status, 400, "no second refund");
    assert!(r.error_message().contains("status"));

    let void = c.link(second, "fx:void");
    assert_eq!(c.json("POST", &void, "{}").status, 200);
    assert_eq!(c.get(second).prop("status"), "voided");
    assert_eq!(
        c.json("POST", &c.link(second, "fx:refund"), "{}").status,
        400
    );

    // send_webhooks delivers to the active webhooks.
    let hooks = members(&c, &c.link(&store, "fx:webhooks"));
    let hook = hooks[0].self_href().unwrap();
    assert_eq!(c.json("PATCH", hook, r#"{"is_active": true}"#).status, 200);
    let send = c.link(second, "fx:send_webhooks");
    assert_eq!(c.json("POST", &send, "{}").status, 200);
    let start = Instant::now();
    loop {
        let log = c.get("/_sandbox/deliveries").res();
        if !log.embedded("fx:deliveries").is_empty() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "nothing delivered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn generate_codes_and_charge_past_due() {
    let sb = start_with(Config::default().with_examples(true));
    let c = Client::authed(&sb);
    let store = c.store();
    let coupon = members(&c, &c.link(&store, "fx:coupons"))[0].clone();
    let coupon = coupon.self_href().unwrap().to_owned();
    let codes = c.link(&coupon, "fx:coupon_codes");
    let before: u64 = c.get(&codes).prop("total_items").parse().unwrap();
    let generate = c.link(&coupon, "fx:generate_codes");
    let r = c.json(
        "POST",
        &generate,
        r#"{"number_of_codes": 3, "length": 6, "prefix": "SB-"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let after: u64 = c.get(&codes).prop("total_items").parse().unwrap();
    assert_eq!(after, before + 3);
    let listed = c.get(&format!("{codes}?code=SB-*")).res();
    assert_eq!(prop(&listed, "total_items"), "3");
    for code in listed.embedded("fx:coupon_codes") {
        assert_eq!(prop(code, "code").len(), 9, "SB- and six characters");
    }
    assert_eq!(
        c.json("POST", &generate, r#"{"number_of_codes": 0}"#)
            .status,
        400
    );

    let subs = members(&c, &c.link(&store, "fx:subscriptions"));
    let due = subs
        .iter()
        .find(|s| prop(s, "past_due_amount") == "9.50" || prop(s, "past_due_amount") == "9.5")
        .expect("a past-due subscription");
    let charge = c.link(due.self_href().unwrap(), "fx:charge_past_due");
    let r = c.json("POST", &charge, "{}");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.prop("amount_charged"), "9.5");
    assert_eq!(c.get(due.self_href().unwrap()).prop("past_due_amount"), "0");
    assert_eq!(c.json("POST", &charge, "{}").status, 400, "nothing due now");
}

#[test]
fn generated_relations_filter_order_zoom_and_validate() {
    let sb = start_with(Config::default());
    let c = Client::authed(&sb);
    let store = c.store();
    let coupons = c.link(&store, "fx:coupons");
    let page = c.get(&format!("{coupons}?order=name%20desc&limit=2")).res();
    let names: Vec<String> = page
        .embedded("fx:coupons")
        .iter()
        .map(|m| prop(m, "name"))
        .collect();
    assert_eq!(names, ["Coupon 3", "Coupon 2"]);
    assert_eq!(prop(&page, "total_items"), "3");
    assert_eq!(
        c.get(&format!("{coupons}?name=coupon%202"))
            .prop("total_items"),
        "1"
    );
    assert_eq!(c.get(&format!("{coupons}?nope=1")).status, 400);
    // Filters by type: booleans, date ranges, number operators.
    let count = |q: &str| c.get(&format!("{coupons}?{q}")).prop("total_items");
    assert_eq!(count("combinable=true"), "2");
    assert_eq!(count("start_date=2026-02-01..2026-02-28"), "1");
    assert_eq!(count("number_of_uses_allowed:greaterthan=0"), "3");
    assert_eq!(c.get(&format!("{coupons}?start_date=soon")).status, 400);
    let coupon = c.create(
        &coupons,
        r#"{"name": "Spring", "coupon_discount_type": "quantity_amount"}"#,
    );
    let zoomed = c.get(&format!("{coupon}?zoom=coupon_codes")).res();
    assert!(
        zoomed
            .embedded
            .keys()
            .any(|k| k.fx_name() == Some("coupon_codes"))
    );
    let r = c.json("PATCH", &coupon, r#"{"store_id": 99}"#);
    assert_eq!(r.status, 400, "read only");
    assert!(r.error_message().contains("store_id"));
    assert_eq!(c.send("DELETE", &coupon, &[], Vec::new()).status, 200);
    assert_eq!(c.get(&coupon).status, 404);
}
