//! Typed operations over `foxy-model`, shared by both clients.
//!
//! Each operation is a function building a [`Flow`]; the handles
//! ([`Carts`], [`Customers`], [`Transactions`]) expose it as a method of the
//! same name on both clients, blocking for [`crate::Client`] and `async` for
//! [`crate::AsyncClient`]. `client_methods!` writes both from one list, so
//! the two clients cannot drift apart.

pub mod carts;
pub mod customers;
pub mod transactions;

use std::sync::Arc;

use http::Response;

use foxy_model::rels::{plural_of, plural_rels};
use foxy_model::{Collection, Member, Model};
use foxy_proto::context::Context;
use foxy_proto::navigation::{self, Intent, Target};
use foxy_proto::query::Query;
use foxy_proto::{Rel, Resource, created};

pub use carts::Carts;
pub use customers::Customers;
pub use transactions::Transactions;

use crate::error::Error;
use crate::flow::Flow;

/// Writes each listed operation as a blocking method on `Handle<'_, Client>`
/// and an `async` one on `Handle<'_, AsyncClient>`. An operation is
/// `fn name(this, args...) -> Output = inner => flow_expression;`, where
/// `this` is the handle and `inner` the client's [`Context`]. With `@client`
/// in place of a handle, the methods go on the clients themselves (`this`
/// is the client).
macro_rules! client_methods {
    (@client {
        $( $(#[$doc:meta])* fn $name:ident($this:ident $(, $arg:ident: $argty:ty)*) -> $out:ty
            = $inner:ident => $flow:expr; )*
    }) => {
        #[cfg(feature = "blocking")]
        impl crate::Client {
            $(
                $(#[$doc])*
                pub fn $name(&self $(, $arg: $argty)*) -> Result<$out, crate::Error> {
                    let $this = self;
                    let $inner = $this.ctx();
                    $this.run($flow)
                }
            )*
        }

        #[cfg(feature = "async")]
        impl crate::AsyncClient {
            $(
                $(#[$doc])*
                pub async fn $name(&self $(, $arg: $argty)*) -> Result<$out, crate::Error> {
                    let $this = self;
                    let $inner = $this.ctx();
                    $this.run($flow).await
                }
            )*
        }
    };
    ($handle:ident {
        $( $(#[$doc:meta])* fn $name:ident($this:ident $(, $arg:ident: $argty:ty)*) -> $out:ty
            = $inner:ident => $flow:expr; )*
    }) => {
        #[cfg(feature = "blocking")]
        impl $handle<'_, crate::Client> {
            $(
                $(#[$doc])*
                pub fn $name(&self $(, $arg: $argty)*) -> Result<$out, crate::Error> {
                    let $this = self;
                    let $inner = $this.client.ctx();
                    $this.client.run($flow)
                }
            )*
        }

        #[cfg(feature = "async")]
        impl $handle<'_, crate::AsyncClient> {
            $(
                $(#[$doc])*
                pub async fn $name(&self $(, $arg: $argty)*) -> Result<$out, crate::Error> {
                    let $this = self;
                    let $inner = $this.client.ctx();
                    $this.client.run($flow).await
                }
            )*
        }
    };
}

pub(crate) use client_methods;

/// [`plural_rels`] of `resource`, which is returned as it is (not rebuilt)
/// when no relation at any level of embedding is a singular one, as in
/// every HAL+JSON and Siren document: the same result either way.
fn plural(resource: Resource) -> Resource {
    fn has_singular(resource: &Resource) -> bool {
        resource.embedded.iter().any(|(rel, children)| {
            rel.fx_name().and_then(plural_of).is_some() || children.iter().any(has_singular)
        })
    }
    if has_singular(&resource) {
        plural_rels(resource)
    } else {
        resource
    }
}

/// Reads a response as the typed view `T` (HAL+XML's singular child
/// relations read as the plural ones: [`plural_rels`]).
pub(crate) fn typed<T: Model>(ctx: &Context, response: &Response<Vec<u8>>) -> Result<T, Error> {
    let resource = plural(ctx.read(response)?);
    Ok(T::from_resource(&resource)?)
}

/// [`typed`] of a response nobody reads after (its metadata moved, not copied).
pub(crate) fn typed_owned<T: Model>(
    ctx: &Context,
    response: Response<Vec<u8>>,
) -> Result<T, Error> {
    let resource = plural(ctx.read_owned(response)?);
    Ok(T::from_resource(&resource)?)
}

/// Reads a collection page as `Collection<T>`, whatever relation its
/// members are embedded under (HAL+XML uses the singular `fx:cart`, which
/// [`Collection::from_resource`] reads).
pub(crate) fn typed_page<T: Member>(page: Resource) -> Result<Collection<T>, Error> {
    Ok(Collection::from_resource(&plural(page))?)
}

/// Sends `intent` to `target` and reads the answer as `T` (a GET, a PATCH,
/// a PUT, a POST whose answer is the resource).
pub(crate) fn send<T: Model + 'static>(
    ctx: &Arc<Context>,
    target: Target,
    intent: Intent,
) -> Flow<T> {
    navigation::send(ctx, target, intent, |ctx, _, r| typed_owned(ctx, r))
}

/// GET one page of the collection at `target`.
pub(crate) fn list<T: Member + 'static>(
    ctx: &Arc<Context>,
    target: Target,
    query: Query,
) -> Flow<Collection<T>> {
    navigation::send(ctx, target, Intent::Get(query), |ctx, _, r| {
        typed_page(ctx.read_owned(r)?)
    })
}

/// POST `document` to the collection at `target`; finishes with the new
/// resource's href ([`created::create`]).
pub(crate) fn create(ctx: &Arc<Context>, target: Target, document: Resource) -> Flow<String> {
    created::create(ctx, target, &document)
}

/// [`create`], then GET the new resource with `query` as `T`.
pub(crate) fn create_and_get<T: Model + 'static>(
    ctx: &Arc<Context>,
    target: Target,
    document: Resource,
    query: Query,
) -> Flow<T> {
    created::create_and_get(ctx, target, &document, query, |ctx, r| typed(ctx, &r))
}

/// DELETE `target`.
pub(crate) fn delete(ctx: &Arc<Context>, target: Target) -> Flow<()> {
    navigation::send(ctx, target, Intent::Delete, |ctx, _, r| {
        ctx.read(&r).map(|_| ()).map_err(Error::from)
    })
}

/// The href of a model's link, as a target (a typed error when absent).
pub(crate) fn link_of(model: &impl Model, rel: Rel) -> Result<Target, Error> {
    model
        .extras()
        .link(&rel)
        .map(Target::from)
        .ok_or_else(|| Error::MissingLink {
            rel: rel.compact().into_owned(),
            on: model
                .self_href()
                .unwrap_or("a resource without a self link")
                .to_owned(),
        })
}

/// The `self` href of a model, as a target.
pub(crate) fn self_of(model: &impl Model) -> Result<Target, Error> {
    link_of(model, Rel::SELF)
}

/// Runs `make` on a target that may be missing.
pub(crate) fn with_target<T>(
    ctx: &Arc<Context>,
    target: Result<Target, Error>,
    make: impl FnOnce(&Arc<Context>, Target) -> Flow<T>,
) -> Flow<T> {
    match target {
        Ok(target) => make(ctx, target),
        Err(e) => ctx.failed(e),
    }
}

/// The store's collection `rel` (`fx:carts`), followed from the API home.
pub(crate) fn store_collection(rel: Rel) -> Target {
    Target::home().rel(Rel::STORE).rel(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skipping [`plural_rels`] when nothing is singular changes nothing.
    #[test]
    fn plural_is_plural_rels() {
        let leaf = |name: &str| Resource::new().with_property("name", name);
        let mut plain = Resource::new().with_property("total_order", 10i64);
        let mut item = leaf("Sprocket");
        item.embed(Rel::fx("item_options"), leaf("color"));
        plain.embed(Rel::fx("items"), item);
        plain.embed(Rel::STORE, leaf("store"));
        let mut deep = plain.clone();
        let mut item = leaf("Gear");
        item.embed(Rel::fx("item_option"), leaf("size"));
        deep.embed(Rel::fx("items"), item);
        let mut top = plain.clone();
        top.embed(Rel::fx("attribute"), leaf("gift"));
        for resource in [Resource::new(), plain, deep, top] {
            let expected = plural_rels(resource.clone());
            let got = plural(resource);
            assert_eq!(got, expected);
            let keys = |r: &Resource| r.embedded.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(&got), keys(&expected));
        }
    }
}
