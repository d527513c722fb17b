//! The legacy XML datafeed (`foxy_proto::datafeed`): the RC4 `FoxyData`
//! form value, keyed with the store secret, decrypted to its `<foxydata>`
//! document. Values stay the exact text of the document.

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;

use foxy_proto::datafeed::{self, DatafeedError, FoxyData, xml::Element as CoreElement};
use foxy_proto::signing::Secret;

use crate::errors::{decode, invalid_input};
use crate::webhook::body_bytes;

/// One XML element of a datafeed: its name, text and child elements.
/// `element["order_total"]` is the text of the child of that name.
#[pyclass(module = "foxy", frozen)]
pub struct Element {
    inner: CoreElement,
}

#[pymethods]
impl Element {
    /// The element name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The text content (entities and CDATA resolved).
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// The child elements, in document order.
    #[getter]
    fn children(&self) -> Vec<Element> {
        self.inner
            .children
            .iter()
            .map(|c| Element { inner: c.clone() })
            .collect()
    }

    /// The first child of that name, or `None`.
    fn child(&self, name: &str) -> Option<Element> {
        self.inner.child(name).map(|c| Element { inner: c.clone() })
    }

    /// Every child of that name.
    fn find_all(&self, name: &str) -> Vec<Element> {
        self.inner
            .children
            .iter()
            .filter(|c| c.name == name)
            .map(|c| Element { inner: c.clone() })
            .collect()
    }

    /// The text of the first child of that name, or `default`.
    #[pyo3(signature = (name, default=None))]
    fn get(&self, name: &str, default: Option<String>) -> Option<String> {
        self.inner.child_text(name).map(str::to_owned).or(default)
    }

    fn __getitem__(&self, name: &str) -> PyResult<String> {
        self.inner
            .child_text(name)
            .map(str::to_owned)
            .ok_or_else(|| PyKeyError::new_err(name.to_owned()))
    }

    fn __contains__(&self, name: &str) -> bool {
        self.inner.child(name).is_some()
    }

    /// The element as an XML document.
    fn to_xml(&self) -> String {
        self.inner.to_document()
    }

    fn __repr__(&self) -> String {
        format!(
            "Element({:?}, children={})",
            self.inner.name,
            self.inner.children.len()
        )
    }
}

/// A decrypted `<foxydata>` document.
#[pyclass(module = "foxy", frozen)]
pub struct FoxyDataFeed {
    root: CoreElement,
    version: Option<String>,
    xml: String,
}

impl FoxyDataFeed {
    fn list(&self, container: &str) -> Vec<Element> {
        self.root
            .child(container)
            .map(|c| {
                c.children
                    .iter()
                    .map(|e| Element { inner: e.clone() })
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[pymethods]
impl FoxyDataFeed {
    /// `datafeed_version` (`XML FoxyCart Version 2.0`).
    #[getter]
    fn datafeed_version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The `<transaction>` elements of a transaction datafeed.
    #[getter]
    fn transactions(&self) -> Vec<Element> {
        self.list("transactions")
    }

    /// The `<subscription>` elements of a subscription datafeed.
    #[getter]
    fn subscriptions(&self) -> Vec<Element> {
        self.list("subscriptions")
    }

    /// The root `<foxydata>` element.
    #[getter]
    fn root(&self) -> Element {
        Element {
            inner: self.root.clone(),
        }
    }

    /// The decrypted XML document.
    #[getter]
    fn xml(&self) -> &str {
        &self.xml
    }

    fn __repr__(&self) -> String {
        format!(
            "FoxyDataFeed(transactions={}, subscriptions={})",
            self.list("transactions").len(),
            self.list("subscriptions").len()
        )
    }
}

fn datafeed_error(py: Python<'_>, error: DatafeedError) -> PyErr {
    match error {
        DatafeedError::EmptyKey => invalid_input(py, error.to_string()),
        other => decode(py, other.to_string()),
    }
}

/// The XML of a datafeed: `data` is the raw POST body (`FoxyData=...`) or
/// the form value, `key` the store secret.
#[pyfunction(name = "datafeed_decrypt")]
pub fn decrypt(py: Python<'_>, data: &Bound<'_, PyAny>, key: &str) -> PyResult<String> {
    let bytes = body_bytes(data)?;
    datafeed::decrypt(datafeed::form_value(&bytes), &Secret::new(key))
        .map_err(|e| datafeed_error(py, e))
}

/// Decrypts and reads a datafeed (see `decrypt`). Raises `DecodeError` for
/// a wrong key or a document that is not `<foxydata>`.
#[pyfunction(name = "datafeed_decode")]
pub fn decode_feed(py: Python<'_>, data: &Bound<'_, PyAny>, key: &str) -> PyResult<FoxyDataFeed> {
    let xml = decrypt(py, data, key)?;
    let typed = FoxyData::parse(&xml).map_err(|e| datafeed_error(py, e))?;
    let root = CoreElement::parse(&xml).map_err(|e| datafeed_error(py, e))?;
    Ok(FoxyDataFeed {
        root,
        version: typed.datafeed_version,
        xml,
    })
}

/// Encrypts a `<foxydata>` document into the form value Foxy posts (for tests).
#[pyfunction(name = "datafeed_encrypt")]
pub fn encrypt(py: Python<'_>, xml: &str, key: &str) -> PyResult<String> {
    datafeed::encrypt(xml, &Secret::new(key)).map_err(|e| datafeed_error(py, e))
}

/// Adds the datafeed functions to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Element>()?;
    module.add_class::<FoxyDataFeed>()?;
    module.add("DATAFEED_REPLY", datafeed::REPLY)?;
    module.add_function(wrap_pyfunction!(decrypt, module)?)?;
    module.add_function(wrap_pyfunction!(decode_feed, module)?)?;
    module.add_function(wrap_pyfunction!(encrypt, module)?)?;
    Ok(())
}
