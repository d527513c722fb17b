//! The action relations (`fx:refund`, `fx:void`, `fx:generate_codes`...),
//! each with a believable effect on the stored data.
//!
//! | action | effect |
//! | --- | --- |
//! | `refund` | adds a `refund` payment of minus the amount (default: the order total), status `refunded` |
//! | `void` | status `voided` | `capture`: status `captured` |
//! | `send_webhooks`, `process_webhook` | delivers the transaction to the store's active webhooks |
//! | `charge_past_due` | charges the subscription's `past_due_amount` (a 400 when nothing is due) and sets it to 0 |
//! | `generate_codes` | adds `number_of_codes` codes (`prefix` + `length` characters) to the coupon or gift card |
//! | `accept`, `reject`, `resend`, `revoke` | sets the invitation's `status` |
//! | `reset_usage` | sets `number_of_downloads` to 0 |
//!
//! Every other action answers 200 with a message and changes nothing.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use foxy_proto::{Map, Value};
use foxy_schema::Relation;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;
use rust_decimal::Decimal;

use super::catalog;
use crate::db::{self, Record};
use crate::engine::{self, parse_id};
use crate::error::ApiError;
use crate::kinds::Kind;
use crate::links;
use crate::present::{self, num};
use crate::query::{decimal, value_decimal};
use crate::render::Ctx;

/// What an action did: its message, extra properties, and whether webhooks must be sent.
struct Outcome {
    message: String,
    props: Map,
    deliver: Option<i64>,
}

impl Outcome {
    fn said(message: impl Into<String>) -> Outcome {
        Outcome {
            message: message.into(),
            props: Map::new(),
            deliver: None,
        }
    }
}

/// POST to an action of the resource `id` of `on`.
pub async fn run(
    r: &'static Relation,
    on: Option<&'static Kind>,
    ctx: Ctx,
    id: String,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    let Some(kind) = on else {
        return Err(ApiError::not_found("this action acts on no resource"));
    };
    let id = parse_id(kind, &id)?;
    let doc = if bytes.is_empty() {
        foxy_proto::Resource::new()
    } else {
        crate::body::parse(&ctx.headers, &bytes)?
    };
    let pres = ctx.pres.clone();
    let (href, out) = ctx
        .state
        .db
        .run(move |conn| {
            let rec = engine::load_owned(conn, kind, id)?;
            let out = effect(conn, r, &rec, &doc.properties)?;
            Ok((links::self_href(&pres, &rec), out))
        })
        .await?;
    if let Some(txn) = out.deliver {
        crate::delivery::transaction_created(&ctx.state, txn);
    }
    let mut res = present::message(&href, kind.title, out.message);
    for (k, v) in out.props {
        res.properties.insert(k, v);
    }
    ctx.with_status(StatusCode::OK, &res)
}

fn set(conn: &Connection, rec: &Record, pairs: &[(&str, Value)]) -> Result<(), ApiError> {
    let mut props = rec.props.clone();
    for (k, v) in pairs {
        props.insert((*k).to_owned(), v.clone());
    }
    db::update(conn, rec.id, &props)
}

fn effect(conn: &Connection, r: &Relation, rec: &Record, body: &Map) -> Result<Outcome, ApiError> {
    let name = r.name.as_str();
    match name {
        "refund" => refund(conn, rec, body),
        "void" | "capture" => {
            let status = if name == "void" { "voided" } else { "captured" };
            if rec.text("status") == "voided" || rec.text("status") == "refunded" {
                return Err(ApiError::bad_request(format!(
                    "status: this transaction is {} and cannot be {status}",
                    rec.text("status")
                )));
            }
            set(conn, rec, &[("status", Value::from(status))])?;
            Ok(Outcome::said(format!("transaction {} {status}", rec.id)))
        }
        "send_webhooks" | "process_webhook" => {
            let mut out = Outcome::said(format!("webhooks of transaction {} sent", rec.id));
            out.deliver = Some(rec.id);
            Ok(out)
        }
        "send_emails" => Ok(Outcome::said(format!(
            "emails of transaction {} sent",
            rec.id
        ))),
        "charge_past_due" => {
            let due = rec
                .props
                .get("past_due_amount")
                .and_then(value_decimal)
                .unwrap_or_default();
            if due <= Decimal::ZERO {
                return Err(ApiError::bad_request(
                    "past_due_amount: this subscription owes nothing",
                ));
            }
            set(conn, rec, &[("past_due_amount", num(Decimal::ZERO))])?;
            let mut out = Outcome::said(format!("charged {due:.2} past due"));
            out.props.insert("amount_charged".into(), num(due));
            Ok(out)
        }
        "generate_codes" => generate_codes(conn, rec, body),
        "accept" | "reject" | "resend" | "revoke" => {
            let status = match name {
                "accept" => "accepted",
                "reject" => "rejected",
                "resend" => "sent",
                _ => "revoked",
            };
            set(conn, rec, &[("status", Value::from(status))])?;
            Ok(Outcome::said(format!("invitation {status}")))
        }
        "reset_usage" => {
            set(conn, rec, &[("number_of_downloads", Value::from(0i64))])?;
            Ok(Outcome::said("usage reset"))
        }
        "create_upload_url" => {
            let mut out = Outcome::said("upload URL created");
            out.props.insert(
                "upload_url".into(),
                Value::from(format!("https://uploads.sandbox.test/{}", rec.id)),
            );
            Ok(out)
        }
        _ => Ok(Outcome::said(format!("{name} done"))),
    }
}

