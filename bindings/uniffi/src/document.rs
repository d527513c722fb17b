//! Untyped documents: any resource as HAL+JSON text, for navigation by
//! relation and for what the description does not type (action answers).

use std::collections::HashMap;

use foxy::proto::{Map, MediaType, Resource, Value, codec};

use crate::errors::{FoxyError, FoxyResult};

/// Any resource, for navigation by relation: its `self` href, its links and
/// the whole document as HAL+JSON text (exact numbers kept).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Document {
    /// The href of the `self` link.
    pub href: Option<String>,
    /// The first href of each relation by compact name (`fx:carts`).
    pub links: HashMap<String, String>,
    /// The whole resource as HAL+JSON.
    pub json: String,
}

impl Document {
    /// The document of a resource.
    pub(crate) fn from_resource(resource: &Resource) -> FoxyResult<Document> {
        Ok(Document {
            href: resource.self_href().map(str::to_owned),
            links: link_map(resource),
            json: hal_json(resource)?,
        })
    }
}

/// The first href of every relation, by compact name (`fx:items`, `self`).
pub(crate) fn link_map(resource: &Resource) -> HashMap<String, String> {
    resource
        .links
        .iter()
        .filter_map(|(rel, links)| {
            let first = links.first()?;
            Some((rel.compact().into_owned(), first.href.clone()))
        })
        .collect()
}

/// A resource as HAL+JSON text.
pub(crate) fn hal_json(resource: &Resource) -> FoxyResult<String> {
    let bytes = codec::write(MediaType::HalJson, resource)?;
    String::from_utf8(bytes).map_err(|e| FoxyError::Internal {
        code: "internal".to_owned(),
        detail: format!("the codec wrote invalid utf-8: {e}"),
    })
}

/// Reads a JSON object (`{"billing_city":"Boston"}`) into properties, for a
/// PATCH; numbers keep their exact text.
pub(crate) fn properties_of(json: &str) -> FoxyResult<Map> {
    let resource = codec::parse(MediaType::HalJson, json.as_bytes())
        .map_err(|e| FoxyError::input(format!("changes: {e}")))?;
    Ok(resource.properties)
}

/// Reads a JSON object as written, `_links` and `_embedded` included (a
/// POST body); numbers keep their exact text.
pub(crate) fn object_of(json: &str) -> FoxyResult<Value> {
    match codec::json::parse_value(json.as_bytes()) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(FoxyError::input("body: not a JSON object")),
        Err(e) => Err(FoxyError::input(format!("body: {e}"))),
    }
}

/// Reads a HAL+JSON document (for a PUT body).
pub(crate) fn resource_of(json: &str) -> FoxyResult<Resource> {
    codec::parse(MediaType::HalJson, json.as_bytes())
        .map_err(|e| FoxyError::input(format!("document: {e}")))
}
