//! The tokio runtime behind `foxy.AsyncClient`, and how it ends.
//!
//! pyo3-async-runtimes keeps its own runtime in a static that is never shut
//! down: its worker and blocking threads outlive the script and may still be
//! taking or releasing the GIL while the interpreter finalizes, which aborts
//! the process (`PyGILState_Release ... finalizing`). This module owns the
//! runtime instead and hands it to pyo3-async-runtimes' generic bridge
//! (`Bridge`). An `atexit` hook, registered when the module is imported and
//! so run before finalization begins, shuts the runtime down with the GIL
//! released and a bounded wait: its threads are joined while Python is still
//! whole, and none exists afterwards. An async call made after that fails
//! with a `FoxyError` instead of waiting forever.

use std::cell::OnceCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3_async_runtimes::TaskLocals;
use pyo3_async_runtimes::generic::{self, ContextExt, JoinError, Runtime as BridgeRuntime};
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

tokio::task_local! {
    static LOCALS: OnceCell<TaskLocals>;
}

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A handle on the running runtime, built on first use; an error once it
/// has been shut down (the interpreter is exiting) or if it cannot start.
pub(crate) fn handle(py: Python<'_>) -> PyResult<Handle> {
    let mut state = state();
    if let State::Unstarted = *state {
        let runtime = Builder::new_multi_thread()
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

/// An asyncio awaitable for `fut`, run on the runtime.
pub(crate) fn future_into_py<F, T>(py: Python<'_>, fut: F) -> PyResult<Bound<'_, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'py> IntoPyObject<'py> + Send + 'static,
{
    handle(py)?;
    generic::future_into_py::<Bridge, F, T>(py, fut)
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

/// pyo3-async-runtimes' view of the runtime.
struct Bridge;

/// A spawned task, or `Refused` when the runtime is gone.
struct Joined(Option<tokio::task::JoinHandle<()>>);

/// Why a spawned task did not complete.
enum Failed {
    Join(tokio::task::JoinError),
    Refused,
}

impl Future for Joined {
    type Output = Result<(), Failed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.0.as_mut() {
            Some(handle) => Pin::new(handle).poll(cx).map_err(Failed::Join),
            None => Poll::Ready(Err(Failed::Refused)),
        }
    }
}

impl JoinError for Failed {
    fn is_panic(&self) -> bool {
        matches!(self, Failed::Join(e) if e.is_panic())
    }

    fn into_panic(self) -> Box<dyn std::any::Any + Send + 'static> {
        match self {
            Failed::Join(e) => match e.try_into_panic() {
                Ok(payload) => payload,
                Err(e) => Box::new(e.to_string()),
            },
            Failed::Refused => Box::new("the async runtime has shut down"),
        }
    }
}

impl Bridge {
    /// Runs `spawn` on the runtime if it is running.
    fn with_runtime(spawn: impl FnOnce(&Runtime) -> tokio::task::JoinHandle<()>) -> Joined {
        match &*state() {
            State::Running(runtime) => Joined(Some(spawn(runtime))),
            _ => Joined(None),
        }
    }
}

impl BridgeRuntime for Bridge {
    type JoinError = Failed;
    type JoinHandle = Joined;

    fn spawn<F>(fut: F) -> Joined
    where
        F: Future<Output = ()> + Send + 'static,
    {
        Self::with_runtime(|runtime| runtime.spawn(fut))
    }

    fn spawn_blocking<F>(f: F) -> Joined
    where
        F: FnOnce() + Send + 'static,
    {
        Self::with_runtime(|runtime| runtime.spawn_blocking(f))
    }
}

impl ContextExt for Bridge {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        let cell = OnceCell::new();
        let _ = cell.set(locals);
        Box::pin(LOCALS.scope(cell, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        LOCALS
            .try_with(|cell| cell.get().cloned())
            .unwrap_or_default()
    }
}
