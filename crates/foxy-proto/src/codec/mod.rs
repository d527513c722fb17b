//! The three hypermedia codecs (HAL+JSON, HAL+XML, Siren) over one [`Resource`] model.
//!
//! [`parse`] and [`write`] dispatch on the [`MediaType`]: `application/json`
//! is read and written as HAL+JSON and `application/xml` as HAL+XML. What a
//! format cannot carry is spelled out by [`project`], which maps a resource to
//! exactly what survives a trip through that format; `docs/FORMATS.md` has the
//! full list.

mod empty_page;
pub mod error;
pub mod hal_json;
mod hal_json_read;
pub mod hal_xml;
pub mod json;
mod json_read;
pub mod siren;
mod xml_plain;
mod xml_read;

use std::fmt;

pub use error::{DecodeError, DecodeErrorKind, EncodeError, Location};

use crate::media::MediaType;
use crate::rel::Rel;
use crate::resource::{Link, Resource};
use crate::value::{Map, Value};

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

// What survives a trip through each media type: `project(media, r)` is the
// resource that `parse(media, write(media, r))` yields whenever that write
// succeeds. Every loss listed here is documented in docs/FORMATS.md.

/// The part of `resource` that a trip through `media` keeps.
///
/// - HAL+JSON: no classes, no actions, no links under the relation `curies`
///   (HAL consumes curies to expand relations).
/// - HAL+XML: no classes, no actions; relations without links or embedded
///   resources vanish, but for the empty member list of an empty collection
///   page (kept under the page's own relation, see `docs/FORMATS.md`);
///   scalars become text (`true`, `19.99`) and empty text reads as `null`,
///   while objects and arrays keep their structure.
/// - Siren: links lose `templated` and `name`; relations without links or
///   embedded resources vanish, with the same exception for empty pages.
/// - Other media types carry no resources; the resource is returned unchanged
///   (writing it fails).
pub fn project(media: MediaType, resource: &Resource) -> Resource {
    match media {
        MediaType::HalJson | MediaType::Json => hal_json(resource),
        MediaType::HalXml | MediaType::Xml => hal_xml(resource, None),
        MediaType::Siren => siren(resource, None),
        _ => resource.clone(),
    }
}

fn hal_json(r: &Resource) -> Resource {
    Resource {
        class: Vec::new(),
        properties: r.properties.clone(),
        links: r
            .links
            .iter()
            .filter(|(rel, _)| rel.as_str() != "curies")
            .map(|(rel, links)| (rel.clone(), links.clone()))
            .collect(),
        embedded: r
            .embedded
            .iter()
            .map(|(rel, list)| (rel.clone(), list.iter().map(hal_json).collect()))
            .collect(),
        actions: Vec::new(),
        meta: r.meta.clone(),
    }
}

fn non_empty_links(r: &Resource, f: impl Fn(&Link) -> Link) -> indexmap::IndexMap<Rel, Vec<Link>> {
    r.links
        .iter()
        .filter(|(_, links)| !links.is_empty())
        .map(|(rel, links)| (rel.clone(), links.iter().map(&f).collect()))
        .collect()
}

/// The non-empty embedded lists, each resource projected by `f` with the
/// relation it is embedded under.
fn non_empty_embedded(
    r: &Resource,
    f: fn(&Resource, Option<&Rel>) -> Resource,
) -> indexmap::IndexMap<Rel, Vec<Resource>> {
    r.embedded
        .iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(rel, list)| {
            (
                rel.clone(),
                list.iter().map(|sub| f(sub, Some(rel))).collect(),
            )
        })
        .collect()
}

/// Gives `projected` the empty member list a reader restores (`empty_page`):
/// under `own`, or for the root (`own` is `None`) under the relation the
/// writer names from `original`.
fn keep_empty_page(original: &Resource, mut projected: Resource, own: Option<&Rel>) -> Resource {
    let own = own.or_else(|| empty_page::root_rel(original));
    empty_page::restore(&mut projected, own);
    projected
}

fn hal_xml(r: &Resource, own: Option<&Rel>) -> Resource {
    let projected = Resource {
        class: Vec::new(),
        properties: xml_map(&r.properties),
        links: non_empty_links(r, Link::clone),
        embedded: non_empty_embedded(r, hal_xml),
        actions: Vec::new(),
        meta: r.meta.clone(),
    };
    keep_empty_page(r, projected, own)
}

fn xml_map(map: &Map) -> Map {
    map.iter().map(|(k, v)| (k.clone(), xml_value(v))).collect()
}

/// A value as HAL+XML carries it: scalars as text, empty text as `null`.
fn xml_value(value: &Value) -> Value {
    match value {
        Value::Null => Value::Null,
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(n.as_str().to_owned()),
        Value::String(s) if s.is_empty() => Value::Null,
        Value::String(s) => Value::String(s.clone()),
        Value::Array(items) => Value::Array(items.iter().map(xml_value).collect()),
        Value::Object(map) => Value::Object(xml_map(map)),
    }
}

fn siren(r: &Resource, own: Option<&Rel>) -> Resource {
    let projected = Resource {
        class: r.class.clone(),
        properties: r.properties.clone(),
        links: non_empty_links(r, |l| Link {
            href: l.href.clone(),
            title: l.title.clone(),
            templated: false,
            name: None,
            media_type: l.media_type.clone(),
        }),
        embedded: non_empty_embedded(r, siren),
        actions: r.actions.clone(),
        meta: r.meta.clone(),
    };
    keep_empty_page(r, projected, own)
}
