//! Single sign-on: the `fc_auth_token` and the checkout URL that carries it.
//!
//! With single sign-on, Foxy sends the customer to the store's own site,
//! which logs them in and redirects back to
//! `https://STORE_DOMAIN/checkout?fc_customer_id=..&timestamp=..&fc_auth_token=..`.
//! The token is the lowercase hex SHA-1 of `<customer_id>|<timestamp>|<secret>`;
//! the timestamp (passed in, never read from the clock) is the moment the
//! link stops being valid.
//!
//! ```
//! use foxy_proto::signing::Secret;
//! use foxy_proto::sso;
//!
//! let secret = Secret::new("yes, very");
//! assert_eq!(sso::auth_token(&secret, 12345, 1585405655), "fe55dd1299ce7db668bd43ee3284e823a84fe3b3");
//!
//! let url = sso::checkout_url("example.foxycart.com", &secret, 12345, 1585405655, Some("abc"))?;
//! assert_eq!(
//!     url,
//!     "https://example.foxycart.com/checkout?fc_customer_id=12345&timestamp=1585405655\
//!      &fc_auth_token=fe55dd1299ce7db668bd43ee3284e823a84fe3b3&fcsid=abc",
//! );
//! let params = sso::verify_checkout_url(&secret, &url, 1585405000)?;
//! assert_eq!(params.customer_id, 12345);
//! # Ok::<(), sso::SsoError>(())
//! ```

use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha1::{Digest, Sha1};

use crate::signing::{Secret, ct_eq};

/// Why a single sign-on URL could not be built or was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SsoError {
    /// The store domain is empty or contains characters a host cannot have.
    #[error("invalid store domain {0:?}")]
    InvalidDomain(String),
    /// A query parameter is absent.
    #[error("missing {0} parameter")]
    MissingParameter(&'static str),
    /// A query parameter is not a number (or not text).
    #[error("invalid {0} parameter")]
    InvalidParameter(&'static str),
    /// The token does not match the customer, timestamp and secret.
    #[error("fc_auth_token does not match")]
    Mismatch,
    /// The timestamp is in the past.
    #[error("token expired at {timestamp} (now {now})")]
    Expired {
        /// The timestamp of the link.
        timestamp: u64,
        /// The time it was checked at.
        now: u64,
    },
}

/// The parameters of a verified single sign-on URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoParams {
    /// `fc_customer_id`.
    pub customer_id: u64,
    /// `timestamp` (Unix seconds): the link is valid until then.
    pub timestamp: u64,
    /// The session id (`fcsid`), when present.
    pub fcsid: Option<String>,
}

/// `fc_auth_token`: lowercase hex SHA-1 of `<customer_id>|<timestamp>|<secret>`.
pub fn auth_token(secret: &Secret, customer_id: u64, timestamp: u64) -> String {
    let mut sha = Sha1::new();
    sha.update(format!("{customer_id}|{timestamp}|").as_bytes());
    sha.update(secret.as_bytes());
    hex::encode(sha.finalize())
}

/// The checkout URL that logs the customer in.
///
/// # Errors
/// [`SsoError::InvalidDomain`] when `store_domain` is not a bare host name
/// (with an optional port).
pub fn checkout_url(
    store_domain: &str,
    secret: &Secret,
    customer_id: u64,
    timestamp: u64,
    fcsid: Option<&str>,
) -> Result<String, SsoError> {
    let valid = !store_domain.is_empty()
        && store_domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    if !valid {
        return Err(SsoError::InvalidDomain(store_domain.to_owned()));
    }
    let token = auth_token(secret, customer_id, timestamp);
    let mut url = format!(
        "https://{store_domain}/checkout?fc_customer_id={customer_id}&timestamp={timestamp}&fc_auth_token={token}"
    );
    if let Some(fcsid) = fcsid {
        url.push_str("&fcsid=");
        url.extend(utf8_percent_encode(fcsid, NON_ALPHANUMERIC));
    }
    Ok(url)
}

