//! The store's `/cart` endpoint: `GET /cart?...` or `POST /cart` (form) with
//! cart-link parameters, answering with the session's cart as JSON.
//!
//! Requests are read by `foxy_proto::cart_endpoint::CartCommand` and their
//! signatures checked by `foxy_proto::cart_endpoint::check_signatures` with
//! the store secret: a mismatching signature is always refused; unsigned
//! product fields are refused when the store requires signed carts
//! (`Config::require_signed_carts` or the store's `use_cart_validation`).
//! Without `fcsid` a new session and cart start; an unknown (or already
//! charged) `fcsid` is a 404 error answer. Errors are
//! `{"messages":{"errors":[...]}}` with status 400 or 404; nothing is changed.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use foxy_proto::cart_endpoint::{CartCommand, CartEndpointError, check_signatures, error_body};

use crate::body;
use crate::engine;
use crate::error::ApiError;
use crate::sessions;
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/cart",
        get(get_cart)
            .post(post_cart)
            .options(|| async { engine::options("GET, HEAD, POST, OPTIONS") }),
    )
}

fn json(status: StatusCode, bytes: Vec<u8>) -> Response {
    let mut resp = (status, bytes).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

fn refuse(status: StatusCode, errors: Vec<String>) -> Response {
    json(status, error_body(&errors))
}

fn describe(err: &CartEndpointError) -> Vec<String> {
    match err {
        CartEndpointError::SignatureRejected { failures } => failures
            .iter()
            .map(|f| {
                format!(
                    "{}: {}",
                    f.name,
                    match f.reason {
                        foxy_proto::signing::FailureReason::Unsigned =>
                            "this store requires signed product fields",
                        foxy_proto::signing::FailureReason::MissingCode =>
                            "a signed product needs a code",
                        _ => "the signature does not match (the field was altered)",
                    }
                )
            })
            .collect(),
        other => vec![other.to_string()],
    }
}

async fn get_cart(State(state): State<AppState>, uri: Uri) -> Response {
    handle(state, uri.query().unwrap_or_default().to_owned()).await
}

async fn post_cart(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    let query = if bytes.is_empty() {
        uri.query().unwrap_or_default().to_owned()
    } else if form {
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        match body::pairs(&headers, &bytes) {
            Ok(pairs) => crate::render::encode_query(&pairs),
            Err(e) => return refuse(e.status, vec![e.message]),
        }
    };
    handle(state, query).await
}

enum Outcome {
    Cart(Vec<u8>),
    UnknownSession(String),
}

async fn handle(state: AppState, query: String) -> Response {
    let command = match CartCommand::parse(&query) {
        Ok(c) => c,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, describe(&e)),
    };
    let store_id = state.store_id;
    let fallback = state.config.credentials.store_secret.clone();
    let forced = state.config.require_signed_carts;
    let result = state
        .db
        .run(move |conn| {
            if command.adds_products() {
                let secret = sessions::store_secret(conn, store_id, &fallback)?;
                let required = forced || sessions::store_validates_carts(conn, store_id)?;
                check_signatures(&secret, &query, required)
                    .map_err(|e| ApiError::bad_request(describe(&e).join("\n")))?;
            }
            let (session, cart) = match &command.session {
                Some(sid) => match sessions::cart_of(conn, sid)? {
                    Some(cart) => (sid.clone(), cart),
                    None => return Ok(Outcome::UnknownSession(sid.clone())),
                },
                None => sessions::start(conn, store_id)?,
            };
            sessions::apply(conn, cart, &command)?;
            Ok(Outcome::Cart(
                sessions::view(conn, &session, cart)?.to_json(),
            ))
        })
        .await;
    match result {
        Ok(Outcome::Cart(bytes)) => json(StatusCode::OK, bytes),
        Ok(Outcome::UnknownSession(sid)) => refuse(
            StatusCode::NOT_FOUND,
            vec![format!(
                "unknown session {sid:?}: it expired, was charged, or never existed; omit fcsid to start a new one"
            )],
        ),
        Err(e) => refuse(e.status, e.message.lines().map(str::to_owned).collect()),
    }
}
