//! The legacy XML API's actions over the sandbox's store data.
//!
//! Requests are read and answers written by `foxy_proto::legacy`; the records
//! are the hAPI's (`crate::feed` converts them). Each action runs inside one
//! database transaction: an action that fails answers `ERROR` and changes
//! nothing. Actions that re-send a datafeed return a [`Followup`] that the
//! route runs after the transaction commits.

mod customers;
mod store;
mod subscriptions;
mod transactions;

use foxy_proto::legacy::{Action, ApiRequest, ApiResponse, ApiResult, Filter, Page};
use rusqlite::Connection;

use crate::error::ApiError;

/// What an action needs besides the database.
#[derive(Debug, Clone)]
pub struct LegacyCtx {
    /// The store.
    pub store_id: i64,
    /// `http://host:port`, for `sub_token_url`s.
    pub base: String,
    /// Whether a datafeed URL is configured.
    pub has_datafeed: bool,
}

/// Work to do once the action's transaction has committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Followup {
    /// Re-send the transaction datafeed of this transaction.
    TransactionFeed(i64),
    /// Re-send the subscription datafeed (every subscription).
    SubscriptionFeed,
}

/// An action's answer and its follow-up.
pub type Outcome = (ApiResponse, Option<Followup>);

/// Runs one call. Failures of the call itself (missing parameters, unknown
/// records) are `Err` with the message for the `ERROR` answer.
pub fn dispatch(
    conn: &Connection,
    ctx: &LegacyCtx,
    call: &ApiRequest,
) -> Result<Outcome, ApiError> {
    let plain = |r: Result<ApiResponse, ApiError>| r.map(|r| (r, None));
    match call.action() {
        Action::CustomerGet => plain(customers::get(conn, call)),
        Action::CustomerSave => plain(customers::save(conn, ctx, call)),
        Action::CustomerList => plain(customers::list(conn, ctx, call)),
        Action::CustomerAddressGet => plain(customers::address_get(conn, call)),
        Action::CustomerAddressSave => plain(customers::address_save(conn, call)),
        Action::TransactionGet => plain(transactions::get(conn, ctx, call)),
        Action::TransactionList => plain(transactions::list(conn, ctx, call)),
        Action::TransactionModify => plain(transactions::modify(conn, call)),
        Action::TransactionDatafeed => transactions::datafeed(conn, ctx, call),
        Action::TransactionSendReceipt => plain(transactions::send_receipt(conn, call)),
        Action::SubscriptionGet => plain(subscriptions::get(conn, ctx, call)),
        Action::SubscriptionCancel => plain(subscriptions::cancel(conn, call)),
        Action::SubscriptionModify => plain(subscriptions::modify(conn, call)),
        Action::SubscriptionList => plain(subscriptions::list(conn, ctx, call)),
        Action::SubscriptionDatafeed => subscriptions::datafeed(ctx),
        Action::AttributeSave => plain(store::attribute_save(conn, call)),
        Action::AttributeList => plain(store::attribute_list(conn, call)),
        Action::AttributeDelete => plain(store::attribute_delete(conn, call)),
        Action::CategoryList => plain(store::category_list(conn, ctx)),
        Action::DownloadableList => plain(store::downloadable_list(call)),
        Action::StoreTemplateCache => plain(store::template_cache(conn, call)),
        Action::StoreIncludesGet => plain(store::includes_get(ctx, call)),
        other => Err(ApiError::bad_request(format!(
            "api_action {other} is not supported by the sandbox"
        ))),
    }
}

/// An `ERROR` answer with one message.
pub fn error_answer(message: &str) -> ApiResponse {
    ApiResponse {
        result: ApiResult::Error,
        messages: message.lines().map(str::to_owned).collect(),
        ..ApiResponse::default()
    }
}

/// A `SUCCESS` answer with one message.
pub(crate) fn success(message: impl Into<String>) -> ApiResponse {
    ApiResponse {
        result: ApiResult::Success,
        messages: vec![message.into()],
        ..ApiResponse::default()
    }
}

/// A parameter's value, trimmed; `None` when absent or blank.
pub(crate) fn param<'a>(call: &'a ApiRequest, name: &str) -> Option<&'a str> {
    call.get(name).map(str::trim).filter(|v| !v.is_empty())
}

/// A required parameter.
pub(crate) fn required<'a>(call: &'a ApiRequest, name: &str) -> Result<&'a str, ApiError> {
    param(call, name).ok_or_else(|| ApiError::bad_request(format!("{name} is required")))
}

/// A `0`/`1` parameter.
pub(crate) fn bit(call: &ApiRequest, name: &str) -> Result<Option<bool>, ApiError> {
    match param(call, name) {
        None => Ok(None),
        Some("1" | "true") => Ok(Some(true)),
        Some("0" | "false") => Ok(Some(false)),
        Some(other) => Err(ApiError::bad_request(format!(
            "{name} accepts 0 or 1, not {other:?}",
            other = crate::error::excerpt(other)
        ))),
    }
}

/// A numeric id parameter.
pub(crate) fn id_param(call: &ApiRequest, name: &str) -> Result<Option<i64>, ApiError> {
    param(call, name)
        .map(|v| {
            v.parse::<i64>().map_err(|_| {
                ApiError::bad_request(format!(
                    "{name} must be a number, not {:?}",
                    crate::error::excerpt(v)
                ))
            })
        })
        .transpose()
}

/// The filters and page of a `_list` call.
pub(crate) fn list_params(call: &ApiRequest) -> Result<(Vec<Filter>, Page), ApiError> {
    let filters = Filter::parse_all(call.action(), call.params())
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let page =
        Page::from_params(call.params()).map_err(|e| ApiError::bad_request(e.to_string()))?;
    Ok((filters, page))
}

/// Answers a `_list` call: builds the record of each of `all` (`total` in
/// all), keeps those every filter accepts, pages them, and returns the answer
/// with its messages and statistics, and the records to show.
pub(crate) fn list_answer<R, T>(
    what: &str,
    total_name: &str,
    page: &Page,
    all: &[R],
    mut record: impl FnMut(&R) -> Result<T, ApiError>,
    keep: impl Fn(&T) -> bool,
) -> Result<(ApiResponse, Vec<T>), ApiError> {
    let mut records = Vec::new();
    for r in all {
        let rec = record(r)?;
        if keep(&rec) {
            records.push(rec);
        }
    }
    let (shown, statistics) = page.apply(total_name, all.len() as u64, records);
    let mut answer = success("");
    answer.messages = list_messages(what, shown.len(), statistics.filtered_total, page.start);
    answer.statistics = Some(statistics);
    Ok((answer, shown))
}

/// The messages of a `_list` answer: how many matched and which are shown.
fn list_messages(what: &str, shown: usize, filtered: Option<u64>, start: u64) -> Vec<String> {
    let filtered = filtered.unwrap_or(0);
    if shown == 0 {
        vec![format!("{what} Found: 0 (of {filtered} matching)")]
    } else {
        vec![format!(
            "{what} Found: {filtered}; showing {start} to {}",
            start + shown as u64 - 1
        )]
    }
}
