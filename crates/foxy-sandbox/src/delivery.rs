//! Delivering events to the store's endpoints, in background tasks so the
//! request that caused them is not delayed.
//!
//! - JSON webhooks: each active `webhooks` record with `format` `json` whose
//!   `event_resource` is the event's (`transaction`, `subscription` or
//!   `customer`) receives `POST url` with the resource as HAL+JSON (zoomed by the
//!   webhook's `query`; a transaction's default is
//!   `zoom=items,items:item_options,discounts,custom_fields`), signed by
//!   `foxy_proto::webhook::signed_request` with the webhook's
//!   `encryption_key` (`Foxy-Webhook-Signature`, `Foxy-Webhook-Event:
//!   transaction/created`, `subscription/created`, `customer/created`...).
//!   Any 2xx status is a success.
//! - The XML datafeed (`Config::datafeed_url`): a form `POST` of
//!   `FoxyData=<RC4 of the foxydata XML>` (or `FoxySubscriptionData=`),
//!   encrypted with the store secret by `foxy_proto::datafeed::encode`; the
//!   endpoint must answer `200` with the body `foxy`. A fed transaction gets
//!   `data_is_fed` set.
//!
//! Failed deliveries are retried `Config::delivery_attempts` times in all,
//! waiting `Config::delivery_backoff`, doubled after each failure. Every
//! attempt is recorded in the `deliveries` table (`GET /_sandbox/deliveries`).
//! Only `http://` targets are supported.

use std::time::Duration;

use axum::body::Body;
use foxy_proto::datafeed::{self, FoxyData};
use foxy_proto::{MediaType, Value, codec, webhook};
use http::{Method, Request, header};
use hyper_util::rt::TokioIo;
use rusqlite::{Connection, params};

use crate::db::{self, now_text};
use crate::error::ApiError;
use crate::kinds;
use crate::present::{self, Pres};
use crate::query::Query;
use crate::state::AppState;
use crate::{feed, sessions, subscriptions};

/// The version written in `datafeed_version`.
pub const DATAFEED_VERSION: &str = "XML FoxyCart Version 2.0";
const DEFAULT_QUERY: &str = "zoom=items,items:item_options,discounts,custom_fields";
const TIMEOUT: Duration = Duration::from_secs(10);

/// One delivery: what, where, and the request to send.
struct Job {
    kind: &'static str,
    event: String,
    request: Request<Vec<u8>>,
    feeds: Option<i64>,
}

fn base(state: &AppState) -> String {
    format!("http://{}", state.bound)
}

/// Sends the webhooks and the datafeed of a new transaction (in the background).
pub fn transaction_created(state: &AppState, txn: i64) {
    spawn_jobs(state.clone(), move |conn, state| {
        let mut jobs = webhook_jobs(conn, state, &EventOf::TRANSACTION, "created", txn)?;
        jobs.extend(transaction_feed_job(conn, state, txn)?);
        Ok(jobs)
    });
}

/// What a webhook event is about: the `event_resource` of the webhooks
/// that receive it, the kind of its body and that body's default query.
pub struct EventOf {
    resource: &'static str,
    kind: &'static kinds::Kind,
    default_query: &'static str,
}

impl EventOf {
    /// The `event_resource` of the webhooks that receive these events.
    pub fn resource(&self) -> &'static str {
        self.resource
    }

    /// `transaction/...` events.
    pub const TRANSACTION: EventOf = EventOf {
        resource: "transaction",
        kind: &kinds::TRANSACTIONS,
        default_query: DEFAULT_QUERY,
    };
    /// `subscription/...` events.
    pub const SUBSCRIPTION: EventOf = EventOf {
        resource: "subscription",
        kind: &kinds::SUBSCRIPTIONS,
        default_query: "",
    };
    /// `customer/...` events.
    pub const CUSTOMER: EventOf = EventOf {
        resource: "customer",
        kind: &kinds::CUSTOMERS,
        default_query: "",
    };
}

/// Sends the webhooks of `{resource}/{action}` about the record `id` (in
/// the background): `subscription/created`, `customer/updated`...
pub fn resource_event(state: &AppState, of: &'static EventOf, action: &'static str, id: i64) {
    spawn_jobs(state.clone(), move |conn, state| {
        webhook_jobs(conn, state, of, action, id)
    });
}

