//! Non-Foxy test support: `POST /_sandbox/trigger` makes the sandbox emit
//! an event, as `foxy trigger` asks (like `stripe trigger`).
//!
//! The body (or the query) names the event: `{"event": "transaction/created"}`
//! or `?event=transaction/created`. For `transaction/created` the sandbox
//! fills a new cart with one item for the seeded customer with a card,
//! charges it, and delivers the new transaction as a real charge would
//! (`crate::delivery`: every active JSON transaction webhook, and the
//! datafeed when one is configured). It answers `201` with the
//! transaction's href; an event it cannot emit is `400`.

use axum::Router;
use axum::body::Bytes;
use axum::response::Response;
use axum::routing::post;
use foxy_proto::codec::json;
use foxy_proto::{Map, Value};
use rusqlite::Connection;

use crate::db;
use crate::engine;
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds;
use crate::render::Ctx;
use crate::seed::CUSTOMER_WITH_CARD;
use crate::state::{AppState, Counters};

/// The events the sandbox can emit.
pub const EVENTS: &[&str] = &["transaction/created"];

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new().route("/_sandbox/trigger", post(trigger))
}

/// The event named by the query (`event=`) or the JSON body (`{"event": ...}`).
fn event_name(ctx: &Ctx, bytes: &[u8]) -> Result<String, ApiError> {
    if let Some((_, event)) = ctx.query.iter().find(|(k, _)| k == "event") {
        return Ok(event.clone());
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "name the event: {\"event\": \"transaction/created\"} or ?event=transaction/created",
        ));
    }
    let value = json::parse_value(bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not JSON: {e}")))?;
    value
        .as_object()
        .and_then(|o| o.get("event"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| ApiError::bad_request("the body has no \"event\" text"))
}

async fn trigger(ctx: Ctx, bytes: Bytes) -> Result<Response, ApiError> {
    let event = event_name(&ctx, &bytes)?;
    if event.trim() != "transaction/created" {
        return Err(ApiError::bad_request(format!(
            "the sandbox cannot emit {:?}; it emits: {}",
            crate::error::excerpt(&event),
            EVENTS.join(", ")
        )));
    }
    let store = ctx.state.store_id;
    let tid = ctx
        .state
        .db
        .run(move |conn| new_transaction(conn, store))
        .await?;
    Counters::bump(&ctx.state.counters.transactions_created);
    crate::delivery::transaction_created(&ctx.state, tid);
    let href = format!("{}/transactions/{tid}", ctx.pres.base);
    ctx.created(
        &href,
        kinds::TRANSACTIONS.title,
        format!("transaction {tid} created; transaction/created is being delivered."),
    )
}

/// Charges a new one-item cart of the seeded customer with a card; returns
/// the transaction's id.
fn new_transaction(conn: &Connection, store: i64) -> Result<i64, ApiError> {
    let customer = db::children(conn, "stores", store, &kinds::CUSTOMERS)?
        .into_iter()
        .find(|c| c.text("email") == CUSTOMER_WITH_CARD)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "the customer {CUSTOMER_WITH_CARD} (who has a card) no longer exists"
            ))
        })?;
    let mut body = Map::new();
    body.insert("billing_first_name".into(), Value::from("Grace"));
    body.insert("billing_last_name".into(), Value::from("Hopper"));
    let mut props = input::apply(conn, &kinds::CARTS, None, &body, Mode::Create)?;
    engine::prepare(conn, &kinds::CARTS, None, &body, &mut props)?;
    props.insert("customer_id".into(), Value::from(customer.id));
    let cart = db::insert(conn, &kinds::CARTS, Some(("stores", store)), &props)?;
    let mut item = Map::new();
    item.insert("name".into(), Value::from("Triggered Item"));
    item.insert("price".into(), Value::from("10.00"));
    item.insert("quantity".into(), Value::from(1i64));
    item.insert("code".into(), Value::from("trigger-1"));
    let mut props = input::apply(conn, &kinds::ITEMS, None, &item, Mode::Create)?;
    engine::prepare(conn, &kinds::ITEMS, None, &item, &mut props)?;
    db::insert(conn, &kinds::ITEMS, Some((kinds::CARTS.key, cart)), &props)?;
    crate::charge::charge(conn, store, cart)
}
