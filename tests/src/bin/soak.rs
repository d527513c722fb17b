//! The soak run behind `cargo xtask soak [--ops N] [--seed S]`.
//!
//! Starts a sandbox on 127.0.0.1 whose faults hit over a fifth of the
//! requests (429 and 503 with `Retry-After`, 500, 502, dropped
//! connections, latency longer than the clients' timeout, on the token
//! endpoint too), then 16 threads, each with its own client (8 blocking, 8
//! async on the thread's own runtime), run
//! N calls in all: create a cart, fill it with an embedded PUT, read it
//! back, charge one cart in three, page through carts. It then checks, and
//! prints, that every idempotent call succeeded in the end, that no charge
//! happened twice nor was reported failed when it happened (the sandbox's
//! transactions are the charges reported successful plus the ambiguous
//! ones that landed, and every cart of a charge reported failed is still
//! there), and that no item was lost or duplicated. Exits 1 on a violation.

use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures::StreamExt as _;

use foxy::model::{Cart, Customer, Item, Transaction};
use foxy::{
    AsyncClient, Client, ClientBuilder, Error, Filter, MediaType, Query, RetryPolicy, Timeouts,
};
use foxy_integration_tests::{CUSTOMER_WITH_CARD, builder};
use foxy_proto::query::Limit;
use foxy_sandbox::{BackgroundSandbox, Config, FaultSpec, Sandbox};

/// Concurrent clients.
const WORKERS: u64 = 16;
/// The clients' time limit for one request; the latency fault is longer.
const REQUEST_TIMEOUT: Duration = Duration::from_millis(800);
/// The latency fault.
const LATENCY: Duration = Duration::from_millis(1200);

/// What the run counts, shared by the workers.
#[derive(Default)]
struct Tally {
    calls: AtomicU64,
    create_retries: AtomicU64,
    charges_ok: AtomicU64,
    charge_retries: AtomicU64,
    pages: AtomicU64,
    violations: Mutex<Vec<String>>,
    /// Carts left uncharged, with the item codes they must hold.
    open: Mutex<Vec<(String, Vec<String>)>>,
    /// Carts whose charge ended ambiguous.
    ambiguous: Mutex<Vec<String>>,
    /// Carts whose charge failed plainly (so must not have been charged).
    refused: Mutex<Vec<String>>,
}

impl Tally {
    fn call(&self) {
        self.calls.fetch_add(1, Ordering::Relaxed);
    }

