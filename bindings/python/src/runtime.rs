//! The tokio runtime behind `foxy.AsyncClient`, the bridge between it and
//! asyncio, and how it ends.
//!
//! The bridge ([`future_into_py`]) polls the call on the event loop's own
//! thread: the call creates an asyncio future on the running loop and polls
//! the Rust future once at once, inside the runtime's context (its sockets
//! and timers belong to the runtime's driver, which the tokio worker runs).
//! The future's waker queues the call in the loop's bridge
//! (`bridge::Shared`) and, if the queue was empty, writes one byte to a
//! socket the loop watches with `add_reader`; the loop's thread drains the
//! queue, polls each woken call again (reading and parsing its answer there)
//! and sets the results of those that are done (several at once under
//! `gather`). Nothing of a call is parsed or freed on another thread, and
//! the tokio worker only runs the driver and reqwest's connection tasks.
//! Handing the result over through `call_soon_threadsafe` from a task on
//! the worker, with the GIL taken there, remains the way for a loop without
//! `add_reader` or weak references. A panic in the Rust future becomes a
//! `FoxyError`; a cancelled asyncio future drops the call (its done
//! callback, [`bridge::Abort`]), which drops the request and its connection.
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

/// An asyncio awaitable for `fut` (see the module documentation).
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
    #[cfg(unix)]
    {
        if let Some(shared) = bridge::of(&event_loop) {
            let call = Box::pin(async move {
                let outcome = fut.await;
                Box::new(move |py: Python<'_>| settle(py, Ok(outcome))) as Outcome
            });
            bridge::Task::start(py, &runtime, &shared, call, &future)?;
            return Ok(future);
        }
    }
    let target = future.clone().unbind();
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

/// Calls polled on the loop's own thread: the call is polled at once (in
/// the runtime's context, so its sockets and timers belong to the runtime's
/// driver); its waker queues it in the loop's bridge and, when the queue was
/// empty, writes one byte to a socket the loop watches (`add_reader`); the
/// loop's reader drains the queue and polls each call again there, and sets
/// the result of those that are done.
#[cfg(unix)]
mod bridge {
    use std::future::Future;
    use std::io::{ErrorKind, Read as _, Write as _};
    use std::os::fd::AsRawFd as _;
    use std::os::unix::net::UnixStream;
    use std::panic::AssertUnwindSafe;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
    use std::task::{Context, Poll, Wake, Waker};

    use pyo3::prelude::*;
    use pyo3::sync::PyOnceLock;
    use tokio::runtime::Handle;

    use super::Outcome;

    fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
        mutex.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A call's Rust future, its result ready to convert.
    pub(super) type Call = Pin<Box<dyn Future<Output = Outcome> + Send>>;

    /// One call: its future (taken out while it is polled, gone once it is
    /// done or cancelled) and its asyncio future.
    pub(crate) struct Task {
        call: Mutex<Option<Call>>,
        /// Only touched on the loop's thread, with the GIL.
        future: Mutex<Option<Py<PyAny>>>,
        /// In the bridge's queue already (set by a wake, cleared before a poll).
        queued: AtomicBool,
        cancelled: AtomicBool,
        /// Weak: a closed loop's bridge goes away with its queue.
        shared: Weak<Shared>,
    }

    impl Wake for Task {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref();
        }

        fn wake_by_ref(self: &Arc<Self>) {
            if self.queued.swap(true, Ordering::AcqRel) {
                return;
            }
            if let Some(shared) = self.shared.upgrade() {
                shared.schedule(self.clone());
            }
        }
    }

    impl Task {
        /// Polls `call` once now, on the loop's thread; sets `future` if it is done,
        /// else leaves the call to its waker and lets a cancel of `future` drop it.
        pub(super) fn start(
            py: Python<'_>,
            runtime: &Handle,
            shared: &Arc<Shared>,
            call: Call,
            future: &Bound<'_, PyAny>,
        ) -> PyResult<()> {
            let task = Arc::new(Task {
                call: Mutex::new(Some(call)),
                future: Mutex::new(Some(future.clone().unbind())),
                queued: AtomicBool::new(false),
                cancelled: AtomicBool::new(false),
                shared: Arc::downgrade(shared),
            });
            if task.run(py, Some(runtime)) {
                return Ok(());
            }
            future.call_method1("add_done_callback", (Abort(Arc::downgrade(&task)),))?;
            Ok(())
        }

        /// Polls the call (in `runtime`'s context) and sets the asyncio future
        /// when it is done; `true` when the call is over.
        fn run(self: &Arc<Self>, py: Python<'_>, runtime: Option<&Handle>) -> bool {
            self.queued.store(false, Ordering::Release);
            let Some(mut call) = lock(&self.call).take() else {
                return true; // done or cancelled
            };
            // The call is polled and dropped in the runtime's context.
            let Some(runtime) = runtime else {
                drop(call);
                return self.finish(
                    py,
                    Box::new(|py: Python<'_>| {
                        let e = crate::errors::other(
                            py,
                            "the async runtime has shut down: the interpreter is exiting",
                        );
                        (false, e.into_value(py).into_any())
                    }),
                );
            };
            let context = runtime.enter();
            if self.cancelled.load(Ordering::Acquire) {
                drop(call);
                return true;
            }
            let waker = Waker::from(self.clone());
            let mut cx = Context::from_waker(&waker);
            let outcome =
                match std::panic::catch_unwind(AssertUnwindSafe(|| call.as_mut().poll(&mut cx))) {
                    Ok(Poll::Pending) => {
                        if !self.cancelled.load(Ordering::Acquire) {
                            *lock(&self.call) = Some(call);
                        }
                        return false;
                    }
                    Ok(Poll::Ready(outcome)) => outcome,
                    Err(_) => Box::new(|py: Python<'_>| super::settle::<()>(py, Err(Box::new(()))))
                        as Outcome,
                };
            drop(call);
            drop(context);
            self.finish(py, outcome)
        }

        /// Sets the asyncio future from `outcome`, unless it was cancelled; `true`.
        fn finish(&self, py: Python<'_>, outcome: Outcome) -> bool {
            let Some(future) = lock(&self.future).take() else {
                return true;
            };
            let future = future.bind(py);
            if future
                .call_method0("done")
                .and_then(|d| d.is_truthy())
                .unwrap_or(true)
            {
                return true; // cancelled: nothing is waiting
            }
            let (ok, value) = outcome(py);
            let method = if ok { "set_result" } else { "set_exception" };
            let _ = future.call_method1(method, (value,));
            true
        }
    }

    /// What the wakers and the loop share.
    pub(crate) struct Shared {
        ready: Mutex<Vec<Arc<Task>>>,
        /// Written by the wakers; both ends live as long as any of them, so
        /// a write never meets a closed peer.
        wake: UnixStream,
        watched: UnixStream,
    }

    impl Shared {
        /// Queues `task` to be polled; wakes the loop if it was the first.
        fn schedule(&self, task: Arc<Task>) {
            let first = {
                let mut ready = lock(&self.ready);
                ready.push(task);
                ready.len() == 1
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
        /// The loop's reader callback: drains the socket, then polls the woken calls.
        fn _drain(&self, py: Python<'_>) {
            let mut buf = [0u8; 256];
            loop {
                match (&self.shared.watched).read(&mut buf) {
                    Ok(n) if n == buf.len() => continue,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    _ => break,
                }
            }
            let ready = std::mem::take(&mut *lock(&self.shared.ready));
            if ready.is_empty() {
                return;
            }
            let runtime = super::handle(py).ok();
            for task in ready {
                task.run(py, runtime.as_ref());
            }
        }
    }

    /// The done callback of a call's future: a cancelled future drops the
    /// call (its request and connection).
    #[pyclass(module = "foxy._foxy", frozen)]
    pub(super) struct Abort(Weak<Task>);

    #[pymethods]
    impl Abort {
        fn __call__(&self, future: &Bound<'_, PyAny>) -> PyResult<()> {
            if future.call_method0("cancelled")?.is_truthy()? {
                if let Some(task) = self.0.upgrade() {
                    task.cancelled.store(true, Ordering::Release);
                    let call = lock(&task.call).take();
                    let target = lock(&task.future).take();
                    // Dropped in the runtime's context, as it was polled.
                    let runtime = super::handle(future.py()).ok();
                    let context = runtime.as_ref().map(Handle::enter);
                    drop(call);
                    drop(context);
                    drop(target);
                }
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
                    ready: Mutex::new(Vec::new()),
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
