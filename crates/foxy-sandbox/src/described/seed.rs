//! First-start data for the described relations: several of every generated
//! resource and, with `Config::seed_examples`, two charged transactions (with
//! a subscription each, one past due, one cancelled) and an inactive webhook, each property given a value of its type within
//! its constraints. Runs once per database (a `meta` flag), in the start-up
//! transaction, with the same `input::apply` and `db::insert` as the bulk
//! cart seeding.

use foxy_proto::{Map, Value};
use foxy_schema::{PropertyType, Relation};
use rusqlite::{Connection, OptionalExtension};

use super::{catalog, helpers, title_case};
use crate::db;
use crate::engine;
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds::{self, Kind, Ty};
use crate::seed::{CUSTOMER_WITH_CARD, Seeded};

/// How many members each seeded collection gets.
pub const PER_COLLECTION: usize = 3;

/// Seeds the described relations unless this database already has them.
pub fn ensure(conn: &Connection, seeded: Seeded, examples: bool) -> Result<(), ApiError> {
    if db::meta_get(conn, "described_seeded")?.is_some() {
        return Ok(());
    }
    if examples {
        transactions(conn, seeded.store_id)?;
        open_cart(conn, seeded.store_id)?;
        webhook(conn, seeded.store_id)?;
    }
    let c = catalog();
    let mut done = vec![false; c.collections.len()];
    for _pass in 0..8 {
        let mut progress = false;
        for (i, coll) in c.collections.iter().enumerate() {
            let member = coll.child.kind;
            if done[i] || !c.is_generated(member) {
                continue;
            }
            let parents: Vec<(&'static Kind, i64)> = match coll.parent {
                None => vec![(member, 0)],
                Some(kind) => first_ids(conn, kind, 2)?
                    .into_iter()
                    .map(|id| (kind, id))
                    .collect(),
            };
            if parents.is_empty() {
                continue;
            }
            let Some(relation) = c.relation(member) else {
                continue;
            };
            for (kind, pid) in parents {
                let parent_key = if coll.parent.is_some() {
                    kind.key
                } else {
                    helpers::ROOT
                };
                for n in 1..=PER_COLLECTION {
                    let body = sample(relation, n);
                    let mut props = input::apply(conn, member, None, &body, Mode::Create)?;
                    if coll.parent.is_some() {
                        own_ids(conn, member, (kind, pid), &mut props)?;
                    }
                    db::insert(conn, member, Some((parent_key, pid)), &props)?;
                }
            }
            done[i] = true;
            progress = true;
        }
        if !progress {
            break;
        }
    }
    singletons(conn)?;
    db::meta_set(conn, "described_seeded", "1")
}

/// Generated kinds no linked collection holds (the store's subscription
/// settings, an item's downloadable purchase): one or more under the first
/// record of their parent's kind.
fn singletons(conn: &Connection) -> Result<(), ApiError> {
    let c = catalog();
    let Some(schema) = c.schema else {
        return Ok(());
    };
    for kind in &c.singles {
        if !first_ids(conn, kind, 1)?.is_empty() {
            continue;
        }
        let Some(relation) = c.relation(kind) else {
            continue;
        };
        // The parent resource: the relation's parent, or the parent of its collection.
        let mut parent = relation.parent.as_deref().and_then(|p| schema.relation(p));
        if let Some(coll) = parent.filter(|p| p.member().is_some()) {
            parent = coll.parent.as_deref().and_then(|p| schema.resolve(p));
        }
        let Some(parent_kind) = parent.and_then(|p| c.kind_of.get(p.name.as_str()).copied()) else {
            continue;
        };
        let many = if relation
            .path
            .as_deref()
            .is_some_and(|p| p.ends_with("{id}"))
        {
            PER_COLLECTION
        } else {
            1
        };
        for pid in first_ids(conn, parent_kind, 1)? {
            for n in 1..=many {
                let body = sample(relation, n);
                let mut props = input::apply(conn, kind, None, &body, Mode::Create)?;
                own_ids(conn, kind, (parent_kind, pid), &mut props)?;
                db::insert(conn, kind, Some((parent_kind.key, pid)), &props)?;
            }
        }
    }
    Ok(())
}

