//! Typed navigation: a handle per described relation, for both clients.
//!
//! [`Nav<'a, C, T>`](Nav) is a relation path (a [`Target`]) from a client `C`
//! whose answer is the generated type `T` of [`foxy_model::generated`]. The
//! methods every handle of a kind has are written once here, generic over
//! the client through [`Driver`]: on a [`Client`](crate::Client) they block
//! and return `Result<_, Error>`, on an [`AsyncClient`](crate::AsyncClient)
//! they return a future of it. What differs per relation is generated from
//! the description by `cargo xtask codegen` (`src/generated/navigation.rs`):
//! which methods a handle allows ([`Get`], [`Put`], [`Patch`], [`Delete`],
//! [`List`], [`Create`]), and one method per described link, named after
//! the relation (`coupon.coupon_codes()`, `subscription.transactions()`),
//! returning the target's handle, or posting to it for an action
//! (`transaction.refund(body)`).
//!
//! ```no_run
//! # fn demo(client: &foxy::Client) -> Result<(), foxy::Error> {
//! use foxy::model::typed::TypedCollection as _;
//! use foxy::{Filter, Query};
//! let coupons = client.store().coupons().list(Query::new().filter(Filter::eq("name", "Spring")))?;
//! for coupon in coupons.members() {
//!     println!("{:?}", coupon.name());
//! }
//! // A filter on a property coupons do not have is refused before any request.
//! let refused = client.store().coupons().list(Query::new().filter(Filter::eq("colour", "red")));
//! assert!(refused.unwrap_err().to_string().contains("the valid ones are"));
//! # Ok(()) }
//! ```
//!
//! A method the description does not allow does not exist: transactions
//! are made by charging a cart, so their collection has no `create`.
//!
//! ```compile_fail
//! # fn demo(client: &foxy::Client, t: &foxy::model::generated::Transaction) {
//! let _ = client.store().transactions().create(t);
//! # }
//! ```
//!
//! A collection's `all(query)` walks every member page by page: an
//! `Iterator` ([`TypedPages`]) on the blocking client, a `Stream` on the
//! async one.
//!
//! Queries are checked against the relation's described properties (a
//! collection's: its members'), with `id`, `date_created`,
//! `date_modified` and the `*_id` of each `*_uri` property: a filter or
//! an order on any other name fails with
//! [`QueryError::UnknownProperty`](foxy_proto::query::QueryError::UnknownProperty),
//! naming the valid ones, before any request is made.
//!
//! Actions that may move money (`refund`, `capture`, `void`,
//! `charge_past_due`) are sent as charges: never replayed once they may
//! have reached the server, and any failure after that is
//! [`Error::Ambiguous`].

#[path = "generated/navigation.rs"]
mod generated;

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use foxy_model::generated::{PropertyHelpers, Store, User};
use foxy_model::rels::plural_rels;
use foxy_model::typed::{RelationKind, TypedCollection, TypedResource};
use foxy_proto::context::Context;
use foxy_proto::flow::Next;
use foxy_proto::navigation::{self, Intent, Target};
use foxy_proto::query::Query;
use foxy_proto::request::Body;
use foxy_proto::{Map, Rel, Resource, created};

use crate::error::Error;
use crate::flow::Flow;
use crate::navigate::Follow;

mod private {
    /// Only the two clients drive typed navigation.
    pub trait Sealed {}
}

/// A client that runs typed navigation: [`Client`](crate::Client) (each
/// call blocks and returns its result) or [`AsyncClient`](crate::AsyncClient)
/// (each call returns a `Send` future of its result).
pub trait Driver: private::Sealed + Sync {
    /// What a call returns: `Result<T, Error>`, or a future of it.
    type Output<'a, T: Send + 'static>
    where
        Self: 'a;

    /// Every member of a collection, page by page: an `Iterator` of
    /// `Result<T::Member, Error>`, or a `Stream` of them.
    type Members<T>
    where
        T: List + Send + 'static,
        T::Member: Send;

    /// The client's context (for the flows).
    #[doc(hidden)]
    fn context(&self) -> &Arc<Context>;

