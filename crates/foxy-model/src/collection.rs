//! A page of a collection, with typed members.
//!
//! A collection embeds its members under the members' relation
//! (`fx:carts`), counts them in `total_items` (sometimes a string),
//! `returned_items`, `limit` and `offset`, and links to the other pages
//! through `first`, `prev`, `next` and `last`.

use foxy_proto::{Rel, Resource};

use crate::error::ModelError;
use crate::model::{Extras, Member, Model, read_embedded};
use crate::values::count::Count;
use crate::values::{FieldValue, read_optional};

/// The paging properties a collection carries.
const PAGING: &[&str] = &["total_items", "returned_items", "limit", "offset"];

/// One page of a collection of `T`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection<T> {
    /// The members on this page, in order.
    pub members: Vec<T>,
    /// How many members the whole collection has.
    pub total_items: Option<Count>,
    /// How many members this page has.
    pub returned_items: Option<Count>,
    /// The page size asked for.
    pub limit: Option<Count>,
    /// The index of this page's first member in the whole collection.
    pub offset: Option<Count>,
    /// Links, unknown properties and other embedded resources, kept for the round trip.
    pub extras: Extras,
}

impl<T: Member> Collection<T> {
    /// Reads a collection page; members are read from the embedded `T::REL` list.
    pub fn from_resource(resource: &Resource) -> Result<Self, ModelError> {
        let props = &resource.properties;
        Ok(Collection {
            members: read_embedded(resource, &T::REL)?,
            total_items: read_optional(props, "total_items")?,
            returned_items: read_optional(props, "returned_items")?,
            limit: read_optional(props, "limit")?,
            offset: read_optional(props, "offset")?,
            extras: Extras::capture(resource, PAGING, &[T::REL]),
        })
    }

    /// Writes the page back, with everything it kept.
    pub fn to_resource(&self) -> Resource {
        let known = vec![
            (
                "total_items",
                self.total_items.as_ref().map(Count::to_value),
            ),
            (
                "returned_items",
                self.returned_items.as_ref().map(Count::to_value),
            ),
            ("limit", self.limit.as_ref().map(Count::to_value)),
            ("offset", self.offset.as_ref().map(Count::to_value)),
        ];
        let members = self.members.iter().map(Model::to_resource).collect();
        // An empty page still embeds its (empty) member list when it was read with one.
        let typed = vec![(T::REL, members)];
        self.extras.assemble(known, typed)
    }

    /// The href of the `next` page, if there is one.
    pub fn next_href(&self) -> Option<&str> {
        self.href(&Rel::NEXT)
    }

    /// The href of the `prev` page, if there is one.
    pub fn prev_href(&self) -> Option<&str> {
        self.href(&Rel::PREV)
    }

    /// The href of the `first` page.
    pub fn first_href(&self) -> Option<&str> {
        self.href(&Rel::FIRST)
    }

    /// The href of the `last` page.
    pub fn last_href(&self) -> Option<&str> {
        self.href(&Rel::LAST)
    }

    /// Whether a later page exists: the `next` link leads elsewhere than this
    /// page and this page does not reach `total_items`.
    pub fn has_more(&self) -> bool {
        let (Some(total), Some(offset)) = (&self.total_items, &self.offset) else {
            return self.next_href().is_some() && self.next_href() != self.self_href();
        };
        let seen = offset.get().saturating_add(self.members.len() as u64);
        seen < total.get()
    }

    fn href(&self, rel: &Rel) -> Option<&str> {
        self.extras.link(rel).map(|l| l.href.as_str())
    }
}

impl<T: Member> Model for Collection<T> {
    fn from_resource(resource: &Resource) -> Result<Self, ModelError> {
        Collection::from_resource(resource)
    }

    fn to_resource(&self) -> Resource {
        Collection::to_resource(self)
    }

    fn extras(&self) -> &Extras {
        &self.extras
    }
}

#[cfg(test)]
mod tests {
    use foxy_proto::{Link, Value};

    use super::*;
    use crate::cart::Cart;

    #[test]
    fn reads_paging_and_members() {
        let mut r = Resource::new()
            .with_link(Rel::NEXT, Link::new("https://api.test/carts?offset=20"))
            .with_property("total_items", "25")
            .with_property("returned_items", 20i64)
            .with_property("limit", 20i64)
            .with_property("offset", 0i64);
        r.embed(
            Rel::CARTS,
            Resource::new().with_property("total_order", 5i64),
        );
        let page: Collection<Cart> = Collection::from_resource(&r).expect("page");
        assert_eq!(page.total_items.as_ref().map(Count::get), Some(25));
        assert_eq!(page.members.len(), 1);
        assert_eq!(page.next_href(), Some("https://api.test/carts?offset=20"));
        assert!(page.prev_href().is_none());
        assert!(page.has_more());
        assert_eq!(page.to_resource(), r);
        assert_eq!(
            page.to_resource().property("total_items"),
            Some(&Value::from("25"))
        );
    }

    #[test]
    fn member_errors_name_their_index() {
        let mut r = Resource::new();
        r.embed(Rel::CARTS, Resource::new());
        r.embed(
            Rel::CARTS,
            Resource::new().with_property("total_tax", "lots"),
        );
        let err = Collection::<Cart>::from_resource(&r).expect_err("bad member");
        assert_eq!(err.field(), "fx:carts[1].total_tax");
    }
}
