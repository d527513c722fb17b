//! The cassette document: version 1, a list of interactions.
//!
//! ```json
//! {"version": 1, "interactions": [
//!   {"request": {"method": "GET", "url": "http://127.0.0.1:8790/", "headers": [["accept", "application/hal+json"]], "body": ""},
//!    "response": {"status": 200, "headers": [["content-type", "application/hal+json"]], "body": "{...}"}}
//! ]}
//! ```
//!
//! Bodies are text when they are UTF-8 (`body`), base64 otherwise
//! (`body_base64`). An interaction has a `response`, or a `failure` when the
//! transport got none (`not_sent`, `dropped`, `timed_out`), so that a replay
//! fails the same way. [`Cassette::from_json`] checks all of it: a corrupt or
//! future cassette is a [`CassetteError`], never a panic.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use serde::{Deserialize, Serialize};

use super::scrub::Scrubber;
use crate::step::{Outcome, TransportFailure};

/// The format version this crate writes and reads.
pub const VERSION: u32 = 1;

/// A recorded session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cassette {
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The exchanges, in the order they happened.
    pub interactions: Vec<Interaction>,
}

impl Default for Cassette {
    fn default() -> Self {
        Cassette::new()
    }
}

/// One request and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    /// The request, scrubbed.
    pub request: RecordedRequest,
    /// The response, scrubbed (absent when the transport failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<RecordedResponse>,
    /// Why no response came (absent when one did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
}

/// A request as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// `GET`, `POST`...
    pub method: String,
    /// The absolute URL, secret query parameters scrubbed.
    pub url: String,
    /// The headers that matter (lower-case names), credentials scrubbed.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The body as text, secrets scrubbed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// The body in base64, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_base64: Option<String>,
}

/// A response as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedResponse {
    /// The HTTP status.
    pub status: u16,
    /// The response headers (lower-case names) but those of the connection.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The body as text, secrets scrubbed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// The body in base64, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_base64: Option<String>,
}

/// A transport failure as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// Which kind of failure.
    pub kind: FailureKind,
    /// What the transport said.
    #[serde(default)]
    pub message: String,
}

/// The kinds of [`TransportFailure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// [`TransportFailure::NotSent`].
    NotSent,
    /// [`TransportFailure::Dropped`].
    Dropped,
    /// [`TransportFailure::TimedOut`].
    TimedOut,
}

/// Why a cassette cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CassetteError {
    /// Not JSON, or not shaped like a cassette.
    #[error("not a cassette (line {line}, column {column}): {message}")]
    Json {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A version this crate does not read.
    #[error("cassette version {found} is not supported (this SDK reads version {VERSION})")]
    Version {
        /// The version found.
        found: u32,
    },
    /// An interaction that cannot be replayed.
    #[error("interaction {index} of the cassette is invalid: {message}")]
    Invalid {
        /// 0-based index of the interaction.
        index: usize,
        /// What is wrong.
        message: String,
    },
}

impl Cassette {
    /// An empty cassette of the current version.
    pub fn new() -> Cassette {
        Cassette {
            version: VERSION,
            interactions: Vec::new(),
        }
    }

