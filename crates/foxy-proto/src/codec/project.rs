//! What survives a trip through each media type.
//!
//! `project(media, r)` is the resource that `parse(media, write(media, r))`
//! yields, whenever that write succeeds. Round-trip tests compare against it,
//! so every loss listed here is deliberate and documented in `docs/FORMATS.md`.

use crate::media::MediaType;
use crate::rel::Rel;
use crate::resource::{Link, Resource};
use crate::value::{Map, Value};

/// The part of `resource` that a trip through `media` keeps.
///
/// - HAL+JSON: no classes, no actions, no links under the relation `curies`
///   (HAL consumes curies to expand relations).
/// - HAL+XML: no classes, no actions; relations without links or embedded
///   resources vanish; scalars become text (`true`, `19.99`) and empty text
///   reads as `null`, while objects and arrays keep their structure.
/// - Siren: links lose `templated` and `name`; relations without links or
///   embedded resources vanish.
/// - Other media types carry no resources; the resource is returned unchanged
///   (writing it fails).
pub fn project(media: MediaType, resource: &Resource) -> Resource {
    match media {
        MediaType::HalJson | MediaType::Json => hal_json(resource),
        MediaType::HalXml | MediaType::Xml => hal_xml(resource),
        MediaType::Siren => siren(resource),
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
    }
}

fn non_empty_links(r: &Resource, f: impl Fn(&Link) -> Link) -> indexmap::IndexMap<Rel, Vec<Link>> {
    r.links
        .iter()
        .filter(|(_, links)| !links.is_empty())
        .map(|(rel, links)| (rel.clone(), links.iter().map(&f).collect()))
        .collect()
}

fn non_empty_embedded(
    r: &Resource,
    f: fn(&Resource) -> Resource,
) -> indexmap::IndexMap<Rel, Vec<Resource>> {
    r.embedded
        .iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(rel, list)| (rel.clone(), list.iter().map(f).collect()))
        .collect()
}

fn hal_xml(r: &Resource) -> Resource {
    Resource {
        class: Vec::new(),
        properties: xml_map(&r.properties),
        links: non_empty_links(r, Link::clone),
        embedded: non_empty_embedded(r, hal_xml),
        actions: Vec::new(),
    }
}

fn xml_map(map: &Map) -> Map {
    map.iter().map(|(k, v)| (k.clone(), xml_value(v))).collect()
}

/// A value as HAL+XML carries it: scalars as text, empty text as `null`.
pub(crate) fn xml_value(value: &Value) -> Value {
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

fn siren(r: &Resource) -> Resource {
    Resource {
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
    }
}
