//! The tokio runtime behind `foxy.AsyncClient`, the bridge between it and
//! asyncio, and how it ends.
//!
//! The bridge ([`future_into_py`]) makes one hop each way without the tokio
//! worker taking the GIL: the call creates an asyncio future on the running
//! loop and spawns the Rust future on the runtime; when it completes, the
//! worker queues the outcome in the loop's bridge (`bridge::Shared`) and, if
//! the queue was empty, writes one byte to a socket the loop watches with
//! `add_reader`. The loop's thread drains the queue: it converts the results
//! and sets them on their futures (several at once under `gather`). Handing
//! the result over through `call_soon_threadsafe` from the worker, with the
//! GIL taken there, cost about 100 µs more per call (docs/PERFORMANCE.md);
//! it remains the way for a loop without `add_reader` or weak references.
//! A panic in the Rust future becomes a `FoxyError`; a cancelled asyncio
//! future aborts the call (its done callback, [`bridge::Abort`]), which
//! drops the request and its connection.
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

/// The outcome of a call, converted on the loop's thread: (`ok`, value or exception).
type Outcome = Box<dyn FnOnce(Python<'_>) -> (bool, Py<PyAny>) + Send>;

/// A finished call on its way to the loop: its asyncio future and outcome.
struct Completion {
    future: Py<PyAny>,
    outcome: Outcome,
}

/// The outcome of the Rust future as (`ok`, value or exception).
fn settle<T>(py: Python<'_>, outcome: std::thread::Result<PyResult<T>>) -> (bool, Py<PyAny>)
where
    T: for<'py> IntoPyObject<'py>,
{
    match outcome {
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
    }
}

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
    let target = future.clone().unbind();
    #[cfg(unix)]
    {
        if let Some(bridge) = bridge::of(&event_loop) {
            let task = runtime.spawn(async move {
                let outcome = AssertUnwindSafe(fut).catch_unwind().await;
                bridge.deliver(Completion {
                    future: target,
                    outcome: Box::new(move |py| settle(py, outcome)),
                });
            });
            future.call_method1("add_done_callback", (bridge::Abort(task.abort_handle()),))?;
            return Ok(future);
        }
    }
    let event_loop = event_loop.unbind();
    runtime.spawn(async move {
        let outcome = AssertUnwindSafe(fut).catch_unwind().await;
        Python::attach(|py| {
            let (ok, value) = settle(py, outcome);
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

/// Results handed to the loop without the GIL: the worker queues the
/// completion and, when the queue was empty, writes one byte to a socket
/// the loop watches (`add_reader`); the loop's thread drains the queue,
/// converts the results and sets them.
#[cfg(unix)]
mod bridge {
    use std::io::{ErrorKind, Read as _, Write as _};
    use std::os::fd::AsRawFd as _;
    use std::os::unix::net::UnixStream;
    use std::sync::{Arc, Mutex, PoisonError};

    use pyo3::prelude::*;
    use pyo3::sync::PyOnceLock;

    use super::Completion;

    /// What the workers and the loop share.
    pub(super) struct Shared {
        done: Mutex<Vec<Completion>>,
        /// Written by the workers; both ends live as long as any of them, so
        /// a write never meets a closed peer.
        wake: UnixStream,
        watched: UnixStream,
    }

    impl Shared {
        /// Queues `completion`; wakes the loop if it was the first.
        pub(super) fn deliver(&self, completion: Completion) {
            let first = {
                let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
                done.push(completion);
                done.len() == 1
            };
            if first {
                // Full (`WouldBlock`): the loop has a byte to read already.
                let _ = (&self.wake).write(&[1]);
            }
        }
    }

    /// One event loop's side: registered with `add_reader`.
    #[pyclass(module = "foxy._foxy", frozen)]
    pub(super) struct Bridge {
        shared: Arc<Shared>,
    }

    #[pymethods]
    impl Bridge {
        /// The loop's reader callback: drains the socket, then the queue.
        fn _drain(&self, py: Python<'_>) {
            let mut buf = [0u8; 256];
            loop {
                match (&self.shared.watched).read(&mut buf) {
                    Ok(n) if n == buf.len() => continue,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    _ => break,
                }
            }
            let done = std::mem::take(
                &mut *self
                    .shared
                    .done
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner),
            );
            for Completion { future, outcome } in done {
                let future = future.bind(py);
                if future
                    .call_method0("done")
                    .and_then(|d| d.is_truthy())
                    .unwrap_or(true)
                {
                    continue; // cancelled: nothing is waiting
                }
                let (ok, value) = outcome(py);
                let method = if ok { "set_result" } else { "set_exception" };
                let _ = future.call_method1(method, (value,));
            }
        }
    }

    /// The done callback of a call's future: a cancelled future aborts the call.
    #[pyclass(module = "foxy._foxy", frozen)]
    pub(super) struct Abort(pub(super) tokio::task::AbortHandle);

    #[pymethods]
    impl Abort {
        fn __call__(&self, future: &Bound<'_, PyAny>) -> PyResult<()> {
            if future.call_method0("cancelled")?.is_truthy()? {
                self.0.abort();
            }
            Ok(())
        }
    }

    /// The bridge of the last loop seen (a weak reference to it, the shared half).
    static LAST: Mutex<Option<(Py<PyAny>, Arc<Shared>)>> = Mutex::new(None);
    /// `weakref.WeakKeyDictionary` of the loops' bridges.
    static BRIDGES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    /// `weakref.ref`.
    static WEAKREF: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

    /// The bridge of `event_loop`, made on first use; `None` when the loop
    /// cannot have one (no `add_reader`, no weak references, no socket):
    /// the call then goes through `call_soon_threadsafe`.
    pub(super) fn of(event_loop: &Bound<'_, PyAny>) -> Option<Arc<Shared>> {
        lookup(event_loop).ok().flatten()
    }

    fn lookup(event_loop: &Bound<'_, PyAny>) -> PyResult<Option<Arc<Shared>>> {
        let py = event_loop.py();
        {
            let last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((weak, shared)) = &*last {
                if weak.bind(py).call0()?.is(event_loop) {
                    return Ok(Some(shared.clone()));
                }
            }
        }
        let bridges = BRIDGES
            .get_or_try_init(py, || {
                py.import("weakref")?
                    .getattr("WeakKeyDictionary")?
                    .call0()
                    .map(Bound::unbind)
            })?
            .bind(py);
        // `None` for a loop that cannot have one: tried once.
        let bridge = if bridges.contains(event_loop)? {
            match bridges.get_item(event_loop)? {
                found if found.is_none() => return Ok(None),
                found => found.cast_into::<Bridge>()?,
            }
        } else {
            match make(event_loop) {
                Ok(bridge) => {
                    bridges.set_item(event_loop, &bridge)?;
                    bridge
                }
                Err(e) => {
                    bridges.set_item(event_loop, py.None())?;
                    return Err(e);
                }
            }
        };
        let shared = bridge.get().shared.clone();
        let weak = WEAKREF
            .import(py, "weakref", "ref")?
            .call1((event_loop,))?
            .unbind();
        let previous = LAST
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace((weak, shared.clone()));
        // Dropped with the lock released: a decref may run Python code.
        drop(previous);
        Ok(Some(shared))
    }

    /// A new bridge, watched by `event_loop`.
    fn make<'py>(event_loop: &Bound<'py, PyAny>) -> PyResult<Bound<'py, Bridge>> {
        let py = event_loop.py();
        let (wake, watched) = UnixStream::pair().map_err(|e| {
            crate::errors::other(py, format!("cannot make the loop's wake-up socket: {e}"))
        })?;
        for end in [&wake, &watched] {
            end.set_nonblocking(true).map_err(|e| {
                crate::errors::other(py, format!("cannot make the loop's wake-up socket: {e}"))
            })?;
        }
        let fd = watched.as_raw_fd();
        let bridge = Bound::new(
            py,
            Bridge {
                shared: Arc::new(Shared {
                    done: Mutex::new(Vec::new()),
                    wake,
                    watched,
                }),
            },
        )?;
        event_loop.call_method1("add_reader", (fd, bridge.getattr("_drain")?))?;
        Ok(bridge)
    }
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
