//! Transactions (created by charging a cart) and their items, discounts and custom fields.

use axum::Router;

use crate::kinds;
use crate::routes::{many, one};
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    let t = &kinds::TRANSACTIONS;
    Router::new()
        .route("/transactions/{id}", one(t, false))
        .route("/transactions/{id}/items", many(t, "items", false))
        .route("/transactions/{id}/discounts", many(t, "discounts", false))
        .route(
            "/transactions/{id}/custom_fields",
            many(t, "custom_fields", false),
        )
}
