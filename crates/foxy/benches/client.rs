//! What the clients cost over bare HTTP calls, and what walking every cart
//! of a large store costs in memory. Run with `cargo xtask bench client`; results are in
//! docs/PERFORMANCE.md ("Client").
//!
//! The sandboxes run in child processes (this binary, re-run with
//! `FOXY_BENCH_SANDBOX_CARTS` set), so the counting allocator of this
//! process sees only the clients' heap, and the server's work does not
//! share an address space with the measured side.
//!
//! 1. **GET of a zoomed cart** (`zoom=items,items:item_options,attributes`,
//!    two items, three options, two cart attributes and one item attribute:
//!    about 9 KB of HAL+JSON) through `foxy::Client`
//!    (ureq) and `foxy::AsyncClient` (reqwest, tokio), next to the exact
//!    same request (the URL and headers the client sends, captured from it)
//!    made with a bare ureq agent and a bare reqwest client: once reading
//!    the body bytes only (`bare_*_bytes`), once also parsing them as the
//!    client does (HAL+JSON codec, then the typed `Cart`: `bare_*_parse`).
//!    Criterion groups `get_zoomed_cart/blocking` and
//!    `get_zoomed_cart/async`; then an own interleaved timing loop prints
//!    medians and the client/bare ratios. The async variants run on a
//!    current-thread tokio runtime (`block_on` per call).
//! 2. **Peak heap while walking every cart** with the blocking `Pages`
//!    iterator and the async `MemberStream` (`limit=300`), for 1,000 carts
//!    and for `FOXY_BENCH_CARTS` carts (100,000 by default, see
//!    [`DEFAULT_CARTS`]; bulk-seeded with `foxy_sandbox::bulk`): the growth
//!    of the heap over its level before the walk, counted by a global
//!    allocator (`peak_alloc`). Constant memory means both sizes peak at
//!    about the same. For reference, the peak of reading one 300-cart page
//!    by hand (bytes, parsed resource, typed carts) is printed too.
//!
//! 3. **The HTTP cache**: store, carts and a cart walked by a client
//!    without a cache and by one with the default (revalidating) cache:
//!    requests, conditional requests, 304s and body bytes counted at the
//!    transport, median times. A walk with everything cached must send only
//!    conditional requests, all answered 304 (asserted). The clients of
//!    parts 1 and 2 are built without a cache, so they fetch what the bare
//!    calls fetch.
//!
//! `FOXY_BENCH_ONLY=memory`, `=get` or `=cache` runs one of the parts. The
//! counting allocator is in place for the timings too (two relaxed atomic
//! operations per allocation, for the client and the bare calls alike).
//!
//! Without `--bench` (as `cargo test --benches` runs it) everything runs
//! once on small inputs, as a smoke test.

#![allow(missing_docs)]

use std::hint::black_box;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::Criterion;
use futures::StreamExt as _;
use peak_alloc::PeakAlloc;

use foxy::model::{Attribute, Cart, Item, ItemOption, Visibility};
use foxy::proto::codec;
use foxy::proto::query::Limit;
use foxy::{
    AsyncClient, AsyncTransport, Client, ClientBuilder, MediaType, Query, ReqwestTransport,
    Timeouts, Transport, UreqTransport,
};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// Set in a child process: seed this many carts, serve, print the base URL.
const CHILD: &str = "FOXY_BENCH_SANDBOX_CARTS";
const ZOOM: &str = "items,items:item_options,attributes";
/// Carts of the larger walk unless `FOXY_BENCH_CARTS` says otherwise (the
/// issue's figure; each walk takes about 13 s against the sandbox).
const DEFAULT_CARTS: u64 = 100_000;

