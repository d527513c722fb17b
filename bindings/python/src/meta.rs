//! `foxy.ResponseMeta`: what the server said besides the body, read from
//! the core value's `foxy::ResponseMeta` (no protocol logic here).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use foxy::{CacheStatus, ResponseMeta as Core};

/// What one call's exchange with the server was, besides the body: status,
/// response headers, ETag, final URL, attempts, time taken, the cache's
/// part and, for an API error, the `logref` of its fx:errors document.
#[pyclass(module = "foxy", name = "ResponseMeta", frozen)]
pub struct ResponseMeta {
    inner: Core,
}

impl ResponseMeta {
    /// The Python metadata of a core value, when it was read from an answer.
    pub(crate) fn of(meta: Option<&Core>) -> Option<ResponseMeta> {
        meta.map(|meta| ResponseMeta {
            inner: meta.clone(),
        })
    }
}

#[pymethods]
impl ResponseMeta {
    /// The HTTP status the caller sees (200 for a revalidated or cached answer).
    #[getter]
    fn status(&self) -> u16 {
        self.inner.status.as_u16()
    }

    /// The response headers, lower-case names; repeated headers are joined with ", ".
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for name in self.inner.headers.keys() {
            let values: Vec<String> = self
                .inner
                .headers
                .get_all(name)
                .iter()
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .collect();
            dict.set_item(name.as_str(), values.join(", "))?;
        }
        Ok(dict)
    }

    /// The `ETag` header, when there is one.
    #[getter]
    fn etag(&self) -> Option<&str> {
        self.inner.etag.as_deref()
    }

    /// The URL the last attempt was sent to (the cached one for a hit).
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }

    /// Requests sent for this call (retries included; 0 for a cache hit).
    #[getter]
    fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// Seconds from the call's first step to its answer (monotonic clock).
    #[getter]
    fn elapsed(&self) -> f64 {
        self.inner.elapsed.as_secs_f64()
    }

    /// What the cache did: "bypassed", "miss", "revalidated" or "hit".
    #[getter]
    fn cache(&self) -> &'static str {
        match self.inner.cache {
            CacheStatus::Bypassed => "bypassed",
            CacheStatus::Miss => "miss",
            CacheStatus::Revalidated => "revalidated",
            CacheStatus::Hit => "hit",
            _ => "unknown",
        }
    }

    /// The first `logref` of the error document (fx:errors), for an API error.
    #[getter]
    fn logref(&self) -> Option<&str> {
        self.inner.logref.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "ResponseMeta(status={}, url={:?}, attempts={}, cache={:?})",
            self.inner.status.as_u16(),
            self.inner.url,
            self.inner.attempts,
            self.cache()
        )
    }
}
