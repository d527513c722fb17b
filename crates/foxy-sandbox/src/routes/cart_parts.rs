//! Cart attributes, custom fields, discounts and applied coupon codes.
//!
//! Discounts are read only: applying a coupon code (POST to a cart's
//! `fx:applied_coupon_codes`) creates one; deleting the code removes it.
//! The known codes are `seed::COUPONS`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use foxy_proto::{Map, Value};

use crate::body;
use crate::db;
use crate::engine::{self, parse_id};
use crate::error::ApiError;
use crate::kinds;
use crate::links;
use crate::present;
use crate::render::Ctx;
use crate::routes::{many, one, read_only};
use crate::seed::COUPONS;
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    let c = &kinds::CARTS;
    Router::new()
        .route("/cart_attributes/{id}", one(&kinds::CART_ATTRIBUTES, true))
        .route("/cart_custom_fields/{id}", one(&kinds::CUSTOM_FIELDS, true))
        .route("/discounts/{id}", read_only(&kinds::DISCOUNTS))
        .route("/carts/{id}/discounts", many(c, "discounts", false))
        .route(
            "/carts/{id}/applied_coupon_codes",
            get(|ctx: Ctx, Path(id): Path<String>| {
                engine::list(c, "applied_coupon_codes", ctx, id)
            })
            .post(apply_code)
            .options(|| async { engine::options("GET, HEAD, POST, OPTIONS") }),
        )
        .route(
            "/applied_coupon_codes/{id}",
            get(|ctx: Ctx, Path(id): Path<String>| {
                engine::get_one(&kinds::APPLIED_COUPON_CODES, ctx, id)
            })
            .delete(remove_code)
            .options(|| async { engine::options("GET, HEAD, DELETE, OPTIONS") }),
        )
}

async fn apply_code(ctx: Ctx, Path(id): Path<String>, bytes: Bytes) -> Result<Response, ApiError> {
    let cart_id = parse_id(&kinds::CARTS, &id)?;
    let doc = body::parse(&ctx.headers, &bytes)?;
    let code = doc
        .property("code")
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or("")
        .to_owned();
    let pres = ctx.pres.clone();
    let (href, new_id) = ctx
        .state
        .db
        .run(move |conn| {
            let cart = db::load(conn, &kinds::CARTS, cart_id)?;
            let Some((known, rule, name)) =
                COUPONS.iter().find(|c| c.0.eq_ignore_ascii_case(&code))
            else {
                return Err(ApiError::bad_request(format!(
                    "coupon code {code:?} is not valid for this store"
                )));
            };
            let applied = db::children(conn, "carts", cart_id, &kinds::APPLIED_COUPON_CODES)?;
            if applied.iter().any(|a| a.text("code") == *known) {
                return Err(ApiError::bad_request(format!(
                    "coupon code {known} is already applied to this cart"
                )));
            }
            let child = kinds::CARTS
                .child("applied_coupon_codes")
                .ok_or_else(|| ApiError::internal("carts lack applied coupon codes"))?;
            let mut props = Map::new();
            props.insert("code".into(), Value::from(*known));
            let rec = engine::create_record(conn, &cart, child, &props)?;
            let mut discount = crate::input::defaults(&kinds::DISCOUNTS);
            discount.insert("code".into(), Value::from(*known));
            discount.insert("name".into(), Value::from(*name));
            discount.insert("rule".into(), Value::from(*rule));
            db::insert(conn, &kinds::DISCOUNTS, Some(("carts", cart_id)), &discount)?;
            Ok((links::self_href(&pres, &rec), rec.id))
        })
        .await?;
    ctx.created(
        &href,
        kinds::APPLIED_COUPON_CODES.title,
        format!("applied_coupon_code {new_id} created successfully."),
    )
}

async fn remove_code(ctx: Ctx, Path(id): Path<String>) -> Result<Response, ApiError> {
    let kind = &kinds::APPLIED_COUPON_CODES;
    let id = parse_id(kind, &id)?;
    let pres = ctx.pres.clone();
    let href = ctx
        .state
        .db
        .run(move |conn| {
            let rec = db::load(conn, kind, id)?;
            let href = links::self_href(&pres, &rec);
            if let Some(cart) = rec.parent_of("carts") {
                for d in db::children(conn, "carts", cart, &kinds::DISCOUNTS)? {
                    if d.text("code") == rec.text("code") {
                        db::delete(conn, d.id, kinds::DISCOUNTS.key)?;
                    }
                }
                db::touch(conn, cart)?;
            }
            db::delete(conn, id, kind.key)?;
            Ok(href)
        })
        .await?;
    let doc = present::message(
        &href,
        kind.title,
        format!("applied_coupon_code {id} deleted successfully."),
    );
    ctx.with_status(StatusCode::OK, &doc)
}
