//! The untyped resource model: `foxy.Resource` and `foxy.Link`, wrapping
//! `foxy_proto::Resource` and `foxy_proto::Link`.
//!
//! Relations are written in their compact form (`fx:items`, `self`).
//! Properties read as Python values with exact numbers (`int` or
//! `Decimal`); `to_dict()` gives the HAL+JSON document as a `dict`.

use pyo3::exceptions::{PyAttributeError, PyKeyError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use foxy_proto::codec::{hal_json, json};
use foxy_proto::{Rel, Value};

use crate::errors::{decode, invalid_input};
use crate::meta::ResponseMeta;
use crate::value::{from_py, map_from_py, map_to_py, to_py};

/// A hypermedia link: where a relation points.
#[pyclass(module = "foxy", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Link {
    pub(crate) inner: foxy_proto::Link,
}

#[pymethods]
impl Link {
    /// A link to `href`, optionally with a title.
    #[new]
    #[pyo3(signature = (href, title=None))]
    fn new(href: String, title: Option<String>) -> Link {
        let mut inner = foxy_proto::Link::new(href);
        inner.title = title;
        Link { inner }
    }

    /// The target URL.
    #[getter]
    fn href(&self) -> &str {
        &self.inner.href
    }

    /// The link's title, if any.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }

    /// Whether the href is a URI template.
    #[getter]
    fn templated(&self) -> bool {
        self.inner.templated
    }

    /// The link's name, if any.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }

    /// The media type the target is expected to have, if given.
    #[getter]
    fn media_type(&self) -> Option<&str> {
        self.inner.media_type.as_deref()
    }

    fn __repr__(&self) -> String {
        format!("Link({:?})", self.inner.href)
    }

    fn __str__(&self) -> &str {
        &self.inner.href
    }
}

/// A links map (`{"fx:items": [Link, ...]}`), compact relation names.
pub(crate) fn links_to_py<'py>(
    py: Python<'py>,
    links: &indexmap::IndexMap<Rel, Vec<foxy_proto::Link>>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (rel, list) in links {
        let items = list
            .iter()
            .map(|link| Link {
                inner: link.clone(),
            })
            .collect::<Vec<_>>();
        dict.set_item(rel.compact(), PyList::new(py, items)?)?;
    }
    Ok(dict)
}

/// A HAL+JSON-shaped `dict` of a resource (exact numbers).
pub(crate) fn resource_to_dict<'py>(
    py: Python<'py>,
    resource: &foxy_proto::Resource,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = hal_json::write(resource).map_err(|e| decode(py, e.to_string()))?;
    let value = json::parse_value(&bytes).map_err(|e| decode(py, e.to_string()))?;
    to_py(py, &value)
}

/// A resource: properties, links and embedded resources, in any of the
/// three media types (see `foxy.parse` and `foxy.convert`).
///
/// Properties are also readable as attributes (`resource.store_name`) and
/// items (`resource["store_name"]`).
#[pyclass(module = "foxy", eq)]
#[derive(Clone, PartialEq)]
pub struct Resource {
    pub(crate) inner: foxy_proto::Resource,
}

impl Resource {
    /// Wraps a core resource.
    pub(crate) fn from_core(inner: foxy_proto::Resource) -> Resource {
        Resource { inner }
    }
}

