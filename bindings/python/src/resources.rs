//! Typed resources: one Python class per `foxy-model` type (`Cart`,
//! `Item`, `Customer`, `Transaction`...), and `Collection` for a page.
//!
//! Each class holds the Rust value and converts a field when it is read
//! (money as `decimal.Decimal`, dates as `datetime`, counts as `int`, flags
//! as `bool`) or assigned. Embedded children (`cart.items`) are Python lists
//! of typed objects, so `cart.items.append(Item(...))` and
//! `cart.items[0].quantity = 3` change the cart. Everything the type does
//! not model (links, unknown properties) is kept in the Rust value and
//! written back unchanged by `to_resource()` and the client's PUT.
//!
//! `models!` writes every class from its list of fields; a compile-time
//! assertion checks that the list covers the model's `FIELDS`.

use pyo3::PyClass;
use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use foxy_model::Model as _;
use foxy_proto::Value;

use crate::errors::{client_error, decode, invalid_input};
use crate::meta::ResponseMeta;
use crate::resource::{Link, Resource, links_to_py};
use crate::value::{Field, map_to_py};

/// A Python class wrapping a `foxy-model` type.
pub(crate) trait Typed: PyClass + Sized {
    /// The model type.
    type Core: foxy_model::Model + Send + 'static;
    /// Wraps a model value (children become Python objects).
    fn wrap(py: Python<'_>, core: Self::Core) -> PyResult<Self>;
    /// The model value, children included.
    fn to_core(&self, py: Python<'_>) -> PyResult<Self::Core>;
    /// A new Python object for a model value.
    fn new_object(py: Python<'_>, core: Self::Core) -> PyResult<Py<PyAny>>;
}

/// The Python type name of a field, read from the field's Rust type.
fn py_type<M, T: Field>(_field: impl Fn(&M) -> &T) -> &'static str {
    T::PY_TYPE
}

/// A Python value converted through a field's type, as a document value.
fn field_value<M, T: Field>(
    _field: impl Fn(&M) -> &T,
    value: &Bound<'_, PyAny>,
) -> PyResult<Value> {
    Ok(T::from_py(value)?.to_value())
}

/// The model values of a Python list of typed objects.
fn children<T: Typed>(py: Python<'_>, list: &Py<PyList>, name: &str) -> PyResult<Vec<T::Core>> {
    list.bind(py)
        .iter()
        .map(|member| {
            let member = member.cast::<T>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{name} holds a {}, expected {}",
                    member
                        .get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                    T::NAME
                ))
            })?;
            member.borrow().to_core(py)
        })
        .collect()
}

/// A Python list of typed objects for model values.
fn list_of<T: Typed>(py: Python<'_>, members: Vec<T::Core>) -> PyResult<Py<PyList>> {
    let list = PyList::empty(py);
    for member in members {
        list.append(T::new_object(py, member)?)?;
    }
    Ok(list.unbind())
}

