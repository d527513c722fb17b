//! The connection's byte stream, with hyper's own refusals rewritten.
//!
//! hyper answers a request head it cannot parse (too large, too many headers,
//! a URI beyond 64 KB, malformed) by itself with an empty body and closes the
//! connection. [`Refusals`] recognises such an answer (a 400, 414 or 431 without
//! a `Content-Type`; the router's answers always carry one) and writes an
//! `fx:errors` document in its place.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::http::StatusCode;
use foxy_proto::MediaType;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::error::ApiError;
use crate::limits;
use crate::render;

/// A stream whose bodiless parse-error answers become error documents.
pub struct Refusals<S> {
    inner: S,
    /// Replacement bytes still to write, and how many were written.
    pending: Option<(Vec<u8>, usize)>,
}

impl<S> Refusals<S> {
    /// Wraps a connection's stream.
    pub fn new(inner: S) -> Refusals<S> {
        Refusals {
            inner,
            pending: None,
        }
    }
}

/// The error document replacing hyper's bodiless answer in `buf`, if it is one.
fn replacement(buf: &[u8]) -> Option<Vec<u8>> {
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    if head_end != buf.len() {
        return None;
    }
    let head = std::str::from_utf8(buf).ok()?.to_ascii_lowercase();
    let status = head.strip_prefix("http/1.1 ")?.get(..3)?;
    if head.contains("\r\ncontent-type:") {
        return None;
    }
    let err = match status {
        "414" => limits::uri_too_long(),
        "431" => limits::headers_too_large(),
        "400" => ApiError::new(StatusCode::BAD_REQUEST, "malformed HTTP request"),
        _ => return None,
    };
    let (body, media) = render::error_body(&err, MediaType::HalJson);
    let reason = err.status.canonical_reason().unwrap_or("Error");
    let mut out = format!(
        "HTTP/1.1 {} {reason}\r\ncontent-type: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        err.status.as_u16(),
        media.as_str(),
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    Some(out)
}

impl<S: AsyncWrite + Unpin> Refusals<S> {
    fn flush_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, done)) = &mut self.pending {
            if *done == bytes.len() {
                self.pending = None;
                break;
            }
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &bytes[*done..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *done += n;
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Refusals<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Refusals<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.flush_pending(cx))?;
        if let Some(bytes) = replacement(buf) {
            this.pending = Some((bytes, 0));
            if let Poll::Ready(Err(e)) = this.flush_pending(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.flush_pending(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.flush_pending(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bodiless_refusals_are_replaced() {
        let hyper_431 = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Thu, 03 Dec 2026 14:00:00 GMT\r\n\r\n";
        let doc = replacement(hyper_431).expect("replaced");
        let text = String::from_utf8(doc).expect("text");
        assert!(text.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(text.contains("content-type: application/hal+json\r\n"));
        assert!(text.contains("fx:errors"), "{text}");
        let ours = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/hal+json\r\ncontent-length: 10\r\n\r\n";
        assert!(replacement(ours).is_none());
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert!(replacement(ok).is_none());
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\nhi";
        assert!(replacement(with_body).is_none());
    }
}
