//! Collection paging (default limit, links of a middle page), OPTIONS, item
//! attributes, single template sets and item categories, and random faults by rate.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{Client, start, start_with, text};
use foxy_proto::{Resource, Value};
use foxy_sandbox::{BackgroundSandbox, Config, FaultSpec};

fn prop(r: &Resource, name: &str) -> String {
    text(r.property(name).unwrap_or_else(|| panic!("no {name}")))
}

fn query(href: &str) -> Vec<(String, String)> {
    url::Url::parse(href)
        .unwrap_or_else(|e| panic!("{href}: {e}"))
        .query_pairs()
        .into_owned()
        .collect()
}

fn param(href: &str, name: &str) -> Option<String> {
    query(href)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|x| x.1)
}

/// Adds customers until the store has `total` (3 are seeded).
fn customers_up_to(c: &Client, total: usize) -> String {
    let customers = c.link(&c.store(), "fx:customers");
    for i in 3..total {
        c.create(
            &customers,
            &format!(r#"{{"first_name":"C{i:02}","last_name":"Paged","email":"p{i}@x.test"}}"#),
        );
    }
    customers
}

#[test]
fn default_limit_is_20() {
    let sb = start();
    let c = Client::authed(&sb);
    let customers = customers_up_to(&c, 28);
    let page = c.get(&customers).res();
    assert_eq!(prop(&page, "total_items"), "28");
    assert_eq!(prop(&page, "limit"), "20");
    assert_eq!(prop(&page, "offset"), "0");
    assert_eq!(prop(&page, "returned_items"), "20");
    assert_eq!(page.embedded("fx:customers").len(), 20);
    // The page links carry on with the default: next is offset 20, holding the other 8.
    let next = page.link("next").unwrap().href.clone();
    assert_eq!(param(&next, "offset").as_deref(), Some("20"));
    let rest = c.get(&next).res();
    assert_eq!(prop(&rest, "returned_items"), "8");
    assert_eq!(rest.embedded("fx:customers").len(), 8);
    assert_eq!(prop(&rest, "limit"), "20");
    // An explicit limit of 300 is the maximum and allowed.
    let all = c.get(&format!("{customers}?limit=300")).res();
    assert_eq!(all.embedded("fx:customers").len(), 28);
    assert_eq!(prop(&all, "limit"), "300");
}

#[test]
fn middle_page_links_to_first_prev_next_and_last() {
    let sb = start();
    let c = Client::authed(&sb);
    let customers = customers_up_to(&c, 28);
    let url = format!("{customers}?limit=5&offset=10&order=id");
    let page = c.get(&url).res();
    assert_eq!(prop(&page, "offset"), "10");
    assert_eq!(prop(&page, "returned_items"), "5");
    let self_href = page.self_href().unwrap().to_owned();
    assert_eq!(param(&self_href, "offset").as_deref(), Some("10"));
    for (rel, offset, title) in [
        ("first", "0", "First Page of this Collection"),
        ("prev", "5", "Previous Page of this Collection"),
        ("next", "15", "Next Page of this Collection"),
        ("last", "25", "Last Page of this Collection"),
    ] {
        let link = page.link(rel).unwrap_or_else(|| panic!("no {rel}"));
        assert!(link.href.starts_with(&customers), "{rel}: {}", link.href);
        assert_eq!(
            param(&link.href, "offset").as_deref(),
            Some(offset),
            "{rel}"
        );
        // The other query parameters are kept.
        assert_eq!(param(&link.href, "limit").as_deref(), Some("5"), "{rel}");
        assert_eq!(param(&link.href, "order").as_deref(), Some("id"), "{rel}");
        assert_eq!(link.title.as_deref(), Some(title), "{rel}");
    }

    // Following the links lands on the pages they name, in id order.
    let ids = |r: &Resource| -> Vec<String> {
        r.embedded("fx:customers")
            .iter()
            .map(|x| x.self_href().unwrap().to_owned())
            .collect()
    };
    let current = ids(&page);
    let prev = c.get(&page.link("prev").unwrap().href).res();
    let next = c.get(&page.link("next").unwrap().href).res();
    let first = c.get(&page.link("first").unwrap().href).res();
    let last = c.get(&page.link("last").unwrap().href).res();
    assert_eq!(prop(&prev, "offset"), "5");
    assert_eq!(prop(&next, "offset"), "15");
    assert_eq!(ids(&prev).len(), 5);
    assert_eq!(ids(&next).len(), 5);
    assert_eq!(ids(&last).len(), 3, "28 = 5 × 5 + 3");
    let whole = c.get(&format!("{customers}?limit=300&order=id")).res();
    let everything = ids(&whole);
    assert_eq!(everything[0..5], ids(&first)[..]);
    assert_eq!(everything[5..10], ids(&prev)[..]);
    assert_eq!(everything[10..15], current[..]);
    assert_eq!(everything[15..20], ids(&next)[..]);
    assert_eq!(everything[25..28], ids(&last)[..]);

    // An offset off the page grid: prev stops at 0, next is one limit further.
    let odd = c.get(&format!("{customers}?limit=5&offset=3")).res();
    assert_eq!(
        param(&odd.link("prev").unwrap().href, "offset").as_deref(),
        Some("0")
    );
    assert_eq!(
        param(&odd.link("next").unwrap().href, "offset").as_deref(),
        Some("8")
    );
}

#[test]
fn options_on_a_cart_and_its_children_list_the_allowed_methods() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let allow = |href: &str| {
        let r = c.send("OPTIONS", href, &[], Vec::new());
        assert_eq!(r.status, 200, "{href}: {}", r.text());
        let mut methods: Vec<String> = r
            .header("allow")
            .unwrap_or_else(|| panic!("no Allow on {href}"))
            .split(',')
            .map(|m| m.trim().to_owned())
            .collect();
        methods.sort();
        methods
    };
    assert_eq!(
        allow(&cart),
        ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    );
    assert_eq!(
        allow(&format!("{cart}/items")),
        ["GET", "HEAD", "OPTIONS", "POST"]
    );
    assert_eq!(allow(&carts), ["GET", "HEAD", "OPTIONS", "POST"]);
    // OPTIONS checks nothing but the route: the cart is untouched.
    assert_eq!(c.get(&cart).status, 200);
    // The methods not listed are a 405 that repeats the same Allow.
    let store = c.store();
    let r = c.send("POST", &store, &[], Vec::new());
    assert_eq!(r.status, 405);
    let mut listed: Vec<String> = r
        .header("allow")
        .unwrap()
        .split(',')
        .map(|m| m.trim().to_owned())
        .collect();
    listed.sort();
    assert_eq!(listed, allow(&store));
}

