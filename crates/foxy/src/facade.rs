//! The methods both clients have, written once: blocking on
//! [`Client`](crate::Client), `async` on [`AsyncClient`](crate::AsyncClient).
//!
//! The request methods are flows written once through `client_methods!`
//! (see [`crate::ops`]); `handles!` writes the methods that only make a
//! handle ([`Follow`], [`Carts`](crate::Carts)...) inside each client's impl.

use foxy_proto::navigation::{self, Intent, Target};
use foxy_proto::query::Query;
use foxy_proto::request::Body;
use foxy_proto::{Map, Resource};

use crate::navigate::request;

/// A client type: its context, clock and transport, `Debug` without
/// secrets, and the constructor and accessor the crate uses.
macro_rules! client_type {
    ($(#[$doc:meta])* $name:ident, $transport:path) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name {
            ctx: std::sync::Arc<foxy_proto::context::Context>,
            clock: std::sync::Arc<crate::clock::Clock>,
            transport: std::sync::Arc<dyn $transport>,
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.ctx.fmt(f)
            }
        }

        impl $name {
            pub(crate) fn from_parts(
                ctx: std::sync::Arc<foxy_proto::context::Context>,
                clock: std::sync::Arc<crate::clock::Clock>,
                transport: std::sync::Arc<dyn $transport>,
            ) -> $name {
                $name {
                    ctx,
                    clock,
                    transport,
                }
            }

            pub(crate) fn ctx(&self) -> &std::sync::Arc<foxy_proto::context::Context> {
                &self.ctx
            }

            crate::facade::handles!();
        }
    };
}
pub(crate) use client_type;

/// The handle-making methods of a client, inside its `impl` block.
macro_rules! handles {
    () => {
        /// Follows a relation from the API home (`client.follow("fx:store")`).
        pub fn follow(&self, rel: impl Into<foxy_proto::Rel>) -> crate::Follow<'_, Self> {
            crate::Follow::new(self, crate::Target::home().rel(rel))
        }

        /// A request target: an href or link, to send to or follow from.
        pub fn at(&self, target: impl Into<crate::Target>) -> crate::Follow<'_, Self> {
            crate::Follow::new(self, target.into())
        }

        /// The store's carts.
        pub fn carts(&self) -> crate::Carts<'_, Self> {
            crate::Carts::new(self)
        }

        /// The store's customers.
        pub fn customers(&self) -> crate::Customers<'_, Self> {
            crate::Customers::new(self)
        }

        /// The store's transactions.
        pub fn transactions(&self) -> crate::Transactions<'_, Self> {
            crate::Transactions::new(self)
        }
    };
}
pub(crate) use handles;

crate::ops::client_methods! {
    @client {
        /// The API home document (its `fx:token` link becomes the token endpoint).
        fn home(this) -> Resource = ctx => navigation::home(ctx);
        /// GET an href or link with a query.
        fn get(this, target: impl Into<Target>, query: Query) -> Resource =
            ctx => request(ctx, target.into(), Intent::Get(query));
        /// POST a body to an href or link.
        fn post(this, target: impl Into<Target>, body: Body) -> Resource =
            ctx => request(ctx, target.into(), Intent::Post(body));
        /// PUT a whole document to an href or link.
        fn put(this, target: impl Into<Target>, document: &Resource) -> Resource =
            ctx => request(ctx, target.into(), Intent::Put(document.clone()));
        /// PATCH properties of the resource at an href or link.
        fn patch(this, target: impl Into<Target>, changes: &Map) -> Resource =
            ctx => request(ctx, target.into(), Intent::Patch(changes.clone()));
        /// DELETE the resource at an href or link.
        fn delete(this, target: impl Into<Target>) -> Resource =
            ctx => request(ctx, target.into(), Intent::Delete);
        /// HEAD an href or link.
        fn head(this, target: impl Into<Target>, query: Query) -> Resource =
            ctx => request(ctx, target.into(), Intent::Head(query));
        /// OPTIONS on an href or link.
        fn options(this, target: impl Into<Target>) -> Resource =
            ctx => request(ctx, target.into(), Intent::Options);
    }
}