/// An open cart of the card customer: an item with an option, a
/// custom field and the coupon code `SAVE5` applied.
fn open_cart(conn: &Connection, store_id: i64) -> Result<(), ApiError> {
    let grace: Option<i64> = conn
        .query_row(
            "SELECT r.id FROM records r JOIN props p ON p.record_id = r.id \
             WHERE r.kind = 'customers' AND p.name = 'email' AND p.val = ?1",
            [CUSTOMER_WITH_CARD],
            |r| r.get(0),
        )
        .optional()?;
    let mut body = Map::new();
    if let Some(id) = grace {
        body.insert("customer_id".into(), Value::from(id));
    }
    let mut props = input::apply(conn, &kinds::CARTS, None, &body, Mode::Create)?;
    engine::prepare(conn, &kinds::CARTS, None, &body, &mut props)?;
    let cart = db::insert(conn, &kinds::CARTS, Some(("stores", store_id)), &props)?;
    let add = |kind: &Kind, parent: (&str, i64), pairs: &[(&str, Value)]| {
        let mut body = Map::new();
        for (k, v) in pairs {
            body.insert((*k).to_owned(), v.clone());
        }
        let props = input::apply(conn, kind, None, &body, Mode::Create)?;
        db::insert(conn, kind, Some(parent), &props)
    };
    let item = add(
        &kinds::ITEMS,
        ("carts", cart),
        &[
            ("name", Value::from("Teapot")),
            ("price", Value::from("18.00")),
            ("quantity", Value::from(2i64)),
            ("code", Value::from("teapot")),
        ],
    )?;
    add(
        &kinds::ITEM_OPTIONS,
        ("items", item),
        &[
            ("name", Value::from("color")),
            ("value", Value::from("blue")),
        ],
    )?;
    add(
        &kinds::CUSTOM_FIELDS,
        ("carts", cart),
        &[
            ("name", Value::from("gift_note")),
            ("value", Value::from("Enjoy")),
        ],
    )?;
    add(
        &kinds::APPLIED_COUPON_CODES,
        ("carts", cart),
        &[("code", Value::from("SAVE5"))],
    )?;
    let mut discount = input::defaults(&kinds::DISCOUNTS);
    for (k, v) in [("code", "SAVE5"), ("name", "Five Off"), ("rule", "flat:5")] {
        discount.insert(k.into(), Value::from(v));
    }
    db::insert(conn, &kinds::DISCOUNTS, Some(("carts", cart)), &discount)?;
    Ok(())
}

