//! The blocking client: drives the shared flows over a [`Transport`].
//!
//! Its request methods (`home`, `get`, `post`...) and handles (`follow`,
//! `carts`...) are written once for both clients in [`crate::facade`].
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

use foxy_proto::query::Query;

use crate::builder::{Blocking, ClientBuilder};
use crate::drive;
use crate::error::Error;
use crate::flow::Flow;
use crate::navigate::Target;

crate::facade::client_type! {
    /// The blocking client. Cheap to clone (an `Arc` inside), `Send + Sync`:
    /// clones share tokens, caches and the connection pool across threads.
    Client, crate::transport::Transport
}

impl Client {
    /// A builder of a blocking client (see [`ClientBuilder`]).
    pub fn builder() -> ClientBuilder<Blocking> {
        ClientBuilder::new()
    }

    /// The driver: poll the flow, send and sleep as told.
    pub(crate) fn run<T>(&self, flow: Flow<T>) -> Result<T, Error> {
        drive::blocking(&*self.transport, flow, || self.clock.now())
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
}
