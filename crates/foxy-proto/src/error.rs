//! The error the clients surface, and reading a response into a result.
//!
//! [`Error`] covers every way a call can fail: the API said no ([`ApiError`],
//! with Foxy's `fx:errors` messages and logrefs), authentication failed,
//! the input was invalid before anything was sent, the response could not be
//! decoded, or the transport failed or timed out. No variant carries a token
//! or a client secret.

use std::fmt;

use http::{Response, StatusCode, header};

use crate::auth::TokenError;
use crate::cart_endpoint::CartEndpointError;
use crate::codec::{self, DecodeError};
use crate::legacy::LegacyError;
use crate::media::MediaType;
use crate::meta::{Meta, ResponseMeta};
use crate::policy::PolicyError;
use crate::problem::ApiProblem;
use crate::query::QueryError;
use crate::request::RequestError;
use crate::resource::Resource;
use crate::step::TransportFailure;

/// Everything a call can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// Authentication failed.
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The request was refused before it was sent (limit 301, bad URI...).
    #[error("invalid input: {0}")]
    Input(#[from] RequestError),
    /// The response could not be decoded.
    #[error("cannot decode the response: {0}")]
    Decode(#[from] DecodeError),
    /// The transport failed (connection refused or dropped).
    #[error("transport failed: {0}")]
    Transport(TransportFailure),
    /// No response arrived in time.
    #[error("request timed out")]
    Timeout,
    /// The driver loop broke the machine's protocol (a bug in the client).
    #[error("driver misuse: {0}")]
    Driver(&'static str),
    /// The [`TransportPolicy`](crate::policy::TransportPolicy) refused a
    /// URI; nothing was sent to it.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// A legacy XML API call failed: the store answered `ERROR`
    /// ([`LegacyError::Api`]), an error status ([`LegacyError::Status`]),
    /// or something that is not a `<foxydata>` document.
    #[error(transparent)]
    Legacy(#[from] LegacyError),
    /// A `/cart` endpoint call failed: the request could not be built or
    /// signed, the endpoint refused it, or its answer is not a JSON cart.
    #[error(transparent)]
    CartEndpoint(#[from] CartEndpointError),
    /// A link the operation needs is missing from a resource.
    #[error("no {rel} link on {on}")]
    MissingLink {
        /// The relation looked for (compact form, `fx:carts`).
        rel: String,
        /// Where it was looked for (an href or `the API home`).
        on: String,
    },
}

impl Error {
    /// Whether the request that failed may have reached the server: a
    /// dropped connection or a timeout.
    pub fn may_have_been_sent(&self) -> bool {
        match self {
            Error::Transport(failure) => failure.may_have_been_sent(),
            Error::Timeout => true,
            _ => false,
        }
    }

    /// What the server said besides the body, for an API error whose
    /// answer was recorded (its `logref` included).
    pub fn meta(&self) -> Option<&ResponseMeta> {
        match self {
            Error::Api(api) => api.meta(),
            _ => None,
        }
    }
}

impl From<TransportFailure> for Error {
    fn from(failure: TransportFailure) -> Self {
        match failure {
            TransportFailure::TimedOut => Error::Timeout,
            other => Error::Transport(other),
        }
    }
}

impl From<QueryError> for Error {
    fn from(err: QueryError) -> Self {
        Error::Input(RequestError::Query(err))
    }
}

/// Authentication failures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// No access token, and no refresh token to get one.
    #[error("no access token available; authorize first")]
    NoToken,
    /// The token endpoint refused or answered nonsense.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The API answered 401 `invalid_token` (the token expired or was
    /// revoked) and no refresh could replace the token: there was no
    /// refresh token, or the API rejected the refreshed one too.
    #[error("access token rejected by the API: {code}{}", description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Rejected {
        /// The server's OAuth error code (`invalid_token`).
        code: String,
        /// The server's `error_description`, when it gave one.
        description: Option<String>,
    },
}

impl AuthError {
    /// The rejection a 401 `invalid_token` response reports.
    pub fn rejected(response: &Response<Vec<u8>>) -> AuthError {
        let problem = ApiError::from_response(response).problem;
        let code = problem
            .as_ref()
            .and_then(|p| p.oauth_error.clone())
            .unwrap_or_else(|| "invalid_token".to_owned());
        let description = problem
            .as_ref()
            .map(|p| p.message().to_owned())
            .filter(|m| !m.is_empty() && *m != code);
        AuthError::Rejected { code, description }
    }
}

/// An error status from the API, with the error document when it had one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The `fx:errors` (or OAuth) document, when the body was one.
    pub problem: Option<ApiProblem>,
    /// What the server said besides the body (its `logref` the first of
    /// the document's), when the client recorded it; ignored by equality.
    pub meta: Meta,
}

impl ApiError {
    /// Reads an error response: the status, and the problem document when
    /// the body is one (in the media type its `Content-Type` names).
    pub fn from_response(response: &Response<Vec<u8>>) -> ApiError {
        let media = content_type(response).unwrap_or(MediaType::HalJson);
        let problem = ApiProblem::from_bytes(media, response.body()).ok();
        let mut error = ApiError {
            status: response.status(),
            problem,
            meta: Meta::default(),
        };
        if let Some(mut meta) = ResponseMeta::copied_from(response) {
            meta.logref = error.logrefs().first().map(|l| (*l).to_owned());
            error.meta = Meta::new(meta);
        }
        error
    }

    /// What the server said besides the body, when it was recorded.
    pub fn meta(&self) -> Option<&ResponseMeta> {
        self.meta.get()
    }

    /// The messages of the problem document, in order.
    pub fn messages(&self) -> Vec<&str> {
        self.problem
            .iter()
            .flat_map(|p| p.errors.iter().map(|e| e.message.as_str()))
            .collect()
    }

    /// The logrefs of the problem document, in order.
    pub fn logrefs(&self) -> Vec<&str> {
        self.problem
            .iter()
            .flat_map(|p| p.errors.iter().filter_map(|e| e.logref.as_deref()))
            .collect()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "API error {}", self.status)?;
        if let Some(problem) = &self.problem {
            write!(f, ": {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// The media type a response's `Content-Type` names, if it is one the SDK reads.
pub fn content_type(response: &Response<Vec<u8>>) -> Option<MediaType> {
    let value = response
        .headers()
        .get(header::CONTENT_TYPE)?
        .to_str()
        .ok()?;
    MediaType::parse(value).ok()
}

/// Reads a response into a resource: error statuses become [`Error::Api`],
/// a success body is decoded in the media type of its `Content-Type`
/// (`fallback` when absent). An empty success body (204) is an empty resource.
/// The [`ResponseMeta`] a client recorded on the response goes with the
/// resource ([`Resource::meta`]) or the error ([`ApiError::meta`]).
pub fn read_resource(response: &Response<Vec<u8>>, fallback: MediaType) -> Result<Resource, Error> {
    if !response.status().is_success() {
        return Err(Error::Api(ApiError::from_response(response)));
    }
    let mut resource = if response.body().is_empty() {
        Resource::new()
    } else {
        let media = content_type(response).unwrap_or(fallback);
        codec::parse(media, response.body())?
    };
    if let Some(meta) = ResponseMeta::copied_from(response) {
        resource.meta = Meta::new(meta);
    }
    Ok(resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, content_type: &str, body: &str) -> Response<Vec<u8>> {
        let mut r = Response::new(body.as_bytes().to_vec());
        *r.status_mut() = StatusCode::from_u16(status).expect("status");
        if let Ok(v) = content_type.parse() {
            r.headers_mut().insert(header::CONTENT_TYPE, v);
        }
        r
    }

    #[test]
    fn api_errors_carry_messages_and_logrefs() {
        let body = r#"{"_embedded":{"fx:errors":[{"logref":"id-7","message":"limit too big"}]},"total":1}"#;
        let err = read_resource(
            &response(400, "application/hal+json", body),
            MediaType::HalJson,
        )
        .expect_err("an error");
        let Error::Api(api) = &err else {
            panic!("expected an API error, got {err:?}");
        };
        assert_eq!(api.status, StatusCode::BAD_REQUEST);
        assert_eq!(api.messages(), ["limit too big"]);
        assert_eq!(api.logrefs(), ["id-7"]);
        assert_eq!(
            err.to_string(),
            "API error 400 Bad Request: limit too big (logref id-7)"
        );
        let bare = read_resource(&response(502, "text/html", "<html>"), MediaType::HalJson);
        assert!(matches!(
            bare,
            Err(Error::Api(ApiError { problem: None, .. }))
        ));
    }

    #[test]
    fn success_is_decoded_and_timeouts_are_their_own_kind() {
        let ok = read_resource(
            &response(200, "application/hal+json", r#"{"a":1}"#),
            MediaType::HalJson,
        )
        .expect("decoded");
        assert!(ok.property("a").is_some());
        assert!(matches!(
            read_resource(&response(200, "", "{"), MediaType::HalJson),
            Err(Error::Decode(_))
        ));
        assert_eq!(Error::from(TransportFailure::TimedOut), Error::Timeout);
    }
}
