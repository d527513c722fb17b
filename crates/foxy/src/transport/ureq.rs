//! The blocking transport over `ureq` (rustls with ring, certificates always verified).

use std::io;

use http::{Request, Response, Uri};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{Connector as _, DefaultConnector, NextTimeout};

use super::steady::SteadyTimeouts;
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
///
/// The socket's read and write timeouts are set only when the time left of
/// a request has moved away from what they hold (`transport::steady`): a
/// request's limit is never enforced early, and at most a thirty-second of
/// what remained (at most a second) late.
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
        UreqTransport {
            agent: agent(timeouts, DefaultResolver::default()),
        }
    }
}

/// The agent of a transport: `timeouts`, no redirects, error statuses as
/// responses, names looked up by `resolver` on the calling thread.
fn agent(timeouts: Timeouts, resolver: impl Resolver) -> ::ureq::Agent {
    let config = ::ureq::Agent::config_builder()
        .timeout_connect(Some(timeouts.connect))
        .timeout_global(Some(timeouts.request))
        .http_status_as_error(false)
        .max_redirects(0)
        .build();
    let connector = DefaultConnector::new().chain(SteadyTimeouts);
    ::ureq::Agent::with_parts(config, connector, InlineResolver(resolver))
}

/// A resolver (ureq's default one) told to resolve without a deadline, so
/// that it looks names up on the calling thread instead of on a new one.
#[derive(Debug, Default)]
struct InlineResolver<R>(R);

impl<R: Resolver> Resolver for InlineResolver<R> {
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

    /// A server on 127.0.0.1 that reads each request and answers with
    /// `answer` (or holds the connection, silent, when it is `None`).
    fn local_server(answer: Option<&'static str>) -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a listener");
        let port = listener.local_addr().expect("its address").port();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for mut stream in listener.incoming().flatten() {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                match answer {
                    Some(text) => {
                        let _ = stream.write_all(text.as_bytes());
                    }
                    None => held.push(stream),
                }
            }
        });
        format!("http://127.0.0.1:{port}/")
    }

    #[test]
    fn a_silent_server_times_out_after_the_request_limit() {
        let url = local_server(None);
        let transport = UreqTransport::new(Timeouts {
            connect: std::time::Duration::from_secs(5),
            request: std::time::Duration::from_millis(200),
        });
        let request = Request::get(url).body(Vec::new()).expect("request");
        let failure = transport.send(request).expect_err("no answer comes");
        assert!(matches!(failure, TransportFailure::TimedOut), "{failure:?}");
    }

    /// Records whether each lookup was asked to finish by a deadline.
    #[derive(Debug, Default, Clone)]
    struct Recording(std::sync::Arc<std::sync::Mutex<Vec<bool>>>);

    impl Resolver for Recording {
        fn resolve(
            &self,
            uri: &Uri,
            config: &::ureq::config::Config,
            timeout: NextTimeout,
        ) -> Result<ResolvedSocketAddrs, ::ureq::Error> {
            self.0
                .lock()
                .expect("not poisoned")
                .push(!timeout.after.is_not_happening());
            DefaultResolver::default().resolve(uri, config, timeout)
        }
    }

    /// ureq's default resolver starts a thread for a lookup only when it
    /// has a deadline: every lookup of a transport with limits set has none.
    #[test]
    fn names_are_looked_up_without_a_deadline_so_on_the_calling_thread() {
        let url = local_server(Some("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"));
        let recording = Recording::default();
        let transport = UreqTransport {
            agent: agent(Timeouts::default(), recording.clone()),
        };
        for _ in 0..3 {
            let request = Request::get(url.as_str())
                .body(Vec::new())
                .expect("request");
            let response = transport.send(request).expect("an answer");
            assert_eq!(response.body(), b"{}");
        }
        let deadlines = recording.0.lock().expect("not poisoned").clone();
        assert_eq!(deadlines, vec![false; 3]);
    }

    #[test]
    fn lookup_failures_are_recognised_by_their_text() {
        let lookup =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert!(is_lookup_failure(&lookup));
        assert!(!is_lookup_failure(&io::Error::other("connection reset")));
    }
}
