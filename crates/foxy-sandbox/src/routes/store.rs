//! The store, its collections, template sets and item categories.

use axum::Router;

use crate::kinds;
use crate::routes::{kept, many, one};
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    let s = &kinds::STORES;
    Router::new()
        .route("/stores/{id}", kept(s))
        .route("/stores/{id}/customers", many(s, "customers", true))
        .route("/stores/{id}/carts", many(s, "carts", true))
        .route("/stores/{id}/transactions", many(s, "transactions", false))
        .route(
            "/stores/{id}/item_categories",
            many(s, "item_categories", true),
        )
        .route("/stores/{id}/template_sets", many(s, "template_sets", true))
        .route("/template_sets/{id}", one(&kinds::TEMPLATE_SETS, true))
        .route("/item_categories/{id}", one(&kinds::ITEM_CATEGORIES, true))
}