    /// Runs a flow: to its end, or as a future.
    #[doc(hidden)]
    fn drive<'a, T: Send + 'static>(&'a self, flow: Flow<T>) -> Self::Output<'a, T>;

    /// Walks the collection at `target` from its first page.
    #[doc(hidden)]
    fn members<T>(&self, target: Target, query: Query) -> Self::Members<T>
    where
        T: List + Send + 'static,
        T::Member: Send;
}

#[cfg(feature = "blocking")]
impl private::Sealed for crate::Client {}

#[cfg(feature = "blocking")]
impl Driver for crate::Client {
    type Output<'a, T: Send + 'static> = Result<T, Error>;

    fn context(&self) -> &Arc<Context> {
        self.ctx()
    }

    fn drive<T: Send + 'static>(&self, flow: Flow<T>) -> Result<T, Error> {
        self.run(flow)
    }

    type Members<T>
        = TypedPages<T>
    where
        T: List + Send + 'static,
        T::Member: Send;

    fn members<T>(&self, target: Target, query: Query) -> TypedPages<T>
    where
        T: List + Send + 'static,
        T::Member: Send,
    {
        TypedPages {
            client: self.clone(),
            next: Some(Ok((target, query))),
            page: Vec::new().into_iter(),
        }
    }
}

#[cfg(feature = "async")]
impl private::Sealed for crate::AsyncClient {}

#[cfg(feature = "async")]
impl Driver for crate::AsyncClient {
    type Output<'a, T: Send + 'static> = futures::future::BoxFuture<'a, Result<T, Error>>;

    fn context(&self) -> &Arc<Context> {
        self.ctx()
    }

    fn drive<'a, T: Send + 'static>(
        &'a self,
        flow: Flow<T>,
    ) -> futures::future::BoxFuture<'a, Result<T, Error>> {
        Box::pin(self.run(flow))
    }

    type Members<T>
        = futures::stream::BoxStream<'static, Result<T::Member, Error>>
    where
        T: List + Send + 'static,
        T::Member: Send;

    fn members<T>(
        &self,
        target: Target,
        query: Query,
    ) -> futures::stream::BoxStream<'static, Result<T::Member, Error>>
    where
        T: List + Send + 'static,
        T::Member: Send,
    {
        let start = (
            self.clone(),
            Some(Ok((target, query))),
            Vec::new().into_iter(),
        );
        Box::pin(futures::stream::unfold(
            start,
            |(client, mut next, mut page)| async move {
                loop {
                    if let Some(member) = page.next() {
                        return Some((Ok(member), (client, next, page)));
                    }
                    let (target, query) = match next.take()? {
                        Ok(next) => next,
                        Err(e) => return Some((Err(e), (client, None, page))),
                    };
                    match client
                        .run(page_flow::<T>(client.ctx(), target, query))
                        .await
                    {
                        Ok(got) => {
                            next = next_page(&got);
                            page = got.members().into_iter();
                        }
                        Err(e) => return Some((Err(e), (client, None, page))),
                    }
                }
            },
        ))
    }
}

/// Every member of a typed collection, page by page with one page in
/// memory (the blocking client's [`Nav::all`]).
#[cfg(feature = "blocking")]
pub struct TypedPages<T: TypedCollection> {
    client: crate::Client,
    next: Option<Result<(Target, Query), Error>>,
    page: std::vec::IntoIter<T::Member>,
}

#[cfg(feature = "blocking")]
impl<T: TypedCollection> fmt::Debug for TypedPages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TypedPages")
            .field("next", &self.next)
            .field("buffered", &self.page.len())
            .finish()
    }
}

