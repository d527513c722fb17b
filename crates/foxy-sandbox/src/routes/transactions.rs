//! Transactions (created by charging a cart) and their items, discounts and custom fields;
//! their actions (refund, void...) are in `crate::described::actions`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;

use crate::engine;
use crate::error::ApiError;
use crate::input::Mode;
use crate::kinds;
use crate::render::Ctx;
use crate::routes::many;
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    let t = &kinds::TRANSACTIONS;
    Router::new()
        .route(
            "/transactions/{id}",
            get(|ctx: Ctx, Path(id): Path<String>| engine::get_one(t, ctx, id))
                .patch(|ctx: Ctx, Path(id): Path<String>, b: Bytes| {
                    engine::update_one(t, ctx, id, b, Mode::Patch)
                })
                .put(|ctx: Ctx, Path(id): Path<String>, b: Bytes| {
                    engine::update_one(t, ctx, id, b, Mode::Replace)
                })
                .post(post)
                .options(|| async { engine::options("GET, HEAD, POST, PUT, PATCH, OPTIONS") }),
        )
        .route("/transactions/{id}/items", many(t, "items", false))
        .route("/transactions/{id}/discounts", many(t, "discounts", false))
        .route(
            "/transactions/{id}/custom_fields",
            many(t, "custom_fields", false),
        )
}

/// POST to a transaction (the description allows it): answers with a message
/// and changes nothing, like the actions without an effect.
async fn post(ctx: Ctx, Path(id): Path<String>, b: Bytes) -> Result<Response, ApiError> {
    let relation = crate::described::catalog()
        .relation(&kinds::TRANSACTIONS)
        .ok_or_else(|| ApiError::internal("transactions are not described"))?;
    crate::described::actions::run(relation, Some(&kinds::TRANSACTIONS), ctx, id, b).await
}