#[test]
fn item_attributes_patch_put_and_delete() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let item = c.create(&format!("{cart}/items"), r#"{"name":"Mug","price":"8"}"#);
    let attributes = c.link(&item, "fx:attributes");
    let attr = c.create(
        &attributes,
        r#"{"name":"engraving","value":"Ada","visibility":"private"}"#,
    );
    assert!(attr.contains("/item_attributes/"), "{attr}");
    let doc = c.get(&attr).res();
    assert_eq!(prop(&doc, "value"), "Ada");
    assert_eq!(doc.link("fx:item").unwrap().href, item);

    // PATCH merges: value changes, name and visibility stay.
    let r = c.json("PATCH", &attr, r#"{"value":"Grace"}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    let patched = r.res();
    assert_eq!(prop(&patched, "value"), "Grace");
    assert_eq!(prop(&patched, "name"), "engraving");
    assert_eq!(prop(&patched, "visibility"), "private");
    assert_eq!(patched.self_href(), Some(attr.as_str()));
    assert_eq!(c.get(&attr).prop("value"), "Grace");
    let zoomed = c.get(&format!("{item}?zoom=attributes")).res();
    assert_eq!(prop(&zoomed.embedded("fx:attributes")[0], "value"), "Grace");

    // PUT replaces: visibility returns to its default.
    let r = c.json("PUT", &attr, r#"{"name":"engraving","value":"Alan"}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.prop("value"), "Alan");
    assert_ne!(r.prop("visibility"), "private");

    // A body that does not parse is refused and changes nothing.
    let r = c.json("PATCH", &attr, r#"{"value":"#);
    assert_eq!(r.status, 400, "{}", r.text());
    r.error_message();
    assert_eq!(c.get(&attr).prop("value"), "Alan");

    let r = c.send("DELETE", &attr, &[], Vec::new());
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.prop("message").contains("deleted"), "{}", r.text());
    assert_eq!(c.get(&attr).status, 404);
    assert_eq!(c.json("PATCH", &attr, r#"{"value":"x"}"#).status, 404);
    assert_eq!(c.send("DELETE", &attr, &[], Vec::new()).status, 404);
    let list = c.get(&attributes).res();
    assert_eq!(prop(&list, "total_items"), "0");
    assert_eq!(c.get(&item).status, 200, "the item stays");
}

#[test]
fn single_template_sets_and_item_categories() {
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();

    let sets = c.get(&c.link(&store, "fx:template_sets")).res();
    let set = sets.embedded("fx:template_sets")[0]
        .self_href()
        .unwrap()
        .to_owned();
    assert!(set.contains("/template_sets/"), "{set}");
    let r = c.get(&set);
    assert_eq!(r.status, 200, "{}", r.text());
    let doc = r.res();
    assert_eq!(prop(&doc, "code"), "DEFAULT");
    assert_eq!(doc.self_href(), Some(set.as_str()));
    assert_eq!(doc.link("fx:store").unwrap().href, store);
    assert!(r.header("etag").is_some());
    // A new cart points at the default template set.
    let cart = c.create(&c.link(&store, "fx:carts"), "{}");
    assert_eq!(c.link(&cart, "fx:template_set"), set);

    let categories = c.get(&c.link(&store, "fx:item_categories")).res();
    let listed: Vec<(String, String)> = categories
        .embedded("fx:item_categories")
        .iter()
        .map(|x| (prop(x, "code"), x.self_href().unwrap().to_owned()))
        .collect();
    let mut codes: Vec<&str> = listed.iter().map(|x| x.0.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["DEFAULT", "DOWNLOAD", "SHIPPED"]);
    for (code, href) in &listed {
        assert!(href.contains("/item_categories/"), "{href}");
        let r = c.get(href);
        assert_eq!(r.status, 200, "{}", r.text());
        let doc = r.res();
        assert_eq!(&prop(&doc, "code"), code);
        assert_eq!(doc.self_href(), Some(href.as_str()));
        assert_eq!(doc.link("fx:store").unwrap().href, store);
    }

    let base = sb.base_url();
    assert_eq!(c.get(&format!("{base}/template_sets/999999")).status, 404);
    assert_eq!(c.get(&format!("{base}/item_categories/999999")).status, 404);
}

/// The status of `n` sequential GETs of the store.
fn statuses(sb: &BackgroundSandbox, n: usize) -> Vec<(u16, Option<String>)> {
    let c = Client::authed(sb);
    let store = format!("{}/stores/{}", sb.base_url(), sb.store_id());
    (0..n)
        .map(|_| {
            let r = c.get(&store);
            if r.status != 200 {
                // Every fault is an fx:errors document.
                assert!(r.error_message().contains("fault"), "{}", r.text());
            }
            (r.status, r.header("retry-after"))
        })
        .collect()
}

fn faulty(spec: &str, seed: u64) -> BackgroundSandbox {
    let spec: FaultSpec = spec.parse().unwrap();
    start_with(
        Config {
            seed,
            ..Config::default()
        }
        .with_faults(spec),
    )
}

#[test]
fn random_429s_at_a_rate_are_seeded_and_carry_retry_after() {
    let sb = faulty("429=0.5", 7);
    let got = statuses(&sb, 60);
    let faults = got.iter().filter(|(s, _)| *s == 429).count();
    assert!((10..=50).contains(&faults), "{faults} of 60 at rate 0.5");
    for (status, retry_after) in &got {
        match status {
            429 => assert_eq!(retry_after.as_deref(), Some("1")),
            200 => assert_eq!(retry_after, &None),
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(sb.stats().faults_injected, faults as u64);
    // The same seed repeats the same faults; the token endpoint was spared.
    let again = statuses(&faulty("429=0.5", 7), 60);
    assert_eq!(got, again);
}

#[test]
fn random_server_errors_split_by_rate() {
    let sb = faulty("500=0.5,502=0.5", 3);
    let got = statuses(&sb, 40);
    assert!(got.iter().all(|(s, _)| *s == 500 || *s == 502), "{got:?}");
    assert!(got.iter().any(|(s, _)| *s == 500) && got.iter().any(|(s, _)| *s == 502));
    assert!(
        got.iter().all(|(_, retry)| retry.is_none()),
        "only 429 and 503 carry Retry-After"
    );
}

#[test]
fn random_latency_at_rate_1_delays_every_answer() {
    let sb = faulty("latency=1:150ms", 1);
    let c = Client::authed(&sb);
    let store = c.store();
    for _ in 0..3 {
        let t = Instant::now();
        assert_eq!(c.get(&store).status, 200);
        assert!(
            t.elapsed() >= Duration::from_millis(150),
            "{:?}",
            t.elapsed()
        );
    }
}

/// One raw request on a fresh connection: `Some(status)` or `None` when the
/// connection closed without a response.
fn raw_get(sb: &BackgroundSandbox, path: &str, token: &str) -> Option<u16> {
    let mut s = TcpStream::connect(sb.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nFOXY-API-VERSION: 1\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n",
        sb.addr()
    )
    .unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    if buf.is_empty() {
        return None;
    }
    let head = String::from_utf8_lossy(&buf);
    let status = head
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .unwrap_or_else(|| panic!("not a response: {head}"));
    Some(status.parse().unwrap())
}

#[test]
fn random_drops_close_connections_without_an_answer() {
    let sb = faulty("drop=0.4,503=0.2", 5);
    let c = Client::authed(&sb);
    let token = c.token.clone().unwrap();
    let path = format!("/stores/{}", sb.store_id());
    let got: Vec<Option<u16>> = (0..50).map(|_| raw_get(&sb, &path, &token)).collect();
    let dropped = got.iter().filter(|s| s.is_none()).count();
    let unavailable = got.iter().filter(|s| **s == Some(503)).count();
    let ok = got.iter().filter(|s| **s == Some(200)).count();
    assert_eq!(dropped + unavailable + ok, 50, "{got:?}");
    assert!(dropped >= 5 && unavailable >= 2 && ok >= 5, "{got:?}");
    assert_eq!(sb.stats().faults_injected, (dropped + unavailable) as u64);
    // Never on the test support routes.
    let stats = Client::new(sb.base_url()).get("/_sandbox/stats");
    assert_eq!(stats.status, 200);
    let value = stats.res();
    assert!(matches!(
        value.property("faults_injected"),
        Some(Value::Number(_))
    ));
}

#[test]
fn database_paging_matches_the_general_path() {
    // Without filters or order the database pages; `order=id` takes the
    // general path. Both must give the same page, counters and links.
    let sb = start();
    let c = Client::authed(&sb);
    let customers = customers_up_to(&c, 12);
    for offset in [0, 5, 10, 12, 40] {
        let fast = c.get(&format!("{customers}?limit=5&offset={offset}")).res();
        let general = c
            .get(&format!("{customers}?limit=5&offset={offset}&order=id"))
            .res();
        for name in ["total_items", "returned_items", "limit", "offset"] {
            assert_eq!(
                prop(&fast, name),
                prop(&general, name),
                "{name} at {offset}"
            );
        }
        let hrefs = |r: &Resource| -> Vec<String> {
            r.embedded("fx:customers")
                .iter()
                .map(|m| m.self_href().unwrap_or_default().to_owned())
                .collect()
        };
        assert_eq!(hrefs(&fast), hrefs(&general), "members at {offset}");
        for rel in ["first", "prev", "next", "last"] {
            let offset_of = |r: &Resource| param(&r.link(rel).unwrap().href, "offset");
            assert_eq!(offset_of(&fast), offset_of(&general), "{rel} at {offset}");
        }
    }
}
