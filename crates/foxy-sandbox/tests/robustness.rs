//! Faults, concurrency and persistence.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{Client, start, start_with};
use foxy_sandbox::{Config, FaultSpec};

#[test]
fn faults_on_request() {
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    for code in ["429", "500", "502", "503"] {
        let r = c.send("GET", &store, &[("x-foxy-sandbox-fault", code)], Vec::new());
        assert_eq!(r.status.to_string(), code);
        r.error_message();
        if code == "429" {
            assert_eq!(r.header("retry-after").as_deref(), Some("1"));
        }
    }
    let t = Instant::now();
    let r = c.send(
        "GET",
        &store,
        &[("x-foxy-sandbox-fault", "latency:300ms")],
        Vec::new(),
    );
    assert_eq!(r.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        c.send(
            "GET",
            &store,
            &[("x-foxy-sandbox-fault", "teapot")],
            Vec::new()
        )
        .status,
        400
    );

    // drop: the connection closes without any response bytes.
    let mut s = TcpStream::connect(sb.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET / HTTP/1.1\r\nHost: {}\r\nFOXY-API-VERSION: 1\r\nX-Foxy-Sandbox-Fault: drop\r\n\r\n",
        sb.addr()
    )
    .unwrap();
    let mut buf = Vec::new();
    let sent = Instant::now();
    let read = s.read_to_end(&mut buf);
    assert!(buf.is_empty(), "got {:?}", String::from_utf8_lossy(&buf));
    // Closed at once (a FIN, or a reset): a read timeout would mean the
    // server held the connection open instead of dropping it.
    match read {
        Ok(0) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        other => panic!("the connection should close without an answer, got {other:?}"),
    }
    assert!(sent.elapsed() < Duration::from_secs(5));
    assert_eq!(sb.stats().faults_injected, 6);
    // The server still answers.
    assert_eq!(c.get(&store).status, 200);
}

#[test]
fn random_faults_spare_the_token_endpoint() {
    let spec: FaultSpec = "503=1".parse().unwrap();
    let sb = start_with(
        Config {
            seed: 42,
            ..Config::default()
        }
        .with_faults(spec),
    );
    let c = Client::authed(&sb);
    for _ in 0..3 {
        let r = c.get("/");
        assert_eq!(r.status, 503);
        assert!(r.header("retry-after").is_some());
    }
    assert_eq!(c.get("/_sandbox/stats").status, 200);
}

#[test]
fn concurrent_item_adds_are_never_lost() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let items = format!("{cart}/items");
    let threads: Vec<_> = (0..64)
        .map(|i| {
            let mut client = Client::new(&c.base);
            client.token = c.token.clone();
            let items = items.clone();
            std::thread::spawn(move || {
                let body = format!(r#"{{"name":"Part {i}","price":"1.25","quantity":1}}"#);
                client.json("POST", &items, &body).status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 201);
    }
    let doc = c.get(&format!("{items}?limit=100")).res();
    assert_eq!(common::text(doc.property("total_items").unwrap()), "64");
    assert_eq!(c.get(&cart).prop("total_item_price"), "80");
}

#[test]
fn file_database_survives_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox.db");
    let (cart, store_id) = {
        let sb = start_with(Config::default().with_db(&path));
        let c = Client::authed(&sb);
        let carts = c.link(&c.store(), "fx:carts");
        let cart = c.create(&carts, "{}");
        c.create(
            &format!("{cart}/items"),
            r#"{"name":"Keep","price":"3.33","quantity":3}"#,
        );
        let id = sb.store_id();
        sb.shutdown();
        (cart.rsplit('/').next().unwrap().to_owned(), id)
    };
    let sb = start_with(Config::default().with_db(&path));
    assert_eq!(sb.store_id(), store_id, "seeded once");
    let c = Client::authed(&sb);
    let r = c.get(&format!("/carts/{cart}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.prop("total_item_price"), "9.99");
    let customers = c.link(&c.store(), "fx:customers");
    assert_eq!(c.get(&customers).prop("total_items"), "3");
}

fn carts_total(c: &Client, carts: &str) -> String {
    c.get(carts).prop("total_items")
}

/// An offset near `usize::MAX` used to overflow `offset + limit` (a panic
/// holding the database lock in debug builds, a `next` link wrapping back in
/// release); absurd offsets are refused, large sane ones page correctly.
#[test]
fn absurd_offsets_are_refused_and_large_ones_page() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    for offset in [
        "18446744073709551615",
        "1000000001",
        "99999999999999999999999",
    ] {
        let r = c.get(&format!("{carts}?offset={offset}"));
        assert_eq!(r.status, 400, "{offset}: {}", r.text());
        assert!(r.error_message().contains("offset"), "{}", r.text());
    }
    let r = c.get(&format!("{carts}?offset=1000000000&limit=300"));
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.res();
    assert_eq!(r.prop("returned_items"), "0");
    let next = &page.link("next").expect("next").href;
    let last = &page.link("last").expect("last").href;
    assert_eq!(next, last, "past the end, next is the last page");
    assert!(!next.contains("offset=1000000300"), "{next}");
    // The server still answers everything, tokens included.
    let again = Client::authed(&sb);
    assert_eq!(again.get(&carts).status, 200);
}

/// A handler that panics answers 500 with an error document; its writes are
/// rolled back and the database (and its lock) stays usable for every later
/// request, token requests included.
#[test]
fn a_panicking_handler_leaves_the_sandbox_usable() {
    let sb = start_with(Config {
        test_panics: true,
        ..Config::default()
    });
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let before = carts_total(&c, &carts);
    for (mode, method) in [("write", "POST"), ("handler", "POST"), ("write", "POST")] {
        let r = c.send(
            method,
            &carts,
            &[
                ("content-type", "application/json"),
                ("x-foxy-sandbox-panic", mode),
            ],
            br#"{"billing_first_name":"Panicky"}"#.to_vec(),
        );
        assert_eq!(r.status, 500, "{mode}: {}", r.text());
        assert!(r.error_message().contains("bug"), "{}", r.text());
    }
    // A panic in a GET's transaction too.
    let r = c.send(
        "GET",
        &carts,
        &[("x-foxy-sandbox-panic", "write")],
        Vec::new(),
    );
    assert_eq!(r.status, 500, "{}", r.text());

    let fresh = Client::authed(&sb);
    assert_eq!(carts_total(&fresh, &carts), before, "nothing was kept");
    let found = fresh.get(&format!("{carts}?billing_first_name=Panicky"));
    assert_eq!(found.status, 200, "{}", found.text());
    assert_eq!(found.prop("total_items"), "0");
    // Writes work again.
    fresh.create(&carts, r#"{"billing_first_name":"After"}"#);
    let after: u64 = carts_total(&fresh, &carts).parse().unwrap();
    assert_eq!(after, before.parse::<u64>().unwrap() + 1);
}

/// Without the hidden `test_panics` knob the panic header is ignored.
#[test]
fn the_panic_header_is_ignored_by_default() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let r = c.send(
        "POST",
        &carts,
        &[
            ("content-type", "application/json"),
            ("x-foxy-sandbox-panic", "write"),
        ],
        b"{}".to_vec(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
}
