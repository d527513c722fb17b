//! The blocking client: drives the shared flows over a [`Transport`].
//!
//! ```no_run
//! use foxy::{Client, Query};
//! # fn demo() -> Result<(), foxy::Error> {
//! let client = Client::builder()
//!     .base_url("http://127.0.0.1:8080/")
//!     .refresh_token("client_id", "client_secret", "refresh_token")
//!     .build()?;
//! for cart in client.carts().all(Query::new()) {
//!     println!("{:?}", cart?.total_order);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use foxy_proto::query::Query;
use foxy_proto::request::Body;
use foxy_proto::{Map, Rel, Resource};

use crate::builder::ClientBuilder;
use crate::drive;
use crate::error::Error;
use crate::flow::Flow;
use crate::inner::Inner;
use crate::navigate::{self, Follow, Target};
use crate::ops::{Carts, Customers, Transactions};
use crate::transport::Transport;

/// The blocking client. Cheap to clone (an `Arc` inside), `Send + Sync`:
/// clones share tokens, caches and the connection pool across threads.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    transport: Arc<dyn Transport>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl Client {
    /// A builder (see [`ClientBuilder`]).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    pub(crate) fn from_parts(inner: Arc<Inner>, transport: Arc<dyn Transport>) -> Client {
        Client { inner, transport }
    }

    pub(crate) fn inner(&self) -> &Arc<Inner> {
        &self.inner
    }

    /// The driver: poll the flow, send and sleep as told.
    pub(crate) fn run<T>(&self, flow: Flow<T>) -> Result<T, Error> {
        drive::blocking(&*self.transport, flow, || self.inner.now())
    }

    /// The API home document.
    pub fn home(&self) -> Result<Resource, Error> {
        self.run(navigate::home(&self.inner))
    }

    /// Follows a relation from the API home (`client.follow("fx:store")`).
    pub fn follow(&self, rel: impl Into<Rel>) -> Follow<'_, Client> {
        Follow::new(self, Target::home().rel(rel))
    }

    /// A request target: an href or link, to send to or follow from.
    pub fn at(&self, target: impl Into<Target>) -> Follow<'_, Client> {
        Follow::new(self, target.into())
    }

    /// GET an href or link with a query.
    pub fn get(&self, target: impl Into<Target>, query: Query) -> Result<Resource, Error> {
        self.at(target).get(query)
    }

    /// POST a body to an href or link.
    pub fn post(&self, target: impl Into<Target>, body: Body) -> Result<Resource, Error> {
        self.at(target).post(body)
    }

    /// PUT a whole document to an href or link.
    pub fn put(&self, target: impl Into<Target>, document: &Resource) -> Result<Resource, Error> {
        self.at(target).put(document)
    }

    /// PATCH properties of the resource at an href or link.
    pub fn patch(&self, target: impl Into<Target>, changes: &Map) -> Result<Resource, Error> {
        self.at(target).patch(changes)
    }

    /// DELETE the resource at an href or link.
    pub fn delete(&self, target: impl Into<Target>) -> Result<Resource, Error> {
        self.at(target).delete()
    }

    /// HEAD an href or link.
    pub fn head(&self, target: impl Into<Target>, query: Query) -> Result<Resource, Error> {
        self.at(target).head(query)
    }

    /// OPTIONS on an href or link.
    pub fn options(&self, target: impl Into<Target>) -> Result<Resource, Error> {
        self.at(target).options()
    }

    /// Every member of the collection at `target` (an href, a link or a
    /// relation path), page by page with one page in memory.
    pub fn all<T: foxy_model::Member + Send + 'static>(
        &self,
        target: impl Into<Target>,
        query: Query,
    ) -> crate::paging::Pages<T> {
        crate::paging::Pages::new(self.clone(), target.into(), query)
    }

    /// The store's carts.
    pub fn carts(&self) -> Carts<'_, Client> {
        Carts::new(self)
    }

    /// The store's customers.
    pub fn customers(&self) -> Customers<'_, Client> {
        Customers::new(self)
    }

    /// The store's transactions.
    pub fn transactions(&self) -> Transactions<'_, Client> {
        Transactions::new(self)
    }
}
