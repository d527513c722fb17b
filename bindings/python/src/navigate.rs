//! Hypermedia navigation: `Follow` and `AsyncFollow`, a relation path
//! (`client.follow("fx:store", "fx:carts")`) or an href, wrapping the Rust
//! clients' `follow`/`at`. Paths are resolved lazily and cached by the
//! Rust client.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use foxy::Target;

use crate::client::{operations, rels_from};
use crate::paging::{AsyncPages, Pages};
use crate::resources::RawMember;

/// A relation path or href on the blocking client: `follow()` goes further,
/// the request methods send.
#[pyclass(module = "foxy", frozen)]
pub struct Follow {
    client: foxy::Client,
    target: Target,
}

impl Follow {
    pub(crate) fn new(client: foxy::Client, target: Target) -> Follow {
        Follow { client, target }
    }
}

/// A relation path or href on the async client: the request methods return awaitables.
#[pyclass(module = "foxy", frozen)]
pub struct AsyncFollow {
    client: foxy::AsyncClient,
    target: Target,
}

impl AsyncFollow {
    pub(crate) fn new(client: foxy::AsyncClient, target: Target) -> AsyncFollow {
        AsyncFollow { client, target }
    }
}

operations! {
    Follow / AsyncFollow [py, this, c] {
        /// The href the path resolves to (reads the resources on the way unless cached).
        fn href() { let target = this.target.clone(); } => c.at(target).href();

        /// GET with a query.
        #[pyo3(signature = (**query))]
        fn get(; **query) {
            let target = this.target.clone();
            let query = crate::query::from_kwargs(py, query)?;
        } => c.at(target).get(query);

        /// HEAD with a query.
        #[pyo3(signature = (**query))]
        fn head(; **query) {
            let target = this.target.clone();
            let query = crate::query::from_kwargs(py, query)?;
        } => c.at(target).head(query);

        /// OPTIONS.
        fn options() { let target = this.target.clone(); } => c.at(target).options();

        /// POST a body (a `dict`, sent as JSON, or a `Resource`).
        fn post(body: &Bound<'_, PyAny>) {
            let target = this.target.clone();
            let body = crate::resource::body(body)?;
        } => c.at(target).post(body);

        /// PUT a whole document (a `Resource` or a typed resource).
        fn put(document: &Bound<'_, PyAny>) {
            let target = this.target.clone();
            let document = crate::client::document(document)?;
        } => c.at(target).put(&document);

        /// PATCH some properties (a `dict`).
        fn patch(changes: &Bound<'_, PyDict>) {
            let target = this.target.clone();
            let changes = crate::resource::changes(changes)?;
        } => c.at(target).patch(&changes);

        /// DELETE.
        fn delete() { let target = this.target.clone(); } => c.at(target).delete();
    }
    sync {
        /// Every member of the collection at this path, page by page (an
        /// iterator; the next page is fetched while one is read, at most two
        /// held), each a `Resource`, or an object of `member_class`.
        #[pyo3(signature = (member_class=None, /, **query))]
        fn all(
            &self,
            py: Python<'_>,
            member_class: Option<Py<PyAny>>,
            query: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Pages> {
            let query = crate::query::from_kwargs(py, query)?;
            let pages = self.client.all::<RawMember>(self.target.clone(), query);
            Ok(Pages::typed(pages, member_class))
        }

        /// The same path, then more relations.
        #[pyo3(signature = (*rels))]
        fn follow(&self, rels: Vec<String>) -> Follow {
            Follow::new(self.client.clone(), rels_from(self.target.clone(), rels))
        }

        /// The relations followed so far.
        #[getter]
        fn rels(&self) -> Vec<String> {
            self.target.rels().iter().map(|r| r.compact().into_owned()).collect()
        }

        fn __repr__(&self) -> String {
            format!("Follow({})", self.rels().join(" → "))
        }
    }
    async {
        /// Every member of the collection at this path, page by page (an
        /// async iterator; the next page is fetched while one is read, at
        /// most two held), each a `Resource`, or an object of `member_class`.
        #[pyo3(signature = (member_class=None, /, **query))]
        fn all(
            &self,
            py: Python<'_>,
            member_class: Option<Py<PyAny>>,
            query: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<AsyncPages> {
            let query = crate::query::from_kwargs(py, query)?;
            let stream = self.client.all::<RawMember>(self.target.clone(), query);
            Ok(AsyncPages::typed(stream, member_class))
        }

        /// The same path, then more relations.
        #[pyo3(signature = (*rels))]
        fn follow(&self, rels: Vec<String>) -> AsyncFollow {
            AsyncFollow::new(self.client.clone(), rels_from(self.target.clone(), rels))
        }

        /// The relations followed so far.
        #[getter]
        fn rels(&self) -> Vec<String> {
            self.target.rels().iter().map(|r| r.compact().into_owned()).collect()
        }

        fn __repr__(&self) -> String {
            format!("AsyncFollow({})", self.rels().join(" → "))
        }
    }
}
