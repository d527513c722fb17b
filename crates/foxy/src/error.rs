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
    /// A charge may have gone through: its POST may have reached the server
    /// (it did when `transaction` is known), and the operation failed
    /// afterwards with `cause`. Check the transaction (or list the
    /// transactions) before charging again: never charge again blindly.
    #[error(
        "the charge may have gone through{}; check before charging again: {cause}",
        transaction.as_ref().map(|t| format!(" (transaction {t})")).unwrap_or_default()
    )]
    Ambiguous {
        /// The transaction's href, when the server's answer named it.
        transaction: Option<String>,
        /// What failed once the charge may have been made.
        cause: Box<Error>,
    },
}

impl Error {
    /// Whether the request that failed may have reached the server and been
    /// processed: a dropped connection or a timeout. A charge that fails
    /// this way must be checked (list the transactions) before trying again.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            Error::Transport(failure) => failure.may_have_been_sent(),
            Error::Timeout | Error::Ambiguous { .. } => true,
            _ => false,
        }
    }

    /// The HTTP status of an API error (of the cause, for [`Error::Ambiguous`]).
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Ambiguous { cause, .. } => cause.status(),
            _ => None,
        }
    }

    /// The href of the transaction a charge may have made, when known.
    pub fn transaction(&self) -> Option<&str> {
        match self {
            Error::Ambiguous { transaction, .. } => transaction.as_deref(),
            _ => None,
        }
    }

    /// This error as the failure of an operation whose charge may have
    /// gone through (`transaction` when known); an [`Error::Ambiguous`]
    /// stays as it is, learning the transaction if it lacked it.
    pub fn after_charge(self, transaction: Option<String>) -> Error {
        match self {
            Error::Ambiguous {
                transaction: known,
                cause,
            } => Error::Ambiguous {
                transaction: known.or(transaction),
                cause,
            },
            cause => Error::Ambiguous {
                transaction,
                cause: Box::new(cause),
            },
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

    #[test]
    fn a_failure_after_a_charge_is_ambiguous_and_keeps_its_status() {
        let api = Error::Api(ApiError {
            status: http::StatusCode::INTERNAL_SERVER_ERROR,
            problem: None,
            meta: Default::default(),
        });
        assert!(!api.is_ambiguous());
        let after = api.after_charge(Some("https://api.test/transactions/7".into()));
        assert!(after.is_ambiguous());
        assert_eq!(
            after.status(),
            Some(http::StatusCode::INTERNAL_SERVER_ERROR)
        );
        assert_eq!(after.transaction(), Some("https://api.test/transactions/7"));
        let text = after.to_string();
        assert!(text.contains("may have gone through"), "{text}");
        assert!(
            text.contains("transactions/7") && text.contains("500"),
            "{text}"
        );
        // Wrapping twice keeps one level and the href first learnt.
        let twice = after.clone().after_charge(None);
        assert_eq!(twice, after);
        let learnt = Error::Timeout
            .after_charge(None)
            .after_charge(Some("t/1".into()));
        assert_eq!(learnt.transaction(), Some("t/1"));
    }
}
