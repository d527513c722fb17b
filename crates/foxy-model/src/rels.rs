//! Foxy's child relations whose HAL+XML form is singular.
//!
//! In HAL+JSON a cart zoomed with `items` embeds its items as a list under
//! `fx:items`; Foxy's HAL+XML names each embedded item by the singular
//! `https://api.foxycart.com/rels/item` (`fx:item`). The typed views read the
//! plural relations, so a HAL+XML document goes through [`plural_rels`]
//! before it is read. This table is the one place that knows the pairs.

use foxy_proto::{Rel, Resource};

/// Each child relation whose HAL+XML form is singular, with the plural the
/// typed views read (`fx:item` → `fx:items`), as Foxy rel names.
pub const SINGULAR_CHILDREN: [(&str, &str); 7] = [
    ("item", "items"),
    ("item_option", "item_options"),
    ("attribute", "attributes"),
    ("custom_field", "custom_fields"),
    ("discount", "discounts"),
    ("applied_coupon_code", "applied_coupon_codes"),
    ("customer_address", "customer_addresses"),
];

/// The plural Foxy rel name a typed view reads for the singular `name`
/// (`"item"` → `"items"`), or `None` when `name` is not a singular child.
///
/// ```
/// assert_eq!(foxy_model::rels::plural_of("item_option"), Some("item_options"));
/// assert_eq!(foxy_model::rels::plural_of("items"), None);
/// ```
pub fn plural_of(name: &str) -> Option<&'static str> {
    SINGULAR_CHILDREN
        .iter()
        .find(|(singular, _)| *singular == name)
        .map(|(_, plural)| *plural)
}

/// Renames the singular child relations (HAL+XML) to the plural ones the
/// typed views read, at every level of embedding; resources found under
/// both forms are joined, the plural's first. HAL+JSON and Siren documents,
/// which already use the plural, come back unchanged.
///
/// ```
/// use foxy_proto::{Rel, Resource};
/// use foxy_model::rels::plural_rels;
/// let mut cart = Resource::new();
/// cart.embed(Rel::fx("item"), Resource::new().with_property("name", "Sprocket"));
/// let cart = plural_rels(cart);
/// assert_eq!(cart.embedded(Rel::fx("items")).len(), 1);
/// assert!(cart.embedded(Rel::fx("item")).is_empty());
/// ```
pub fn plural_rels(mut resource: Resource) -> Resource {
    let embedded = std::mem::take(&mut resource.embedded);
    for (rel, children) in embedded {
        let children: Vec<Resource> = children.into_iter().map(plural_rels).collect();
        let plural = rel.fx_name().and_then(plural_of).map(Rel::fx);
        resource
            .embedded
            .entry(plural.unwrap_or(rel))
            .or_default()
            .extend(children);
    }
    resource
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cart;

    #[test]
    fn singular_children_are_renamed_at_every_level() {
        let option = Resource::new().with_property("name", "color");
        let mut item = Resource::new().with_property("name", "Sprocket");
        item.embed(Rel::fx("item_option"), option.clone());
        let mut cart = Resource::new().with_property("total_order", 10i64);
        cart.embed(Rel::fx("item"), item);
        cart.embed(
            Rel::fx("attribute"),
            Resource::new().with_property("name", "gift"),
        );
        cart.embed(Rel::STORE, Resource::new());
        let cart = plural_rels(cart);
        let keys: Vec<_> = cart.embedded.keys().map(|r| r.compact()).collect();
        assert_eq!(keys, ["fx:items", "fx:attributes", "fx:store"]);
        let items = cart.embedded(Rel::fx("items"));
        assert_eq!(items[0].embedded(Rel::fx("item_options")), [option]);
        let typed = Cart::from_resource(&cart).expect("cart");
        assert_eq!(typed.items.len(), 1);
        assert_eq!(typed.items[0].item_options.len(), 1);
        assert_eq!(typed.attributes.len(), 1);
    }

    #[test]
    fn plural_and_singular_are_joined_and_plural_documents_unchanged() {
        let mut both = Resource::new();
        both.embed(Rel::fx("items"), Resource::new().with_property("id", 1i64));
        both.embed(Rel::fx("item"), Resource::new().with_property("id", 2i64));
        let both = plural_rels(both);
        assert_eq!(both.embedded.len(), 1);
        assert_eq!(both.embedded(Rel::fx("items")).len(), 2);
        let mut json = Resource::new();
        json.embed(Rel::fx("items"), Resource::new());
        json.embed(Rel::CARTS, Resource::new());
        assert_eq!(plural_rels(json.clone()), json);
        for (singular, plural) in SINGULAR_CHILDREN {
            assert_eq!(plural_of(singular), Some(plural));
            assert_eq!(plural_of(plural), None);
        }
    }
}
