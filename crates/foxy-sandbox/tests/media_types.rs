//! Every representative route answered in HAL+JSON, HAL+XML and Siren: each
//! answer carries its media type and the three parse (with `foxy_proto::codec`)
//! to the same properties, links and embedded resources.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeMap;

use common::{Client, HAL, Resp, SIREN, XML, start};
use foxy_proto::{MediaType, Rel, Resource, Value, codec};

const MEDIA: [&str; 3] = [HAL, XML, SIREN];

/// HAL+XML names embedded resources by their singular relation (docs/SANDBOX.md);
/// the other two use the plural. Both sides are compared under the singular.
const SINGULAR: &[(&str, &str)] = &[
    ("carts", "cart"),
    ("items", "item"),
    ("item_options", "item_option"),
    ("attributes", "attribute"),
    ("custom_fields", "custom_field"),
    ("discounts", "discount"),
    ("customers", "customer"),
    ("customer_addresses", "customer_address"),
    ("transactions", "transaction"),
    ("item_categories", "item_category"),
    ("template_sets", "template_set"),
];

/// What every media type carries: properties as text (HAL+XML has no numbers or
/// booleans), links by canonical relation with href and title, embedded
/// resources by singular relation. Properties named in `ignore` (at any depth)
/// are left out: they legitimately differ between requests.
#[derive(Debug, PartialEq, Eq)]
struct Facts {
    properties: BTreeMap<String, String>,
    links: BTreeMap<String, Vec<(String, Option<String>)>>,
    embedded: BTreeMap<String, Vec<Facts>>,
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::String(s) if s.is_empty() => "null".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(scalar).collect::<Vec<_>>().join(",")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{k}:{}", scalar(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

fn singular(rel: &Rel) -> String {
    let name = rel.fx_name().unwrap_or(rel.as_str());
    let name = SINGULAR
        .iter()
        .find(|(plural, _)| *plural == name)
        .map_or(name, |(_, one)| one);
    if rel.fx_name().is_some() {
        format!("fx:{name}")
    } else {
        name.to_owned()
    }
}

fn facts(r: &Resource, ignore: &[&str]) -> Facts {
    Facts {
        properties: r
            .properties
            .iter()
            .filter(|(k, _)| !ignore.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), scalar(v)))
            .collect(),
        links: r
            .links
            .iter()
            .filter(|(rel, links)| rel.as_str() != "curies" && !links.is_empty())
            .map(|(rel, links)| {
                (
                    rel.as_str().to_owned(),
                    links
                        .iter()
                        .map(|l| (l.href.clone(), l.title.clone()))
                        .collect(),
                )
            })
            .collect(),
        embedded: r
            .embedded
            .iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(rel, list)| {
                (
                    singular(rel),
                    list.iter().map(|e| facts(e, ignore)).collect(),
                )
            })
            .collect(),
    }
}

/// Parses an answer with the codec of its Content-Type.
fn parse(r: &Resp) -> Resource {
    let ct = r.header("content-type").expect("Content-Type");
    let media = MediaType::parse(&ct).unwrap_or_else(|e| panic!("{ct}: {e}"));
    codec::parse(media, &r.body).unwrap_or_else(|e| panic!("{ct}: {e}: {}", r.text()))
}

/// Sends the same request asking for each media type in turn.
fn three(c: &Client, method: &str, path: &str, body: &str) -> Vec<Resp> {
    MEDIA
        .iter()
        .map(|accept| {
            let mut headers = vec![("accept", *accept)];
            if !body.is_empty() {
                headers.push(("content-type", "application/json"));
            }
            c.send(method, path, &headers, body.as_bytes().to_vec())
        })
        .collect()
}

/// Asserts each answer has `status` and the media type asked for, and that the
/// three parse to the same facts. Returns the HAL+JSON resource.
fn same(what: &str, answers: &[Resp], status: u16, ignore: &[&str]) -> Resource {
    let mut parsed = Vec::new();
    for (r, media) in answers.iter().zip(MEDIA) {
        assert_eq!(r.status, status, "{what} as {media}: {}", r.text());
        assert_eq!(
            r.header("content-type").as_deref(),
            Some(media),
            "{what}: Content-Type"
        );
        parsed.push(parse(r));
    }
    let hal = facts(&parsed[0], ignore);
    assert!(
        !hal.properties.is_empty() || !hal.links.is_empty() || !hal.embedded.is_empty(),
        "{what}: empty document"
    );
    for (res, media) in parsed.iter().zip(MEDIA).skip(1) {
        assert_eq!(
            facts(res, ignore),
            hal,
            "{what}: {media} differs from HAL+JSON"
        );
    }
    parsed.swap_remove(0)
}

fn link(r: &Resource, rel: &str) -> String {
    r.link(rel)
        .unwrap_or_else(|| panic!("no {rel}"))
        .href
        .clone()
}