#[cfg(feature = "blocking")]
impl<T: TypedCollection + Send + 'static> Iterator for TypedPages<T> {
    type Item = Result<T::Member, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(member) = self.page.next() {
                return Some(Ok(member));
            }
            let (target, query) = match self.next.take()? {
                Ok(next) => next,
                Err(e) => return Some(Err(e)),
            };
            match self
                .client
                .run(page_flow::<T>(self.client.ctx(), target, query))
            {
                Ok(got) => {
                    self.next = next_page(&got);
                    self.page = got.members().into_iter();
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// A GET of one page of `T`, its names checked first.
fn page_flow<T: TypedCollection + Send + 'static>(
    ctx: &Arc<Context>,
    target: Target,
    query: Query,
) -> Flow<T> {
    match check::<T>(&query) {
        Ok(()) => send::<T>(ctx, target, Intent::Get(query)),
        Err(e) => ctx.failed(e),
    }
}

/// The page after `page` (the rule of [`foxy_proto::paginate::next_page_href`]),
/// `None` at the end; a `next` that cannot be resolved is the walk's error.
fn next_page<T: TypedCollection>(page: &T) -> Option<Result<(Target, Query), Error>> {
    let resource = page.as_resource();
    let fetched = resource.self_href().unwrap_or_default();
    match foxy_proto::paginate::next_page_href(resource, fetched) {
        Ok(next) => next.map(|href| Ok((Target::href(href), Query::new()))),
        Err(e) => Some(Err(e.into())),
    }
}

/// A relation whose resource can be read (`GET`): [`Nav::get`].
/// Implemented by the generated code for each relation that allows it.
pub trait Get: TypedResource {}
/// A relation whose resource can be replaced (`PUT`): [`Nav::put`].
pub trait Put: TypedResource {}
/// A relation whose resource can be changed (`PATCH`): [`Nav::patch`].
pub trait Patch: TypedResource {}
/// A relation whose resource can be deleted (`DELETE`): [`Nav::delete`].
pub trait Delete: TypedResource {}
/// A collection that can be listed (`GET`): [`Nav::list`], [`Nav::member`].
pub trait List: TypedCollection {}
/// A collection members can be created in (`POST`): [`Nav::create`].
pub trait Create: TypedCollection {}

/// A relation path from a client whose answer is the generated type `T`.
/// Cheap to clone; nothing is sent until a request method is called, and
/// each relation path resolved is cached per client.
pub struct Nav<'a, C, T> {
    client: &'a C,
    target: Target,
    of: PhantomData<fn() -> T>,
}

impl<C, T> Clone for Nav<'_, C, T> {
    fn clone(&self) -> Self {
        Nav {
            client: self.client,
            target: self.target.clone(),
            of: PhantomData,
        }
    }
}

impl<C, T> fmt::Debug for Nav<'_, C, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Nav")
            .field("target", &self.target)
            .field("type", &std::any::type_name::<T>())
            .finish()
    }
}

impl<'a, C, T> Nav<'a, C, T> {
    /// A handle on `target` (an href, a link or a relation path) read as `T`.
    pub fn new(client: &'a C, target: impl Into<Target>) -> Nav<'a, C, T> {
        Nav {
            client,
            target: target.into(),
            of: PhantomData,
        }
    }

    /// The target so far.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The same path, untyped: follow any relation from here.
    pub fn follow(&self, rel: impl Into<Rel>) -> Follow<'a, C> {
        Follow::new(self.client, self.target.clone().rel(rel))
    }

    /// The handle of the described link `rel` (short form), read as `U`.
    fn link<U>(&self, rel: &str) -> Nav<'a, C, U> {
        Nav::new(self.client, self.target.clone().rel(Rel::fx(rel)))
    }
}

impl<'a, C: Driver, T> Nav<'a, C, T> {
    /// The href the path resolves to (reads what is not cached yet).
    pub fn href(&self) -> C::Output<'a, String> {
        let ctx = self.client.context();
        self.client
            .drive(navigation::href(ctx, self.target.clone()))
    }

    /// POSTs `body` to the action `rel` linked from here; `charges`: the
    /// action may move money, so it is sent as a charge.
    fn action(&self, rel: &str, charges: bool, body: Body) -> C::Output<'a, Resource> {
        let ctx = self.client.context();
        let target = self.target.clone().rel(Rel::fx(rel));
        self.client
            .drive(post_action(ctx, target, rel.to_owned(), charges, body))
    }
}

