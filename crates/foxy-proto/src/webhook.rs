//! Foxy webhooks: the `Foxy-Webhook-Signature` check and the event name.
//!
//! Foxy signs each webhook body with the webhook's encryption key: the
//! `Foxy-Webhook-Signature` header is the lowercase hex of HMAC-SHA256 over
//! the raw request body. [`verify_request`] checks it in constant time and
//! reads the `Foxy-Webhook-Event` header; [`verify_event`] also reads the
//! body (HAL+JSON) into a typed [`WebhookEvent`]: the event name, what it is
//! about ([`EventResource`]: a transaction, a subscription or a customer)
//! and the whole resource. [`signed_request`] builds a signed request (for
//! tests and the sandbox).
//!
//! ```
//! use foxy_proto::signing::Secret;
//! use foxy_proto::webhook::{signed_request, verify_request, WebhookError};
//!
//! let key = Secret::new("is definitely right");
//! let request = signed_request(&key, "https://example.test/hook", "transaction/created", b"{}".to_vec())?;
//! let webhook = verify_request(&key, &request)?;
//! assert_eq!(webhook.event, "transaction/created");
//!
//! let wrong = Secret::new("wrong key");
//! assert_eq!(verify_request(&wrong, &request), Err(WebhookError::Mismatch));
//! # Ok::<(), WebhookError>(())
//! ```

use std::fmt;

use http::{HeaderMap, Method, Request, header};

use crate::codec;
use crate::media::MediaType;
use crate::resource::Resource;
use crate::signing::{Secret, ct_eq, hmac_sha256, hmac_sha256_hex};

/// The header carrying the body's signature.
pub const SIGNATURE_HEADER: &str = "Foxy-Webhook-Signature";
/// The header naming the event (for example `transaction/created`).
pub const EVENT_HEADER: &str = "Foxy-Webhook-Event";

/// Why a webhook was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required header is absent.
    #[error("missing {0} header")]
    MissingHeader(&'static str),
    /// A header is not visible ASCII text.
    #[error("{0} header is not ascii text")]
    InvalidHeader(&'static str),
    /// The signature is not 64 hex digits.
    #[error("signature is not 64 hex digits")]
    InvalidHex,
    /// The signature does not match the body (wrong key or altered body).
    #[error("signature does not match the body")]
    Mismatch,
    /// A signed request could not be built (bad URI or event name).
    #[error("cannot build the webhook request: {0}")]
    Build(String),
    /// The signature matched but the body is not a HAL+JSON resource.
    #[error("the webhook body is not a HAL+JSON resource: {0}")]
    Body(String),
}

/// A webhook whose signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedWebhook<'a> {
    /// The `Foxy-Webhook-Event` value, for example `transaction/created`.
    pub event: String,
    /// The raw body that was signed.
    pub body: &'a [u8],
}

/// The `Foxy-Webhook-Signature` value for `body`: lowercase hex HMAC-SHA256.
pub fn sign(key: &Secret, body: &[u8]) -> String {
    hmac_sha256_hex(key.as_bytes(), body)
}

/// Checks a `Foxy-Webhook-Signature` value against the raw body, in
/// constant time. Upper-case hex and surrounding spaces are accepted.
///
/// # Errors
/// [`WebhookError::InvalidHex`] when `signature` is not 64 hex digits,
/// [`WebhookError::Mismatch`] when it does not match.
pub fn verify_signature(key: &Secret, body: &[u8], signature: &str) -> Result<(), WebhookError> {
    let given = signature.trim();
    let mut decoded = [0u8; 32];
    hex::decode_to_slice(given, &mut decoded).map_err(|_| WebhookError::InvalidHex)?;
    let expected = hmac_sha256(key.as_bytes(), body);
    if ct_eq(&expected, &decoded) {
        Ok(())
    } else {
        Err(WebhookError::Mismatch)
    }
}

fn header_text<'h>(headers: &'h HeaderMap, name: &'static str) -> Result<&'h str, WebhookError> {
    headers
        .get(name)
        .ok_or(WebhookError::MissingHeader(name))?
        .to_str()
        .map_err(|_| WebhookError::InvalidHeader(name))
}

