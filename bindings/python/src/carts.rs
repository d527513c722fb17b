//! `client.carts`: the typed cart operations of `foxy::ops::carts` (list,
//! read, create, update, delete, charge, browser sessions, and a cart's
//! items, item options, attributes and custom fields), blocking and async.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::client::operations;
use crate::paging::{AsyncPages, Pages};
use crate::resources::view;

/// The store's carts (blocking): `client.carts`.
#[pyclass(module = "foxy", frozen)]
pub struct Carts {
    client: foxy::Client,
}

impl Carts {
    pub(crate) fn new(client: foxy::Client) -> Carts {
        Carts { client }
    }
}

/// The store's carts (asyncio): `client.carts` of an `AsyncClient`.
#[pyclass(module = "foxy", frozen)]
pub struct AsyncCarts {
    client: foxy::AsyncClient,
}

impl AsyncCarts {
    pub(crate) fn new(client: foxy::AsyncClient) -> AsyncCarts {
        AsyncCarts { client }
    }
}

operations! {
    Carts / AsyncCarts [py, this, c] {
        /// One page of the store's carts, filtered, ordered and zoomed by the query.
        #[pyo3(signature = (**query))]
        fn list(; **query) {
            let query = crate::query::from_kwargs(py, query)?;
        } => c.carts().list(query);

        /// The cart at an href (or `Link`), zoomed by the query (`zoom="items"`).
        #[pyo3(signature = (href, **query))]
        fn get(href: &Bound<'_, PyAny>; **query) {
            let href = crate::client::href(href)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.carts().get(&href, query);

        /// Creates a cart (with the items it embeds); returns its href.
        fn create(cart: &Bound<'_, PyAny>) {
            let cart = view::<foxy_model::Cart>(cart)?;
        } => c.carts().create(&cart);

        /// Creates a cart, then reads it back with the query.
        #[pyo3(signature = (cart, **query))]
        fn create_and_get(cart: &Bound<'_, PyAny>; **query) {
            let cart = view::<foxy_model::Cart>(cart)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.carts().create_and_get(&cart, query);

        /// Changes some properties (a `dict`) of the cart at an href.
        fn patch(href: &Bound<'_, PyAny>, changes: &Bound<'_, PyDict>) {
            let href = crate::client::href(href)?;
            let changes = crate::resource::changes(changes)?;
        } => c.carts().patch(&href, &changes);

        /// Replaces the cart (at its `href`) with this one, items, options,
        /// attributes and custom fields included.
        fn put(cart: &Bound<'_, PyAny>) {
            let cart = view::<foxy_model::Cart>(cart)?;
        } => c.carts().put(&cart);

        /// Deletes the cart at an href.
        fn delete(href: &Bound<'_, PyAny>) {
            let href = crate::client::href(href)?;
        } => c.carts().delete(&href);

        /// Charges the cart to the customer's default payment method and
        /// returns the transaction. Never repeated once it may have reached
        /// the server: on `AmbiguousChargeError`, or `TransportError` /
        /// `RequestTimeout` with `may_have_been_sent`, check the
        /// `transaction` (or list the transactions) before trying again.
        fn charge(cart: &Bound<'_, PyAny>, customer: &Bound<'_, PyAny>) {
            let cart = view::<foxy_model::Cart>(cart)?;
            let customer = view::<foxy_model::Customer>(customer)?;
        } => c.carts().charge(&cart, &customer);

        /// Creates a browser session for the cart (`session_id`, `cart_link`).
        fn create_session(cart: &Bound<'_, PyAny>) {
            let cart = view::<foxy_model::Cart>(cart)?;
        } => c.carts().create_session(&cart);

        /// One page of the cart's items.
        #[pyo3(signature = (cart, **query))]
        fn items(cart: &Bound<'_, PyAny>; **query) {
            let cart = view::<foxy_model::Cart>(cart)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.carts().items(&cart, query);

        /// Adds an item (with its options and attributes) to the cart; returns its href.
        fn add_item(cart: &Bound<'_, PyAny>, item: &Bound<'_, PyAny>) {
            let cart = view::<foxy_model::Cart>(cart)?;
            let item = view::<foxy_model::Item>(item)?;
        } => c.carts().add_item(&cart, &item);

        /// One page of an item's options.
        #[pyo3(signature = (item, **query))]
        fn item_options(item: &Bound<'_, PyAny>; **query) {
            let item = view::<foxy_model::Item>(item)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.carts().item_options(&item, query);

        /// Adds an option to an item; returns its href.
        fn add_item_option(item: &Bound<'_, PyAny>, option: &Bound<'_, PyAny>) {
            let item = view::<foxy_model::Item>(item)?;
            let option = view::<foxy_model::ItemOption>(option)?;
        } => c.carts().add_item_option(&item, &option);

        /// One page of the cart's attributes.
        #[pyo3(signature = (cart, **query))]
        fn attributes(cart: &Bound<'_, PyAny>; **query) {
            let cart = view::<foxy_model::Cart>(cart)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.carts().attributes(&cart, query);

        /// Adds an attribute to the cart; returns its href.
        fn add_attribute(cart: &Bound<'_, PyAny>, attribute: &Bound<'_, PyAny>) {
            let cart = view::<foxy_model::Cart>(cart)?;
            let attribute = view::<foxy_model::Attribute>(attribute)?;
        } => c.carts().add_attribute(&cart, &attribute);

        /// One page of the cart's custom fields.
        #[pyo3(signature = (cart, **query))]
        fn custom_fields(cart: &Bound<'_, PyAny>; **query) {
            let cart = view::<foxy_model::Cart>(cart)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.carts().custom_fields(&cart, query);

        /// Adds a custom field to the cart; returns its href.
        fn add_custom_field(cart: &Bound<'_, PyAny>, field: &Bound<'_, PyAny>) {
            let cart = view::<foxy_model::Cart>(cart)?;
            let field = view::<foxy_model::CustomField>(field)?;
        } => c.carts().add_custom_field(&cart, &field);
    }
    sync {
        /// Every cart, page by page (an iterator; one page in memory).
        #[pyo3(signature = (**query))]
        fn all(&self, py: Python<'_>, query: Option<&Bound<'_, PyDict>>) -> PyResult<Pages> {
            let query = crate::query::from_kwargs(py, query)?;
            Ok(Pages::new(self.client.carts().all(query)))
        }
    }
    async {
        /// Every cart, page by page (an async iterator; one page in memory).
        #[pyo3(signature = (**query))]
        fn all(&self, py: Python<'_>, query: Option<&Bound<'_, PyDict>>) -> PyResult<AsyncPages> {
            let query = crate::query::from_kwargs(py, query)?;
            Ok(AsyncPages::new(self.client.carts().all(query)))
        }
    }
}
