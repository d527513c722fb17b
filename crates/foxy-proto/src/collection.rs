//! A read-only view of a Foxy collection page.
//!
//! A collection is a resource with the counters `total_items` (Foxy sends it
//! as a string, `"5"`, or a number), `returned_items`, `limit` and `offset`,
//! the paging links `first`, `prev`, `next`, `last`, and its members embedded
//! under one relation: `fx:carts` in HAL+JSON, but the singular
//! `https://api.foxycart.com/rels/cart` in Foxy's published HAL+XML. The view
//! reads whatever relation is there.

use crate::rel::Rel;
use crate::resource::Resource;
use crate::value::Value;

/// Why a collection could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CollectionError {
    /// A counter is absent.
    #[error("collection has no {0} property")]
    Missing(&'static str),
    /// A counter is not a non-negative integer (as a number or a string).
    #[error("collection property {field} is not a non-negative integer: {found}")]
    Malformed {
        /// The counter.
        field: &'static str,
        /// The value found, as text.
        found: String,
    },
    /// Members are embedded under several relations; name one with [`Collection::members_of`].
    #[error("collection embeds several relations: {0}")]
    AmbiguousMembers(String),
}

/// A view over a collection page; borrows the resource.
#[derive(Debug, Clone, Copy)]
pub struct Collection<'a> {
    resource: &'a Resource,
}

impl<'a> Collection<'a> {
    /// Views `resource` as a collection page.
    pub fn new(resource: &'a Resource) -> Collection<'a> {
        Collection { resource }
    }

    /// The resource behind the view.
    pub fn resource(&self) -> &'a Resource {
        self.resource
    }

    fn counter(&self, field: &'static str) -> Result<u64, CollectionError> {
        let value = self
            .resource
            .property(field)
            .ok_or(CollectionError::Missing(field))?;
        let parsed = match value {
            Value::Number(n) => n.as_u64(),
            Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
                s.parse().ok()
            }
            _ => None,
        };
        parsed.ok_or_else(|| CollectionError::Malformed {
            field,
            found: match value {
                Value::String(s) => format!("{s:?}"),
                Value::Number(n) => n.to_string(),
                other => other.kind().to_owned(),
            },
        })
    }

    /// The number of items in the whole collection.
    pub fn total_items(&self) -> Result<u64, CollectionError> {
        self.counter("total_items")
    }

    /// The number of items on this page.
    pub fn returned_items(&self) -> Result<u64, CollectionError> {
        self.counter("returned_items")
    }

    /// The page size asked for.
    pub fn limit(&self) -> Result<u64, CollectionError> {
        self.counter("limit")
    }

    /// The position of this page's first item in the collection.
    pub fn offset(&self) -> Result<u64, CollectionError> {
        self.counter("offset")
    }

    fn href(&self, rel: Rel) -> Option<&'a str> {
        self.resource.link(rel).map(|l| l.href.as_str())
    }

    /// The href of the first page.
    pub fn first(&self) -> Option<&'a str> {
        self.href(Rel::FIRST)
    }

    /// The href of the previous page.
    pub fn prev(&self) -> Option<&'a str> {
        self.href(Rel::PREV)
    }

    /// The href of the next page.
    pub fn next(&self) -> Option<&'a str> {
        self.href(Rel::NEXT)
    }

    /// The href of the last page.
    pub fn last(&self) -> Option<&'a str> {
        self.href(Rel::LAST)
    }

    /// Whether more items follow this page (`offset + returned_items < total_items`).
    pub fn has_more(&self) -> Result<bool, CollectionError> {
        Ok(self.offset()?.saturating_add(self.returned_items()?) < self.total_items()?)
    }

    /// The relation the members are embedded under, when there is exactly one.
    pub fn members_rel(&self) -> Option<&'a Rel> {
        let mut rels = self.resource.embedded.keys();
        match (rels.next(), rels.next()) {
            (Some(rel), None) => Some(rel),
            _ => None,
        }
    }

    /// The members: the resources of the single embedded relation (none when
    /// nothing is embedded, as in an empty HAL+XML or Siren page).
    pub fn members(&self) -> Result<&'a [Resource], CollectionError> {
        match self.resource.embedded.len() {
            0 => Ok(&[]),
            1 => Ok(self.resource.embedded[0].as_slice()),
            _ => Err(CollectionError::AmbiguousMembers(
                self.resource
                    .embedded
                    .keys()
                    .map(|r| r.compact().into_owned())
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        }
    }

    /// The members embedded under `rel`.
    pub fn members_of(&self, rel: impl Into<Rel>) -> &'a [Resource] {
        self.resource.embedded(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::Link;

    fn page(total: Value) -> Resource {
        let mut r = Resource::new()
            .with_property("total_items", total)
            .with_property("returned_items", 1i64)
            .with_property("limit", 20i64)
            .with_property("offset", 0i64)
            .with_link("next", Link::new("https://api.test/carts?offset=20"));
        r.embed("fx:carts", Resource::new().with_property("id", 1i64));
        r
    }

    #[test]
    fn reads_counters_as_string_or_number() {
        let r = page(Value::from("5"));
        let c = Collection::new(&r);
        assert_eq!(c.total_items(), Ok(5));
        assert_eq!(
            Collection::new(&page(Value::from(7i64))).total_items(),
            Ok(7)
        );
        assert_eq!(
            (c.returned_items(), c.limit(), c.offset()),
            (Ok(1), Ok(20), Ok(0))
        );
        assert_eq!(c.has_more(), Ok(true));
        assert_eq!(c.next(), Some("https://api.test/carts?offset=20"));
        assert_eq!(c.prev(), None);
        assert_eq!(c.members().map(<[Resource]>::len), Ok(1));
        assert_eq!(c.members_rel(), Some(&Rel::CARTS));
    }

    #[test]
    fn malformed_counters_are_typed_errors() {
        for bad in [
            Value::from("-1"),
            Value::from("5 items"),
            Value::from(true),
            Value::from(""),
        ] {
            let r = page(bad);
            assert!(matches!(
                Collection::new(&r).total_items(),
                Err(CollectionError::Malformed {
                    field: "total_items",
                    ..
                })
            ));
        }
        let empty = Resource::new();
        assert_eq!(
            Collection::new(&empty).limit(),
            Err(CollectionError::Missing("limit"))
        );
        let mut two = page(Value::from("1"));
        two.embed("fx:items", Resource::new());
        assert!(matches!(
            Collection::new(&two).members(),
            Err(CollectionError::AmbiguousMembers(_))
        ));
        assert_eq!(Collection::new(&two).members_of("fx:items").len(), 1);
    }
}
