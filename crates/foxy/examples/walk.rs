//! How much fetching one page ahead saves on a walk of every cart: the
//! blocking `Pages` and the async stream (both prefetching) next to the same
//! walk paged by hand, one page after the other (`carts().list` at each
//! offset: what the iterators did before they prefetched), interleaved in
//! rounds, with the peak heap of each walk. The sandbox runs in a child
//! process (this example re-run with `FOXY_WALK_SANDBOX_CARTS` set), so the
//! counting allocator sees the client's heap only.
//!
//! `cargo run --release -p foxy --example walk -- [CARTS] [ROUNDS]`
//! (100,000 carts, 2 rounds by default); prints a Markdown table.
//! `FOXY_WALK_FAULTS=latency=1:20ms` delays every answer by 20 ms, as the
//! round trip to a remote API would.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::Instant;

use futures::StreamExt as _;
use peak_alloc::PeakAlloc;

use foxy::proto::query::Limit;
use foxy::{AsyncClient, Client, ClientBuilder, MediaType, Query};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const CHILD: &str = "FOXY_WALK_SANDBOX_CARTS";

fn per_page() -> Query {
    Query::new().limit(Limit::new(u64::from(Limit::MAX)).expect("300 is a valid limit"))
}

/// Seconds, carts and peak heap (MiB above the level before) of one walk.
struct Walked {
    secs: f64,
    carts: u64,
    peak_mib: f64,
}

fn measure(walk: impl FnOnce() -> u64) -> Walked {
    let baseline = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let start = Instant::now();
    let carts = walk();
    let secs = start.elapsed().as_secs_f64();
    let peak_mib = HEAP.peak_usage().saturating_sub(baseline) as f64 / (1024.0 * 1024.0);
    Walked {
        secs,
        carts,
        peak_mib,
    }
}

fn blocking_by_hand(client: &Client) -> u64 {
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
            std::hint::black_box(cart);
            carts += 1;
        }
        offset += u64::from(Limit::MAX);
    }
}

fn blocking_pages(client: &Client) -> u64 {
    let mut carts = 0;
    for cart in client.carts().all(per_page()) {
        std::hint::black_box(cart.expect("a cart"));
        carts += 1;
    }
    carts
}

async fn async_by_hand(client: &AsyncClient) -> u64 {
    let mut carts = 0;
    let mut offset = 0;
    loop {
        let page = client
            .carts()
            .list(per_page().offset(offset))
            .await
            .expect("a page");
        if page.members.is_empty() {
            return carts;
        }
        for cart in page.members {
            std::hint::black_box(cart);
            carts += 1;
        }
        offset += u64::from(Limit::MAX);
    }
}

async fn async_stream(client: &AsyncClient) -> u64 {
    let mut carts = 0;
    let mut stream = client.carts().all(per_page());
    while let Some(cart) = stream.next().await {
        std::hint::black_box(cart.expect("a cart"));
        carts += 1;
    }
    carts
}

fn serve(carts: u64) {
    let mut config = foxy_sandbox::Config::default();
    // A round trip to simulate (e.g. `latency=1:20ms`), as a remote API has.
    if let Ok(faults) = std::env::var("FOXY_WALK_FAULTS") {
        config.faults = faults.parse().expect("a fault spec");
    }
    let sandbox = foxy_sandbox::Sandbox::start_background(config).expect("the sandbox starts");
    sandbox.seed_carts(carts).expect("carts seeded");
    println!("{}", sandbox.base_url());
    std::io::stdout().flush().expect("stdout");
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
    sandbox.shutdown();
}

fn main() {
    if let Ok(carts) = std::env::var(CHILD) {
        serve(carts.parse().expect("a number of carts"));
        return;
    }
    let mut args = std::env::args().skip(1);
    let carts: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2);
    let mut child = Command::new(std::env::current_exe().expect("own path"))
        .env(CHILD, carts.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the sandbox process");
    let mut base = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut base)
        .expect("the sandbox's URL");
    let c = foxy_sandbox::Credentials::default();
    let builder = ClientBuilder::new()
        .base_url(base.trim())
        .refresh_token(c.client_id, c.client_secret, c.refresh_token)
        .media_type(MediaType::HalJson)
        .no_cache();
    let blocking = builder.clone().build().expect("a client");
    let asynchronous = builder.build_async().expect("an async client");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    // Warm up: token, links, connections.
    blocking
        .carts()
        .list(Query::new().limit(Limit::new(1).expect("limit")))
        .expect("warm");
    runtime
        .block_on(
            asynchronous
                .carts()
                .list(Query::new().limit(Limit::new(1).expect("limit"))),
        )
        .expect("warm");

    let names = [
        "blocking, paged by hand (sequential)",
        "blocking `Pages` (one page ahead)",
        "async, paged by hand (sequential)",
        "async `MemberStream` (one page ahead)",
    ];
    let mut results: Vec<Vec<Walked>> = (0..names.len()).map(|_| Vec::new()).collect();
    for round in 0..rounds {
        eprintln!("walk: round {} of {rounds}", round + 1);
        results[0].push(measure(|| blocking_by_hand(&blocking)));
        results[1].push(measure(|| blocking_pages(&blocking)));
        results[2].push(measure(|| runtime.block_on(async_by_hand(&asynchronous))));
        results[3].push(measure(|| runtime.block_on(async_stream(&asynchronous))));
    }
    drop(child.stdin.take());
    let _ = child.wait();

    println!("| walk of {carts} carts, limit 300 | seconds per round | peak heap MiB |");
    println!("|---|---|---|");
    for (name, walks) in names.iter().zip(&results) {
        let secs: Vec<String> = walks.iter().map(|w| format!("{:.2}", w.secs)).collect();
        let peaks: Vec<String> = walks.iter().map(|w| format!("{:.2}", w.peak_mib)).collect();
        let counted = walks.first().map_or(0, |w| w.carts);
        println!(
            "| {name} ({counted} carts) | {} | {} |",
            secs.join(" / "),
            peaks.join(" / ")
        );
    }
    let total = |i: usize| results[i].iter().map(|w| w.secs).sum::<f64>();
    println!();
    println!(
        "speed-up (sequential time / prefetching time): blocking {:.2}x, async {:.2}x",
        total(0) / total(1),
        total(2) / total(3)
    );
}
