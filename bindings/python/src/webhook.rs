//! Foxy webhooks (`foxy_proto::webhook`): the `Foxy-Webhook-Signature`
//! HMAC check, in constant time, and the event name.

use http::{HeaderMap, HeaderName, HeaderValue};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use foxy_proto::signing::Secret;
use foxy_proto::webhook::{self, WebhookError};

use crate::errors::{invalid_input, signature};

/// The raw bytes of a body given as `bytes` (exact) or `str` (UTF-8).
pub(crate) fn body_bytes(body: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = body.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(text) = body.cast::<PyString>() {
        return Ok(text.to_string().into_bytes());
    }
    body.extract::<Vec<u8>>()
}

/// The `Foxy-Webhook-Signature` value of a body: hex HMAC-SHA256 with the key.
#[pyfunction(name = "webhook_sign")]
pub fn sign(key: &str, body: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(webhook::sign(&Secret::new(key), &body_bytes(body)?))
}

/// Whether `signature` is the body's signature (False too when it is not
/// 64 hex digits). Pass the raw body, before any JSON parsing.
#[pyfunction(name = "webhook_verify_signature")]
pub fn verify_signature(key: &str, body: &Bound<'_, PyAny>, signature: &str) -> PyResult<bool> {
    Ok(webhook::verify_signature(&Secret::new(key), &body_bytes(body)?, signature).is_ok())
}

/// Checks a webhook request from its headers (any mapping, names in any
/// case) and raw body; returns the event (`transaction/created`). Raises
/// `SignatureError` for a missing, malformed or wrong signature.
#[pyfunction(name = "webhook_verify_request")]
pub fn verify_request(
    py: Python<'_>,
    key: &str,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let mut map = HeaderMap::new();
    for item in headers.call_method0("items")?.try_iter()? {
        let (name, value): (String, String) = item?.extract()?;
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| invalid_input(py, format!("invalid header name {name:?}")))?;
        let value = HeaderValue::from_str(&value)
            .map_err(|_| invalid_input(py, format!("invalid value for header {name}")))?;
        map.append(name, value);
    }
    let body = body_bytes(body)?;
    match webhook::verify_headers(&Secret::new(key), &map, &body) {
        Ok(verified) => Ok(verified.event),
        Err(WebhookError::Build(message)) => Err(invalid_input(py, message)),
        Err(e) => Err(signature(py, e.to_string())),
    }
}

/// Adds the webhook functions to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(sign, module)?)?;
    module.add_function(wrap_pyfunction!(verify_signature, module)?)?;
    module.add_function(wrap_pyfunction!(verify_request, module)?)?;
    Ok(())
}
