//! The Rust baseline of the bindings' overhead benchmarks
//! (`bindings/python/bench/overhead.py`, `bindings/node/bench/overhead.mjs`):
//! the same request (GET one cart with two items, `zoom=items`) through the
//! Rust `Client` and `AsyncClient` against an in-process sandbox, timed per
//! call. Prints one JSON line: `{"rust_blocking": {...}, "rust_async": {...}}`
//! with `mean_us`, `median_us` and `p90_us` each.
//!
//! `cargo run --release -p foxy --example overhead -- 2000`

use std::time::{Duration, Instant};

use foxy::model::{Cart, Item};
use foxy::{AsyncClient, Client, Query};

fn summary(name: &str, mut samples: Vec<Duration>) -> String {
    samples.sort();
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    let mean = samples.iter().map(|d| micros(*d)).sum::<f64>() / samples.len() as f64;
    let median = micros(samples[samples.len() / 2]);
    let p90 = micros(samples[samples.len() * 9 / 10]);
    format!(
        "\"{name}\": {{\"mean_us\": {mean:.1}, \"median_us\": {median:.1}, \"p90_us\": {p90:.1}}}"
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let calls: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let warmup = calls / 10;
    let sandbox = foxy_sandbox::Sandbox::start_background(foxy_sandbox::Config::default())?;
    let c = sandbox.credentials().clone();
    let base = sandbox.base_url().to_owned();
    let builder = Client::builder().base_url(base).refresh_token(
        c.client_id,
        c.client_secret,
        c.refresh_token,
    );
    let client = builder.clone().build()?;
    let href = client.carts().create(&Cart::new())?;
    let mut cart = client.carts().get(&href, Query::new().zoom("items")?)?;
    cart.items.push(Item::new("Sprocket", 10, 2));
    cart.items.push(Item::new("Widget", 5, 1));
    client.carts().put(&cart)?;
    let query = Query::new().zoom("items")?;

    let mut blocking = Vec::with_capacity(calls);
    for n in 0..warmup + calls {
        let start = Instant::now();
        let got = client.carts().get(&href, query.clone())?;
        if n >= warmup {
            blocking.push(start.elapsed());
        }
        assert_eq!(got.items.len(), 2);
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let asynchronous = runtime.block_on(async {
        let client: AsyncClient = builder.build_async()?;
        let mut samples = Vec::with_capacity(calls);
        for n in 0..warmup + calls {
            let start = Instant::now();
            let got = client.carts().get(&href, query.clone()).await?;
            if n >= warmup {
                samples.push(start.elapsed());
            }
            assert_eq!(got.items.len(), 2);
        }
        Ok::<_, foxy::Error>(samples)
    })?;
    println!(
        "{{{}, {}}}",
        summary("rust_blocking", blocking),
        summary("rust_async", asynchronous)
    );
    Ok(())
}
