//! The links a record carries because its relation describes them.
//!
//! The hand-written links of [`crate::links::of`] come first; these add every
//! other described link: child collections, actions and external pages below
//! the record's URL, and other resources (an ancestor, a stored reference, a
//! child of that kind, else the store's first one).

use foxy_proto::{Link, Rel};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Plan, catalog, title_case};
use crate::db::{self, Record};
use crate::error::ApiError;
use crate::kinds::Kind;
use crate::present::Pres;

/// Whether described links are added to a record (not to a cart's items or
/// the cart itself: the hot path of a zoomed cart stays as it was).
pub fn wanted(rec: &Record) -> bool {
    match rec.kind.key {
        "carts" | "cart_attributes" | "cart_custom_fields" | "applied_coupon_codes" => false,
        "items" | "item_options" | "item_attributes" | "discounts" => {
            rec.parent_of("carts").is_none() && rec.parent_of("items").is_none()
        }
        _ => true,
    }
}

/// The described links of `rec` whose relation is not in `have`.
pub fn extra(
    conn: &Connection,
    p: &Pres,
    rec: &Record,
    self_href: &str,
    have: &[(Rel, Link)],
) -> Result<Vec<(Rel, Link)>, ApiError> {
    let Some(plans) = catalog().plans.get(rec.kind.key) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for plan in plans {
        let rel = match plan {
            Plan::Below { rel, .. } | Plan::Resource { rel, .. } | Plan::Fixed { rel, .. } => *rel,
        };
        let r = Rel::fx(rel);
        if have.iter().any(|(h, _)| *h == r) || out.iter().any(|(h, _)| *h == r) {
            continue;
        }
        let href = match plan {
            Plan::Below { tail, .. } => Some(format!("{self_href}/{tail}")),
            Plan::Fixed { path, .. } => Some(format!(
                "{}/{}",
                p.base,
                path.replace("{store}", &p.store_id.to_string())
            )),
            Plan::Resource { kind, .. } => match resource(conn, rec, rel, kind)? {
                Some(id) => db::find(conn, id)?.map(|r| crate::links::self_href(p, &r)),
                None => None,
            },
        };
        if let Some(href) = href {
            let title = match plan {
                Plan::Resource { .. } => format!("This {}", title_case(rel)),
                _ => title_case(rel),
            };
            out.push((r, Link::new(href).titled(title)));
        }
    }
    Ok(out)
}

/// The records `?zoom={name}` embeds in `rec` when its kind has no such
/// hand-written child: the members of a described collection below it, or
/// the described resource its link `name` points to. `None` when `name` is
/// neither.
pub fn zoomed(
    conn: &Connection,
    rec: &Record,
    name: &str,
) -> Result<Option<Vec<Record>>, ApiError> {
    let c = catalog();
    let below = c
        .collections
        .iter()
        .find(|coll| coll.parent.is_some_and(|k| k.key == rec.kind.key) && coll.child.rel == name);
    if let Some(coll) = below {
        return Ok(Some(db::children(
            conn,
            rec.kind.key,
            rec.id,
            coll.child.kind,
        )?));
    }
    let plan = c.plans.get(rec.kind.key).and_then(|plans| {
        plans.iter().find_map(|p| match p {
            Plan::Resource { rel, kind } if *rel == name => Some(*kind),
            _ => None,
        })
    });
    let Some(kind) = plan else {
        return Ok(None);
    };
    let found = match resource(conn, rec, name, kind)? {
        Some(id) => db::find(conn, id)?,
        None => None,
    };
    Ok(Some(found.into_iter().collect()))
}

/// The id of the `kind` resource `rel` of `rec` points to.
fn resource(
    conn: &Connection,
    rec: &Record,
    rel: &str,
    kind: &Kind,
) -> Result<Option<i64>, ApiError> {
    // An ancestor (up to three levels).
    let mut parent = rec.parent.clone();
    for _ in 0..3 {
        let Some((pk, pid)) = parent else { break };
        if pk == kind.key {
            return Ok(Some(pid));
        }
        parent = db::find(conn, pid)?.and_then(|r| r.parent);
    }
    // A stored reference to a record of that kind.
    let uri = rec.text(&format!("{rel}_uri"));
    let referenced = [
        rec.int(&format!("{rel}_id")),
        uri.rsplit('/').next().and_then(|t| t.parse::<i64>().ok()),
    ];
    for id in referenced.into_iter().flatten().filter(|id| *id > 0) {
        if db::find(conn, id)?.is_some_and(|r| r.kind.key == kind.key) {
            return Ok(Some(id));
        }
    }
    // A child of that kind, else the first one stored.
    let child: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM records WHERE parent_kind = ?1 AND parent_id = ?2 AND kind = ?3 \
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![rec.kind.key, rec.id, kind.key], |r| r.get(0))
        .optional()?;
    if child.is_some() {
        return Ok(child);
    }
    Ok(conn
        .prepare_cached("SELECT id FROM records WHERE kind = ?1 ORDER BY id LIMIT 1")?
        .query_row([kind.key], |r| r.get(0))
        .optional()?)
}
