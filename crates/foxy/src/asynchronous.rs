//! The async client: drives the shared flows over an [`AsyncTransport`], sleeping with tokio.
//!
//! Its request methods (`home`, `get`, `post`...) and handles (`follow`,
//! `carts`...) are written once for both clients in [`crate::facade`].
//!
//! ```no_run
//! use foxy::{AsyncClient, Query};
//! use futures::StreamExt as _;
//! # async fn demo() -> Result<(), foxy::Error> {
//! let client = AsyncClient::builder()
//!     .base_url("http://127.0.0.1:8080/")
//!     .refresh_token("client_id", "client_secret", "refresh_token")
//!     .build()?;
//! let mut carts = client.carts().all(Query::new());
//! while let Some(cart) = carts.next().await {
//!     println!("{:?}", cart?.total_order);
//! }
//! # Ok(()) }
//! ```

use foxy_proto::query::Query;

use crate::builder::{Async, ClientBuilder};
use crate::drive;
use crate::error::Error;
use crate::flow::Flow;
use crate::navigate::Target;

crate::facade::client_type! {
    /// The async client. Cheap to clone (an `Arc` inside), `Send + Sync`:
    /// clones share tokens, caches and the connection pool across tasks.
    AsyncClient, crate::transport::AsyncTransport
}

impl AsyncClient {
    /// A builder of an async client (see [`ClientBuilder`]): its `build`
    /// returns an [`AsyncClient`].
    ///
    /// ```compile_fail
    /// // Building from the async builder cannot give a blocking client.
    /// let client: foxy::Client = foxy::AsyncClient::builder().access_token("t").build()?;
    /// # Ok::<(), foxy::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder<Async> {
        ClientBuilder::new_async()
    }

    /// The driver: poll the flow, send and sleep as told.
    pub(crate) async fn run<T>(&self, flow: Flow<T>) -> Result<T, Error> {
        drive::asynchronous(&*self.transport, flow, || self.clock.now()).await
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
}
