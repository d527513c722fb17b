//! The one error enum of the binding, mapped from the Rust errors by one
//! table keyed by [`foxy::ErrorKind`].
//!
//! Every exported call fails with [`FoxyError`]: `FoxyError` in Swift (an
//! `Error`), `FoxyException` in Kotlin, `FoxyError` in Python. Its variants
//! mirror [`foxy::Error`] one level deep (no nested enums to match on) plus
//! what only the helpers can fail with ([`FoxyError::Rejected`]). Which
//! variant a kind becomes is [`variant_of`], one exhaustive table; a variant
//! that several kinds share (`Config`, `Internal`) carries the kind's
//! `code` (`ErrorKind::code`). [`error_kinds`] lists the table. Messages
//! come from the Rust errors, which never carry a token, a client secret, a
//! store secret or a webhook key; nothing here adds one.
//!
//! A foreign transport reports its failures with the same enum:
//! [`FoxyError::Transport`] (with `may_have_been_sent`) or
//! [`FoxyError::Timeout`].

use foxy::ErrorKind;
use foxy::proto::step::TransportFailure;

/// Everything a call through the binding can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum FoxyError {
    /// The API answered with an error status; `messages` and `logrefs` are
    /// Foxy's `fx:errors` entries.
    #[error("{detail}")]
    Api {
        /// The HTTP status (404, 422...).
        status: u16,
        /// The `message` of each `fx:errors` entry.
        messages: Vec<String>,
        /// The `logref` of each `fx:errors` entry.
        logrefs: Vec<String>,
        /// The whole error as text.
        detail: String,
    },
    /// Authentication failed: no token, or the token endpoint refused.
    #[error("{detail}")]
    Auth {
        /// What went wrong.
        detail: String,
    },
    /// The API rejected the access token (401): it expired or was revoked,
    /// and no refresh could replace it.
    #[error("{detail}")]
    TokenRejected {
        /// The server's OAuth error code (`invalid_token`).
        code: String,
        /// The whole error as text.
        detail: String,
    },
    /// A charge may have gone through and the operation failed afterwards
    /// (reading the transaction got a 500, the connection dropped...):
    /// check the transaction before charging again.
    #[error("{detail}")]
    Ambiguous {
        /// The transaction's href, when the API named it.
        transaction: Option<String>,
        /// The HTTP status of what failed, when it was an API error.
        status: Option<u16>,
        /// The whole error as text.
        detail: String,
    },
    /// The input was refused before anything was sent (a limit above 300, a
    /// bad filter, a price that is not a decimal number, a bad URI...).
    #[error("invalid input: {detail}")]
    InvalidInput {
        /// What is wrong with it.
        detail: String,
    },
    /// The response could not be decoded in its media type.
    #[error("cannot decode: {detail}")]
    Decode {
        /// Where and why decoding failed.
        detail: String,
    },
    /// The response decoded but does not fit the typed record.
    #[error("unexpected resource: {detail}")]
    Model {
        /// The field and the problem.
        detail: String,
    },
    /// A link the operation needs is missing from a resource (for example a
    /// cart record without its `fx:items` link).
    #[error("no {rel} link on {on}")]
    MissingLink {
        /// The relation looked for (`fx:items`).
        rel: String,
        /// Where it was looked for (an href or `the API home`).
        on: String,
    },
    /// The transport failed. When `may_have_been_sent` is true the server
    /// may have processed the request: check before repeating a charge.
    #[error("transport failed: {detail}")]
    Transport {
        /// What the transport reported.
        detail: String,
        /// Whether the request may have reached the server.
        may_have_been_sent: bool,
    },
    /// No response arrived in time; the request may have been processed.
    #[error("request timed out")]
    Timeout,
    /// The transport policy refused a URI (plain http to a host other than
    /// loopback without `allow_insecure_http`).
    #[error("{detail}")]
    Policy {
        /// The URI refused and why.
        detail: String,
    },
    /// The client could not be built (bad base URL, no credentials...).
    #[error("cannot build the client: {detail}")]
    Config {
        /// The Rust error kind's code (`invalid_base_url`, `no_credentials`...).
        code: String,
        /// What is wrong with the configuration.
        detail: String,
    },
    /// A signature, webhook or single sign-on link did not check out (or
    /// could not be read).
    #[error("rejected: {detail}")]
    Rejected {
        /// Why it was rejected.
        detail: String,
    },
    /// A bug: in the SDK, or an unexpected error thrown by a foreign
    /// transport.
    #[error("internal error: {detail}")]
    Internal {
        /// The Rust error kind's code (`legacy`, `driver_misuse`...), or
        /// `internal` for what no Rust error kind names (a panic, a bug).
        code: String,
        /// What happened.
        detail: String,
    },
}

