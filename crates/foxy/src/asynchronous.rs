//! The async client: drives the shared flows over an [`AsyncTransport`], sleeping with tokio.
//!
//! ```no_run
//! use foxy::{AsyncClient, Query};
//! use futures::StreamExt as _;
//! # async fn demo() -> Result<(), foxy::Error> {
//! let client = AsyncClient::builder()
//!     .base_url("http://127.0.0.1:8080/")
//!     .refresh_token("client_id", "client_secret", "refresh_token")
//!     .build_async()?;
//! let mut carts = client.carts().all(Query::new());
//! while let Some(cart) = carts.next().await {
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
use crate::transport::AsyncTransport;

/// The async client. Cheap to clone (an `Arc` inside), `Send + Sync`:
/// clones share tokens, caches and the connection pool across tasks.
#[derive(Clone)]
pub struct AsyncClient {
    inner: Arc<Inner>,
    transport: Arc<dyn AsyncTransport>,
}

impl std::fmt::Debug for AsyncClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl AsyncClient {
    /// A builder (see [`ClientBuilder`]).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    pub(crate) fn from_parts(inner: Arc<Inner>, transport: Arc<dyn AsyncTransport>) -> AsyncClient {
        AsyncClient { inner, transport }
    }

    pub(crate) fn inner(&self) -> &Arc<Inner> {
        &self.inner
    }

    /// The driver: poll the flow, send and sleep as told.
    pub(crate) async fn run<T>(&self, flow: Flow<T>) -> Result<T, Error> {
        drive::asynchronous(&*self.transport, flow, || self.inner.now()).await
    }

    /// The API home document.
    pub async fn home(&self) -> Result<Resource, Error> {
        self.run(navigate::home(&self.inner)).await
    }

    /// Follows a relation from the API home (`client.follow("fx:store")`).
    pub fn follow(&self, rel: impl Into<Rel>) -> Follow<'_, AsyncClient> {
        Follow::new(self, Target::home().rel(rel))
    }

    /// A request target: an href or link, to send to or follow from.
    pub fn at(&self, target: impl Into<Target>) -> Follow<'_, AsyncClient> {
        Follow::new(self, target.into())
    }

    /// GET an href or link with a query.
    pub async fn get(&self, target: impl Into<Target>, query: Query) -> Result<Resource, Error> {
        self.at(target).get(query).await
    }

    /// POST a body to an href or link.
    pub async fn post(&self, target: impl Into<Target>, body: Body) -> Result<Resource, Error> {
        self.at(target).post(body).await
    }

    /// PUT a whole document to an href or link.
    pub async fn put(
        &self,
        target: impl Into<Target>,
        document: &Resource,
    ) -> Result<Resource, Error> {
        self.at(target).put(document).await
    }

    /// PATCH properties of the resource at an href or link.
    pub async fn patch(&self, target: impl Into<Target>, changes: &Map) -> Result<Resource, Error> {
        self.at(target).patch(changes).await
    }

    /// DELETE the resource at an href or link.
    pub async fn delete(&self, target: impl Into<Target>) -> Result<Resource, Error> {
        self.at(target).delete().await
    }

    /// HEAD an href or link.
    pub async fn head(&self, target: impl Into<Target>, query: Query) -> Result<Resource, Error> {
        self.at(target).head(query).await
    }

    /// OPTIONS on an href or link.
    pub async fn options(&self, target: impl Into<Target>) -> Result<Resource, Error> {
        self.at(target).options().await
    }

    /// Every member of the collection at `target` (an href, a link or a
    /// relation path), page by page with one page in memory.
    pub fn all<T: foxy_model::Member + Send + 'static>(
        &self,
        target: impl Into<Target>,
        query: Query,
    ) -> crate::paging::MemberStream<T> {
        crate::paging::stream(self.clone(), target.into(), query)
    }

    /// The store's carts.
    pub fn carts(&self) -> Carts<'_, AsyncClient> {
        Carts::new(self)
    }

    /// The store's customers.
    pub fn customers(&self) -> Customers<'_, AsyncClient> {
        Customers::new(self)
    }

    /// The store's transactions.
    pub fn transactions(&self) -> Transactions<'_, AsyncClient> {
        Transactions::new(self)
    }
}
