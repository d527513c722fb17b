//! The legacy XML API: `POST /api` with `api_token` (the store secret) and
//! `api_action` as a form (urlencoded or multipart), answered with a
//! `<foxydata>` document written by `foxy_proto::legacy`.
//!
//! Every answer is `200 application/xml`: `SUCCESS`, or `ERROR` with its
//! messages (a wrong token, an unknown action, a failed action). A `GET` is
//! refused with `405` (`Allow: POST`) and an `ERROR` document, as the API
//! accepts POST only.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use foxy_proto::legacy::{ApiRequest, ApiResponse, LegacyError};
use sha2::{Digest, Sha256};

use crate::body;
use crate::delivery;
use crate::error::ApiError;
use crate::legacy::{self, Followup, LegacyCtx, error_answer};
use crate::render::{base_url, encode_query};
use crate::sessions;
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api", post(call).get(refuse_get).head(refuse_get))
}

fn xml(status: StatusCode, answer: &ApiResponse) -> Response {
    let mut resp = (status, answer.to_xml()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    resp
}

async fn refuse_get() -> Response {
    let mut resp = xml(
        StatusCode::METHOD_NOT_ALLOWED,
        &error_answer("GET requests are not supported: POST the api_token and api_action"),
    );
    resp.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("POST"));
    resp
}

fn same(a: &str, b: &str) -> bool {
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

fn read(headers: &HeaderMap, bytes: &[u8]) -> Result<ApiRequest, String> {
    let multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    let form = if multipart {
        let pairs = body::pairs(headers, bytes).map_err(|e| e.message)?;
        encode_query(&pairs).into_bytes()
    } else {
        bytes.to_vec()
    };
    ApiRequest::from_form(&form).map_err(|e| match e {
        LegacyError::MissingParameter(name) => format!("{name} is required"),
        other => other.to_string(),
    })
}

async fn call(State(state): State<AppState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let request = match read(&headers, &bytes) {
        Ok(r) => r,
        Err(message) => return xml(StatusCode::OK, &error_answer(&message)),
    };
    let ctx = LegacyCtx {
        store_id: state.store_id,
        base: base_url(&state, &headers),
        has_datafeed: state.config.datafeed_url.is_some(),
    };
    let fallback = state.config.credentials.store_secret.clone();
    let outcome = state
        .db
        .run(move |conn| {
            let secret = sessions::store_secret(conn, ctx.store_id, &fallback)?;
            if !same(secret.expose(), request.token().expose()) {
                return Err(ApiError::bad_request("Invalid API token"));
            }
            legacy::dispatch(conn, &ctx, &request)
        })
        .await;
    let answer = match outcome {
        Ok((answer, followup)) => {
            match followup {
                Some(Followup::TransactionFeed(txn)) => {
                    delivery::resend_transaction_feed(&state, txn);
                }
                Some(Followup::SubscriptionFeed) => delivery::send_subscription_feed(&state),
                None => {}
            }
            answer
        }
        Err(e) => error_answer(&e.message),
    };
    xml(StatusCode::OK, &answer)
}