/// A sequence assigned to a children attribute, checked and copied into a list.
fn assign_list<T: Typed>(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Py<PyList>> {
    let py = value.py();
    let list = PyList::empty(py);
    for member in value.try_iter()? {
        let member = member?;
        if !member.is_instance_of::<T>() {
            return Err(PyTypeError::new_err(format!(
                "{name} takes {} objects, not {}",
                T::NAME,
                member.get_type().name()?
            )));
        }
        list.append(member)?;
    }
    Ok(list.unbind())
}

macro_rules! models {
    ($(
        $(#[$doc:meta])*
        $name:ident = $core:ty, base = $base:expr,
        fields [$($field:ident),* $(,)?]
        children [$($child:ident: $child_ty:ident),* $(,)?];
    )*) => {$(
        $(#[$doc])*
        #[pyclass(module = "foxy")]
        pub struct $name {
            /// The model value; its children live in the lists below.
            inner: $core,
            $( $child: Py<PyList>, )*
        }

        const _: () = assert!(
            <$core>::FIELDS.len() == [$(stringify!($field)),*].len(),
            concat!("the Python ", stringify!($name), " does not list every field of the model"),
        );

        impl Typed for $name {
            type Core = $core;

            #[allow(unused_mut)]
            fn wrap(py: Python<'_>, mut core: $core) -> PyResult<$name> {
                $( let $child = list_of::<$child_ty>(py, std::mem::take(&mut core.$child))?; )*
                let _ = py;
                Ok($name { inner: core, $( $child, )* })
            }

            #[allow(unused_mut)]
            fn to_core(&self, py: Python<'_>) -> PyResult<$core> {
                let mut core = self.inner.clone();
                $( core.$child = children::<$child_ty>(py, &self.$child, stringify!($child))?; )*
                let _ = py;
                Ok(core)
            }

            fn new_object(py: Python<'_>, core: $core) -> PyResult<Py<PyAny>> {
                Ok(Bound::new(py, $name::wrap(py, core)?)?.into_any().unbind())
            }
        }

        impl IntoPython for $core {
            fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                $name::new_object(py, self)
            }
        }

        #[pymethods]
        impl $name {
            /// A new resource from keyword arguments: any of its fields and
            /// children lists. Money takes `Decimal`, `int` or `str`; dates
            /// `datetime`, `date` or Foxy's date text.
            #[new]
            #[pyo3(signature = (**fields))]
            fn new(py: Python<'_>, fields: Option<&Bound<'_, PyDict>>) -> PyResult<$name> {
                let mut resource: foxy_proto::Resource = $base;
                #[allow(unused_mut)]
                let mut lists: Vec<(String, Bound<'_, PyAny>)> = Vec::new();
                if let Some(fields) = fields {
                    for (key, value) in fields.iter() {
                        let key: String = key.extract()?;
                        match key.as_str() {
                            $( stringify!($field) => {
                                let value = field_value(|m: &$core| &m.$field, &value)?;
                                resource.properties.insert(key, value);
                            } )*
                            $( stringify!($child) => lists.push((key, value)), )*
                            _ => {
                                return Err(PyTypeError::new_err(format!(
                                    "{}() got an unexpected keyword argument {key:?}",
                                    stringify!($name)
                                )))
                            }
                        }
                    }
                }
                let core = <$core>::from_resource(&resource)
                    .map_err(|e| invalid_input(py, e.to_string()))?;
                let mut made = $name::wrap(py, core)?;
                for (key, value) in lists {
                    made.__setattr__(&key, value)?;
                }
                Ok(made)
            }

            /// Reads a resource (from `Client.get`, `foxy.parse`...) as this type.
            #[staticmethod]
            fn from_resource(py: Python<'_>, resource: PyRef<'_, Resource>) -> PyResult<$name> {
                let core = <$core>::from_resource(&resource.inner)
                    .map_err(|e| decode(py, e.to_string()))?;
                $name::wrap(py, core)
            }

            /// The whole resource, with the links and unknown properties kept.
            fn to_resource(&self, py: Python<'_>) -> PyResult<Resource> {
                Ok(Resource::from_core(self.to_core(py)?.to_resource()))
            }

            /// The fields that hold a value (money as `Decimal`, dates as
            /// `datetime`), the unknown properties, and the children as lists
            /// of dicts. Links are left out (see `links`).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let dict = PyDict::new(py);
                $(
                    let value = Field::to_py(&self.inner.$field, py)?;
                    if !value.is_none() {
                        dict.set_item(stringify!($field), value)?;
                    }
                )*
                for (key, value) in map_to_py(py, &self.inner.extras.properties)?.iter() {
                    dict.set_item(key, value)?;
                }
                $(
                    let list = PyList::empty(py);
                    for member in self.$child.bind(py).iter() {
                        list.append(member.call_method0("to_dict")?)?;
                    }
                    if !list.is_empty() {
                        dict.set_item(stringify!($child), list)?;
                    }
                )*
                Ok(dict)
            }

            /// The names and Python types of the typed fields.
            #[classattr]
            fn __fields__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                let pairs: Vec<(&str, &str)> = vec![
                    $( (stringify!($field), py_type(|m: &$core| &m.$field)), )*
                ];
                Ok(PyTuple::new(py, pairs)?.unbind())
            }

            /// The names of the children lists and the class of their members.
            #[classattr]
            fn __children__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                let pairs: Vec<(&str, &str)> = vec![$( (stringify!($child), stringify!($child_ty)), )*];
                Ok(PyTuple::new(py, pairs)?.unbind())
            }

            $(
                #[doc = concat!(
                    "The `", stringify!($field),
                    "` property, typed (`None` when absent or null). Assign to change it."
                )]
                #[getter]
                #[allow(clippy::wrong_self_convention)]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    Field::to_py(&self.inner.$field, py)
                }
            )*

            $(
                #[doc = concat!(
                    "The embedded `", stringify!($child), "` (a list of ", stringify!($child_ty),
                    "; empty unless zoomed). Change the list or its members, or assign a new list."
                )]
                #[getter]
                fn $child(&self, py: Python<'_>) -> Py<PyList> {
                    self.$child.clone_ref(py)
                }
            )*

            fn __setattr__(&mut self, name: &str, value: Bound<'_, PyAny>) -> PyResult<()> {
                match name {
                    $( stringify!($field) => {
                        self.inner.$field = Field::from_py(&value)?;
                        // A field set in code is written even when it was absent.
                        self.inner.extras.declare(name);
                    } )*
                    $( stringify!($child) => self.$child = assign_list::<$child_ty>(&value, name)?, )*
                    _ => {
                        return Err(PyAttributeError::new_err(format!(
                            "{} has no field {name:?}",
                            stringify!($name)
                        )))
                    }
                }
                Ok(())
            }

            /// The href of the `self` link (`None` for a resource built in code).
            #[getter]
            fn href(&self) -> Option<&str> {
                self.inner.self_href()
            }

            /// The links by relation (`{"fx:items": [Link]}`).
            #[getter]
            fn links<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                links_to_py(py, &self.inner.extras.links)
            }

            /// What the server said besides the body, when read from an answer
            /// (`None` for a resource built in code or embedded in another).
            #[getter]
            fn meta(&self) -> Option<ResponseMeta> {
                ResponseMeta::of(self.inner.meta())
            }

            /// The first link of a relation (`"fx:items"`), or `None`.
            fn link(&self, rel: &str) -> Option<Link> {
                self.inner.extras.link(&rel.into()).map(|link| Link { inner: link.clone() })
            }

            fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
                match other.cast::<$name>() {
                    Ok(other) => Ok(self.to_core(py)? == other.borrow().to_core(py)?),
                    Err(_) => Ok(false),
                }
            }

            fn __repr__(&self) -> String {
                match self.inner.self_href() {
                    Some(href) => format!("{}(href={href:?})", stringify!($name)),
                    None => format!("{}()", stringify!($name)),
                }
            }
        }
    )*};
}

