//! Foxy webhooks (`foxy_proto::webhook`): the `Foxy-Webhook-Signature`
//! HMAC check, in constant time, the event name, and the typed event
//! (`WebhookEvent`: transaction, subscription or customer) the framework
//! adapters (`foxy.webhooks.fastapi`) hand to applications.

use http::{HeaderMap, HeaderName, HeaderValue};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use foxy_model::{Customer, Subscription, Transaction};
use foxy_proto::signing::Secret;
use foxy_proto::webhook::{self, EventResource, WebhookError};

use crate::errors::{invalid_input, signature};
use crate::resource::Resource;
use crate::resources::IntoPython;

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
    let map = header_map(py, headers)?;
    let body = body_bytes(body)?;
    match webhook::verify_headers(&Secret::new(key), &map, &body) {
        Ok(verified) => Ok(verified.event),
        Err(WebhookError::Build(message)) => Err(invalid_input(py, message)),
        Err(e) => Err(signature(py, e.to_string())),
    }
}

/// A verified webhook read into its event.
#[pyclass(module = "foxy", frozen)]
pub struct WebhookEvent {
    name: String,
    resource_kind: String,
    resource: Py<Resource>,
    data: Py<PyAny>,
}

#[pymethods]
impl WebhookEvent {
    /// The `Foxy-Webhook-Event` value, for example `transaction/created`.
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// What it is about: `transaction`, `subscription`, `customer` (or
    /// another prefix of the event name).
    #[getter]
    fn resource_kind(&self) -> &str {
        &self.resource_kind
    }

    /// The whole body as a `Resource`, every property and link kept.
    #[getter]
    fn resource(&self, py: Python<'_>) -> Py<Resource> {
        self.resource.clone_ref(py)
    }

    /// The typed resource: a `Transaction`, `Subscription` or `Customer`
    /// (None for other events).
    #[getter]
    fn data(&self, py: Python<'_>) -> Py<PyAny> {
        self.data.clone_ref(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "WebhookEvent(name={:?}, resource_kind={:?})",
            self.name, self.resource_kind
        )
    }
}

/// Checks a webhook request (headers as any mapping, the raw body) and
/// reads it into a `WebhookEvent`. Raises `SignatureError` for a missing,
/// malformed or wrong signature (the body is not read then), and
/// `InvalidInputError` for a signed body that is not the resource its
/// event names.
#[pyfunction(name = "webhook_verify_event")]
pub fn verify_event(
    py: Python<'_>,
    key: &str,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<WebhookEvent> {
    let map = header_map(py, headers)?;
    let body = body_bytes(body)?;
    let event = match webhook::verify_event(&Secret::new(key), &map, &body) {
        Ok(event) => event,
        Err(e @ (WebhookError::Build(_) | WebhookError::Body(_))) => {
            return Err(invalid_input(py, e.to_string()));
        }
        Err(e) => return Err(signature(py, e.to_string())),
    };
    let typed = |e: foxy_model::ModelError| {
        invalid_input(
            py,
            format!("the {} body does not read as one: {e}", event.resource_kind),
        )
    };
    let data = match event.resource_kind {
        EventResource::Transaction => Transaction::from_resource(&event.resource)
            .map_err(typed)?
            .into_python(py)?,
        EventResource::Subscription => Subscription::from_resource(&event.resource)
            .map_err(typed)?
            .into_python(py)?,
        EventResource::Customer => Customer::from_resource(&event.resource)
            .map_err(typed)?
            .into_python(py)?,
        _ => py.None(),
    };
    Ok(WebhookEvent {
        name: event.name,
        resource_kind: event.resource_kind.as_str().to_owned(),
        resource: Py::new(py, Resource::from_core(event.resource))?,
        data,
    })
}

/// The headers of a Python mapping (names in any case).
fn header_map(py: Python<'_>, headers: &Bound<'_, PyAny>) -> PyResult<HeaderMap> {
    let mut map = HeaderMap::new();
    for item in headers.call_method0("items")?.try_iter()? {
        let (name, value): (String, String) = item?.extract()?;
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| invalid_input(py, format!("invalid header name {name:?}")))?;
        let value = HeaderValue::from_str(&value)
            .map_err(|_| invalid_input(py, format!("invalid value for header {name}")))?;
        map.append(name, value);
    }
    Ok(map)
}

/// Adds the webhook functions to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(sign, module)?)?;
    module.add_function(wrap_pyfunction!(verify_signature, module)?)?;
    module.add_function(wrap_pyfunction!(verify_request, module)?)?;
    module.add_function(wrap_pyfunction!(verify_event, module)?)?;
    module.add_class::<WebhookEvent>()?;
    Ok(())
}
