//! Items, item options and item attributes.

use axum::Router;

use crate::kinds;
use crate::routes::{many, one};
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/items/{id}", one(&kinds::ITEMS, true))
        .route(
            "/items/{id}/item_options",
            many(&kinds::ITEMS, "item_options", true),
        )
        .route(
            "/items/{id}/attributes",
            many(&kinds::ITEMS, "attributes", true),
        )
        .route("/item_options/{id}", one(&kinds::ITEM_OPTIONS, true))
        .route("/item_attributes/{id}", one(&kinds::ITEM_ATTRIBUTES, true))
}
