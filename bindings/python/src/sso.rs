//! Single sign-on (`foxy_proto::sso`): the `fc_auth_token` and the checkout
//! URL that logs a customer in, and their verification.

use std::time::{SystemTime, UNIX_EPOCH};

use pyo3::prelude::*;

use foxy_proto::signing::Secret;
use foxy_proto::sso::{self, SsoError};

use crate::errors::{invalid_input, signature};

/// The parameters of a verified single sign-on URL.
#[pyclass(module = "foxy", frozen, get_all)]
pub struct SsoParams {
    /// `fc_customer_id`.
    customer_id: u64,
    /// `timestamp` (Unix seconds): the link is valid until then.
    timestamp: u64,
    /// The session id (`fcsid`), when present.
    fcsid: Option<String>,
}

#[pymethods]
impl SsoParams {
    fn __repr__(&self) -> String {
        format!(
            "SsoParams(customer_id={}, timestamp={}, fcsid={:?})",
            self.customer_id, self.timestamp, self.fcsid
        )
    }
}

fn sso_error(py: Python<'_>, error: SsoError) -> PyErr {
    match error {
        SsoError::Mismatch | SsoError::Expired { .. } => signature(py, error.to_string()),
        other => invalid_input(py, other.to_string()),
    }
}

/// `fc_auth_token`: hex SHA-1 of `customer_id|timestamp|secret`.
#[pyfunction(name = "sso_auth_token")]
pub fn auth_token(secret: &str, customer_id: u64, timestamp: u64) -> String {
    sso::auth_token(&Secret::new(secret), customer_id, timestamp)
}

/// The checkout URL that logs the customer in (valid until `timestamp`).
#[pyfunction(name = "sso_checkout_url")]
#[pyo3(signature = (store_domain, secret, customer_id, timestamp, fcsid=None))]
pub fn checkout_url(
    py: Python<'_>,
    store_domain: &str,
    secret: &str,
    customer_id: u64,
    timestamp: u64,
    fcsid: Option<&str>,
) -> PyResult<String> {
    sso::checkout_url(
        store_domain,
        &Secret::new(secret),
        customer_id,
        timestamp,
        fcsid,
    )
    .map_err(|e| sso_error(py, e))
}

/// Checks a checkout URL (or its query string) at `now` (Unix seconds;
/// default: the current time). Raises `SignatureError` for a wrong or
/// expired token.
#[pyfunction(name = "sso_verify_checkout_url")]
#[pyo3(signature = (secret, url, now=None))]
pub fn verify_checkout_url(
    py: Python<'_>,
    secret: &str,
    url: &str,
    now: Option<u64>,
) -> PyResult<SsoParams> {
    let now = now.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    let params =
        sso::verify_checkout_url(&Secret::new(secret), url, now).map_err(|e| sso_error(py, e))?;
    Ok(SsoParams {
        customer_id: params.customer_id,
        timestamp: params.timestamp,
        fcsid: params.fcsid,
    })
}

/// Adds the single sign-on functions to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<SsoParams>()?;
    module.add_function(wrap_pyfunction!(auth_token, module)?)?;
    module.add_function(wrap_pyfunction!(checkout_url, module)?)?;
    module.add_function(wrap_pyfunction!(verify_checkout_url, module)?)?;
    Ok(())
}
