//! The Rust rows of `cargo xtask bench peers`: one variant per run, timed in
//! this process against the sandbox the xtask started, printing one JSON line
//! (as `bindings/python/bench/peers.py` does for Python).
//!
//! `cargo run --release -p foxy --example peers -- VARIANT --base URL
//! --client-id ID --client-secret S --refresh-token T [--cart HREF] [--calls N]`
//! (without `--cart`, the first cart of the store)
//!
//! Variants:
//! - `foxy-get`: `Client::carts().get(cart, zoom=items)` (no HTTP cache, so
//!   it fetches the whole cart as the bare call does);
//! - `ureq-get`: the same request (URL and headers captured from the client)
//!   with a bare `ureq::Agent` (default configuration, no timeouts), the body
//!   parsed as the client parses it (HAL+JSON codec, then the typed `Cart`);
//! - `paired-get`: `foxy-get` and `ureq-get` alternating call by call in
//!   one process (`us_per_call`, `bare_us_per_call`, `ratio`);
//! - `offline-get`: the client's own cost without the network (`client_us`:
//!   the GET through a transport answering with the captured response;
//!   `parse_us`: the parse alone; `FOXY_PEERS_OFFLINE=client` or `=parse`
//!   runs one side, to count its instructions under `valgrind --tool=callgrind`);
//! - `foxy-walk`: every cart through `Client::carts().all` (one page ahead);
//! - `foxy-sequential-walk`: every cart paged by hand with `carts().list` at
//!   each offset, one page after the other (no prefetch).
//!
//! GETs report `us_per_call`, the median of `--calls` calls after a tenth as
//! warm-up. Walks read every cart at `limit=300` and report `seconds`,
//! `count` and `peak_heap_mib` (the heap's growth over its level before the
//! walk, counted by a global allocator). Every variant reports `maxrss_mib`.

use std::hint::black_box;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use peak_alloc::PeakAlloc;

use foxy::model::{Cart, Model as _};
use foxy::proto::codec;
use foxy::proto::query::Limit;
use foxy::{Client, ClientBuilder, MediaType, Query, Transport, UreqTransport};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// The command line: the variant and the sandbox it runs against.
struct Args {
    variant: String,
    base: String,
    client_id: String,
    client_secret: String,
    refresh_token: String,
    cart: String,
    calls: usize,
}

fn args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        variant: it.next().ok_or("a variant is needed")?,
        base: String::new(),
        client_id: String::new(),
        client_secret: String::new(),
        refresh_token: String::new(),
        cart: String::new(),
        calls: 1000,
    };
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--base" => a.base = value,
            "--client-id" => a.client_id = value,
            "--client-secret" => a.client_secret = value,
            "--refresh-token" => a.refresh_token = value,
            "--cart" => a.cart = value,
            "--calls" => a.calls = value.parse().map_err(|_| "--calls needs a number")?,
            // The Python script's flags the xtask may pass along.
            "--carts" => {}
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(a)
}

fn builder(a: &Args) -> ClientBuilder {
    ClientBuilder::new()
        .base_url(a.base.as_str())
        .refresh_token(
            a.client_id.as_str(),
            a.client_secret.as_str(),
            a.refresh_token.as_str(),
        )
        .media_type(MediaType::HalJson)
        .no_cache()
}

fn zoom() -> Query {
    Query::new().zoom("items").expect("a valid zoom")
}

fn per_page() -> Query {
    Query::new().limit(Limit::new(u64::from(Limit::MAX)).expect("300 is a valid limit"))
}

