//! Surviving a panicking handler: the request gets a 500 error document, its
//! SQL transaction rolls back and the database stays usable.
//!
//! Each request runs in its own task, or (without a body) is polled inside
//! `catch_unwind`, so a panic ends that request only. The
//! hidden [`crate::Config::test_panics`] knob (off by default) lets tests make
//! a request panic with the [`PANIC_HEADER`] header: `handler` panics before
//! the route runs, `write` panics inside the database transaction after the
//! route's writes and before the commit.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::task::Poll;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;

/// The request header asking for a panic (honoured only with `test_panics`).
pub const PANIC_HEADER: &str = "x-foxy-sandbox-panic";

tokio::task_local! {
    /// Whether the current request asked for a panic before its commit.
    static PANIC_BEFORE_COMMIT: bool;
}

/// Whether the current request asked to panic before its transaction commits.
pub fn panic_before_commit() -> bool {
    PANIC_BEFORE_COMMIT.try_with(|p| *p).unwrap_or(false)
}

/// Middleware: runs the rest of the stack, turning a panic into a 500 error
/// document.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    guarded(&state, req, move |req| next.run(req)).await
}

/// Runs `rest` on the request (the rest of the stack), turning a panic into
/// a 500 error document: what [`guard`] does, callable from another middleware.
pub async fn guarded<F>(
    state: &AppState,
    req: Request,
    rest: impl FnOnce(Request) -> F + Send + 'static,
) -> Response
where
    F: Future<Output = Response> + Send + 'static,
{
    let asked = if state.config.test_panics {
        req.headers()
            .get(PANIC_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_ascii_lowercase())
    } else {
        None
    };
    let has_body = carries_body(&req);
    let before_commit = asked.as_deref() == Some("write");
    let in_handler = asked.as_deref() == Some("handler");
    let request = PANIC_BEFORE_COMMIT.scope(before_commit, async move {
        if in_handler {
            panic!("panic asked by the {PANIC_HEADER} header");
        }
        rest(req).await
    });
    // A request with a body runs in a task of its own, as it always did:
    // hyper reads the body on while the task runs, so a handler answering
    // before reading it (a 405) leaves the connection reusable. One without
    // a body is polled right here, saving a task and a wake-up per request.
    // Dropping this future (the client went away, a `drop` fault) drops the
    // request too.
    let answered = if has_body {
        let mut task = AbortOnDrop(tokio::spawn(request));
        match (&mut task.0).await {
            Ok(resp) => Some(resp),
            Err(e) if e.is_panic() => None,
            Err(_) => return ApiError::internal("the request was cancelled").into_response(),
        }
    } else {
        catch_panic(request).await
    };
    match answered {
        Some(resp) => resp,
        None => ApiError::internal(
            "the sandbox failed while handling this request (a bug); nothing it wrote was kept",
        )
        .into_response(),
    }
}

/// A request's task, aborted when its response is no longer awaited.
struct AbortOnDrop(tokio::task::JoinHandle<Response>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Whether a request carries a body (a non-zero `Content-Length`, or chunks).
fn carries_body(req: &Request) -> bool {
    let headers = req.headers();
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .is_some_and(|v| v.as_bytes() != b"0")
}

/// Polls `fut` to completion; `None` when a poll panicked (the future is then
/// dropped, also under `catch_unwind`, and never polled again).
async fn catch_panic<F: Future>(fut: F) -> Option<F::Output> {
    let mut fut = Some(Box::pin(fut));
    std::future::poll_fn(move |cx| {
        let Some(running) = fut.as_mut() else {
            return Poll::Ready(None);
        };
        match catch_unwind(AssertUnwindSafe(|| running.as_mut().poll(cx))) {
            Ok(Poll::Ready(out)) => {
                fut = None;
                Poll::Ready(Some(out))
            }
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => {
                let broken = fut.take();
                let _ = catch_unwind(AssertUnwindSafe(move || drop(broken)));
                Poll::Ready(None)
            }
        }
    })
    .await
}
