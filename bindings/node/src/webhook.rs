//! Webhook signatures (`Foxy-Webhook-Signature`, HMAC-SHA256 of the raw
//! body): wraps `foxy_proto::webhook`. Pass the raw body as a `Buffer`
//! (`express.raw()`, Fastify's `rawBody`), never a re-serialised object.
//! `verifyWebhookEvent` also reads the body into a typed `WebhookEvent`,
//! which the Express middleware (`@foxy-rs/foxy/express`) hands to routes.

use std::collections::HashMap;

use napi::Env;
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;

use foxy_proto::http::{HeaderMap, HeaderName, HeaderValue};
use foxy_proto::signing::Secret;
use foxy_proto::webhook::{self, EventResource, WebhookError};

use crate::described::TypedResource;
use crate::errors::{FoxyError, Outcome, sync};
use crate::handles::handle;
use crate::resource::Resource;

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

/// A verified webhook read into its event: its name, what it is about, the
/// typed resource and the whole body.
#[napi]
pub struct WebhookEvent {
    name: String,
    resource_kind: String,
    resource: foxy_proto::Resource,
    transaction: Option<foxy_model::Transaction>,
    customer: Option<foxy_model::Customer>,
}

#[napi]
impl WebhookEvent {
    /// The `Foxy-Webhook-Event` header, for example `transaction/created`.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.name.clone()
    }

    /// What the event is about: `transaction`, `subscription`, `customer`
    /// (or another prefix of its name).
    #[napi(getter)]
    pub fn resource_kind(&self) -> String {
        self.resource_kind.clone()
    }

    /// The whole body, every property and link kept.
    #[napi(getter)]
    pub fn resource(&self) -> Resource {
        Resource::from(self.resource.clone())
    }

    /// The transaction of a `transaction/...` event, else `null`.
    #[napi(getter, ts_return_type = "import('./typed').Transaction | null")]
    pub fn transaction(&self) -> Option<TypedResource> {
        self.transaction
            .as_ref()
            .and_then(|t| handle("transaction", t).ok())
    }

    /// The customer of a `customer/...` event, else `null`.
    #[napi(getter, ts_return_type = "import('./typed').Customer | null")]
    pub fn customer(&self) -> Option<TypedResource> {
        self.customer
            .as_ref()
            .and_then(|c| handle("customer", c).ok())
    }
}

/// Checks a webhook request (headers as `req.headers`, the raw body) and
/// reads it into a `WebhookEvent`. Throws `FOXY_VERIFICATION` for a missing,
/// malformed or wrong signature (the body is not read then), and
/// `FOXY_INVALID_INPUT` for a signed body that is not the resource its event
/// names.
#[napi]
pub fn verify_webhook_event(
    env: &Env,
    key: String,
    headers: HashMap<String, Either<String, Vec<String>>>,
    body: Either<Buffer, String>,
) -> napi::Result<WebhookEvent> {
    sync(env, || {
        let headers = header_map(headers)?;
        let event = webhook::verify_event(&Secret::new(key), &headers, body_bytes(&body))?;
        let typed = |e: foxy_model::ModelError| {
            FoxyError::invalid_input(format!(
                "webhook rejected: the {} body does not read as one: {e}",
                event.resource_kind
            ))
        };
        let (mut transaction, mut customer) = (None, None);
        match event.resource_kind {
            EventResource::Transaction => {
                transaction =
                    Some(foxy_model::Transaction::from_resource(&event.resource).map_err(typed)?);
            }
            EventResource::Customer => {
                customer =
                    Some(foxy_model::Customer::from_resource(&event.resource).map_err(typed)?);
            }
            _ => {}
        }
        Ok(WebhookEvent {
            resource_kind: event.resource_kind.as_str().to_owned(),
            name: event.name,
            resource: event.resource,
            transaction,
            customer,
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
