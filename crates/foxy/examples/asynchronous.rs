//! The async client against a local foxy-sandbox started in-process: list
//! the carts, create one, stream every cart.
//!
//! Run with `cargo run -p foxy --example asynchronous`.

use futures::StreamExt as _;

use foxy::model::{Cart, Item};
use foxy::{AsyncClient, Query};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = foxy_sandbox::start(foxy_sandbox::Config::default()).await?;
    let credentials = sandbox.credentials();
    let client = AsyncClient::builder()
        .base_url(sandbox.base_url())
        .refresh_token(
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
            credentials.refresh_token.clone(),
        )
        .user_agent_suffix("foxy-example/async")
        .build_async()?;

    let page = client.carts().list(Query::new()).await?;
    println!("the store has {} carts", page.members.len());

    let href = client.carts().create(&Cart::new()).await?;
    println!("created {href}");
    let mut cart = client.carts().get(&href, Query::new()).await?;
    cart.items.push(Item::new("Sprocket", 10, 2));
    let updated = client.carts().put(&cart).await?;
    println!(
        "cart {href}: {} item(s), total {}",
        updated.items.len(),
        updated
            .total_order
            .map(|m| m.to_string())
            .unwrap_or_default()
    );

    let mut carts = client.carts().all(Query::new());
    let mut count = 0;
    while let Some(cart) = carts.next().await {
        cart?;
        count += 1;
    }
    println!("streamed {count} carts page by page");
    sandbox.shutdown().await;
    Ok(())
}
