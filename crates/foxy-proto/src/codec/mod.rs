//! The three hypermedia codecs (HAL+JSON, HAL+XML, Siren) over one [`Resource`] model.
//!
//! [`parse`] and [`write`] dispatch on the [`MediaType`]: `application/json`
//! is read and written as HAL+JSON and `application/xml` as HAL+XML. What a
//! format cannot carry is spelled out by [`project`], which maps a resource to
//! exactly what survives a trip through that format; `docs/FORMATS.md` has the
//! full list.

pub mod error;
pub mod hal_json;
pub mod hal_xml;
pub mod json;
mod json_read;
mod project;
pub mod siren;
mod xml_read;
mod xml_write;

use std::fmt;

pub use error::{DecodeError, DecodeErrorKind, EncodeError, Location};
pub use project::project;

use crate::media::MediaType;
use crate::resource::Resource;

/// Parses a document of `media` into a [`Resource`].
///
/// ```
/// use foxy_proto::{MediaType, codec};
/// let doc = br#"{"_links": {"fx:store": {"href": "https://api.test/stores/8"}}, "total": 5}"#;
/// let cart = codec::parse(MediaType::HalJson, doc).unwrap();
/// assert_eq!(cart.link("fx:store").unwrap().href, "https://api.test/stores/8");
/// ```
pub fn parse(media: MediaType, bytes: &[u8]) -> Result<Resource, DecodeError> {
    match media {
        MediaType::HalJson | MediaType::Json => hal_json::parse(bytes),
        MediaType::HalXml | MediaType::Xml => hal_xml::parse(bytes),
        MediaType::Siren => siren::parse(bytes),
        other => Err(DecodeError::new(
            DecodeErrorKind::UnsupportedMediaType(other.as_str().to_owned()),
            Location::default(),
        )),
    }
}

/// Writes `resource` as a document of `media` (indented, ending with a newline).
pub fn write(media: MediaType, resource: &Resource) -> Result<Vec<u8>, EncodeError> {
    match media {
        MediaType::HalJson | MediaType::Json => hal_json::write(resource),
        MediaType::HalXml | MediaType::Xml => hal_xml::write(resource),
        MediaType::Siren => siren::write(resource),
        other => Err(EncodeError::UnsupportedMediaType(other.as_str().to_owned())),
    }
}

/// A JSON-Pointer-style path (RFC 6901 escapes) built while walking a document.
#[derive(Debug, Default)]
pub(crate) struct Pointer(String);

impl Pointer {
    pub(crate) fn new() -> Pointer {
        Pointer(String::new())
    }

    /// Appends a segment; returns the mark to [`Self::pop`] back to.
    pub(crate) fn push(&mut self, segment: &str) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        if segment.contains(['~', '/']) {
            self.0
                .push_str(&segment.replace('~', "~0").replace('/', "~1"));
        } else {
            self.0.push_str(segment);
        }
        mark
    }

    /// Appends an array index.
    pub(crate) fn push_index(&mut self, index: usize) -> usize {
        use fmt::Write as _;
        let mark = self.0.len();
        let _ = write!(self.0, "/{index}");
        mark
    }

    /// Returns to a mark from [`Self::push`].
    pub(crate) fn pop(&mut self, mark: usize) {
        self.0.truncate(mark);
    }

    /// An error of `kind` at this path.
    pub(crate) fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, Location::path(self.to_string()))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("/")
        } else {
            f.write_str(&self.0)
        }
    }
}
