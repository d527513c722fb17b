//! `tracing` spans for each request, with credentials redacted.
//!
//! Every request a client sends runs inside a `foxy.request` span carrying
//! the method, host, path, the relation or operation it serves (`rel`), the
//! attempt number within the call, and, once known, the response `status`
//! or the transport `failure`. Headers are logged at `trace` level with the
//! `Authorization` value (and any value marked sensitive) replaced by
//! `****`; query strings (they may carry customer emails) and bodies (they
//! carry client secrets on token requests) are never logged.

use http::{Request, header};
use tracing::Span;
use tracing::field::Empty;

use foxy_proto::step::Outcome;

/// The span of one request.
pub(crate) fn span(request: &Request<Vec<u8>>, label: &str, attempt: u32) -> Span {
    let span = tracing::debug_span!(
        "foxy.request",
        method = %request.method(),
        host = request.uri().host().unwrap_or(""),
        path = request.uri().path(),
        rel = label,
        attempt,
        status = Empty,
        failure = Empty,
    );
    if tracing::enabled!(tracing::Level::TRACE) {
        tracing::trace!(parent: &span, headers = %redacted_headers(request), "sending");
    }
    span
}

/// Records the outcome of the request on its span.
pub(crate) fn record(span: &Span, outcome: &Outcome) {
    match outcome {
        Ok(response) => {
            span.record("status", response.status().as_u16());
            tracing::debug!(parent: span, status = response.status().as_u16(), "response");
        }
        Err(failure) => {
            span.record("failure", tracing::field::display(failure));
            tracing::debug!(parent: span, %failure, "no response");
        }
    }
}

/// The headers as `name: value` lines, credentials replaced by `****`.
pub(crate) fn redacted_headers(request: &Request<Vec<u8>>) -> String {
    request
        .headers()
        .iter()
        .map(|(name, value)| {
            let secret = value.is_sensitive()
                || name == header::AUTHORIZATION
                || name == header::PROXY_AUTHORIZATION
                || name == header::COOKIE;
            let shown = if secret {
                "****".to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            format!("{name}: {shown}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_is_never_shown() {
        let request = Request::get("https://api.test/carts?customer_email=a@b.test")
            .header("authorization", "Bearer t0ps3cret")
            .header("accept", "application/hal+json")
            .body(Vec::new())
            .expect("request");
        let text = redacted_headers(&request);
        assert!(!text.contains("t0ps3cret"));
        assert!(text.contains("authorization: ****"));
        assert!(text.contains("accept: application/hal+json"));
    }
}
