//! The generic resource engine: read, list, create, update and delete any [`Kind`].
//!
//! Route modules call these with the kind (and parent) of their URL; kind-specific
//! rules (cart addresses, card masking) live in [`prepare`], and a new cart's embedded
//! children are created by the same [`sync_embedded`] as a PUT to it.

use std::collections::BTreeSet;

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use foxy_proto::{Link, Map, Rel, Resource, Value};
use rusqlite::Connection;

use crate::body;
use crate::db::{self, Record};
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds::{self, Child, Kind};
use crate::links::{self, page_title};
use crate::present::{self, Pres};
use crate::query::{Query, Zoom};
use crate::render::{Ctx, encode_query};

/// Parses an id path segment; anything else is a 404.
pub fn parse_id(kind: &Kind, text: &str) -> Result<i64, ApiError> {
    text.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::not_found(format!(
            "{} {:?} not found",
            kind.rel,
            crate::error::excerpt(text)
        ))
    })
}

/// Answers OPTIONS with the allowed methods.
pub fn options(allow: &'static str) -> Response {
    let mut resp = StatusCode::OK.into_response();
    resp.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    resp
}

/// Loads a record of `kind` (a 404 otherwise); the sandbox has a single store, so every record is its.
pub fn load_owned(conn: &Connection, kind: &Kind, id: i64) -> Result<Record, ApiError> {
    db::load(conn, kind, id)
}

/// GET one resource, with `zoom`, child filters and `fields`.
pub async fn get_one(kind: &'static Kind, ctx: Ctx, id: String) -> Result<Response, ApiError> {
    let id = parse_id(kind, &id)?;
    let q = Query::parse(&ctx.query, kind)?;
    let pres = &ctx.pres;
    let (res, modified) = ctx.state.db.read(|conn| {
        let rec = load_owned(conn, kind, id)?;
        let modified = rec.modified.clone().unwrap_or_else(|| rec.created.clone());
        let res =
            present::resource_owned(conn, pres, rec, &q.zoom, &q.filters, q.fields.as_deref())?;
        Ok((res, modified))
    })?;
    ctx.ok(&res, Some(&modified))
}

