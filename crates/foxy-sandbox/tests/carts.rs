//! Carts, items, embedded PUT, charging, customers and the collection query language.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Client, start, text};
use foxy_proto::Resource;

fn customer_by_email(c: &Client, email: &str) -> String {
    let customers = c.link(&c.store(), "fx:customers");
    let r = c.get(&format!("{customers}?email={email}")).res();
    r.embedded("fx:customers")[0]
        .self_href()
        .unwrap()
        .to_owned()
}

fn prop(r: &Resource, name: &str) -> String {
    text(r.property(name).unwrap_or_else(|| panic!("no {name}")))
}

#[test]
fn cart_lifecycle_and_children() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let grace = customer_by_email(&c, "grace.hopper@sandbox.test");
    let r = c.json("POST", &carts, &format!(r#"{{"customer_uri":"{grace}"}}"#));
    assert_eq!(r.status, 201);
    assert!(r.prop("message").contains("created"));
    let cart = r.header("location").unwrap();
    let doc = c.get(&cart).res();
    assert_eq!(prop(&doc, "customer_uri"), grace);
    assert_eq!(prop(&doc, "billing_first_name"), "Grace");
    assert_eq!(prop(&doc, "shipping_city"), "Austin");
    assert!(doc.link("fx:template_set").is_some());
    assert_eq!(
        doc.link("fx:customer").unwrap().title.as_deref(),
        Some("This Customer")
    );

    let items = doc.link("fx:items").unwrap().href.clone();
    let item = c.create(
        &items,
        r#"{"name":"Sprocket","price":"19.99","quantity":3}"#,
    );
    let options = c.link(&item, "fx:item_options");
    let option = c.create(
        &options,
        r#"{"name":"color","value":"red","price_mod":"0.01"}"#,
    );
    c.create(
        &c.link(&item, "fx:attributes"),
        r#"{"name":"engraving","value":"Ada"}"#,
    );
    c.create(
        &doc.link("fx:attributes").unwrap().href,
        r#"{"name":"source","value":"test","visibility":"private"}"#,
    );
    c.create(
        &doc.link("fx:custom_fields").unwrap().href,
        r#"{"name":"gift","value":"yes"}"#,
    );
    let doc = c.get(&cart).res();
    assert_eq!(prop(&doc, "total_item_price"), "60");
    assert_eq!(prop(&doc, "total_order"), "60");
    assert_eq!(prop(&doc, "total_tax"), "0");

    // Coupons create read-only discounts that lower total_order.
    let codes = doc.link("fx:applied_coupon_codes").unwrap().href.clone();
    let code = c.create(&codes, r#"{"code":"SAVE5"}"#);
    assert_eq!(c.json("POST", &codes, r#"{"code":"SAVE5"}"#).status, 400);
    assert_eq!(c.json("POST", &codes, r#"{"code":"NOPE"}"#).status, 400);
    let discounts = c.get(&doc.link("fx:discounts").unwrap().href).res();
    assert_eq!(prop(&discounts.embedded("fx:discounts")[0], "amount"), "-5");
    assert_eq!(c.get(&cart).prop("total_order"), "55");
    assert_eq!(c.send("DELETE", &code, &[], Vec::new()).status, 200);
    assert_eq!(c.get(&cart).prop("total_order"), "60");

    // PATCH answers with the updated resource; PUT replaces.
    let r = c.json("PATCH", &option, r#"{"price_mod":"-9.99"}"#);
    assert_eq!(r.status, 200);
    assert_eq!(r.prop("price_mod"), "-9.99");
    assert_eq!(r.prop("name"), "color");
    assert_eq!(c.get(&cart).prop("total_item_price"), "30");
    let r = c.json("PUT", &item, r#"{"name":"Gear","price":5,"quantity":2}"#);
    assert_eq!(
        (r.status, r.prop("code").as_str(), r.prop("name").as_str()),
        (200, "", "Gear")
    );
    assert_eq!(c.get(&cart).prop("total_item_price"), "-9.98");

    let zoomed = c.get(&format!("{cart}?zoom=items,items:item_options,items:attributes,attributes,custom_fields,customer")).res();
    let it = &zoomed.embedded("fx:items")[0];
    assert_eq!(it.embedded("fx:item_options").len(), 1);
    assert_eq!(it.embedded("fx:attributes").len(), 1);
    assert_eq!(zoomed.embedded("fx:attributes").len(), 1);
    assert_eq!(zoomed.embedded("fx:custom_fields").len(), 1);
    assert_eq!(
        prop(&zoomed.embedded("fx:customer")[0], "first_name"),
        "Grace"
    );

    let r = c.send(
        "POST",
        &doc.link("fx:create_session").unwrap().href,
        &[],
        Vec::new(),
    );
    assert_eq!(r.status, 200);
    assert!(!r.prop("session_id").is_empty());
    assert!(r.prop("cart_link").contains(&r.prop("session_id")));

    assert_eq!(c.send("DELETE", &cart, &[], Vec::new()).status, 200);
    assert_eq!(c.get(&cart).status, 404);
    assert_eq!(c.get(&item).status, 404);
}

/// The published cart PUT with embedded children (`conformance/seeds`), through the
/// project's loader: `None` (after a message) when the corpus is absent outside CI.
fn put_body() -> Option<String> {
    let dir = foxy_proto::testing::conformance_dir()?;
    let path = dir.join("seeds").join("cart.put-embedded.request.json");
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn put_with_embedded_children() {
    let Some(put_body) = put_body() else { return };
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    let carts = c.link(&store, "fx:carts");
    let categories = c.get(&c.link(&store, "fx:item_categories")).res();
    let category = categories.embedded("fx:item_categories")[0]
        .self_href()
        .unwrap()
        .to_owned();
    let cart = c.create(&carts, "{}");
    let body = put_body.replace("https://api.foxycart.com/item_categories/10", &category);
    let zoom = "?zoom=items,items:item_options,attributes";
    let r = c.json("PUT", &format!("{cart}{zoom}"), &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let doc = r.res();
    let items = doc.embedded("fx:items");
    assert_eq!(items.len(), 2);
    assert_eq!(doc.embedded("fx:attributes").len(), 2);
    assert_eq!(items[0].embedded("fx:item_options").len(), 1);
    assert_eq!(prop(&items[1], "name"), "Sprocket");
    assert_eq!(prop(&items[0], "item_category_uri"), category);
    // (19.99 - 10) × 1 + (100 + 0) × 2
    assert_eq!(prop(&doc, "total_item_price"), "209.99");

    // Modify the first item (self link kept), drop the second and its options, keep attributes.
    let first = items[0].self_href().unwrap().to_owned();
    let put2 = format!(
        r#"{{"_embedded":{{"fx:items":[{{"_links":{{"self":{{"href":"{first}"}}}},"name":"Renamed","price":"1.50","quantity":4,
            "_embedded":{{"fx:item_options":[{{"name":"size","value":"s","price_mod":"0.50"}}]}}}}]}}}}"#
    );
    let r = c.json(
        "PUT",
        &format!("{cart}?zoom=items,items:item_options"),
        &put2,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let doc = r.res();
    let items = doc.embedded("fx:items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].self_href(), Some(first.as_str()));
    assert_eq!(prop(&items[0], "name"), "Renamed");
    assert_eq!(items[0].embedded("fx:item_options").len(), 1);
    assert_eq!(prop(&doc, "total_item_price"), "8");
    let attrs = c.get(&c.link(&cart, "fx:attributes")).res();
    assert_eq!(
        attrs.embedded("fx:attributes").len(),
        2,
        "attributes were not zoomed: kept"
    );
    let r = c.json("PUT", &format!("{cart}?zoom=items"), r#"{"_embedded":{"fx:items":[{"_links":{"self":{"href":"http://x/items/999999"}},"name":"x"}]}}"#);
    assert_eq!(r.status, 400);
}

#[test]
fn post_creating_a_cart_applies_embedded_children_like_put() {
    let Some(put_body) = put_body() else { return };
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    let carts = c.link(&store, "fx:carts");
    let categories = c.get(&c.link(&store, "fx:item_categories")).res();
    let category = categories.embedded("fx:item_categories")[0]
        .self_href()
        .unwrap()
        .to_owned();
    let body = put_body.replace("https://api.foxycart.com/item_categories/10", &category);
    let created = c.json("POST", &carts, &body);
    assert_eq!(created.status, 201, "{}", created.text());
    let cart = created.header("location").unwrap();
    let doc = c
        .get(&format!(
            "{cart}?zoom=items,items:item_options,items:attributes,attributes"
        ))
        .res();
    let items = doc.embedded("fx:items");
    assert_eq!(items.len(), 2, "the embedded items were created");
    assert_eq!(doc.embedded("fx:attributes").len(), 2);
    assert_eq!(items[0].embedded("fx:item_options").len(), 1);
    assert_eq!(prop(&items[0], "item_category_uri"), category);
    assert_eq!(prop(&items[1], "name"), "Sprocket");
    // The same totals as the PUT of the same body: (19.99 - 10) × 1 + (100 + 0) × 2
    assert_eq!(prop(&doc, "total_item_price"), "209.99");

    // A self link to something that is not the new cart's child is refused,
    // and nothing is left behind.
    let before = c.get(&carts).prop("total_items");
    let bad = r#"{"_embedded":{"fx:items":[{"_links":{"self":{"href":"http://x/items/1"}},"name":"x"}]}}"#;
    assert_eq!(c.json("POST", &carts, bad).status, 400);
    assert_eq!(c.get(&carts).prop("total_items"), before);
}

#[test]
fn post_adding_an_item_applies_its_embedded_options_and_attributes() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let body = r#"{"name":"Shirt","price":"20","quantity":2,"_embedded":{
        "fx:item_options":[{"name":"size","value":"L","price_mod":"1.50"}],
        "fx:attributes":[{"name":"gift","value":"yes"}]}}"#;
    let item = c.create(&format!("{cart}/items"), body);
    let doc = c.get(&format!("{item}?zoom=item_options,attributes")).res();
    let options = doc.embedded("fx:item_options");
    assert_eq!(options.len(), 1, "the embedded option was created");
    assert_eq!(prop(&options[0], "value"), "L");
    assert_eq!(doc.embedded("fx:attributes").len(), 1);
    // The option's price modifier counts in the cart's totals: (20 + 1.50) × 2.
    assert_eq!(c.get(&cart).prop("total_item_price"), "43");
}

#[test]
fn collection_links_follow_the_published_template() {
    // Foxy's published carts collection (conformance/seeds/carts.collection-template.*)
    // is a single page that carries first, prev, next and last, all at offset=0.
    let sb = start();
    let c = Client::authed(&sb);
    let customers = c.link(&c.store(), "fx:customers");
    let page = c.get(&customers).res();
    assert!(prop(&page, "total_items").parse::<u64>().unwrap() <= 20);
    for rel in ["first", "prev", "next", "last"] {
        let link = page.link(rel).unwrap_or_else(|| panic!("no {rel} link"));
        assert!(link.href.ends_with("offset=0"), "{rel}: {}", link.href);
    }
}

#[test]
fn charging_creates_a_transaction() {
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    let carts = c.link(&store, "fx:carts");
    let grace = customer_by_email(&c, "grace.hopper@sandbox.test");
    let alan = customer_by_email(&c, "alan.turing@sandbox.test");
    let ada = customer_by_email(&c, "ada.lovelace@sandbox.test");

    let pm = c.get(&c.link(&grace, "fx:default_payment_method")).res();
    assert_eq!(pm.property("save_cc").and_then(|v| v.as_bool()), Some(true));
    assert_eq!(prop(&pm, "cc_type"), "Visa");
    assert!(prop(&pm, "cc_number_masked").ends_with("4242"));
    let none = c.get(&c.link(&alan, "fx:default_payment_method")).res();
    assert_eq!(
        none.property("save_cc").and_then(|v| v.as_bool()),
        Some(false)
    );

    let cart_for = |customer: &str| {
        let cart = c.create(&carts, &format!(r#"{{"customer_uri":"{customer}"}}"#));
        c.create(
            &format!("{cart}/items"),
            r#"{"name":"Sprocket","price":"12.34","quantity":2}"#,
        );
        cart
    };
    let cart = cart_for(&alan);
    let r = c.send("POST", &cart, &[], Vec::new());
    assert_eq!(r.status, 400);
    assert!(r.error_message().contains("payment method"));
    let cart = cart_for(&ada);
    let r = c.send("POST", &cart, &[], Vec::new());
    assert_eq!(r.status, 400);
    assert!(r.error_message().contains("declined"));
    let empty = c.create(&carts, "{}");
    assert_eq!(c.send("POST", &empty, &[], Vec::new()).status, 400);

    let cart = cart_for(&grace);
    c.create(
        &format!("{cart}/applied_coupon_codes"),
        r#"{"code":"TENOFF"}"#,
    );
    let r = c.send("POST", &cart, &[], Vec::new());
    assert_eq!(r.status, 201, "{}", r.text());
    let txn = r.header("location").unwrap();
    assert_eq!(c.get(&cart).status, 404, "the cart is deleted");
    assert_eq!(
        c.send("POST", &cart, &[], Vec::new()).status,
        404,
        "no second charge"
    );
    let t = c.get(&format!("{txn}?zoom=items,discounts,customer")).res();
    assert_eq!(prop(&t, "total_item_price"), "24.68");
    assert_eq!(prop(&t, "total_order"), "22.21");
    assert_eq!(prop(&t, "status"), "completed");
    assert_eq!(prop(&t, "customer_email"), "grace.hopper@sandbox.test");
    assert!(!prop(&t, "transaction_date").is_empty());
    assert_eq!(t.embedded("fx:items").len(), 1);
    assert_eq!(prop(&t.embedded("fx:discounts")[0], "amount"), "-2.47");
    assert_eq!(t.link("fx:customer").unwrap().href, grace);

    let mine = c.get(&c.link(&grace, "fx:transactions")).res();
    assert_eq!(prop(&mine, "total_items"), "1");
    let stats = sb.stats();
    assert_eq!((stats.charge_requests, stats.transactions_created), (5, 1));
    let transactions = c.link(&store, "fx:transactions");
    assert_eq!(
        c.get(&format!(
            "{transactions}?transaction_date=2000-01-01..2999-12-31"
        ))
        .prop("total_items"),
        "1"
    );
    assert_eq!(
        c.get(&format!("{transactions}?transaction_date=..2001-01-01"))
            .prop("total_items"),
        "0"
    );
    assert_eq!(
        c.get(&format!("{transactions}?total_order=20..25"))
            .prop("total_items"),
        "1"
    );
    assert_eq!(c.json("POST", &transactions, "{}").status, 405);
}

#[test]
fn customers_addresses_and_payment_methods() {
    let sb = start();
    let c = Client::authed(&sb);
    let customers = c.link(&c.store(), "fx:customers");
    let cust = c.create(
        &customers,
        r#"{"first_name":"Katherine","last_name":"Johnson","email":"kj@nasa.test"}"#,
    );
    assert_eq!(
        c.json("POST", &customers, r#"{"first_name":"No Email"}"#)
            .status,
        400
    );
    let addrs = c.link(&cust, "fx:customer_addresses");
    c.create(
        &addrs,
        r#"{"address_name":"Home","city":"Hampton","region":"VA","is_default_billing":true}"#,
    );
    assert!(
        c.get(&cust)
            .res()
            .link("fx:default_billing_address")
            .is_some()
    );
    let pm = c.link(&cust, "fx:default_payment_method");
    let r = c.json(
        "PUT",
        &pm,
        r#"{"cc_number":"5555555555554444","cc_exp_month":"01","cc_exp_year":"2031"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.prop("cc_number_masked"), "xxxxxxxxxxxx4444");
    assert_eq!(r.prop("cc_type"), "MasterCard");
    assert_eq!(r.prop("save_cc"), "true");
    assert_eq!(c.send("DELETE", &pm, &[], Vec::new()).status, 200);
    assert_eq!(c.get(&pm).prop("save_cc"), "false");
    let r = c.get(&format!(
        "{cust}?zoom=default_payment_method,customer_addresses"
    ));
    assert_eq!(r.res().embedded("fx:customer_addresses").len(), 1);
    let ts = c.get(&c.link(&c.store(), "fx:template_sets")).res();
    assert_eq!(prop(&ts.embedded("fx:template_sets")[0], "code"), "DEFAULT");
}

#[test]
fn collections_paginate_filter_order_zoom() {
    let sb = start();
    let c = Client::authed(&sb);
    let customers = c.link(&c.store(), "fx:customers");
    for i in 0..25 {
        let first = if i % 5 == 0 { "John" } else { "Jane" };
        c.create(
            &customers,
            &format!(r#"{{"first_name":"{first}","last_name":"L{i:02}","email":"c{i}@x.test"}}"#),
        );
    }
    // 28 customers (3 seeded): walk pages of 10 with next links.
    let mut url = format!("{customers}?limit=10");
    let mut seen = Vec::new();
    loop {
        let page = c.get(&url).res();
        assert_eq!(prop(&page, "total_items"), "28");
        assert!(matches!(
            page.property("total_items"),
            Some(foxy_proto::Value::String(_))
        ));
        let got = page.embedded("fx:customers");
        assert_eq!(prop(&page, "returned_items"), got.len().to_string());
        seen.extend(got.iter().map(|r| r.self_href().unwrap().to_owned()));
        let offset: usize = prop(&page, "offset").parse().unwrap();
        if offset + got.len() >= 28 {
            assert!(page.link("last").unwrap().href.contains("offset=20"));
            break;
        }
        url = page.link("next").unwrap().href.clone();
    }
    seen.dedup();
    assert_eq!(seen.len(), 28);
    let r = c.get(&format!("{customers}?first_name=John")).res();
    assert_eq!(prop(&r, "total_items"), "5");
    let r = c.get(&format!("{customers}?first_name=J*n")).res();
    assert_eq!(prop(&r, "total_items"), "5");
    let r = c
        .get(&format!(
            "{customers}?first_name=Ja*&order=last_name%20desc,id&limit=3&fields=last_name"
        ))
        .res();
    assert_eq!(prop(&r, "total_items"), "20");
    let names: Vec<String> = r
        .embedded("fx:customers")
        .iter()
        .map(|x| prop(x, "last_name"))
        .collect();
    assert_eq!(names, ["L24", "L23", "L22"]);
    assert!(
        r.embedded("fx:customers")[0].property("email").is_none(),
        "fields= keeps only last_name"
    );
    assert_eq!(
        c.get(&format!("{customers}?offset=27"))
            .res()
            .embedded("fx:customers")
            .len(),
        1
    );

    let carts = c.link(&c.store(), "fx:carts");
    for (name, price) in [("Sprocket", "10"), ("Widget", "60"), ("Sprocket", "150")] {
        let cart = c.create(&carts, "{}");
        let item = c.create(
            &format!("{cart}/items"),
            &format!(r#"{{"name":"{name}","price":"{price}"}}"#),
        );
        c.create(
            &format!("{item}/item_options"),
            r#"{"name":"color","value":"blue"}"#,
        );
    }
    assert_eq!(
        c.get(&format!("{carts}?items:name=Sprocket"))
            .prop("total_items"),
        "2"
    );
    assert_eq!(
        c.get(&format!("{carts}?items:item_options:value=blue"))
            .prop("total_items"),
        "3"
    );
    assert_eq!(
        c.get(&format!("{carts}?total_order=10..100"))
            .prop("total_items"),
        "2"
    );
    let r = c
        .get(&format!(
            "{carts}?order=total_order%20desc&zoom=items,items:item_options"
        ))
        .res();
    let list = r.embedded("fx:carts");
    let totals: Vec<String> = list.iter().map(|x| prop(x, "total_order")).collect();
    assert_eq!(totals, ["150", "60", "10"]);
    assert_eq!(
        list[0].embedded("fx:items")[0]
            .embedded("fx:item_options")
            .len(),
        1
    );
    let r = c
        .get(&format!(
            "{carts}?zoom=items&items:name=Widget&total_order=50.."
        ))
        .res();
    assert_eq!(prop(&r, "total_items"), "1");
    let widget_cart = r
        .embedded("fx:carts")
        .iter()
        .find(|x| prop(x, "total_order") == "60")
        .unwrap();
    assert_eq!(widget_cart.embedded("fx:items").len(), 1);
}
