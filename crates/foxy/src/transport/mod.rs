//! Transports: one-method traits that move one request to one response.
//!
//! The clients never talk to a socket directly. A [`Transport`] (blocking) or
//! [`AsyncTransport`] takes an `http::Request<Vec<u8>>` and hands back an
//! `http::Response<Vec<u8>>` or a [`TransportFailure`] saying whether the
//! request may have reached the server. Closures implement both traits, so
//! a test double is one line:
//!
//! ```
//! use foxy::Transport;
//! let transport = |_req: http::Request<Vec<u8>>| Ok(http::Response::new(b"{}".to_vec()));
//! let response = transport.send(http::Request::new(Vec::new())).unwrap();
//! assert_eq!(response.body(), b"{}");
//! ```
//!
//! [`RecordingTransport`] wraps any transport and writes every exchange,
//! secrets scrubbed, to a cassette; [`ReplayTransport`] answers from one
//! with no network (docs/CLIENT.md, "Record and replay").

pub mod record;
pub mod replay;
#[cfg(feature = "async")]
mod reqwest;
#[cfg(feature = "blocking")]
mod steady;
#[cfg(feature = "blocking")]
mod ureq;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

pub use foxy_proto::policy::{PolicyError, TransportPolicy};
pub use foxy_proto::step::{Outcome, TransportFailure};
use http::Request;

pub use self::record::{Recorder, RecordingTransport};
pub use self::replay::ReplayTransport;
#[cfg(feature = "async")]
pub use self::reqwest::{ReqwestTransport, TransportBuildError};
#[cfg(feature = "blocking")]
pub use self::ureq::UreqTransport;

/// A boxed future, as returned by [`AsyncTransport::send`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Moves one request to one response, blocking the calling thread.
pub trait Transport: Send + Sync {
    /// Sends `request` and waits for the whole response.
    fn send(&self, request: Request<Vec<u8>>) -> Outcome;
}

impl<F> Transport for F
where
    F: Fn(Request<Vec<u8>>) -> Outcome + Send + Sync,
{
    fn send(&self, request: Request<Vec<u8>>) -> Outcome {
        self(request)
    }
}

/// Moves one request to one response without blocking.
pub trait AsyncTransport: Send + Sync {
    /// Sends `request` and resolves to the whole response.
    fn send(&self, request: Request<Vec<u8>>) -> BoxFuture<'_, Outcome>;
}

impl<F, Fut> AsyncTransport for F
where
    F: Fn(Request<Vec<u8>>) -> Fut + Send + Sync,
    Fut: Future<Output = Outcome> + Send + 'static,
{
    fn send(&self, request: Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        Box::pin(self(request))
    }
}

/// Connect and per-request time limits. The overall deadline of a call,
/// across retries, belongs to the retry policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Limit for opening a connection (TCP and TLS).
    pub connect: Duration,
    /// Limit for one request, from sending to the last byte of the response.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closures_are_transports() {
        let t = |req: Request<Vec<u8>>| Ok(http::Response::new(req.into_body()));
        let out = Transport::send(&t, Request::new(b"x".to_vec())).expect("echo");
        assert_eq!(out.body(), b"x");
    }
}