impl FoxyError {
    /// An [`FoxyError::InvalidInput`] with `detail`.
    pub(crate) fn input(detail: impl std::fmt::Display) -> FoxyError {
        FoxyError::InvalidInput {
            detail: detail.to_string(),
        }
    }

    /// A [`FoxyError::Rejected`] with `detail`.
    pub(crate) fn rejected(detail: impl std::fmt::Display) -> FoxyError {
        FoxyError::Rejected {
            detail: detail.to_string(),
        }
    }

    /// What a foreign transport's error means to the core: whether the
    /// request may have been sent decides whether it may be retried.
    pub(crate) fn into_transport_failure(self) -> TransportFailure {
        match self {
            FoxyError::Timeout => TransportFailure::TimedOut,
            FoxyError::Transport {
                detail,
                may_have_been_sent: false,
            } => TransportFailure::NotSent(detail),
            // Anything else (including an unexpected exception) may have
            // reached the server: never replayed unless idempotent.
            other => TransportFailure::Dropped(other.to_string()),
        }
    }
}

/// The variant of [`FoxyError`] a Rust error kind becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Api,
    Auth,
    InvalidInput,
    Decode,
    Model,
    MissingLink,
    Transport,
    Timeout,
    Policy,
    Config,
    Ambiguous,
    Internal,
}

impl Variant {
    /// Its name in Swift, Kotlin and Python.
    fn name(self) -> &'static str {
        match self {
            Variant::Api => "Api",
            Variant::Auth => "Auth",
            Variant::InvalidInput => "InvalidInput",
            Variant::Decode => "Decode",
            Variant::Model => "Model",
            Variant::MissingLink => "MissingLink",
            Variant::Transport => "Transport",
            Variant::Timeout => "Timeout",
            Variant::Policy => "Policy",
            Variant::Config => "Config",
            Variant::Ambiguous => "Ambiguous",
            Variant::Internal => "Internal",
        }
    }
}

/// The table: the variant each Rust error kind becomes.
fn variant_of(kind: ErrorKind) -> Variant {
    match kind {
        ErrorKind::Api => Variant::Api,
        ErrorKind::Auth => Variant::Auth,
        ErrorKind::Input => Variant::InvalidInput,
        ErrorKind::Decode => Variant::Decode,
        ErrorKind::Model => Variant::Model,
        ErrorKind::MissingLink => Variant::MissingLink,
        ErrorKind::Transport => Variant::Transport,
        ErrorKind::Timeout => Variant::Timeout,
        ErrorKind::Policy => Variant::Policy,
        ErrorKind::InvalidBaseUrl
        | ErrorKind::InvalidTokenEndpoint
        | ErrorKind::UnsupportedMediaType
        | ErrorKind::NoCredentials
        | ErrorKind::TransportSetup => Variant::Config,
        ErrorKind::Ambiguous => Variant::Ambiguous,
        ErrorKind::Legacy | ErrorKind::CartEndpoint | ErrorKind::DriverMisuse => Variant::Internal,
        // A kind newer than this table: still typed, with its code.
        _ => Variant::Internal,
    }
}

/// One row of the error table: a Rust error kind and the variant it becomes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorKindEntry {
    /// The kind's stable code (`ErrorKind::code`: `missing_link`).
    pub code: String,
    /// The `FoxyError` variant (`MissingLink`; `FoxyException.MissingLink` in Kotlin).
    pub variant: String,
}

/// Every Rust error kind (`foxy::ErrorKind::ALL`) with the variant it becomes.
#[uniffi::export]
pub fn error_kinds() -> Vec<ErrorKindEntry> {
    ErrorKind::ALL
        .iter()
        .map(|&kind| ErrorKindEntry {
            code: kind.code().to_owned(),
            variant: variant_of(kind).name().to_owned(),
        })
        .collect()
}