/// Re-sends the datafeed of one transaction (in the background).
pub fn resend_transaction_feed(state: &AppState, txn: i64) {
    spawn_jobs(state.clone(), move |conn, state| {
        transaction_feed_job(conn, state, txn).map(|j| j.into_iter().collect())
    });
}

/// Sends the subscription datafeed of every subscription (in the background).
pub fn send_subscription_feed(state: &AppState) {
    spawn_jobs(state.clone(), |conn, state| {
        let Some(url) = state.config.datafeed_url.clone() else {
            return Ok(Vec::new());
        };
        let base = base(state);
        let mut data = FoxyData {
            datafeed_version: Some(DATAFEED_VERSION.into()),
            ..FoxyData::default()
        };
        for sub in subscriptions::all(conn, state.store_id)? {
            data.subscriptions
                .push(feed::subscription(conn, &sub, &base)?);
        }
        Ok(vec![feed_job(
            conn,
            state,
            &url,
            "FoxySubscriptionData",
            &data,
            "subscription/datafeed",
            None,
        )?])
    });
}

fn spawn_jobs(
    state: AppState,
    build: impl FnOnce(&Connection, &AppState) -> Result<Vec<Job>, ApiError> + Send + 'static,
) {
    tokio::spawn(async move {
        let db_state = state.clone();
        let jobs = state.db.run(move |conn| build(conn, &db_state)).await;
        match jobs {
            Ok(jobs) => {
                for job in jobs {
                    tokio::spawn(deliver(state.clone(), job));
                }
            }
            Err(e) => warn(&format!("cannot prepare deliveries: {}", e.message)),
        }
    });
}

fn warn(line: &str) {
    eprintln!("foxy-sandbox: {line}");
}

fn webhook_jobs(
    conn: &Connection,
    state: &AppState,
    of: &EventOf,
    action: &str,
    id: i64,
) -> Result<Vec<Job>, ApiError> {
    let rec = db::load(conn, of.kind, id)?;
    let pres = Pres::new(base(state), state.store_id);
    let event = format!("{}/{action}", of.resource);
    let mut jobs = Vec::new();
    for hook in db::children(conn, "stores", state.store_id, &kinds::WEBHOOKS)? {
        let active = hook.props.get("is_active").and_then(Value::as_bool) != Some(false);
        if !active || hook.text("event_resource") != of.resource || hook.text("format") != "json" {
            continue;
        }
        let query = match hook.text("query") {
            q if q.trim().is_empty() => of.default_query.to_owned(),
            q => q,
        };
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let q = Query::parse(&pairs, of.kind)?;
        let res = present::resource(conn, &pres, &rec, &q.zoom, &q.filters, q.fields.as_deref())?;
        let body = codec::write(MediaType::HalJson, &res)
            .map_err(|e| ApiError::internal(format!("cannot encode the webhook body: {e}")))?;
        let key = foxy_proto::Secret::new(hook.text("encryption_key"));
        match webhook::signed_request(&key, &hook.text("url"), &event, body) {
            Ok(request) => jobs.push(Job {
                kind: "webhook",
                event: event.clone(),
                request,
                feeds: None,
            }),
            Err(e) => warn(&format!("webhook {}: {e}", hook.id)),
        }
    }
    Ok(jobs)
}

fn transaction_feed_job(
    conn: &Connection,
    state: &AppState,
    txn: i64,
) -> Result<Option<Job>, ApiError> {
    let Some(url) = state.config.datafeed_url.clone() else {
        return Ok(None);
    };
    let rec = db::load(conn, &kinds::TRANSACTIONS, txn)?;
    let data = FoxyData {
        datafeed_version: Some(DATAFEED_VERSION.into()),
        transactions: vec![feed::transaction(conn, &rec, &base(state))?],
        ..FoxyData::default()
    };
    feed_job(
        conn,
        state,
        &url,
        "FoxyData",
        &data,
        "transaction/datafeed",
        Some(txn),
    )
    .map(Some)
}

