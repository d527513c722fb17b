//! Stored records as the typed records of `foxy_proto::datafeed` and
//! `foxy_proto::legacy`: the legacy API and the XML datafeed show the same
//! customers, transactions and subscriptions as the hAPI.

use foxy_proto::Value;
use foxy_proto::datafeed::xml::Element;
use foxy_proto::datafeed::{
    Attribute, CustomField, Customer, DetailOption, Discount, ShippingAddress, Subscription,
    Transaction, TransactionDetail, TransactionTemplate,
};
use foxy_proto::legacy::CustomerRecord;
use rusqlite::Connection;
use rust_decimal::Decimal;

use crate::db::{self, Record};
use crate::error::ApiError;
use crate::kinds::{self, Kind};
use crate::query::value_decimal;

/// Foxy's hAPI date (`2024-01-02T03:04:05+0000`) as the legacy API writes it
/// (`2024-01-02 03:04:05`).
pub fn legacy_date(text: &str) -> String {
    let plain = text.get(..19).unwrap_or(text);
    plain.replacen('T', " ", 1)
}

fn some(text: String) -> Option<String> {
    Some(text)
}

fn dec(rec: &Record, name: &str) -> Option<Decimal> {
    rec.props.get(name).and_then(value_decimal)
}

fn flag(rec: &Record, name: &str) -> Option<bool> {
    Some(rec.props.get(name).and_then(Value::as_bool) == Some(true))
}

fn id(n: i64) -> Option<u64> {
    u64::try_from(n).ok()
}

/// The attributes stored under a record.
pub fn attributes(
    conn: &Connection,
    parent: &Record,
    kind: &Kind,
) -> Result<Vec<Attribute>, ApiError> {
    Ok(db::children(conn, parent.kind.key, parent.id, kind)?
        .iter()
        .map(|a| Attribute {
            name: some(a.text("name")),
            value: some(a.text("value")),
            ..Attribute::default()
        })
        .collect())
}

fn default_address(
    conn: &Connection,
    customer: i64,
    flag_name: &str,
) -> Result<Option<Record>, ApiError> {
    Ok(
        db::children(conn, "customers", customer, &kinds::CUSTOMER_ADDRESSES)?
            .into_iter()
            .find(|a| a.props.get(flag_name).and_then(Value::as_bool) == Some(true)),
    )
}

fn customer_group(
    conn: &Connection,
    customer: Option<&Record>,
) -> Result<(Customer, ShippingAddress), ApiError> {
    let Some(c) = customer else {
        return Ok((
            Customer {
                id: Some(0),
                ..Customer::default()
            },
            ShippingAddress::default(),
        ));
    };
    let billing = default_address(conn, c.id, "is_default_billing")?;
    let shipping = default_address(conn, c.id, "is_default_shipping")?;
    let at = |a: &Option<Record>, n: &str| a.as_ref().map(|a| a.text(n)).filter(|t| !t.is_empty());
    let group = Customer {
        id: id(c.id),
        first_name: some(c.text("first_name")),
        last_name: some(c.text("last_name")),
        company: at(&billing, "company"),
        address1: at(&billing, "address1"),
        address2: at(&billing, "address2"),
        city: at(&billing, "city"),
        state: at(&billing, "region"),
        postal_code: at(&billing, "postal_code"),
        country: at(&billing, "country"),
        phone: at(&billing, "phone"),
        email: some(c.text("email")),
    };
    let ship = ShippingAddress {
        first_name: at(&shipping, "first_name"),
        last_name: at(&shipping, "last_name"),
        company: at(&shipping, "company"),
        address1: at(&shipping, "address1"),
        address2: at(&shipping, "address2"),
        city: at(&shipping, "city"),
        state: at(&shipping, "region"),
        postal_code: at(&shipping, "postal_code"),
        country: at(&shipping, "country"),
        phone: at(&shipping, "phone"),
    };
    Ok((group, ship))
}

