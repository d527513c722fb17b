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
mod ureq;

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::time::Duration;

pub use foxy_proto::step::{Outcome, TransportFailure};
use http::{Request, Uri};

pub use self::record::{Recorder, RecordingTransport};
pub use self::replay::ReplayTransport;
#[cfg(feature = "async")]
pub use self::reqwest::ReqwestTransport;
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

/// Which URIs a client may send to: HTTPS always (with certificate
/// verification, which cannot be turned off), plain HTTP only to a loopback
/// host unless explicitly allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TransportPolicy {
    /// Allow `http://` to any host. Off by default; meant for test setups
    /// on private networks, never for production.
    pub allow_insecure_http: bool,
}

/// A URI refused by the [`TransportPolicy`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// Plain HTTP to a host that is not loopback, without the opt-in.
    #[error(
        "refusing plain http to non-loopback host {host:?}; use https or allow insecure http explicitly"
    )]
    InsecureHttp {
        /// The host that was refused.
        host: String,
    },
    /// A scheme other than http or https, or no scheme or host at all.
    #[error("unsupported uri {uri:?}: expected an absolute http or https uri")]
    UnsupportedUri {
        /// The URI that was refused (without its query string).
        uri: String,
    },
}

impl TransportPolicy {
    /// Checks that `uri` may be used.
    pub fn check(&self, uri: &Uri) -> Result<(), PolicyError> {
        let host = uri.host().unwrap_or_default();
        let unsupported = || PolicyError::UnsupportedUri {
            uri: format!(
                "{}://{}{}",
                uri.scheme_str().unwrap_or(""),
                host,
                uri.path()
            ),
        };
        if host.is_empty() {
            return Err(unsupported());
        }
        match uri.scheme_str() {
            Some("https") => Ok(()),
            Some("http") if self.allow_insecure_http || is_loopback(host) => Ok(()),
            Some("http") => Err(PolicyError::InsecureHttp {
                host: host.to_owned(),
            }),
            _ => Err(unsupported()),
        }
    }
}

/// Whether `host` names this machine: `localhost`, 127.0.0.0/8 or `::1`.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(uri: &str, allow: bool) -> Result<(), PolicyError> {
        let uri: Uri = uri.parse().expect("test uri");
        TransportPolicy {
            allow_insecure_http: allow,
        }
        .check(&uri)
    }

    #[test]
    fn https_always_allowed() {
        assert!(check("https://api.foxycart.com/", false).is_ok());
    }

    #[test]
    fn http_only_for_loopback_or_opt_in() {
        assert!(check("http://127.0.0.1:8080/", false).is_ok());
        assert!(check("http://localhost/", false).is_ok());
        assert!(check("http://[::1]:9/", false).is_ok());
        assert!(matches!(
            check("http://api.foxycart.com/", false),
            Err(PolicyError::InsecureHttp { .. })
        ));
        assert!(check("http://10.0.0.5/", true).is_ok());
    }

    #[test]
    fn other_schemes_refused() {
        assert!(matches!(
            check("ftp://example.com/", false),
            Err(PolicyError::UnsupportedUri { .. })
        ));
        assert!(check("/relative", false).is_err());
    }

    #[test]
    fn closures_are_transports() {
        let t = |req: Request<Vec<u8>>| Ok(http::Response::new(req.into_body()));
        let out = Transport::send(&t, Request::new(b"x".to_vec())).expect("echo");
        assert_eq!(out.body(), b"x");
    }
}