/// Kind-specific rules applied to new stored properties before saving.
pub fn prepare(
    conn: &Connection,
    kind: &Kind,
    before: Option<&Map>,
    body: &Map,
    props: &mut Map,
) -> Result<(), ApiError> {
    match kind.key {
        "carts" => {
            if before.is_none() && props.get("template_set_id").is_none_or(Value::is_null) {
                let default_set = conn
                    .query_row(
                        "SELECT id FROM records WHERE kind = 'template_sets' ORDER BY id LIMIT 1",
                        [],
                        |r| r.get::<_, i64>(0),
                    )
                    .ok();
                props.insert(
                    "template_set_id".into(),
                    default_set.map_or(Value::Null, Value::from),
                );
            }
            let new_customer = props.get("customer_id").and_then(Value::as_i64_lenient);
            let old_customer = before
                .and_then(|b| b.get("customer_id"))
                .and_then(Value::as_i64_lenient);
            let explicit = body
                .keys()
                .any(|k| k.starts_with("billing_") || k.starts_with("shipping_"));
            if let (Some(cid), false) = (new_customer, new_customer == old_customer || explicit) {
                fill_addresses(conn, cid, props)?;
            }
        }
        "payment_methods" => {
            if let Some(number) = body.get("cc_number").and_then(Value::as_str) {
                let digits: String = number.chars().filter(char::is_ascii_digit).collect();
                if digits.len() < 12 {
                    return Err(ApiError::bad_request(
                        "cc_number must have at least 12 digits",
                    ));
                }
                let last4 = &digits[digits.len() - 4..];
                let cc_type = match digits.as_bytes()[0] {
                    b'4' => "Visa",
                    b'5' | b'2' => "MasterCard",
                    b'3' => "American Express",
                    b'6' => "Discover",
                    _ => "Unknown",
                };
                props.insert(
                    "cc_number_masked".into(),
                    Value::String(format!("{}{last4}", "x".repeat(digits.len() - 4))),
                );
                props.insert("cc_type".into(), Value::from(cc_type));
                if body.get("save_cc").is_none() {
                    props.insert("save_cc".into(), Value::Bool(true));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn fill_addresses(conn: &Connection, customer: i64, props: &mut Map) -> Result<(), ApiError> {
    let addrs = db::children(conn, "customers", customer, &kinds::CUSTOMER_ADDRESSES)?;
    let flag = |a: &&Record, f: &str| a.props.get(f).and_then(Value::as_bool) == Some(true);
    let billing = addrs.iter().find(|a| flag(a, "is_default_billing"));
    let use_shipping = props
        .get("use_customer_shipping_address")
        .and_then(Value::as_bool)
        != Some(false);
    let shipping = if use_shipping {
        addrs
            .iter()
            .find(|a| flag(a, "is_default_shipping"))
            .or(billing)
    } else {
        billing
    };
    for (prefix, addr) in [("billing", billing), ("shipping", shipping)] {
        let Some(addr) = addr else { continue };
        for (to, from) in [
            ("first_name", "first_name"),
            ("last_name", "last_name"),
            ("company", "company"),
            ("address1", "address1"),
            ("address2", "address2"),
            ("city", "city"),
            ("state", "region"),
            ("postal_code", "postal_code"),
            ("country", "country"),
            ("phone", "phone"),
        ] {
            props.insert(format!("{prefix}_{to}"), Value::String(addr.text(from)));
        }
    }
    Ok(())
}

/// Writes a record's new properties from a request body (PUT or PATCH) and returns it.
pub fn write_record(
    conn: &Connection,
    rec: &Record,
    body: &Map,
    mode: Mode,
) -> Result<Record, ApiError> {
    let mut props = input::apply(conn, rec.kind, Some(&rec.props), body, mode)?;
    prepare(conn, rec.kind, Some(&rec.props), body, &mut props)?;
    db::update(conn, rec.id, &props)?;
    if let Some((pk, pid)) = &rec.parent {
        if pk != "stores" && pk != "users" {
            db::touch(conn, *pid)?;
        }
    }
    db::load(conn, rec.kind, rec.id)
}

/// Applies a request body's extension links to a record and returns it with
/// them: each given href set (in place, or appended), each `None` removed,
/// the others kept. A PUT carries none, so it keeps them all.
pub fn apply_links(
    conn: &Connection,
    mut rec: Record,
    edits: &[body::LinkEdit],
) -> Result<Record, ApiError> {
    if edits.is_empty() {
        return Ok(rec);
    }
    let mut links = rec.links.clone();
    for (rel, href) in edits {
        let at = links.iter().position(|(r, _)| r == rel);
        match (href, at) {
            (Some(href), Some(i)) => links[i].1.clone_from(href),
            (Some(href), None) => links.push((rel.clone(), href.clone())),
            (None, Some(i)) => {
                links.remove(i);
            }
            (None, None) => {}
        }
    }
    if links.len() > input::MAX_EXTENSION_LINKS {
        return Err(ApiError::bad_request(format!(
            "a {} holds at most {} extension (x:) links",
            rec.kind.rel,
            input::MAX_EXTENSION_LINKS
        )));
    }
    if links != rec.links {
        db::set_links(conn, rec.id, &links)?;
        rec.links = links;
    }
    Ok(rec)
}

/// PUT or PATCH one resource; answers with the updated resource.
pub async fn update_one(
    kind: &'static Kind,
    ctx: Ctx,
    id: String,
    bytes: Bytes,
    mode: Mode,
) -> Result<Response, ApiError> {
    let id = parse_id(kind, &id)?;
    let q = Query::parse(&ctx.query, kind)?;
    let (doc, edits) = body::parse_document(&ctx.headers, &bytes)?;
    let pres = ctx.pres.clone();
    let res = ctx
        .state
        .db
        .run(move |conn| {
            let rec = load_owned(conn, kind, id)?;
            let rec = write_record(conn, &rec, &doc.properties, mode)?;
            let rec = apply_links(conn, rec, &edits)?;
            present::resource(conn, &pres, &rec, &q.zoom, &q.filters, q.fields.as_deref())
        })
        .await?;
    ctx.with_status(StatusCode::OK, &res)
}

/// DELETE one resource (and everything under it).
pub async fn delete_one(kind: &'static Kind, ctx: Ctx, id: String) -> Result<Response, ApiError> {
    let id = parse_id(kind, &id)?;
    let pres = ctx.pres.clone();
    let href = ctx
        .state
        .db
        .run(move |conn| {
            let rec = load_owned(conn, kind, id)?;
            let href = links::self_href(&pres, &rec);
            db::delete(conn, rec.id, kind.key)?;
            if let Some((pk, pid)) = &rec.parent {
                if pk != "stores" && pk != "users" {
                    db::touch(conn, *pid)?;
                }
            }
            Ok(href)
        })
        .await?;
    let doc = present::message(
        &href,
        kind.title,
        format!("{} {id} deleted successfully.", kind.rel),
    );
    ctx.with_status(StatusCode::OK, &doc)
}

/// Creates a child record under a parent from a request body.
pub fn create_record(
    conn: &Connection,
    parent: &Record,
    child: &Child,
    body: &Map,
) -> Result<Record, ApiError> {
    let mut props = input::apply(conn, child.kind, None, body, Mode::Create)?;
    prepare(conn, child.kind, None, body, &mut props)?;
    crate::described::seed::own_ids(conn, child.kind, (parent.kind, parent.id), &mut props)?;
    let id = db::insert(conn, child.kind, Some((parent.kind.key, parent.id)), &props)?;
    if parent.kind.key != "stores" && parent.kind.key != "users" {
        db::touch(conn, parent.id)?;
    }
    db::load(conn, child.kind, id)
}

/// Synchronises the children of `parent` under `child` with embedded `members`:
/// members without a `self` link are created, with one modified, the rest deleted.
fn sync(
    conn: &Connection,
    parent: &Record,
    child: &'static Child,
    members: &[Resource],
    zoom: Option<&Zoom>,
) -> Result<(), ApiError> {
    let existing = db::children(conn, parent.kind.key, parent.id, child.kind)?;
    let mut kept = BTreeSet::new();
    for member in members {
        let rec = match member.self_href() {
            Some(href) => {
                let tail = href
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or_default();
                let found = tail
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| existing.iter().find(|r| r.id == id));
                let Some(rec) = found else {
                    return Err(ApiError::bad_request(format!(
                        "embedded {} {href:?} does not belong to this {}",
                        child.kind.rel,
                        parent.kind.rel,
                        href = crate::error::excerpt(href)
                    )));
                };
                write_record(conn, rec, &member.properties, Mode::Replace)?
            }
            None => create_record(conn, parent, child, &member.properties)?,
        };
        kept.insert(rec.id);
        sync_embedded(conn, &rec, member, zoom.and_then(|z| z.get(child.rel)))?;
    }
    for rec in existing.iter().filter(|r| !kept.contains(&r.id)) {
        db::delete(conn, rec.id, rec.kind.key)?;
    }
    Ok(())
}

/// The embedded members of `doc` for a child, under its plural (JSON) or singular (XML) relation.
fn members<'a>(doc: &'a Resource, child: &Child) -> Option<&'a [Resource]> {
    [Rel::fx(child.rel), Rel::fx(child.kind.rel)]
        .into_iter()
        .find_map(|rel| doc.embedded.get(&rel).map(Vec::as_slice))
}

/// Syncs each child relation of `rec` that is zoomed or present in `doc`:
/// items (and below them item options and attributes), attributes and
/// custom fields. A PUT to a cart and the POST creating one both apply
/// their embedded children through here.
pub fn sync_embedded(
    conn: &Connection,
    rec: &Record,
    doc: &Resource,
    zoom: Option<&Zoom>,
) -> Result<(), ApiError> {
    for child in rec.kind.children {
        if !matches!(
            child.rel,
            "items" | "item_options" | "attributes" | "custom_fields"
        ) {
            continue;
        }
        let zoomed = zoom.is_some_and(|z| z.contains_key(child.rel));
        match members(doc, child) {
            Some(list) => sync(conn, rec, child, list, zoom)?,
            None if zoomed => sync(conn, rec, child, &[], zoom)?,
            None => {}
        }
    }
    Ok(())
}

/// Kind-specific work after a record was created from the request body
/// `doc`: a new cart or item gets the children the body embeds, as a PUT
/// would give them (`Cart::new().with_item(..)` posted whole, or an item
/// posted with its options and attributes).
fn after_create(conn: &Connection, rec: &Record, doc: &Resource) -> Result<(), ApiError> {
    match rec.kind.key {
        "carts" | "items" => sync_embedded(conn, rec, doc, None),
        _ => Ok(()),
    }
}

/// POST to a child collection: 201 with `Location` and a `{self, message}` body.
pub async fn create(
    parent_kind: &'static Kind,
    rel: &'static str,
    ctx: Ctx,
    parent: String,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let child = parent_kind
        .child(rel)
        .ok_or_else(|| ApiError::internal("unknown child relation"))?;
    let pid = parse_id(parent_kind, &parent)?;
    let (doc, edits) = body::parse_document(&ctx.headers, &bytes)?;
    let pres = ctx.pres.clone();
    let (href, id) = ctx
        .state
        .db
        .run(move |conn| {
            let parent = load_owned(conn, parent_kind, pid)?;
            let rec = create_record(conn, &parent, child, &doc.properties)?;
            let rec = apply_links(conn, rec, &edits)?;
            after_create(conn, &rec, &doc)?;
            Ok((links::self_href(&pres, &rec), rec.id))
        })
        .await?;
    ctx.created(
        &href,
        child.kind.title,
        format!("{} {id} created successfully.", child.kind.rel),
    )
}

/// GET a child collection of a parent with the full query language.
pub async fn list(
    parent_kind: &'static Kind,
    rel: &'static str,
    ctx: Ctx,
    parent: String,
) -> Result<Response, ApiError> {
    let child = parent_kind
        .child(rel)
        .ok_or_else(|| ApiError::internal("unknown child relation"))?;
    let pid = parse_id(parent_kind, &parent)?;
    let q = Query::parse(&ctx.query, child.kind)?;
    let pres = ctx.pres.clone();
    let url = format!("{}{}", ctx.pres.base, ctx.path);
    let pairs = ctx.query.clone();
    let (res, modified) = ctx.state.db.read(|conn| {
        let parent = load_owned(conn, parent_kind, pid)?;
        let (parent_key, parent_id) = (parent.kind.key, parent.id);
        if q.filters.is_empty() && q.order.is_empty() {
            // Nothing filters or sorts: the database pages, so deep pages
            // of a large store cost as much as the first.
            let page =
                db::children_page(conn, parent_key, parent_id, child.kind, q.offset, q.limit)?;
            let res = page_resource(
                conn,
                &pres,
                child,
                page.total,
                page.records,
                &q,
                &url,
                &pairs,
            )?;
            return Ok((res, page.modified));
        }
        let records = db::children(conn, parent_key, parent_id, child.kind)?;
        let modified = records.iter().filter_map(|r| r.modified.clone()).max();
        Ok((
            collection(conn, &pres, child, records, &q, &url, &pairs)?,
            modified,
        ))
    })?;
    ctx.ok(&res, modified.as_deref())
}

/// Builds a collection page: filter, order, paginate, zoom, links.
pub fn collection(
    conn: &Connection,
    pres: &Pres,
    child: &Child,
    records: Vec<Record>,
    q: &Query,
    url: &str,
    pairs: &[(String, String)],
) -> Result<Resource, ApiError> {
    let mut views = Vec::new();
    for rec in records {
        let vals = present::values(conn, pres, &rec)?;
        let mut keep = true;
        for f in &q.filters {
            keep = keep && present::satisfies(conn, pres, &rec, &vals, f)?;
        }
        if keep {
            views.push((rec, vals));
        }
    }
    views.sort_by(|a, b| crate::query::compare(child.kind, &a.1, &b.1, &q.order));
    let total = views.len();
    let page = views
        .into_iter()
        .skip(q.offset)
        .take(q.limit)
        .map(|(rec, _)| rec)
        .collect();
    page_resource(conn, pres, child, total, page, q, url, pairs)
}

/// Renders one page of `total` members: counters, the self/first/prev/next/last
/// links and the members, zoomed and trimmed to `fields` as `q` asks.
#[allow(clippy::too_many_arguments)]
pub fn page_resource(
    conn: &Connection,
    pres: &Pres,
    child: &Child,
    total: usize,
    page: Vec<Record>,
    q: &Query,
    url: &str,
    pairs: &[(String, String)],
) -> Result<Resource, ApiError> {
    let mut res = Resource::new();
    let page_href = |offset: usize| {
        let mut p: Vec<(String, String)> = pairs
            .iter()
            .filter(|(k, _)| k != "offset")
            .cloned()
            .collect();
        p.push(("offset".into(), offset.to_string()));
        format!("{url}?{}", encode_query(&p))
    };
    let self_href = if pairs.is_empty() {
        url.to_owned()
    } else {
        format!("{url}?{}", encode_query(pairs))
    };
    let last = if total == 0 {
        0
    } else {
        (total - 1) / q.limit * q.limit
    };
    let next = match q.offset.checked_add(q.limit) {
        Some(next) if next < total => next,
        _ => q.offset.min(last),
    };
    res.add_link(Rel::SELF, Link::new(self_href).titled(page_title("self")));
    for (rel, offset) in [
        (Rel::FIRST, 0),
        (Rel::PREV, q.offset.saturating_sub(q.limit)),
        (Rel::NEXT, next),
        (Rel::LAST, last),
    ] {
        let title = page_title(rel.as_str());
        res.add_link(rel, Link::new(page_href(offset)).titled(title));
    }
    let rel = Rel::fx(child.kind.plural);
    res.embedded.entry(rel.clone()).or_default();
    let returned = page.len();
    // A page of carts reads the totals of all its carts at once.
    let with_totals;
    let pres = match (child.kind.key, page.first(), page.last()) {
        ("carts", Some(first), Some(last)) => {
            let (lo, hi) = (first.id.min(last.id), first.id.max(last.id));
            with_totals = pres.with_totals(conn, lo, hi)?;
            &with_totals
        }
        _ => pres,
    };
    for rec in page {
        res.embed(
            rel.clone(),
            present::resource(conn, pres, &rec, &q.zoom, &q.filters, q.fields.as_deref())?,
        );
    }
    res.set_property("total_items", total.to_string());
    res.set_property("returned_items", returned as u64);
    res.set_property("limit", q.limit as u64);
    res.set_property("offset", q.offset as u64);
    Ok(res)
}