fn main() {
    if let Ok(carts) = std::env::var(CHILD) {
        serve(carts.parse().expect("a number of carts"));
        return;
    }
    let full = std::env::args().any(|a| a == "--bench");
    let small_n = if full { 1_000 } else { 100 };
    let big_n = match std::env::var("FOXY_BENCH_CARTS") {
        Ok(n) => n.parse().expect("FOXY_BENCH_CARTS is a number of carts"),
        Err(_) if full => DEFAULT_CARTS,
        Err(_) => 1_000,
    };
    let only = std::env::var("FOXY_BENCH_ONLY").unwrap_or_default();

    // Both servers start (and the big one seeds) at once.
    let mut small = Server::spawn(small_n);
    let mut big = (only != "get" && only != "cache").then(|| Server::spawn(big_n));
    small.wait_ready();
    let mut memory = Vec::new();
    let mut page = 0;
    if let Some(big) = &mut big {
        big.wait_ready();
        page = one_page(big);
        for server in [&small, &*big] {
            memory.push(walk_blocking(server));
            memory.push(walk_async(server));
        }
    }
    drop(big);
    if only == "memory" {
        print_memory(&memory, page);
        return;
    }

    let walks = cache_walks(&small, if full { 200 } else { 5 });
    if only == "cache" {
        print_walks(&walks);
        return;
    }
    let setup = GetSetup::new(&small);
    let mut criterion = Criterion::default()
        .sample_size(if full { 40 } else { 10 })
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(if full { 4 } else { 1 }))
        .configure_from_args();
    bench_get(&mut criterion, &setup);
    criterion.final_summary();

    let timings = own_timings(&setup, if full { 12 } else { 1 }, 150);
    print_summary(&setup, &timings);
    print_memory(&memory, page);
    print_walks(&walks);
}

// ---------------------------------------------------------------- cache

/// One walk of store, carts (first page) and the first cart, as the
/// transport saw it.
#[derive(Debug, Default, Clone, Copy)]
struct Walk {
    requests: usize,
    conditional: usize,
    not_modified: usize,
    body_bytes: usize,
    micros: f64,
}