#[pymethods]
impl Resource {
    /// A resource with the given properties (a `dict`) and links
    /// (`{"self": "https://..."}`: hrefs or `Link`s).
    #[new]
    #[pyo3(signature = (properties=None, links=None))]
    fn new(
        properties: Option<&Bound<'_, PyDict>>,
        links: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Resource> {
        let mut inner = foxy_proto::Resource::new();
        if let Some(properties) = properties {
            inner.properties = map_from_py(properties)?;
        }
        if let Some(links) = links {
            for (rel, link) in links.iter() {
                let rel: String = rel.extract()?;
                let link = match link.cast::<Link>() {
                    Ok(link) => link.get().inner.clone(),
                    Err(_) => foxy_proto::Link::new(link.extract::<String>()?),
                };
                inner.add_link(rel.as_str(), link);
            }
        }
        Ok(Resource { inner })
    }

    /// A resource from a HAL+JSON-shaped `dict` (`_links`, `_embedded`).
    #[staticmethod]
    fn from_dict(py: Python<'_>, document: &Bound<'_, PyDict>) -> PyResult<Resource> {
        let value = from_py(document.as_any())?;
        let inner = hal_json::from_value(value).map_err(|e| invalid_input(py, e.to_string()))?;
        Ok(Resource { inner })
    }

    /// The href of the `self` link, if any.
    #[getter]
    fn href(&self) -> Option<&str> {
        self.inner.self_href()
    }

    /// What the server said besides the body, when the resource was read
    /// from an answer (`None` for one built in code).
    #[getter]
    fn meta(&self) -> Option<ResponseMeta> {
        ResponseMeta::of(self.inner.meta())
    }

    /// The properties, as a new `dict`.
    #[getter]
    fn properties<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        map_to_py(py, &self.inner.properties)
    }

    /// The links by relation (`{"fx:items": [Link]}`).
    #[getter]
    fn links<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        links_to_py(py, &self.inner.links)
    }

    /// The embedded resources by relation (`{"fx:items": [Resource]}`).
    #[getter]
    fn embedded<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (rel, list) in &self.inner.embedded {
            let items = list
                .iter()
                .cloned()
                .map(Resource::from_core)
                .collect::<Vec<_>>();
            dict.set_item(rel.compact(), PyList::new(py, items)?)?;
        }
        Ok(dict)
    }

    /// The first link of a relation (`"fx:store"`), or `None`.
    fn link(&self, rel: &str) -> Option<Link> {
        self.inner.link(rel).map(|link| Link {
            inner: link.clone(),
        })
    }

    /// The resources embedded under a relation (empty when none).
    fn embedded_of(&self, rel: &str) -> Vec<Resource> {
        self.inner
            .embedded(rel)
            .iter()
            .cloned()
            .map(Resource::from_core)
            .collect()
    }

    /// A property, or `default` when absent.
    #[pyo3(signature = (name, default=None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.property(name) {
            Some(value) => to_py(py, value),
            None => Ok(default.unwrap_or_else(|| py.None().into_bound(py))),
        }
    }

    /// Sets a property (any JSON-like value; numbers stay exact).
    fn __setitem__(&mut self, name: String, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.properties.insert(name, from_py(value)?);
        Ok(())
    }

    fn __getitem__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.property(name) {
            Some(value) => to_py(py, value),
            None => Err(PyKeyError::new_err(name.to_owned())),
        }
    }

    fn __contains__(&self, name: &str) -> bool {
        self.inner.properties.contains_key(name)
    }

    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.property(name) {
            Some(value) => to_py(py, value),
            None => Err(PyAttributeError::new_err(format!(
                "the resource has no property {name:?}"
            ))),
        }
    }

    /// The document as a HAL+JSON-shaped `dict` (`_links`, `_embedded`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        resource_to_dict(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        match self.inner.self_href() {
            Some(href) => format!("Resource(href={href:?})"),
            None => format!("Resource(properties={})", self.inner.properties.len()),
        }
    }
}

/// A property map value (for PATCH), from a `dict`.
pub(crate) fn changes(changes: &Bound<'_, PyDict>) -> PyResult<foxy_proto::Map> {
    map_from_py(changes)
}

/// A request body from a Python value: a `dict` is sent as JSON, a
/// `Resource` as its HAL+JSON document.
pub(crate) fn body(obj: &Bound<'_, PyAny>) -> PyResult<foxy_proto::request::Body> {
    if let Ok(resource) = obj.cast::<Resource>() {
        let bytes = hal_json::write(&resource.borrow().inner)
            .map_err(|e| invalid_input(obj.py(), e.to_string()))?;
        let value =
            json::parse_value(&bytes).map_err(|e| invalid_input(obj.py(), e.to_string()))?;
        return Ok(foxy_proto::request::Body::Json(value));
    }
    let value: Value = from_py(obj)?;
    Ok(foxy_proto::request::Body::Json(value))
}
