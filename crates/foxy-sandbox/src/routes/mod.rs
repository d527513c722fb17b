//! The router: one module per concept, merged here, wrapped in the middleware stack.
//!
//! Adding a module: write `pub fn routes() -> Router<AppState>` and merge it
//! into `api` (authenticated hAPI routes) or `open` (no version header or token).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request};
use axum::middleware;
use axum::response::Response;
use axum::routing::{MethodRouter, get};

use crate::auth;
use crate::engine;
use crate::error::ApiError;
use crate::input::Mode;
use crate::kinds::Kind;
use crate::render::Ctx;
use crate::state::AppState;

pub mod cart_endpoint;
pub mod cart_parts;
pub mod carts;
pub mod customers;
pub mod home;
pub mod items;
pub mod legacy;
pub mod sandbox;
pub mod store;
pub mod token;
pub mod transactions;
pub mod trigger;
pub mod webhooks;

/// The whole application.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(home::routes())
        .merge(store::routes())
        .merge(carts::routes())
        .merge(cart_parts::routes())
        .merge(items::routes())
        .merge(customers::routes())
        .merge(transactions::routes())
        .merge(webhooks::routes())
        .merge(crate::described::routes::routes())
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::require));
    let open = Router::new()
        .merge(token::routes())
        .merge(sandbox::routes())
        .merge(cart_endpoint::routes())
        .merge(legacy::routes())
        .merge(webhooks::sandbox_routes())
        .merge(trigger::routes());
    Router::new()
        .merge(api)
        .merge(open)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::edge::stack,
        ))
        .with_state(state)
}

async fn not_found(req: Request) -> ApiError {
    ApiError::not_found(format!(
        "no route for {} {}",
        req.method(),
        crate::error::excerpt(req.uri().path())
    ))
}

/// Routes for one resource of `kind`: GET/HEAD, PATCH, PUT, OPTIONS, and DELETE when `delete`.
pub fn one(kind: &'static Kind, delete: bool) -> MethodRouter<AppState> {
    let allow = if delete {
        "GET, HEAD, PATCH, PUT, DELETE, OPTIONS"
    } else {
        "GET, HEAD, PATCH, PUT, OPTIONS"
    };
    let r = get(move |ctx: Ctx, Path(id): Path<String>| engine::get_one(kind, ctx, id))
        .patch(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            engine::update_one(kind, ctx, id, b, Mode::Patch)
        })
        .put(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            engine::update_one(kind, ctx, id, b, Mode::Replace)
        })
        .options(move || async move { engine::options(allow) });
    if delete {
        r.delete(move |ctx: Ctx, Path(id): Path<String>| engine::delete_one(kind, ctx, id))
    } else {
        r
    }
}

/// Routes for the seeded user or store: as [`one`], and DELETE (which the
/// description allows) refused with a 403, since the sandbox serves that one.
pub fn kept(kind: &'static Kind) -> MethodRouter<AppState> {
    get(move |ctx: Ctx, Path(id): Path<String>| engine::get_one(kind, ctx, id))
        .patch(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            engine::update_one(kind, ctx, id, b, Mode::Patch)
        })
        .put(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            engine::update_one(kind, ctx, id, b, Mode::Replace)
        })
        .delete(move || async move {
            Err::<Response, ApiError>(ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                format!("the sandbox's {} cannot be deleted", kind.rel),
            ))
        })
        .options(|| async { engine::options("GET, HEAD, PATCH, PUT, DELETE, OPTIONS") })
}

/// Routes for a read-only resource: GET/HEAD and OPTIONS.
pub fn read_only(kind: &'static Kind) -> MethodRouter<AppState> {
    get(move |ctx: Ctx, Path(id): Path<String>| engine::get_one(kind, ctx, id))
        .options(|| async { engine::options("GET, HEAD, OPTIONS") })
}

/// Routes for a child collection: GET/HEAD, OPTIONS, and POST when `post`.
pub fn many(parent: &'static Kind, rel: &'static str, post: bool) -> MethodRouter<AppState> {
    let allow = if post {
        "GET, HEAD, POST, OPTIONS"
    } else {
        "GET, HEAD, OPTIONS"
    };
    let r = get(move |ctx: Ctx, Path(id): Path<String>| engine::list(parent, rel, ctx, id))
        .options(move || async move { engine::options(allow) });
    if post {
        r.post(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            engine::create(parent, rel, ctx, id, b)
        })
    } else {
        r
    }
}
