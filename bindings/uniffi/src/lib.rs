//! Swift, Kotlin and Python bindings of the Foxy.io SDK, through uniffi
//! (proc-macro style; the foreign sources are generated from this library).
//!
//! The binding is thin: every decision is the Rust crates'. One module per
//! core concept converts values across the boundary:
//!
//! - [`client`]: [`FoxyClient`], the async client (`async` in Swift,
//!   `suspend` in Kotlin): typed navigation from `store()`, navigation by
//!   relation, raw requests, charge, create_session and add_item;
//!   [`Credentials`] and [`ClientConfig`];
//! - [`generated`]: one class per described relation (a handle on the core
//!   resource with typed getters and setters), its page record and pager,
//!   and its navigation path (`StorePath`, `CouponsPath`), written by
//!   `cargo xtask codegen`; [`typed`] and [`paths`] hold what they share;
//! - [`document`]: untyped documents (HAL+JSON text);
//! - [`meta`]: [`ResponseMeta`], what the server said besides the body
//!   (`meta()` of a typed handle, `meta` of a page);
//! - [`query`]: the query language as a record;
//! - [`transport`]: [`HttpTransport`], a transport the app implements
//!   (URLSession, OkHttp), adapted to `foxy::AsyncTransport`;
//! - [`helpers`]: cart signing, webhooks, single sign-on, codecs;
//! - [`errors`]: the one error enum, [`FoxyError`], mapped from `foxy::ErrorKind` by one table.
//!
//! Generate the sources with `cargo xtask bindings [swift|kotlin|python]`.

uniffi::setup_scaffolding!("foxy");

pub mod client;
pub mod document;
pub mod errors;
pub mod generated;
pub mod helpers;
pub mod meta;
pub mod paths;
pub mod query;
pub mod transport;
pub mod typed;

pub use client::{ClientConfig, Credentials, FoxyClient};
pub use errors::FoxyError;
pub use meta::ResponseMeta;
pub use transport::HttpTransport;
