//! Surviving a panicking handler: the request gets a 500 error document, its
//! SQL transaction rolls back and the database stays usable.
//!
//! Each request runs in its own task, so a panic ends that task only (and the
//! task ends when the connection does). The
//! hidden [`crate::Config::test_panics`] knob (off by default) lets tests make
//! a request panic with the [`PANIC_HEADER`] header: `handler` panics before
//! the route runs, `write` panics inside the database transaction after the
//! route's writes and before the commit.

use axum::extract::{Request, State};
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

/// A request's task, aborted when its response is no longer awaited.
struct AbortOnDrop(tokio::task::JoinHandle<Response>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Middleware: runs the rest of the stack in its own task and turns a panic
/// into a 500 error document.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let asked = if state.config.test_panics {
        req.headers()
            .get(PANIC_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_ascii_lowercase())
    } else {
        None
    };
    let before_commit = asked.as_deref() == Some("write");
    let in_handler = asked.as_deref() == Some("handler");
    let task = tokio::spawn(PANIC_BEFORE_COMMIT.scope(before_commit, async move {
        if in_handler {
            panic!("panic asked by the {PANIC_HEADER} header");
        }
        next.run(req).await
    }));
    // Dropping this future (the client went away, a `drop` fault) ends the task too.
    let mut task = AbortOnDrop(task);
    match (&mut task.0).await {
        Ok(resp) => resp,
        Err(e) if e.is_panic() => ApiError::internal(
            "the sandbox failed while handling this request (a bug); nothing it wrote was kept",
        )
        .into_response(),
        Err(_) => ApiError::internal("the request was cancelled").into_response(),
    }
}