models! {
    /// A cart: items about to be bought, with addresses and totals.
    Cart = foxy_model::Cart, base = foxy_model::Cart::new().to_resource(),
    fields [customer_uri, customer_email, template_set_uri, payment_method_uri, language,
        locale_code, use_customer_shipping_address, billing_first_name, billing_last_name,
        billing_company, billing_address1, billing_address2, billing_city, billing_state,
        billing_postal_code, billing_country, billing_phone, shipping_first_name,
        shipping_last_name, shipping_company, shipping_address1, shipping_address2,
        shipping_city, shipping_state, shipping_postal_code, shipping_country, shipping_phone,
        total_item_price, total_tax, total_shipping, total_future_shipping, total_order,
        currency_code, date_created, date_modified]
    children [items: Item, attributes: Attribute, custom_fields: CustomField,
        discounts: Discount, applied_coupon_codes: AppliedCouponCode];

    /// A browser session created for a cart (`session_id`, `cart_link`).
    CartSession = foxy_model::CartSession, base = foxy_proto::Resource::new(),
    fields [session_id, cart_link]
    children [];

    /// A line item of a cart or transaction.
    Item = foxy_model::Item, base = foxy_proto::Resource::new(),
    fields [item_category_uri, name, price, quantity, quantity_min, quantity_max, weight, code,
        parent_code, discount_name, discount_type, discount_details, subscription_frequency,
        subscription_start_date, subscription_next_transaction_date, subscription_end_date,
        is_future_line_item, shipto, url, image, length, width, height, expires, date_created,
        date_modified]
    children [item_options: ItemOption, attributes: Attribute];

    /// An option of an item (`size: xl`), with its price and weight modifiers.
    ItemOption = foxy_model::ItemOption, base = foxy_proto::Resource::new(),
    fields [name, value, price_mod, weight_mod, date_created, date_modified]
    children [];

    /// A name/value attribute of a cart, item, customer or subscription.
    Attribute = foxy_model::Attribute, base = foxy_proto::Resource::new(),
    fields [name, value, visibility, date_created, date_modified]
    children [];

    /// A custom field of a cart or transaction.
    CustomField = foxy_model::CustomField, base = foxy_proto::Resource::new(),
    fields [name, value, is_hidden, date_created, date_modified]
    children [];

    /// A customer of the store.
    Customer = foxy_model::Customer, base = foxy_proto::Resource::new(),
    fields [first_name, last_name, email, tax_id, password, password_salt, password_hash,
        password_hash_type, password_hash_config, forgot_password, forgot_password_timestamp,
        last_login_date, is_anonymous, date_created, date_modified]
    children [attributes: Attribute, customer_addresses: CustomerAddress];

    /// A saved address of a customer.
    CustomerAddress = foxy_model::CustomerAddress, base = foxy_proto::Resource::new(),
    fields [address_name, first_name, last_name, company, address1, address2, city, region,
        postal_code, country, phone, is_default_billing, is_default_shipping,
        ignore_address_restrictions, date_created, date_modified]
    children [];

    /// A customer's saved card (`cc_number_masked`; `save_cc` False when none).
    DefaultPaymentMethod = foxy_model::DefaultPaymentMethod, base = foxy_proto::Resource::new(),
    fields [save_cc, cc_type, cc_number_masked, cc_exp_month, cc_exp_year, cc_number, cc_cvv2,
        cc_token, date_created, date_modified]
    children [];

    /// A completed order (created by charging a cart).
    Transaction = foxy_model::Transaction, base = foxy_proto::Resource::new(),
    fields [display_id, is_test, is_editable, hide_transaction, data_is_fed, folder_uri,
        transaction_date, locale_code, customer_first_name, customer_last_name, customer_tax_id,
        customer_email, customer_ip, ip_country, user_agent, total_item_price, total_tax,
        total_shipping, total_future_shipping, total_order, currency_code, currency_symbol,
        status, source, date_created, date_modified]
    children [items: Item, attributes: Attribute, custom_fields: CustomField,
        discounts: Discount];

    /// The store and its settings.
    Store = foxy_model::Store, base = foxy_proto::Resource::new(),
    fields [store_version_uri, store_name, store_domain, use_remote_domain, store_url,
        receipt_continue_url, store_email, from_email, use_email_dns, bcc_on_receipt_email,
        smtp_config, postal_code, region, country, locale_code, timezone, hide_currency_symbol,
        hide_decimal_characters, use_international_currency_symbol, language, logo_url,
        checkout_type, use_webhook, webhook_url, webhook_key, use_cart_validation,
        use_single_sign_on, single_sign_on_url, customer_password_hash_type,
        customer_password_hash_config, features_multiship, products_require_expires_property,
        app_session_time, shipping_address_type, require_signed_shipping_rates,
        unified_order_entry_password, custom_display_id_config, affiliate_id,
        is_maintenance_mode, is_active, first_payment_date, date_created, date_modified]
    children [];

    /// A discount applied to a cart or transaction.
    Discount = foxy_model::Discount, base = foxy_proto::Resource::new(),
    fields [code, amount, name, display, is_taxable, is_future_discount, date_created,
        date_modified]
    children [];

    /// A coupon code applied to a cart.
    AppliedCouponCode = foxy_model::AppliedCouponCode, base = foxy_proto::Resource::new(),
    fields [code, date_created, date_modified]
    children [];

    /// A subscription created by a charge of subscription items.
    Subscription = foxy_model::Subscription, base = foxy_proto::Resource::new(),
    fields [start_date, next_transaction_date, end_date, frequency, error_message,
        past_due_amount, first_failed_transaction_date, is_active, third_party_id, payment_type,
        date_created, date_modified]
    children [attributes: Attribute];
}

