//! `cargo xtask bench peers [--rounds R] [--quick] [--no-build] [--seed-carts N] [--page-carts N] [--calls N]`
//!
//! Every row of the peers table in one run: builds the release sandbox and
//! bindings, installs the peers under `target/bench-peers` (a Python venv
//! with httpx and requests, `@foxy.io/sdk` with npm, `wrk` from Debian or
//! else `oha` with `cargo install`), starts ONE sandbox seeded with
//! `--seed-carts` carts of two items (and a second one seeded with
//! `--page-carts`, 100,000 by default, for the 300-cart page row, as its
//! goal names), and runs the variants interleaved for
//! R rounds: each round runs every variant once, in a rotated order, each in
//! a fresh process (`bindings/python/bench/peers.py`,
//! `bindings/node/bench/peers.mjs`, `crates/foxy/examples/peers.rs` for the
//! Rust rows (`peers/rust.rs`), the load generator), so that load from
//! other processes falls on all of them alike. Prints a Markdown table with
//! medians, min-max spread and ratios, and `/proc/loadavg` before and after.
//! Figures are benchmarks: nothing here fails on a slow result.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use crate::{cargo, root};

use crate::run as sh;

mod rust;

const PEERS: &str = "target/bench-peers";
const SDK_VERSION: &str = "@foxy.io/sdk@1.16.2";

struct Options {
    rounds: usize,
    quick: bool,
    build: bool,
    seed_carts: u64,
    /// The carts of the second sandbox, whose 300-cart page is measured.
    page_carts: u64,
    calls: u64,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        rounds: 7,
        quick: false,
        build: true,
        seed_carts: 5_000,
        page_carts: 100_000,
        calls: 1_000,
    };
    let mut calls = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--rounds" => o.rounds = usize::try_from(value("--rounds")?.max(1)).unwrap_or(1),
            "--seed-carts" => o.seed_carts = value("--seed-carts")?,
            "--page-carts" => o.page_carts = value("--page-carts")?.max(1),
            "--calls" => calls = Some(value("--calls")?.max(10)),
            "--quick" => o.quick = true,
            "--no-build" => o.build = false,
            other => {
                return Err(format!(
                    "unknown flag {other:?}; expected --rounds R, --quick, --no-build, --seed-carts N, --page-carts N, --calls N"
                ));
            }
        }
    }
    if let Ok(r) = std::env::var("FOXY_PEERS_ROUNDS") {
        o.rounds = r.parse().unwrap_or(o.rounds).max(1);
    }
    o.calls = calls.unwrap_or(if o.quick { 300 } else { 1_000 });
    Ok(o)
}

/// The load generator found or installed.
enum Load {
    Wrk(PathBuf),
    Oha(PathBuf),
}

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn load_generator(build: bool) -> Option<Load> {
    if let Some(wrk) = on_path("wrk") {
        return Some(Load::Wrk(wrk));
    }
    let oha = root().join(PEERS).join("bin/oha");
    if !oha.is_file() && build {
        // `apt-get install wrk` is quicker where it is allowed; else build oha.
        let _ = cargo(&["install", "oha", "--locked", "--root", PEERS]);
    }
    oha.is_file().then_some(Load::Oha(oha))
}

