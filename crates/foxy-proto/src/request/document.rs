//! Shaping documents for PUT and PATCH.
//!
//! PUT replaces a resource, so it sends the whole document, but not what the
//! server ignores or sets itself: links, `date_created` and `date_modified`,
//! at every level. Embedded resources are sent too (that is how a cart's
//! attributes, items and item options are created in one call), with the
//! zoom derived from what is embedded. PATCH sends only the properties given.

use crate::query::Zoom;
use crate::resource::Resource;
use crate::value::{Map, Value};

/// Properties the server sets itself and PUT leaves out.
pub const SERVER_SET: [&str; 2] = ["date_created", "date_modified"];

/// The PUT body of `resource`: `_embedded` (by compact relation) first, then
/// the properties, without links and server-set dates, recursively.
pub fn put_document(resource: &Resource) -> Value {
    Value::Object(document_map(resource))
}

fn document_map(resource: &Resource) -> Map {
    let mut map = Map::new();
    if !resource.embedded.is_empty() {
        let mut embedded = Map::new();
        for (rel, children) in &resource.embedded {
            let children = children
                .iter()
                .map(|child| Value::Object(document_map(child)))
                .collect();
            embedded.insert(rel.compact().into_owned(), Value::Array(children));
        }
        map.insert("_embedded".to_owned(), Value::Object(embedded));
    }
    for (name, value) in &resource.properties {
        if SERVER_SET.contains(&name.as_str()) || name == "_links" || name == "_embedded" {
            continue;
        }
        map.insert(name.clone(), value.clone());
    }
    map
}

/// The PATCH body: exactly the given properties.
pub fn patch_document(changes: &Map) -> Value {
    Value::Object(changes.clone())
}

/// The zoom that makes the server read (and return) what `resource` embeds:
/// each embedded Foxy relation, and below it what its resources embed
/// (`attributes,items,items:item_options`).
pub fn zoom_for(resource: &Resource) -> Zoom {
    let mut zoom = Zoom::new();
    collect(resource, &mut Vec::new(), &mut zoom);
    zoom
}

fn collect<'a>(resource: &'a Resource, path: &mut Vec<&'a str>, zoom: &mut Zoom) {
    for (rel, children) in &resource.embedded {
        let Some(name) = rel.fx_name() else {
            continue;
        };
        path.push(name);
        zoom.add_segments(path);
        for child in children {
            collect(child, path, zoom);
        }
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Link;

    #[test]
    fn put_strips_links_and_dates_everywhere() {
        let option = Resource::new()
            .with_link("self", Link::new("https://api.test/item_options/1"))
            .with_property("name", "color")
            .with_property("date_modified", Value::Null);
        let mut item = Resource::new()
            .with_property("name", "Sprocket")
            .with_property("date_created", "2012-02-29T13:55:09-0800");
        item.embed("fx:item_options", option);
        let mut cart = Resource::new().with_property("language", Value::Null);
        cart.embed("fx:items", item);
        let body = crate::codec::json::to_vec(&put_document(&cart));
        assert_eq!(
            String::from_utf8_lossy(&body),
            r#"{"_embedded":{"fx:items":[{"_embedded":{"fx:item_options":[{"name":"color"}]},"name":"Sprocket"}]},"language":null}"#
        );
        assert_eq!(zoom_for(&cart).to_string(), "items,items:item_options");
    }
}
