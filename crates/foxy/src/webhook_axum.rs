//! Receiving Foxy webhooks in an axum application (feature `axum`).
//!
//! Foxy signs the raw body, so a webhook must be checked before anything
//! parses it. The [`Webhook`] extractor reads the body as bytes (within
//! axum's body limit), checks `Foxy-Webhook-Signature` in constant time
//! with the key of the state's [`WebhookSecret`] (through [`FromRef`]), and
//! only then reads the HAL+JSON body into a typed [`Event`]. A request that
//! fails is answered by [`WebhookRejection`]: `401` with the reason for a
//! missing or wrong signature, `400` for a signed body that is not a
//! transaction, subscription or customer document. The decisions are
//! `foxy_proto::webhook`'s; this module only moves bytes.
//!
//! ```
//! use axum::{Router, routing::post};
//! use foxy::webhook_axum::{Event, Webhook, WebhookSecret};
//!
//! async fn receive(webhook: Webhook) -> &'static str {
//!     match webhook.event {
//!         Event::Transaction(transaction) => println!("{}: {:?}", webhook.name, transaction.total_order),
//!         _ => println!("{}", webhook.name),
//!     }
//!     "ok"
//! }
//!
//! let app: Router = Router::new()
//!     .route("/webhooks", post(receive))
//!     .with_state(WebhookSecret::new("the webhook's encryption key"));
//! ```

use std::fmt;

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};
use foxy_model::{Customer, Subscription, Transaction};
use foxy_proto::webhook::{self, EventResource, WebhookError};
use foxy_proto::{Resource, Secret};
use http::StatusCode;

/// The webhook's encryption key, held in the application state; never
/// shown by `Debug`.
#[derive(Clone)]
pub struct WebhookSecret(Secret);

impl WebhookSecret {
    /// The key Foxy signs this webhook's bodies with.
    pub fn new(key: impl Into<String>) -> WebhookSecret {
        WebhookSecret(Secret::new(key.into()))
    }
}

impl From<Secret> for WebhookSecret {
    fn from(secret: Secret) -> WebhookSecret {
        WebhookSecret(secret)
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

/// What a webhook is about, typed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A `transaction/...` event.
    Transaction(Box<Transaction>),
    /// A `subscription/...` event.
    Subscription(Box<Subscription>),
    /// A `customer/...` event.
    Customer(Box<Customer>),
    /// Any other event: read [`Webhook::resource`].
    Other,
}

/// A webhook whose signature checked out, read into its event.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// The `Foxy-Webhook-Event` value, for example `transaction/created`.
    pub name: String,
    /// The typed resource.
    pub event: Event,
    /// The whole body as sent, every property and link kept.
    pub resource: Resource,
}

impl Webhook {
    /// Checks `body` against `headers` with `key` and reads it: what the
    /// extractor does, for other frameworks.
    ///
    /// # Errors
    /// [`WebhookRejection`]: a missing or wrong signature, or a body that
    /// is not the resource its event names.
    pub fn verify(
        key: &WebhookSecret,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Webhook, WebhookRejection> {
        let verified = webhook::verify_event(&key.0, headers, body)?;
        let typed = |e: foxy_model::ModelError| {
            WebhookRejection::Body(format!(
                "the {} body does not read as one: {e}",
                verified.resource_kind
            ))
        };
        let event = match verified.resource_kind {
            EventResource::Transaction => Event::Transaction(Box::new(
                Transaction::from_resource(&verified.resource).map_err(typed)?,
            )),
            EventResource::Subscription => Event::Subscription(Box::new(
                Subscription::from_resource(&verified.resource).map_err(typed)?,
            )),
            EventResource::Customer => Event::Customer(Box::new(
                Customer::from_resource(&verified.resource).map_err(typed)?,
            )),
            _ => Event::Other,
        };
        Ok(Webhook {
            name: verified.name,
            event,
            resource: verified.resource,
        })
    }
}

/// Why a webhook was refused; answers `401` or `400` with the reason as
/// plain text (never the key).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// A missing or malformed header, or a signature that does not match:
    /// `401 Unauthorized`.
    Signature(String),
    /// The body could not be read, or is not the resource its event names:
    /// `400 Bad Request`.
    Body(String),
}

impl WebhookRejection {
    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            WebhookRejection::Signature(_) => StatusCode::UNAUTHORIZED,
            WebhookRejection::Body(_) => StatusCode::BAD_REQUEST,
        }
    }

    /// The reason, as sent in the answer.
    pub fn reason(&self) -> &str {
        match self {
            WebhookRejection::Signature(reason) | WebhookRejection::Body(reason) => reason,
        }
    }
}

impl fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "webhook rejected: {}", self.reason())
    }
}

impl std::error::Error for WebhookRejection {}

impl From<WebhookError> for WebhookRejection {
    fn from(err: WebhookError) -> WebhookRejection {
        match err {
            WebhookError::Body(_) | WebhookError::Build(_) => {
                WebhookRejection::Body(err.to_string())
            }
            other => WebhookRejection::Signature(other.to_string()),
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        (self.status(), format!("{self}\n")).into_response()
    }
}

impl<S> FromRequest<S> for Webhook
where
    WebhookSecret: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Webhook, WebhookRejection> {
        let key = WebhookSecret::from_ref(state);
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state).await.map_err(|e| {
            WebhookRejection::Body(format!("cannot read the body: {}", e.body_text()))
        })?;
        Webhook::verify(&key, &headers, &body)
    }
}