/// The walks [`cache_walks`] measures: without a cache, the first with
/// one, and the median of the next `rounds` (all revalidated).
struct Walks([(&'static str, Walk); 3]);

/// Walks store, carts and a cart with a client without a cache and with
/// the default (revalidating) one, counting requests, conditional ones,
/// 304s and body bytes at the transport; the times are medians over
/// `rounds` walks (the first cached walk is timed once).
fn cache_walks(server: &Server, rounds: usize) -> Walks {
    type Seen = Arc<Mutex<Vec<(bool, u16, usize)>>>;
    let counting = |seen: Seen| {
        let inner = UreqTransport::new(Timeouts::default());
        move |request: http::Request<Vec<u8>>| {
            let conditional = request.headers().contains_key(http::header::IF_NONE_MATCH);
            let api = !request.uri().path().ends_with("/token");
            let outcome = inner.send(request);
            if let (true, Ok(r)) = (api, &outcome) {
                let mut seen = seen.lock().expect("the log");
                seen.push((conditional, r.status().as_u16(), r.body().len()));
            }
            outcome
        }
    };
    let walk = |client: &Client, seen: &Seen| {
        seen.lock().expect("the log").clear();
        let start = Instant::now();
        client
            .follow("fx:store")
            .get(Query::new())
            .expect("the store");
        let page = client.carts().list(Query::new()).expect("the carts");
        let href = foxy::model::Model::self_href(&page.members[0]).expect("a cart");
        let cart = client.carts().get(href, Query::new()).expect("the cart");
        black_box(cart);
        let micros = start.elapsed().as_secs_f64() * 1e6;
        let seen = seen.lock().expect("the log");
        Walk {
            requests: seen.len(),
            conditional: seen.iter().filter(|s| s.0).count(),
            not_modified: seen.iter().filter(|s| s.1 == 304).count(),
            body_bytes: seen.iter().map(|s| s.2).sum(),
            micros,
        }
    };
    let median = |mut walks: Vec<Walk>| {
        walks.sort_by(|a, b| a.micros.total_cmp(&b.micros));
        walks[walks.len() / 2]
    };
    let seen: Seen = Arc::default();
    let plain = server
        .builder()
        .transport(counting(seen.clone()))
        .build()
        .expect("a client without a cache");
    walk(&plain, &seen); // token and links, as for the cached client's first walk
    let without = median((0..rounds).map(|_| walk(&plain, &seen)).collect());
    let cached = server
        .cached_builder()
        .transport(counting(seen.clone()))
        .build()
        .expect("a client with the default cache");
    let first = walk(&cached, &seen);
    let again = median((0..rounds).map(|_| walk(&cached, &seen)).collect());
    assert_eq!(
        (again.conditional, again.not_modified, again.body_bytes),
        (again.requests, again.requests, 0),
        "a walk with everything cached sends only conditional requests, all answered 304"
    );
    Walks([
        ("no cache (every walk)", without),
        ("default cache, first walk", first),
        ("default cache, later walks", again),
    ])
}

fn print_walks(walks: &Walks) {
    println!();
    println!("HTTP cache: store, carts (first page), one cart, blocking client");
    println!("| walk | requests | conditional | 304 | body bytes | µs (median) |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, w) in &walks.0 {
        println!(
            "| {name} | {} | {} | {} | {} | {:.0} |",
            w.requests, w.conditional, w.not_modified, w.body_bytes, w.micros
        );
    }
}

// ---------------------------------------------------------------- servers

/// The child side: a sandbox with `carts` extra carts, until stdin closes.
fn serve(carts: u64) {
    let sandbox = foxy_sandbox::Sandbox::start_background(foxy_sandbox::Config::default())
        .expect("the sandbox starts");
    let start = Instant::now();
    sandbox.seed_carts(carts).expect("carts seeded");
    eprintln!(
        "client bench: sandbox {} seeded {carts} carts in {:.1} s",
        sandbox.base_url(),
        start.elapsed().as_secs_f64()
    );
    println!("{}", sandbox.base_url());
    std::io::stdout().flush().expect("stdout");
    // The parent closes stdin (or dies): time to stop.
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
    sandbox.shutdown();
}

/// A sandbox in a child process.
struct Server {
    carts: u64,
    base: String,
    child: Child,
    stdin: Option<ChildStdin>,
}

impl Server {
    fn spawn(carts: u64) -> Server {
        let exe = std::env::current_exe().expect("the bench's own path");
        let mut child = Command::new(exe)
            .env(CHILD, carts.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the sandbox process starts");
        let stdin = child.stdin.take();
        Server {
            carts,
            base: String::new(),
            child,
            stdin,
        }
    }

    fn wait_ready(&mut self) {
        let stdout = self.child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the sandbox prints its URL");
        self.base = line.trim().to_owned();
        assert!(self.base.starts_with("http://"), "sandbox said {line:?}");
    }

    /// Without the HTTP cache, so that the GETs compared with bare calls
    /// fetch the whole cart as they do (the cache is measured by
    /// [`cache_walks`]).
    fn builder(&self) -> ClientBuilder {
        self.cached_builder().no_cache()
    }

    fn cached_builder(&self) -> ClientBuilder {
        let c = foxy_sandbox::Credentials::default();
        ClientBuilder::new()
            .base_url(self.base.as_str())
            .refresh_token(c.client_id, c.client_secret, c.refresh_token)
            .media_type(MediaType::HalJson)
            .user_agent_suffix("foxy-bench")
    }

    fn blocking(&self) -> Client {
        self.builder().build().expect("a blocking client")
    }

    fn asynchronous(&self) -> AsyncClient {
        self.builder().build_async().expect("an async client")
    }

    /// An access token from the sandbox's token endpoint (for the bare calls).
    fn access_token(&self) -> String {
        let c = foxy_sandbox::Credentials::default();
        let mut response = ureq::post(format!("{}/token", self.base))
            .send_form([
                ("grant_type", "refresh_token"),
                ("refresh_token", c.refresh_token.as_str()),
                ("client_id", c.client_id.as_str()),
                ("client_secret", c.client_secret.as_str()),
            ])
            .expect("a token grant");
        let body = response.body_mut().read_to_vec().expect("the token body");
        let value = codec::json::parse_value(&body).expect("token JSON");
        value
            .as_object()
            .and_then(|m| m.get("access_token"))
            .and_then(foxy::Value::as_str)
            .expect("an access_token")
            .to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ----------------------------------------------------------------- memory

/// One walk over every cart of a server.
struct Walked {
    client: &'static str,
    carts: u64,
    pages: u64,
    secs: f64,
    /// Heap in use before the walk (client built, token and links cached).
    baseline: usize,
    /// Highest heap in use during the walk, above `baseline`.
    peak: usize,
    /// Heap in use after the walk, above `baseline`.
    retained: isize,
}

fn per_page() -> Query {
    Query::new().limit(Limit::new(u64::from(Limit::MAX)).expect("300 is a valid limit"))
}

fn walk_blocking(server: &Server) -> Walked {
    let client = server.blocking();
    // Warm up: token, home, store and carts links, the pooled connection.
    let first = client
        .carts()
        .list(Query::new().limit(Limit::new(1).expect("limit")))
        .expect("the first page");
    drop(first);
    let baseline = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let start = Instant::now();
    let mut carts = 0u64;
    for cart in client.carts().all(per_page()) {
        black_box(cart.expect("a cart"));
        carts += 1;
        progress(carts, start);
    }
    let secs = start.elapsed().as_secs_f64();
    let walked = measured("blocking Pages", server, carts, secs, baseline);
    drop(client);
    walked
}

fn walk_async(server: &Server) -> Walked {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let client = server.asynchronous();
    runtime.block_on(async {
        let first = client
            .carts()
            .list(Query::new().limit(Limit::new(1).expect("limit")))
            .await
            .expect("the first page");
        drop(first);
        let baseline = HEAP.current_usage();
        HEAP.reset_peak_usage();
        let start = Instant::now();
        let mut carts = 0u64;
        let mut stream = client.carts().all(per_page());
        while let Some(cart) = stream.next().await {
            black_box(cart.expect("a cart"));
            carts += 1;
            progress(carts, start);
        }
        drop(stream);
        let secs = start.elapsed().as_secs_f64();
        measured("async MemberStream", server, carts, secs, baseline)
    })
}

/// A line on stderr every 20,000 carts, for the long walks.
fn progress(carts: u64, start: Instant) {
    if carts % 20_000 == 0 {
        eprintln!(
            "client bench:   ... {carts} carts after {:.0} s",
            start.elapsed().as_secs_f64()
        );
    }
}

fn measured(
    client: &'static str,
    server: &Server,
    carts: u64,
    secs: f64,
    baseline: usize,
) -> Walked {
    let peak = HEAP.peak_usage().saturating_sub(baseline);
    let retained = HEAP.current_usage() as isize - baseline as isize;
    assert!(
        carts >= server.carts,
        "{client}: walked {carts} of {} carts",
        server.carts
    );
    let walked = Walked {
        client,
        carts,
        pages: carts.div_ceil(u64::from(Limit::MAX)),
        secs,
        baseline,
        peak,
        retained,
    };
    eprintln!(
        "client bench: {client} walked {carts} carts in {:.1} s, peak +{}",
        secs,
        mib(peak)
    );
    walked
}

/// Peak heap of reading one full page (300 carts) by hand: the body bytes,
/// the parsed resource and the typed carts, alive together as in a walk.
fn one_page(server: &Server) -> usize {
    let client = server.blocking();
    let carts = client
        .follow("fx:store")
        .follow("fx:carts")
        .href()
        .expect("the carts collection");
    let url = per_page().apply_to(&carts).expect("a page URL");
    let token = server.access_token();
    let agent = ureq::Agent::new_with_defaults();
    let call = || {
        let mut response = agent
            .get(&url)
            .header("Authorization", &format!("Bearer {token}"))
            .header("FOXY-API-VERSION", "1")
            .header("Accept", MediaType::HalJson.as_str())
            .call()
            .expect("a page");
        response.body_mut().read_to_vec().expect("the page body")
    };
    drop(call()); // Opens the pooled connection.
    let baseline = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let bytes = call();
    let resource = codec::parse(MediaType::HalJson, &bytes).expect("a HAL+JSON page");
    let members: Vec<Cart> = resource
        .embedded
        .get(&foxy::Rel::CARTS)
        .map(|carts| {
            carts
                .iter()
                .map(|c| Cart::from_resource(c).expect("a typed cart"))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(members.len(), usize::try_from(Limit::MAX).expect("300"));
    black_box((&bytes, &resource, &members));
    let peak = HEAP.peak_usage().saturating_sub(baseline);
    drop((bytes, resource, members));
    peak
}

/// The sandbox's count of requests that reached its router.
fn requests_served(server: &Server) -> u64 {
    let mut response = ureq::get(format!("{}/_sandbox/stats", server.base))
        .call()
        .expect("the sandbox stats");
    let body = response.body_mut().read_to_vec().expect("the stats body");
    let stats = codec::parse(MediaType::HalJson, &body).expect("HAL+JSON stats");
    stats
        .property("requests")
        .and_then(foxy::Value::as_i64_lenient)
        .and_then(|n| u64::try_from(n).ok())
        .expect("a request count")
}

// -------------------------------------------------------------------- GET

/// Everything the GET benchmarks share.
struct GetSetup {
    href: String,
    zoom: Query,
    /// The URL and headers `foxy::Client` sends for the zoomed GET.
    url: String,
    headers: http::HeaderMap,
    body_len: usize,
    client: Client,
    async_client: AsyncClient,
    runtime: tokio::runtime::Runtime,
    agent: ureq::Agent,
    reqwest: reqwest::Client,
    ureq_transport: UreqTransport,
    reqwest_transport: ReqwestTransport,
}

impl GetSetup {
    fn new(server: &Server) -> GetSetup {
        let client = server.blocking();
        let zoom = Query::new().zoom(ZOOM).expect("a valid zoom");
        let href = client.carts().create(&Cart::new()).expect("a new cart");
        let mut full = client.carts().get(&href, zoom.clone()).expect("the cart");
        full.items = vec![
            Item::new("Sprocket", 10, 2)
                .with_code("SPR-1")
                .with_option(ItemOption::new("color", "red", 1, 0))
                .with_option(ItemOption::new("size", "XL", 2, 0))
                .with_attribute(Attribute::new("engraving", "FOXY", Visibility::Public)),
            Item::new("Widget", 5, 1)
                .with_code("WID-1")
                .with_option(ItemOption::new("finish", "matte", 0, 0)),
        ];
        full.attributes = vec![
            Attribute::new("source", "bench", Visibility::Public),
            Attribute::new("campaign", "spring", Visibility::Private),
        ];
        client.carts().put(&full).expect("the cart gets its items");
        let got = client.carts().get(&href, zoom.clone()).expect("the cart");
        let options: usize = got.items.iter().map(|i| i.item_options.len()).sum();
        assert_eq!(
            (got.items.len(), options, got.attributes.len()),
            (2, 3, 2),
            "the zoomed cart has its items, options and attributes"
        );

        let token = server.access_token();
        let (url, headers) = captured_request(&server.base, &token, &href, &zoom);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        // reqwest is built without a crypto provider; the client uses ring.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let reqwest = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a reqwest client");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let mut setup = GetSetup {
            href,
            zoom,
            url,
            headers,
            body_len: 0,
            client,
            async_client: server.asynchronous(),
            runtime,
            agent,
            reqwest,
            ureq_transport: UreqTransport::new(Timeouts::default()),
            reqwest_transport: ReqwestTransport::new(Timeouts::default())
                .expect("a reqwest transport"),
        };
        // Check that every variant works and reads the same cart.
        let bytes = setup.ureq_bytes();
        setup.body_len = bytes.len();
        let bare = parse_cart(&bytes);
        let via_reqwest = setup.runtime.block_on(setup.reqwest_parse());
        let via_async = setup.runtime.block_on(setup.async_client_get());
        let via_client = setup.client_get();
        assert_eq!(via_client.to_resource(), bare.to_resource());
        assert_eq!(via_async.to_resource(), bare.to_resource());
        assert_eq!(via_reqwest.to_resource(), bare.to_resource());
        // One request per call, for every variant (no hidden token or home calls).
        let before = requests_served(server);
        for _ in 0..10 {
            setup.client_get();
            setup.runtime.block_on(setup.async_client_get());
            setup.ureq_bytes();
            setup.runtime.block_on(setup.reqwest_bytes());
        }
        let served = requests_served(server) - before;
        assert_eq!(served, 41, "40 GETs and one stats request");
        setup
    }

    fn client_get(&self) -> Cart {
        self.client
            .carts()
            .get(&self.href, self.zoom.clone())
            .expect("GET through Client")
    }

    async fn async_client_get(&self) -> Cart {
        self.async_client
            .carts()
            .get(&self.href, self.zoom.clone())
            .await
            .expect("GET through AsyncClient")
    }

    fn ureq_bytes(&self) -> Vec<u8> {
        let mut request = self.agent.get(&self.url);
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let mut response = request.call().expect("bare ureq GET");
        assert_eq!(response.status(), 200);
        response.body_mut().read_to_vec().expect("bare ureq body")
    }

    fn ureq_parse(&self) -> Cart {
        parse_cart(&self.ureq_bytes())
    }

    async fn reqwest_bytes(&self) -> Vec<u8> {
        let response = self
            .reqwest
            .get(&self.url)
            .headers(self.headers.clone())
            .send()
            .await
            .expect("bare reqwest GET");
        assert_eq!(response.status(), 200);
        response.bytes().await.expect("bare reqwest body").to_vec()
    }

    async fn reqwest_parse(&self) -> Cart {
        parse_cart(&self.reqwest_bytes().await)
    }

    /// The captured request as the clients hand it to their transport.
    fn request(&self) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(Vec::new());
        *request.uri_mut() = self.url.parse().expect("a valid URI");
        *request.headers_mut() = self.headers.clone();
        request
    }

    /// The client's own transport alone, without the flow around it.
    fn ureq_transport_bytes(&self) -> Vec<u8> {
        let response = Transport::send(&self.ureq_transport, self.request())
            .expect("GET through UreqTransport");
        assert_eq!(response.status(), 200);
        response.into_body()
    }

    async fn reqwest_transport_bytes(&self) -> Vec<u8> {
        let response = AsyncTransport::send(&self.reqwest_transport, self.request())
            .await
            .expect("GET through ReqwestTransport");
        assert_eq!(response.status(), 200);
        response.into_body()
    }
}

/// What the client does with a body: the HAL+JSON codec, then the typed view.
fn parse_cart(bytes: &[u8]) -> Cart {
    let resource = codec::parse(MediaType::HalJson, bytes).expect("a HAL+JSON cart");
    Cart::from_resource(&resource).expect("a typed cart")
}

/// The URL and headers `foxy::Client` sends for `GET href?zoom=...`, with
/// `token` as the bearer token: a client over a recording transport makes
/// the call once.
fn captured_request(
    base: &str,
    token: &str,
    href: &str,
    zoom: &Query,
) -> (String, http::HeaderMap) {
    let seen: Arc<Mutex<Option<http::Request<Vec<u8>>>>> = Arc::default();
    let record = seen.clone();
    let self_href = href.to_owned();
    let transport = move |request: http::Request<Vec<u8>>| {
        *record.lock().expect("not poisoned") = Some(request);
        let doc = format!(r#"{{"_links":{{"self":{{"href":"{self_href}"}}}}}}"#);
        Ok(http::Response::new(doc.into_bytes()))
    };
    let recorder = ClientBuilder::new()
        .base_url(base)
        .access_token(token.to_owned())
        .media_type(MediaType::HalJson)
        .user_agent_suffix("foxy-bench")
        .transport(transport)
        .build()
        .expect("a recording client");
    recorder
        .carts()
        .get(href, zoom.clone())
        .expect("the recorded GET");
    let request = seen
        .lock()
        .expect("not poisoned")
        .take()
        .expect("one request recorded");
    (request.uri().to_string(), request.headers().clone())
}

fn bench_get(c: &mut Criterion, s: &GetSetup) {
    let mut blocking = c.benchmark_group("get_zoomed_cart/blocking");
    blocking.bench_function("client", |b| b.iter(|| black_box(s.client_get())));
    blocking.bench_function("bare_ureq_bytes", |b| b.iter(|| black_box(s.ureq_bytes())));
    blocking.bench_function("bare_ureq_parse", |b| b.iter(|| black_box(s.ureq_parse())));
    blocking.bench_function("transport_only", |b| {
        b.iter(|| black_box(s.ureq_transport_bytes()))
    });
    blocking.finish();

    let mut asynchronous = c.benchmark_group("get_zoomed_cart/async");
    let rt = &s.runtime;
    asynchronous.bench_function("client", |b| {
        b.iter(|| black_box(rt.block_on(s.async_client_get())))
    });
    asynchronous.bench_function("bare_reqwest_bytes", |b| {
        b.iter(|| black_box(rt.block_on(s.reqwest_bytes())))
    });
    asynchronous.bench_function("bare_reqwest_parse", |b| {
        b.iter(|| black_box(rt.block_on(s.reqwest_parse())))
    });
    asynchronous.bench_function("transport_only", |b| {
        b.iter(|| black_box(rt.block_on(s.reqwest_transport_bytes())))
    });
    asynchronous.finish();
}

// ---------------------------------------------------------------- summary

/// Per-call durations of one variant, in microseconds.
struct Timing {
    name: &'static str,
    micros: Vec<f64>,
}

impl Timing {
    fn median(&self) -> f64 {
        let mut v = self.micros.clone();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    fn mean(&self) -> f64 {
        self.micros.iter().sum::<f64>() / self.micros.len().max(1) as f64
    }
}

/// Times every variant in `rounds` interleaved rounds of `calls` calls, so
/// that load changes on the machine spread over all of them alike.
fn own_timings(s: &GetSetup, rounds: usize, calls: usize) -> Vec<Timing> {
    type Variant<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let rt = &s.runtime;
    let variants: Vec<Variant<'_>> = vec![
        (
            "blocking client",
            Box::new(|| drop(black_box(s.client_get()))),
        ),
        (
            "bare ureq bytes",
            Box::new(|| drop(black_box(s.ureq_bytes()))),
        ),
        (
            "bare ureq + parse",
            Box::new(|| drop(black_box(s.ureq_parse()))),
        ),
        (
            "UreqTransport only",
            Box::new(|| drop(black_box(s.ureq_transport_bytes()))),
        ),
        (
            "async client",
            Box::new(|| drop(black_box(rt.block_on(s.async_client_get())))),
        ),
        (
            "bare reqwest bytes",
            Box::new(|| drop(black_box(rt.block_on(s.reqwest_bytes())))),
        ),
        (
            "bare reqwest + parse",
            Box::new(|| drop(black_box(rt.block_on(s.reqwest_parse())))),
        ),
        (
            "ReqwestTransport only",
            Box::new(|| drop(black_box(rt.block_on(s.reqwest_transport_bytes())))),
        ),
    ];
    let mut timings: Vec<Timing> = variants
        .iter()
        .map(|(name, _)| Timing {
            name,
            micros: Vec::with_capacity(rounds * calls),
        })
        .collect();
    for _ in 0..rounds {
        for ((_, call), timing) in variants.iter().zip(&mut timings) {
            for _ in 0..calls {
                let start = Instant::now();
                call();
                timing.micros.push(start.elapsed().as_secs_f64() * 1e6);
            }
        }
    }
    timings
}

fn mib(bytes: usize) -> String {
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn print_summary(s: &GetSetup, timings: &[Timing]) {
    let median = |name: &str| {
        timings
            .iter()
            .find(|t| t.name == name)
            .map_or(f64::NAN, Timing::median)
    };
    println!();
    println!("== client bench summary ==");
    println!(
        "GET {} ({} bytes of HAL+JSON), {} calls per variant, interleaved:",
        s.url,
        s.body_len,
        timings.first().map_or(0, |t| t.micros.len())
    );
    println!("  {:<22} {:>12} {:>12}", "variant", "median µs", "mean µs");
    for t in timings {
        println!("  {:<22} {:>12.1} {:>12.1}", t.name, t.median(), t.mean());
    }
    println!("Ratios of medians (1.000 = as fast as the bare call):");
    for (label, client, bytes, parse, transport) in [
        (
            "blocking",
            "blocking client",
            "bare ureq bytes",
            "bare ureq + parse",
            "UreqTransport only",
        ),
        (
            "async",
            "async client",
            "bare reqwest bytes",
            "bare reqwest + parse",
            "ReqwestTransport only",
        ),
    ] {
        let (c, b, p, t) = (
            median(client),
            median(bytes),
            median(parse),
            median(transport),
        );
        println!(
            "  {label:<8} client/(bare+parse) = {:.3} ({:+.1} µs); client/(bare bytes) = {:.3} ({:+.1} µs); \
             parsing = {:.1} µs; transport/(bare bytes) = {:.3} ({:+.1} µs)",
            c / p,
            c - p,
            c / b,
            c - b,
            p - b,
            t / b,
            t - b,
        );
    }
}

fn print_memory(memory: &[Walked], page: usize) {
    if memory.is_empty() {
        return;
    }
    println!("Heap while walking every cart (limit=300), above the level before the walk:");
    println!(
        "  {:<20} {:>8} {:>6} {:>8} {:>12} {:>12} {:>12}",
        "iterator", "carts", "pages", "seconds", "baseline", "peak", "after"
    );
    for w in memory {
        println!(
            "  {:<20} {:>8} {:>6} {:>8.1} {:>12} {:>12} {:>12}",
            w.client,
            w.carts,
            w.pages,
            w.secs,
            mib(w.baseline),
            format!("+{}", mib(w.peak)),
            format!("{:+.2} MiB", w.retained as f64 / (1024.0 * 1024.0)),
        );
    }
    println!(
        "  reference: one page of 300 carts fetched with bare ureq, parsed and typed: peak +{}",
        mib(page)
    );
    for client in ["blocking Pages", "async MemberStream"] {
        let of = |i: usize| {
            memory
                .iter()
                .filter(|w| w.client == client)
                .nth(i)
                .map_or(f64::NAN, |w| w.peak as f64)
        };
        println!(
            "  {client}: peak for the most carts / peak for the fewest = {:.2}",
            of(1) / of(0)
        );
    }
}