fn offset_of(href: &str) -> String {
    url::Url::parse(href)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "offset")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no offset in {href}"))
}

#[test]
fn resources_and_collections_in_three_media_types() {
    let sb = start();
    let c = Client::authed(&sb);

    let home = same("API home", &three(&c, "GET", "/", ""), 200, &[]);
    for rel in ["fx:store", "fx:token", "fx:property_helpers"] {
        assert!(home.link(rel).is_some(), "home: {rel}");
    }
    let store_href = link(&home, "fx:store");
    let store = same("store", &three(&c, "GET", &store_href, ""), 200, &[]);
    assert_eq!(store.self_href(), Some(store_href.as_str()));
    assert!(store.link("fx:carts").is_some());

    // Five carts with an item (and an option) each; a middle page of two.
    let carts = link(&store, "fx:carts");
    let mut made = Vec::new();
    for i in 0..5 {
        let cart = c.create(&carts, "{}");
        let item = c.create(
            &format!("{cart}/items"),
            &format!(
                r#"{{"name":"Part {i}","price":"1.{i}5","quantity":{}}}"#,
                i + 1
            ),
        );
        c.create(
            &format!("{item}/item_options"),
            r#"{"name":"color","value":"blue","price_mod":"0.10"}"#,
        );
        made.push(cart);
    }
    let page = same(
        "carts page",
        &three(
            &c,
            "GET",
            &format!("{carts}?limit=2&offset=2&zoom=items"),
            "",
        ),
        200,
        &[],
    );
    assert_eq!(common::text(page.property("total_items").unwrap()), "5");
    assert_eq!(common::text(page.property("returned_items").unwrap()), "2");
    assert_eq!(page.embedded("fx:carts").len(), 2);
    assert_eq!(page.embedded("fx:carts")[0].embedded("fx:items").len(), 1);
    for (rel, offset) in [("first", "0"), ("prev", "0"), ("next", "4"), ("last", "4")] {
        assert_eq!(offset_of(&link(&page, rel)), offset, "{rel}");
    }

    let cart = same(
        "zoomed cart",
        &three(
            &c,
            "GET",
            &format!("{}?zoom=items,items:item_options", made[4]),
            "",
        ),
        200,
        &[],
    );
    let items = cart.embedded("fx:items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].embedded("fx:item_options").len(), 1);
    // (1.45 + 0.10) × 5
    assert_eq!(
        common::text(cart.property("total_item_price").unwrap()),
        "7.75"
    );

    let customers = link(&store, "fx:customers");
    let list = same(
        "customers",
        &three(
            &c,
            "GET",
            &format!("{customers}?zoom=default_payment_method"),
            "",
        ),
        200,
        &[],
    );
    assert_eq!(list.embedded("fx:customers").len(), 3);
    assert_eq!(common::text(list.property("total_items").unwrap()), "3");

    // A transaction from charging Grace's cart.
    let grace = list
        .embedded("fx:customers")
        .iter()
        .find(|r| r.property("email").and_then(Value::as_str) == Some("grace.hopper@sandbox.test"))
        .unwrap()
        .self_href()
        .unwrap()
        .to_owned();
    let r = c.json(
        "PATCH",
        &made[0],
        &format!(r#"{{"customer_uri":"{grace}"}}"#),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let charged = c.send("POST", &made[0], &[], Vec::new());
    assert_eq!(charged.status, 201, "{}", charged.text());
    let txn = charged.header("location").unwrap();
    let t = same(
        "transaction",
        &three(
            &c,
            "GET",
            &format!("{txn}?zoom=items,items:item_options"),
            "",
        ),
        200,
        &[],
    );
    assert_eq!(
        t.property("status").and_then(Value::as_str),
        Some("completed")
    );
    assert_eq!(t.embedded("fx:items").len(), 1);
    assert_eq!(t.link("fx:customer").unwrap().href, grace);
}

#[test]
fn write_answers_in_three_media_types() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");

    // POST to a collection: 201, Location, {self, message} in the accepted type.
    let created = three(&c, "POST", &carts, r#"{"billing_city":"Mesa"}"#);
    let mut hrefs = Vec::new();
    let mut shapes = Vec::new();
    for (r, media) in created.iter().zip(MEDIA) {
        assert_eq!(r.status, 201, "{media}: {}", r.text());
        assert_eq!(r.header("content-type").as_deref(), Some(media));
        let res = parse(r);
        let location = r.header("location").expect("Location");
        assert_eq!(res.self_href(), Some(location.as_str()), "{media}");
        let id = location.rsplit('/').next().unwrap();
        assert_eq!(
            res.property("message").and_then(Value::as_str),
            Some(format!("cart {id} created successfully.").as_str()),
            "{media}"
        );
        let f = facts(&res, &["message"]);
        shapes.push((
            f.properties.keys().cloned().collect::<Vec<_>>(),
            f.links
                .iter()
                .map(|(rel, links)| (rel.clone(), links[0].1.clone()))
                .collect::<Vec<_>>(),
        ));
        hrefs.push(location);
    }
    assert!(shapes.iter().all(|s| *s == shapes[0]), "{shapes:?}");
    hrefs.dedup();
    assert_eq!(hrefs.len(), 3, "three carts");
    for href in &hrefs {
        assert_eq!(c.get(href).prop("billing_city"), "Mesa");
    }

    // PATCH answers with the updated resource.
    let patched = same(
        "PATCH cart",
        &three(
            &c,
            "PATCH",
            &hrefs[0],
            r#"{"billing_first_name":"Nina","billing_city":"Reno"}"#,
        ),
        200,
        &["date_modified"],
    );
    assert_eq!(
        patched.property("billing_city").and_then(Value::as_str),
        Some("Reno")
    );
    assert_eq!(patched.self_href(), Some(hrefs[0].as_str()));

    // DELETE answers with a message, one cart per media type.
    for (href, media) in hrefs.iter().zip(MEDIA) {
        let r = c.send("DELETE", href, &[("accept", media)], Vec::new());
        assert_eq!(r.status, 200, "{media}: {}", r.text());
        assert_eq!(r.header("content-type").as_deref(), Some(media));
        let id = href.rsplit('/').next().unwrap();
        assert_eq!(
            parse(&r).property("message").and_then(Value::as_str),
            Some(format!("cart {id} deleted successfully.").as_str()),
            "{media}"
        );
        assert_eq!(c.get(href).status, 404);
    }
}

#[test]
fn errors_in_three_media_types() {
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    let carts = c.link(&store, "fx:carts");

    let message = |doc: &Resource| {
        let errors = doc.embedded("fx:errors");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].property("logref").is_some());
        errors[0]
            .property("message")
            .and_then(Value::as_str)
            .unwrap()
            .to_owned()
    };
    let doc = same(
        "unknown route",
        &three(&c, "GET", "/no/such/route", ""),
        404,
        &["logref"],
    );
    assert!(message(&doc).contains("/no/such/route"));
    let doc = same(
        "unknown cart",
        &three(&c, "GET", "/carts/999999", ""),
        404,
        &["logref"],
    );
    assert!(message(&doc).contains("not found"));
    let doc = same(
        "limit 301",
        &three(&c, "GET", &format!("{carts}?limit=301"), ""),
        400,
        &["logref"],
    );
    assert!(message(&doc).contains("limit"));
    let cart = c.create(&carts, "{}");
    let doc = same(
        "bad price",
        &three(
            &c,
            "POST",
            &format!("{cart}/items"),
            r#"{"name":"x","price":"cheap"}"#,
        ),
        400,
        &["logref"],
    );
    assert!(message(&doc).contains("price"), "{}", message(&doc));

    let answers = three(&c, "POST", &store, "");
    let doc = same("POST store", &answers, 405, &["logref"]);
    assert!(message(&doc).contains("not allowed"));
    for r in &answers {
        let allow = r.header("allow").expect("Allow");
        assert!(allow.contains("GET") && !allow.contains("POST"), "{allow}");
    }

    // OAuth errors are plain JSON whatever the Accept (as Foxy's token layer answers).
    let mut anon = Client::new(sb.base_url());
    anon.token = Some("not-a-token".into());
    let answers = three(&anon, "GET", &store, "");
    let mut parsed = Vec::new();
    for (r, media) in answers.iter().zip(MEDIA) {
        assert_eq!(r.status, 401, "{media}");
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/json"),
            "{media}"
        );
        assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
        parsed.push(facts(&parse(r), &[]));
    }
    assert_eq!(parsed[0].properties["error"], "invalid_token");
    assert!(parsed.iter().all(|p| *p == parsed[0]));
}

#[test]
fn request_bodies_in_hypermedia_types() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let items = format!("{cart}/items");
    // The same item written by foxy_proto's codecs in each media type.
    let item = Resource::new()
        .with_property("name", "Codec Widget")
        .with_property("price", "2.25")
        .with_property("quantity", 2i64);
    for media in [MediaType::HalJson, MediaType::HalXml, MediaType::Siren] {
        let body = codec::write(media, &item).unwrap();
        let r = c.send(
            "POST",
            &items,
            &[("content-type", media.as_str()), ("accept", media.as_str())],
            body,
        );
        assert_eq!(r.status, 201, "{media:?}: {}", r.text());
        assert_eq!(r.header("content-type").as_deref(), Some(media.as_str()));
        let created = r.header("location").unwrap();
        let got = c.get(&created);
        assert_eq!(got.prop("name"), "Codec Widget", "{media:?}");
        assert_eq!(got.prop("quantity"), "2", "{media:?}");
    }
    assert_eq!(c.get(&cart).prop("total_item_price"), "13.5");
}
