//! Narrow reads for the hot paths: one property of a record, and the totals
//! of carts, without loading every property of every record involved.
//!
//! A zoomed cart or a page of carts needs, of each item, only its `price`,
//! `quantity` and its options' `price_mod`, and of each discount its `rule`;
//! these queries fetch just those, for every cart of an id range at once (a
//! page of 300 carts is three queries, not a few per cart). Values are
//! decoded and summed exactly as from whole records, in the same id order.

use std::collections::HashMap;

use foxy_proto::Value;
use rusqlite::{Connection, OptionalExtension, ToSql, params};
use rust_decimal::Decimal;

use crate::db::{decode, value_text};
use crate::error::ApiError;
use crate::kinds::Kind;
use crate::present::{Totals, discount_amount};
use crate::query::value_decimal;

/// One stored property of the record `id` of `kind` (`None` when it has no
/// such property), or the 404 error [`crate::db::load`] gives when there is
/// no such record.
pub fn prop(
    conn: &Connection,
    kind: &Kind,
    id: i64,
    name: &str,
) -> Result<Option<Value>, ApiError> {
    let found: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT p.ty, p.val FROM records r \
             LEFT JOIN props p ON p.record_id = r.id AND p.name = ?3 \
             WHERE r.id = ?1 AND r.kind = ?2",
        )?
        .query_row(params![id, kind.key, name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        None => Err(ApiError::not_found(format!("{} {id} not found", kind.rel))),
        Some((None, _)) => Ok(None),
        Some((Some(ty), val)) => Ok(Some(decode(&ty, val))),
    }
}

/// A property read from a joined row: its type and text, both `NULL` when absent.
fn joined(ty: Option<String>, val: Option<String>) -> Option<Value> {
    ty.map(|ty| decode(&ty, val))
}

/// The three queries of [`cart_totals`]: option price mods, item lines, discount rules.
struct TotalsSql {
    mods: &'static str,
    items: &'static str,
    discounts: &'static str,
}

/// For an id range of carts (`?1`..=`?2`), ordered by cart then id.
const CART_RANGE: TotalsSql = TotalsSql {
    mods: "SELECT o.parent_id, p.ty, p.val FROM records i \
         JOIN records o ON o.parent_kind = 'items' AND o.parent_id = i.id AND o.kind = 'item_options' \
         LEFT JOIN props p ON p.record_id = o.id AND p.name = 'price_mod' \
         WHERE i.parent_kind = 'carts' AND i.parent_id BETWEEN ?1 AND ?2 AND i.kind = 'items' \
         ORDER BY o.parent_id, o.id",
    items: "SELECT i.parent_id, i.id, pr.ty, pr.val, q.ty, q.val FROM records i \
         LEFT JOIN props pr ON pr.record_id = i.id AND pr.name = 'price' \
         LEFT JOIN props q ON q.record_id = i.id AND q.name = 'quantity' \
         WHERE i.parent_kind = 'carts' AND i.parent_id BETWEEN ?1 AND ?2 AND i.kind = 'items' \
         ORDER BY i.parent_id, i.id",
    discounts: "SELECT d.parent_id, p.ty, p.val FROM records d \
         LEFT JOIN props p ON p.record_id = d.id AND p.name = 'rule' \
         WHERE d.parent_kind = 'carts' AND d.parent_id BETWEEN ?1 AND ?2 AND d.kind = 'discounts' \
         ORDER BY d.parent_id, d.id",
};

/// For one cart (`?1`): the same rows in the same order, read from the
/// `records_parent` index in id order (no temporary B-tree to sort them).
const ONE_CART: TotalsSql = TotalsSql {
    mods: "SELECT o.parent_id, p.ty, p.val FROM records i INDEXED BY records_parent \
         JOIN records o INDEXED BY records_parent \
         ON o.parent_kind = 'items' AND o.parent_id = i.id AND o.kind = 'item_options' \
         LEFT JOIN props p ON p.record_id = o.id AND p.name = 'price_mod' \
         WHERE i.parent_kind = 'carts' AND i.parent_id = ?1 AND i.kind = 'items' \
         ORDER BY i.id, o.id",
    items: "SELECT i.parent_id, i.id, pr.ty, pr.val, q.ty, q.val FROM records i INDEXED BY records_parent \
         LEFT JOIN props pr ON pr.record_id = i.id AND pr.name = 'price' \
         LEFT JOIN props q ON q.record_id = i.id AND q.name = 'quantity' \
         WHERE i.parent_kind = 'carts' AND i.parent_id = ?1 AND i.kind = 'items' \
         ORDER BY i.id",
    discounts: "SELECT d.parent_id, p.ty, p.val FROM records d INDEXED BY records_parent \
         LEFT JOIN props p ON p.record_id = d.id AND p.name = 'rule' \
         WHERE d.parent_kind = 'carts' AND d.parent_id = ?1 AND d.kind = 'discounts' \
         ORDER BY d.id",
};

/// The totals of every cart whose id is in `first..=last` and has items or
/// discounts (a cart with neither has all-zero totals, [`Totals::default`]).
pub fn cart_totals(
    conn: &Connection,
    first: i64,
    last: i64,
) -> Result<HashMap<i64, Totals>, ApiError> {
    // Each item's option price mods, summed in option id order.
    let mut mods: HashMap<i64, Decimal> = HashMap::new();
    let sql = if first == last {
        &ONE_CART
    } else {
        &CART_RANGE
    };
    let one = [&first as &dyn ToSql];
    let range = [&first as &dyn ToSql, &last];
    let args: &[&dyn ToSql] = if first == last { &one } else { &range };
    let mut stmt = conn.prepare_cached(sql.mods)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        let item: i64 = r.get(0)?;
        let price_mod = joined(r.get(1)?, r.get(2)?);
        *mods.entry(item).or_default() += price_mod
            .as_ref()
            .and_then(value_decimal)
            .unwrap_or_default();
    }
    // Each cart's item total: Σ (price + mods) × quantity in item id order.
    let mut totals: HashMap<i64, Totals> = HashMap::new();
    let mut stmt = conn.prepare_cached(sql.items)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        let cart: i64 = r.get(0)?;
        let item: i64 = r.get(1)?;
        let price = joined(r.get(2)?, r.get(3)?)
            .as_ref()
            .and_then(value_decimal)
            .unwrap_or_default();
        let quantity = joined(r.get(4)?, r.get(5)?)
            .as_ref()
            .and_then(Value::as_i64_lenient)
            .unwrap_or(0);
        let line = (price + mods.get(&item).copied().unwrap_or_default()) * Decimal::from(quantity);
        totals.entry(cart).or_default().item += line;
    }
    // Discounts apply to the item total, in discount id order.
    let mut stmt = conn.prepare_cached(sql.discounts)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        let cart: i64 = r.get(0)?;
        let rule = value_text(joined(r.get(1)?, r.get(2)?).as_ref());
        let t = totals.entry(cart).or_default();
        t.discounts += discount_amount(&rule, t.item);
    }
    for t in totals.values_mut() {
        t.order = t.item + t.tax + t.shipping + t.discounts;
    }
    Ok(totals)
}
