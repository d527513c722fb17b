//! Which URIs a client may send to: the one gate every request passes.
//!
//! HTTPS always (certificate checks are the transport's and cannot be
//! turned off), plain HTTP only to a loopback host unless explicitly
//! allowed. Every machine that hands a request to a driver checks it here
//! first: [`crate::flow::Flow`] and [`crate::flow::Guarded`].

use std::net::IpAddr;

use http::Uri;

/// Which URIs a client may send to: HTTPS always, plain HTTP only to a
/// loopback host unless explicitly allowed.
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
}
