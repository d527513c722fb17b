//! Error documents from the API: Foxy's `fx:errors` list and the OAuth error form.
//!
//! hAPI reports failures as a resource embedding `fx:errors`, each entry with
//! a `message` and usually a `logref` to quote to Foxy support. The token
//! endpoint answers with OAuth's `{"error": ..., "error_description": ...}`.
//! [`ApiProblem`] reads both, from a parsed [`Resource`] or from raw bytes.

use std::fmt;

use crate::codec::{self, DecodeError};
use crate::media::MediaType;
use crate::rel::Rel;
use crate::resource::Resource;
use crate::value::Value;

/// One error reported by the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEntry {
    /// Foxy's reference for the error, when given.
    pub logref: Option<String>,
    /// The human-readable message.
    pub message: String,
}

/// An error document: one or more entries, and the OAuth error code when it came from OAuth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiProblem {
    /// The errors, in document order (at least one).
    pub errors: Vec<ErrorEntry>,
    /// The OAuth `error` code (`invalid_grant`...), for the OAuth form.
    pub oauth_error: Option<String>,
}

/// Why a document could not be read as an [`ApiProblem`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemError {
    /// The bytes are not a document of the media type.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// Neither `fx:errors` nor an OAuth `error` member is present.
    #[error("document is not an error document")]
    NotAProblem,
    /// An entry of `fx:errors` lacks a string `message`, or a member has the wrong type.
    #[error("error entry {index}: {reason}")]
    MalformedEntry {
        /// The entry's position in `fx:errors` (0 for the OAuth form).
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
}

fn text(value: Option<&Value>, field: &str, index: usize) -> Result<Option<String>, ProblemError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(ProblemError::MalformedEntry {
            index,
            reason: format!("{field} is a {}, not a string", other.kind()),
        }),
    }
}

impl ApiProblem {
    /// Reads an error document already parsed into a resource.
    pub fn from_resource(resource: &Resource) -> Result<ApiProblem, ProblemError> {
        let entries = resource.embedded(Rel::ERRORS);
        if !entries.is_empty() {
            let errors =
                entries
                    .iter()
                    .enumerate()
                    .map(|(index, entry)| {
                        let message = text(entry.property("message"), "message", index)?
                            .ok_or_else(|| ProblemError::MalformedEntry {
                                index,
                                reason: "missing message".to_owned(),
                            })?;
                        Ok(ErrorEntry {
                            logref: text(entry.property("logref"), "logref", index)?,
                            message,
                        })
                    })
                    .collect::<Result<Vec<_>, ProblemError>>()?;
            return Ok(ApiProblem {
                errors,
                oauth_error: None,
            });
        }
        let Some(code) = text(resource.property("error"), "error", 0)? else {
            return Err(ProblemError::NotAProblem);
        };
        let message = text(
            resource.property("error_description"),
            "error_description",
            0,
        )?
        .unwrap_or_else(|| code.clone());
        Ok(ApiProblem {
            errors: vec![ErrorEntry {
                logref: None,
                message,
            }],
            oauth_error: Some(code),
        })
    }

    /// Parses `bytes` as `media` (HAL+JSON, HAL+XML, Siren or plain JSON) and reads the problem.
    pub fn from_bytes(media: MediaType, bytes: &[u8]) -> Result<ApiProblem, ProblemError> {
        ApiProblem::from_resource(&codec::parse(media, bytes)?)
    }

    /// The first error's message.
    pub fn message(&self) -> &str {
        self.errors.first().map_or("", |e| e.message.as_str())
    }
}

impl fmt::Display for ApiProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(code) = &self.oauth_error {
            write!(f, "{code}: ")?;
        }
        for (i, entry) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&entry.message)?;
            if let Some(logref) = &entry.logref {
                write!(f, " (logref {logref})")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fx_errors_from_hal_json() {
        let doc = br#"{"total": 1, "_links": {"curies": [{"name": "fx", "href": "https://api.foxycart.com/rels/{rel}", "templated": true}]},
            "_embedded": {"fx:errors": [{"logref": "error_id_123", "message": "No route found"}]}}"#;
        let p = ApiProblem::from_bytes(MediaType::HalJson, doc).expect("problem");
        assert_eq!(
            p.errors,
            vec![ErrorEntry {
                logref: Some("error_id_123".into()),
                message: "No route found".into()
            }]
        );
        assert_eq!(p.to_string(), "No route found (logref error_id_123)");
    }

    #[test]
    fn reads_fx_errors_from_hal_xml() {
        let doc = br#"<resource><resource rel="https://api.foxycart.com/rels/errors"><logref>e1</logref><message>bad</message></resource></resource>"#;
        let p = ApiProblem::from_bytes(MediaType::HalXml, doc).expect("problem");
        assert_eq!(p.message(), "bad");
        assert_eq!(p.errors[0].logref.as_deref(), Some("e1"));
    }

    #[test]
    fn reads_oauth_form() {
        let doc =
            br#"{"error": "invalid_grant", "error_description": "The refresh token is invalid."}"#;
        let p = ApiProblem::from_bytes(MediaType::Json, doc).expect("problem");
        assert_eq!(p.oauth_error.as_deref(), Some("invalid_grant"));
        assert_eq!(p.message(), "The refresh token is invalid.");
    }

    #[test]
    fn typed_errors() {
        assert_eq!(
            ApiProblem::from_bytes(MediaType::HalJson, br#"{"a": 1}"#),
            Err(ProblemError::NotAProblem)
        );
        let no_message = br#"{"_embedded": {"fx:errors": [{"logref": "x"}]}}"#;
        assert!(matches!(
            ApiProblem::from_bytes(MediaType::HalJson, no_message),
            Err(ProblemError::MalformedEntry { index: 0, .. })
        ));
        assert!(matches!(
            ApiProblem::from_bytes(MediaType::HalJson, b"{"),
            Err(ProblemError::Decode(_))
        ));
    }
}
