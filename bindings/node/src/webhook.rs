//! Webhook signatures (`Foxy-Webhook-Signature`, HMAC-SHA256 of the raw
//! body): wraps `foxy_proto::webhook`. Pass the raw body as a `Buffer`
//! (`express.raw()`, Fastify's `rawBody`), never a re-serialised object.

use std::collections::HashMap;

use napi::Env;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

use foxy_proto::http::{HeaderMap, HeaderName, HeaderValue};
use foxy_proto::signing::Secret;
use foxy_proto::webhook::{self, WebhookError};

use crate::errors::{FoxyError, Outcome, sync};

/// The bytes of a body.
pub(crate) fn body_bytes(body: &Either<Buffer, String>) -> &[u8] {
    match body {
        Either::A(buffer) => buffer,
        Either::B(text) => text.as_bytes(),
    }
}

/// A webhook whose signature checked out.
#[napi(object)]
pub struct VerifiedWebhook {
    /// The `Foxy-Webhook-Event` header (for example `transaction/created`).
    pub event: String,
}

/// The `Foxy-Webhook-Signature` value for `body`: lowercase hex HMAC-SHA256 keyed with `key`.
#[napi]
pub fn sign_webhook(key: String, body: Either<Buffer, String>) -> String {
    webhook::sign(&Secret::new(key), body_bytes(&body))
}

/// Whether `signature` is the signature of the raw `body` (constant time).
/// A malformed signature is `false`, like a wrong one.
#[napi]
pub fn verify_webhook_signature(
    env: &Env,
    key: String,
    body: Either<Buffer, String>,
    signature: String,
) -> napi::Result<bool> {
    sync(env, || {
        match webhook::verify_signature(&Secret::new(key), body_bytes(&body), &signature) {
            Ok(()) => Ok(true),
            Err(WebhookError::Mismatch | WebhookError::InvalidHex) => Ok(false),
            Err(other) => Err(other.into()),
        }
    })
}

/// Checks a whole webhook request, given its headers as Node gives them
/// (`req.headers`: names in any case, values a string or a list) and its raw
/// body. Returns the event, or throws `FOXY_VERIFICATION` when a header is
/// missing or the signature does not match.
#[napi]
pub fn verify_webhook(
    env: &Env,
    key: String,
    headers: HashMap<String, Either<String, Vec<String>>>,
    body: Either<Buffer, String>,
) -> napi::Result<VerifiedWebhook> {
    sync(env, || {
        let headers = header_map(headers)?;
        let verified = webhook::verify_headers(&Secret::new(key), &headers, body_bytes(&body))?;
        Ok(VerifiedWebhook {
            event: verified.event,
        })
    })
}

fn header_map(headers: HashMap<String, Either<String, Vec<String>>>) -> Outcome<HeaderMap> {
    let mut map = HeaderMap::new();
    for (name, values) in headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| FoxyError::invalid_input(format!("invalid header name {name:?}")))?;
        let values = match values {
            Either::A(one) => vec![one],
            Either::B(many) => many,
        };
        for value in values {
            let value = HeaderValue::from_str(&value).map_err(|_| {
                FoxyError::invalid_input(format!("header {name} is not visible ascii text"))
            })?;
            map.append(name.clone(), value);
        }
    }
    Ok(map)
}