    fn violation(&self, what: String) {
        eprintln!("soak: VIOLATION {what}");
        lock(&self.violations).push(what);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `--ops N` and `--seed S`.
fn arguments() -> Result<(u64, u64), String> {
    let (mut ops, mut seed) = (10_000, 1);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = value
            .parse::<u64>()
            .map_err(|_| format!("{flag} takes a whole number, not {value:?}"))?;
        match flag.as_str() {
            "--ops" => ops = number,
            "--seed" => seed = number,
            other => return Err(format!("unknown option {other:?} (--ops N, --seed S)")),
        }
    }
    Ok((ops, seed))
}

fn faults() -> FaultSpec {
    FaultSpec {
        statuses: vec![(429, 0.06), (500, 0.05), (502, 0.03), (503, 0.04)],
        drop: 0.03,
        latency: Some((0.02, LATENCY)),
    }
}

fn client(sandbox: &BackgroundSandbox) -> Result<Client, Error> {
    configured(sandbox).build()
}

/// A client builder with the run's retry policy and time limits.
fn configured(sandbox: &BackgroundSandbox) -> ClientBuilder {
    builder(
        sandbox.base_url(),
        sandbox.credentials(),
        MediaType::HalJson,
    )
    .retry_policy(RetryPolicy {
        max_attempts: 10,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(1000),
        deadline: Duration::from_secs(60),
    })
    .timeouts(Timeouts {
        connect: Duration::from_secs(2),
        request: REQUEST_TIMEOUT,
    })
}

/// One worker's client: blocking, or async on the worker's own runtime.
enum Api {
    Blocking(Client),
    Async(AsyncClient, tokio::runtime::Runtime),
}

impl Api {
    /// Worker `n`'s client: even workers block, odd ones await.
    fn new(sandbox: &BackgroundSandbox, worker: u64) -> Result<Api, String> {
        let builder = configured(sandbox);
        if worker % 2 == 0 {
            return builder
                .build()
                .map(Api::Blocking)
                .map_err(|e| e.to_string());
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let client = builder.build_async().map_err(|e| e.to_string())?;
        Ok(Api::Async(client, runtime))
    }

    fn create(&self, cart: &Cart) -> Result<String, Error> {
        match self {
            Api::Blocking(c) => c.carts().create(cart),
            Api::Async(c, rt) => rt.block_on(c.carts().create(cart)),
        }
    }

    fn get(&self, href: &str, query: Query) -> Result<Cart, Error> {
        match self {
            Api::Blocking(c) => c.carts().get(href, query),
            Api::Async(c, rt) => rt.block_on(c.carts().get(href, query)),
        }
    }

    fn put(&self, cart: &Cart) -> Result<Cart, Error> {
        match self {
            Api::Blocking(c) => c.carts().put(cart),
            Api::Async(c, rt) => rt.block_on(c.carts().put(cart)),
        }
    }

    fn charge(&self, cart: &Cart, customer: &Customer) -> Result<Transaction, Error> {
        match self {
            Api::Blocking(c) => c.carts().charge(cart, customer),
            Api::Async(c, rt) => rt.block_on(c.carts().charge(cart, customer)),
        }
    }

    /// Reads up to `n` carts page by page; how many were read.
    fn first_carts(&self, query: Query, n: usize) -> Result<usize, Error> {
        match self {
            Api::Blocking(c) => {
                let mut seen = 0;
                for cart in c.carts().all(query).take(n) {
                    cart?;
                    seen += 1;
                }
                Ok(seen)
            }
            Api::Async(c, rt) => rt.block_on(async {
                let mut carts = c.carts().all(query).take(n);
                let mut seen = 0;
                while let Some(cart) = carts.next().await {
                    cart?;
                    seen += 1;
                }
                Ok(seen)
            }),
        }
    }
}

/// An idempotent call: it must succeed, whatever the faults.
fn must<T>(tally: &Tally, what: &str, result: Result<T, Error>) -> Option<T> {
    tally.call();
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            tally.violation(format!("{what} failed: {e}"));
            None
        }
    }
}

fn codes(cart: &Cart) -> Vec<String> {
    let mut codes: Vec<String> = cart.items.iter().filter_map(|i| i.code.clone()).collect();
    codes.sort();
    codes
}

