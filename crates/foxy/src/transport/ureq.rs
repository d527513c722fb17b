//! The blocking transport over `ureq` (rustls with ring, certificates always verified).

use std::io;

use http::{Request, Response, Uri};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use super::{Outcome, Timeouts, Transport, TransportFailure};

/// Responses larger than this are refused rather than buffered.
const MAX_BODY: u64 = 256 * 1024 * 1024;

/// A [`Transport`] backed by a shared `ureq` agent with connection pooling.
///
/// Redirects are not followed (a redirected POST must never be replayed by
/// the transport), and HTTP error statuses are returned as responses so
/// that `foxy-proto` decides what they mean.
///
/// Host names are resolved on the calling thread: with any timeout set,
/// ureq's own resolver starts a thread for every request (even to an IP
/// address, even when a pooled connection is then reused). A lookup is
/// bounded by the system resolver's own limits (`resolv.conf`), not by
/// [`Timeouts::connect`]; connecting and the whole request keep their limits.
#[derive(Clone)]
pub struct UreqTransport {
    agent: ::ureq::Agent,
}

impl std::fmt::Debug for UreqTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UreqTransport").finish_non_exhaustive()
    }
}

impl UreqTransport {
    /// A transport with the given time limits.
    pub fn new(timeouts: Timeouts) -> UreqTransport {
        let config = ::ureq::Agent::config_builder()
            .timeout_connect(Some(timeouts.connect))
            .timeout_global(Some(timeouts.request))
            .http_status_as_error(false)
            .max_redirects(0)
            .build();
        let agent =
            ::ureq::Agent::with_parts(config, DefaultConnector::new(), InlineResolver::default());
        UreqTransport { agent }
    }
}

/// ureq's default resolver, told to resolve without a deadline so that it
/// looks names up on the calling thread instead of on a new one.
#[derive(Debug, Default)]
struct InlineResolver(DefaultResolver);

impl Resolver for InlineResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &::ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ::ureq::Error> {
        let inline = NextTimeout {
            after: UreqDuration::NotHappening,
            ..timeout
        };
        self.0.resolve(uri, config, inline)
    }
}

impl Default for UreqTransport {
    fn default() -> Self {
        UreqTransport::new(Timeouts::default())
    }
}

impl Transport for UreqTransport {
    fn send(&self, request: Request<Vec<u8>>) -> Outcome {
        let response = self.agent.run(request).map_err(classify)?;
        let (parts, mut body) = response.into_parts();
        let bytes =
            body.with_config()
                .limit(MAX_BODY)
                .read_to_vec()
                .map_err(|err| match classify(err) {
                    // The request went out; whatever broke the body, it may have been processed.
                    TransportFailure::NotSent(why) => TransportFailure::Dropped(why),
                    other => other,
                })?;
        Ok(Response::from_parts(parts, bytes))
    }
}

/// Sorts a ureq error by whether the request can have reached the server.
fn classify(err: ::ureq::Error) -> TransportFailure {
    use ::ureq::Error as E;
    use ::ureq::Timeout as T;
    match err {
        E::Timeout(T::Resolve | T::Connect) => {
            TransportFailure::NotSent("connect timed out".into())
        }
        E::Timeout(_) => TransportFailure::TimedOut,
        E::HostNotFound => TransportFailure::NotSent("host not found".into()),
        E::ConnectionFailed => TransportFailure::NotSent("connection failed".into()),
        E::BadUri(why) => TransportFailure::NotSent(format!("bad uri: {why}")),
        E::Http(why) => TransportFailure::NotSent(format!("bad request: {why}")),
        E::Tls(why) => TransportFailure::NotSent(format!("tls: {why}")),
        E::Rustls(why) => TransportFailure::NotSent(format!("tls: {why}")),
        E::Io(io) if never_sent(&io) => TransportFailure::NotSent(io.kind().to_string()),
        E::Io(io) if is_lookup_failure(&io) => {
            TransportFailure::NotSent("host name lookup failed".into())
        }
        E::Io(io) if io.kind() == io::ErrorKind::TimedOut => TransportFailure::TimedOut,
        other => TransportFailure::Dropped(other.to_string()),
    }
}

fn never_sent(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::AddrNotAvailable
            | io::ErrorKind::NotConnected
            | io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkUnreachable
    )
}

/// A failed name lookup (std reports it as an uncategorized I/O error whose
/// text says so): nothing was connected, so nothing was sent.
fn is_lookup_failure(err: &io::Error) -> bool {
    err.to_string().contains("failed to lookup address")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_connection_is_not_sent() {
        // Bind and drop a listener to find a port nothing listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("ephemeral port");
        let transport = UreqTransport::default();
        let request = Request::get(format!("http://127.0.0.1:{port}/"))
            .body(Vec::new())
            .expect("request");
        let failure = transport.send(request).expect_err("nothing listens");
        assert!(!failure.may_have_been_sent(), "{failure:?}");
    }

    #[test]
    fn failed_name_lookup_is_not_sent() {
        // `.invalid` never resolves (RFC 6761); without a resolver it fails at once too.
        let transport = UreqTransport::default();
        let request = Request::get("http://foxy-sdk-test.invalid/")
            .body(Vec::new())
            .expect("request");
        let failure = transport.send(request).expect_err("no such host");
        assert!(!failure.may_have_been_sent(), "{failure:?}");
    }

    #[test]
    fn lookup_failures_are_recognised_by_their_text() {
        let lookup =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert!(is_lookup_failure(&lookup));
        assert!(!is_lookup_failure(&io::Error::other("connection reset")));
    }
}
