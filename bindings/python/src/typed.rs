//! `foxy.TypedResource`: the one native class behind every generated class
//! of `foxy.typed` (`Coupon`, `Subscription`, ... one per relation the
//! description has, written by `cargo xtask codegen`).
//!
//! The object is a handle on the core `foxy_proto::Resource` and the
//! relation's entry of `foxy_model::generated::RELATIONS`: a property is
//! read and written through `foxy_model::typed::read_property` and
//! `write_property`, by its name in the representation, so no field list is
//! written here and a PUT sends everything that was read plus what changed.

use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyBool;

use foxy_model::Date;
use foxy_model::typed::{PropertyInfo, PropertyValue, RelationInfo, ValueType};
use foxy_proto::Value;

use crate::errors::{decode, invalid_input};
use crate::meta::ResponseMeta;
use crate::resource::{Link, Resource, resource_to_dict};
use crate::value::{Field, decimal, decimal_text, from_py, to_py};

/// A resource of one described relation: typed properties over the core resource.
#[pyclass(module = "foxy", subclass)]
pub struct TypedResource {
    info: &'static RelationInfo,
    inner: foxy_proto::Resource,
}

impl TypedResource {
    /// The described property `name`, or an `AttributeError`.
    fn property(&self, name: &str) -> PyResult<&'static PropertyInfo> {
        self.info
            .properties
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| {
                PyAttributeError::new_err(format!(
                    "the relation {:?} describes no property {name:?}",
                    self.info.name
                ))
            })
    }
}

/// The relation's entry, or `InvalidInputError`.
fn relation_info(py: Python<'_>, relation: &str) -> PyResult<&'static RelationInfo> {
    foxy_model::generated::relation(relation)
        .ok_or_else(|| invalid_input(py, format!("the description has no relation {relation:?}")))
}

/// A typed value as a Python value.
fn value_to_py<'py>(py: Python<'py>, value: PropertyValue) -> PyResult<Bound<'py, PyAny>> {
    match value {
        PropertyValue::Text(s) | PropertyValue::Enum(s) => Ok(s.into_pyobject(py)?.into_any()),
        PropertyValue::Integer(n) => Ok(n.into_pyobject(py)?.into_any()),
        PropertyValue::Decimal(d) => decimal(py, &d.to_string()),
        PropertyValue::Boolean(b) => Ok(PyBool::new(py, b).to_owned().into_any()),
        PropertyValue::Date(d) => d.to_py(py),
        PropertyValue::Json(v) => to_py(py, &v),
    }
}

/// A Python value as the typed value of `info` (`None`: `null`).
fn value_from_py(info: &PropertyInfo, obj: &Bound<'_, PyAny>) -> PyResult<Option<PropertyValue>> {
    if obj.is_none() {
        return Ok(None);
    }
    let wrong = |expected: &str| {
        PyTypeError::new_err(format!(
            "{} must be {expected}, got {}",
            info.name,
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    };
    Ok(Some(match info.ty {
        ValueType::Text => PropertyValue::Text(obj.extract().map_err(|_| wrong("a str"))?),
        ValueType::Enum => PropertyValue::Enum(obj.extract().map_err(|_| wrong("a str"))?),
        ValueType::Integer => {
            if obj.is_instance_of::<PyBool>() {
                return Err(wrong("an int"));
            }
            PropertyValue::Integer(obj.extract().map_err(|_| wrong("an int"))?)
        }
        ValueType::Decimal => {
            let text = decimal_text(obj)?;
            // Parsed by the model's own reader, so the scale is kept.
            let mut scratch = foxy_proto::Resource::new();
            scratch.set_property(info.name, Value::String(text));
            match foxy_model::typed::get_decimal(&scratch, info.name) {
                Ok(Some(d)) => PropertyValue::Decimal(d),
                Ok(None) => return Ok(None),
                Err(e) => return Err(invalid_input(obj.py(), e.to_string())),
            }
        }
        ValueType::Boolean => {
            if !obj.is_instance_of::<PyBool>() {
                return Err(wrong("a bool"));
            }
            PropertyValue::Boolean(obj.extract()?)
        }
        ValueType::Date | ValueType::DateTime => PropertyValue::Date(Date::from_py(obj)?),
        ValueType::Json => PropertyValue::Json(from_py(obj)?),
    }))
}

#[pymethods]
impl TypedResource {
    /// A typed handle on `resource` (a `Resource`, a typed resource, or
    /// nothing: an empty one) as the relation `relation` (`"coupon"`).
    #[new]
    #[pyo3(signature = (relation, resource=None))]
    fn new(
        py: Python<'_>,
        relation: &str,
        resource: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<TypedResource> {
        let info = relation_info(py, relation)?;
        let inner = match resource {
            None => foxy_proto::Resource::new(),
            Some(obj) => crate::client::document(obj)?,
        };
        Ok(TypedResource { info, inner })
    }

    /// The relation, short form (`"coupon"`).
    #[getter]
    fn relation(&self) -> &'static str {
        self.info.name
    }

    /// The href of the `self` link, if any.
    #[getter]
    fn href(&self) -> Option<&str> {
        self.inner.self_href()
    }

    /// What the server said besides the body, when read from an answer.
    #[getter]
    fn meta(&self) -> Option<ResponseMeta> {
        ResponseMeta::of(self.inner.meta())
    }

    /// The described property `name`, typed (`None` when absent or `null`);
    /// a value of the wrong type raises `DecodeError`.
    fn get_property<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let info = self.property(name)?;
        match foxy_model::typed::read_property(&self.inner, info) {
            Ok(Some(value)) => value_to_py(py, value),
            Ok(None) => Ok(py.None().into_bound(py)),
            Err(e) => Err(decode(py, e.to_string())),
        }
    }

    /// Writes the described property `name` (`None`: `null`), in the form
    /// the resource already used; a read-only property is refused.
    fn set_property(
        &mut self,
        py: Python<'_>,
        name: &str,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let info = self.property(name)?;
        if info.read_only {
            return Err(PyAttributeError::new_err(format!(
                "{name} is set by the server (read-only)"
            )));
        }
        let value = value_from_py(info, value)?;
        foxy_model::typed::write_property(&mut self.inner, info, value)
            .map_err(|e| invalid_input(py, e.to_string()))
    }

    /// The first link of a relation (`"fx:store"`, or `"store"` for Foxy's), or `None`.
    fn link(&self, rel: &str) -> Option<Link> {
        let found = self.inner.link(rel).or_else(|| {
            if rel.contains(':') || rel == "self" {
                None
            } else {
                self.inner.link(format!("fx:{rel}").as_str())
            }
        });
        found.map(|link| Link {
            inner: link.clone(),
        })
    }

    /// The resources embedded under a relation (`"fx:coupons"`; empty when none).
    fn embedded_of(&self, rel: &str) -> Vec<Resource> {
        self.inner
            .embedded(rel)
            .iter()
            .cloned()
            .map(Resource::from_core)
            .collect()
    }

    /// The whole resource, every property and link included (a copy).
    fn to_resource(&self) -> Resource {
        Resource::from_core(self.inner.clone())
    }

    /// The document as a HAL+JSON-shaped `dict`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        resource_to_dict(py, &self.inner)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let class = slf.get_type().name()?.to_string();
        let this = slf.borrow();
        Ok(match this.inner.self_href() {
            Some(href) => format!("{class}(href={href:?})"),
            None => format!("{class}(relation={:?})", this.info.name),
        })
    }
}