fn prepare(o: &Options) -> Result<(), String> {
    let peers = root().join(PEERS);
    std::fs::create_dir_all(&peers).map_err(|e| format!("cannot create {PEERS}: {e}"))?;
    let venv = peers.join("venv");
    if !venv.join("bin/python").is_file() {
        sh("python3", &["-m", "venv", &format!("{PEERS}/venv")])?;
    }
    let pip = format!("{PEERS}/venv/bin/pip");
    let quiet = ["install", "-q", "--disable-pip-version-check"];
    let has = |module: &str| {
        Command::new(venv.join("bin/python"))
            .args(["-c", &format!("import {module}")])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !has("httpx") || !has("requests") {
        sh(&pip, &[&quiet[..], &["httpx", "requests"]].concat())?;
    }
    if !peers
        .join("node_modules/@foxy.io/sdk/package.json")
        .is_file()
    {
        sh(
            "npm",
            &[
                "install",
                "--prefix",
                PEERS,
                "--no-audit",
                "--no-fund",
                SDK_VERSION,
            ],
        )?;
    }
    if o.build || !root().join("target/release/foxy-sandbox").is_file() {
        cargo(&["build", "--release", "-p", "foxy-sandbox"])?;
    }
    if o.build
        || !root()
            .join("bindings/node/foxy.linux-x64-gnu.node")
            .is_file()
    {
        sh(
            "npm",
            &["run", "--prefix", "bindings/node", "build:release"],
        )?;
    }
    if o.build || !has("foxy") {
        sh(&pip, &[&quiet[..], &["./bindings/python"]].concat())?;
    }
    rust::prepare(o)?;
    Ok(())
}

/// The sandbox process and what its banner says.
struct Sandbox {
    child: Child,
    base: String,
    client_id: String,
    client_secret: String,
    refresh_token: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_sandbox(seed_carts: u64) -> Result<Sandbox, String> {
    let bin = root().join("target/release/foxy-sandbox");
    let started = Instant::now();
    let mut child = Command::new(&bin)
        .args(["--addr", "127.0.0.1:0", "--items-per-cart", "2"])
        .args(["--seed-carts", &seed_carts.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let stdout = child.stdout.take().ok_or("no sandbox stdout")?;
    let mut sb = Sandbox {
        child,
        base: String::new(),
        client_id: String::new(),
        client_secret: String::new(),
        refresh_token: String::new(),
    };
    let mut lines = BufReader::new(stdout).lines();
    while sb.base.is_empty()
        || sb.client_id.is_empty()
        || sb.client_secret.is_empty()
        || sb.refresh_token.is_empty()
    {
        let line = match lines.next() {
            Some(Ok(line)) => line,
            _ => return Err("the sandbox ended before its banner was complete".to_owned()),
        };
        if let Some(url) = line.strip_prefix("foxy-sandbox listening on ") {
            sb.base = format!("{}/", url.trim());
        }
        let field = line.trim();
        for (name, slot) in [
            ("client_id:", &mut sb.client_id),
            ("client_secret:", &mut sb.client_secret),
            ("refresh_token:", &mut sb.refresh_token),
        ] {
            if let Some(v) = field.strip_prefix(name) {
                *slot = v.trim().to_owned();
            }
        }
    }
    // Keep draining what it prints later.
    std::thread::spawn(move || for _ in lines {});
    eprintln!(
        "xtask: sandbox at {} with {seed_carts} seeded carts, ready in {:.1} s",
        sb.base,
        started.elapsed().as_secs_f64()
    );
    Ok(sb)
}

/// A flat JSON object's member as text (numbers as written, strings unquoted).
fn member(json: &str, key: &str) -> Option<String> {
    let at = json.find(&format!("\"{key}\""))? + key.len() + 2;
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    if let Some(s) = rest.strip_prefix('"') {
        return s.split('"').next().map(str::to_owned);
    }
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    Some(rest[..end].trim().to_owned())
}

fn number(json: &str, key: &str) -> Option<f64> {
    member(json, key)?.parse().ok()
}

/// What one run of one variant measured.
#[derive(Default)]
struct Sample {
    /// µs per call, seconds per walk, or requests per second.
    value: Option<f64>,
    /// Peak memory in MiB, or p99 latency in ms for the load generator.
    extra: Option<f64>,
}

struct Context<'a> {
    sb: &'a Sandbox,
    cart: String,
    carts: String,
    token: String,
    total: String,
    calls: u64,
    load: Option<&'a Load>,
    load_seconds: u64,
    /// The sandbox of the 300-cart page row (`--page-carts`), when another.
    page: Option<&'a Context<'a>>,
}

fn script_args(cx: &Context<'_>, variant: &str) -> Vec<String> {
    let mut v = vec![
        variant.to_owned(),
        "--base".into(),
        cx.sb.base.clone(),
        "--client-id".into(),
        cx.sb.client_id.clone(),
        "--client-secret".into(),
        cx.sb.client_secret.clone(),
        "--refresh-token".into(),
        cx.sb.refresh_token.clone(),
        "--calls".into(),
        cx.calls.to_string(),
    ];
    if !cx.cart.is_empty() {
        v.extend([
            "--cart".into(),
            cx.cart.clone(),
            "--carts".into(),
            cx.carts.clone(),
        ]);
    }
    v
}

/// Runs a command and returns its standard output (`None` if it failed).
fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("xtask: {cmd:?} failed ({})", out.status);
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

fn python(cx: &Context<'_>, variant: &str) -> Option<String> {
    let py = root().join(PEERS).join("venv/bin/python");
    output(
        Command::new(py)
            .arg("bindings/python/bench/peers.py")
            .args(script_args(cx, variant)),
    )
}

fn node(cx: &Context<'_>, variant: &str) -> Option<String> {
    output(
        Command::new("node")
            .arg("bindings/node/bench/peers.mjs")
            .args(script_args(cx, variant))
            .env(
                "FOXY_PEERS_NODE_MODULES",
                root().join(PEERS).join("node_modules"),
            ),
    )
}

/// Requests per second and p99 in ms of `connections` clients GETting `url`.
fn load(cx: &Context<'_>, url: &str, connections: u32) -> Sample {
    let Some(lg) = cx.load else {
        return Sample::default();
    };
    let auth = format!("Authorization: Bearer {}", cx.token);
    let secs = cx.load_seconds.to_string();
    let conns = connections.to_string();
    match lg {
        Load::Wrk(wrk) => {
            let Some(text) = output(Command::new(wrk).args([
                "-t2",
                "-c",
                &conns,
                "-d",
                &format!("{secs}s"),
                "--latency",
                "-H",
                &auth,
                "-H",
                "FOXY-API-VERSION: 1",
                "-H",
                "Accept: application/hal+json",
                url,
            ])) else {
                return Sample::default();
            };
            let rps = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
                .and_then(|v| v.trim().parse().ok());
            let p99 = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("99%"))
                .and_then(|v| duration_ms(v.trim()));
            if text.contains("Non-2xx") {
                eprintln!("xtask: wrk saw non-2xx answers from {url}");
            }
            Sample {
                value: rps,
                extra: p99,
            }
        }
        Load::Oha(oha) => {
            let Some(text) = output(Command::new(oha).args([
                "-z",
                &format!("{secs}s"),
                "-c",
                &conns,
                "--no-tui",
                "--output-format",
                "json",
                "-H",
                &auth,
                "-H",
                "FOXY-API-VERSION: 1",
                "-H",
                "Accept: application/hal+json",
                url,
            ])) else {
                return Sample::default();
            };
            Sample {
                value: number(&text, "requestsPerSec"),
                extra: number(&text, "p99").map(|s| s * 1e3),
            }
        }
    }
}

/// `1.23ms`, `456.00us`, `1.02s` in milliseconds.
fn duration_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (n, unit) = text.split_at(split);
    let n: f64 = n.parse().ok()?;
    match unit {
        "us" => Some(n / 1e3),
        "ms" => Some(n),
        "s" => Some(n * 1e3),
        "m" => Some(n * 60e3),
        _ => None,
    }
}

/// The variants, in the order of the first round.
const VARIANTS: &[&str] = &[
    "py:foxy-get",
    "py:httpx-get",
    "py:requests-get",
    "py:foxy-async-get",
    "py:httpx-async-get",
    "py:foxy-async-concurrent",
    "py:httpx-async-concurrent",
    "py:foxy-walk",
    "py:httpx-walk",
    "py:httpx-page",
    "node:foxy-get",
    "node:sdk-get",
    "node:fetch-get",
    "node:foxy-concurrent",
    "node:sdk-concurrent",
    "node:foxy-walk",
    "node:sdk-walk",
    "load:cart-16",
    "load:cart-64",
    "load:root-64",
    rust::VARIANTS[0],
    rust::VARIANTS[1],
    rust::VARIANTS[2],
    rust::VARIANTS[3],
];

fn measure(cx: &Context<'_>, variant: &str) -> Sample {
    if variant == "py:httpx-page" {
        if let Some(page) = cx.page {
            return measure(page, variant);
        }
    }
    let (lang, name) = variant.split_once(':').unwrap_or(("", variant));
    let text = match lang {
        "py" => python(cx, name),
        "node" => node(cx, name),
        "rust" => return rust::measure(cx, name),
        _ => {
            let zoomed = format!("{}?zoom=items", cx.cart);
            return match name {
                "cart-16" => load(cx, &zoomed, 16),
                "cart-64" => load(cx, &zoomed, 64),
                _ => load(cx, &cx.sb.base, 64),
            };
        }
    };
    let Some(text) = text else {
        return Sample::default();
    };
    let walk = name.ends_with("-walk");
    if walk && member(&text, "count") != Some(cx.total.clone()) {
        eprintln!(
            "xtask: {variant} read {} carts of {}",
            member(&text, "count").unwrap_or_default(),
            cx.total
        );
    }
    Sample {
        value: number(&text, if walk { "seconds" } else { "us_per_call" }),
        extra: number(&text, "maxrss_mib"),
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_owned())
}

/// Median, min and max.
fn stats(xs: &[f64]) -> Option<(f64, f64, f64)> {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some((v[v.len() / 2], v[0], v[v.len() - 1]))
}

type Results = BTreeMap<&'static str, (Vec<f64>, Vec<f64>)>;

fn median(r: &Results, variant: &str, extra: bool) -> Option<f64> {
    let (values, extras) = r.get(variant)?;
    stats(if extra { extras } else { values }).map(|s| s.0)
}

fn cell(r: &Results, variant: &str, extra: bool, fmt: &dyn Fn(f64) -> String) -> String {
    let Some((values, extras)) = r.get(variant) else {
        return "n/a".to_owned();
    };
    match stats(if extra { extras } else { values }) {
        Some((m, lo, hi)) => format!("{} ({}-{})", fmt(m), fmt(lo), fmt(hi)),
        None => "n/a".to_owned(),
    }
}

fn ratio(r: &Results, ours: &str, peer: &str) -> String {
    match (median(r, ours, false), median(r, peer, false)) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "n/a".to_owned(),
    }
}

