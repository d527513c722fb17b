//! Hypermedia navigation: following relations from the API home or an href.
//!
//! A [`Target`] names where a request goes: an href, or relations followed
//! one after another (`fx:store`, then `fx:carts`) from the API home or from
//! an href. Targets are resolved lazily, when a request is made, by
//! foxy-proto's relation walk ([`foxy_proto::navigation`]), and each
//! relation path resolved is cached per client, so following
//! `fx:store` → `fx:carts` twice reads the home and the store once.
//!
//! ```no_run
//! # fn demo(client: &foxy::Client) -> Result<(), foxy::Error> {
//! use foxy_proto::query::Query;
//! let carts = client.follow("fx:store").follow("fx:carts").get(Query::new())?;
//! println!("{:?}", carts.property("total_items"));
//! # Ok(()) }
//! ```

use std::sync::Arc;

use foxy_proto::context::Context;
use foxy_proto::navigation::{self, Intent};
use foxy_proto::query::Query;
use foxy_proto::request::Body;
use foxy_proto::{Map, Rel, Resource};

pub use foxy_proto::navigation::Target;

use crate::flow::Flow;

/// A flow resolving `target`, sending `intent` and reading the resource.
pub(crate) fn request(ctx: &Arc<Context>, target: Target, intent: Intent) -> Flow<Resource> {
    navigation::send(ctx, target, intent, |ctx, _, response| {
        Ok(ctx.read(&response)?)
    })
}

/// A relation path started from a client: call [`Follow::follow`] again to
/// go further, then a request method to send (resolved lazily, cached).
#[derive(Debug, Clone)]
pub struct Follow<'a, C> {
    pub(crate) client: &'a C,
    pub(crate) target: Target,
}

impl<'a, C> Follow<'a, C> {
    pub(crate) fn new(client: &'a C, target: Target) -> Follow<'a, C> {
        Follow { client, target }
    }

    /// Follows one more relation.
    pub fn follow(mut self, rel: impl Into<Rel>) -> Follow<'a, C> {
        self.target = self.target.rel(rel);
        self
    }

    /// The target so far.
    pub fn target(&self) -> &Target {
        &self.target
    }
}

crate::ops::client_methods! {
    Follow {
        /// The href the path resolves to (reads what is not cached yet).
        fn href(this) -> String = ctx => navigation::href(ctx, this.target.clone());
        /// GET with a query.
        fn get(this, query: Query) -> Resource =
            ctx => request(ctx, this.target.clone(), Intent::Get(query));
        /// HEAD with a query (the resource is empty unless the server sent a body).
        fn head(this, query: Query) -> Resource =
            ctx => request(ctx, this.target.clone(), Intent::Head(query));
        /// OPTIONS.
        fn options(this) -> Resource = ctx => request(ctx, this.target.clone(), Intent::Options);
        /// POST a body; returns the response document (for a creation, a
        /// message whose `self` link is the new resource).
        fn post(this, body: Body) -> Resource =
            ctx => request(ctx, this.target.clone(), Intent::Post(body));
        /// PUT a whole document (links and server-set dates left out; the
        /// zoom derived from what it embeds).
        fn put(this, document: &Resource) -> Resource =
            ctx => request(ctx, this.target.clone(), Intent::Put(document.clone()));
        /// PATCH the given properties.
        fn patch(this, changes: &Map) -> Resource =
            ctx => request(ctx, this.target.clone(), Intent::Patch(changes.clone()));
        /// DELETE.
        fn delete(this) -> Resource = ctx => request(ctx, this.target.clone(), Intent::Delete);
    }
}
