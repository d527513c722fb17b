//! Size limits of the request head and body: every refusal is a short
//! `fx:errors` document, whether the router or the HTTP layer refused it, and
//! no error quotes more than a few dozen characters of the input.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::raw::{Answer, exchange, get};
use common::{Client, start};

/// An error answer: its status, a short document, no long quote of the input.
fn assert_refused(a: &Answer, status: u16) -> String {
    assert_eq!(a.status, status, "{}", a.head);
    assert!(a.body.len() < 600, "{} bytes", a.body.len());
    let msg = a.error_message();
    assert!(
        !msg.contains("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        "{msg}"
    );
    msg
}

#[test]
fn long_uris_get_414_documents() {
    let sb = start();
    // Refused by the router (beyond 8 KB) and by the HTTP layer (beyond 64 KB).
    for len in [9 * 1024, 100 * 1024] {
        let target = format!("/{}", "x".repeat(len));
        let msg = assert_refused(&get(sb.base_url(), &target, ""), 414);
        assert!(msg.contains("URI"), "{msg}");
    }
    let query = format!("/?q={}", "x".repeat(9 * 1024));
    assert_refused(&get(sb.base_url(), &query, ""), 414);
    // A long but sane URI reaches the router (404: no such route).
    let target = format!("/{}", "x".repeat(7 * 1024));
    let msg = assert_refused(&get(sb.base_url(), &target, ""), 404);
    assert!(msg.len() < 100, "{msg}");
}

#[test]
fn large_headers_get_431_documents() {
    let sb = start();
    let base = sb.base_url();
    let cases = [
        // One header beyond 16 KB, 64 KB and the HTTP layer's buffer.
        format!("x-junk: {}\r\n", "x".repeat(17 * 1024)),
        format!("x-junk: {}\r\n", "x".repeat(64 * 1024)),
        format!("x-junk: {}\r\n", "x".repeat(1024 * 1024)),
        // Five of 15 KB: each fine, 75 KB in all.
        (0..5)
            .map(|i| format!("x-junk-{i}: {}\r\n", "x".repeat(15 * 1024)))
            .collect(),
        // 120 small headers.
        (0..120).map(|i| format!("x-h{i}: {i}\r\n")).collect(),
    ];
    for extra in &cases {
        let msg = assert_refused(&get(base, "/", extra), 431);
        assert!(msg.contains("headers too large"), "{msg}");
    }
    // The version header quoted in its error is clipped.
    let extra = format!("foxy-api-version: 9{}\r\n", "x".repeat(10 * 1024));
    let msg = assert_refused(&get(base, "/", &extra), 400);
    assert!(msg.contains("FOXY-API-VERSION") && msg.len() < 120, "{msg}");
    let extra = format!("foxy-api-version: 9{}\r\n", "x".repeat(64 * 1024));
    assert_refused(&get(base, "/", &extra), 431);
    // Within the limits: a 15 KB header and 90 headers are served.
    let extra = format!("x-junk: {}\r\n", "x".repeat(15 * 1024));
    assert_eq!(get(base, "/", &extra).status, 200);
    let extra: String = (0..90).map(|i| format!("x-h{i}: {i}\r\n")).collect();
    assert_eq!(get(base, "/", &extra).status, 200);
    // And the server still answers normally.
    let c = Client::authed(&sb);
    assert_eq!(c.get(&c.store()).status, 200);
}

#[test]
fn malformed_heads_and_large_bodies_get_documents() {
    let sb = start();
    let base = sb.base_url();
    let a = exchange(base, "NOT HTTP AT ALL\r\n\r\n".into(), Vec::new());
    assert_refused(&a, 400);
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let host = base.trim_start_matches("http://");
    let token = c.token.clone().unwrap();
    let body = vec![b'x'; 3 * 1024 * 1024];
    let head = format!(
        "POST {carts} HTTP/1.1\r\nhost: {host}\r\nfoxy-api-version: 1\r\nauthorization: Bearer {token}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let a = exchange(base, head, body);
    assert_refused(&a, 413);
    let r = c.send(
        "POST",
        &carts,
        &[("content-type", "application/x-unknown")],
        b"{}".to_vec(),
    );
    assert_eq!(r.status, 415);
    assert!(r.body.len() < 600);
}

/// Long input in a query, a body field, a reference or an embedded href is
/// quoted in its error by at most a few dozen characters.
#[test]
fn errors_quote_little_of_long_input() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let long = "y".repeat(5000);
    let answers = [
        c.get(&format!("{carts}?{long}=1")),
        c.get(&format!("{carts}?order={long}")),
        c.get(&format!("{carts}?limit={long}")),
        c.get(&format!("{carts}?total_order={long}")),
        c.get(&format!("{carts}?date_created={long}")),
        c.get(&format!("/carts/{long}")),
        c.json("PATCH", &cart, &format!(r#"{{"customer_uri":"{long}"}}"#)),
        c.json(
            "PUT",
            &cart,
            &format!(
                r#"{{"_embedded":{{"fx:items":[{{"_links":{{"self":{{"href":"{long}"}}}}}}]}}}}"#
            ),
        ),
        c.json(
            "POST",
            &format!("{cart}/items"),
            &format!(r#"{{"name":"x","price":"{long}"}}"#),
        ),
    ];
    for r in answers {
        assert!((400..500).contains(&r.status), "{}", r.status);
        let msg = r.error_message();
        assert!(msg.len() < 200, "{} chars: {msg}", msg.len());
        assert!(!msg.contains(&"y".repeat(60)), "{msg}");
    }
}