impl<'a, C: Driver, T: Get + Send + 'static> Nav<'a, C, T> {
    /// GET the resource, zoomed by `query` (its names checked first).
    pub fn get(&self, query: Query) -> C::Output<'a, T> {
        let ctx = self.client.context();
        let flow = match check::<T>(&query) {
            Ok(()) => send::<T>(ctx, self.target.clone(), Intent::Get(query)),
            Err(e) => ctx.failed(e),
        };
        self.client.drive(flow)
    }
}

impl<'a, C: Driver, T: Put + Send + 'static> Nav<'a, C, T> {
    /// PUT `value` as the whole resource; answers the resource as written.
    pub fn put(&self, value: &T) -> C::Output<'a, T> {
        let ctx = self.client.context();
        let intent = Intent::Put(value.as_resource().clone());
        self.client
            .drive(send::<T>(ctx, self.target.clone(), intent))
    }
}

impl<'a, C: Driver, T: Patch + Send + 'static> Nav<'a, C, T> {
    /// PATCH the given properties; answers the resource as changed.
    pub fn patch(&self, changes: &Map) -> C::Output<'a, T> {
        let ctx = self.client.context();
        let intent = Intent::Patch(changes.clone());
        self.client
            .drive(send::<T>(ctx, self.target.clone(), intent))
    }
}

impl<'a, C: Driver, T: Delete> Nav<'a, C, T> {
    /// DELETE the resource.
    pub fn delete(&self) -> C::Output<'a, ()> {
        let ctx = self.client.context();
        let flow = navigation::send(ctx, self.target.clone(), Intent::Delete, |ctx, _, r| {
            ctx.read(&r).map(|_| ()).map_err(Error::from)
        });
        self.client.drive(flow)
    }
}

impl<'a, C: Driver, T: List + Send + 'static> Nav<'a, C, T> {
    /// One page of the collection, filtered, ordered and zoomed by `query`
    /// (its filter and order names checked against the members' properties
    /// first).
    pub fn list(&self, query: Query) -> C::Output<'a, T> {
        let ctx = self.client.context();
        self.client
            .drive(page_flow::<T>(ctx, self.target.clone(), query))
    }

    /// Every member of the collection, page by page with one page in
    /// memory (following `next` until `total_items`): an `Iterator` of
    /// `Result<Member, Error>` on `Client`, a `Stream` on `AsyncClient`.
    pub fn all(&self, query: Query) -> C::Members<T>
    where
        T::Member: Send,
    {
        self.client.members::<T>(self.target.clone(), query)
    }
}

impl<'a, C, T: List> Nav<'a, C, T> {
    /// The handle of one member, by its href (or link).
    pub fn member(&self, target: impl Into<Target>) -> Nav<'a, C, T::Member> {
        Nav::new(self.client, target)
    }

    /// The handle of one member by its id, at the member relation's
    /// described path (`coupons/{id}`, relative to the base URL); an
    /// [`Error::MissingLink`] when the description gives no such path.
    pub fn by_id(&self, id: u64) -> Result<Nav<'a, C, T::Member>, Error> {
        let path = T::Member::info()
            .and_then(|info| info.path)
            .and_then(|path| path.strip_suffix("{id}"))
            .filter(|prefix| !prefix.contains('{'));
        match path {
            Some(prefix) => Ok(Nav::new(self.client, format!("{prefix}{id}"))),
            None => Err(Error::MissingLink {
                rel: format!("fx:{}", T::Member::RELATION),
                on: "the description (no path by id)".to_owned(),
            }),
        }
    }
}

impl<'a, C: Driver, T: Create> Nav<'a, C, T>
where
    T::Member: Send + 'static,
{
    /// Creates `member` in the collection; answers the new resource's href.
    pub fn create(&self, member: &T::Member) -> C::Output<'a, String> {
        let ctx = self.client.context();
        let flow = created::create(ctx, self.target.clone(), member.as_resource());
        self.client.drive(flow)
    }

    /// Creates `member`, then reads it back zoomed by `query`.
    pub fn create_and_get(&self, member: &T::Member, query: Query) -> C::Output<'a, T::Member> {
        let ctx = self.client.context();
        let flow = match check::<T::Member>(&query) {
            Ok(()) => created::create_and_get(
                ctx,
                self.target.clone(),
                member.as_resource(),
                query,
                |ctx, r| read::<T::Member>(ctx, &r),
            ),
            Err(e) => ctx.failed(e),
        };
        self.client.drive(flow)
    }
}