    /// Reads and checks a cassette.
    pub fn from_json(bytes: &[u8]) -> Result<Cassette, CassetteError> {
        let cassette: Cassette =
            serde_json::from_slice(bytes).map_err(|e| CassetteError::Json {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        if cassette.version != VERSION {
            return Err(CassetteError::Version {
                found: cassette.version,
            });
        }
        for (index, interaction) in cassette.interactions.iter().enumerate() {
            interaction
                .check()
                .map_err(|message| CassetteError::Invalid { index, message })?;
        }
        Ok(cassette)
    }

    /// The cassette as pretty-printed JSON (with a final newline).
    pub fn to_json(&self) -> Vec<u8> {
        // Plain structs of strings and numbers: serializing cannot fail;
        // should it ever, an empty cassette is written rather than a panic.
        let mut out = serde_json::to_vec_pretty(self)
            .unwrap_or_else(|_| br#"{"version":1,"interactions":[]}"#.to_vec());
        out.push(b'\n');
        out
    }
}

impl Interaction {
    /// Records `request` and its `outcome`, scrubbed by `scrubber`.
    pub fn capture(
        request: &Request<Vec<u8>>,
        outcome: &Outcome,
        scrubber: &mut Scrubber,
    ) -> Interaction {
        let (body, body_base64) = encode_body(scrubber.request_body(request));
        let recorded = RecordedRequest {
            method: request.method().as_str().to_owned(),
            url: scrubber.url(&request.uri().to_string()),
            headers: scrubber.request_headers(request.headers()),
            body,
            body_base64,
        };
        match outcome {
            Ok(response) => {
                let (body, body_base64) = encode_body(scrubber.response_body(response));
                Interaction {
                    request: recorded,
                    response: Some(RecordedResponse {
                        status: response.status().as_u16(),
                        headers: scrubber.response_headers(response.headers()),
                        body,
                        body_base64,
                    }),
                    failure: None,
                }
            }
            Err(failure) => Interaction {
                request: recorded,
                response: None,
                failure: Some(Failure::from_transport(failure)),
            },
        }
    }

    /// What a replay answers: the recorded response or failure. Header
    /// values that are not valid are left out.
    pub fn outcome(&self) -> Outcome {
        if let Some(failure) = &self.failure {
            return Err(failure.to_transport());
        }
        let Some(recorded) = &self.response else {
            return Err(TransportFailure::NotSent(
                "the recorded interaction has no response".to_owned(),
            ));
        };
        let body = decode_body(&recorded.body, recorded.body_base64.as_deref()).unwrap_or_default();
        let mut response = Response::new(body);
        *response.status_mut() =
            StatusCode::from_u16(recorded.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in &recorded.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        Ok(response)
    }

    /// Whether this interaction can be replayed; the problem if not.
    fn check(&self) -> Result<(), String> {
        Method::from_bytes(self.request.method.as_bytes())
            .map_err(|_| format!("{:?} is not an HTTP method", self.request.method))?;
        if self.request.url.parse::<http::Uri>().is_err() {
            return Err(format!("{:?} is not a URL", self.request.url));
        }
        match (&self.response, &self.failure) {
            (Some(response), None) => {
                StatusCode::from_u16(response.status)
                    .map_err(|_| format!("{} is not an HTTP status", response.status))?;
                decode_body(&response.body, response.body_base64.as_deref())
                    .map(|_| ())
                    .ok_or_else(|| "the response's body_base64 is not base64".to_owned())
            }
            (None, Some(_)) => Ok(()),
            (Some(_), Some(_)) => Err("both a response and a failure".to_owned()),
            (None, None) => Err("neither a response nor a failure".to_owned()),
        }
    }
}

impl Failure {
    /// The recorded form of `failure`.
    pub fn from_transport(failure: &TransportFailure) -> Failure {
        let (kind, message) = match failure {
            TransportFailure::NotSent(m) => (FailureKind::NotSent, m.clone()),
            TransportFailure::Dropped(m) => (FailureKind::Dropped, m.clone()),
            TransportFailure::TimedOut => (FailureKind::TimedOut, String::new()),
            other @ TransportFailure::NoRecording { .. } => {
                (FailureKind::NotSent, other.to_string())
            }
        };
        Failure { kind, message }
    }

    /// The failure a replay answers with.
    pub fn to_transport(&self) -> TransportFailure {
        match self.kind {
            FailureKind::NotSent => TransportFailure::NotSent(self.message.clone()),
            FailureKind::Dropped => TransportFailure::Dropped(self.message.clone()),
            FailureKind::TimedOut => TransportFailure::TimedOut,
        }
    }
}

/// A body as (`body`, `body_base64`): text when it is UTF-8.
fn encode_body(bytes: Vec<u8>) -> (String, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => (String::new(), Some(STANDARD.encode(e.into_bytes()))),
    }
}

/// The bytes of a recorded body; `None` when `body_base64` is not base64.
fn decode_body(text: &str, base64: Option<&str>) -> Option<Vec<u8>> {
    match base64 {
        Some(encoded) => STANDARD.decode(encoded).ok(),
        None => Some(text.as_bytes().to_vec()),
    }
}