/// The `Foxy-Webhook-Event` header.
///
/// # Errors
/// [`WebhookError::MissingHeader`] or [`WebhookError::InvalidHeader`].
pub fn event(headers: &HeaderMap) -> Result<&str, WebhookError> {
    header_text(headers, EVENT_HEADER).map(str::trim)
}

/// Checks the signature of a body against its headers and reads the event.
///
/// # Errors
/// A missing or malformed header, or a signature that does not match.
pub fn verify_headers<'a>(
    key: &Secret,
    headers: &HeaderMap,
    body: &'a [u8],
) -> Result<VerifiedWebhook<'a>, WebhookError> {
    verify_signature(key, body, header_text(headers, SIGNATURE_HEADER)?)?;
    Ok(VerifiedWebhook {
        event: event(headers)?.to_owned(),
        body,
    })
}

/// Checks a whole webhook request: see [`verify_headers`].
///
/// # Errors
/// A missing or malformed header, or a signature that does not match.
pub fn verify_request<'a>(
    key: &Secret,
    request: &'a Request<Vec<u8>>,
) -> Result<VerifiedWebhook<'a>, WebhookError> {
    verify_headers(key, request.headers(), request.body())
}

/// What a webhook event is about: the part of its name before the `/`
/// (`transaction/created` is about a transaction).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventResource {
    /// `transaction/...`: the body is a transaction.
    Transaction,
    /// `subscription/...`: the body is a subscription.
    Subscription,
    /// `customer/...`: the body is a customer.
    Customer,
    /// Any other prefix, kept as sent.
    Other(String),
}

impl EventResource {
    /// The resource named by an event name (`transaction/created`).
    pub fn of_event(name: &str) -> EventResource {
        let prefix = name.split('/').next().unwrap_or_default().trim();
        match prefix.to_ascii_lowercase().as_str() {
            "transaction" => EventResource::Transaction,
            "subscription" => EventResource::Subscription,
            "customer" => EventResource::Customer,
            _ => EventResource::Other(prefix.to_owned()),
        }
    }

    /// The name as in event names: `transaction`, `subscription`, `customer`.
    pub fn as_str(&self) -> &str {
        match self {
            EventResource::Transaction => "transaction",
            EventResource::Subscription => "subscription",
            EventResource::Customer => "customer",
            EventResource::Other(other) => other,
        }
    }
}

impl fmt::Display for EventResource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A verified webhook read into its event: the name, what it is about and
/// the whole resource of the body (nothing dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookEvent {
    /// The `Foxy-Webhook-Event` value, for example `transaction/created`.
    pub name: String,
    /// What the event is about, from its name.
    pub resource_kind: EventResource,
    /// The body: the transaction, subscription or customer, as sent.
    pub resource: Resource,
}

/// Reads an (already verified) body into the event `name`.
///
/// # Errors
/// [`WebhookError::Body`] when the body is not a HAL+JSON resource.
pub fn parse_event(name: &str, body: &[u8]) -> Result<WebhookEvent, WebhookError> {
    let resource = codec::parse(MediaType::HalJson, body)
        .map_err(|e| WebhookError::Body(e.to_string().replace(['\r', '\n'], " ")))?;
    Ok(WebhookEvent {
        name: name.to_owned(),
        resource_kind: EventResource::of_event(name),
        resource,
    })
}

