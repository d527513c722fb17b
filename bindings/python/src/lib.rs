//! `foxy._foxy`: the native module of the `foxy` Python package.
//!
//! A thin layer over the Rust crates: every protocol decision is made by
//! `foxy-proto` and the `foxy` clients; this crate converts arguments and
//! results, releases the GIL around blocking calls, turns futures into
//! asyncio awaitables, and maps errors to Python exceptions in one place
//! (`errors.rs`). One file per wrapped module of the core:
//!
//! | file | wraps |
//! | --- | --- |
//! | `client.rs` | `foxy::Client`, `foxy::AsyncClient`, the builder |
//! | `navigate.rs` | `foxy::navigate` (`follow`, `at`) |
//! | `carts.rs`, `customers.rs`, `transactions.rs` | `foxy::ops::*` |
//! | `paging.rs` | `foxy::paging` (iterator, async iterator) |
//! | `query.rs` | `foxy_proto::query` (keyword arguments) |
//! | `resource.rs` | `foxy_proto::{Resource, Link}` |
//! | `resources.rs` | results as Python objects (`foxy_model` views as the generated classes) |
//! | `typed.rs` | `foxy_model::typed` (`TypedResource`, behind the generated `foxy.typed`) |
//! | `value.rs` | `foxy_proto::Value`, money, dates |
//! | `meta.rs` | `foxy::ResponseMeta` (the `.meta` of values read and of API errors) |
//! | `codec.rs`, `signing.rs`, `webhook.rs`, `sso.rs`, `datafeed.rs` | the pure helpers |
//! | `runtime.rs` | the tokio runtime of the async classes, shut down at exit |
//! | `sandbox.rs` | `foxy_sandbox` |
//! | `testing.rs` | `foxy::transport::{RecordingTransport, ReplayTransport}` (cassettes) |
//! | `errors.rs` | every error → exception |

mod carts;
mod client;
mod codec;
mod customers;
mod datafeed;
mod errors;
mod meta;
mod navigate;
mod paging;
mod query;
mod resource;
mod resources;
mod runtime;
mod sandbox;
mod signing;
mod sso;
mod testing;
mod transactions;
mod typed;
mod value;
mod webhook;

use pyo3::prelude::*;

/// The native part of the `foxy` package; import `foxy` instead.
#[pymodule]
fn _foxy(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(module)?;
    client::register(module)?;
    module.add_class::<navigate::Follow>()?;
    module.add_class::<navigate::AsyncFollow>()?;
    module.add_class::<carts::Carts>()?;
    module.add_class::<carts::AsyncCarts>()?;
    module.add_class::<customers::Customers>()?;
    module.add_class::<customers::AsyncCustomers>()?;
    module.add_class::<transactions::Transactions>()?;
    module.add_class::<transactions::AsyncTransactions>()?;
    module.add_class::<paging::Pages>()?;
    module.add_class::<paging::AsyncPages>()?;
    module.add_class::<resource::Link>()?;
    module.add_class::<resource::Resource>()?;
    module.add_class::<meta::ResponseMeta>()?;
    module.add_class::<typed::TypedResource>()?;
    codec::register(module)?;
    signing::register(module)?;
    webhook::register(module)?;
    sso::register(module)?;
    datafeed::register(module)?;
    sandbox::register(module)?;
    testing::register(module)?;
    runtime::register(module)?;
    Ok(())
}
