//! A transport the app supplies: URLSession in Swift, OkHttp or
//! `java.net.http` in Kotlin, anything in Python.
//!
//! [`HttpTransport`] is a foreign trait with one async method: it receives
//! the whole request the core built (method, absolute URL, headers, body:
//! bearer token and `FOXY-API-VERSION` included) and answers with the whole
//! response, any status. It must not follow redirects nor retry: the core
//! decides retries, and a charge must never be sent twice. Failures are
//! reported as `FoxyError.Transport` (say whether the request may have
//! reached the server) or `FoxyError.Timeout`.
//!
//! [`ForeignTransport`] adapts it to `foxy::AsyncTransport`. Without one
//! the client uses the Rust reqwest transport.

use std::sync::Arc;

use foxy::AsyncTransport;
use foxy::transport::{BoxFuture, Outcome, TransportFailure};

use crate::errors::FoxyError;

/// One HTTP header (names may repeat).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpHeader {
    /// The header name (lowercase when built by the SDK).
    pub name: String,
    /// The header value.
    pub value: String,
}

/// A request for the app's transport to send as is.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpRequest {
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD` or `OPTIONS`.
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<HttpHeader>,
    /// The body (empty for none).
    pub body: Vec<u8>,
}

/// The whole response the app's transport received.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    /// The status code (any: error statuses are read by the SDK).
    pub status: u16,
    /// The headers.
    pub headers: Vec<HttpHeader>,
    /// The body.
    pub body: Vec<u8>,
}

/// Sends one request and returns its response; implemented in Swift,
/// Kotlin or Python.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait HttpTransport: Send + Sync {
    /// Sends `request` and returns the whole response (any status). Throw
    /// `FoxyError.Transport` (with `may_have_been_sent`) or
    /// `FoxyError.Timeout` when no response arrives.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, FoxyError>;
}

/// The app's [`HttpTransport`] as the core's `AsyncTransport`.
pub(crate) struct ForeignTransport(pub(crate) Arc<dyn HttpTransport>);

impl AsyncTransport for ForeignTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        let transport = self.0.clone();
        Box::pin(async move {
            let request = to_foreign(request);
            let response = transport
                .send(request)
                .await
                .map_err(FoxyError::into_transport_failure)?;
            from_foreign(response)
        })
    }
}

/// The core's request as a record.
fn to_foreign(request: http::Request<Vec<u8>>) -> HttpRequest {
    let (parts, body) = request.into_parts();
    HttpRequest {
        method: parts.method.as_str().to_owned(),
        url: parts.uri.to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| HttpHeader {
                name: name.as_str().to_owned(),
                value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
            })
            .collect(),
        body,
    }
}

/// The app's response as the core's; a malformed one counts as a dropped
/// connection (the request was sent).
fn from_foreign(response: HttpResponse) -> Outcome {
    let bad = |what: String| TransportFailure::Dropped(format!("invalid response: {what}"));
    let mut builder = http::Response::builder().status(response.status);
    for header in &response.headers {
        let name = http::HeaderName::from_bytes(header.name.as_bytes())
            .map_err(|_| bad(format!("header name {:?}", header.name)))?;
        let value = http::HeaderValue::from_str(&header.value)
            .map_err(|_| bad(format!("value of header {name}")))?;
        builder = builder.header(name, value);
    }
    builder.body(response.body).map_err(|e| bad(e.to_string()))
}
