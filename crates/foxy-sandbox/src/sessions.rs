//! Browser sessions (`fcsid`) and the session carts the `/cart` endpoint changes.
//!
//! A session is a row of the `sessions` table naming a cart of the store (the
//! same carts the hAPI serves). Adding a product identical to an item already
//! in the cart (same name, code, parent code, price, subscription frequency
//! and options) raises that item's quantity; anything else becomes a new item
//! with its options as `item_options`. Everything runs in the caller's
//! database transaction, so a refused request changes nothing.

use foxy_proto::cart_endpoint::{CartCommand, CartItem, CartOption, CartSession, ProductInput};
use foxy_proto::{Map, Value, signing::Secret};
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use crate::auth::new_token;
use crate::db::{self, Record, now_text};
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds;
use crate::present::{self, num};
use crate::query::value_decimal;

/// The store secret (its `webhook_key`), falling back to `fallback`.
pub fn store_secret(conn: &Connection, store_id: i64, fallback: &str) -> Result<Secret, ApiError> {
    let store = db::load(conn, &kinds::STORES, store_id)?;
    let key = store.text("webhook_key");
    Ok(Secret::new(if key.is_empty() {
        fallback.to_owned()
    } else {
        key
    }))
}

/// Whether the store's `use_cart_validation` is on.
pub fn store_validates_carts(conn: &Connection, store_id: i64) -> Result<bool, ApiError> {
    let store = db::load(conn, &kinds::STORES, store_id)?;
    Ok(store
        .props
        .get("use_cart_validation")
        .and_then(Value::as_bool)
        == Some(true))
}

/// The cart of a session, when both still exist (a charged cart is gone).
pub fn cart_of(conn: &Connection, session_id: &str) -> Result<Option<i64>, ApiError> {
    let cart: Option<i64> = conn
        .query_row(
            "SELECT cart_id FROM sessions WHERE session_id = ?1",
            [session_id],
            |r| r.get(0),
        )
        .optional()?;
    match cart {
        Some(id) if matches!(db::find(conn, id)?, Some(r) if r.kind.key == kinds::CARTS.key) => {
            Ok(Some(id))
        }
        _ => Ok(None),
    }
}

/// Starts a session with a new, empty cart of the store.
pub fn start(conn: &Connection, store_id: i64) -> Result<(String, i64), ApiError> {
    let mut props = input::apply(conn, &kinds::CARTS, None, &Map::new(), Mode::Create)?;
    crate::engine::prepare(conn, &kinds::CARTS, None, &Map::new(), &mut props)?;
    let cart = db::insert(conn, &kinds::CARTS, Some(("stores", store_id)), &props)?;
    let session = new_token("fcsid");
    conn.execute(
        "INSERT INTO sessions (session_id, cart_id, created) VALUES (?1, ?2, ?3)",
        params![session, cart, now_text()],
    )?;
    Ok((session, cart))
}

fn category_id(conn: &Connection, code: &str) -> Result<Option<i64>, ApiError> {
    let code = if code.is_empty() { "DEFAULT" } else { code };
    let found = conn
        .query_row(
            "SELECT r.id FROM records r JOIN props p ON p.record_id = r.id \
             WHERE r.kind = 'item_categories' AND p.name = 'code' AND p.val = ?1 LIMIT 1",
            [code],
            |r| r.get::<_, i64>(0),
        )
        .optional()?;
    match (found, code) {
        (None, "DEFAULT") => Ok(None),
        (None, _) => Err(ApiError::bad_request(format!(
            "category {code:?} does not exist",
            code = crate::error::excerpt(code)
        ))),
        (found, _) => Ok(found),
    }
}

fn options_of(conn: &Connection, item: &Record) -> Result<Vec<CartOption>, ApiError> {
    let dec = |r: &Record, n: &str| r.props.get(n).and_then(value_decimal).unwrap_or_default();
    Ok(db::children(conn, "items", item.id, &kinds::ITEM_OPTIONS)?
        .iter()
        .map(|o| CartOption {
            name: o.text("name"),
            value: o.text("value"),
            price_mod: dec(o, "price_mod"),
            weight_mod: dec(o, "weight_mod"),
        })
        .collect())
}

fn same_product(conn: &Connection, item: &Record, p: &ProductInput) -> Result<bool, ApiError> {
    let price = item.props.get("price").and_then(value_decimal);
    Ok(item.text("name") == p.name
        && item.text("code") == p.code
        && item.text("parent_code") == p.parent_code
        && item.text("subscription_frequency") == p.sub_frequency
        && price == Some(p.price)
        && options_of(conn, item)? == p.options)
}

