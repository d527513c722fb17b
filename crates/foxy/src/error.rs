//! The one error type of the clients.
//!
//! [`Error`] flattens `foxy-proto`'s error (API errors with `fx:errors`
//! messages and logrefs, authentication, transport, timeout, decode,
//! invalid input) and adds what only the clients can fail with: a URI the
//! [`TransportPolicy`](crate::TransportPolicy) refuses, a response that does
//! not fit the typed model, a client that cannot be built. No variant
//! carries an access token, a refresh token or a client secret.

use foxy_model::ModelError;
use foxy_proto::error::Error as ProtoError;
use foxy_proto::step::TransportFailure;

pub use foxy_proto::error::{ApiError, AuthError};
pub use foxy_proto::request::RequestError;
pub use foxy_proto::{DecodeError, ProblemError};

pub use crate::transport::PolicyError;

/// Everything a client call can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status (see [`ApiError::messages`] and
    /// [`ApiError::logrefs`]).
    #[error(transparent)]
    Api(ApiError),
    /// Authentication failed: no token, the token endpoint refused, or the
    /// API rejected the token even after a refresh.
    #[error(transparent)]
    Auth(AuthError),
    /// The request was refused before it was sent (bad URI, limit above 300...).
    #[error("invalid input: {0}")]
    Input(RequestError),
    /// The response could not be decoded in its media type.
    #[error("cannot decode the response: {0}")]
    Decode(DecodeError),
    /// The response decoded but does not fit the typed model.
    #[error("unexpected resource: {0}")]
    Model(ModelError),
    /// A link the operation needs is missing from a resource.
    #[error("no {rel} link on {on}")]
    MissingLink {
        /// The relation looked for (compact form, `fx:carts`).
        rel: String,
        /// Where it was looked for (an href or `the API home`).
        on: String,
    },
    /// The transport failed. [`TransportFailure::may_have_been_sent`] says
    /// whether the server can have processed the request.
    #[error("transport failed: {0}")]
    Transport(TransportFailure),
    /// No response arrived in time; the request may have been processed.
    #[error("request timed out")]
    Timeout,
    /// The [`TransportPolicy`](crate::TransportPolicy) refused a URI.
    #[error(transparent)]
    Policy(PolicyError),
    /// The client could not be built (bad base URL, no credentials...).
    #[error("cannot build the client: {0}")]
    Config(String),
    /// A bug in the client (a state machine driven out of order).
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Whether the request that failed may have reached the server and been
    /// processed: a dropped connection or a timeout. A charge that fails
    /// this way must be checked (list the transactions) before trying again.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            Error::Transport(failure) => failure.may_have_been_sent(),
            Error::Timeout => true,
            _ => false,
        }
    }

    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            _ => None,
        }
    }
}

impl From<ProtoError> for Error {
    fn from(err: ProtoError) -> Self {
        match err {
            ProtoError::Api(e) => Error::Api(e),
            ProtoError::Auth(e) => Error::Auth(e),
            ProtoError::Input(e) => Error::Input(e),
            ProtoError::Decode(e) => Error::Decode(e),
            ProtoError::Transport(e) => Error::Transport(e),
            ProtoError::Timeout => Error::Timeout,
            other => Error::Internal(other.to_string()),
        }
    }
}

impl From<ModelError> for Error {
    fn from(err: ModelError) -> Self {
        Error::Model(err)
    }
}

impl From<RequestError> for Error {
    fn from(err: RequestError) -> Self {
        Error::Input(err)
    }
}

impl From<foxy_proto::query::QueryError> for Error {
    fn from(err: foxy_proto::query::QueryError) -> Self {
        Error::Input(RequestError::Query(err))
    }
}

impl From<PolicyError> for Error {
    fn from(err: PolicyError) -> Self {
        Error::Policy(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proto_errors_flatten_and_ambiguity_is_reported() {
        let dropped = Error::from(ProtoError::Transport(TransportFailure::Dropped(
            "reset".into(),
        )));
        assert!(dropped.is_ambiguous());
        assert!(Error::from(ProtoError::Timeout).is_ambiguous());
        let refused = Error::from(ProtoError::Transport(TransportFailure::NotSent(
            "no".into(),
        )));
        assert!(!refused.is_ambiguous());
        assert_eq!(Error::from(ProtoError::Timeout), Error::Timeout);
        let driver = Error::from(ProtoError::Driver("polled after done"));
        assert!(matches!(driver, Error::Internal(_)));
        assert_eq!(dropped.status(), None);
    }
}
