//! The Rust half of `bench/overhead.mjs`: the same request (GET one cart
//! with its items) through `foxy::AsyncClient` against an in-process
//! sandbox, timed call by call. Prints one JSON line.
//!
//! `cargo run --release -p foxy-node --example overhead -- [CALLS]`

use std::time::Instant;

use foxy::model::{Cart, Item};
use foxy::{AsyncClient, Query};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let calls: usize = std::env::args().nth(1).map_or(Ok(2000), |n| n.parse())?;
    let sandbox = foxy_sandbox::start(foxy_sandbox::Config::default()).await?;
    let credentials = sandbox.credentials();
    let client = AsyncClient::builder()
        .base_url(sandbox.base_url())
        .refresh_token(
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
            credentials.refresh_token.clone(),
        )
        .build_async()?;

    let href = client.carts().create(&Cart::new()).await?;
    let cart = client.carts().get(&href, Query::new()).await?;
    client
        .carts()
        .add_item(&cart, &Item::new("Sprocket", 10, 2))
        .await?;
    let query = || Query::new().zoom("items");

    for _ in 0..calls / 10 {
        client.carts().get(&href, query()?).await?;
    }
    let mut micros = Vec::with_capacity(calls);
    for _ in 0..calls {
        let start = Instant::now();
        let cart = client.carts().get(&href, query()?).await?;
        micros.push(start.elapsed().as_secs_f64() * 1e6);
        assert_eq!(cart.items.len(), 1);
    }
    micros.sort_by(f64::total_cmp);
    let mean = micros.iter().sum::<f64>() / micros.len() as f64;
    let median = micros[micros.len() / 2];
    let p90 = micros[micros.len() * 9 / 10];
    println!(
        r#"{{"calls":{calls},"mean_us":{mean:.1},"median_us":{median:.1},"p90_us":{p90:.1}}}"#
    );
    sandbox.shutdown().await;
    Ok(())
}
