//! Transactions: list, read (with their items), and a transaction's items.
//!
//! Transactions are created by charging a cart
//! ([`Carts::charge`](super::Carts)); the API does not create them otherwise.

use foxy_model::{Collection, Item, Transaction};
use foxy_proto::Rel;
use foxy_proto::query::Query;

use foxy_proto::navigation::{Intent, Target};

use super::{client_methods, link_of, list, send, store_collection, with_target};

/// The transactions of the store (`client.transactions()`).
#[derive(Debug, Clone, Copy)]
pub struct Transactions<'a, C> {
    pub(crate) client: &'a C,
}

impl<'a, C> Transactions<'a, C> {
    pub(crate) fn new(client: &'a C) -> Transactions<'a, C> {
        Transactions { client }
    }
}

/// The store's transactions collection.
pub(crate) fn collection() -> Target {
    store_collection(Rel::TRANSACTIONS)
}

client_methods! {
    Transactions {
        /// One page of the store's transactions, filtered, ordered and zoomed by `query`.
        fn list(this, query: Query) -> Collection<Transaction> =
            inner => list(inner, collection(), query);
        /// The transaction at `href`, zoomed by `query`.
        fn get(this, href: &str, query: Query) -> Transaction = inner => send(inner, href.into(), Intent::Get(query));
        /// The transaction at `href` with its items embedded (`zoom=items`).
        fn get_with_items(this, href: &str) -> Transaction = inner => match Query::new().zoom("items") {
            Ok(query) => send(inner, href.into(), Intent::Get(query)),
            Err(e) => inner.failed(e.into()),
        };
        /// The transaction's items.
        fn items(this, transaction: &Transaction, query: Query) -> Collection<Item> =
            inner => with_target(inner, link_of(transaction, Rel::ITEMS), |inner, t| list(inner, t, query));
    }
}
