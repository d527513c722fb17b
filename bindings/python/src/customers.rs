//! `client.customers`: the typed customer operations of
//! `foxy::ops::customers` (list, read, create, update, delete, default
//! payment method, addresses), blocking and async.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::client::operations;
use crate::paging::{AsyncPages, Pages};
use crate::resources::view;

/// The store's customers (blocking): `client.customers`.
#[pyclass(module = "foxy", frozen)]
pub struct Customers {
    client: foxy::Client,
}

impl Customers {
    pub(crate) fn new(client: foxy::Client) -> Customers {
        Customers { client }
    }
}

/// The store's customers (asyncio).
#[pyclass(module = "foxy", frozen)]
pub struct AsyncCustomers {
    client: foxy::AsyncClient,
}

impl AsyncCustomers {
    pub(crate) fn new(client: foxy::AsyncClient) -> AsyncCustomers {
        AsyncCustomers { client }
    }
}

operations! {
    Customers / AsyncCustomers [py, this, c] {
        /// One page of the store's customers, filtered, ordered and zoomed by the query.
        #[pyo3(signature = (**query))]
        fn list(; **query) {
            let query = crate::query::from_kwargs(py, query)?;
        } => c.customers().list(query);

        /// The customer at an href, zoomed by the query.
        #[pyo3(signature = (href, **query))]
        fn get(href: &Bound<'_, PyAny>; **query) {
            let href = crate::client::href(href)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.customers().get(&href, query);

        /// Creates a customer; returns its href.
        fn create(customer: &Bound<'_, PyAny>) {
            let customer = view::<foxy_model::Customer>(customer)?;
        } => c.customers().create(&customer);

        /// Creates a customer, then reads it back with the query.
        #[pyo3(signature = (customer, **query))]
        fn create_and_get(customer: &Bound<'_, PyAny>; **query) {
            let customer = view::<foxy_model::Customer>(customer)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.customers().create_and_get(&customer, query);

        /// Changes some properties (a `dict`) of the customer at an href.
        fn patch(href: &Bound<'_, PyAny>, changes: &Bound<'_, PyDict>) {
            let href = crate::client::href(href)?;
            let changes = crate::resource::changes(changes)?;
        } => c.customers().patch(&href, &changes);

        /// Deletes the customer at an href.
        fn delete(href: &Bound<'_, PyAny>) {
            let href = crate::client::href(href)?;
        } => c.customers().delete(&href);

        /// The customer's saved card (`save_cc` False when none).
        fn default_payment_method(customer: &Bound<'_, PyAny>) {
            let customer = view::<foxy_model::Customer>(customer)?;
        } => c.customers().default_payment_method(&customer);

        /// Changes the customer's saved card (a `dict`; `cc_number` is stored masked).
        fn update_default_payment_method(customer: &Bound<'_, PyAny>, changes: &Bound<'_, PyDict>) {
            let customer = view::<foxy_model::Customer>(customer)?;
            let changes = crate::resource::changes(changes)?;
        } => c.customers().update_default_payment_method(&customer, &changes);

        /// One page of the customer's addresses.
        #[pyo3(signature = (customer, **query))]
        fn addresses(customer: &Bound<'_, PyAny>; **query) {
            let customer = view::<foxy_model::Customer>(customer)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.customers().addresses(&customer, query);

        /// Adds an address to the customer; returns its href.
        fn add_address(customer: &Bound<'_, PyAny>, address: &Bound<'_, PyAny>) {
            let customer = view::<foxy_model::Customer>(customer)?;
            let address = view::<foxy_model::CustomerAddress>(address)?;
        } => c.customers().add_address(&customer, &address);
    }
    sync {
        /// Every customer, page by page (an iterator).
        #[pyo3(signature = (**query))]
        fn all(&self, py: Python<'_>, query: Option<&Bound<'_, PyDict>>) -> PyResult<Pages> {
            let query = crate::query::from_kwargs(py, query)?;
            Ok(Pages::new(self.client.customers().all(query)))
        }
    }
    async {
        /// Every customer, page by page (an async iterator).
        #[pyo3(signature = (**query))]
        fn all(&self, py: Python<'_>, query: Option<&Bound<'_, PyDict>>) -> PyResult<AsyncPages> {
            let query = crate::query::from_kwargs(py, query)?;
            Ok(AsyncPages::new(self.client.customers().all(query)))
        }
    }
}