/// The median of `calls` timed calls, after a tenth of them as warm-up, in µs.
fn median_us(calls: usize, mut call: impl FnMut()) -> f64 {
    for _ in 0..(calls / 10).max(5) {
        call();
    }
    let mut samples: Vec<Duration> = (0..calls)
        .map(|_| {
            let start = Instant::now();
            call();
            start.elapsed()
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e6
}

/// The URL and headers the client sends for the zoomed GET of `cart`: a
/// client over a recording `UreqTransport` makes the call once.
fn captured_request(a: &Args) -> (String, http::HeaderMap) {
    let seen: Arc<Mutex<Option<http::Request<Vec<u8>>>>> = Arc::default();
    let record = Arc::clone(&seen);
    let ureq = UreqTransport::default();
    let transport = move |request: http::Request<Vec<u8>>| {
        let mut copy = http::Request::new(Vec::new());
        *copy.uri_mut() = request.uri().clone();
        *copy.headers_mut() = request.headers().clone();
        *record.lock().expect("not poisoned") = Some(copy);
        ureq.send(request)
    };
    let client = builder(a)
        .transport(transport)
        .build()
        .expect("a recording client");
    client
        .carts()
        .get(&a.cart, zoom())
        .expect("the recorded GET");
    let request = seen
        .lock()
        .expect("not poisoned")
        .take()
        .expect("a request recorded");
    (request.uri().to_string(), request.headers().clone())
}

/// What the client does with a body: the HAL+JSON codec, then the typed view.
fn parse_cart(bytes: &[u8]) -> Cart {
    let resource = codec::parse(MediaType::HalJson, bytes).expect("a HAL+JSON cart");
    Cart::from_resource(&resource).expect("a typed cart")
}

fn bare_ureq_get(a: &Args) -> f64 {
    let (url, headers) = captured_request(a);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    median_us(a.calls, || {
        let mut request = agent.get(&url);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        let mut response = request.call().expect("bare ureq GET");
        assert_eq!(response.status(), 200);
        let bytes = response.body_mut().read_to_vec().expect("bare ureq body");
        black_box(parse_cart(&bytes));
    })
}

/// The client's GET and the bare one, alternating call by call (so that
/// load from other processes falls on both alike): both medians, in µs.
fn paired_get(a: &Args) -> String {
    let client = builder(a).build().expect("a client");
    let (url, headers) = captured_request(a);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let bare = || {
        let mut request = agent.get(&url);
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        let mut response = request.call().expect("bare ureq GET");
        let bytes = response.body_mut().read_to_vec().expect("bare ureq body");
        black_box(parse_cart(&bytes));
    };
    let ours = || {
        black_box(client.carts().get(&a.cart, zoom()).expect("GET a cart"));
    };
    for _ in 0..(a.calls / 10).max(5) {
        ours();
        bare();
    }
    let time = |call: &dyn Fn()| {
        let start = Instant::now();
        call();
        start.elapsed()
    };
    let (mut client_times, mut bare_times) = (Vec::new(), Vec::new());
    for n in 0..a.calls {
        // Alternate which goes first, too.
        if n % 2 == 0 {
            client_times.push(time(&ours));
            bare_times.push(time(&bare));
        } else {
            bare_times.push(time(&bare));
            client_times.push(time(&ours));
        }
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e6
    };
    let (ours_us, bare_us) = (median(client_times), median(bare_times));
    format!(
        "\"us_per_call\": {ours_us:.1}, \"bare_us_per_call\": {bare_us:.1}, \"ratio\": {:.3}",
        ours_us / bare_us
    )
}

fn client_get(a: &Args) -> f64 {
    let client = builder(a).build().expect("a client");
    median_us(a.calls, || {
        black_box(client.carts().get(&a.cart, zoom()).expect("GET a cart"));
    })
}

/// The client's own cost, without the network: the same GET through a
/// client whose transport answers with the cart's captured response, next to
/// the parse alone (each copying the body once).
fn offline_overhead(a: &Args) -> String {
    let client = builder(a).build().expect("a client");
    let got = client.carts().get(&a.cart, zoom()).expect("the cart");
    let headers = got.meta().expect("the answer's metadata").headers.clone();
    let body = captured_body(a);
    let token_endpoint = UreqTransport::default();
    let answer = move |request: http::Request<Vec<u8>>| {
        if request.uri().path().ends_with("/token") {
            return token_endpoint.send(request);
        }
        let mut response = http::Response::new(body.clone());
        *response.headers_mut() = headers.clone();
        Ok(response)
    };
    let offline = builder(a)
        .transport(answer)
        .build()
        .expect("an offline client");
    let bytes = captured_body(a);
    // `FOXY_PEERS_OFFLINE=client` or `=parse` times one side only (for
    // counting its instructions with `perf stat`).
    let only = std::env::var("FOXY_PEERS_OFFLINE").unwrap_or_default();
    let (mut client_us, mut parse_us) = (f64::NAN, f64::NAN);
    if only != "parse" {
        client_us = median_us(a.calls, || {
            black_box(offline.carts().get(&a.cart, zoom()).expect("GET a cart"));
        });
    }
    if only != "client" {
        parse_us = median_us(a.calls, || {
            black_box(parse_cart(&bytes.clone()));
        });
    }
    format!("\"client_us\": {client_us:.2}, \"parse_us\": {parse_us:.2}")
}

/// The body of the zoomed GET of the cart, read with a bare agent.
fn captured_body(a: &Args) -> Vec<u8> {
    let (url, headers) = captured_request(a);
    let mut request = ureq::get(&url);
    for (name, value) in &headers {
        request = request.header(name, value);
    }
    let mut response = request.call().expect("bare ureq GET");
    response.body_mut().read_to_vec().expect("bare ureq body")
}

fn walk_pages(client: &Client) -> u64 {
    let mut carts = 0;
    for cart in client.carts().all(per_page()) {
        black_box(cart.expect("a cart"));
        carts += 1;
    }
    carts
}

fn walk_by_hand(client: &Client) -> u64 {
    let mut carts = 0;
    let mut offset = 0;
    loop {
        let page = client
            .carts()
            .list(per_page().offset(offset))
            .expect("a page");
        if page.members.is_empty() {
            return carts;
        }
        for cart in page.members {
            black_box(cart);
            carts += 1;
        }
        offset += u64::from(Limit::MAX);
    }
}

/// Seconds, carts and peak heap growth (MiB) of one walk.
fn walk(a: &Args, how: fn(&Client) -> u64) -> String {
    let client = builder(a).build().expect("a client");
    // Token, links and a connection, as the bare walks have them first.
    client
        .carts()
        .list(Query::new().limit(Limit::new(1).expect("limit")))
        .expect("warm-up");
    let baseline = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let start = Instant::now();
    let carts = how(&client);
    let secs = start.elapsed().as_secs_f64();
    let peak = HEAP.peak_usage().saturating_sub(baseline) as f64 / (1024.0 * 1024.0);
    format!("\"seconds\": {secs:.4}, \"count\": {carts}, \"peak_heap_mib\": {peak:.2}")
}

/// Peak resident memory of this process, from `/proc/self/status`.
fn maxrss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// The href of the first cart, when the command line names none.
fn first_cart(a: &Args) -> Result<String, String> {
    let client = builder(a).build().map_err(|e| e.to_string())?;
    let page = client
        .carts()
        .list(Query::new().limit(Limit::new(1).expect("limit")))
        .map_err(|e| e.to_string())?;
    page.members
        .first()
        .and_then(|cart| cart.self_href().map(str::to_owned))
        .ok_or_else(|| "the store has no cart".to_owned())
}

fn main() -> Result<(), String> {
    let mut a = args()?;
    if a.cart.is_empty() && a.variant.ends_with("-get") {
        a.cart = first_cart(&a)?;
    }
    let measured = match a.variant.as_str() {
        "foxy-get" => format!("\"us_per_call\": {:.1}", client_get(&a)),
        "ureq-get" => format!("\"us_per_call\": {:.1}", bare_ureq_get(&a)),
        "offline-get" => offline_overhead(&a),
        "paired-get" => paired_get(&a),
        "foxy-walk" => walk(&a, walk_pages),
        "foxy-sequential-walk" => walk(&a, walk_by_hand),
        other => return Err(format!("unknown variant {other:?}")),
    };
    println!(
        "{{\"variant\": \"{}\", {measured}, \"maxrss_mib\": {:.1}}}",
        a.variant,
        maxrss_mib()
    );
    Ok(())
}
