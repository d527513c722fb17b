//! The async transport over `reqwest` (rustls with ring, certificates always verified).

use http::{Request, Response};

use super::{AsyncTransport, BoxFuture, Outcome, Timeouts, TransportFailure};

/// An [`AsyncTransport`] backed by a shared `reqwest` client with connection pooling.
///
/// Redirects are not followed (a redirected POST must never be replayed by
/// the transport); error statuses come back as responses for `foxy-proto`.
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: ::reqwest::Client,
}

/// The async transport could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot build the http client: {0}")]
pub struct TransportBuildError(String);

impl ReqwestTransport {
    /// A transport with the given time limits.
    pub fn new(timeouts: Timeouts) -> Result<ReqwestTransport, TransportBuildError> {
        // One crypto stack: ring. Installing twice is harmless, so the error is ignored.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = ::reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            .redirect(::reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| TransportBuildError(e.to_string()))?;
        Ok(ReqwestTransport { client })
    }
}

impl AsyncTransport for ReqwestTransport {
    fn send(&self, request: Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        Box::pin(async move {
            let request = ::reqwest::Request::try_from(request)
                .map_err(|e| TransportFailure::NotSent(format!("bad request: {e}")))?;
            let response = self.client.execute(request).await.map_err(classify)?;
            let mut builder = Response::builder()
                .status(response.status())
                .version(response.version());
            if let Some(headers) = builder.headers_mut() {
                headers.extend(response.headers().clone());
            }
            let body = response.bytes().await.map_err(|e| match classify(e) {
                TransportFailure::NotSent(why) => TransportFailure::Dropped(why),
                other => other,
            })?;
            builder
                .body(body.to_vec())
                .map_err(|e| TransportFailure::Dropped(e.to_string()))
        })
    }
}

/// Sorts a reqwest error by whether the request can have reached the server.
fn classify(err: ::reqwest::Error) -> TransportFailure {
    if err.is_connect() || err.is_builder() {
        TransportFailure::NotSent(err.without_url().to_string())
    } else if err.is_timeout() {
        TransportFailure::TimedOut
    } else {
        TransportFailure::Dropped(err.without_url().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn refused_connection_is_not_sent() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("ephemeral port");
        let transport = ReqwestTransport::new(Timeouts::default()).expect("client");
        let request = Request::get(format!("http://127.0.0.1:{port}/"))
            .body(Vec::new())
            .expect("request");
        let failure = transport.send(request).await.expect_err("nothing listens");
        assert!(!failure.may_have_been_sent(), "{failure:?}");
    }
}
