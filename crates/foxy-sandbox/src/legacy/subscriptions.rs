//! `subscription_get`, `subscription_cancel`, `subscription_modify`,
//! `subscription_list` and `subscription_datafeed`.
//!
//! `subscription_modify`'s `transaction_template` is a
//! `<transaction_template>` document (read by `foxy_proto::datafeed`); its
//! `transaction_details` replace the subscription's items.

use foxy_proto::datafeed::TransactionTemplate;
use foxy_proto::datafeed::xml::Element;
use foxy_proto::legacy::{ApiRequest, ApiResponse};
use foxy_proto::{Map, Value};
use rusqlite::Connection;
use rust_decimal::Decimal;

use super::{
    Followup, LegacyCtx, Outcome, bit, list_answer, list_params, param, required, success,
};
use crate::db::{self, Record};
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds;
use crate::present::num;
use crate::subscriptions::{self as subs, format_date, parse_date, today, valid_frequency};
use crate::{feed, query};

fn find(conn: &Connection, call: &ApiRequest) -> Result<Record, ApiError> {
    let token = required(call, "sub_token")?;
    subs::by_token(conn, token)?.ok_or_else(|| ApiError::not_found("Subscription not found"))
}

pub(super) fn get(
    conn: &Connection,
    ctx: &LegacyCtx,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let sub = find(conn, call)?;
    let mut answer = success("Subscription Found");
    answer.subscriptions = vec![feed::subscription(conn, &sub, &ctx.base)?];
    Ok(answer)
}

pub(super) fn cancel(conn: &Connection, call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let sub = find(conn, call)?;
    let tomorrow = today().next_day().unwrap_or_else(today);
    let mut props = sub.props.clone();
    props.insert("end_date".into(), Value::from(format_date(tomorrow)));
    db::update(conn, sub.id, &props)?;
    Ok(success(format!(
        "Subscription Canceled: it ends on {}",
        format_date(tomorrow)
    )))
}

fn replace_template(conn: &Connection, sub: &Record, xml: &str) -> Result<(), ApiError> {
    let bad = |e: String| ApiError::bad_request(format!("invalid transaction_template: {e}"));
    let element = Element::parse(xml).map_err(|e| bad(e.to_string()))?;
    let template = TransactionTemplate::from_element(element).map_err(|e| bad(e.to_string()))?;
    if template.details.is_empty() {
        return Err(bad("it has no transaction_details".into()));
    }
    for item in db::children(conn, "subscriptions", sub.id, &kinds::ITEMS)? {
        db::delete(conn, item.id, kinds::ITEMS.key)?;
    }
    for detail in &template.details {
        let mut body = Map::new();
        let text = |v: &Option<String>| Value::from(v.clone().unwrap_or_default());
        body.insert("name".into(), text(&detail.product_name));
        body.insert(
            "price".into(),
            num(detail.product_price.unwrap_or_default()),
        );
        body.insert(
            "quantity".into(),
            Value::from(detail.product_quantity.unwrap_or(1)),
        );
        body.insert(
            "weight".into(),
            num(detail.product_weight.unwrap_or_default()),
        );
        body.insert("code".into(), text(&detail.product_code));
        body.insert(
            "subscription_frequency".into(),
            Value::from(sub.text("frequency")),
        );
        let props = input::apply(conn, &kinds::ITEMS, None, &body, Mode::Create)?;
        let item = db::insert(conn, &kinds::ITEMS, Some(("subscriptions", sub.id)), &props)?;
        for option in &detail.options {
            let mut body = Map::new();
            body.insert("name".into(), text(&option.name));
            body.insert("value".into(), text(&option.value));
            body.insert(
                "price_mod".into(),
                num(option.price_mod.unwrap_or_default()),
            );
            let props = input::apply(conn, &kinds::ITEM_OPTIONS, None, &body, Mode::Create)?;
            db::insert(conn, &kinds::ITEM_OPTIONS, Some(("items", item)), &props)?;
        }
    }
    Ok(())
}

pub(super) fn modify(conn: &Connection, call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let sub = find(conn, call)?;
    let mut props = sub.props.clone();
    let mut changed = Vec::new();
    for field in ["start_date", "end_date", "next_transaction_date"] {
        if let Some(value) = param(call, field) {
            if parse_date(value).is_none() && !(field == "end_date" && value == "0000-00-00") {
                return Err(ApiError::bad_request(format!(
                    "{field} must be YYYY-MM-DD, not {value:?}",
                    value = crate::error::excerpt(value)
                )));
            }
            props.insert(field.into(), Value::from(value));
            changed.push(field);
        }
    }
    if let Some(frequency) = param(call, "frequency") {
        if !valid_frequency(frequency) {
            return Err(ApiError::bad_request(format!(
                "invalid frequency {frequency:?}",
                frequency = crate::error::excerpt(frequency)
            )));
        }
        props.insert("frequency".into(), Value::from(frequency));
        changed.push("frequency");
    }
    if let Some(amount) = param(call, "past_due_amount") {
        let amount: Decimal = query::decimal(amount)
            .filter(|d| !d.is_sign_negative())
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "past_due_amount {:?} is not an amount",
                    crate::error::excerpt(amount)
                ))
            })?;
        props.insert("past_due_amount".into(), num(amount));
        changed.push("past_due_amount");
    }
    if let Some(active) = bit(call, "is_active")? {
        props.insert("is_active".into(), Value::Bool(active));
        changed.push("is_active");
    }
    if let Some(xml) = param(call, "transaction_template") {
        replace_template(conn, &sub, xml)?;
        changed.push("transaction_template");
    }
    if changed.is_empty() {
        return Err(ApiError::bad_request(
            "nothing to modify: give start_date, end_date, next_transaction_date, frequency, past_due_amount, is_active or transaction_template",
        ));
    }
    db::update(conn, sub.id, &props)?;
    Ok(success(format!(
        "Subscription Updated: {}",
        changed.join(", ")
    )))
}

pub(super) fn list(
    conn: &Connection,
    ctx: &LegacyCtx,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let (filters, page) = list_params(call)?;
    let all = subs::all(conn, ctx.store_id)?;
    let (mut answer, shown) = list_answer(
        "Subscriptions",
        "total_subscriptions",
        &page,
        &all,
        |s| feed::subscription(conn, s, &ctx.base),
        |record| filters.iter().all(|f| f.matches_subscription(record)),
    )?;
    answer.subscriptions = shown;
    Ok(answer)
}

pub(super) fn datafeed(ctx: &LegacyCtx) -> Result<Outcome, ApiError> {
    if !ctx.has_datafeed {
        return Err(ApiError::bad_request(
            "This store has no datafeed URL configured (sandbox: --datafeed-url)",
        ));
    }
    Ok((
        success("Subscription Datafeed Queued"),
        Some(Followup::SubscriptionFeed),
    ))
}
