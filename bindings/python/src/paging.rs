//! Every member of a collection, page by page: `Pages` is a Python
//! iterator over the blocking client's `foxy::Pages`, `AsyncPages` an async
//! iterator over the async client's `foxy::MemberStream`. The paging is the
//! Rust core's, the only one: page n+1 is fetched while page n is read, and
//! at most two pages are held. A walk of a relation path
//! (`client.store().coupons.all()`) reads raw members and hands each to the
//! generated class of the relation (`member_class`). An async walk's
//! `__anext__` answers at once, without a trip to the runtime, when the
//! member is already read.

use std::sync::{Arc, Mutex, PoisonError};

use futures::FutureExt as _;
use futures::StreamExt as _;
use futures::stream::BoxStream;
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;

use crate::resources::{IntoPython, Out, RawMember};

/// A member on its way to Python, whatever its type.
pub(crate) trait AnyMember: Send {
    /// The Python object.
    fn into_python_boxed(self: Box<Self>, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

impl<T: IntoPython> AnyMember for T {
    fn into_python_boxed(self: Box<Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        (*self).into_python(py)
    }
}

impl IntoPython for Box<dyn AnyMember> {
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.into_python_boxed(py)
    }
}

type Members = Box<dyn Iterator<Item = Result<Box<dyn AnyMember>, foxy::Error>> + Send>;
type MemberStream = BoxStream<'static, Result<Box<dyn AnyMember>, foxy::Error>>;

/// Every member of a collection (blocking): `for cart in client.carts.all(): ...`.
/// Each new page is fetched with the GIL released; an error is raised once
/// and ends the iteration.
#[pyclass(module = "foxy")]
pub struct Pages {
    members: Mutex<Members>,
}

impl Pages {
    /// Iterates the Rust client's pages.
    pub(crate) fn new<T>(pages: foxy::Pages<T>) -> Pages
    where
        T: IntoPython + foxy_model::Member + Send + 'static,
    {
        // Fused: asking again after the end keeps answering "no more".
        let members = pages
            .map(|member| member.map(|m| Box::new(m) as Box<dyn AnyMember>))
            .fuse();
        Pages {
            members: Mutex::new(Box::new(members)),
        }
    }

    /// Every member of a relation path's collection, each read as an object
    /// of `member_class` (a generated class) when given, else a `Resource`.
    pub(crate) fn typed(pages: foxy::Pages<RawMember>, member_class: Option<Py<PyAny>>) -> Pages {
        match member_class {
            None => Pages::new(pages),
            Some(class) => {
                let class = Arc::new(class);
                let members = pages
                    .map(move |member| {
                        member.map(|m| Box::new(m.typed(class.clone())) as Box<dyn AnyMember>)
                    })
                    .fuse();
                Pages {
                    members: Mutex::new(Box::new(members)),
                }
            }
        }
    }
}

#[pymethods]
impl Pages {
    fn __iter__(this: PyRef<'_, Self>) -> PyRef<'_, Self> {
        this
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let next = py.detach(|| {
            let mut members = self.members.lock().unwrap_or_else(PoisonError::into_inner);
            members.next()
        });
        match next {
            Some(result) => Out(result).into_py_result(py).map(Some),
            None => Ok(None),
        }
    }
}

/// Every member of a collection (asyncio): `async for cart in client.carts.all(): ...`.
#[pyclass(module = "foxy")]
pub struct AsyncPages {
    members: Arc<tokio::sync::Mutex<MemberStream>>,
}

impl AsyncPages {
    /// Iterates the Rust client's stream.
    pub(crate) fn new<T: IntoPython>(stream: foxy::MemberStream<T>) -> AsyncPages {
        // Fused: the Rust stream must not be polled after its end.
        let members = stream
            .map(|member| member.map(|m| Box::new(m) as Box<dyn AnyMember>))
            .fuse()
            .boxed();
        AsyncPages {
            members: Arc::new(tokio::sync::Mutex::new(members)),
        }
    }

    /// As [`Pages::typed`], for the async client.
    pub(crate) fn typed(
        stream: foxy::MemberStream<RawMember>,
        member_class: Option<Py<PyAny>>,
    ) -> AsyncPages {
        match member_class {
            None => AsyncPages::new(stream),
            Some(class) => {
                let class = Arc::new(class);
                let members = stream
                    .map(move |member| {
                        member.map(|m| Box::new(m.typed(class.clone())) as Box<dyn AnyMember>)
                    })
                    .fuse()
                    .boxed();
                AsyncPages {
                    members: Arc::new(tokio::sync::Mutex::new(members)),
                }
            }
        }
    }
}

#[pymethods]
impl AsyncPages {
    fn __aiter__(this: PyRef<'_, Self>) -> PyRef<'_, Self> {
        this
    }

    /// The next member: at once when the walk already holds it (the stream
    /// is polled once here, which also drives the next page's request), else
    /// on the runtime.
    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let members = self.members.clone();
        if let Ok(mut stream) = members.try_lock() {
            let runtime = crate::runtime::handle(py)?;
            let _context = runtime.enter();
            match stream.next().now_or_never() {
                Some(Some(result)) => {
                    drop(stream);
                    let member = Out(result).into_py_result(py);
                    return crate::runtime::ready(py, member);
                }
                Some(None) => return Err(PyStopAsyncIteration::new_err(())),
                None => {}
            }
        }
        crate::runtime::future_into_py(py, async move {
            let next = members.lock().await.next().await;
            match next {
                Some(result) => Ok(Out(result)),
                None => Err(PyStopAsyncIteration::new_err(())),
            }
        })
    }
}