/// Checks the signature (see [`verify_headers`]), then reads the body into
/// its [`WebhookEvent`].
///
/// ```
/// use foxy_proto::signing::Secret;
/// use foxy_proto::webhook::{EventResource, signed_request, verify_event};
///
/// let key = Secret::new("k");
/// let body = br#"{"_links": {"self": {"href": "https://api.test/transactions/7"}}, "total_order": 5}"#;
/// let request = signed_request(&key, "/hook", "transaction/created", body.to_vec())?;
/// let event = verify_event(&key, request.headers(), request.body())?;
/// assert_eq!(event.resource_kind, EventResource::Transaction);
/// assert_eq!(event.resource.self_href(), Some("https://api.test/transactions/7"));
/// # Ok::<(), foxy_proto::webhook::WebhookError>(())
/// ```
///
/// # Errors
/// A missing or malformed header, a signature that does not match (the
/// body is not read then), or a body that is not HAL+JSON.
pub fn verify_event(
    key: &Secret,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<WebhookEvent, WebhookError> {
    let verified = verify_headers(key, headers, body)?;
    parse_event(&verified.event, body)
}

/// Builds a signed JSON webhook `POST` to `uri` (for tests and the sandbox).
///
/// # Errors
/// [`WebhookError::Build`] when `uri` or `event` is not valid in a request.
pub fn signed_request(
    key: &Secret,
    uri: &str,
    event: &str,
    body: Vec<u8>,
) -> Result<Request<Vec<u8>>, WebhookError> {
    Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(EVENT_HEADER, event)
        .header(SIGNATURE_HEADER, sign(key, &body))
        .body(body)
        .map_err(|e| WebhookError::Build(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("header value"));
        }
        map
    }

    #[test]
    fn missing_and_malformed_headers() {
        let key = Secret::new("k");
        let sig = sign(&key, b"body");
        assert_eq!(
            verify_headers(&key, &headers(&[(EVENT_HEADER, "x")]), b"body"),
            Err(WebhookError::MissingHeader(SIGNATURE_HEADER))
        );
        assert_eq!(
            verify_headers(&key, &headers(&[(SIGNATURE_HEADER, &sig)]), b"body"),
            Err(WebhookError::MissingHeader(EVENT_HEADER))
        );
        assert_eq!(
            verify_signature(&key, b"body", "zz"),
            Err(WebhookError::InvalidHex)
        );
        assert_eq!(
            verify_signature(&key, b"body", &sig[..62]),
            Err(WebhookError::InvalidHex)
        );
        assert_eq!(verify_signature(&key, b"body", &sig.to_uppercase()), Ok(()));
        assert_eq!(
            verify_signature(&key, b"bodY", &sig),
            Err(WebhookError::Mismatch)
        );
    }

    #[test]
    fn errors_never_show_the_key() {
        let key = Secret::new("super-secret-key");
        let err = verify_signature(&key, b"x", &"0".repeat(64)).expect_err("mismatch");
        assert!(!format!("{err} {err:?} {key:?}").contains("super-secret-key"));
    }

    #[test]
    fn events_are_typed_and_keep_the_resource() {
        let key = Secret::new("k");
        let body = br#"{"_links": {"self": {"href": "https://api.test/customers/3"}}, "email": "a@b.test", "extra": [1]}"#;
        let request =
            signed_request(&key, "/hook", "customer/updated", body.to_vec()).expect("request");
        let event = verify_event(&key, request.headers(), request.body()).expect("verified");
        assert_eq!(event.name, "customer/updated");
        assert_eq!(event.resource_kind, EventResource::Customer);
        assert!(event.resource.property("extra").is_some());
        assert_eq!(
            EventResource::of_event("subscription/cancelled"),
            EventResource::Subscription
        );
        assert_eq!(
            EventResource::of_event("cart/x"),
            EventResource::Other("cart".into())
        );
        let tampered = body.iter().copied().rev().collect::<Vec<u8>>();
        assert_eq!(
            verify_event(&key, request.headers(), &tampered),
            Err(WebhookError::Mismatch)
        );
        let bad =
            signed_request(&key, "/hook", "transaction/created", b"[1".to_vec()).expect("request");
        assert!(matches!(
            verify_event(&key, bad.headers(), bad.body()),
            Err(WebhookError::Body(_))
        ));
    }

    #[test]
    fn bad_event_names_are_build_errors() {
        let key = Secret::new("k");
        assert!(matches!(
            signed_request(&key, "/hook", "bad\nevent", Vec::new()),
            Err(WebhookError::Build(_))
        ));
    }
}