/// One page of a collection: its members (typed), the counts and the links.
///
/// Iterating a `Collection` iterates its members; `len()` is the number on
/// this page (`total_items` counts the whole collection).
#[pyclass(module = "foxy")]
pub struct Collection {
    members: Py<PyList>,
    total_items: Option<u64>,
    returned_items: Option<u64>,
    limit: Option<u64>,
    offset: Option<u64>,
    next_href: Option<String>,
    extras: foxy_model::Extras,
}

#[pymethods]
impl Collection {
    /// The members on this page.
    #[getter]
    fn members(&self, py: Python<'_>) -> Py<PyList> {
        self.members.clone_ref(py)
    }

    /// How many members the whole collection has.
    #[getter]
    fn total_items(&self) -> Option<u64> {
        self.total_items
    }

    /// How many members this page has.
    #[getter]
    fn returned_items(&self) -> Option<u64> {
        self.returned_items
    }

    /// The page size asked for.
    #[getter]
    fn limit(&self) -> Option<u64> {
        self.limit
    }

    /// The index of this page's first member in the whole collection.
    #[getter]
    fn offset(&self) -> Option<u64> {
        self.offset
    }

    /// The href of this page.
    #[getter]
    fn href(&self) -> Option<&str> {
        self.extras
            .link(&foxy_proto::Rel::SELF)
            .map(|l| l.href.as_str())
    }