fn feed_job(
    conn: &Connection,
    state: &AppState,
    url: &str,
    field: &str,
    data: &FoxyData,
    event: &str,
    feeds: Option<i64>,
) -> Result<Job, ApiError> {
    let secret =
        sessions::store_secret(conn, state.store_id, &state.config.credentials.store_secret)?;
    let value = datafeed::encode(data, &secret)
        .map_err(|e| ApiError::internal(format!("cannot encrypt the datafeed: {e}")))?;
    let request = Request::builder()
        .method(Method::POST)
        .uri(url)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!("{field}={value}").into_bytes())
        .map_err(|e| ApiError::internal(format!("invalid datafeed url {url:?}: {e}")))?;
    Ok(Job {
        kind: "datafeed",
        event: event.into(),
        request,
        feeds,
    })
}

async fn deliver(state: AppState, job: Job) {
    let attempts = state.config.delivery_attempts.max(1);
    let mut wait = state.config.delivery_backoff;
    let target = job.request.uri().to_string();
    for attempt in 1..=attempts {
        let outcome = match tokio::time::timeout(TIMEOUT, send(clone_request(&job.request))).await {
            Ok(Ok((200..=299, body)))
                if job.kind == "webhook" || body.trim_ascii() == datafeed::REPLY.as_bytes() =>
            {
                Ok(())
            }
            Ok(Ok((status, body))) => Err(format!(
                "answered {status}: {}",
                String::from_utf8_lossy(&body[..body.len().min(200)])
            )),
            Ok(Err(e)) => Err(e),
            Err(_) => Err("timed out".to_owned()),
        };
        let status = match &outcome {
            Ok(()) => "delivered".to_owned(),
            Err(e) => format!("failed: {e}"),
        };
        let (kind, event, target2, feeds, ok) = (
            job.kind,
            job.event.clone(),
            target.clone(),
            job.feeds,
            outcome.is_ok(),
        );
        let recorded = state
            .db
            .run(move |conn| {
                conn.execute(
                    "INSERT INTO deliveries (kind, target, event, attempt, status, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![kind, target2, event, attempt, status, now_text()],
                )?;
                if let (true, Some(txn)) = (ok, feeds) {
                    let mut rec = db::load(conn, &kinds::TRANSACTIONS, txn)?;
                    rec.props.insert("data_is_fed".into(), Value::Bool(true));
                    db::update(conn, txn, &rec.props)?;
                }
                Ok(())
            })
            .await;
        if let Err(e) = recorded {
            warn(&format!("cannot record a delivery: {}", e.message));
        }
        if ok {
            return;
        }
        if attempt < attempts {
            tokio::time::sleep(wait).await;
            wait = wait.saturating_mul(2);
        }
    }
}

fn clone_request(request: &Request<Vec<u8>>) -> Request<Vec<u8>> {
    let mut copy = Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// Sends one request over a fresh HTTP/1.1 connection.
async fn send(request: Request<Vec<u8>>) -> Result<(u16, Vec<u8>), String> {
    let uri = request.uri().clone();
    if uri.scheme_str() != Some("http") {
        return Err(format!("only http:// targets are supported, not {uri}"));
    }
    let host = uri.host().ok_or("the target has no host")?.to_owned();
    let port = uri.port_u16().unwrap_or(80);
    let stream = tokio::net::TcpStream::connect((host.as_str(), port))
        .await
        .map_err(|e| format!("cannot connect: {e}"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("handshake failed: {e}"))?;
    tokio::spawn(connection);
    let (mut parts, body) = request.into_parts();
    let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
    parts.uri = path.parse().map_err(|e| format!("bad path: {e}"))?;
    let authority = uri.authority().map_or(host, |a| a.to_string());
    parts
        .headers
        .insert(header::HOST, authority.parse().map_err(|_| "bad host")?);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, body.len().into());
    let response = sender
        .send_request(Request::from_parts(parts, Body::from(body)))
        .await
        .map_err(|e| format!("request failed: {e}"))?;
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(Body::new(response.into_body()), 1 << 20)
        .await
        .map_err(|e| format!("reading the answer failed: {e}"))?;
    Ok((status, bytes.to_vec()))
}
