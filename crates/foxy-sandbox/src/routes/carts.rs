//! Carts: read, update (PUT with embedded children), charge (POST) and browser sessions.
//!
//! Creating a cart (POST to the store's carts) is the engine's
//! [`engine::create`], which applies embedded children with the same
//! [`engine::sync_embedded`] as the PUT here.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use foxy_proto::{Link, Rel, Resource};
use rusqlite::params;

use crate::auth::new_token;
use crate::body;
use crate::charge;
use crate::db::{self, now_text};
use crate::engine::{self, parse_id};
use crate::error::ApiError;
use crate::input::Mode;
use crate::kinds;
use crate::present;
use crate::query::Query;
use crate::render::Ctx;
use crate::routes::many;
use crate::state::{AppState, Counters};

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    let c = &kinds::CARTS;
    Router::new()
        .route(
            "/carts/{id}",
            get(|ctx: Ctx, Path(id): Path<String>| engine::get_one(c, ctx, id))
                .patch(|ctx: Ctx, Path(id): Path<String>, b: Bytes| {
                    engine::update_one(c, ctx, id, b, Mode::Patch)
                })
                .put(put_cart)
                .post(charge_cart)
                .delete(|ctx: Ctx, Path(id): Path<String>| engine::delete_one(c, ctx, id))
                .options(|| async {
                    engine::options("GET, HEAD, PATCH, PUT, POST, DELETE, OPTIONS")
                }),
        )
        .route(
            "/carts/{id}/session",
            post(create_session).options(|| async { engine::options("POST, OPTIONS") }),
        )
        .route("/carts/{id}/items", many(c, "items", true))
        .route("/carts/{id}/attributes", many(c, "attributes", true))
        .route(
            "/carts/{id}/cart_custom_fields",
            many(c, "custom_fields", true),
        )
}

async fn put_cart(ctx: Ctx, Path(id): Path<String>, bytes: Bytes) -> Result<Response, ApiError> {
    let id = parse_id(&kinds::CARTS, &id)?;
    let q = Query::parse(&ctx.query, &kinds::CARTS)?;
    let (doc, edits) = body::parse_document(&ctx.headers, &bytes)?;
    let pres = ctx.pres.clone();
    let res = ctx
        .state
        .db
        .run(move |conn| {
            let rec = db::load(conn, &kinds::CARTS, id)?;
            let rec = engine::write_record(conn, &rec, &doc.properties, Mode::Replace)?;
            let rec = engine::apply_links(conn, rec, &edits)?;
            engine::sync_embedded(conn, &rec, &doc, Some(&q.zoom))?;
            let rec = db::load(conn, &kinds::CARTS, id)?;
            present::resource(conn, &pres, &rec, &q.zoom, &q.filters, q.fields.as_deref())
        })
        .await?;
    ctx.with_status(StatusCode::OK, &res)
}

async fn charge_cart(ctx: Ctx, Path(id): Path<String>) -> Result<Response, ApiError> {
    Counters::bump(&ctx.state.counters.charge_requests);
    let id = parse_id(&kinds::CARTS, &id)?;
    let store = ctx.state.store_id;
    let tid = ctx
        .state
        .db
        .run(move |conn| charge::charge(conn, store, id))
        .await?;
    Counters::bump(&ctx.state.counters.transactions_created);
    crate::delivery::transaction_created(&ctx.state, tid);
    let href = format!("{}/transactions/{tid}", ctx.pres.base);
    let mut resp = ctx.created(
        &href,
        kinds::TRANSACTIONS.title,
        format!("transaction {tid} created successfully."),
    )?;
    resp.headers_mut()
        .insert("x-foxy-transaction-id", tid.into());
    Ok(resp)
}

async fn create_session(ctx: Ctx, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&kinds::CARTS, &id)?;
    let session_id = new_token("fcsid");
    let sid = session_id.clone();
    ctx.state
        .db
        .run(move |conn| {
            db::load(conn, &kinds::CARTS, id)?;
            conn.execute(
                "INSERT INTO sessions (session_id, cart_id, created) VALUES (?1, ?2, ?3)",
                params![sid, id, now_text()],
            )?;
            Ok(())
        })
        .await?;
    let b = &ctx.pres.base;
    let res = Resource::new()
        .with_link(
            Rel::SELF,
            Link::new(format!("{b}/carts/{id}/session")).titled("This Session"),
        )
        .with_link(
            Rel::CART,
            Link::new(format!("{b}/carts/{id}")).titled("This Cart"),
        )
        .with_property("session_id", session_id.as_str())
        .with_property("cart_link", format!("{b}/cart?fcsid={session_id}"));
    ctx.with_status(StatusCode::OK, &res)
}