fn add(conn: &Connection, cart: i64, p: &ProductInput) -> Result<(), ApiError> {
    for item in db::children(conn, "carts", cart, &kinds::ITEMS)? {
        if same_product(conn, &item, p)? {
            let mut props = item.props.clone();
            let quantity =
                item.int("quantity").unwrap_or(0) + i64::try_from(p.quantity).unwrap_or(0);
            props.insert("quantity".into(), Value::from(quantity));
            return db::update(conn, item.id, &props);
        }
    }
    let mut body = Map::new();
    let text = |s: &str| Value::from(s);
    body.insert("name".into(), text(&p.name));
    body.insert("price".into(), num(p.price));
    body.insert("quantity".into(), Value::from(p.quantity));
    body.insert("weight".into(), num(p.weight));
    body.insert("code".into(), text(&p.code));
    body.insert("parent_code".into(), text(&p.parent_code));
    if !p.sub_frequency.is_empty() {
        body.insert("subscription_frequency".into(), text(&p.sub_frequency));
        for (field, value) in [
            ("subscription_start_date", &p.sub_startdate),
            ("subscription_end_date", &p.sub_enddate),
        ] {
            if !value.is_empty() {
                body.insert(field.into(), text(value));
            }
        }
    }
    let mut props = input::apply(conn, &kinds::ITEMS, None, &body, Mode::Create)?;
    props.insert(
        "item_category_id".into(),
        category_id(conn, &p.category)?.map_or(Value::Null, Value::from),
    );
    let item = db::insert(conn, &kinds::ITEMS, Some(("carts", cart)), &props)?;
    for o in &p.options {
        let mut body = Map::new();
        body.insert("name".into(), text(&o.name));
        body.insert("value".into(), text(&o.value));
        body.insert("price_mod".into(), num(o.price_mod));
        body.insert("weight_mod".into(), num(o.weight_mod));
        let props = input::apply(conn, &kinds::ITEM_OPTIONS, None, &body, Mode::Create)?;
        db::insert(conn, &kinds::ITEM_OPTIONS, Some(("items", item)), &props)?;
    }
    Ok(())
}

/// Applies a request to a cart: `empty`, then quantity updates, then products.
pub fn apply(conn: &Connection, cart: i64, command: &CartCommand) -> Result<(), ApiError> {
    if command.empty {
        for item in db::children(conn, "carts", cart, &kinds::ITEMS)? {
            db::delete(conn, item.id, kinds::ITEMS.key)?;
        }
    }
    for update in &command.updates {
        let item = match db::find(conn, update.id)? {
            Some(r) if r.kind.key == kinds::ITEMS.key && r.parent_of("carts") == Some(cart) => r,
            _ => {
                return Err(ApiError::bad_request(format!(
                    "item {} is not in this cart",
                    update.id
                )));
            }
        };
        if update.quantity == 0 {
            db::delete(conn, item.id, kinds::ITEMS.key)?;
        } else {
            let mut props = item.props.clone();
            props.insert("quantity".into(), Value::from(update.quantity));
            db::update(conn, item.id, &props)?;
        }
    }
    for product in &command.products {
        add(conn, cart, product)?;
    }
    db::touch(conn, cart)
}

/// The session's cart as the endpoint answers it.
pub fn view(conn: &Connection, session_id: &str, cart: i64) -> Result<CartSession, ApiError> {
    let totals = present::totals(conn, cart)?;
    let mut session = CartSession {
        session_id: session_id.to_owned(),
        total_item_price: totals.item,
        total_discount: totals.discounts,
        total_shipping: totals.shipping,
        total_tax: totals.tax,
        total_price: totals.order,
        ..CartSession::default()
    };
    for item in db::children(conn, "carts", cart, &kinds::ITEMS)? {
        let options = options_of(conn, &item)?;
        let dec = |n: &str| {
            item.props
                .get(n)
                .and_then(value_decimal)
                .unwrap_or_default()
        };
        let (price, weight) = (dec("price"), dec("weight"));
        let price_each = price + options.iter().map(|o| o.price_mod).sum::<Decimal>();
        let weight_each = weight + options.iter().map(|o| o.weight_mod).sum::<Decimal>();
        let quantity = u64::try_from(item.int("quantity").unwrap_or(0)).unwrap_or(0);
        let category = match item.int("item_category_id") {
            Some(id) => db::find(conn, id)?
                .map(|c| c.text("code"))
                .unwrap_or_default(),
            None => "DEFAULT".to_owned(),
        };
        session.item_count += quantity;
        session.total_weight += weight_each * Decimal::from(quantity);
        session.items.push(CartItem {
            id: item.id,
            name: item.text("name"),
            code: item.text("code"),
            parent_code: item.text("parent_code"),
            category,
            price,
            price_each,
            quantity,
            weight,
            sub_frequency: item.text("subscription_frequency"),
            options,
        });
    }
    Ok(session)
}
