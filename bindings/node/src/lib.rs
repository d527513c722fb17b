//! Node.js binding of foxy-rs (napi-rs v3): the async client with Promises,
//! typed resources, the query language, the pure helpers (cart signing,
//! webhooks, single sign-on, datafeeds, codecs) and the embedded sandbox.
//!
//! The binding is thin: every decision is the Rust crates'; these modules
//! only convert values (one file per core module) and map errors in one
//! place (`errors`). Nothing here panics across the boundary: synchronous
//! calls and futures run under `catch_unwind`.

// napi-derive registers the exports only outside `cfg(test)`, so a test
// build (`cargo clippy --all-targets`) sees them all as unused.
#![cfg_attr(test, allow(dead_code))]

mod carts;
mod client;
mod codec;
mod customers;
mod datafeed;
mod described;
mod errors;
mod handles;
mod number;
mod paging;
mod query;
mod resource;
mod sandbox;
mod signing;
mod sso;
mod testing;
mod transactions;
mod walk;
mod webhook;
