//! Non-Foxy test support: `GET /_sandbox/stats` (counters) and `DELETE` to reset them.

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use foxy_proto::{Link, Rel, Resource};

use crate::db;
use crate::error::ApiError;
use crate::kinds;
use crate::render::Ctx;
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new().route("/_sandbox/stats", get(stats).delete(reset))
}

async fn stats(ctx: Ctx) -> Result<Response, ApiError> {
    let snapshot = ctx.state.counters.snapshot();
    let stored = ctx
        .state
        .db
        .run(|conn| db::count(conn, &kinds::TRANSACTIONS))
        .await?;
    let mut res = Resource::new().with_link(
        Rel::SELF,
        Link::new(format!("{}/_sandbox/stats", ctx.pres.base)).titled("Sandbox counters"),
    );
    for (name, value) in snapshot.pairs() {
        res.set_property(name, value);
    }
    res.set_property("transactions_stored", stored);
    ctx.with_status(StatusCode::OK, &res)
}

async fn reset(ctx: Ctx) -> Result<Response, ApiError> {
    ctx.state.counters.reset();
    stats(ctx).await
}
