//! `transaction_get`, `transaction_list`, `transaction_modify`,
//! `transaction_datafeed` and `transaction_send_receipt` over the
//! transactions that charges create.

use foxy_proto::Value;
use foxy_proto::legacy::{ApiRequest, ApiResponse};
use rusqlite::Connection;

use super::{Followup, LegacyCtx, Outcome, bit, id_param, list_answer, list_params, success};
use crate::db::{self, Record};
use crate::error::ApiError;
use crate::feed;
use crate::kinds;

fn find(conn: &Connection, call: &ApiRequest) -> Result<Record, ApiError> {
    let id = id_param(call, "transaction_id")?
        .ok_or_else(|| ApiError::bad_request("transaction_id is required"))?;
    match db::find(conn, id)? {
        Some(r) if r.kind.key == kinds::TRANSACTIONS.key => Ok(r),
        _ => Err(ApiError::not_found(format!("Transaction {id} not found"))),
    }
}

pub(super) fn get(
    conn: &Connection,
    ctx: &LegacyCtx,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let txn = find(conn, call)?;
    let mut answer = success("Transaction Found");
    answer.transactions = vec![feed::transaction(conn, &txn, &ctx.base)?];
    Ok(answer)
}

pub(super) fn list(
    conn: &Connection,
    ctx: &LegacyCtx,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let (filters, page) = list_params(call)?;
    let all = db::children(conn, "stores", ctx.store_id, &kinds::TRANSACTIONS)?;
    let (mut answer, shown) = list_answer(
        "Transactions",
        "total_transactions",
        &page,
        &all,
        |t| feed::transaction(conn, t, &ctx.base),
        |record| filters.iter().all(|f| f.matches_transaction(record)),
    )?;
    answer.transactions = shown;
    Ok(answer)
}

pub(super) fn modify(conn: &Connection, call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let txn = find(conn, call)?;
    let fed = bit(call, "data_is_fed")?;
    let hidden = bit(call, "hide_transaction")?;
    if fed.is_none() && hidden.is_none() {
        return Err(ApiError::bad_request(
            "data_is_fed or hide_transaction is required",
        ));
    }
    let mut props = txn.props.clone();
    if let Some(fed) = fed {
        props.insert("data_is_fed".into(), Value::Bool(fed));
    }
    if let Some(hidden) = hidden {
        props.insert("hide_transaction".into(), Value::Bool(hidden));
    }
    db::update(conn, txn.id, &props)?;
    Ok(success(format!("Transaction {} Updated", txn.id)))
}

pub(super) fn datafeed(
    conn: &Connection,
    ctx: &LegacyCtx,
    call: &ApiRequest,
) -> Result<Outcome, ApiError> {
    let txn = find(conn, call)?;
    if !ctx.has_datafeed {
        return Err(ApiError::bad_request(
            "This store has no datafeed URL configured (sandbox: --datafeed-url)",
        ));
    }
    Ok((
        success(format!("Transaction {} Datafeed Queued", txn.id)),
        Some(Followup::TransactionFeed(txn.id)),
    ))
}

pub(super) fn send_receipt(conn: &Connection, call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let txn = find(conn, call)?;
    let email = txn.text("customer_email");
    if email.is_empty() {
        return Err(ApiError::bad_request(format!(
            "Transaction {} has no customer email to send a receipt to",
            txn.id
        )));
    }
    let sent = db::meta_get(conn, "receipts_sent")?
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(0)
        + 1;
    db::meta_set(conn, "receipts_sent", &sent.to_string())?;
    Ok(success(format!(
        "Receipt for Transaction {} Sent to {email}",
        txn.id
    )))
}
