//! Media types: the three response formats and the request body encodings.

use std::fmt;
use std::str::FromStr;

/// A media type the SDK can read or write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaType {
    /// `application/hal+json`: Foxy's default response format.
    HalJson,
    /// `application/hal+xml`.
    HalXml,
    /// `application/vnd.siren+json`.
    Siren,
    /// `application/json`: plain JSON request bodies and OAuth responses.
    Json,
    /// `application/xml`: XML request bodies.
    Xml,
    /// `application/x-www-form-urlencoded`.
    FormUrlEncoded,
    /// `multipart/form-data`.
    Multipart,
}

/// A `Content-Type` or `Accept` value the SDK does not understand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unsupported media type {value:?}; expected one of hal+json, hal+xml, siren, json, xml, form, multipart"
)]
pub struct MediaTypeError {
    /// The value that was given (truncated to 80 characters).
    pub value: String,
}

impl MediaType {
    /// The three hypermedia response formats.
    pub const RESPONSE_FORMATS: [MediaType; 3] =
        [MediaType::HalJson, MediaType::HalXml, MediaType::Siren];

    /// The essence of the media type, without parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::HalJson => "application/hal+json",
            MediaType::HalXml => "application/hal+xml",
            MediaType::Siren => "application/vnd.siren+json",
            MediaType::Json => "application/json",
            MediaType::Xml => "application/xml",
            MediaType::FormUrlEncoded => "application/x-www-form-urlencoded",
            MediaType::Multipart => "multipart/form-data",
        }
    }

    /// The short name used on the command line (`hal+json`, `siren`, `form`...).
    pub fn short_name(self) -> &'static str {
        match self {
            MediaType::HalJson => "hal+json",
            MediaType::HalXml => "hal+xml",
            MediaType::Siren => "siren",
            MediaType::Json => "json",
            MediaType::Xml => "xml",
            MediaType::FormUrlEncoded => "form",
            MediaType::Multipart => "multipart",
        }
    }

    /// Whether this is one of the three hypermedia response formats.
    pub fn is_hypermedia(self) -> bool {
        Self::RESPONSE_FORMATS.contains(&self)
    }

    /// Parses a header value such as `application/hal+json; charset=utf-8`
    /// or a short name such as `siren`. Parameters are ignored, case is not
    /// significant, and `+json`/`+xml` suffix types other than these are refused.
    pub fn parse(value: &str) -> Result<MediaType, MediaTypeError> {
        let essence = value.split(';').next().unwrap_or_default().trim();
        let lower = essence.to_ascii_lowercase();
        let found = match lower.as_str() {
            "application/hal+json" | "hal+json" | "hal" => MediaType::HalJson,
            "application/hal+xml" | "hal+xml" => MediaType::HalXml,
            "application/vnd.siren+json" | "siren" | "siren+json" => MediaType::Siren,
            "application/json" | "json" => MediaType::Json,
            "application/xml" | "text/xml" | "xml" => MediaType::Xml,
            "application/x-www-form-urlencoded" | "form" => MediaType::FormUrlEncoded,
            "multipart/form-data" | "multipart" => MediaType::Multipart,
            _ => {
                return Err(MediaTypeError {
                    value: value.chars().take(80).collect(),
                });
            }
        };
        Ok(found)
    }
}

impl FromStr for MediaType {
    type Err = MediaTypeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MediaType::parse(s)
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_parameters_and_case() {
        assert_eq!(
            MediaType::parse("Application/HAL+JSON; charset=utf-8"),
            Ok(MediaType::HalJson)
        );
        assert_eq!(MediaType::parse("siren"), Ok(MediaType::Siren));
        assert_eq!(
            MediaType::parse("application/vnd.siren+json"),
            Ok(MediaType::Siren)
        );
    }

    #[test]
    fn unknown_is_typed_error() {
        let err = MediaType::parse("application/collection+json").expect_err("unknown type");
        assert_eq!(err.value, "application/collection+json");
        assert!(MediaType::parse("").is_err());
    }
}
