//! Typed API errors: `fx:errors` documents and OAuth error bodies.
//!
//! Handlers return [`ApiError`]; its `IntoResponse` parks the error in the
//! response extensions and [`crate::render::finish`] renders it in the media
//! type the client accepted.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

static LOGREF: AtomicU64 = AtomicU64::new(1);

/// Longest piece of client input quoted in an error message, in characters.
pub const EXCERPT_CHARS: usize = 40;

/// Longest error message written, in characters (a backstop behind [`excerpt`]).
pub const MESSAGE_CHARS: usize = 300;

/// Client input as quoted in an error message: at most [`EXCERPT_CHARS`]
/// characters, with `...` when cut.
pub fn excerpt(input: &str) -> String {
    clip(input, EXCERPT_CHARS)
}

/// `text` cut to at most `max` characters, with `...` when cut.
pub fn clip(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}...")
    } else {
        head
    }
}

/// How an error is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorShape {
    /// A hypermedia `fx:errors` document.
    Hypermedia,
    /// An OAuth 2.0 error (`{error, error_description}`) with this `error` code.
    OAuth(&'static str),
}

/// An error answered to the client.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The human-readable message.
    pub message: String,
    /// Extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The body shape.
    pub shape: ErrorShape,
    /// The log reference shown in the document.
    pub logref: String,
}

impl ApiError {
    /// An `fx:errors` error with a status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        let n = LOGREF.fetch_add(1, Ordering::Relaxed);
        ApiError {
            status,
            message: message.into(),
            headers: Vec::new(),
            shape: ErrorShape::Hypermedia,
            logref: format!("sandbox-{n}"),
        }
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 500 Internal Server Error.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// An OAuth error (`invalid_token`, `invalid_grant`, ...).
    pub fn oauth(
        status: StatusCode,
        code: &'static str,
        description: impl Into<String>,
    ) -> ApiError {
        let mut e = ApiError::new(status, description);
        e.shape = ErrorShape::OAuth(code);
        e
    }

    /// 401 `invalid_token` with a `WWW-Authenticate` challenge.
    pub fn invalid_token(description: &str) -> ApiError {
        let challenge = format!(
            "Bearer realm=\"Foxy Sandbox\", error=\"invalid_token\", error_description=\"{}\"",
            description.replace('"', "'")
        );
        let mut e = ApiError::oauth(StatusCode::UNAUTHORIZED, "invalid_token", description);
        if let Ok(v) = HeaderValue::from_str(&challenge) {
            e.headers.push((axum::http::header::WWW_AUTHENTICATE, v));
        }
        e
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: HeaderName, value: &str) -> ApiError {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = self.status.into_response();
        resp.extensions_mut().insert(self);
        resp
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(format!("database error: {e}"))
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status, self.message)
    }
}

impl std::error::Error for ApiError {}

/// Errors starting the sandbox.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Binding or serving failed.
    #[error("network error: {0}")]
    Io(#[from] std::io::Error),
    /// Opening, migrating or seeding the database failed.
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    /// Seeding failed.
    #[error("seed error: {0}")]
    Seed(String),
    /// A fault specification could not be parsed.
    #[error("invalid fault spec: {0}")]
    Faults(String),
}
