//! Charging a cart: check the customer's card, create the transaction, delete the cart.
//!
//! Cards whose masked number ends in `0002` are declined (a test card); any
//! other saved card charges successfully.

use foxy_proto::{Map, Value};
use rusqlite::Connection;

use crate::db::{self, Record, now_text};
use crate::error::ApiError;
use crate::input::defaults;
use crate::kinds::{self, Kind};
use crate::present::{self, num};
use crate::routes::customers::payment_method;

/// Last four digits of the card the sandbox always declines.
pub const DECLINED_LAST4: &str = "0002";

fn copy_tree(conn: &Connection, from: &Record, to_parent: (&str, i64)) -> Result<i64, ApiError> {
    let id = db::insert(conn, from.kind, Some(to_parent), &from.props)?;
    for child in from.kind.children {
        for kid in db::children(conn, from.kind.key, from.id, child.kind)? {
            copy_tree(conn, &kid, (from.kind.key, id))?;
        }
    }
    Ok(id)
}

fn copy_children(conn: &Connection, cart: &Record, kind: &Kind, txn: i64) -> Result<(), ApiError> {
    for rec in db::children(conn, "carts", cart.id, kind)? {
        copy_tree(conn, &rec, ("transactions", txn))?;
    }
    Ok(())
}

/// Charges cart `cart_id` of the store; returns the new transaction's id.
pub fn charge(conn: &Connection, store_id: i64, cart_id: i64) -> Result<i64, ApiError> {
    let cart = db::load(conn, &kinds::CARTS, cart_id)?;
    let customer_id = cart.int("customer_id").ok_or_else(|| {
        ApiError::bad_request("this cart has no customer_uri; set it to a customer with a default payment method before charging")
    })?;
    let customer = db::load(conn, &kinds::CUSTOMERS, customer_id).map_err(|_| {
        ApiError::bad_request(format!(
            "customer {customer_id} of this cart no longer exists"
        ))
    })?;
    let card = payment_method(conn, customer_id)?.filter(|pm| {
        pm.props.get("save_cc").and_then(Value::as_bool) == Some(true)
            && !pm.text("cc_number_masked").is_empty()
    });
    let Some(card) = card else {
        return Err(ApiError::bad_request(format!(
            "customer {customer_id} has no default payment method to charge"
        )));
    };
    if card.text("cc_number_masked").ends_with(DECLINED_LAST4) {
        return Err(ApiError::bad_request(
            "the payment was declined: the customer's card was declined",
        ));
    }
    if db::children(conn, "carts", cart_id, &kinds::ITEMS)?.is_empty() {
        return Err(ApiError::bad_request("this cart has no items to charge"));
    }
    let totals = present::totals(conn, cart_id)?;
    let display_id = db::meta_get(conn, "display_id")?
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(1000)
        + 1;
    db::meta_set(conn, "display_id", &display_id.to_string())?;
    let mut props: Map = defaults(&kinds::TRANSACTIONS);
    let set = |p: &mut Map, k: &str, v: Value| {
        p.insert(k.to_owned(), v);
    };
    set(&mut props, "customer_id", Value::from(customer_id));
    set(&mut props, "display_id", Value::from(display_id));
    set(&mut props, "transaction_date", Value::String(now_text()));
    set(
        &mut props,
        "locale_code",
        Value::String(cart.text("locale_code")),
    );
    set(
        &mut props,
        "customer_first_name",
        Value::String(customer.text("first_name")),
    );
    set(
        &mut props,
        "customer_last_name",
        Value::String(customer.text("last_name")),
    );
    set(
        &mut props,
        "customer_tax_id",
        Value::String(customer.text("tax_id")),
    );
    set(
        &mut props,
        "customer_email",
        Value::String(customer.text("email")),
    );
    set(&mut props, "total_item_price", num(totals.item));
    set(&mut props, "total_tax", num(totals.tax));
    set(&mut props, "total_shipping", num(totals.shipping));
    set(
        &mut props,
        "total_future_shipping",
        num(totals.future_shipping),
    );
    set(&mut props, "total_order", num(totals.order));
    let txn = db::insert(
        conn,
        &kinds::TRANSACTIONS,
        Some(("stores", store_id)),
        &props,
    )?;
    copy_children(conn, &cart, &kinds::ITEMS, txn)?;
    copy_children(conn, &cart, &kinds::CUSTOM_FIELDS, txn)?;
    for mut d in db::children(conn, "carts", cart_id, &kinds::DISCOUNTS)? {
        let amount = present::discount_amount(&d.text("rule"), totals.item);
        d.props.insert("frozen_amount".into(), num(amount));
        db::insert(
            conn,
            &kinds::DISCOUNTS,
            Some(("transactions", txn)),
            &d.props,
        )?;
    }
    crate::subscriptions::create_for_transaction(conn, store_id, txn)?;
    db::delete(conn, cart_id, kinds::CARTS.key)?;
    Ok(txn)
}