/// A customer as `customer_get` and `customer_list` show it.
pub fn customer(conn: &Connection, c: &Record) -> Result<CustomerRecord, ApiError> {
    let (group, shipping) = customer_group(conn, Some(c))?;
    let hash = c.text("legacy_password_hash");
    Ok(CustomerRecord {
        customer: group,
        shipping,
        last_modified_date: some(legacy_date(c.modified.as_deref().unwrap_or(&c.created))),
        password_hash: some(hash),
        password_salt: some(c.text("legacy_password_salt")),
        password_hash_type: some(c.text("legacy_password_hash_type")),
        attributes: attributes(conn, c, &kinds::CUSTOMER_ATTRIBUTES)?,
        ..CustomerRecord::default()
    })
}

/// The items under a transaction or subscription, as transaction details.
pub fn details(
    conn: &Connection,
    parent: &Record,
    base: &str,
) -> Result<Vec<TransactionDetail>, ApiError> {
    let subs = if parent.kind.key == "transactions" {
        subscriptions_of(conn, parent.id)?
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for item in db::children(conn, parent.kind.key, parent.id, &kinds::ITEMS)? {
        let category = match item.int("item_category_id") {
            Some(cid) => db::find(conn, cid)?,
            None => None,
        };
        let frequency = item.text("subscription_frequency");
        let sub = subs
            .iter()
            .find(|s| !frequency.is_empty() && s.text("frequency") == frequency);
        let options = db::children(conn, "items", item.id, &kinds::ITEM_OPTIONS)?
            .iter()
            .map(|o| DetailOption {
                name: some(o.text("name")),
                value: some(o.text("value")),
                price_mod: dec(o, "price_mod"),
                weight_mod: dec(o, "weight_mod"),
                ..DetailOption::default()
            })
            .collect();
        out.push(TransactionDetail {
            product_name: some(item.text("name")),
            product_price: dec(&item, "price"),
            product_quantity: item.int("quantity").and_then(id),
            product_weight: dec(&item, "weight"),
            product_code: some(item.text("code")),
            parent_code: some(item.text("parent_code")),
            category_code: Some(
                category
                    .as_ref()
                    .map_or("DEFAULT".to_owned(), |c| c.text("code")),
            ),
            category_description: category.as_ref().map(|c| c.text("name")),
            product_delivery_type: category.as_ref().map(|c| c.text("item_delivery_type")),
            sub_token_url: sub.map(|s| sub_token_url(base, s)),
            subscription_frequency: sub.map(|_| frequency.clone()),
            subscription_startdate: sub.map(|s| s.text("start_date")),
            subscription_nextdate: sub.map(|s| s.text("next_transaction_date")),
            subscription_enddate: sub.map(|s| s.text("end_date")),
            options,
            ..TransactionDetail::default()
        });
    }
    Ok(out)
}

/// The subscriptions a transaction created (or last processed).
pub fn subscriptions_of(conn: &Connection, txn: i64) -> Result<Vec<Record>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id FROM records r JOIN props p ON p.record_id = r.id \
         WHERE r.kind = 'subscriptions' AND p.name = 'last_transaction_id' AND p.val = ?1 ORDER BY r.id",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([txn.to_string()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter()
        .map(|i| db::load(conn, &kinds::SUBSCRIPTIONS, i))
        .collect()
}

/// `{base}/cart?sub_token=TOKEN`.
pub fn sub_token_url(base: &str, sub: &Record) -> String {
    format!("{base}/cart?sub_token={}", sub.text("sub_token"))
}

