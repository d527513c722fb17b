//! HMAC cart signing (`foxy_proto::signing`): sign and verify `/cart`
//! links, sign the cart links and forms of an HTML page.

use pyo3::prelude::*;

use foxy_proto::signing::{self, FailureReason, Secret};

use crate::errors::invalid_input;

/// The outcome of `verify_url`: how many fields were checked and which failed.
/// Truthy when every field checked out.
#[pyclass(module = "foxy", frozen)]
pub struct UrlVerification {
    inner: signing::Verification,
}

#[pymethods]
impl UrlVerification {
    /// True when no field failed.
    #[getter]
    fn is_valid(&self) -> bool {
        self.inner.is_valid()
    }

    /// How many signable fields were examined.
    #[getter]
    fn checked(&self) -> usize {
        self.inner.checked
    }

    /// The fields that failed, as `(name, reason)`; reason is `"unsigned"`,
    /// `"mismatch"` or `"missing_code"`.
    #[getter]
    fn failures(&self) -> Vec<(String, &'static str)> {
        self.inner
            .failures
            .iter()
            .map(|f| {
                let reason = match f.reason {
                    FailureReason::Unsigned => "unsigned",
                    FailureReason::Mismatch => "mismatch",
                    FailureReason::MissingCode => "missing_code",
                    _ => "invalid",
                };
                (f.name.clone(), reason)
            })
            .collect()
    }

    fn __bool__(&self) -> bool {
        self.inner.is_valid()
    }

    fn __repr__(&self) -> String {
        format!(
            "UrlVerification(is_valid={}, checked={}, failures={})",
            if self.inner.is_valid() {
                "True"
            } else {
                "False"
            },
            self.inner.checked,
            self.inner.failures.len()
        )
    }
}

/// Signs the product fields of a `/cart` link with the store secret.
#[pyfunction]
pub fn sign_url(py: Python<'_>, secret: &str, url: &str) -> PyResult<String> {
    signing::sign_url(&Secret::new(secret), url).map_err(|e| invalid_input(py, e.to_string()))
}

/// Checks the signatures of a `/cart` link.
#[pyfunction]
pub fn verify_url(py: Python<'_>, secret: &str, url: &str) -> PyResult<UrlVerification> {
    signing::verify_url(&Secret::new(secret), url)
        .map(|inner| UrlVerification { inner })
        .map_err(|e| invalid_input(py, e.to_string()))
}

/// Signs every cart link and form of an HTML page.
#[pyfunction]
pub fn sign_html(py: Python<'_>, secret: &str, html: &str) -> PyResult<String> {
    signing::sign_html(&Secret::new(secret), html).map_err(|e| invalid_input(py, e.to_string()))
}

/// Adds the signing functions to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<UrlVerification>()?;
    module.add_function(wrap_pyfunction!(sign_url, module)?)?;
    module.add_function(wrap_pyfunction!(verify_url, module)?)?;
    module.add_function(wrap_pyfunction!(sign_html, module)?)?;
    Ok(())
}