/// Checks a token against the customer, timestamp and secret (constant
/// time), and that `now` (Unix seconds) is not past the timestamp.
///
/// # Errors
/// [`SsoError::Mismatch`] or [`SsoError::Expired`].
pub fn verify_token(
    secret: &Secret,
    customer_id: u64,
    timestamp: u64,
    token: &str,
    now: u64,
) -> Result<(), SsoError> {
    let expected = auth_token(secret, customer_id, timestamp);
    if !ct_eq(
        expected.as_bytes(),
        token.trim().to_ascii_lowercase().as_bytes(),
    ) {
        return Err(SsoError::Mismatch);
    }
    if now > timestamp {
        return Err(SsoError::Expired { timestamp, now });
    }
    Ok(())
}

/// Reads and checks the parameters of a single sign-on checkout URL (or of
/// its query string alone).
///
/// # Errors
/// A missing or malformed parameter, a token mismatch, or an expired link.
pub fn verify_checkout_url(secret: &Secret, url: &str, now: u64) -> Result<SsoParams, SsoError> {
    let query = url.split_once('?').map_or(url, |(_, q)| q);
    let query = query.split('#').next().unwrap_or("");
    let find = |name: &'static str| -> Result<Option<String>, SsoError> {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| {
                percent_decode_str(&value.replace('+', " "))
                    .decode_utf8()
                    .map(|v| v.into_owned())
                    .map_err(|_| SsoError::InvalidParameter(name))
            })
            .transpose()
    };
    let number = |name: &'static str| -> Result<u64, SsoError> {
        find(name)?
            .ok_or(SsoError::MissingParameter(name))?
            .parse()
            .map_err(|_| SsoError::InvalidParameter(name))
    };
    let customer_id = number("fc_customer_id")?;
    let timestamp = number("timestamp")?;
    let token = find("fc_auth_token")?.ok_or(SsoError::MissingParameter("fc_auth_token"))?;
    verify_token(secret, customer_id, timestamp, &token, now)?;
    Ok(SsoParams {
        customer_id,
        timestamp,
        fcsid: find("fcsid")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_domains_are_rejected() {
        let secret = Secret::new("s");
        for domain in ["", "a b", "evil.test/x?", "user@host"] {
            assert!(matches!(
                checkout_url(domain, &secret, 1, 2, None),
                Err(SsoError::InvalidDomain(_))
            ));
        }
    }

    #[test]
    fn verification_failures() {
        let secret = Secret::new("s");
        let url = checkout_url("x.test", &secret, 7, 100, None).expect("url");
        assert_eq!(
            verify_checkout_url(&secret, &url, 101),
            Err(SsoError::Expired {
                timestamp: 100,
                now: 101
            })
        );
        assert_eq!(
            verify_checkout_url(&Secret::new("t"), &url, 50),
            Err(SsoError::Mismatch)
        );
        let tampered = url.replace("fc_customer_id=7", "fc_customer_id=8");
        assert_eq!(
            verify_checkout_url(&secret, &tampered, 50),
            Err(SsoError::Mismatch)
        );
        assert_eq!(
            verify_checkout_url(&secret, "timestamp=1&fc_auth_token=x", 0),
            Err(SsoError::MissingParameter("fc_customer_id"))
        );
        assert_eq!(
            verify_checkout_url(&secret, "fc_customer_id=x&timestamp=1", 0),
            Err(SsoError::InvalidParameter("fc_customer_id"))
        );
        let params = verify_checkout_url(&secret, &url, 100).expect("valid at the last second");
        assert_eq!(
            params,
            SsoParams {
                customer_id: 7,
                timestamp: 100,
                fcsid: None
            }
        );
    }

    #[test]
    fn errors_never_show_the_secret() {
        let secret = Secret::new("very-secret");
        let err = verify_token(&secret, 1, 2, "nope", 0).expect_err("mismatch");
        assert!(!format!("{err} {err:?}").contains("very-secret"));
    }
}
