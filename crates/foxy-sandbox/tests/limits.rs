//! Size limits of the request head and body: every refusal is a short
//! `fx:errors` document, whether the router or the HTTP layer refused it, and
//! no error quotes more than a few dozen characters of the input.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::{Client, start};
use foxy_proto::{MediaType, codec};

/// What a raw exchange answered.
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    /// The message of the `fx:errors` document in the body.
    fn error_message(&self) -> String {
        assert!(
            self.head.contains("content-type: application/hal+json"),
            "{}",
            self.head
        );
        let res = codec::parse(MediaType::HalJson, &self.body)
            .unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&self.body)));
        let errs = res.embedded("fx:errors");
        assert_eq!(errs.len(), 1);
        errs[0]
            .property("message")
            .and_then(|v| v.as_str())
            .expect("message")
            .to_owned()
    }
}

/// Sends `head` (and `body`) over a fresh connection and reads the answer to
/// the end: written from another thread, since the server may answer and
/// close before reading everything.
fn exchange(base: &str, head: String, body: Vec<u8>) -> Answer {
    let addr = base.trim_start_matches("http://").to_owned();
    let stream = TcpStream::connect(&addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(head.as_bytes());
        let _ = writer.write_all(&body);
    });
    let mut bytes = Vec::new();
    let mut reader = stream;
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if bytes.is_empty() => panic!("no answer: {e}"),
            Err(_) => break,
        }
    }
    let _ = sender.join();
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).to_ascii_lowercase();
    let status = head[9..12].parse().expect("status");
    Answer {
        status,
        head,
        body: bytes[split + 4..].to_vec(),
    }
}

/// A GET of `target` with extra header lines (and `FOXY-API-VERSION: 1`
/// unless they carry one), closing the connection after.
fn get(base: &str, target: &str, extra: &str) -> Answer {
    let host = base.trim_start_matches("http://");
    let version = if extra.contains("foxy-api-version") {
        ""
    } else {
        "foxy-api-version: 1\r\n"
    };
    let head = format!(
        "GET {target} HTTP/1.1\r\nhost: {host}\r\n{version}{extra}connection: close\r\n\r\n"
    );
    exchange(base, head, Vec::new())
}

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