fn refund(conn: &Connection, rec: &Record, body: &Map) -> Result<Outcome, ApiError> {
    if rec.text("status") == "voided" || rec.text("status") == "refunded" {
        return Err(ApiError::bad_request(format!(
            "status: transaction {} is {} and cannot be refunded",
            rec.id,
            rec.text("status")
        )));
    }
    let total = rec
        .props
        .get("total_order")
        .and_then(value_decimal)
        .unwrap_or_default();
    let amount = match body.get("amount") {
        None | Some(Value::Null) => total,
        Some(v) => {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            decimal(&text)
                .filter(|d| *d > Decimal::ZERO && *d <= total)
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "amount must be a decimal above 0 and at most {total}"
                    ))
                })?
        }
    };
    let Some(payments) = catalog().kind_of.get("payment").copied() else {
        return Err(ApiError::internal("payments are not described"));
    };
    let mut props = crate::input::defaults(payments);
    props.insert("type".into(), Value::from("refund"));
    props.insert("amount".into(), num(-amount));
    props.insert("transaction_id".into(), Value::from(rec.id));
    props.insert("processor_response".into(), Value::from("sandbox refund"));
    db::insert(conn, payments, Some((rec.kind.key, rec.id)), &props)?;
    let status = if amount == total {
        "refunded"
    } else {
        "approved"
    };
    set(conn, rec, &[("status", Value::from(status))])?;
    let mut out = Outcome::said(format!("refunded {amount:.2}"));
    out.props.insert("amount".into(), num(amount));
    Ok(out)
}

fn generate_codes(conn: &Connection, rec: &Record, body: &Map) -> Result<Outcome, ApiError> {
    let int = |name: &str, default: i64| -> Result<i64, ApiError> {
        match body.get(name) {
            None | Some(Value::Null) => Ok(default),
            Some(v) => v
                .as_i64_lenient()
                .ok_or_else(|| ApiError::bad_request(format!("{name} must be an integer"))),
        }
    };
    let count = int("number_of_codes", 1)?;
    let length = int("length", 8)?;
    if !(1..=500).contains(&count) {
        return Err(ApiError::bad_request(
            "number_of_codes must be between 1 and 500",
        ));
    }
    if !(4..=50).contains(&length) {
        return Err(ApiError::bad_request("length must be between 4 and 50"));
    }
    let prefix = match body.get("prefix") {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let child = rec
        .kind
        .children
        .iter()
        .find(|c| c.rel.ends_with("_codes"))
        .ok_or_else(|| ApiError::bad_request("this resource has no codes"))?;
    let seed = u64::try_from(db::now_ms()).unwrap_or(0) ^ (rec.id as u64).rotate_left(32);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut codes = Vec::new();
    for _ in 0..count {
        let tail: String = (0..length)
            .map(|_| {
                let i = rng.random_range(0..32usize);
                char::from(b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[i])
            })
            .collect();
        let code = format!("{prefix}{tail}");
        let mut props = crate::input::defaults(child.kind);
        props.insert("code".into(), Value::from(code.as_str()));
        if let Some(balance) = body.get("current_balance").filter(|v| !v.is_null()) {
            props.insert("current_balance".into(), balance.clone());
        }
        super::seed::own_ids(conn, child.kind, (rec.kind, rec.id), &mut props)?;
        db::insert(conn, child.kind, Some((rec.kind.key, rec.id)), &props)?;
        codes.push(Value::from(code));
    }
    let mut out = Outcome::said(format!("{count} codes generated"));
    out.props.insert("codes".into(), Value::Array(codes));
    Ok(out)
}
