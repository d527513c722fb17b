//! Carts: list, create, read, update (PATCH, or PUT with embedded items,
//! options and attributes), delete, charge, browser sessions, and a cart's
//! items, item options, attributes and custom fields.
//!
//! ```no_run
//! # fn demo(client: &foxy::Client) -> Result<(), foxy::Error> {
//! use foxy::model::{Cart, Item};
//! use foxy_proto::query::Query;
//! let cart = Cart::new().with_item(Item::new("Sprocket", 10, 2));
//! let created = client.carts().create_and_get(&cart, Query::new().zoom("items")?)?;
//! assert_eq!(created.items.len(), 1);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use foxy_model::{
    Attribute, Cart, CartSession, Collection, CustomField, Customer, Item, ItemOption, Model,
    Transaction,
};
use foxy_proto::context::Context;
use foxy_proto::navigation::{Intent, Target};
use foxy_proto::query::Query;
use foxy_proto::{Map, Rel, Value};

use super::{client_methods, create, create_and_get, delete, link_of, list, self_of, send};
use super::{store_collection, typed, with_target};
use crate::flow::Flow;

/// The carts of the store (`client.carts()`).
#[derive(Debug, Clone, Copy)]
pub struct Carts<'a, C> {
    pub(crate) client: &'a C,
}

impl<'a, C> Carts<'a, C> {
    pub(crate) fn new(client: &'a C) -> Carts<'a, C> {
        Carts { client }
    }
}

/// The store's carts collection.
pub(crate) fn collection() -> Target {
    store_collection(Rel::CARTS)
}

/// The charge flow of [`foxy_proto::charge`]: PATCH the cart's
/// `customer_uri`, POST the cart, GET the transaction with its items. Once
/// the POST may have charged, any failure is
/// [`Error::Ambiguous`](crate::Error::Ambiguous).
pub(crate) fn charge(ctx: &Arc<Context>, cart: &Cart, customer: &Customer) -> Flow<Transaction> {
    let customer_uri = match self_of(customer) {
        Ok(_) => customer.self_href().unwrap_or_default().to_owned(),
        Err(e) => return ctx.failed(e),
    };
    with_target(ctx, self_of(cart), |ctx, target| {
        foxy_proto::charge::charge(ctx, target, &customer_uri, |ctx, r| typed(ctx, &r))
    })
}

client_methods! {
    Carts {
        /// One page of the store's carts, filtered, ordered and zoomed by `query`.
        fn list(this, query: Query) -> Collection<Cart> = inner => list(inner, collection(), query);
        /// The cart at `href`, zoomed by `query` (`zoom=items,items:item_options`).
        fn get(this, href: &str, query: Query) -> Cart = inner => send(inner, href.into(), Intent::Get(query));
        /// Creates a cart (with what it embeds); returns the new cart's href.
        fn create(this, cart: &Cart) -> String =
            inner => create(inner, collection(), cart.to_resource());
        /// Creates a cart, then reads it back with `query`.
        fn create_and_get(this, cart: &Cart, query: Query) -> Cart =
            inner => create_and_get(inner, collection(), cart.to_resource(), query);
        /// Changes the given properties of the cart at `href`.
        fn patch(this, href: &str, changes: &Map) -> Cart =
            inner => send(inner, href.into(), Intent::Patch(changes.clone()));
        /// Replaces the cart (its `self` link) with `cart`, embedded items,
        /// item options, attributes and custom fields included (zoomed so
        /// the server writes them).
        fn put(this, cart: &Cart) -> Cart = inner => with_target(inner, self_of(cart), |inner, target| {
            send(inner, target, Intent::Put(cart.to_resource()))
        });
        /// Deletes the cart at `href`.
        fn delete(this, href: &str) -> () = inner => delete(inner, href.into());
        /// Charges the cart to the customer's default payment method and
        /// returns the transaction (with its items). Never replayed once it
        /// may have reached the server: see [`Error::is_ambiguous`](crate::Error::is_ambiguous).
        fn charge(this, cart: &Cart, customer: &Customer) -> Transaction =
            inner => charge(inner, cart, customer);
        /// Creates a browser session for the cart (its `fx:create_session` link).
        fn create_session(this, cart: &Cart) -> CartSession =
            inner => with_target(inner, link_of(cart, Rel::CREATE_SESSION), |inner, target| {
                send(inner, target, Intent::Post(foxy_proto::request::Body::Json(Value::Object(Map::new()))))
            });
        /// The cart's items.
        fn items(this, cart: &Cart, query: Query) -> Collection<Item> =
            inner => with_target(inner, link_of(cart, Rel::ITEMS), |inner, t| list(inner, t, query));
        /// Adds an item (with its embedded options and attributes) to the cart; returns its href.
        fn add_item(this, cart: &Cart, item: &Item) -> String =
            inner => with_target(inner, link_of(cart, Rel::ITEMS), |inner, t| create(inner, t, item.to_resource()));
        /// The options of an item.
        fn item_options(this, item: &Item, query: Query) -> Collection<ItemOption> =
            inner => with_target(inner, link_of(item, Rel::ITEM_OPTIONS), |inner, t| list(inner, t, query));
        /// Adds an option to an item; returns its href.
        fn add_item_option(this, item: &Item, option: &ItemOption) -> String =
            inner => with_target(inner, link_of(item, Rel::ITEM_OPTIONS), |inner, t| create(inner, t, option.to_resource()));
        /// The cart's attributes.
        fn attributes(this, cart: &Cart, query: Query) -> Collection<Attribute> =
            inner => with_target(inner, link_of(cart, Rel::ATTRIBUTES), |inner, t| list(inner, t, query));
        /// Adds an attribute to the cart; returns its href.
        fn add_attribute(this, cart: &Cart, attribute: &Attribute) -> String =
            inner => with_target(inner, link_of(cart, Rel::ATTRIBUTES), |inner, t| create(inner, t, attribute.to_resource()));
        /// The cart's custom fields.
        fn custom_fields(this, cart: &Cart, query: Query) -> Collection<CustomField> =
            inner => with_target(inner, link_of(cart, Rel::CUSTOM_FIELDS), |inner, t| list(inner, t, query));
        /// Adds a custom field to the cart; returns its href.
        fn add_custom_field(this, cart: &Cart, field: &CustomField) -> String =
            inner => with_target(inner, link_of(cart, Rel::CUSTOM_FIELDS), |inner, t| create(inner, t, field.to_resource()));
    }
}
