//! Subscriptions: created when a charged cart holds subscription items (one
//! per frequency), with the subscribed items copied under the subscription as
//! its transaction template; and the frequency and date rules the legacy
//! `subscription_*` actions use.
//!
//! Frequencies are `N` followed by `d`, `w`, `m` or `y` (`1m`, `2w`), or `.5m`
//! (twice a month: 15 days). Dates are `YYYY-MM-DD`.

use foxy_proto::{Map, Value};
use rusqlite::Connection;
use time::{Date, Duration, Month};

use crate::auth::new_token;
use crate::db::{self, Record};
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds;

const DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// Today (UTC).
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// A date as `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    date.format(DATE).unwrap_or_default()
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text.trim(), DATE).ok()
}

/// Whether `frequency` is one Foxy accepts.
pub fn valid_frequency(frequency: &str) -> bool {
    next_date(today(), frequency).is_some()
}

fn add_months(date: Date, months: i32) -> Option<Date> {
    let index = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months;
    let (year, month) = (
        index.div_euclid(12),
        u8::try_from(index.rem_euclid(12) + 1).ok()?,
    );
    let month = Month::try_from(month).ok()?;
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).ok()
}

/// The date one `frequency` after `date`.
pub fn next_date(date: Date, frequency: &str) -> Option<Date> {
    if frequency == ".5m" {
        return date.checked_add(Duration::days(15));
    }
    let unit = frequency.chars().last()?;
    let count: i32 = frequency[..frequency.len() - 1]
        .parse()
        .ok()
        .filter(|n| *n > 0)?;
    match unit {
        'd' => date.checked_add(Duration::days(i64::from(count))),
        'w' => date.checked_add(Duration::weeks(i64::from(count))),
        'm' => add_months(date, count),
        'y' => add_months(date, count.checked_mul(12)?),
        _ => None,
    }
}

fn copy_item(conn: &Connection, item: &Record, sub: i64) -> Result<(), ApiError> {
    let copy = db::insert(
        conn,
        &kinds::ITEMS,
        Some(("subscriptions", sub)),
        &item.props,
    )?;
    for option in db::children(conn, "items", item.id, &kinds::ITEM_OPTIONS)? {
        db::insert(
            conn,
            &kinds::ITEM_OPTIONS,
            Some(("items", copy)),
            &option.props,
        )?;
    }
    Ok(())
}

/// Creates the subscriptions of a new transaction; returns their ids.
pub fn create_for_transaction(
    conn: &Connection,
    store_id: i64,
    txn: i64,
) -> Result<Vec<i64>, ApiError> {
    let transaction = db::load(conn, &kinds::TRANSACTIONS, txn)?;
    let items = db::children(conn, "transactions", txn, &kinds::ITEMS)?;
    let mut frequencies: Vec<String> = Vec::new();
    for item in &items {
        let frequency = item.text("subscription_frequency");
        if !frequency.is_empty() && !frequencies.contains(&frequency) {
            frequencies.push(frequency);
        }
    }
    let mut created = Vec::new();
    for frequency in frequencies {
        let subscribed: Vec<&Record> = items
            .iter()
            .filter(|i| i.text("subscription_frequency") == frequency)
            .collect();
        let first = subscribed
            .first()
            .map(|i| i.text("subscription_start_date"));
        let start = first
            .as_deref()
            .and_then(|d| parse_date(d.get(..10).unwrap_or(d)))
            .unwrap_or_else(today);
        let next = next_date(start, &frequency).ok_or_else(|| {
            ApiError::bad_request(format!(
                "invalid subscription frequency {:?}",
                crate::error::excerpt(&frequency)
            ))
        })?;
        let end = subscribed
            .iter()
            .map(|i| i.text("subscription_end_date"))
            .find(|d| !d.is_empty())
            .map_or_else(
                || "0000-00-00".to_owned(),
                |d| d.get(..10).unwrap_or(&d).to_owned(),
            );
        let mut body = Map::new();
        body.insert("start_date".into(), Value::from(format_date(start)));
        body.insert(
            "next_transaction_date".into(),
            Value::from(format_date(next)),
        );
        body.insert("end_date".into(), Value::from(end));
        body.insert("frequency".into(), Value::from(frequency.as_str()));
        let mut props = input::apply(conn, &kinds::SUBSCRIPTIONS, None, &body, Mode::Create)?;
        props.insert(
            "customer_id".into(),
            transaction
                .int("customer_id")
                .map_or(Value::Null, Value::from),
        );
        props.insert("last_transaction_id".into(), Value::from(txn));
        props.insert("sub_token".into(), Value::from(new_token("sub")));
        let sub = db::insert(
            conn,
            &kinds::SUBSCRIPTIONS,
            Some(("stores", store_id)),
            &props,
        )?;
        for item in subscribed {
            copy_item(conn, item, sub)?;
        }
        created.push(sub);
    }
    Ok(created)
}

/// A subscription by its token (or a complete `sub_token_url`).
pub fn by_token(conn: &Connection, token: &str) -> Result<Option<Record>, ApiError> {
    let token = foxy_proto::legacy::sub_token(token);
    let id: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT r.id FROM records r JOIN props p ON p.record_id = r.id \
         WHERE r.kind = 'subscriptions' AND p.name = 'sub_token' AND p.val = ?1",
        [token],
        |r| r.get(0),
    ))?;
    id.map(|i| db::load(conn, &kinds::SUBSCRIPTIONS, i))
        .transpose()
}

/// Every subscription of the store, oldest first.
pub fn all(conn: &Connection, store_id: i64) -> Result<Vec<Record>, ApiError> {
    db::children(conn, "stores", store_id, &kinds::SUBSCRIPTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies() {
        let d = parse_date("2024-01-31").expect("date");
        assert_eq!(
            next_date(d, "1m").map(format_date).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            next_date(d, "2w").map(format_date).as_deref(),
            Some("2024-02-14")
        );
        assert_eq!(
            next_date(d, "1y").map(format_date).as_deref(),
            Some("2025-01-31")
        );
        assert_eq!(
            next_date(d, ".5m").map(format_date).as_deref(),
            Some("2024-02-15")
        );
        assert!(next_date(d, "0m").is_none() && next_date(d, "m").is_none());
        assert!(!valid_frequency("3x"));
    }
}
