//! Results on their way to Python: [`IntoPython`] for what the Rust client
//! returns, and [`Out`], a result converted where the GIL is held.
//!
//! A typed value of `foxy-model` (`foxy_model::Cart`, a `Collection` of
//! items...) becomes the generated class of its relation (`foxy.Cart`,
//! `foxy.typed.Items`, written by `cargo xtask codegen` over the native
//! `TypedResource`): the value is written back to its resource, everything
//! it kept included, and the class reads its properties through it. No
//! field is listed here: [`typed_views!`] names only which relation each
//! Rust type is, so that the right class wraps it.
//! Typed inputs go the other way through [`view`].

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

use crate::errors::{client_error, invalid_input};
use crate::resource::Resource;

/// Rust results that become Python objects once the GIL is held (the async
/// client finishes its futures without it).
pub(crate) trait IntoPython: Send + 'static {
    /// The Python object.
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

impl IntoPython for foxy_proto::Resource {
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Bound::new(py, Resource::from_core(self))?
            .into_any()
            .unbind())
    }
}

impl IntoPython for String {
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(self.into_pyobject(py)?.into_any().unbind())
    }
}

impl IntoPython for () {
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(py.None())
    }
}

/// `foxy.typed.CLASSES`: the generated class of each relation.
static CLASSES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// The generated class of `relation` (`"cart"`), if the description has one.
pub(crate) fn class_of<'py>(
    py: Python<'py>,
    relation: &str,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let classes = CLASSES.get_or_try_init(py, || {
        py.import("foxy.typed")?
            .getattr("CLASSES")?
            .cast_into::<PyDict>()
            .map(Bound::unbind)
            .map_err(PyErr::from)
    })?;
    classes.bind(py).get_item(relation)
}

/// `resource` as an object of the generated class of `relation` (an
/// untyped `Resource` when the description has none).
pub(crate) fn typed_object(
    py: Python<'_>,
    relation: &str,
    resource: foxy_proto::Resource,
) -> PyResult<Py<PyAny>> {
    match class_of(py, relation)? {
        Some(class) => {
            let handover = Bound::new(py, crate::typed::Handover(Some(resource)))?;
            Ok(class.call1((handover,))?.unbind())
        }
        None => resource.into_python(py),
    }
}

/// The `foxy-model` view `T` of a Python resource (a typed object or a
/// `Resource`), for the hand-written operations.
pub(crate) fn view<T: foxy_model::Model>(obj: &Bound<'_, PyAny>) -> PyResult<T> {
    let resource = foxy_model::rels::plural_rels(crate::client::document(obj)?);
    T::from_resource(&resource).map_err(|e| invalid_input(obj.py(), e.to_string()))
}

/// The relation of a `foxy-model` view: the generated class its values get.
pub(crate) trait Relation {
    /// The resource's relation (`"cart"`).
    const ONE: &'static str;
    /// The relation of a page of them (`"carts"`).
    const MANY: &'static str;
}

/// Which relation each `foxy-model` view the operations return is.
macro_rules! typed_views {
    ($($view:ty => $one:literal / $many:literal;)*) => {$(
        impl Relation for $view {
            const ONE: &'static str = $one;
            const MANY: &'static str = $many;
        }

        impl IntoPython for $view {
            fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                typed_object(py, Self::ONE, self.to_resource())
            }
        }
    )*};
}

typed_views! {
    foxy_model::Cart => "cart" / "carts";
    foxy_model::Item => "item" / "items";
    foxy_model::ItemOption => "item_option" / "item_options";
    foxy_model::Attribute => "attribute" / "attributes";
    foxy_model::CustomField => "custom_field" / "custom_fields";
    foxy_model::Customer => "customer" / "customers";
    foxy_model::CustomerAddress => "customer_address" / "customer_addresses";
    foxy_model::DefaultPaymentMethod => "default_payment_method" / "default_payment_methods";
    foxy_model::Transaction => "transaction" / "transactions";
    foxy_model::Store => "store" / "stores";
    foxy_model::Discount => "discount" / "discounts";
    foxy_model::AppliedCouponCode => "applied_coupon_code" / "applied_coupon_codes";
    foxy_model::Subscription => "subscription" / "subscriptions";
}

impl IntoPython for foxy_model::CartSession {
    /// The description has no class for a session (an action's answer): a `Resource`.
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.to_resource().into_python(py)
    }
}

impl<T> IntoPython for foxy_model::Collection<T>
where
    T: foxy_model::Member + Relation + Send + 'static,
{
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        typed_object(py, T::MANY, self.to_resource())
    }
}

/// A member of any collection, as the page embedded it: what a walk of a
/// relation path (`client.store().coupons.all()`) reads through the Rust
/// client's prefetching pages, before the generated class wraps it.
#[derive(Debug, Clone)]
pub(crate) struct RawMember {
    resource: foxy_proto::Resource,
    extras: foxy_model::Extras,
}

impl foxy_model::Model for RawMember {
    fn from_resource(resource: &foxy_proto::Resource) -> Result<Self, foxy_model::ModelError> {
        Ok(RawMember {
            resource: resource.clone(),
            extras: foxy_model::Extras::default(),
        })
    }

    fn to_resource(&self) -> foxy_proto::Resource {
        self.resource.clone()
    }

    fn extras(&self) -> &foxy_model::Extras {
        &self.extras
    }
}

impl foxy_model::Member for RawMember {
    /// No relation of its own: a page is read from the one relation it
    /// embeds (`self` is never embedded, so the collection falls back to it).
    const REL: foxy_proto::Rel = foxy_proto::Rel::SELF;
}

impl IntoPython for RawMember {
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.resource.into_python(py)
    }
}

impl RawMember {
    /// The member as an object of `class` (a generated class), once the GIL is held.
    pub(crate) fn typed(self, class: std::sync::Arc<Py<PyAny>>) -> TypedMember {
        TypedMember {
            resource: self.resource,
            class,
        }
    }
}

/// A member read by a walk, on its way into its generated class.
pub(crate) struct TypedMember {
    resource: foxy_proto::Resource,
    class: std::sync::Arc<Py<PyAny>>,
}

impl IntoPython for TypedMember {
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let handover = Bound::new(py, crate::typed::Handover(Some(self.resource)))?;
        Ok(self.class.bind(py).call1((handover,))?.unbind())
    }
}

/// A client result on its way to Python: the value, or the error mapped
/// by `errors.rs`, converted where the GIL is held.
pub(crate) struct Out<T>(pub(crate) Result<T, foxy::Error>);

impl<T: IntoPython> Out<T> {
    /// The Python value, or the exception.
    pub(crate) fn into_py_result(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self.0 {
            Ok(value) => value.into_python(py),
            Err(error) => Err(client_error(py, error)),
        }
    }
}

impl<'py, T: IntoPython> IntoPyObject<'py> for Out<T> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_py_result(py)?.into_bound(py))
    }
}
