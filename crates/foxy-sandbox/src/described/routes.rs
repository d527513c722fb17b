//! The routes of the relations served by the generic engine, made from the
//! catalog: single resources, collections, actions, external pages and
//! property helpers. Each route allows its relation's methods (HEAD and
//! OPTIONS implied); any other method is a 405 with `Allow`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use foxy_schema::{Method, Relation};

use super::{Collection, actions, catalog, helpers, leak};
use crate::db;
use crate::engine::{self, parse_id};
use crate::error::ApiError;
use crate::input::Mode;
use crate::kinds::Kind;
use crate::query::Query;
use crate::render::Ctx;
use crate::state::AppState;

/// Every generic route.
pub fn routes() -> Router<AppState> {
    let c = catalog();
    let mut router = Router::new();
    for kind in &c.singles {
        if let Some(r) = c.relation(kind) {
            router = router.route(&format!("/{}/{{id}}", kind.key), single(kind, r));
        }
    }
    for coll in &c.collections {
        router = router.route(&coll.route, collection(coll));
    }
    for action in &c.actions {
        let r = action.relation;
        let on = action.on;
        let m = MethodRouter::new().post(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            actions::run(r, on, ctx, id, b)
        });
        router = router.route(&action.route, with_options(m, r));
    }
    for (route, r) in &c.externals {
        let r: &'static Relation = r;
        let m = get(move |Path(id): Path<String>| async move { helpers::external_page(r, &id) });
        router = router.route(route, with_options(m, r));
    }
    for r in &c.helpers {
        let r: &'static Relation = r;
        if let Some(path) = r.path.as_deref() {
            let m = get(move |ctx: Ctx| helpers::get(r, ctx));
            router = router.route(&format!("/{path}"), with_options(m, r));
        }
    }
    router
}

/// The `Allow` value of a relation: its methods, HEAD with GET, and OPTIONS.
pub fn allow(r: &Relation) -> &'static str {
    let mut parts = Vec::new();
    for (m, name) in [
        (Method::Get, "GET, HEAD"),
        (Method::Post, "POST"),
        (Method::Put, "PUT"),
        (Method::Patch, "PATCH"),
        (Method::Delete, "DELETE"),
    ] {
        if r.allows(m) {
            parts.push(name);
        }
    }
    parts.push("OPTIONS");
    leak(parts.join(", "))
}

fn with_options(m: MethodRouter<AppState>, r: &'static Relation) -> MethodRouter<AppState> {
    let allow = allow(r);
    m.options(move || async move { options(allow) })
}

/// 200 with `Allow`.
pub fn options(allow: &'static str) -> Response {
    let mut resp = StatusCode::OK.into_response();
    resp.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    resp
}

fn single(kind: &'static Kind, r: &'static Relation) -> MethodRouter<AppState> {
    let mut m = MethodRouter::new();
    if r.allows(Method::Get) {
        m = m.get(move |ctx: Ctx, Path(id): Path<String>| engine::get_one(kind, ctx, id));
    }
    if r.allows(Method::Put) {
        m = m.put(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            engine::update_one(kind, ctx, id, b, Mode::Replace)
        });
    }
    if r.allows(Method::Patch) {
        m = m.patch(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            engine::update_one(kind, ctx, id, b, Mode::Patch)
        });
    }
    if r.allows(Method::Delete) {
        m = m.delete(move |ctx: Ctx, Path(id): Path<String>| engine::delete_one(kind, ctx, id));
    }
    if r.allows(Method::Post) {
        m = m.post(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| {
            actions::run(r, Some(kind), ctx, id, b)
        });
    }
    with_options(m, r)
}

fn collection(coll: &'static Collection) -> MethodRouter<AppState> {
    let r = coll.relation;
    let mut m = MethodRouter::new();
    if coll.parent.is_none() {
        m = m.get(move |ctx: Ctx| list(coll, ctx, None));
        return with_options(m, r);
    }
    if r.allows(Method::Get) {
        m = m.get(move |ctx: Ctx, Path(id): Path<String>| list(coll, ctx, Some(id)));
    }
    if r.allows(Method::Post) {
        m = m.post(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| create(coll, ctx, id, b));
    }
    // Foxy creates or replaces many attributes at once; the sandbox takes one.
    if r.allows(Method::Put) {
        m = m.put(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| create(coll, ctx, id, b));
    }
    if r.allows(Method::Patch) {
        m = m.patch(move |ctx: Ctx, Path(id): Path<String>, b: Bytes| create(coll, ctx, id, b));
    }
    with_options(m, r)
}

/// GET a generic collection with the query language.
async fn list(
    coll: &'static Collection,
    ctx: Ctx,
    parent: Option<String>,
) -> Result<Response, ApiError> {
    let parent = match (coll.parent, parent) {
        (Some(kind), Some(text)) => Some((kind, parse_id(kind, &text)?)),
        _ => None,
    };
    let child = coll.child;
    let q = Query::parse(&ctx.query, child.kind)?;
    let pres = ctx.pres.clone();
    let url = format!("{}{}", ctx.pres.base, ctx.path);
    let pairs = ctx.query.clone();
    let res = ctx
        .state
        .db
        .run(move |conn| {
            let (pk, pid) = match parent {
                Some((kind, id)) => (db::load(conn, kind, id)?.kind.key, id),
                None => (helpers::ROOT, 0),
            };
            if q.filters.is_empty() && q.order.is_empty() {
                let page = db::children_page(conn, pk, pid, child.kind, q.offset, q.limit)?;
                return engine::page_resource(
                    conn,
                    &pres,
                    child,
                    page.total,
                    page.records,
                    &q,
                    &url,
                    &pairs,
                );
            }
            let records = db::children(conn, pk, pid, child.kind)?;
            engine::collection(conn, &pres, child, records, &q, &url, &pairs)
        })
        .await?;
    ctx.ok(&res, None)
}

/// POST to a generic collection: 201, `Location`, `{self, message}`.
async fn create(
    coll: &'static Collection,
    ctx: Ctx,
    parent: String,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let Some(parent_kind) = coll.parent else {
        return Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "this collection is read only",
        ));
    };
    let pid = parse_id(parent_kind, &parent)?;
    let (doc, edits) = crate::body::parse_document(&ctx.headers, &bytes)?;
    let pres = ctx.pres.clone();
    let child = coll.child;
    let (href, id) = ctx
        .state
        .db
        .run(move |conn| {
            let parent = db::load(conn, parent_kind, pid)?;
            let rec = engine::create_record(conn, &parent, child, &doc.properties)?;
            let rec = engine::apply_links(conn, rec, &edits)?;
            Ok((crate::links::self_href(&pres, &rec), rec.id))
        })
        .await?;
    ctx.created(
        &href,
        child.kind.title,
        format!("{} {id} created successfully.", child.kind.rel),
    )
}
