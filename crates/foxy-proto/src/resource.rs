//! The resource model shared by HAL+JSON, HAL+XML and Siren.
//!
//! A [`Resource`] holds properties, links by relation, embedded resources by
//! relation, and the two things only Siren expresses: classes and actions.
//! Relations are stored canonically ([`Rel`]), so a document parsed from any
//! of the three media types yields the same model.

use indexmap::IndexMap;

use crate::meta::{Meta, ResponseMeta};
use crate::rel::Rel;
use crate::value::{Map, Value};

/// One hypermedia resource.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resource {
    /// Siren classes (`["cart"]`); empty for HAL documents.
    pub class: Vec<String>,
    /// The resource's own properties, in document order.
    pub properties: Map,
    /// Links by relation; a relation may carry several links.
    pub links: IndexMap<Rel, Vec<Link>>,
    /// Embedded resources by relation.
    pub embedded: IndexMap<Rel, Vec<Resource>>,
    /// Siren actions; empty for HAL documents.
    pub actions: Vec<Action>,
    /// What the server said besides the body, for a resource read from an
    /// answer (empty for one built or parsed by hand). Ignored by equality
    /// and by the codecs.
    pub meta: Meta,
}

impl Resource {
    /// An empty resource.
    pub fn new() -> Resource {
        Resource::default()
    }

    /// What the server said besides the body (see [`ResponseMeta`]), when
    /// the resource was read from an answer.
    pub fn meta(&self) -> Option<&ResponseMeta> {
        self.meta.get()
    }

    /// A property by name.
    pub fn property(&self, name: &str) -> Option<&Value> {
        self.properties.get(name)
    }

    /// Sets a property, keeping its position if it already exists.
    pub fn set_property(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.properties.insert(name.into(), value.into());
    }

    /// Sets a property and returns the resource, for building in one expression.
    pub fn with_property(mut self, name: impl Into<String>, value: impl Into<Value>) -> Resource {
        self.set_property(name, value);
        self
    }

    /// The first link of a relation (`"fx:store"`, a full URI, or a [`Rel`]).
    pub fn link(&self, rel: impl Into<Rel>) -> Option<&Link> {
        self.links.get(&rel.into()).and_then(|links| links.first())
    }

    /// The first link of a relation by the name a user writes: the relation
    /// itself (`self`, `fx:store`, a full URI), else, for a bare name that
    /// is not found, Foxy's relation of that name (`store` is `fx:store`).
    ///
    /// ```
    /// use foxy_proto::{Link, Resource};
    /// let cart = Resource::new().with_link("fx:store", Link::new("https://api.test/stores/8"));
    /// assert_eq!(cart.link_named("store"), cart.link("fx:store"));
    /// assert_eq!(cart.link_named("self"), None);
    /// ```
    pub fn link_named(&self, name: &str) -> Option<&Link> {
        self.link(name).or_else(|| {
            if name.contains(':') || name == Rel::SELF.as_str() {
                None
            } else {
                self.link(Rel::fx(name))
            }
        })
    }

    /// Every link of a relation.
    pub fn links_of(&self, rel: impl Into<Rel>) -> &[Link] {
        self.links.get(&rel.into()).map_or(&[], Vec::as_slice)
    }

    /// The href of the `self` link.
    pub fn self_href(&self) -> Option<&str> {
        self.link(Rel::SELF).map(|l| l.href.as_str())
    }

    /// Appends a link to a relation.
    pub fn add_link(&mut self, rel: impl Into<Rel>, link: Link) {
        self.links.entry(rel.into()).or_default().push(link);
    }

    /// Appends a link and returns the resource.
    pub fn with_link(mut self, rel: impl Into<Rel>, link: Link) -> Resource {
        self.add_link(rel, link);
        self
    }

    /// Embedded resources of a relation (empty when absent).
    pub fn embedded(&self, rel: impl Into<Rel>) -> &[Resource] {
        self.embedded.get(&rel.into()).map_or(&[], Vec::as_slice)
    }

    /// Appends an embedded resource to a relation.
    pub fn embed(&mut self, rel: impl Into<Rel>, resource: Resource) {
        self.embedded.entry(rel.into()).or_default().push(resource);
    }
}

/// A link: where it points and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Link {
    /// The target URI (or URI template when `templated`).
    pub href: String,
    /// A human-readable title (HAL only).
    pub title: Option<String>,
    /// Whether `href` is a URI template (HAL only).
    pub templated: bool,
    /// A secondary key among links of the same relation (HAL only).
    pub name: Option<String>,
    /// The media type expected at the target.
    pub media_type: Option<String>,
}

impl Link {
    /// A plain link to `href`.
    pub fn new(href: impl Into<String>) -> Link {
        Link {
            href: href.into(),
            ..Link::default()
        }
    }

    /// The same link with a title.
    pub fn titled(mut self, title: impl Into<String>) -> Link {
        self.title = Some(title.into());
        self
    }
}

/// A Siren action: a form the client may submit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Action {
    /// The action's name, unique within the resource.
    pub name: String,
    /// Siren classes of the action.
    pub class: Vec<String>,
    /// The HTTP method (`GET` when absent).
    pub method: Option<String>,
    /// Where to submit.
    pub href: String,
    /// A human-readable title.
    pub title: Option<String>,
    /// The encoding of the submitted fields.
    pub media_type: Option<String>,
    /// The fields to submit.
    pub fields: Vec<ActionField>,
}

/// One field of a Siren [`Action`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionField {
    /// The field name.
    pub name: String,
    /// The input type (`text`, `number`, ...).
    pub input_type: Option<String>,
    /// A default value.
    pub value: Option<Value>,
    /// A human-readable title.
    pub title: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_by_either_form() {
        let r = Resource::new()
            .with_link("self", Link::new("https://api.test/carts/1"))
            .with_link(
                "fx:store",
                Link::new("https://api.test/stores/8").titled("This Store"),
            );
        assert_eq!(r.self_href(), Some("https://api.test/carts/1"));
        let store = r
            .link("https://api.foxycart.com/rels/store")
            .map(|l| l.href.as_str());
        assert_eq!(store, Some("https://api.test/stores/8"));
        assert!(r.link(Rel::CARTS).is_none());
        assert!(r.embedded(Rel::ITEMS).is_empty());
    }
}
