//! The resource kinds the sandbox stores: fields, types, defaults and children.
//!
//! Property names mirror the conformance documents (foxy-elements). Each kind
//! is one static [`Kind`] (store-side kinds in `store`, cart-side in `cart`);
//! the generic engine in [`crate::engine`] reads, writes, filters and renders any of them.

mod cart;
mod commerce;
mod store;

pub use cart::*;
pub use commerce::*;
pub use store::*;

/// The type of a field, used to coerce input and to compare in filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Free text.
    Str,
    /// An integer.
    Int,
    /// An exact decimal (money, weights).
    Dec,
    /// `true`/`false` (input also `1`/`0`).
    Bool,
    /// A date or date-time text, compared by prefix.
    Date,
    /// A link to another resource, rendered `*_uri`, stored as `*_id`; the text is its path segment.
    Ref(&'static str),
}

/// A default value for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Def {
    /// `null`.
    Null,
    /// A string.
    S(&'static str),
    /// A number (exact text).
    N(&'static str),
    /// A boolean.
    B(bool),
}

/// One property of a kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Property name as rendered.
    pub name: &'static str,
    /// Type.
    pub ty: Ty,
    /// Value when not given.
    pub default: Def,
    /// Read only: ignored on input.
    pub read_only: bool,
    /// Stored and filterable but never rendered.
    pub hidden: bool,
}

pub(crate) const fn f(name: &'static str, ty: Ty, default: Def) -> Field {
    Field {
        name,
        ty,
        default,
        read_only: false,
        hidden: false,
    }
}
pub(crate) const fn ro(name: &'static str, ty: Ty, default: Def) -> Field {
    Field {
        name,
        ty,
        default,
        read_only: true,
        hidden: false,
    }
}
pub(crate) const fn hidden(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        default: Def::Null,
        read_only: true,
        hidden: true,
    }
}
pub(crate) const fn s(name: &'static str) -> Field {
    f(name, Ty::Str, Def::S(""))
}

/// A child collection (or single sub-resource) of a kind.
#[derive(Debug)]
pub struct Child {
    /// Relation name without the `fx:` prefix; also the zoom name.
    pub rel: &'static str,
    /// Path segment after the parent's URL.
    pub path: &'static str,
    /// Kind of the children.
    pub kind: &'static Kind,
    /// Link title.
    pub title: &'static str,
}

/// A stored resource kind.
#[derive(Debug)]
pub struct Kind {
    /// Storage key and URL segment of single resources (`/carts/{id}`).
    pub key: &'static str,
    /// Relation of one resource (`cart`).
    pub rel: &'static str,
    /// Relation of the collection (`carts`).
    pub plural: &'static str,
    /// Title of the `self` link.
    pub title: &'static str,
    /// Fields in rendering order.
    pub fields: &'static [Field],
    /// Read-only values computed when rendering (totals), in rendering order.
    pub computed: &'static [(&'static str, Ty)],
    /// Child collections.
    pub children: &'static [Child],
    /// Fields that must be present on create.
    pub required: &'static [&'static str],
}

impl Kind {
    /// A field by name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The type of a filterable or sortable name (fields, computed, id, dates).
    pub fn type_of(&self, name: &str) -> Option<Ty> {
        if name == "id" {
            return Some(Ty::Int);
        }
        if name == "date_created" || name == "date_modified" {
            return Some(Ty::Date);
        }
        if let Some(field) = self.field(name) {
            return Some(field.ty);
        }
        if let Some(base) = name.strip_suffix("_id") {
            let uri = format!("{base}_uri");
            if matches!(self.field(&uri), Some(Field { ty: Ty::Ref(_), .. })) {
                return Some(Ty::Int);
            }
        }
        self.computed
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
    }

    /// A child by relation (zoom) name.
    pub fn child(&self, rel: &str) -> Option<&'static Child> {
        self.children.iter().find(|c| c.rel == rel)
    }
}

/// The name a `Ref` field is stored under (`customer_uri` → `customer_id`).
pub fn ref_id_name(name: &str) -> String {
    format!("{}_id", name.strip_suffix("_uri").unwrap_or(name))
}

pub(crate) const D0: Def = Def::N("0");

/// Every kind, for lookups by storage key.
pub static ALL: &[&Kind] = &[
    &USERS,
    &STORES,
    &TEMPLATE_SETS,
    &ITEM_CATEGORIES,
    &CUSTOMERS,
    &CUSTOMER_ADDRESSES,
    &PAYMENT_METHODS,
    &CARTS,
    &ITEMS,
    &ITEM_OPTIONS,
    &CART_ATTRIBUTES,
    &ITEM_ATTRIBUTES,
    &CUSTOM_FIELDS,
    &DISCOUNTS,
    &APPLIED_COUPON_CODES,
    &TRANSACTIONS,
    &WEBHOOKS,
    &SUBSCRIPTIONS,
    &CUSTOMER_ATTRIBUTES,
    &TRANSACTION_ATTRIBUTES,
    &SUBSCRIPTION_ATTRIBUTES,
];

/// A kind by storage key: a hand-written one, else one generated from the description.
pub fn by_key(key: &str) -> Option<&'static Kind> {
    by_key_static(key).or_else(|| crate::described::catalog().kind(key))
}

/// A hand-written kind by storage key.
pub fn by_key_static(key: &str) -> Option<&'static Kind> {
    ALL.iter().copied().find(|k| k.key == key)
}
