//! A page of a collection, with typed members.
//!
//! A collection embeds its members under the members' relation
//! (`fx:carts`; Foxy's HAL+XML uses the singular `fx:cart`), counts them in
//! `total_items` (sometimes a string), `returned_items`, `limit` and
//! `offset`, and links to the other pages through `first`, `prev`, `next`
//! and `last`.
//!
//! [`Collection<T>`] is a typed wrapper over foxy-proto's collection view
//! ([`foxy_proto::Collection`]): it reads the members as `T` and asks the
//! view for everything about the page itself (the counters, the paging
//! links, which relation holds the members), so the rules for reading a
//! page live in one place.

use foxy_proto::collection::CollectionError;
use foxy_proto::{Rel, Resource, Value};

use crate::error::{ModelError, clip};
use crate::model::{Extras, Member, Model, read_embedded};

/// One page of a collection of `T`.
///
/// The page itself (counters, links, unknown properties, other embedded
/// resources) is kept as read, for the round trip; only the members are
/// typed, and only they can be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection<T> {
    /// The members on this page, in order.
    pub members: Vec<T>,
    /// The relation the members are embedded under.
    members_rel: Rel,
    /// The page's properties and links: what foxy-proto's view reads.
    page: Resource,
    /// What the page has beyond its members and counters (links, unknown
    /// properties, other embedded resources), as the [`Model`] trait hands
    /// it out.
    extras: Extras,
}

