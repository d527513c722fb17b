//! Receiving Foxy webhooks with axum: the [`Webhook`] extractor checks the
//! signature of the raw body and hands over the typed event; a bad
//! signature never reaches the handler (401 with the reason).
//!
//! Run with `cargo run -p foxy --features axum --example webhook_axum`
//! (the key from `FOXY_WEBHOOK_KEY`, the address from `ADDR`, default
//! `127.0.0.1:3000`), then send it events with
//! `foxy --sandbox listen --forward-to http://127.0.0.1:3000/webhooks --key KEY`
//! and `foxy --sandbox trigger transaction/created`.

use axum::Router;
use axum::routing::post;
use foxy::webhook_axum::{Event, Webhook, WebhookSecret};

/// The application: `POST /webhooks` answers with what it received.
pub fn app(key: WebhookSecret) -> Router {
    Router::new()
        .route("/webhooks", post(receive))
        .with_state(key)
}

/// Runs only for webhooks whose signature checked out.
async fn receive(webhook: Webhook) -> String {
    let what = match &webhook.event {
        Event::Transaction(transaction) => format!(
            "transaction {} total {}",
            transaction
                .display_id
                .as_ref()
                .map(|id| id.to_string())
                .unwrap_or_default(),
            transaction
                .total_order
                .as_ref()
                .map(|t| t.to_string())
                .unwrap_or_default()
        ),
        Event::Subscription(subscription) => format!(
            "subscription, next payment {}",
            subscription
                .next_transaction_date
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        ),
        Event::Customer(customer) => {
            format!("customer {}", customer.email.clone().unwrap_or_default())
        }
        _ => "another resource".to_owned(),
    };
    let line = format!("{}: {what}", webhook.name);
    println!("{line}");
    line
}

#[allow(dead_code)] // the tests use `app` only
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = std::env::var("FOXY_WEBHOOK_KEY").unwrap_or_else(|_| "webhook_key_example".into());
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}/webhooks", listener.local_addr()?);
    axum::serve(listener, app(WebhookSecret::new(key))).await?;
    Ok(())
}
