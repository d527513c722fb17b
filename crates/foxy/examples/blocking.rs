//! The blocking client against a local foxy-sandbox started in-process:
//! list the carts, create one with an item, read it back.
//!
//! Run with `cargo run -p foxy --example blocking`.

use foxy::model::Model as _;
use foxy::model::{Cart, Item};
use foxy::{Client, Query};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = foxy_sandbox::Sandbox::start_background(foxy_sandbox::Config::default())?;
    let credentials = sandbox.credentials();
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .refresh_token(
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
            credentials.refresh_token.clone(),
        )
        .user_agent_suffix("foxy-example/blocking")
        .build()?;

    let page = client.carts().list(Query::new())?;
    println!("the store has {} carts", page.total_items().unwrap_or(0));

    let cart = Cart::new().with_item(Item::new("Sprocket", 10, 2));
    let href = client.carts().create(&Cart::new())?;
    println!("created {href}");
    let mut created = client.carts().get(&href, Query::new())?;
    created.items = cart.items;
    let updated = client.carts().put(&created)?;
    println!(
        "cart {href}: {} item(s), total {}",
        updated.items.len(),
        updated
            .total_order
            .map(|m| m.to_string())
            .unwrap_or_default()
    );

    let all: Vec<Cart> = client.carts().all(Query::new()).collect::<Result<_, _>>()?;
    for cart in &all {
        println!("  {}", cart.self_href().unwrap_or("?"));
    }
    println!("walked {} carts page by page", all.len());
    sandbox.shutdown();
    Ok(())
}