/// The entry points of typed navigation on a client.
macro_rules! entry_points {
    ($client:ty) => {
        impl $client {
            /// The store of the token (`fx:store` from the API home), typed.
            pub fn store(&self) -> Nav<'_, Self, Store> {
                Nav::new(self, Target::home().rel(Rel::STORE))
            }

            /// The user of the token (`fx:user` from the API home), typed.
            pub fn user(&self) -> Nav<'_, Self, User> {
                Nav::new(self, Target::home().rel(Rel::fx("user")))
            }

            /// The property helpers (`fx:property_helpers` from the API home), typed.
            pub fn property_helpers(&self) -> Nav<'_, Self, PropertyHelpers> {
                Nav::new(self, Target::home().rel(Rel::fx("property_helpers")))
            }

            /// A typed handle on `target` (an href or link), read as `T`
            /// (`client.nav::<Coupon>(&href)`).
            pub fn nav<T>(&self, target: impl Into<Target>) -> Nav<'_, Self, T> {
                Nav::new(self, target)
            }
        }
    };
}

#[cfg(feature = "blocking")]
entry_points!(crate::Client);
#[cfg(feature = "async")]
entry_points!(crate::AsyncClient);

/// Reads a response as `T` (HAL+XML's singular relations as the plural ones).
fn read<T: TypedResource>(ctx: &Context, response: &http::Response<Vec<u8>>) -> Result<T, Error> {
    Ok(T::from_resource(plural_rels(ctx.read(response)?)))
}

/// Sends `intent` to `target` and reads the answer as `T`.
fn send<T: TypedResource + Send + 'static>(
    ctx: &Arc<Context>,
    target: Target,
    intent: Intent,
) -> Flow<T> {
    navigation::send(ctx, target, intent, |ctx, _, r| read::<T>(ctx, &r))
}

/// POSTs `body` to the action at `target`, reading the answer; when
/// `charges`, the POST is marked as a charge (foxy-proto's charge path:
/// not replayed once it may have reached the server, later failures
/// ambiguous).
fn post_action(
    ctx: &Arc<Context>,
    target: Target,
    label: String,
    charges: bool,
    body: Body,
) -> Flow<Resource> {
    let owner = ctx.clone();
    let next = navigation::resolve_then(ctx, target, move |href| {
        let call = owner.call(Intent::Post(body).builder(href))?;
        let call = if charges { call.charge() } else { call };
        let reader = owner.clone();
        let then =
            move |response: http::Response<Vec<u8>>| -> Result<Next<Resource, Error>, Error> {
                Ok(Next::Done(reader.read(&response)?))
            };
        Ok(Next::Call(call, label, Box::new(then)))
    });
    Flow::start(ctx.policy(), next)
}

/// The names a query on `T`'s relation may filter and sort by, or `None`
/// when the description gives it no properties (nothing is checked).
pub fn filterable(relation: &str) -> Option<Vec<String>> {
    let mut info = foxy_model::generated::relation(relation)?;
    if info.kind == RelationKind::Collection {
        info = foxy_model::generated::relation(info.member?)?;
    }
    for _ in 0..4 {
        match info.alias_of {
            Some(target) => info = foxy_model::generated::relation(target)?,
            None => break,
        }
    }
    if info.properties.is_empty() {
        return None;
    }
    let mut names: Vec<String> = ["id", "date_created", "date_modified"]
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    for p in info.properties {
        names.push(p.name.to_owned());
        if let Some(base) = p.name.strip_suffix("_uri") {
            names.push(format!("{base}_id"));
        }
    }
    names.sort();
    names.dedup();
    Some(names)
}

/// Checks `query`'s names against `T`'s relation.
fn check<T: TypedResource>(query: &Query) -> Result<(), Error> {
    match filterable(T::RELATION) {
        Some(valid) => Ok(query.check_names(T::RELATION, &valid)?),
        None => Ok(()),
    }
}
