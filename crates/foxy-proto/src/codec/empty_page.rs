//! The empty member list of an empty collection page, through HAL+XML and Siren.
//!
//! HAL+JSON writes an empty page's members as `"_embedded": {"fx:attributes": []}`;
//! HAL+XML and Siren have no element for an empty list. The readers restore
//! it instead, by one rule: a resource that is an *empty page* (it has the
//! four counters `total_items`, `returned_items`, `limit`, `offset`, with
//! `returned_items` zero, and no embedded resource) gets an empty member list
//! under its *own relation*. Foxy embeds a collection's members under the
//! collection's own relation (`fx:attributes` for the attributes collection),
//! so that is the member relation:
//!
//! - for an embedded resource, the relation it is embedded under;
//! - for the document itself, the `rel` of the root element (HAL+XML, where
//!   Foxy writes a resource's own relation) or the root entity's single
//!   `rel` (Siren). The writers put it there exactly when the model's empty
//!   page has one empty member list and nothing else embedded.

use crate::collection::Collection;
use crate::rel::Rel;
use crate::resource::Resource;

/// Whether `resource` is a collection page with no members on it.
pub(crate) fn is_empty_page(resource: &Resource) -> bool {
    let page = Collection::new(resource);
    resource.embedded.values().all(Vec::is_empty)
        && page.returned_items() == Ok(0)
        && page.total_items().is_ok()
        && page.limit().is_ok()
        && page.offset().is_ok()
}

/// The relation to write as a document root's own relation: the single
/// (empty) member relation of an empty page.
pub(crate) fn root_rel(resource: &Resource) -> Option<&Rel> {
    let mut rels = resource.embedded.keys();
    match (rels.next(), rels.next()) {
        (Some(rel), None) if is_empty_page(resource) => Some(rel),
        _ => None,
    }
}

/// Gives an empty page read from HAL+XML or Siren its empty member list
/// under `own`, its own relation.
pub(crate) fn restore(resource: &mut Resource, own: Option<&Rel>) {
    if let Some(own) = own
        && resource.embedded.is_empty()
        && is_empty_page(resource)
    {
        resource.embedded.insert(own.clone(), Vec::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn page(returned: impl Into<Value>) -> Resource {
        let mut r = Resource::new()
            .with_property("total_items", "0")
            .with_property("returned_items", returned)
            .with_property("limit", 20i64)
            .with_property("offset", 0i64);
        r.embedded.insert(Rel::ATTRIBUTES, Vec::new());
        r
    }

    #[test]
    fn empty_pages() {
        assert!(is_empty_page(&page(0i64)));
        assert!(is_empty_page(&page("0")));
        assert!(!is_empty_page(&page(1i64)));
        assert!(!is_empty_page(&page("zero")));
        let mut missing = page(0i64);
        missing.properties.shift_remove("limit");
        assert!(!is_empty_page(&missing));
        let mut members = page(0i64);
        members.embed(Rel::ATTRIBUTES, Resource::new());
        assert!(!is_empty_page(&members));
    }

    #[test]
    fn the_root_relation_is_the_single_member_relation() {
        assert_eq!(root_rel(&page(0i64)), Some(&Rel::ATTRIBUTES));
        let mut two = page(0i64);
        two.embedded.insert(Rel::ITEMS, Vec::new());
        assert_eq!(root_rel(&two), None);
        assert_eq!(root_rel(&page(2i64)), None);
    }

    #[test]
    fn restores_only_empty_pages() {
        let mut read = page(0i64);
        read.embedded.clear();
        restore(&mut read, Some(&Rel::ATTRIBUTES));
        assert_eq!(read, page(0i64));
        let mut cart = Resource::new().with_property("total_order", 0i64);
        restore(&mut cart, Some(&Rel::CART));
        assert!(cart.embedded.is_empty());
        let mut unnamed = page(0i64);
        unnamed.embedded.clear();
        restore(&mut unnamed, None);
        assert!(unnamed.embedded.is_empty());
    }
}
