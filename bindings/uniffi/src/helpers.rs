//! The pure helpers of `foxy-proto`: cart link signing (HMAC product
//! verification), webhook signatures, single sign-on and the codecs.
//!
//! Each is a synchronous function that calls the core and converts values;
//! no network, no clock (times are passed in). Secrets are taken as strings
//! and wrapped at once in the core's redacting `Secret`; no error message
//! contains them.

use std::collections::HashMap;

use foxy::proto::signing::{self, FailureReason, Secret};
use foxy::proto::{MediaType, codec, sso, webhook};

use crate::errors::{FoxyError, FoxyResult};

/// A hypermedia format Foxy speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum MediaFormat {
    /// `application/hal+json` (the default).
    HalJson,
    /// `application/hal+xml`.
    HalXml,
    /// `application/vnd.siren+json`.
    Siren,
}

impl From<MediaFormat> for MediaType {
    fn from(format: MediaFormat) -> MediaType {
        match format {
            MediaFormat::HalJson => MediaType::HalJson,
            MediaFormat::HalXml => MediaType::HalXml,
            MediaFormat::Siren => MediaType::Siren,
        }
    }
}

// --- cart link signing ---

/// Signs every signable product field of a cart link
/// (`https://STORE/cart?name=...&price=...&code=...`) with the store secret.
#[uniffi::export]
pub fn sign_cart_url(store_secret: String, url: String) -> FoxyResult<String> {
    Ok(signing::sign_url(&Secret::new(store_secret), &url)?)
}

/// Signs the cart links and cart forms of an HTML fragment.
#[uniffi::export]
pub fn sign_cart_html(store_secret: String, html: String) -> FoxyResult<String> {
    Ok(signing::sign_html(&Secret::new(store_secret), &html)?)
}

/// Why a field of a cart link failed verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SignatureFailure {
    /// The field should be signed and is not.
    Unsigned,
    /// The signature does not match the name and value (tampering).
    Mismatch,
    /// The field's product has no `code`, so nothing can be checked.
    MissingCode,
}

/// One field of a cart link that failed verification.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FailedField {
    /// The field name as written (with any `2:` prefix), without its signature.
    pub name: String,
    /// Why it failed.
    pub reason: SignatureFailure,
}

/// The outcome of checking a signed cart link.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CartUrlVerification {
    /// True when no field failed.
    pub valid: bool,
    /// The number of signable fields examined.
    pub checked: u64,
    /// The fields that failed, in query order.
    pub failures: Vec<FailedField>,
}

/// Checks every signable field of a cart link against the store secret.
#[uniffi::export]
pub fn verify_cart_url(store_secret: String, url: String) -> FoxyResult<CartUrlVerification> {
    let report = signing::verify_url(&Secret::new(store_secret), &url)?;
    Ok(CartUrlVerification {
        valid: report.is_valid(),
        checked: u64::try_from(report.checked).unwrap_or(u64::MAX),
        failures: report
            .failures
            .into_iter()
            .map(|f| FailedField {
                name: f.name,
                reason: match f.reason {
                    FailureReason::Unsigned => SignatureFailure::Unsigned,
                    FailureReason::MissingCode => SignatureFailure::MissingCode,
                    _ => SignatureFailure::Mismatch,
                },
            })
            .collect(),
    })
}

// --- webhooks ---

/// The `Foxy-Webhook-Signature` value of a body: lowercase hex HMAC-SHA256
/// keyed with the webhook's encryption key.
#[uniffi::export]
pub fn webhook_signature(key: String, body: Vec<u8>) -> String {
    webhook::sign(&Secret::new(key), &body)
}

/// Checks a `Foxy-Webhook-Signature` value against the raw body (constant
/// time); fails with `FoxyError.Rejected` when it does not match.
#[uniffi::export]
pub fn verify_webhook_signature(key: String, body: Vec<u8>, signature: String) -> FoxyResult<()> {
    Ok(webhook::verify_signature(
        &Secret::new(key),
        &body,
        &signature,
    )?)
}

/// Checks a received webhook (its headers, any case, and raw body) and
/// returns its event name (`transaction/created`).
#[uniffi::export]
pub fn verify_webhook(
    key: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
) -> FoxyResult<String> {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers {
        let name = http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| FoxyError::input(format!("invalid header name {name:?}")))?;
        let value = http::HeaderValue::from_str(&value)
            .map_err(|_| FoxyError::input(format!("invalid value of header {name}")))?;
        map.append(name, value);
    }
    let verified = webhook::verify_headers(&Secret::new(key), &map, &body)?;
    Ok(verified.event)
}

// --- single sign-on ---

/// `fc_auth_token`: lowercase hex SHA-1 of `customer_id|timestamp|secret`;
/// `timestamp` (Unix seconds) is when the link stops being valid.
#[uniffi::export]
pub fn sso_auth_token(store_secret: String, customer_id: u64, timestamp: u64) -> String {
    sso::auth_token(&Secret::new(store_secret), customer_id, timestamp)
}

/// The checkout URL that logs the customer in
/// (`https://DOMAIN/checkout?fc_customer_id=..&timestamp=..&fc_auth_token=..`).
#[uniffi::export]
pub fn sso_checkout_url(
    store_domain: String,
    store_secret: String,
    customer_id: u64,
    timestamp: u64,
    fcsid: Option<String>,
) -> FoxyResult<String> {
    Ok(sso::checkout_url(
        &store_domain,
        &Secret::new(store_secret),
        customer_id,
        timestamp,
        fcsid.as_deref(),
    )?)
}

/// The parameters of a verified single sign-on URL.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SsoParams {
    /// `fc_customer_id`.
    pub customer_id: u64,
    /// `timestamp` (Unix seconds): the link is valid until then.
    pub timestamp: u64,
    /// The session id (`fcsid`), when present.
    pub fcsid: Option<String>,
}

/// Reads and checks a single sign-on checkout URL (or its query string) at
/// `now` (Unix seconds); fails with `FoxyError.Rejected` on a bad token or
/// an expired link.
#[uniffi::export]
pub fn verify_sso_checkout_url(
    store_secret: String,
    url: String,
    now: u64,
) -> FoxyResult<SsoParams> {
    let params = sso::verify_checkout_url(&Secret::new(store_secret), &url, now)?;
    Ok(SsoParams {
        customer_id: params.customer_id,
        timestamp: params.timestamp,
        fcsid: params.fcsid,
    })
}

// --- codecs ---

/// Converts a document between HAL+JSON, HAL+XML and Siren (numbers keep
/// their exact text; located errors on bad input).
#[uniffi::export]
pub fn convert_document(text: String, from: MediaFormat, to: MediaFormat) -> FoxyResult<String> {
    let resource = codec::parse(from.into(), text.as_bytes())?;
    let bytes = codec::write(to.into(), &resource)?;
    String::from_utf8(bytes).map_err(|e| FoxyError::Internal {
        code: "internal".to_owned(),
        detail: format!("the codec wrote invalid utf-8: {e}"),
    })
}
