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

const COUPON: &str =
    r#""name":"L","coupon_discount_type":"price_amount","coupon_discount_details":"allunits|1""#;

/// The href of `rel` in a resource, if it has one.
fn href(res: &foxy_proto::Resource, rel: &str) -> Option<String> {
    res.link(rel).map(|l| l.href.clone())
}

#[test]
fn a_put_keeps_the_extension_links_it_does_not_carry() {
    let sb = start();
    let c = Client::authed(&sb);
    let coupons = c.link(&c.store(), "fx:coupons");
    let partner = "https://partner.example/refs/42?a=1&b=%C3%A9#frag";
    let made = c.create(
        &coupons,
        &format!(
            r#"{{{COUPON},"x_partner_ref":"p-42","_links":{{"x:partner":{{"href":"{partner}"}},"x:audit_log":{{"href":"http://audit.example/7"}},"self":{{"href":"ignored"}}}}}}"#
        ),
    );
    let before = c.get(&made).res();
    assert_eq!(href(&before, "x:partner").as_deref(), Some(partner));
    assert_eq!(
        href(&before, "x:audit_log").as_deref(),
        Some("http://audit.example/7")
    );
    assert_eq!(
        before.self_href(),
        Some(made.as_str()),
        "self is the sandbox's"
    );

    // A read-modify-PUT of the properties (no `_links`, as clients send it).
    let mut props = before.properties.clone();
    props.insert("name".into(), Value::String("Renamed".into()));
    let body = String::from_utf8(codec::json::to_vec(&Value::Object(props))).unwrap();
    let put = c.json("PUT", &made, &body);
    assert_eq!(put.status, 200, "{}", put.text());
    assert_eq!(href(&put.res(), "x:partner").as_deref(), Some(partner));
    let after = c.get(&made).res();
    assert_eq!(
        after.property("name"),
        Some(&Value::String("Renamed".into()))
    );
    assert_eq!(after.links, before.links, "every link as it was");
    assert_eq!(
        after.property("x_partner_ref"),
        before.property("x_partner_ref")
    );

    // A PATCH changes one, removes one (null) and leaves the properties.
    let patch = c.json(
        "PATCH",
        &made,
        r#"{"_links":{"x:partner":{"href":"https://partner.example/refs/43"},"x:audit_log":null}}"#,
    );
    assert_eq!(patch.status, 200, "{}", patch.text());
    let patched = c.get(&made).res();
    assert_eq!(
        href(&patched, "x:partner").as_deref(),
        Some("https://partner.example/refs/43")
    );
    assert!(patched.link("x:audit_log").is_none());
    assert_eq!(patched.property("name"), after.property("name"));
}

#[test]
fn extension_links_render_in_every_media_type() {
    let sb = start();
    let c = Client::authed(&sb);
    let coupons = c.link(&c.store(), "fx:coupons");
    let partner = "https://partner.example/refs/42";
    let made = c.create(
        &coupons,
        &format!(r#"{{{COUPON},"_links":{{"x:partner":{{"href":"{partner}"}}}}}}"#),
    );
    for accept in [
        "application/hal+json",
        "application/hal+xml",
        "application/vnd.siren+json",
    ] {
        let r = c.get_as(&made, accept);
        assert_eq!(r.status, 200, "{accept}: {}", r.text());
        assert!(r.text().contains(partner), "{accept}: {}", r.text());
        assert_eq!(
            href(&r.res(), "x:partner").as_deref(),
            Some(partner),
            "{accept}"
        );
    }
}

#[test]
fn extension_links_are_checked_and_bounded() {
    let sb = start();
    let c = Client::authed(&sb);
    let coupons = c.link(&c.store(), "fx:coupons");
    let post = |links: &str| {
        c.json(
            "POST",
            &coupons,
            &format!(r#"{{{COUPON},"_links":{links}}}"#),
        )
    };
    let long = format!("https://a.example/{}", "p".repeat(2000));
    for (links, says) in [
        (
            r#"{"x:p":{"href":"/relative"}}"#,
            "absolute http or https URL",
        ),
        (
            r#"{"x:p":{"href":"ftp://a.example/x"}}"#,
            "absolute http or https URL",
        ),
        (
            r#"{"x:p":{"href":"mailto:a@b.example"}}"#,
            "absolute http or https URL",
        ),
        (r#"{"x:p":{"href":7}}"#, "href must be a URL"),
        (r#"{"x:p":{}}"#, "href must be a URL"),
        (r#"{"x:p":"https://a.example"}"#, "one link object"),
        (
            r#"{"x:p":[{"href":"https://a.example"}]}"#,
            "one link object",
        ),
        (
            r#"{"x:p":{"href":"https://a.example","title":"T"}}"#,
            "only href",
        ),
        (
            r#"{"x:Partner":{"href":"https://a.example"}}"#,
            "not an extension relation",
        ),
        (
            r#"{"x:":{"href":"https://a.example"}}"#,
            "not an extension relation",
        ),
        (
            &format!(r#"{{"x:p":{{"href":"{long}"}}}}"#),
            "longer than 2000",
        ),
    ] {
        let r = post(links);
        assert_eq!(r.status, 400, "{links}: {}", r.text());
        let message = r.error_message();
        assert!(message.contains(says), "{links}: {message}");
    }
    let ten: Vec<String> = (0..10)
        .map(|i| format!(r#""x:l{i}":{{"href":"https://a.example/{i}"}}"#))
        .collect();
    let made = c.create(
        &coupons,
        &format!(r#"{{{COUPON},"_links":{{{}}}}}"#, ten.join(",")),
    );
    assert_eq!(
        href(&c.get(&made).res(), "x:l9").as_deref(),
        Some("https://a.example/9")
    );
    let eleventh = c.json(
        "PATCH",
        &made,
        r#"{"_links":{"x:l10":{"href":"https://a.example/10"}}}"#,
    );
    assert_eq!(eleventh.status, 400, "{}", eleventh.text());
    assert!(eleventh.error_message().contains("at most 10"));
    // Replacing one of the ten is no eleventh; the refused PATCH changed nothing.
    let swap = c.json(
        "PATCH",
        &made,
        r#"{"_links":{"x:l0":null,"x:l10":{"href":"https://a.example/10"}}}"#,
    );
    assert_eq!(swap.status, 200, "{}", swap.text());
    let read = c.get(&made).res();
    assert!(read.link("x:l0").is_none() && read.link("x:l10").is_some());
    // Other relations in a body are ignored, as before.
    let other = c.create(
        &coupons,
        &format!(r#"{{{COUPON},"_links":{{"fx:partner":{{"href":"https://a.example"}}}}}}"#),
    );
    assert!(c.get(&other).res().link("fx:partner").is_none());
}
