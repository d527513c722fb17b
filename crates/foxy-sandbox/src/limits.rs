//! Request size limits, as an API front end enforces them: the request target,
//! each header, all headers together and their count.
//!
//! Requests within hyper's read buffer are checked here and refused with an
//! error document; heads hyper itself refuses (beyond its buffer or header
//! count) get their document from [`crate::wire`].

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Longest request target (path and query), in bytes.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// Longest single header (name and value), in bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// Most bytes of all headers together (names and values).
pub const MAX_HEADERS_BYTES: usize = 64 * 1024;
/// Most headers in one request.
pub const MAX_HEADERS: usize = 100;
/// hyper's read buffer per connection: a request head must fit in it (else
/// hyper refuses it with 431), and it bounds each connection's memory.
pub const READ_BUFFER_BYTES: usize = 128 * 1024;

/// The 414 answered for a request target beyond [`MAX_URI_BYTES`].
pub fn uri_too_long() -> ApiError {
    ApiError::new(
        StatusCode::URI_TOO_LONG,
        format!("request URI too long: at most {} KB", MAX_URI_BYTES / 1024),
    )
}

/// The 431 answered for headers beyond the limits.
pub fn headers_too_large() -> ApiError {
    ApiError::new(
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        format!(
            "request headers too large: at most {} KB per header, {} KB in all, {MAX_HEADERS} headers",
            MAX_HEADER_BYTES / 1024,
            MAX_HEADERS_BYTES / 1024
        ),
    )
}

/// Middleware: refuses requests beyond the limits before any route runs.
pub async fn check(req: Request, next: Next) -> Response {
    match refusal(&req) {
        Some(err) => err.into_response(),
        None => next.run(req).await,
    }
}

/// Why a request is beyond the limits, or `None` when it is within them.
pub fn refusal(req: &Request) -> Option<ApiError> {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > MAX_URI_BYTES {
        return Some(uri_too_long());
    }
    let headers = req.headers();
    let mut total = 0usize;
    for (name, value) in headers {
        let size = name.as_str().len() + value.len();
        if size > MAX_HEADER_BYTES {
            return Some(headers_too_large());
        }
        total += size;
    }
    if total > MAX_HEADERS_BYTES || headers.len() > MAX_HEADERS {
        return Some(headers_too_large());
    }
    None
}
