//! Customers: list, create, read, update, delete, their default payment
//! method and their addresses.
//!
//! ```no_run
//! # fn demo(client: &foxy::Client) -> Result<(), foxy::Error> {
//! use foxy::model::Customer;
//! use foxy_proto::query::{Filter, Query};
//! let page = client.customers().list(Query::new().filter(Filter::eq("email", "grace.hopper@sandbox.test")))?;
//! let grace: &Customer = &page.members[0];
//! let card = client.customers().default_payment_method(grace)?;
//! println!("{:?}", card.cc_number_masked);
//! # Ok(()) }
//! ```

use foxy_model::{Collection, Customer, CustomerAddress, DefaultPaymentMethod};
use foxy_proto::query::Query;
use foxy_proto::{Map, Rel};

use super::{client_methods, create, create_and_get, delete, link_of, list, send};
use super::{store_collection, with_target};
use foxy_proto::navigation::{Intent, Target};

/// The customers of the store (`client.customers()`).
#[derive(Debug, Clone, Copy)]
pub struct Customers<'a, C> {
    pub(crate) client: &'a C,
}

impl<'a, C> Customers<'a, C> {
    pub(crate) fn new(client: &'a C) -> Customers<'a, C> {
        Customers { client }
    }
}

/// The store's customers collection.
pub(crate) fn collection() -> Target {
    store_collection(Rel::CUSTOMERS)
}

client_methods! {
    Customers {
        /// One page of the store's customers, filtered, ordered and zoomed by `query`.
        fn list(this, query: Query) -> Collection<Customer> = inner => list(inner, collection(), query);
        /// The customer at `href`, zoomed by `query`.
        fn get(this, href: &str, query: Query) -> Customer = inner => send(inner, href.into(), Intent::Get(query));
        /// Creates a customer; returns the new customer's href.
        fn create(this, customer: &Customer) -> String =
            inner => create(inner, collection(), customer.to_resource());
        /// Creates a customer, then reads it back with `query`.
        fn create_and_get(this, customer: &Customer, query: Query) -> Customer =
            inner => create_and_get(inner, collection(), customer.to_resource(), query);
        /// Changes the given properties of the customer at `href`.
        fn patch(this, href: &str, changes: &Map) -> Customer =
            inner => send(inner, href.into(), Intent::Patch(changes.clone()));
        /// Deletes the customer at `href`.
        fn delete(this, href: &str) -> () = inner => delete(inner, href.into());
        /// The customer's default payment method (empty, `save_cc: false`, when none is saved).
        fn default_payment_method(this, customer: &Customer) -> DefaultPaymentMethod =
            inner => with_target(inner, link_of(customer, Rel::DEFAULT_PAYMENT_METHOD), |inner, t| {
                send(inner, t, Intent::Get(Query::new()))
            });
        /// Changes the customer's default payment method (a PATCH; `cc_number`
        /// is stored masked).
        fn update_default_payment_method(this, customer: &Customer, changes: &Map) -> DefaultPaymentMethod =
            inner => with_target(inner, link_of(customer, Rel::DEFAULT_PAYMENT_METHOD), |inner, t| {
                send(inner, t, Intent::Patch(changes.clone()))
            });
        /// The customer's saved addresses.
        fn addresses(this, customer: &Customer, query: Query) -> Collection<CustomerAddress> =
            inner => with_target(inner, link_of(customer, Rel::CUSTOMER_ADDRESSES), |inner, t| {
                list(inner, t, query)
            });
        /// Adds an address to the customer; returns its href.
        fn add_address(this, customer: &Customer, address: &CustomerAddress) -> String =
            inner => with_target(inner, link_of(customer, Rel::CUSTOMER_ADDRESSES), |inner, t| {
                create(inner, t, address.to_resource())
            });
    }
}
