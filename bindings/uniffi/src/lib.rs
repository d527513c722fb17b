//! Swift, Kotlin and Python bindings of the Foxy.io SDK, through uniffi
//! (proc-macro style; the foreign sources are generated from this library).
//!
//! The binding is thin: every decision is the Rust crates'. One module per
//! core concept converts values across the boundary:
//!
//! - [`client`]: [`FoxyClient`], the async client (`async` in Swift,
//!   `suspend` in Kotlin) with navigation by relation and typed operations
//!   on carts, items, options, attributes, custom fields, customers and
//!   transactions, charge and create_session; [`Credentials`] and
//!   [`ClientConfig`];
//! - [`records`]: the typed resources as records (money as exact decimal
//!   strings), pages and raw documents;
//! - [`query`]: the query language as a record;
//! - [`transport`]: [`HttpTransport`], a transport the app implements
//!   (URLSession, OkHttp), adapted to `foxy::AsyncTransport`;
//! - [`helpers`]: cart signing, webhooks, single sign-on, codecs;
//! - [`errors`]: the one error enum, [`FoxyError`], mapped by hand.
//!
//! Generate the sources with `cargo xtask bindings [swift|kotlin|python]`.

uniffi::setup_scaffolding!("foxy");

pub mod client;
pub mod errors;
pub mod helpers;
pub mod query;
pub mod records;
pub mod transport;

pub use client::{ClientConfig, Credentials, FoxyClient};
pub use errors::FoxyError;
pub use transport::HttpTransport;
