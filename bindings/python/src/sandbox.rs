//! The local Foxy emulator (`foxy-sandbox`), embedded in the extension for
//! tests and demos: `foxy.sandbox.start()` serves the API on 127.0.0.1 from
//! a thread of its own until `stop()` (or the end of a `with` block).

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use foxy_sandbox::{BackgroundSandbox, Config, FaultSpec};

use crate::errors::{invalid_input, other};

/// A running sandbox and its seeded credentials. The repr shows no secret.
#[pyclass(module = "foxy", frozen)]
pub struct Sandbox {
    base_url: String,
    credentials: foxy_sandbox::Credentials,
    store_id: i64,
    running: Mutex<Option<BackgroundSandbox>>,
}

impl Sandbox {
    fn with_running<T>(&self, f: impl FnOnce(&BackgroundSandbox) -> T) -> PyResult<T> {
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        match running.as_ref() {
            Some(sandbox) => Ok(f(sandbox)),
            None => Err(pyo3::exceptions::PyRuntimeError::new_err(
                "the sandbox is stopped",
            )),
        }
    }
}

#[pymethods]
impl Sandbox {
    /// The API home URL (`http://127.0.0.1:PORT`).
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The seeded OAuth client id.
    #[getter]
    fn client_id(&self) -> &str {
        &self.credentials.client_id
    }

    /// The seeded OAuth client secret.
    #[getter]
    fn client_secret(&self) -> &str {
        &self.credentials.client_secret
    }

    /// The seeded refresh token.
    #[getter]
    fn refresh_token(&self) -> &str {
        &self.credentials.refresh_token
    }

    /// The store secret (cart signing, webhooks, datafeed, legacy API).
    #[getter]
    fn store_secret(&self) -> &str {
        &self.credentials.store_secret
    }

    /// The id of the seeded store.
    #[getter]
    fn store_id(&self) -> i64 {
        self.store_id
    }

    /// The request counters since start (or the last `reset_stats()`).
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.with_running(|sandbox| sandbox.stats())?;
        let dict = PyDict::new(py);
        dict.set_item("requests", s.requests)?;
        dict.set_item("token_requests", s.token_requests)?;
        dict.set_item("refresh_grants", s.refresh_grants)?;
        dict.set_item("client_credentials_grants", s.client_credentials_grants)?;
        dict.set_item("authorization_code_grants", s.authorization_code_grants)?;
        dict.set_item("charge_requests", s.charge_requests)?;
        dict.set_item("transactions_created", s.transactions_created)?;
        dict.set_item("faults_injected", s.faults_injected)?;
        Ok(dict)
    }

    /// Sets the counters back to zero.
    fn reset_stats(&self) -> PyResult<()> {
        self.with_running(|sandbox| sandbox.reset_stats())
    }

    /// Whether the server is running.
    #[getter]
    fn running(&self) -> bool {
        self.running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    /// Stops the server and waits for its thread (idempotent).
    fn stop(&self, py: Python<'_>) {
        let running = self
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(sandbox) = running {
            py.detach(move || sandbox.shutdown());
        }
    }

    fn __enter__(this: PyRef<'_, Self>) -> PyRef<'_, Self> {
        this
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.stop(py);
        false
    }

    fn __repr__(&self) -> String {
        format!(
            "Sandbox(base_url={:?}, running={})",
            self.base_url,
            if self.running() { "True" } else { "False" }
        )
    }
}

/// Starts a sandbox on a free port of 127.0.0.1 (or `addr`). `faults` is
/// the fault spec of docs/SANDBOX.md (`"429=0.1,latency=0.1:200ms"`),
/// `token_lifetime` the lifetime of access tokens in seconds.
#[pyfunction(name = "sandbox_start")]
#[pyo3(signature = (*, addr = "127.0.0.1:0", faults = None, seed = 0, token_lifetime = None, require_signed_carts = false))]
pub fn start(
    py: Python<'_>,
    addr: &str,
    faults: Option<&str>,
    seed: u64,
    token_lifetime: Option<f64>,
    require_signed_carts: bool,
) -> PyResult<Sandbox> {
    let mut config = Config::default().with_signed_carts(require_signed_carts);
    config.addr = addr
        .parse()
        .map_err(|_| invalid_input(py, format!("{addr:?} is not an address (127.0.0.1:0)")))?;
    config.seed = seed;
    if let Some(spec) = faults {
        let spec: FaultSpec = spec.parse().map_err(|e: String| invalid_input(py, e))?;
        config = config.with_faults(spec);
    }
    if let Some(seconds) = token_lifetime {
        let lifetime = Duration::try_from_secs_f64(seconds)
            .map_err(|_| invalid_input(py, format!("{seconds} is not a number of seconds")))?;
        config = config.with_token_lifetime(lifetime);
    }
    let sandbox = py
        .detach(move || foxy_sandbox::Sandbox::start_background(config))
        .map_err(|e| other(py, format!("cannot start the sandbox: {e}")))?;
    Ok(Sandbox {
        base_url: sandbox.base_url().to_owned(),
        credentials: sandbox.credentials().clone(),
        store_id: sandbox.store_id(),
        running: Mutex::new(Some(sandbox)),
    })
}

/// Adds the sandbox class and `sandbox_start` to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Sandbox>()?;
    module.add_function(wrap_pyfunction!(start, module)?)?;
    Ok(())
}
