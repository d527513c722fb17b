//! Every relation of foxy-schema's description, served from the same data.
//!
//! [`catalog`] reads the description once (never per request) and derives
//! what the generic engine needs: a [`Kind`] for every described resource the
//! hand-written kinds do not cover (built in [`build`]), the collection,
//! action and external routes of each kind, and the link plan of each kind
//! (which links its representation carries, [`links`]). Routes are made in
//! [`routes`], bodies are checked by [`validate`], actions do their work in
//! [`actions`], property helpers are static ([`helpers`]) and the first
//! start seeds several of every resource ([`seed`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use foxy_schema::{Relation, Schema};

use crate::kinds::{self, Child, Kind};

pub mod actions;
mod build;
pub mod helpers;
pub mod links;
pub mod routes;
pub mod seed;
pub mod validate;

/// Routes the hand-written modules already serve (the generic ones skip them).
pub const EXISTING_ROUTES: &[&str] = &[
    "/stores/{id}/customers",
    "/stores/{id}/carts",
    "/stores/{id}/transactions",
    "/stores/{id}/item_categories",
    "/stores/{id}/template_sets",
    "/stores/{id}/webhooks",
    "/stores/{id}/subscriptions",
    "/users/{id}/stores",
    "/carts/{id}/items",
    "/carts/{id}/attributes",
    "/carts/{id}/cart_custom_fields",
    "/carts/{id}/custom_fields",
    "/carts/{id}/discounts",
    "/carts/{id}/applied_coupon_codes",
    "/carts/{id}/session",
    "/carts/{id}/create_session",
    "/items/{id}/item_options",
    "/items/{id}/attributes",
    "/customers/{id}/addresses",
    "/customers/{id}/customer_addresses",
    "/customers/{id}/default_payment_method",
    "/customers/{id}/transactions",
    "/transactions/{id}/items",
    "/transactions/{id}/discounts",
    "/transactions/{id}/custom_fields",
    "/property_helpers",
    "/reporting",
    "/encode",
    "/token",
];

/// The hand-written kinds and the relation each one serves.
pub const EXISTING_KINDS: &[(&str, &str)] = &[
    ("users", "user"),
    ("stores", "store"),
    ("template_sets", "template_set"),
    ("item_categories", "item_category"),
    ("customers", "customer"),
    ("customer_addresses", "customer_address"),
    ("payment_methods", "payment_method"),
    ("carts", "cart"),
    ("items", "item"),
    ("item_options", "item_option"),
    ("cart_attributes", "attribute"),
    ("item_attributes", "attribute"),
    ("cart_custom_fields", "custom_field"),
    ("discounts", "discount"),
    ("applied_coupon_codes", "applied_coupon_code"),
    ("transactions", "transaction"),
    ("webhooks", "webhook"),
    ("subscriptions", "subscription"),
    ("customer_attributes", "attribute"),
    ("transaction_attributes", "attribute"),
    ("subscription_attributes", "attribute"),
];

/// A collection served by the generic engine: `/{parent key}/{id}/{tail}`.
#[derive(Debug)]
pub struct Collection {
    /// The route (`/coupons/{id}/codes`), or a fixed path for helpers' collections.
    pub route: String,
    /// The collection relation (`coupon_codes`).
    pub relation: &'static Relation,
    /// The parent kind, `None` under the property helpers.
    pub parent: Option<&'static Kind>,
    /// The child description (relation, path, member kind).
    pub child: &'static Child,
}

/// An action served by the generic engine: `POST /{key}/{id}/{rel}` (or its path).
#[derive(Debug)]
pub struct Action {
    /// The route.
    pub route: String,
    /// The action relation.
    pub relation: &'static Relation,
    /// The kind it acts on (`None` for store-less actions such as `create_client`).
    pub on: Option<&'static Kind>,
}

/// How one link of a kind is written.
#[derive(Debug, Clone)]
pub enum Plan {
    /// A child collection, action or external page: `{self}/{tail}`.
    Below {
        /// The link relation.
        rel: &'static str,
        /// The path after the resource's URL.
        tail: &'static str,
    },
    /// Another resource of `kind`: an ancestor, a stored reference, a child or the first one.
    Resource {
        /// The link relation.
        rel: &'static str,
        /// The kind it points to.
        kind: &'static Kind,
    },
    /// A fixed path under the base URL (`/property_helpers`, the store).
    Fixed {
        /// The link relation.
        rel: &'static str,
        /// The path, `{store}` standing for the store's id.
        path: &'static str,
    },
}

/// Everything derived from the description.
#[derive(Debug)]
pub struct Catalog {
    /// The description (`None` when it failed to load, see `problem`).
    pub schema: Option<&'static Schema>,
    /// Generated kinds by storage key.
    pub generated: HashMap<&'static str, &'static Kind>,
    /// The described relation of every kind key (hand-written and generated).
    pub relation_of: HashMap<&'static str, &'static Relation>,
    /// The kind serving each resource relation (attributes excluded: one per parent).
    pub kind_of: HashMap<&'static str, &'static Kind>,
    /// Link plans by kind key.
    pub plans: HashMap<&'static str, Vec<Plan>>,
    /// Generated single-resource routes (`/coupons/{id}`).
    pub singles: Vec<&'static Kind>,
    /// Generated collection routes.
    pub collections: Vec<Collection>,
    /// Action routes.
    pub actions: Vec<Action>,
    /// External pages: route and relation.
    pub externals: Vec<(String, &'static Relation)>,
    /// Property helper resources (static).
    pub helpers: Vec<&'static Relation>,
    /// Collection relation name to member relation name (`coupons` → `coupon`).
    pub singular: HashMap<&'static str, &'static str>,
    /// Why the description could not be used, when it could not.
    pub problem: Option<String>,
}

impl Catalog {
    /// The generated kind stored under `key`.
    pub fn kind(&self, key: &str) -> Option<&'static Kind> {
        self.generated.get(key).copied()
    }

    /// The described relation of a kind.
    pub fn relation(&self, kind: &Kind) -> Option<&'static Relation> {
        self.relation_of.get(kind.key).copied()
    }

    /// The relation of a generated kind (`None` for a hand-written one).
    pub fn generated_relation(&self, kind: &Kind) -> Option<&'static Relation> {
        if self.generated.contains_key(kind.key) {
            self.relation(kind)
        } else {
            None
        }
    }

    /// Whether a kind was generated from the description (not hand-written).
    pub fn is_generated(&self, kind: &Kind) -> bool {
        self.generated.contains_key(kind.key)
    }

    /// The attribute kind of a parent kind (`coupons` → `coupon_attributes`).
    pub fn attribute_kind(&self, parent: &Kind) -> Option<&'static Kind> {
        let key = format!("{}_attributes", parent.rel);
        kinds::ALL
            .iter()
            .copied()
            .find(|k| k.key == key)
            .or_else(|| self.kind(&key))
    }
}

/// The catalog, built on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(build::catalog)
}

/// `leak` for the few strings the catalog keeps for the whole run.
pub(crate) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// `coupon_code` → `Coupon Code`.
pub(crate) fn title_case(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
