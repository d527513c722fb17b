//! The tokio runtime behind `foxy.AsyncClient`, the bridge between it and
//! asyncio, and how it ends.
//!
//! The bridge ([`future_into_py`]) makes one hop each way: the call creates
//! an asyncio future on the running loop and spawns the Rust future on a
//! tokio worker; when it completes, that worker takes the GIL, converts the
//! result and hands it to the loop with `call_soon_threadsafe`. (The generic
//! bridge of pyo3-async-runtimes went through a blocking-pool thread for
//! that last step: one more thread hand-off per call, most of the asyncio
//! overhead measured in docs/PERFORMANCE.md.) A panic in the Rust future
//! becomes a `FoxyError`; a cancelled asyncio future drops the result.
//!
//! The runtime is this module's, not a static that is never shut down: its
//! worker threads must not outlive the script, taking or releasing the GIL
//! while the interpreter finalizes (which aborts the process,
//! `PyGILState_Release ... finalizing`). An `atexit` hook, registered when
//! the module is imported and so run before finalization begins, shuts the
//! runtime down with the GIL released and a bounded wait: its threads are
//! joined while Python is still whole, and none exists afterwards. An async
//! call made after that fails with a `FoxyError` instead of waiting forever.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use futures::FutureExt as _;
use pyo3::IntoPyObjectExt as _;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use tokio::runtime::{Builder, Handle, Runtime};

use crate::errors::other;

/// How long the exit hook waits for the runtime's threads.
const SHUTDOWN_WAIT: Duration = Duration::from_secs(3);

/// The runtime's life: built on first use, stopped once at exit.
enum State {
    Unstarted,
    Running(Runtime),
    Stopped,
}

static STATE: Mutex<State> = Mutex::new(State::Unstarted);

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A handle on the running runtime, built on first use; an error once it
/// has been shut down (the interpreter is exiting) or if it cannot start.
pub(crate) fn handle(py: Python<'_>) -> PyResult<Handle> {
    let mut state = state();
    if let State::Unstarted = *state {
        // One worker: it drives the sockets and runs the calls, so a call's
        // wake-ups stay on one thread (two workers hand them across, which
        // costs more than the second worker gives a client of one loop).
        let runtime = Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .thread_name("foxy-async")
            .build()
            .map_err(|e| other(py, format!("cannot start the async runtime: {e}")))?;
        *state = State::Running(runtime);
    }
    match &*state {
        State::Running(runtime) => Ok(runtime.handle().clone()),
        _ => Err(other(
            py,
            "the async runtime has shut down: the interpreter is exiting",
        )),
    }
}

/// `asyncio.get_running_loop`.
static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// [`_resolve`] as a Python callable, made once.
static RESOLVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// An asyncio awaitable for `fut`, run on the runtime (see the module documentation).
pub(crate) fn future_into_py<F, T>(py: Python<'_>, fut: F) -> PyResult<Bound<'_, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'py> IntoPyObject<'py> + Send + 'static,
{
    let runtime = handle(py)?;
    let event_loop = GET_RUNNING_LOOP
        .import(py, "asyncio", "get_running_loop")?
        .call0()?;
    let future = event_loop.call_method0("create_future")?;
    let (event_loop, target) = (event_loop.unbind(), future.clone().unbind());
    runtime.spawn(async move {
        let outcome = AssertUnwindSafe(fut).catch_unwind().await;
        Python::attach(|py| {
            let (ok, value) = match outcome {
                Ok(Ok(value)) => match value.into_py_any(py) {
                    Ok(value) => (true, value),
                    Err(e) => (false, e.into_value(py).into_any()),
                },
                Ok(Err(e)) => (false, e.into_value(py).into_any()),
                Err(_) => (
                    false,
                    other(py, "internal error: the async call panicked")
                        .into_value(py)
                        .into_any(),
                ),
            };
            // The loop may be closed by now: nothing is waiting then.
            let _ = (|| -> PyResult<()> {
                let resolve = RESOLVE.get_or_try_init(py, || {
                    wrap_pyfunction!(_resolve, py).map(|f| f.into_any().unbind())
                })?;
                event_loop.call_method1(
                    py,
                    "call_soon_threadsafe",
                    (resolve, target, ok, value),
                )?;
                Ok(())
            })();
        });
    });
    Ok(future)
}

/// An asyncio future already done with `result` (for a value at hand: no
/// trip to the runtime).
pub(crate) fn ready<'py>(
    py: Python<'py>,
    result: PyResult<Py<PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let future = GET_RUNNING_LOOP
        .import(py, "asyncio", "get_running_loop")?
        .call0()?
        .call_method0("create_future")?;
    match result {
        Ok(value) => future.call_method1("set_result", (value,))?,
        Err(e) => future.call_method1("set_exception", (e.into_value(py),))?,
    };
    Ok(future)
}

/// Sets the asyncio future's result (`ok`) or exception, unless it was cancelled.
#[pyfunction]
fn _resolve(future: &Bound<'_, PyAny>, ok: bool, value: &Bound<'_, PyAny>) -> PyResult<()> {
    if future.call_method0("done")?.is_truthy()? {
        return Ok(());
    }
    if ok {
        future.call_method1("set_result", (value,))?;
    } else {
        future.call_method1("set_exception", (value,))?;
    }
    Ok(())
}

/// Shuts the runtime down (the `atexit` hook): releases the GIL so that
/// tasks finishing now can deliver their results, drops the rest, and joins
/// the threads (at most `SHUTDOWN_WAIT`). Idempotent.
#[pyfunction]
fn _shutdown_runtime(py: Python<'_>) {
    let previous = std::mem::replace(&mut *state(), State::Stopped);
    if let State::Running(runtime) = previous {
        py.detach(move || runtime.shutdown_timeout(SHUTDOWN_WAIT));
    }
}

/// Registers the exit hook with `atexit`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let hook = wrap_pyfunction!(_shutdown_runtime, module)?;
    module
        .py()
        .import("atexit")?
        .call_method1("register", (hook,))?;
    Ok(())
}