fn table(r: &Results, o: &Options, cx: &Context<'_>) -> String {
    let us = |x: f64| format!("{x:.0}");
    let s = |x: f64| format!("{x:.2}");
    let mib = |x: f64| format!("{x:.0}");
    let rps = |x: f64| format!("{x:.0}");
    let ms = |x: f64| format!("{x:.1}");
    let mut t = String::new();
    t.push_str(&format!(
        "GET one cart with `zoom=items` (two items), {} calls per sample; walks of every cart at \
         `limit=300` ({} carts); load: {} s per sample. Medians of {} rounds (min-max); \
         ratio = ours / peer (below 1: ours is faster).\n\n",
        cx.calls, cx.total, cx.load_seconds, o.rounds
    ));
    t.push_str("| row | foxy-rs | peer | ratio | goal |\n|---|---:|---:|---:|---|\n");
    let mut row = |label: &str,
                   ours: &str,
                   peer: &str,
                   peer_label: &str,
                   goal: &str,
                   f: &dyn Fn(f64) -> String| {
        t.push_str(&format!(
            "| {label} | {} | {peer_label} {} | {} | {goal} |\n",
            cell(r, ours, false, f),
            cell(r, peer, false, f),
            ratio(r, ours, peer)
        ));
    };
    row(
        "Python blocking GET, µs",
        "py:foxy-get",
        "py:httpx-get",
        "httpx.Client + json",
        "",
        &us,
    );
    row(
        "Python blocking GET, µs",
        "py:foxy-get",
        "py:requests-get",
        "requests + json",
        "",
        &us,
    );
    row(
        "Python asyncio GET, sequential, µs",
        "py:foxy-async-get",
        "py:httpx-async-get",
        "httpx.AsyncClient",
        "",
        &us,
    );
    row(
        "Python asyncio GET / blocking GET",
        "py:foxy-async-get",
        "py:foxy-get",
        "foxy blocking",
        "at most 1.15",
        &us,
    );
    row(
        "Python asyncio, 32 concurrent, µs per call",
        "py:foxy-async-concurrent",
        "py:httpx-async-concurrent",
        "httpx.AsyncClient",
        "",
        &us,
    );
    row(
        "Node GET, sequential, µs",
        "node:foxy-get",
        "node:sdk-get",
        "`@foxy.io/sdk`",
        "at most 0.8",
        &us,
    );
    row(
        "Node GET, sequential, µs",
        "node:foxy-get",
        "node:fetch-get",
        "fetch + JSON.parse",
        "",
        &us,
    );
    row(
        "Node, 32 concurrent, µs per call",
        "node:foxy-concurrent",
        "node:sdk-concurrent",
        "`@foxy.io/sdk`",
        "",
        &us,
    );
    row(
        "Node walk of every cart, s",
        "node:foxy-walk",
        "node:sdk-walk",
        "`@foxy.io/sdk` paging by hand",
        "at most 0.8",
        &s,
    );
    row(
        "Python walk of every cart, s",
        "py:foxy-walk",
        "py:httpx-walk",
        "httpx paging by hand",
        "",
        &s,
    );
    for (label, ours, peer) in [
        ("Node walk, peak RSS MiB", "node:foxy-walk", "node:sdk-walk"),
        ("Python walk, peak RSS MiB", "py:foxy-walk", "py:httpx-walk"),
    ] {
        let ratio = match (median(r, ours, true), median(r, peer, true)) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
            _ => "n/a".to_owned(),
        };
        t.push_str(&format!(
            "| {label} | {} | {} | {ratio} | lower |\n",
            cell(r, ours, true, &mib),
            cell(r, peer, true, &mib)
        ));
    }
    t.push_str(&rust::rows(r));
    t.push_str("\n| sandbox row | req/s | p99 ms | goal |\n|---|---:|---:|---|\n");
    for (label, variant, goal) in [
        (
            "GET cart `zoom=items`, 16 connections",
            "load:cart-16",
            "10,000 req/s, p99 < 15 ms",
        ),
        (
            "GET cart `zoom=items`, 64 connections",
            "load:cart-64",
            "10,000 req/s, p99 < 15 ms",
        ),
        ("GET `/`, 64 connections", "load:root-64", "40,000 req/s"),
    ] {
        t.push_str(&format!(
            "| {label} | {} | {} | {goal} |\n",
            cell(r, variant, false, &rps),
            cell(r, variant, true, &ms)
        ));
    }
    t.push_str(&format!(
        "| one 300-cart page, {}-cart store, µs per GET (httpx, bytes only) | {} | | 20 ms on 100,000 carts |\n",
        cx.page.map_or(&cx.total, |p| &p.total),
        cell(r, "py:httpx-page", false, &us)
    ));
    t
}