/// One cycle: create, fill, read back, then charge or keep, sometimes page.
fn cycle(client: &Api, grace: &Customer, tally: &Tally, worker: u64, n: u64) {
    // A POST is not retried once it may have landed: try until one answers
    // with the new cart (an ambiguous one may leave an empty cart behind).
    let mut href = None;
    for _ in 0..50 {
        tally.call();
        match client.create(&Cart::new()) {
            Ok(created) => {
                href = Some(created);
                break;
            }
            Err(_) => {
                tally.create_retries.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
    let Some(href) = href else {
        tally.violation(format!("worker {worker}: no cart created in 50 tries"));
        return;
    };
    let Some(mut cart) = must(tally, "GET cart", client.get(&href, Query::new())) else {
        return;
    };
    let wanted: Vec<String> = ["a", "b"]
        .iter()
        .map(|s| format!("w{worker}-c{n}-{s}"))
        .collect();
    cart.items = wanted
        .iter()
        .zip(1..)
        .map(|(code, quantity)| {
            let mut item = Item::new("Sprocket", 3, quantity);
            item.code = Some(code.clone());
            item
        })
        .collect();
    if must(tally, "PUT cart", client.put(&cart)).is_none() {
        return;
    }
    let zoom = match Query::new().zoom("items") {
        Ok(query) => query,
        Err(e) => return tally.violation(format!("zoom: {e}")),
    };
    let Some(back) = must(tally, "GET cart", client.get(&href, zoom)) else {
        return;
    };
    if codes(&back) != wanted {
        tally.violation(format!(
            "{href}: items {:?}, wanted {wanted:?}",
            codes(&back)
        ));
    }
    if n % 3 == 0 {
        charge(client, grace, tally, &back, &href);
    } else {
        lock(&tally.open).push((href, wanted));
    }
    if n % 5 == 0 {
        page(client, tally);
    }
}

/// Charges `cart`; a plain failure (nothing was charged) is tried again,
/// an ambiguous one never.
fn charge(client: &Api, grace: &Customer, tally: &Tally, cart: &Cart, href: &str) {
    for attempt in 0..3 {
        tally.call();
        match client.charge(cart, grace) {
            Ok(transaction) => {
                tally.charges_ok.fetch_add(1, Ordering::Relaxed);
                if transaction.items.len() != 2 {
                    tally.violation(format!(
                        "{href}: a transaction of {} items",
                        transaction.items.len()
                    ));
                }
                return;
            }
            Err(e) if e.is_ambiguous() => {
                lock(&tally.ambiguous).push(href.to_owned());
                return;
            }
            Err(_) if attempt < 2 => {
                tally.charge_retries.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => {
                lock(&tally.refused).push(href.to_owned());
                return;
            }
        }
    }
}

/// Walks the first three pages of carts (one call a page).
fn page(client: &Api, tally: &Tally) {
    const PAGE: usize = 20;
    let query = match Limit::new(PAGE as u64) {
        Ok(limit) => Query::new().limit(limit),
        Err(e) => return tally.violation(format!("limit: {e}")),
    };
    match client.first_carts(query, 3 * PAGE) {
        Ok(seen) => {
            let pages = seen.div_ceil(PAGE).max(1) as u64;
            tally.calls.fetch_add(pages, Ordering::Relaxed);
            tally.pages.fetch_add(pages, Ordering::Relaxed);
        }
        Err(e) => tally.violation(format!("page of carts failed: {e}")),
    }
}

/// Whether the cart at `href` is gone (charged: the sandbox deletes it).
fn charged(client: &Client, tally: &Tally, href: &str) -> Option<bool> {
    match client.carts().get(href, Query::new()) {
        Ok(_) => Some(false),
        Err(e) if e.status() == Some(http::StatusCode::NOT_FOUND) => Some(true),
        Err(e) => {
            tally.violation(format!("GET {href} while checking: {e}"));
            None
        }
    }
}

fn run(ops: u64, seed: u64) -> Result<Vec<String>, String> {
    let mut config = Config::default().with_faults(faults());
    config.seed = seed;
    config.faults_on_token = true;
    let sandbox = Sandbox::start_background(config).map_err(|e| e.to_string())?;
    let tally = Arc::new(Tally::default());
    let check = client(&sandbox).map_err(|e| e.to_string())?;
    let grace = check
        .customers()
        .list(Query::new().filter(Filter::eq("email", CUSTOMER_WITH_CARD)))
        .map_err(|e| e.to_string())?
        .members
        .into_iter()
        .next()
        .ok_or("no customer with a card")?;
    let started = Instant::now();
    let baseline = sandbox.stats();
    std::thread::scope(|scope| {
        for worker in 0..WORKERS {
            let (tally, grace) = (tally.clone(), grace.clone());
            let sandbox = &sandbox;
            scope.spawn(move || {
                let client = match Api::new(sandbox, worker) {
                    Ok(client) => client,
                    Err(e) => return tally.violation(format!("client: {e}")),
                };
                let mut n = 0;
                while tally.calls.load(Ordering::Relaxed) < ops {
                    cycle(&client, &grace, &tally, worker, n);
                    n += 1;
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let during = sandbox.stats();

    // Reconcile: ambiguous charges that landed, refused ones that must not
    // have, open carts that must hold exactly their items.
    let mut landed = 0;
    for href in lock(&tally.ambiguous).iter() {
        if charged(&check, &tally, href) == Some(true) {
            landed += 1;
        }
    }
    for href in lock(&tally.refused).iter() {
        if charged(&check, &tally, href) == Some(true) {
            tally.violation(format!("{href}: charged, yet reported as failed"));
        }
    }
    let zoom = Query::new().zoom("items").map_err(|e| e.to_string())?;
    let open = lock(&tally.open).clone();
    let chunk = open.len().div_ceil(WORKERS as usize).max(1);
    std::thread::scope(|scope| {
        for carts in open.chunks(chunk) {
            let (check, tally, zoom) = (&check, &tally, &zoom);
            scope.spawn(move || {
                for (href, wanted) in carts {
                    match check.carts().get(href, zoom.clone()) {
                        Ok(cart) if codes(&cart) == *wanted => {}
                        Ok(cart) => tally.violation(format!("{href}: items {:?}", codes(&cart))),
                        Err(e) => tally.violation(format!("GET {href} at the end: {e}")),
                    }
                }
            });
        }
    });
    let transactions = during.transactions_created - baseline.transactions_created;
    let ok = tally.charges_ok.load(Ordering::Relaxed);
    if transactions != ok + landed {
        tally.violation(format!(
            "{transactions} transactions, but {ok} charges succeeded and {landed} ambiguous ones landed"
        ));
    }

    let requests = during.requests - baseline.requests;
    let injected = during.faults_injected - baseline.faults_injected;
    let calls = tally.calls.load(Ordering::Relaxed);
    let ambiguous = lock(&tally.ambiguous).len();
    let refused = lock(&tally.refused).len();
    let rate = |n: u64| 100.0 * n as f64 / requests.max(1) as f64;
    println!(
        "soak: {WORKERS} clients ({} blocking, {} async), {calls} calls in {:.1} s ({:.0} calls/s), seed {seed}",
        WORKERS.div_ceil(2),
        WORKERS / 2,
        elapsed.as_secs_f64(),
        calls as f64 / elapsed.as_secs_f64()
    );
    println!(
        "soak: {requests} requests reached the sandbox, {injected} faults injected ({:.1}%)",
        rate(injected)
    );
    println!(
        "soak: charges: {ok} succeeded, {ambiguous} ambiguous ({landed} of them landed), {refused} refused, {} retried after a plain failure; {transactions} transactions",
        tally.charge_retries.load(Ordering::Relaxed)
    );
    println!(
        "soak: {} cart creations tried again, {} open carts checked item by item, {} pages walked",
        tally.create_retries.load(Ordering::Relaxed),
        open.len(),
        tally.pages.load(Ordering::Relaxed)
    );
    if rate(injected) < 20.0 {
        tally.violation(format!(
            "only {:.1}% of the requests were faulted",
            rate(injected)
        ));
    }
    let violations = lock(&tally.violations).clone();
    sandbox.shutdown();
    Ok(violations)
}

fn main() -> ExitCode {
    let (ops, seed) = match arguments() {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("soak: {e}");
            return ExitCode::from(2);
        }
    };
    match run(ops, seed) {
        Ok(violations) if violations.is_empty() => {
            println!(
                "soak: OK: every idempotent call succeeded, no charge twice or lost, no item lost or duplicated"
            );
            ExitCode::SUCCESS
        }
        Ok(violations) => {
            println!("soak: FAILED: {} violations", violations.len());
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("soak: {e}");
            ExitCode::FAILURE
        }
    }
}
