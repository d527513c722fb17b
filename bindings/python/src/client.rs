//! `foxy.Client` (blocking) and `foxy.AsyncClient` (asyncio), wrapping
//! `foxy::Client` and `foxy::AsyncClient`.
//!
//! Both take the same constructor arguments and have the same methods:
//! the blocking ones release the GIL while the Rust client works; the
//! async ones return awaitables run on the module's tokio runtime
//! (`runtime.rs`). `operations!` writes each method once for both.

use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use foxy::{ClientBuilder, MediaType, RetryPolicy, Target, Timeouts, TransportPolicy};

use crate::carts::{AsyncCarts, Carts};
use crate::customers::{AsyncCustomers, Customers};
use crate::errors::{client_error, invalid_input};
use crate::navigate::{AsyncFollow, Follow};
use crate::resource::Resource;
use crate::transactions::{AsyncTransactions, Transactions};

/// Writes methods on a blocking class and its async twin from one list.
///
/// Each entry is `fn name(args; **query) { preparation } => call;` (`**query`
/// optional: keyword arguments collected in a dict): the preparation
/// runs with the GIL (converting Python arguments to Rust values; `$py` is
/// the `Python` token, `$this` the object), the call runs without it
/// (blocking: inside `py.detach`; async: in a future on the tokio runtime,
/// awaited), with `$c` bound to a reference to the Rust client. Results and
/// errors are converted by `resources::Out`. `extra` blocks add methods
/// that differ between the two classes.
macro_rules! operations {
    (
        $Sync:ident / $Async:ident [$py:ident, $this:ident, $c:ident] {
            $(
                $(#[$attr:meta])*
                fn $name:ident($($arg:ident: $argty:ty),* $(; **$kw:ident)?) { $($prep:tt)* } => $call:expr;
            )*
        }
        sync { $($sync_extra:tt)* }
        async { $($async_extra:tt)* }
    ) => {
        #[pymethods]
        impl $Sync {
            $(
                $(#[$attr])*
                fn $name(
                    &self,
                    $py: Python<'_>,
                    $($arg: $argty,)*
                    $($kw: Option<&Bound<'_, pyo3::types::PyDict>>,)?
                ) -> PyResult<Py<PyAny>> {
                    let $this = self;
                    let _ = &$this;
                    $($prep)*
                    let client = $this.client.clone();
                    let result = $py.detach(move || {
                        let $c = &client;
                        $call
                    });
                    $crate::resources::Out(result).into_py_result($py)
                }
            )*
            $($sync_extra)*
        }

        #[pymethods]
        impl $Async {
            $(
                $(#[$attr])*
                fn $name<'py>(
                    &self,
                    $py: Python<'py>,
                    $($arg: $argty,)*
                    $($kw: Option<&Bound<'_, pyo3::types::PyDict>>,)?
                ) -> PyResult<Bound<'py, PyAny>> {
                    let $this = self;
                    let _ = &$this;
                    $($prep)*
                    let client = $this.client.clone();
                    $crate::runtime::future_into_py($py, async move {
                        let $c = &client;
                        Ok($crate::resources::Out($call.await))
                    })
                }
            )*
            $($async_extra)*
        }
    };
}

pub(crate) use operations;

/// Where a request goes: an href (`str`), or anything with an `href`
/// (a `Link`, a `Resource`, a typed resource).
pub(crate) fn target(obj: &Bound<'_, PyAny>) -> PyResult<Target> {
    Ok(Target::href(href(obj)?))
}

/// The href of a `str`, a `Link`, a `Resource` or a typed resource.
pub(crate) fn href(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(text.to_string());
    }
    let py = obj.py();
    let found = obj
        .getattr("href")
        .map_err(|_| invalid_input(py, "expected an href (str), a Link or a resource"))?;
    if found.is_none() {
        return Err(invalid_input(
            py,
            format!("{} has no self link", obj.repr()?),
        ));
    }
    found.extract()
}

/// A whole document for a PUT: a `Resource` or a typed resource.
pub(crate) fn document(obj: &Bound<'_, PyAny>) -> PyResult<foxy_proto::Resource> {
    if let Ok(resource) = obj.cast::<Resource>() {
        return Ok(resource.borrow().inner.clone());
    }
    let converted = obj.call_method0("to_resource").map_err(|_| {
        invalid_input(
            obj.py(),
            "expected a Resource or a typed resource (Cart, Item...)",
        )
    })?;
    let resource = converted.cast::<Resource>()?;
    Ok(resource.borrow().inner.clone())
}

/// Everything both constructors take.
struct Options {
    base_url: String,
    client_id: Option<String>,
    client_secret: Option<String>,
    refresh_token: Option<String>,
    access_token: Option<String>,
    media_type: String,
    timeout: Option<f64>,
    connect_timeout: Option<f64>,
    max_attempts: Option<u32>,
    user_agent_suffix: Option<String>,
    allow_insecure_http: bool,
    token_file: Option<std::path::PathBuf>,
    cassette: Option<crate::testing::Tape>,
}

/// A duration in seconds (`None`: the default).
fn seconds(py: Python<'_>, value: Option<f64>, default: Duration) -> PyResult<Duration> {
    match value {
        None => Ok(default),
        Some(s) => Duration::try_from_secs_f64(s)
            .map_err(|_| invalid_input(py, format!("{s} is not a number of seconds"))),
    }
}

impl Options {
    /// The Rust builder for these options; the Rust client decides what is valid.
    fn builder(self, py: Python<'_>) -> PyResult<ClientBuilder> {
        let media =
            MediaType::parse(&self.media_type).map_err(|e| invalid_input(py, e.to_string()))?;
        let defaults = Timeouts::default();
        let timeouts = Timeouts {
            connect: seconds(py, self.connect_timeout, defaults.connect)?,
            request: seconds(py, self.timeout, defaults.request)?,
        };
        let mut retry = RetryPolicy::default();
        if let Some(attempts) = self.max_attempts {
            retry.max_attempts = attempts;
        }
        let mut builder = ClientBuilder::new()
            .base_url(self.base_url)
            .media_type(media)
            .timeouts(timeouts)
            .retry_policy(retry)
            .transport_policy(TransportPolicy {
                allow_insecure_http: self.allow_insecure_http,
            });
        if let Some(suffix) = self.user_agent_suffix {
            builder = builder.user_agent_suffix(suffix);
        }
        if let Some(path) = self.token_file {
            builder = builder.token_store(std::sync::Arc::new(foxy::FileTokenStore::new(path)));
        }
        if let Some(tape) = &self.cassette {
            builder = tape.attach(builder, timeouts);
        }
        let client = self.client_id.zip(self.client_secret);
        builder = match (self.access_token, self.refresh_token, client) {
            (Some(token), _, _) => builder.access_token(token),
            (None, Some(refresh), Some((id, secret))) => builder.refresh_token(id, secret, refresh),
            (None, Some(_), None) => {
                return Err(invalid_input(
                    py,
                    "a refresh token needs client_id and client_secret",
                ));
            }
            (None, None, Some((id, secret))) => builder.client_credentials(id, secret, Vec::new()),
            (None, None, None) => builder,
        };
        Ok(builder)
    }
}

/// The blocking client. Every call releases the GIL while it waits, so
/// threads can share one client (clones share tokens and connections).
///
/// Credentials: `refresh_token` with `client_id` and `client_secret`
/// (Foxy's usual integration), `client_id` and `client_secret` alone (the
/// client credentials grant), or a ready `access_token`. With `token_file`,
/// tokens are kept in that file (mode 0600), shared safely with other
/// processes: those sharing a refresh token refresh it once between them.
#[pyclass(module = "foxy", frozen)]
pub struct Client {
    client: foxy::Client,
}

/// The asyncio client: the same methods as `Client`, returning awaitables.
#[pyclass(module = "foxy", frozen)]
pub struct AsyncClient {
    client: foxy::AsyncClient,
}

operations! {
    Client / AsyncClient [py, this, c] {
        /// The API home document.
        fn home() {} => c.home();

        /// GET an href (or a `Link`/resource) with a query.
        #[pyo3(signature = (target, **query))]
        fn get(target: &Bound<'_, PyAny>; **query) {
            let target = crate::client::target(target)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.get(target, query);

        /// HEAD an href with a query.
        #[pyo3(signature = (target, **query))]
        fn head(target: &Bound<'_, PyAny>; **query) {
            let target = crate::client::target(target)?;
            let query = crate::query::from_kwargs(py, query)?;
        } => c.head(target, query);

        /// OPTIONS on an href.
        fn options(target: &Bound<'_, PyAny>) {
            let target = crate::client::target(target)?;
        } => c.options(target);

        /// POST a body (a `dict`, sent as JSON, or a `Resource`); returns the
        /// answer (for a creation, a message whose `href` is the new resource).
        fn post(target: &Bound<'_, PyAny>, body: &Bound<'_, PyAny>) {
            let target = crate::client::target(target)?;
            let body = crate::resource::body(body)?;
        } => c.post(target, body);

        /// PUT a whole document (a `Resource` or a typed resource).
        fn put(target: &Bound<'_, PyAny>, document: &Bound<'_, PyAny>) {
            let target = crate::client::target(target)?;
            let document = crate::client::document(document)?;
        } => c.put(target, &document);

        /// PATCH some properties (a `dict`).
        fn patch(target: &Bound<'_, PyAny>, changes: &Bound<'_, PyDict>) {
            let target = crate::client::target(target)?;
            let changes = crate::resource::changes(changes)?;
        } => c.patch(target, &changes);

        /// DELETE the resource at an href.
        fn delete(target: &Bound<'_, PyAny>) {
            let target = crate::client::target(target)?;
        } => c.delete(target);
    }
    sync {
        /// A client for `base_url` (default: Foxy's production API).
        #[new]
        #[pyo3(signature = (
            base_url = "https://api.foxycart.com/".to_owned(), *, client_id = None,
            client_secret = None, refresh_token = None, access_token = None,
            media_type = "hal+json".to_owned(), timeout = None, connect_timeout = None,
            max_attempts = None, user_agent_suffix = None, allow_insecure_http = false,
            token_file = None, cassette = None
        ))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            base_url: String,
            client_id: Option<String>,
            client_secret: Option<String>,
            refresh_token: Option<String>,
            access_token: Option<String>,
            media_type: String,
            timeout: Option<f64>,
            connect_timeout: Option<f64>,
            max_attempts: Option<u32>,
            user_agent_suffix: Option<String>,
            allow_insecure_http: bool,
            token_file: Option<std::path::PathBuf>,
            cassette: Option<PyRef<'_, crate::testing::Cassette>>,
        ) -> PyResult<Client> {
            let options = Options {
                base_url, client_id, client_secret, refresh_token, access_token, media_type,
                timeout, connect_timeout, max_attempts, user_agent_suffix, allow_insecure_http,
                token_file, cassette: cassette.map(|c| c.tape.clone()),
            };
            let client = options.builder(py)?.build().map_err(|e| client_error(py, e))?;
            Ok(Client { client })
        }

        /// Follows relations from the API home: `client.follow("fx:store", "fx:carts").get()`.
        #[pyo3(signature = (*rels))]
        fn follow(&self, rels: Vec<String>) -> Follow {
            Follow::new(self.client.clone(), rels_from(Target::home(), rels))
        }

        /// A request target (an href, `Link` or resource) to send to or follow from.
        fn at(&self, target: &Bound<'_, PyAny>) -> PyResult<Follow> {
            Ok(Follow::new(self.client.clone(), crate::client::target(target)?))
        }

        /// Typed navigation from the store: `client.store().coupons.list(limit=5)`
        /// (`foxy.typed.StorePath`, generated from the description).
        fn store<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
            let py = slf.py();
            let path = slf.call_method1("follow", ("fx:store",))?;
            py.import("foxy.typed")?.getattr("StorePath")?.call1((slf, path))
        }

        /// The store's carts.
        #[getter]
        fn carts(&self) -> Carts {
            Carts::new(self.client.clone())
        }

        /// The store's customers.
        #[getter]
        fn customers(&self) -> Customers {
            Customers::new(self.client.clone())
        }

        /// The store's transactions.
        #[getter]
        fn transactions(&self) -> Transactions {
            Transactions::new(self.client.clone())
        }

        fn __repr__(&self) -> &'static str {
            "foxy.Client()"
        }
    }
    async {
        /// An asyncio client for `base_url` (default: Foxy's production API).
        #[new]
        #[pyo3(signature = (
            base_url = "https://api.foxycart.com/".to_owned(), *, client_id = None,
            client_secret = None, refresh_token = None, access_token = None,
            media_type = "hal+json".to_owned(), timeout = None, connect_timeout = None,
            max_attempts = None, user_agent_suffix = None, allow_insecure_http = false,
            token_file = None, cassette = None
        ))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            base_url: String,
            client_id: Option<String>,
            client_secret: Option<String>,
            refresh_token: Option<String>,
            access_token: Option<String>,
            media_type: String,
            timeout: Option<f64>,
            connect_timeout: Option<f64>,
            max_attempts: Option<u32>,
            user_agent_suffix: Option<String>,
            allow_insecure_http: bool,
            token_file: Option<std::path::PathBuf>,
            cassette: Option<PyRef<'_, crate::testing::Cassette>>,
        ) -> PyResult<AsyncClient> {
            let options = Options {
                base_url, client_id, client_secret, refresh_token, access_token, media_type,
                timeout, connect_timeout, max_attempts, user_agent_suffix, allow_insecure_http,
                token_file, cassette: cassette.map(|c| c.tape.clone()),
            };
            let builder = options.builder(py)?;
            // reqwest's client is built inside the runtime that will drive it.
            let handle = crate::runtime::handle(py)?;
            let _guard = handle.enter();
            let client = builder.build_async().map_err(|e| client_error(py, e))?;
            Ok(AsyncClient { client })
        }

        /// Follows relations from the API home: `await client.follow("fx:store", "fx:carts").get()`.
        #[pyo3(signature = (*rels))]
        fn follow(&self, rels: Vec<String>) -> AsyncFollow {
            AsyncFollow::new(self.client.clone(), rels_from(Target::home(), rels))
        }

        /// A request target (an href, `Link` or resource) to send to or follow from.
        fn at(&self, target: &Bound<'_, PyAny>) -> PyResult<AsyncFollow> {
            Ok(AsyncFollow::new(self.client.clone(), crate::client::target(target)?))
        }

        /// The store's carts.
        #[getter]
        fn carts(&self) -> AsyncCarts {
            AsyncCarts::new(self.client.clone())
        }

        /// The store's customers.
        #[getter]
        fn customers(&self) -> AsyncCustomers {
            AsyncCustomers::new(self.client.clone())
        }

        /// The store's transactions.
        #[getter]
        fn transactions(&self) -> AsyncTransactions {
            AsyncTransactions::new(self.client.clone())
        }

        /// Typed navigation from the store: `await client.store().coupons.list(limit=5)`
        /// (`foxy.typed.AsyncStorePath`, generated from the description).
        fn store<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
            let py = slf.py();
            let path = slf.call_method1("follow", ("fx:store",))?;
            py.import("foxy.typed")?.getattr("AsyncStorePath")?.call1((slf, path))
        }

        fn __repr__(&self) -> &'static str {
            "foxy.AsyncClient()"
        }
    }
}

/// `target` followed by each relation of `rels`.
pub(crate) fn rels_from(target: Target, rels: Vec<String>) -> Target {
    rels.into_iter().fold(target, |target, rel| target.rel(rel))
}

/// Adds the client classes to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Client>()?;
    module.add_class::<AsyncClient>()?;
    Ok(())
}