/// The context of the variants run against `sb`, from its setup step.
fn context<'a>(sb: &'a Sandbox, o: &Options, lg: Option<&'a Load>) -> Result<Context<'a>, String> {
    let mut cx = Context {
        sb,
        cart: String::new(),
        carts: String::new(),
        token: String::new(),
        total: String::new(),
        calls: o.calls,
        load: lg,
        load_seconds: if o.quick { 2 } else { 5 },
        page: None,
    };
    let setup = python(&cx, "setup").ok_or("the setup step failed")?;
    cx.cart = member(&setup, "cart").ok_or("setup printed no cart")?;
    cx.carts = member(&setup, "carts").ok_or("setup printed no carts")?;
    cx.token = member(&setup, "token").ok_or("setup printed no token")?;
    cx.total = member(&setup, "total").unwrap_or_default();
    Ok(cx)
}

/// `cargo xtask bench peers ...`
pub fn run(args: &[String]) -> Result<(), String> {
    let o = options(args)?;
    let started = Instant::now();
    prepare(&o)?;
    let lg = load_generator(o.build);
    if lg.is_none() {
        eprintln!("xtask: no wrk or oha: the sandbox rows are left out");
    }
    // The page row's store (100,000 carts by default) in a sandbox of its
    // own, so the other rows keep their store; seeding takes seconds.
    let page_sb = if o.page_carts == o.seed_carts {
        None
    } else {
        Some(start_sandbox(o.page_carts)?)
    };
    let page_cx = match &page_sb {
        Some(sb) => Some(context(sb, &o, lg.as_ref())?),
        None => None,
    };
    let sb = start_sandbox(o.seed_carts)?;
    let mut cx = context(&sb, &o, lg.as_ref())?;
    cx.page = page_cx.as_ref();
    let before = loadavg();
    let mut results: Results = BTreeMap::new();
    for round in 0..o.rounds {
        let order: Vec<&'static str> = VARIANTS
            .iter()
            .cycle()
            .skip(round * 7 % VARIANTS.len())
            .take(VARIANTS.len())
            .copied()
            .collect();
        eprintln!(
            "xtask: round {}/{} (load {})",
            round + 1,
            o.rounds,
            loadavg()
        );
        for variant in order {
            let sample = measure(&cx, variant);
            let entry = results.entry(variant).or_default();
            if let Some(v) = sample.value {
                entry.0.push(v);
            }
            if let Some(x) = sample.extra {
                entry.1.push(x);
            }
        }
    }
    let after = loadavg();
    let generator = match &lg {
        Some(Load::Wrk(_)) => "wrk (2 threads)",
        Some(Load::Oha(_)) => "oha",
        None => "none",
    };
    println!("{}", table(&results, &o, &cx));
    println!(
        "Load average (1, 5, 15 min) before: {before}; after: {after}. Load generator: {generator}. \
         {} cores. Total {:.0} s.",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
