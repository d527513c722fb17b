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

use http::{Response, header};

use foxy_model::rels::plural_rels;
use foxy_model::{Collection, Member, Model};
use foxy_proto::query::Query;
use foxy_proto::request::{Body, put_document, resolve_href};
use foxy_proto::{Rel, Resource};

pub use carts::Carts;
pub use customers::Customers;
pub use transactions::Transactions;

use crate::error::Error;
use crate::flow::{Flow, Next};
use crate::inner::Inner;
use crate::navigate::{Intent, Target, send_then};

/// Writes each listed operation as a blocking method on `Handle<'_, Client>`
/// and an `async` one on `Handle<'_, AsyncClient>`. An operation is
/// `fn name(this, args...) -> Output = inner => flow_expression;`, where
/// `this` is the handle and `inner` the client's shared state.
macro_rules! client_methods {
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
                    let $inner = $this.client.inner();
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
                    let $inner = $this.client.inner();
                    $this.client.run($flow).await
                }
            )*
        }
    };
}

pub(crate) use client_methods;

/// Reads a response as the typed view `T` (HAL+XML's singular child
/// relations read as the plural ones: [`plural_rels`]).
pub(crate) fn typed<T: Model>(inner: &Inner, response: &Response<Vec<u8>>) -> Result<T, Error> {
    let resource = plural_rels(inner.read(response)?);
    Ok(T::from_resource(&resource)?)
}

/// Reads a collection page as `Collection<T>`, whatever relation its
/// members are embedded under (HAL+XML uses the singular `fx:cart`, which
/// [`Collection::from_resource`] reads).
pub(crate) fn typed_page<T: Member>(page: Resource) -> Result<Collection<T>, Error> {
    Ok(Collection::from_resource(&plural_rels(page))?)
}

/// Where a creation put the new resource: the `Location` header, else the
/// `self` link of the message document. Error statuses become [`Error::Api`].
pub(crate) fn location(
    inner: &Inner,
    href: &str,
    response: &Response<Vec<u8>>,
) -> Result<String, Error> {
    let message = inner.read(response)?;
    let found = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| message.self_href().map(str::to_owned));
    match found {
        Some(location) => Ok(resolve_href(href, &location)?),
        None => Err(Error::MissingLink {
            rel: "self".to_owned(),
            on: format!("the creation answer of {href}"),
        }),
    }
}

/// GET `target` as the typed view `T`.
pub(crate) fn get<T: Model + 'static>(inner: &Arc<Inner>, target: Target, query: Query) -> Flow<T> {
    let owner = inner.clone();
    let next = send_then(inner, target, Intent::Get(query), move |_, response| {
        typed(&owner, &response).map(Next::Done)
    });
    Flow::start(inner.policy, next)
}

/// Sends `intent` to `target` and reads the answer as `T`.
pub(crate) fn send<T: Model + 'static>(
    inner: &Arc<Inner>,
    target: Target,
    intent: Intent,
) -> Flow<T> {
    let owner = inner.clone();
    let next = send_then(inner, target, intent, move |_, response| {
        typed(&owner, &response).map(Next::Done)
    });
    Flow::start(inner.policy, next)
}

/// GET one page of the collection at `target`.
pub(crate) fn list<T: Member + 'static>(
    inner: &Arc<Inner>,
    target: Target,
    query: Query,
) -> Flow<Collection<T>> {
    let owner = inner.clone();
    let next = send_then(inner, target, Intent::Get(query), move |_, response| {
        typed_page(owner.read(&response)?).map(Next::Done)
    });
    Flow::start(inner.policy, next)
}

/// POST `document` (as a JSON document: no links, no server-set dates) to
/// the collection at `target`; finishes with the new resource's href.
pub(crate) fn create(inner: &Arc<Inner>, target: Target, document: Resource) -> Flow<String> {
    let owner = inner.clone();
    let body = Body::Json(put_document(&document));
    let next = send_then(inner, target, Intent::Post(body), move |href, response| {
        location(&owner, &href, &response).map(Next::Done)
    });
    Flow::start(inner.policy, next)
}

/// [`create`], then GET the new resource with `query` as `T`.
pub(crate) fn create_and_get<T: Model + 'static>(
    inner: &Arc<Inner>,
    target: Target,
    document: Resource,
    query: Query,
) -> Flow<T> {
    let owner = inner.clone();
    let body = Body::Json(put_document(&document));
    let next = send_then(inner, target, Intent::Post(body), move |href, response| {
        let created = location(&owner, &href, &response)?;
        let reader = owner.clone();
        send_then(
            &owner,
            Target::href(created),
            Intent::Get(query),
            move |_, r| typed(&reader, &r).map(Next::Done),
        )
    });
    Flow::start(inner.policy, next)
}

/// DELETE `target`.
pub(crate) fn delete(inner: &Arc<Inner>, target: Target) -> Flow<()> {
    let owner = inner.clone();
    let next = send_then(inner, target, Intent::Delete, move |_, response| {
        owner.read(&response).map(|_| Next::Done(()))
    });
    Flow::start(inner.policy, next)
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

/// A flow that fails at once (a link missing before anything is sent).
pub(crate) fn failed<T>(inner: &Inner, error: Error) -> Flow<T> {
    Flow::start(inner.policy, Err(error))
}

/// Runs `make` on a target that may be missing.
pub(crate) fn with_target<T>(
    inner: &Arc<Inner>,
    target: Result<Target, Error>,
    make: impl FnOnce(&Arc<Inner>, Target) -> Flow<T>,
) -> Flow<T> {
    match target {
        Ok(target) => make(inner, target),
        Err(e) => failed(inner, e),
    }
}

/// The store's collection `rel` (`fx:carts`), followed from the API home.
pub(crate) fn store_collection(rel: Rel) -> Target {
    Target::home().rel(Rel::STORE).rel(rel)
}
