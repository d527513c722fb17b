//! `foxy.TypedResource`: the one native class behind every generated class
//! of `foxy.typed` (`Coupon`, `Subscription`, ... one per relation the
//! description has, written by `cargo xtask codegen`).
//!
//! The object is a handle on the core `foxy_proto::Resource` and the
//! relation's entry of `foxy_model::generated::RELATIONS`: a property is
//! read and written through `foxy_model::typed::read_property` and
//! `write_property`, by its name in the representation, so no field list is
//! written here and a PUT sends everything that was read plus what changed.
//!
//! An embedded list handed to Python (`cart.items`, a page's `members`) is
//! kept as that Python list of typed objects, so `cart.items[0].quantity = 3`
//! and `cart.items.append(Item(...))` change the cart: [`TypedResource::core`]
//! writes the lists back in place when the resource is read out (a PUT,
//! `to_resource()`, `to_dict()`).

use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyType};

use foxy_model::typed::{PropertyInfo, PropertyValue, RelationInfo, ValueType};
use foxy_proto::Value;

use crate::errors::{decode, invalid_input};
use crate::meta::ResponseMeta;
use crate::resource::{Link, Resource, links_to_py, resource_to_dict};
use crate::value::{date_from_py, date_to_py, decimal, decimal_text, from_py, to_py};

/// A resource of one described relation: typed properties over the core resource.
#[pyclass(module = "foxy", subclass)]
pub struct TypedResource {
    info: &'static RelationInfo,
    inner: foxy_proto::Resource,
    /// The embedded lists handed to Python, by relation: they replace the
    /// resource's own when it is read out.
    children: Vec<(foxy_proto::Rel, Py<PyList>)>,
}

impl TypedResource {
    /// A handle on `inner` as the relation `info`.
    pub(crate) fn from_parts(info: &'static RelationInfo, inner: foxy_proto::Resource) -> Self {
        TypedResource {
            info,
            inner,
            children: Vec::new(),
        }
    }

    /// The whole resource, the embedded lists handed to Python written back
    /// (each member read out the same way).
    pub(crate) fn core(&self, py: Python<'_>) -> PyResult<foxy_proto::Resource> {
        let mut resource = self.inner.clone();
        for (rel, list) in &self.children {
            let mut members = Vec::new();
            for member in list.bind(py).iter() {
                let typed = member.cast::<TypedResource>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "{} holds a {}, expected a typed resource",
                        rel.compact(),
                        member
                            .get_type()
                            .name()
                            .map(|n| n.to_string())
                            .unwrap_or_default()
                    ))
                })?;
                members.push(typed.borrow().core(py)?);
            }
            resource.embedded.insert(rel.clone(), members);
        }
        Ok(resource)
    }

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

/// A resource on its way from the client into a generated class (see
/// `resources::typed_object`): the class's constructor takes it out
/// instead of copying it. Not exported.
#[pyclass(module = "foxy")]
pub(crate) struct Handover(pub(crate) Option<foxy_proto::Resource>);

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
        PropertyValue::Date(d) => date_to_py(py, &d),
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
        ValueType::Date | ValueType::DateTime => PropertyValue::Date(date_from_py(obj)?),
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
            Some(obj) => match obj.cast::<Handover>() {
                // A resource the client just read: moved in, not copied.
                Ok(handover) => handover.borrow_mut().0.take().unwrap_or_default(),
                Err(_) => crate::client::document(obj)?,
            },
        };
        Ok(TypedResource::from_parts(info, inner))
    }

    /// Reads a resource (from `Client.get`, `foxy.parse`...) as this class.
    #[classmethod]
    fn from_resource<'py>(
        cls: &Bound<'py, PyType>,
        resource: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        cls.call1((resource,))
    }

    /// The links by relation (`{"fx:items": [Link]}`).
    #[getter]
    fn links<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        links_to_py(py, &self.inner.links)
    }

    /// The resources embedded under `rel` (`"fx:items"`) as a list of
    /// `member_class` objects, the same list on every call: changing it or
    /// its members changes this resource.
    fn embedded_list(
        &mut self,
        py: Python<'_>,
        rel: &str,
        member_class: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyList>> {
        let rel = foxy_proto::Rel::from(rel);
        if let Some((_, list)) = self.children.iter().find(|(r, _)| *r == rel) {
            return Ok(list.clone_ref(py));
        }
        let list = PyList::empty(py);
        for member in self.inner.embedded(rel.clone()) {
            list.append(member_class.call1((Resource::from_core(member.clone()),))?)?;
        }
        let list = list.unbind();
        self.children.push((rel, list.clone_ref(py)));
        Ok(list)
    }

    /// Replaces the list embedded under `rel` with the typed objects of `members`.
    fn set_embedded_list(
        &mut self,
        py: Python<'_>,
        rel: &str,
        members: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let list = PyList::empty(py);
        for member in members.try_iter()? {
            let member = member?;
            if !member.is_instance_of::<TypedResource>() {
                return Err(PyTypeError::new_err(format!(
                    "{rel} takes typed resources, not {}",
                    member.get_type().name()?
                )));
            }
            list.append(member)?;
        }
        let rel = foxy_proto::Rel::from(rel);
        let list = list.unbind();
        match self.children.iter_mut().find(|(r, _)| *r == rel) {
            Some((_, kept)) => *kept = list,
            None => self.children.push((rel, list)),
        }
        Ok(())
    }

    /// The first resource embedded under `rel`, as a `member_class` object
    /// (a copy), or `None`.
    fn embedded_one<'py>(
        &self,
        py: Python<'py>,
        rel: &str,
        member_class: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.core(py)?.embedded(rel).first() {
            Some(member) => Ok(Some(
                member_class.call1((Resource::from_core(member.clone()),))?,
            )),
            None => Ok(None),
        }
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
        self.inner.link_named(rel).map(|link| Link {
            inner: link.clone(),
        })
    }

    /// The resources embedded under a relation (`"fx:coupons"`; empty when none), untyped copies.
    fn embedded_of(&self, py: Python<'_>, rel: &str) -> PyResult<Vec<Resource>> {
        Ok(self
            .core(py)?
            .embedded(rel)
            .iter()
            .cloned()
            .map(Resource::from_core)
            .collect())
    }

    /// The whole resource, every property, link and embedded list included (a copy).
    fn to_resource(&self, py: Python<'_>) -> PyResult<Resource> {
        Ok(Resource::from_core(self.core(py)?))
    }

    /// The document as a HAL+JSON-shaped `dict`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        resource_to_dict(py, &self.core(py)?)
    }

    /// Equal when of the same relation with the same document.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<TypedResource>() {
            Ok(other) => {
                let other = other.borrow();
                Ok(self.info.name == other.info.name && self.core(py)? == other.core(py)?)
            }
            Err(_) => Ok(false),
        }
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