    /// The href of the `next` link, if the page has one.
    #[getter]
    fn next_href(&self) -> Option<&str> {
        self.next_href.as_deref()
    }

    /// The links by relation (`self`, `first`, `prev`, `next`, `last`).
    #[getter]
    fn links<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        links_to_py(py, &self.extras.links)
    }

    /// What the server said besides the body, when the page was read from an answer.
    #[getter]
    fn meta(&self) -> Option<ResponseMeta> {
        ResponseMeta::of(self.extras.meta.get())
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        self.members.bind(py).len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
        self.members.bind(py).try_iter()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyAny>> {
        self.members.bind(py).as_any().get_item(index)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Collection(returned_items={}, total_items={})",
            self.members.bind(py).len(),
            self.total_items
                .map_or_else(|| "None".to_owned(), |n| n.to_string())
        )
    }
}

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

impl<T> IntoPython for foxy_model::Collection<T>
where
    T: foxy_model::Member + IntoPython + Send + 'static,
{
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let next_href = self.next_href().map(str::to_owned);
        let (total_items, returned_items) = (self.total_items(), self.returned_items());
        let (limit, offset) = (self.limit(), self.offset());
        let extras = self.extras().clone();
        let members = PyList::empty(py);
        for member in self.members {
            members.append(member.into_python(py)?)?;
        }
        let collection = Collection {
            members: members.unbind(),
            total_items,
            returned_items,
            limit,
            offset,
            next_href,
            extras,
        };
        Ok(Bound::new(py, collection)?.into_any().unbind())
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

/// Adds the typed classes to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Cart>()?;
    module.add_class::<CartSession>()?;
    module.add_class::<Item>()?;
    module.add_class::<ItemOption>()?;
    module.add_class::<Attribute>()?;
    module.add_class::<CustomField>()?;
    module.add_class::<Customer>()?;
    module.add_class::<CustomerAddress>()?;
    module.add_class::<DefaultPaymentMethod>()?;
    module.add_class::<Transaction>()?;
    module.add_class::<Store>()?;
    module.add_class::<Discount>()?;
    module.add_class::<AppliedCouponCode>()?;
    module.add_class::<Subscription>()?;
    module.add_class::<Collection>()?;
    Ok(())
}
