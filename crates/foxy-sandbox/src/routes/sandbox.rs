//! Non-Foxy test support: `GET /_sandbox/stats` (counters) and `DELETE` to reset them;
//! `GET /_sandbox/grants`, the OAuth grants issued, as plain JSON.

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use foxy_proto::{Link, Map, MediaType, Rel, Resource, Value, codec};

use crate::db;
use crate::error::ApiError;
use crate::kinds;
use crate::render::Ctx;
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/_sandbox/stats", get(stats).delete(reset))
        .route("/_sandbox/grants", get(grants))
}

/// `{"refresh_token": N, "client_credentials": N, "authorization_code": N}`:
/// successful token grants of each type since start (or the last reset).
async fn grants(ctx: Ctx) -> Response {
    let s = ctx.state.counters.snapshot();
    let mut m = Map::new();
    for (name, n) in [
        ("refresh_token", s.refresh_grants),
        ("client_credentials", s.client_credentials_grants),
        ("authorization_code", s.authorization_code_grants),
    ] {
        m.insert(name.into(), Value::from(n));
    }
    let body = codec::json::to_vec(&Value::Object(m));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, MediaType::Json.as_str()),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
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
