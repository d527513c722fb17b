//! Webhooks and the XML datafeed: a test endpoint on 127.0.0.1 receives the
//! signed JSON webhook and the RC4 datafeed of a charge, and failing
//! endpoints are retried.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use common::{Client, start_with};
use foxy_proto::datafeed;
use foxy_proto::legacy::{Action, ApiRequest, ApiResponse, ApiResult};
use foxy_proto::signing::Secret;
use foxy_proto::webhook;
use foxy_sandbox::Config;

struct Received {
    path: String,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

/// A raw HTTP/1.1 endpoint: answers the n-th request with `answers[n]`
/// (the last one repeating) and reports every request.
fn endpoint(answers: Vec<(u16, &'static str)>) -> (String, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let path = line.split(' ').nth(1).unwrap_or_default().to_owned();
            let mut headers = http::HeaderMap::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                let (k, v) = h.split_once(':').unwrap();
                headers.insert(
                    http::HeaderName::from_bytes(k.trim().as_bytes()).unwrap(),
                    v.trim().parse().unwrap(),
                );
            }
            let len: usize = headers
                .get("content-length")
                .map_or(0, |v| v.to_str().unwrap().parse().unwrap());
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            let (status, text) = answers[n.min(answers.len() - 1)];
            let reply = format!(
                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
                text.len()
            );
            stream.write_all(reply.as_bytes()).unwrap();
            if tx
                .send(Received {
                    path,
                    headers,
                    body,
                })
                .is_err()
            {
                return;
            }
        }
    });
    (url, rx)
}

fn recv(rx: &mpsc::Receiver<Received>) -> Received {
    rx.recv_timeout(Duration::from_secs(10))
        .expect("a delivery arrives")
}

/// Charges a cart of the card-holding customer; the transaction id.
fn charge(c: &Client) -> String {
    let store = c.store();
    let customers = c
        .get(&format!(
            "{store}/customers?email=grace.hopper@sandbox.test"
        ))
        .res();
    let grace = customers.embedded("fx:customers")[0]
        .self_href()
        .unwrap()
        .to_owned();
    let carts = c.link(&store, "fx:carts");
    let cart = c.create(&carts, &format!(r#"{{"customer_uri":"{grace}"}}"#));
    c.create(
        &format!("{cart}/items"),
        r#"{"name":"Sprocket","price":12.34,"quantity":2,"code":"spr"}"#,
    );
    let r = c.send("POST", &cart, &[], Vec::new());
    assert_eq!(r.status, 201, "{}", r.text());
    r.header("x-foxy-transaction-id").unwrap()
}

#[test]
fn a_charge_sends_a_signed_webhook_and_the_datafeed() {
    let (url, rx) = endpoint(vec![(200, "foxy")]);
    let sb = start_with(Config::default().with_datafeed_url(format!("{url}/feed")));
    let c = Client::authed(&sb);
    let hooks = format!("{}/webhooks", c.store());
    let hook = c.create(
        &hooks,
        &format!(r#"{{"name":"test","url":"{url}/hook","encryption_key":"hook-key","event_resource":"transaction"}}"#),
    );
    assert_eq!(c.get(&hook).prop("format"), "json");
    assert_eq!(c.get(&hooks).res().embedded("fx:webhooks").len(), 1);
    let txn = charge(&c);

    let mut got = [recv(&rx), recv(&rx)];
    got.sort_by(|a, b| a.path.cmp(&b.path));
    let [feed, hook_call] = got;
    assert_eq!(hook_call.path, "/hook");
    let verified = webhook::verify_headers(
        &Secret::new("hook-key"),
        &hook_call.headers,
        &hook_call.body,
    )
    .unwrap();
    assert_eq!(verified.event, "transaction/created");
    let doc = foxy_proto::codec::parse(foxy_proto::MediaType::HalJson, &hook_call.body).unwrap();
    assert_eq!(common::text(doc.property("total_order").unwrap()), "24.68");
    assert_eq!(doc.embedded("fx:items").len(), 1);
    assert!(
        webhook::verify_headers(&Secret::new("other"), &hook_call.headers, &hook_call.body)
            .is_err()
    );

    assert_eq!(feed.path, "/feed");
    let secret = Secret::new(sb.credentials().store_secret.clone());
    let data = datafeed::decode(datafeed::form_value(&feed.body), &secret).unwrap();
    let t = &data.transactions[0];
    assert_eq!(t.id.unwrap().to_string(), txn);
    assert_eq!(t.order_total.unwrap().to_string(), "24.68");
    assert_eq!(t.details[0].product_code.as_deref(), Some("spr"));
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        c.get(&format!("/transactions/{txn}")).prop("data_is_fed"),
        "true"
    );

    let call = ApiRequest::new(sb.base_url(), secret, Action::TransactionDatafeed)
        .unwrap()
        .param("transaction_id", txn.as_str())
        .to_http()
        .unwrap();
    let r = c.send(
        "POST",
        "/api",
        &[("content-type", "application/x-www-form-urlencoded")],
        call.into_body(),
    );
    assert_eq!(
        ApiResponse::parse(&r.text()).unwrap().result,
        ApiResult::Success
    );
    let refeed = recv(&rx);
    assert!(
        datafeed::decode(
            datafeed::form_value(&refeed.body),
            &Secret::new(sb.credentials().store_secret.clone())
        )
        .is_ok()
    );
}

#[test]
fn failing_endpoints_are_retried_with_backoff() {
    let (url, rx) = endpoint(vec![(500, "down"), (200, "not foxy"), (200, "foxy")]);
    let config = Config::default()
        .with_datafeed_url(format!("{url}/feed"))
        .with_delivery_retry(4, Duration::from_millis(50));
    let sb = start_with(config);
    let c = Client::authed(&sb);
    let started = std::time::Instant::now();
    charge(&c);
    for _ in 0..3 {
        assert_eq!(recv(&rx).path, "/feed");
    }
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "back-off waits 50 then 100 ms"
    );
    std::thread::sleep(Duration::from_millis(200));
    let log = c.get("/_sandbox/deliveries").res();
    let statuses: Vec<String> = log
        .embedded("fx:deliveries")
        .iter()
        .map(|d| common::text(d.property("status").unwrap()))
        .collect();
    assert_eq!(statuses.len(), 3, "{statuses:?}");
    assert!(statuses[0].starts_with("failed: answered 500"));
    assert!(statuses[1].contains("not foxy"));
    assert_eq!(statuses[2], "delivered");
    assert!(
        rx.recv_timeout(Duration::from_millis(300)).is_err(),
        "no retry after success"
    );
}

#[test]
fn webhooks_are_validated() {
    let sb = start_with(Config::default());
    let c = Client::authed(&sb);
    let hooks = format!("{}/webhooks", c.store());
    for body in [
        r#"{"url":"ftp://x.test","encryption_key":"k"}"#,
        r#"{"url":"http://x.test","encryption_key":"k","format":"webflow"}"#,
        r#"{"url":"http://x.test"}"#,
        r#"{"url":"http://x.test","encryption_key":"k","event_resource":"cart"}"#,
    ] {
        assert_eq!(c.json("POST", &hooks, body).status, 400, "{body}");
    }
    for resource in ["transaction", "subscription", "customer"] {
        let body = format!(
            r#"{{"url":"http://x.test","encryption_key":"k","event_resource":"{resource}"}}"#
        );
        assert_eq!(c.json("POST", &hooks, &body).status, 201, "{body}");
    }
}