/// How foxy-proto's view reads one counter.
type Counter = fn(&foxy_proto::Collection<'_>) -> Result<u64, CollectionError>;

/// The paging properties a collection carries, with the view's reader of each.
const COUNTERS: [(&str, Counter); 4] = [
    ("total_items", |v| v.total_items()),
    ("returned_items", |v| v.returned_items()),
    ("limit", |v| v.limit()),
    ("offset", |v| v.offset()),
];

impl<T: Member> Collection<T> {
    /// Reads a collection page. Members are read as `T` from the embedded
    /// `T::REL` list or, when that is absent and the page embeds a single
    /// relation (the singular `fx:cart` of HAL+XML), from that one. A
    /// counter that is present but not a whole number is an error; an
    /// absent (or `null`) one reads as `None`.
    pub fn from_resource(resource: &Resource) -> Result<Self, ModelError> {
        let view = foxy_proto::Collection::new(resource);
        for (field, read) in COUNTERS {
            if let Err(CollectionError::Malformed { .. }) = read(&view) {
                match resource.property(field) {
                    Some(Value::Null) | None => {}
                    Some(Value::String(text)) => {
                        return Err(ModelError::NotAnInteger {
                            field: field.to_owned(),
                            text: clip(text),
                        });
                    }
                    Some(Value::Number(n)) => {
                        return Err(ModelError::NotAnInteger {
                            field: field.to_owned(),
                            text: clip(n.as_str()),
                        });
                    }
                    Some(other) => {
                        return Err(ModelError::WrongType {
                            field: field.to_owned(),
                            expected: "a whole number",
                            found: other.kind(),
                        });
                    }
                }
            }
        }
        let members_rel = if resource.embedded.contains_key(&T::REL) {
            T::REL
        } else {
            view.members_rel().cloned().unwrap_or(T::REL)
        };
        let members = read_embedded(resource, &members_rel)?;
        // What the view reads: the properties and the links.
        let page = Resource {
            properties: resource.properties.clone(),
            links: resource.links.clone(),
            ..Resource::default()
        };
        Ok(Collection {
            members,
            extras: Extras::capture(
                resource,
                &COUNTERS.map(|(name, _)| name),
                std::slice::from_ref(&members_rel),
            ),
            members_rel,
            page,
        })
    }

    /// Writes the page back, with everything it kept and the members as
    /// they are now (under the relation they were read from).
    pub fn to_resource(&self) -> Resource {
        // The counters exactly as read (`"5"` stays text).
        let known = COUNTERS
            .iter()
            .map(|&(name, _)| (name, self.page.property(name).cloned()))
            .collect();
        let members = self.members.iter().map(Model::to_resource).collect();
        // An empty page still embeds its (empty) member list when it was read with one.
        self.extras
            .assemble(known, vec![(self.members_rel.clone(), members)])
    }

    /// The page's properties and links through foxy-proto's collection view.
    fn view(&self) -> foxy_proto::Collection<'_> {
        foxy_proto::Collection::new(&self.page)
    }

    /// The relation the members were read from (`T::REL`, or the singular
    /// relation of a HAL+XML page).
    pub fn members_rel(&self) -> &Rel {
        &self.members_rel
    }

    /// How many members the whole collection has (`total_items`), if the page says.
    pub fn total_items(&self) -> Option<u64> {
        self.view().total_items().ok()
    }

    /// How many members this page has (`returned_items`), if the page says.
    pub fn returned_items(&self) -> Option<u64> {
        self.view().returned_items().ok()
    }

    /// The page size asked for (`limit`), if the page says.
    pub fn limit(&self) -> Option<u64> {
        self.view().limit().ok()
    }

    /// The index of this page's first member in the whole collection
    /// (`offset`), if the page says.
    pub fn offset(&self) -> Option<u64> {
        self.view().offset().ok()
    }

    /// The href of the `next` page, if there is one.
    pub fn next_href(&self) -> Option<&str> {
        self.view().next()
    }

    /// The href of the `prev` page, if there is one.
    pub fn prev_href(&self) -> Option<&str> {
        self.view().prev()
    }

    /// The href of the `first` page.
    pub fn first_href(&self) -> Option<&str> {
        self.view().first()
    }

    /// The href of the `last` page.
    pub fn last_href(&self) -> Option<&str> {
        self.view().last()
    }

    /// Whether a later page exists: this page does not reach `total_items`
    /// or, without the counters, the `next` link leads elsewhere than this page.
    pub fn has_more(&self) -> bool {
        let (Some(total), Some(offset)) = (self.total_items(), self.offset()) else {
            return self.next_href().is_some() && self.next_href() != self.self_href();
        };
        let seen = offset.saturating_add(self.members.len() as u64);
        seen < total
    }

    /// Links, unknown properties and other embedded resources (not the
    /// members, not the counters), kept for the round trip.
    pub fn extras(&self) -> &Extras {
        &self.extras
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
        assert_eq!(page.total_items(), Some(25));
        assert_eq!(
            (page.returned_items(), page.limit(), page.offset()),
            (Some(20), Some(20), Some(0))
        );
        assert_eq!(page.members.len(), 1);
        assert_eq!(page.members_rel(), &Rel::CARTS);
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
    fn counters_are_read_by_the_proto_view() {
        let r = Resource::new()
            .with_property("total_items", "7")
            .with_property("limit", Value::Null);
        let page: Collection<Cart> = Collection::from_resource(&r).expect("page");
        let view = foxy_proto::Collection::new(&r);
        assert_eq!(page.total_items(), view.total_items().ok());
        assert_eq!(page.limit(), None, "null reads as absent");
        assert_eq!(page.offset(), None);
        assert!(page.members.is_empty());
        for (bad, error) in [
            (Value::from("many"), "not a whole number: \"many\""),
            (Value::from("-3"), "not a whole number: \"-3\""),
            (Value::from(true), "expected a whole number, found boolean"),
        ] {
            let r = Resource::new().with_property("offset", bad);
            let err = Collection::<Cart>::from_resource(&r).expect_err("malformed");
            assert_eq!(err.field(), "offset");
            assert!(err.to_string().contains(error), "{err}");
        }
    }

    #[test]
    fn members_under_a_single_other_relation_are_read_and_written_back_there() {
        // Foxy's HAL+XML carts collection embeds each cart as `fx:cart`.
        let mut r = Resource::new()
            .with_property("total_items", "2")
            .with_property("returned_items", 2i64)
            .with_property("limit", 20i64)
            .with_property("offset", 0i64);
        r.embed(
            Rel::CART,
            Resource::new().with_property("total_order", 1i64),
        );
        r.embed(
            Rel::CART,
            Resource::new().with_property("total_order", 2i64),
        );
        let page: Collection<Cart> = Collection::from_resource(&r).expect("page");
        assert_eq!(page.members.len(), 2);
        assert_eq!(page.members_rel(), &Rel::CART);
        assert!(!page.has_more());
        assert_eq!(page.to_resource(), r);
        // With several relations and none of them `T::REL`, there are no members.
        r.embed(Rel::STORE, Resource::new());
        let page: Collection<Cart> = Collection::from_resource(&r).expect("page");
        assert!(page.members.is_empty());
        assert_eq!(page.to_resource(), r);
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
