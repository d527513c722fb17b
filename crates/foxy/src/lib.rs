//! Blocking and async clients for the Foxy.io hypermedia API.
//!
//! Every decision (authentication, retries, pagination, errors) is made by
//! [`foxy_proto`]; this crate builds each operation once as a [`Flow`] (a
//! state machine of authorized calls) and drives it with a ten-line loop:
//! [`Client`] blocks on a [`Transport`] (ureq by default), [`AsyncClient`]
//! awaits an [`AsyncTransport`] (reqwest by default) and sleeps with tokio.
//! Both are cheap to clone, `Send + Sync`, and share tokens (with a
//! single-flight refresh), the cache of resolved links and the connection
//! pool between clones.
//!
//! - [`ClientBuilder`]: base URL, credentials, token store, media type,
//!   retry policy, timeouts, user agent, transport and [`TransportPolicy`].
//! - Navigation: [`Client::home`], [`Client::follow`] chains and generic
//!   `get`/`post`/`put`/`patch`/`delete`/`head`/`options` on any href or link.
//! - Typed navigation of every described relation ([`Nav`], generated from
//!   the description): `client.store().coupons().list(query)`.
//! - Typed operations over [`foxy_model`]: [`Client::carts`],
//!   [`Client::customers`], [`Client::transactions`], with `all` walking
//!   every member page by page.
//! - One [`Error`] enum, without secrets.
//!
//! A client whose transport is a closure needs no network, which makes
//! examples and tests self-contained:
//!
//! ```
//! use foxy::{Client, Query};
//! let transport = |request: http::Request<Vec<u8>>| {
//!     let body = match request.uri().path() {
//!         "/" => r#"{"_links":{"fx:store":{"href":"https://api.test/stores/8"}}}"#,
//!         _ => r#"{"_links":{"self":{"href":"https://api.test/stores/8"}},"store_name":"Demo"}"#,
//!     };
//!     Ok(http::Response::new(body.as_bytes().to_vec()))
//! };
//! let client = Client::builder()
//!     .base_url("https://api.test/")
//!     .access_token("token")
//!     .transport(transport)
//!     .build()?;
//! let store = client.follow("fx:store").get(Query::new())?;
//! assert_eq!(store.property("store_name").and_then(|v| v.as_str()), Some("Demo"));
//! # Ok::<(), foxy::Error>(())
//! ```

#[cfg(feature = "async")]
mod asynchronous;
#[cfg(feature = "blocking")]
mod blocking;
pub mod builder;
pub mod cart_link;
mod clock;
mod drive;
pub mod error;
mod facade;
pub mod flow;
pub mod legacy;
pub mod navigate;
pub mod ops;
pub mod paging;
pub mod token_file;
mod trace;
pub mod transport;
pub mod typed_nav;
#[cfg(feature = "axum")]
pub mod webhook_axum;

#[cfg(feature = "async")]
pub use asynchronous::AsyncClient;
#[cfg(feature = "blocking")]
pub use blocking::Client;
pub use builder::{Async, Blocking, ClientBuilder, Credentials};
pub use error::{Error, ErrorKind};
pub use flow::Flow;
pub use navigate::{Follow, Target};
pub use ops::{Carts, Customers, Transactions};
#[cfg(feature = "async")]
pub use paging::MemberStream;
#[cfg(feature = "blocking")]
pub use paging::Pages;
pub use token_file::FileTokenStore;
#[cfg(feature = "async")]
pub use transport::ReqwestTransport;
#[cfg(feature = "blocking")]
pub use transport::UreqTransport;
pub use transport::{AsyncTransport, PolicyError, Timeouts, Transport, TransportPolicy};
pub use typed_nav::{Driver, Nav};

pub use foxy_model as model;
pub use foxy_proto as proto;
pub use foxy_proto::auth::{ClientCredentials, Scope, Secret, TokenStore, Tokens};
pub use foxy_proto::cache::{Cache, CacheMode, CacheStore, MemoryCache};
pub use foxy_proto::meta::{CacheStatus, ResponseMeta};
pub use foxy_proto::query::{Filter, Query, Zoom};
pub use foxy_proto::request::Body;
pub use foxy_proto::retry::RetryPolicy;
pub use foxy_proto::{Link, Map, MediaType, Rel, Resource, Value};

/// The Rust snippets of the repository README compile (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

/// The Rust snippets of docs/CLIENT.md compile (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../../../docs/CLIENT.md")]
struct ClientDocDoctests;

/// The Rust snippet of docs/SANDBOX.md runs (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../../../docs/SANDBOX.md")]
struct SandboxDocDoctests;
