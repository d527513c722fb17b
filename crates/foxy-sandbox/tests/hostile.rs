//! Hostile input: huge and deeply nested bodies, invalid UTF-8, bodies that do
//! not match their type, absurd paging, SQL in filters and a 10,000-item cart.
//! Each is answered quickly with a 4xx error document (never a 500 or a hang),
//! the sandbox keeps serving, and its memory stays bounded.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::time::{Duration, Instant};

use common::raw::exchange;
use common::{Client, HAL, SIREN, XML, start};

/// The resident set of this process (the sandbox runs in it), in KB.
fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// Asserts a 4xx error document within `max`, and returns its message.
fn refused(r: &common::Resp, what: &str, took: Duration) -> String {
    assert!(
        (400..500).contains(&r.status),
        "{what}: {} {}",
        r.status,
        common::clip_text(&r.text())
    );
    assert!(took < Duration::from_secs(10), "{what} took {took:?}");
    assert!(
        r.body.len() < 600,
        "{what}: {} bytes of error",
        r.body.len()
    );
    r.error_message()
}

fn timed(f: impl FnOnce() -> common::Resp) -> (common::Resp, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

#[test]
fn hostile_input_is_refused_quickly_and_memory_stays_bounded() {
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    let carts = c.link(&store, "fx:carts");
    let cart = c.create(&carts, "{}");
    let items = format!("{cart}/items");
    let before_carts = c.get(&carts).prop("total_items");
    let rss_before = rss_kb();

    // A 50 MB body, sent raw (a client library would stream it all).
    let host = sb.base_url().trim_start_matches("http://").to_owned();
    let token = c.token.clone().unwrap();
    for target in [carts.as_str(), "/token"] {
        let path = target.trim_start_matches(sb.base_url());
        let body = vec![b'{'; 50 * 1024 * 1024];
        let head = format!(
            "POST {path} HTTP/1.1\r\nhost: {host}\r\nfoxy-api-version: 1\r\nauthorization: Bearer {token}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        let t = Instant::now();
        let a = exchange(sb.base_url(), head, body);
        assert_eq!(a.status, 413, "{target}: {}", a.head);
        assert!(t.elapsed() < Duration::from_secs(10));
        a.error_message();
    }

    // JSON, XML and Siren nested 100,000 deep.
    let deep_json = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
    let deep_array = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_xml = format!(
        "<resource>{}x{}</resource>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    for (ct, body) in [
        ("application/json", &deep_json),
        ("text/plain", &deep_json),
        (HAL, &deep_array),
        (SIREN, &deep_json),
        (XML, &deep_xml),
        ("application/xml", &deep_xml),
    ] {
        let (r, took) = timed(|| {
            c.send(
                "POST",
                &items,
                &[("content-type", ct)],
                body.clone().into_bytes(),
            )
        });
        refused(&r, &format!("deep {ct}"), took);
    }

    // Invalid UTF-8 in every body type.
    let bad: &[(&str, &[u8])] = &[
        (
            "application/json",
            b"{\"name\":\"\xff\xfe\",\"price\":\"1\"}",
        ),
        ("text/plain", b"{\"name\":\"\xc3\x28\",\"price\":\"1\"}"),
        (
            XML,
            b"<resource><name>\xff</name><price>1</price></resource>",
        ),
        (SIREN, b"{\"properties\":{\"name\":\"\xff\"}}"),
        ("application/x-www-form-urlencoded", b"name=%FF%FE&price=1"),
        (
            "application/x-www-form-urlencoded",
            b"name=\xff\xfe&price=1",
        ),
        (
            "multipart/form-data; boundary=B",
            b"--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n\xff\r\n--B--\r\n",
        ),
    ];
    for (ct, body) in bad {
        let (r, took) = timed(|| c.send("POST", &items, &[("content-type", ct)], body.to_vec()));
        refused(&r, &format!("invalid UTF-8 as {ct}"), took);
    }
    let (r, took) = timed(|| {
        let mut ct = b"application/json".to_vec();
        ct.push(0xff);
        let ct = http::HeaderValue::from_bytes(&ct).unwrap();
        let body = br#"{"name":"Widget","price":"1"}"#.to_vec();
        c.send_raw_header("POST", &items, "content-type", ct, body)
    });
    refused(&r, "a Content-Type that is not text", took);
    assert_eq!(r.status, 415);

    // Each content type with a body of another.
    let json = br#"{"name":"Widget","price":"1"}"#.to_vec();
    let xml = b"<resource><name>Widget</name><price>1</price></resource>".to_vec();
    let wrong: Vec<(&str, Vec<u8>)> = vec![
        ("application/json", xml.clone()),
        (HAL, b"name=Widget&price=1".to_vec()),
        (SIREN, xml.clone()),
        (XML, json.clone()),
        ("application/xml", b"name=Widget&price=1".to_vec()),
        ("application/x-www-form-urlencoded", json.clone()),
        ("application/x-www-form-urlencoded", xml.clone()),
        ("multipart/form-data; boundary=B", json.clone()),
        ("multipart/form-data", xml.clone()),
        ("text/plain", xml.clone()),
        ("image/png", json.clone()),
    ];
    for (ct, body) in wrong {
        let (r, took) = timed(|| c.send("POST", &items, &[("content-type", ct)], body));
        refused(&r, &format!("wrong body for {ct}"), took);
    }

    // Absurd paging.
    for q in [
        "limit=-1",
        "limit=0",
        "limit=1000000000000",
        "limit=abc",
        "limit=1e3",
        "limit=%00",
        "offset=-5",
        "offset=1e30",
        "offset=99999999999999999999999999999",
        "offset=18446744073709551615&limit=300",
    ] {
        let (r, took) = timed(|| c.get(&format!("{carts}?{q}")));
        refused(&r, q, took);
    }

    // SQL in filter names, values and order: refused or matching nothing.
    for q in [
        "id;DROP%20TABLE%20records=1",
        "total_item_price=1%20OR%201=1",
        "id=1;DELETE%20FROM%20records",
        "order=id;DROP%20TABLE%20records",
        "order=id%20desc;--",
        "date_created=2020'%20OR%20'1'='1",
    ] {
        let (r, took) = timed(|| c.get(&format!("{carts}?{q}")));
        refused(&r, q, took);
    }
    for q in [
        "billing_first_name=%27%20OR%20%271%27=%271",
        "billing_first_name=x%27;DROP%20TABLE%20records;--",
        "billing_first_name=%25",
    ] {
        let r = c.get(&format!("{carts}?{q}"));
        assert_eq!(r.status, 200, "{q}: {}", r.text());
        assert_eq!(r.prop("total_items"), "0", "{q} matches nothing");
    }

    // A cart PUT with 10,000 embedded items.
    let members: Vec<String> = (0..10_000)
        .map(|i| format!(r#"{{"name":"Item {i}","price":"1.00","quantity":1}}"#))
        .collect();
    let body = format!(r#"{{"_embedded":{{"fx:items":[{}]}}}}"#, members.join(","));
    let (r, took) = timed(|| c.json("PUT", &cart, &body));
    assert!(
        took < Duration::from_secs(30),
        "10,000-item PUT took {took:?}"
    );
    assert_ne!(r.status / 100, 5, "{}", common::clip_text(&r.text()));
    eprintln!("10,000-item PUT: {} in {took:?}", r.status);
    if r.status / 100 == 4 {
        r.error_message();
    } else {
        assert_eq!(r.status, 200, "{}", common::clip_text(&r.text()));
        assert_eq!(c.get(&cart).prop("total_item_price"), "10000");
        let page = c.get(&format!("{items}?limit=300&offset=9900"));
        assert_eq!(page.prop("total_items"), "10000");
        assert_eq!(page.prop("returned_items"), "100");
    }

    // Still serving, nothing stray stored, memory bounded.
    let fresh = Client::authed(&sb);
    assert_eq!(fresh.get(&carts).prop("total_items"), before_carts);
    assert_eq!(fresh.get(&format!("{items}?limit=1")).status, 200);
    let grown_mb = rss_kb().saturating_sub(rss_before) / 1024;
    eprintln!("RSS grew by {grown_mb} MB");
    assert!(grown_mb < 200, "RSS grew by {grown_mb} MB");
}