fn first_ids(conn: &Connection, kind: &Kind, n: i64) -> Result<Vec<i64>, ApiError> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM records WHERE kind = ?1 ORDER BY id LIMIT ?2")?;
    let ids = stmt
        .query_map(rusqlite::params![kind.key, n], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// A believable body for the `n`th seeded member of `relation`.
pub fn sample(relation: &Relation, n: usize) -> Map {
    let mut body = Map::new();
    let title = title_case(&relation.name);
    for p in relation.properties.iter().filter(|p| !p.read_only) {
        let name = p.name.as_str();
        if name.ends_with("_id") && p.ty == PropertyType::Integer {
            // A reference: filled from the parent by `own_ids`, else left unset.
            continue;
        }
        let value = match p.ty {
            PropertyType::Integer => {
                let lo = p.min.unwrap_or(1).max(1);
                Value::from(p.max.map_or(lo, |hi| lo.min(hi)))
            }
            PropertyType::Decimal => Value::from(format!("{}.50", 9 + n)),
            PropertyType::Boolean => Value::Bool(n % 2 == 1),
            PropertyType::Date => Value::from(format!("2026-0{n}-15")),
            PropertyType::DateTime => Value::from(format!("2026-0{n}-15T10:00:00-0800")),
            PropertyType::Enum => {
                let i = (n - 1) % p.values.len().max(1);
                match p.values.get(i) {
                    Some(v) => Value::from(v.as_str()),
                    None => continue,
                }
            }
            PropertyType::Json => Value::from("{}"),
            PropertyType::String => Value::from(text(name, &title, &relation.name, n)),
        };
        let value = match (value, p.max_length) {
            (Value::String(s), Some(max)) => Value::String(s.chars().take(max as usize).collect()),
            (v, _) => v,
        };
        body.insert(name.to_owned(), value);
    }
    body
}

fn text(name: &str, title: &str, rel: &str, n: usize) -> String {
    if name.contains("email") {
        format!("{rel}{n}@sandbox.test")
    } else if name.ends_with("url") || name.ends_with("uri") {
        format!("https://example.sandbox.test/{rel}/{n}")
    } else if name == "code" || name.ends_with("_code") {
        format!("{}{n}", rel.to_ascii_uppercase().replace('_', ""))
    } else if name == "country" {
        "US".to_owned()
    } else if name == "region" || name == "state" {
        "TN".to_owned()
    } else if name.contains("currency") {
        "USD".to_owned()
    } else {
        format!("{title} {n}")
    }
}

/// Fills the read-only `*_id` properties of a new generated record: the
/// store's, its parent's, and those its parent carries (`gift_card_id`).
pub fn own_ids(
    conn: &Connection,
    kind: &Kind,
    parent: (&Kind, i64),
    props: &mut Map,
) -> Result<(), ApiError> {
    if !catalog().is_generated(kind) {
        return Ok(());
    }
    let parent_rec = db::find(conn, parent.1)?;
    for field in kind
        .fields
        .iter()
        .filter(|f| f.ty == Ty::Int && f.name.ends_with("_id"))
    {
        let set = props
            .get(field.name)
            .and_then(Value::as_i64_lenient)
            .is_some_and(|id| id > 0);
        if set {
            continue;
        }
        let base = field.name.trim_end_matches("_id");
        let value = if base == "store" {
            conn.query_row(
                "SELECT id FROM records WHERE kind = 'stores' ORDER BY id LIMIT 1",
                [],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        } else if base == parent.0.rel {
            Some(parent.1)
        } else {
            parent_rec.as_ref().and_then(|r| r.int(field.name))
        };
        if let Some(id) = value {
            props.insert(field.name.to_owned(), Value::from(id));
        }
    }
    Ok(())
}

/// An inactive webhook (so charges deliver nothing unless it is activated).
fn webhook(conn: &Connection, store_id: i64) -> Result<(), ApiError> {
    let mut body = Map::new();
    for (k, v) in [
        ("name", "Example webhook"),
        ("url", "http://127.0.0.1:9/example-webhook"),
        ("format", "json"),
        ("encryption_key", "example_webhook_key"),
    ] {
        body.insert(k.into(), Value::from(v));
    }
    body.insert("is_active".into(), Value::Bool(false));
    let props = input::apply(conn, &kinds::WEBHOOKS, None, &body, Mode::Create)?;
    db::insert(conn, &kinds::WEBHOOKS, Some(("stores", store_id)), &props)?;
    Ok(())
}

/// Two charged carts of the card customer: two transactions, each with a
/// monthly subscription; the second subscription is past due, the first cancelled.
fn transactions(conn: &Connection, store_id: i64) -> Result<(), ApiError> {
    let customer: Option<i64> = conn
        .query_row(
            "SELECT r.id FROM records r JOIN props p ON p.record_id = r.id \
             WHERE r.kind = 'customers' AND p.name = 'email' AND p.val = ?1",
            [CUSTOMER_WITH_CARD],
            |r| r.get(0),
        )
        .optional()?;
    let Some(customer) = customer else {
        return Ok(());
    };
    for (n, (name, price, frequency)) in [("Sprocket", "24.99", "1m"), ("Widget", "9.50", "1w")]
        .into_iter()
        .enumerate()
    {
        let mut body = Map::new();
        body.insert("customer_id".into(), Value::from(customer));
        let mut props = input::apply(conn, &kinds::CARTS, None, &body, Mode::Create)?;
        engine::prepare(conn, &kinds::CARTS, None, &body, &mut props)?;
        let cart = db::insert(conn, &kinds::CARTS, Some(("stores", store_id)), &props)?;
        for (item, item_price, sub) in [(name, price, Some(frequency)), ("Gift Wrap", "2.00", None)]
        {
            let mut body = Map::new();
            body.insert("name".into(), Value::from(item));
            body.insert("price".into(), Value::from(item_price));
            body.insert("quantity".into(), Value::from(1i64));
            body.insert("code".into(), Value::from(item.to_ascii_lowercase()));
            if let Some(f) = sub {
                body.insert("subscription_frequency".into(), Value::from(f));
            }
            let props = input::apply(conn, &kinds::ITEMS, None, &body, Mode::Create)?;
            db::insert(conn, &kinds::ITEMS, Some(("carts", cart)), &props)?;
        }
        let txn = crate::charge::charge(conn, store_id, cart)?;
        for sub in db::children(conn, "stores", store_id, &kinds::SUBSCRIPTIONS)? {
            if sub.int("last_transaction_id") != Some(txn) {
                continue;
            }
            let mut props = sub.props.clone();
            if n == 0 {
                props.insert("end_date".into(), Value::from("2026-01-31"));
                props.insert("is_active".into(), Value::Bool(false));
            } else {
                props.insert("past_due_amount".into(), Value::from("9.50"));
            }
            db::update(conn, sub.id, &props)?;
        }
    }
    Ok(())
}
