//! Non-Foxy test support: `POST /_sandbox/trigger` makes the sandbox emit
//! an event, as `foxy trigger` asks (like `stripe trigger`).
//!
//! The body (or the query) names the event: `{"event": "transaction/created"}`
//! or `?event=transaction/created`. The sandbox emits:
//!
//! - `transaction/created`: it fills a new cart with one item for the seeded
//!   customer with a card, charges it, and delivers the new transaction as a
//!   real charge would (`crate::delivery`: every active JSON transaction
//!   webhook, and the datafeed when one is configured);
//! - `subscription/created`: the same charge with a monthly subscription
//!   item; the new subscription goes to the subscription webhooks (only);
//! - `customer/created`: a new customer (`triggered-N@sandbox.test`) goes to
//!   the customer webhooks;
//! - `customer/updated`: the seeded customer with a card, its modification
//!   date stamped, goes to the customer webhooks.
//!
//! It answers `201` with the href of the resource the event is about; an
//! event it cannot emit is `400`.

use axum::Router;
use axum::body::Bytes;
use axum::response::Response;
use axum::routing::post;
use foxy_proto::codec::json;
use foxy_proto::{Map, Value};
use rusqlite::Connection;

use crate::db;
use crate::delivery::EventOf;
use crate::engine;
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds;
use crate::render::Ctx;
use crate::seed::CUSTOMER_WITH_CARD;
use crate::state::{AppState, Counters};

/// The events the sandbox can emit.
pub const EVENTS: &[&str] = &[
    "transaction/created",
    "subscription/created",
    "customer/created",
    "customer/updated",
];

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
    let store = ctx.state.store_id;
    let db = &ctx.state.db;
    let (of, action, id) = match event.trim() {
        "transaction/created" => {
            let tid = db
                .run(move |conn| new_transaction(conn, store, None))
                .await?;
            Counters::bump(&ctx.state.counters.transactions_created);
            crate::delivery::transaction_created(&ctx.state, tid);
            (&EventOf::TRANSACTION, "created", tid)
        }
        "subscription/created" => {
            let sid = db.run(move |conn| new_subscription(conn, store)).await?;
            Counters::bump(&ctx.state.counters.transactions_created);
            (&EventOf::SUBSCRIPTION, "created", sid)
        }
        "customer/created" => {
            let cid = db.run(move |conn| new_customer(conn, store)).await?;
            (&EventOf::CUSTOMER, "created", cid)
        }
        "customer/updated" => {
            let cid = db
                .run(move |conn| {
                    let customer = customer_with_card(conn, store)?;
                    db::touch(conn, customer.id)?;
                    Ok(customer.id)
                })
                .await?;
            (&EventOf::CUSTOMER, "updated", cid)
        }
        _ => {
            return Err(ApiError::bad_request(format!(
                "the sandbox cannot emit {:?}; it emits: {}",
                crate::error::excerpt(&event),
                EVENTS.join(", ")
            )));
        }
    };
    let (segment, title) = match of.resource() {
        "subscription" => ("subscriptions", kinds::SUBSCRIPTIONS.title),
        "customer" => ("customers", kinds::CUSTOMERS.title),
        _ => ("transactions", kinds::TRANSACTIONS.title),
    };
    if of.resource() != "transaction" {
        crate::delivery::resource_event(&ctx.state, of, action, id);
    }
    let name = format!("{}/{action}", of.resource());
    let href = format!("{}/{segment}/{id}", ctx.pres.base);
    ctx.created(
        &href,
        title,
        format!("{} {id}: {name} is being delivered.", of.resource()),
    )
}

/// The seeded customer with a card.
fn customer_with_card(conn: &Connection, store: i64) -> Result<db::Record, ApiError> {
    db::children(conn, "stores", store, &kinds::CUSTOMERS)?
        .into_iter()
        .find(|c| c.text("email") == CUSTOMER_WITH_CARD)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "the customer {CUSTOMER_WITH_CARD} (who has a card) no longer exists"
            ))
        })
}

/// Charges a new cart with a monthly subscription item; returns the new
/// subscription's id.
fn new_subscription(conn: &Connection, store: i64) -> Result<i64, ApiError> {
    let txn = new_transaction(conn, store, Some("1m"))?;
    crate::subscriptions::all(conn, store)?
        .into_iter()
        .find(|s| s.int("last_transaction_id") == Some(txn))
        .map(|s| s.id)
        .ok_or_else(|| ApiError::internal("the charge created no subscription"))
}

/// Creates a customer `triggered-N@sandbox.test` (the first free N);
/// returns its id.
fn new_customer(conn: &Connection, store: i64) -> Result<i64, ApiError> {
    let existing: Vec<String> = db::children(conn, "stores", store, &kinds::CUSTOMERS)?
        .iter()
        .map(|c| c.text("email"))
        .collect();
    let mut n = existing.len() + 1;
    let mut email = format!("triggered-{n}@sandbox.test");
    while existing.contains(&email) {
        n += 1;
        email = format!("triggered-{n}@sandbox.test");
    }
    let mut body = Map::new();
    body.insert("first_name".into(), Value::from("Triggered"));
    body.insert("last_name".into(), Value::from(format!("Customer {n}")));
    body.insert("email".into(), Value::from(email));
    let mut props = input::apply(conn, &kinds::CUSTOMERS, None, &body, Mode::Create)?;
    engine::prepare(conn, &kinds::CUSTOMERS, None, &body, &mut props)?;
    db::insert(conn, &kinds::CUSTOMERS, Some(("stores", store)), &props)
}

/// Charges a new one-item cart of the seeded customer with a card (the item
/// a subscription of `frequency` when one is given); returns the
/// transaction's id.
fn new_transaction(
    conn: &Connection,
    store: i64,
    frequency: Option<&str>,
) -> Result<i64, ApiError> {
    let customer = customer_with_card(conn, store)?;
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
    if let Some(frequency) = frequency {
        item.insert("subscription_frequency".into(), Value::from(frequency));
    }
    let mut props = input::apply(conn, &kinds::ITEMS, None, &item, Mode::Create)?;
    engine::prepare(conn, &kinds::ITEMS, None, &item, &mut props)?;
    db::insert(conn, &kinds::ITEMS, Some((kinds::CARTS.key, cart)), &props)?;
    crate::charge::charge(conn, store, cart)
}