/// A transaction as the datafeed and `transaction_get` show it.
pub fn transaction(conn: &Connection, t: &Record, base: &str) -> Result<Transaction, ApiError> {
    let customer = match t.int("customer_id") {
        Some(cid) => db::find(conn, cid)?.filter(|r| r.kind.key == "customers"),
        None => None,
    };
    let (mut group, shipping) = customer_group(conn, customer.as_ref())?;
    group.first_name = some(t.text("customer_first_name"));
    group.last_name = some(t.text("customer_last_name"));
    group.email = some(t.text("customer_email"));
    let custom_fields = db::children(conn, "transactions", t.id, &kinds::CUSTOM_FIELDS)?
        .iter()
        .map(|c| CustomField {
            name: some(c.text("name")),
            value: some(c.text("value")),
            is_hidden: flag(c, "is_hidden"),
            ..CustomField::default()
        })
        .collect();
    let discounts = db::children(conn, "transactions", t.id, &kinds::DISCOUNTS)?
        .iter()
        .map(|d| Discount {
            code: some(d.text("code")),
            name: some(d.text("name")),
            amount: dec(d, "frozen_amount"),
            display: dec(d, "frozen_amount").map(|a| a.to_string()),
            ..Discount::default()
        })
        .collect();
    Ok(Transaction {
        id: id(t.id),
        store_id: t.parent_of("stores").and_then(id),
        store_version: some("2.0".into()),
        is_test: flag(t, "is_test"),
        is_hidden: flag(t, "hide_transaction"),
        data_is_fed: flag(t, "data_is_fed"),
        transaction_date: some(legacy_date(&t.text("transaction_date"))),
        processor_response: some("Sandbox: approved".into()),
        customer: group,
        shipping,
        product_total: dec(t, "total_item_price"),
        tax_total: dec(t, "total_tax"),
        shipping_total: dec(t, "total_shipping"),
        order_total: dec(t, "total_order"),
        custom_fields,
        discounts,
        attributes: attributes(conn, t, &kinds::TRANSACTION_ATTRIBUTES)?,
        details: details(conn, t, base)?,
        extra: vec![
            Element::with_text("customer_ip", t.text("customer_ip")),
            Element::with_text(
                "date_modified",
                legacy_date(t.modified.as_deref().unwrap_or(&t.created)),
            ),
        ],
        ..Transaction::default()
    })
}

/// A subscription as the subscription datafeed and `subscription_get` show it.
pub fn subscription(conn: &Connection, s: &Record, base: &str) -> Result<Subscription, ApiError> {
    let customer = match s.int("customer_id") {
        Some(cid) => db::find(conn, cid)?.filter(|r| r.kind.key == "customers"),
        None => None,
    };
    let (group, _) = customer_group(conn, customer.as_ref())?;
    let details = details(conn, s, base)?;
    let total: Decimal = details
        .iter()
        .map(|d| {
            let each = d.product_price.unwrap_or_default()
                + d.options
                    .iter()
                    .filter_map(|o| o.price_mod)
                    .sum::<Decimal>();
            each * Decimal::from(d.product_quantity.unwrap_or(0))
        })
        .sum();
    let mut attrs = Element::new("attributes");
    attrs.children = attributes(conn, s, &kinds::SUBSCRIPTION_ATTRIBUTES)?
        .iter()
        .map(Attribute::to_element)
        .collect();
    Ok(Subscription {
        id: id(s.id),
        store_id: s.parent_of("stores").and_then(id),
        sub_token_url: some(sub_token_url(base, s)),
        start_date: some(s.text("start_date")),
        next_transaction_date: some(s.text("next_transaction_date")),
        end_date: some(s.text("end_date")),
        frequency: some(s.text("frequency")),
        past_due_amount: dec(s, "past_due_amount"),
        is_active: flag(s, "is_active"),
        customer: group,
        transaction_template: Some(TransactionTemplate {
            product_total: Some(total),
            tax_total: Some(Decimal::ZERO),
            shipping_total: Some(Decimal::ZERO),
            order_total: Some(total),
            details,
            ..TransactionTemplate::default()
        }),
        extra: vec![
            Element::with_text("sub_token", s.text("sub_token")),
            Element::with_text(
                "last_transaction_id",
                s.int("last_transaction_id")
                    .map_or(String::new(), |i| i.to_string()),
            ),
            attrs,
        ],
        ..Subscription::default()
    })
}
