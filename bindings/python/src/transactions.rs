//! `client.transactions`: the typed transaction operations of
//! `foxy::ops::transactions` (list, read, items), blocking and async.
//! Transactions are created by charging a cart (`client.carts.charge`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::client::operations;
use crate::paging::{AsyncPages, Pages};
use crate::resources::view;

/// The store's transactions (blocking): `client.transactions`.
#[pyclass(module = "foxy", frozen)]
pub struct Transactions {
    client: foxy::Client,
}

impl Transactions {
    pub(crate) fn new(client: foxy::Client) -> Transactions {
        Transactions { client }
    }
}

/// The store's transactions (asyncio).
#[pyclass(module = "foxy", frozen)]
pub struct AsyncTransactions {
    client: foxy::AsyncClient,
}

impl AsyncTransactions {
    pub(crate) fn new(client: foxy::AsyncClient) -> AsyncTransactions {
        AsyncTransactions { client }
    }
}

operations! {
    Transactions / AsyncTransactions [py, this, c] {
        /// One page of the store's transactions, filtered, ordered and zoomed by the query.
        #[pyo3(signature = (**query))]
        fn list(; **query) {
            let query = crate::query::from_kwargs(py, query)?;
        } => c.transactions().list(query);

        /// The transaction at an href, zoomed by the query.
        #[pyo3(signature = (href, **query))]
        fn get(href: &Bound<'_, PyAny>; **query) {
            let href = crate::client::href(href)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.transactions().get(&href, query);

        /// The transaction at an href with its items embedded.
        fn get_with_items(href: &Bound<'_, PyAny>) {
            let href = crate::client::href(href)?;
        } => c.transactions().get_with_items(&href);

        /// One page of the transaction's items.
        #[pyo3(signature = (transaction, **query))]
        fn items(transaction: &Bound<'_, PyAny>; **query) {
            let transaction = view::<foxy_model::Transaction>(transaction)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.transactions().items(&transaction, query);
    }
    sync {
        /// Every transaction, page by page (an iterator).
        #[pyo3(signature = (**query))]
        fn all(&self, py: Python<'_>, query: Option<&Bound<'_, PyDict>>) -> PyResult<Pages> {
            let query = crate::query::from_kwargs(py, query)?;
            Ok(Pages::new(self.client.transactions().all(query)))
        }
    }
    async {
        /// Every transaction, page by page (an async iterator).
        #[pyo3(signature = (**query))]
        fn all(&self, py: Python<'_>, query: Option<&Bound<'_, PyDict>>) -> PyResult<AsyncPages> {
            let query = crate::query::from_kwargs(py, query)?;
            Ok(AsyncPages::new(self.client.transactions().all(query)))
        }
    }
}