impl From<foxy::Error> for FoxyError {
    fn from(err: foxy::Error) -> Self {
        let detail = err.to_string();
        let kind = err.kind();
        let code = kind.code().to_owned();
        match (variant_of(kind), err) {
            (Variant::Api, foxy::Error::Api(api)) => FoxyError::Api {
                status: api.status.as_u16(),
                messages: api.messages().into_iter().map(str::to_owned).collect(),
                logrefs: api.logrefs().into_iter().map(str::to_owned).collect(),
                detail,
            },
            (Variant::Auth, foxy::Error::Auth(foxy::error::AuthError::Rejected { code, .. })) => {
                FoxyError::TokenRejected { code, detail }
            }
            (Variant::Auth, _) => FoxyError::Auth { detail },
            (Variant::Ambiguous, foxy::Error::Ambiguous { transaction, cause }) => {
                FoxyError::Ambiguous {
                    transaction,
                    status: cause.status().map(|s| s.as_u16()),
                    detail,
                }
            }
            (Variant::InvalidInput, foxy::Error::Input(e)) => FoxyError::input(e),
            (Variant::Decode, foxy::Error::Decode(e)) => FoxyError::Decode {
                detail: e.to_string(),
            },
            (Variant::Model, foxy::Error::Model(e)) => FoxyError::Model {
                detail: e.to_string(),
            },
            (Variant::MissingLink, foxy::Error::MissingLink { rel, on }) => {
                FoxyError::MissingLink { rel, on }
            }
            (Variant::Transport, foxy::Error::Transport(failure)) => FoxyError::Transport {
                may_have_been_sent: failure.may_have_been_sent(),
                detail: failure.to_string(),
            },
            (Variant::Timeout, _) => FoxyError::Timeout,
            (Variant::Policy, _) => FoxyError::Policy { detail },
            (Variant::Config, _) => FoxyError::Config { code, detail },
            _ => FoxyError::Internal { code, detail },
        }
    }
}

impl From<foxy::model::ModelError> for FoxyError {
    fn from(err: foxy::model::ModelError) -> Self {
        FoxyError::Model {
            detail: err.to_string(),
        }
    }
}

impl From<foxy::proto::DecodeError> for FoxyError {
    fn from(err: foxy::proto::DecodeError) -> Self {
        FoxyError::Decode {
            detail: err.to_string(),
        }
    }
}

impl From<foxy::proto::EncodeError> for FoxyError {
    fn from(err: foxy::proto::EncodeError) -> Self {
        FoxyError::input(err)
    }
}

impl From<foxy::proto::query::QueryError> for FoxyError {
    fn from(err: foxy::proto::query::QueryError) -> Self {
        FoxyError::input(err)
    }
}

impl From<foxy::proto::signing::SignError> for FoxyError {
    fn from(err: foxy::proto::signing::SignError) -> Self {
        FoxyError::input(err)
    }
}

impl From<foxy::proto::webhook::WebhookError> for FoxyError {
    fn from(err: foxy::proto::webhook::WebhookError) -> Self {
        use foxy::proto::webhook::WebhookError;
        match err {
            WebhookError::Build(_) => FoxyError::input(err),
            other => FoxyError::rejected(other),
        }
    }
}

impl From<foxy::proto::sso::SsoError> for FoxyError {
    fn from(err: foxy::proto::sso::SsoError) -> Self {
        use foxy::proto::sso::SsoError;
        match err {
            SsoError::InvalidDomain(_) => FoxyError::input(err),
            other => FoxyError::rejected(other),
        }
    }
}

impl From<foxy::proto::MediaTypeError> for FoxyError {
    fn from(err: foxy::proto::MediaTypeError) -> Self {
        FoxyError::input(err)
    }
}

/// An exception a foreign transport threw that is not a `FoxyError`.
impl From<uniffi::UnexpectedUniFFICallbackError> for FoxyError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        FoxyError::Internal {
            code: "internal".to_owned(),
            detail: format!("the transport failed unexpectedly: {}", err.reason),
        }
    }
}

/// The result of every fallible export.
pub type FoxyResult<T> = Result<T, FoxyError>;
