//! Errors of the codecs: what went wrong while decoding or encoding, and where.
//!
//! A [`DecodeError`] pairs a [`DecodeErrorKind`] with a [`Location`]: the
//! line and column in the input where the reader stopped (syntax errors) and,
//! where the problem is structural, a JSON-Pointer-like path such as
//! `/_embedded/fx:items/0/_links/self`.

use std::fmt;

/// Where in a document a problem was found; every part is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Location {
    /// The 1-based line, when the reader knows it.
    pub line: Option<usize>,
    /// The 1-based column (in characters), when the reader knows it.
    pub column: Option<usize>,
    /// A path to the offending member (`/_links/self/href`), when known.
    pub path: Option<String>,
}

impl Location {
    /// A location with a line and a column.
    pub fn at(line: usize, column: usize) -> Location {
        Location {
            line: Some(line),
            column: Some(column),
            path: None,
        }
    }

    /// A location with only a path.
    pub fn path(path: impl Into<String>) -> Location {
        Location {
            line: None,
            column: None,
            path: Some(path.into()),
        }
    }

    /// The location of byte `offset` in `text` (1-based line and column).
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location::at(line, column)
    }

    /// The same location with a path added.
    pub fn with_path(mut self, path: impl Into<String>) -> Location {
        self.path = Some(path.into());
        self
    }

    /// Whether nothing is known about the location.
    pub fn is_unknown(&self) -> bool {
        self.line.is_none() && self.path.is_none()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column, &self.path) {
            (Some(line), Some(column), Some(path)) => {
                write!(f, "line {line}, column {column} ({path})")
            }
            (Some(line), Some(column), None) => write!(f, "line {line}, column {column}"),
            (Some(line), None, _) => write!(f, "line {line}"),
            (None, _, Some(path)) => write!(f, "{path}"),
            (None, _, None) => f.write_str("an unknown position"),
        }
    }
}

/// What kind of problem a decoder met.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The media type is not one the codecs read.
    #[error("unsupported media type {0}")]
    UnsupportedMediaType(String),
    /// The input ended in the middle of the document.
    #[error("unexpected end of input, expected {0}")]
    UnexpectedEnd(&'static str),
    /// A character that the grammar does not allow here.
    #[error("unexpected character {found:?}, expected {expected}")]
    UnexpectedChar {
        /// The character found.
        found: char,
        /// What the grammar wanted.
        expected: &'static str,
    },
    /// Something follows the complete document.
    #[error("trailing characters after the document")]
    TrailingData,
    /// The bytes are not valid UTF-8.
    #[error("invalid utf-8")]
    InvalidUtf8,
    /// A malformed number.
    #[error("invalid number")]
    InvalidNumber,
    /// A malformed escape sequence in a string.
    #[error("invalid escape sequence")]
    InvalidEscape,
    /// A `\u` escape of half a surrogate pair.
    #[error("unpaired surrogate in \\u escape")]
    LoneSurrogate,
    /// A raw control character inside a string.
    #[error("control character in string")]
    ControlCharacter,
    /// The same member name twice in one object.
    #[error("duplicate key {0:?}")]
    DuplicateKey(String),
    /// Nesting deeper than the fixed limit.
    #[error("nesting deeper than {0} levels")]
    TooDeep(usize),
    /// A member holds the wrong kind of value (`_links` a string).
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// The kind wanted.
        expected: &'static str,
        /// The kind found.
        found: &'static str,
    },
    /// A required member or attribute is absent (a link without `href`).
    #[error("missing {0}")]
    MissingField(&'static str),
    /// A value that has the right type but is not allowed.
    #[error("invalid value {value:?} for {field}")]
    InvalidValue {
        /// The member or attribute.
        field: &'static str,
        /// The rejected value (truncated).
        value: String,
    },
    /// XML that is not well formed.
    #[error("malformed xml: {0}")]
    MalformedXml(String),
    /// A DOCTYPE (and with it any entity declaration); refused, never expanded.
    #[error("doctype and entity declarations are not allowed")]
    DoctypeRefused,
    /// An entity reference other than the five predefined ones.
    #[error("unknown entity &{0};")]
    UnknownEntity(String),
    /// An XML encoding other than UTF-8.
    #[error("unsupported xml encoding {0:?}")]
    UnsupportedEncoding(String),
    /// An element that does not belong here.
    #[error("unexpected element <{0}>")]
    UnexpectedElement(String),
    /// Text mixed with child elements.
    #[error("unexpected text {0:?}")]
    UnexpectedText(String),
}

/// A document could not be decoded: what went wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// What went wrong.
    pub kind: DecodeErrorKind,
    /// Where it went wrong.
    pub location: Location,
}

impl DecodeError {
    /// An error of `kind` at `location`.
    pub fn new(kind: DecodeErrorKind, location: Location) -> DecodeError {
        DecodeError { kind, location }
    }

    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }

    /// Where it went wrong.
    pub fn location(&self) -> &Location {
        &self.location
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_unknown() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{} at {}", self.kind, self.location)
        }
    }
}

impl std::error::Error for DecodeError {}

/// A resource could not be written in the requested media type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The media type is not one the codecs write.
    #[error("unsupported media type {0}")]
    UnsupportedMediaType(String),
    /// A HAL+JSON property named `_links` or `_embedded` would collide with HAL's own members.
    #[error("property {name:?} at {path} collides with a hal member")]
    ReservedProperty {
        /// The property name.
        name: String,
        /// Where it is.
        path: String,
    },
    /// A character XML 1.0 cannot carry, even as a character reference.
    #[error("character U+{code:04X} at {path} cannot be written in xml")]
    InvalidXmlChar {
        /// The code point.
        code: u32,
        /// Where it is.
        path: String,
    },
    /// The resource nests deeper than the fixed limit.
    #[error("nesting deeper than {0} levels")]
    TooDeep(usize),
}
