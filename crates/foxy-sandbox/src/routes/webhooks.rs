//! Webhook endpoints (`/stores/{id}/webhooks`, `/webhooks/{id}`), the
//! store's subscriptions (`/stores/{id}/subscriptions`, `/subscriptions/{id}`)
//! and the delivery log `GET /_sandbox/deliveries` (test support).
//!
//! A webhook is `{name, url, format: "json", event_resource: "transaction"
//! (or "subscription", "customer"), encryption_key, query, is_active}` as in
//! foxy-elements' `webhooks.json`; `crate::delivery` posts each new
//! transaction (and each triggered subscription or customer event) to the
//! active ones of its resource.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{MethodRouter, get};
use foxy_proto::{Link, Rel, Resource, Value};

use crate::body;
use crate::db;
use crate::engine::{self, parse_id};
use crate::error::ApiError;
use crate::kinds::{self, Child};
use crate::query::Query;
use crate::render::Ctx;
use crate::routes::one;
use crate::state::AppState;

static WEBHOOKS: Child = Child {
    rel: "webhooks",
    path: "webhooks",
    kind: &kinds::WEBHOOKS,
    title: "Webhooks for This Store",
};

static SUBSCRIPTIONS: Child = Child {
    rel: "subscriptions",
    path: "subscriptions",
    kind: &kinds::SUBSCRIPTIONS,
    title: "Subscriptions for This Store",
};

/// Authenticated hAPI routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/stores/{id}/webhooks", store_collection(&WEBHOOKS, true))
        .route("/webhooks/{id}", one(&kinds::WEBHOOKS, true))
        .route(
            "/stores/{id}/subscriptions",
            store_collection(&SUBSCRIPTIONS, false),
        )
        .route("/subscriptions/{id}", one(&kinds::SUBSCRIPTIONS, false))
}

/// Open test-support routes of this module.
pub fn sandbox_routes() -> Router<AppState> {
    Router::new().route("/_sandbox/deliveries", get(deliveries))
}

/// GET (and POST when `post`) on a collection of the store not declared as a
/// child of the store kind.
fn store_collection(child: &'static Child, post: bool) -> MethodRouter<AppState> {
    let allow = if post {
        "GET, HEAD, POST, OPTIONS"
    } else {
        "GET, HEAD, OPTIONS"
    };
    let r = get(move |ctx: Ctx, Path(id): Path<String>| list(child, ctx, id))
        .options(move || async move { engine::options(allow) });
    if post {
        r.post(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| create(child, ctx, id, b))
    } else {
        r
    }
}

async fn list(child: &'static Child, ctx: Ctx, id: String) -> Result<Response, ApiError> {
    let store = parse_id(&kinds::STORES, &id)?;
    let q = Query::parse(&ctx.query, child.kind)?;
    let pres = ctx.pres.clone();
    let url = format!("{}{}", ctx.pres.base, ctx.path);
    let pairs = ctx.query.clone();
    let res = ctx
        .state
        .db
        .run(move |conn| {
            db::load(conn, &kinds::STORES, store)?;
            let records = db::children(conn, "stores", store, child.kind)?;
            engine::collection(conn, &pres, child, records, &q, &url, &pairs)
        })
        .await?;
    ctx.ok(&res, None)
}

fn check_webhook(doc: &Resource) -> Result<(), ApiError> {
    let text = |name: &str| {
        doc.property(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let url = text("url");
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(ApiError::bad_request(format!(
            "url must be an http(s) URL, got {url:?}"
        )));
    }
    if !matches!(text("format"), "" | "json") {
        return Err(ApiError::bad_request(
            "format: the sandbox delivers json webhooks only",
        ));
    }
    if !matches!(
        text("event_resource"),
        "" | "transaction" | "subscription" | "customer"
    ) {
        return Err(ApiError::bad_request(
            "event_resource: the sandbox sends transaction, subscription and customer events only",
        ));
    }
    Ok(())
}

async fn create(
    child: &'static Child,
    ctx: Ctx,
    id: String,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let store = parse_id(&kinds::STORES, &id)?;
    let (doc, edits) = body::parse_document(&ctx.headers, &bytes)?;
    check_webhook(&doc)?;
    let pres = ctx.pres.clone();
    let (href, rid) = ctx
        .state
        .db
        .run(move |conn| {
            let parent = db::load(conn, &kinds::STORES, store)?;
            let rec = engine::create_record(conn, &parent, child, &doc.properties)?;
            let rec = engine::apply_links(conn, rec, &edits)?;
            Ok((crate::links::self_href(&pres, &rec), rec.id))
        })
        .await?;
    ctx.created(
        &href,
        child.kind.title,
        format!("{} {rid} created successfully.", child.kind.rel),
    )
}

async fn deliveries(ctx: Ctx) -> Result<Response, ApiError> {
    let rows = ctx
        .state
        .db
        .run(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, kind, target, event, attempt, status, created FROM deliveries ORDER BY id",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(Resource::new()
                        .with_property("id", r.get::<_, i64>(0)?)
                        .with_property("kind", r.get::<_, String>(1)?)
                        .with_property("target", r.get::<_, String>(2)?)
                        .with_property("event", r.get::<_, String>(3)?)
                        .with_property("attempt", r.get::<_, i64>(4)?)
                        .with_property("status", r.get::<_, String>(5)?)
                        .with_property("date_created", r.get::<_, String>(6)?))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await?;
    let mut res = Resource::new().with_link(
        Rel::SELF,
        Link::new(format!("{}/_sandbox/deliveries", ctx.pres.base)).titled("Delivery attempts"),
    );
    res.set_property("total_items", rows.len() as u64);
    let rel = Rel::fx("deliveries");
    res.embedded.entry(rel.clone()).or_default();
    for row in rows {
        res.embed(rel.clone(), row);
    }
    ctx.with_status(StatusCode::OK, &res)
}
