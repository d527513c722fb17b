//! What every generated navigation path shares: [`PathCore`], a relation
//! path from the client, and [`PagerCore`], a walk over a collection one
//! page at a time, the page after the one handed over already requested.
//!
//! A generated path (`StorePath`, `CouponsPath`, ... in
//! [`crate::generated`]) is a uniffi object around a `PathCore`; each of
//! its methods is one call into `foxy::Nav` (the Rust typed navigation), so
//! which methods a relation allows, how a link is followed and how a query
//! is checked are the core's rules, not restated here.

use std::future::Future;
use std::sync::Arc;

use futures::future::BoxFuture;
use futures::lock::Mutex;
use tokio::task::JoinHandle;

use foxy::model::typed::{TypedCollection, TypedResource};
use foxy::proto::paginate::next_page_href;
use foxy::proto::request::Body;
use foxy::proto::{Resource, Value};
use foxy::typed_nav::{Create, Delete, Get, List, Patch, Put};
use foxy::{AsyncClient, Nav, Target};

use crate::client::guard;
use crate::document::{Document, properties_of};
use crate::errors::{FoxyError, FoxyResult};
use crate::meta::ResponseMeta;
use crate::query::Query;
use crate::typed::Handle;

/// A relation path from a client: nothing is sent until a method is called.
#[derive(Debug, Clone)]
pub struct PathCore {
    client: AsyncClient,
    target: Target,
}

impl PathCore {
    /// The path to `target`.
    pub(crate) fn new(client: AsyncClient, target: Target) -> PathCore {
        PathCore { client, target }
    }

    /// The Rust typed handle of this path, read as `T`.
    pub(crate) fn nav<T>(&self) -> Nav<'_, AsyncClient, T> {
        Nav::new(&self.client, self.target.clone())
    }

    /// Another path from the same client (a link the Rust handle followed).
    pub(crate) fn to(&self, target: &Target) -> PathCore {
        PathCore::new(self.client.clone(), target.clone())
    }

    /// The href the path resolves to.
    pub(crate) async fn href(&self) -> FoxyResult<String> {
        guard(async { Ok(self.nav::<()>().href().await?) }).await
    }

    /// The same path, then the relations `rels`, untyped.
    pub(crate) fn follow(&self, rels: Vec<String>) -> Arc<FollowPath> {
        let mut target = self.target.clone();
        for rel in rels {
            target = target.rel(rel);
        }
        Arc::new(FollowPath(self.to(&target)))
    }

    /// GET, read as `T`.
    pub(crate) async fn get<T: Get + Send + 'static>(
        &self,
        query: Option<Query>,
    ) -> FoxyResult<Resource> {
        guard(async {
            let query = Query::core_of(query)?;
            Ok(self.nav::<T>().get(query).await?.into_resource())
        })
        .await
    }

    /// PUT `value` as the whole resource.
    pub(crate) async fn put<T: Put + Send + 'static>(
        &self,
        value: &Handle,
    ) -> FoxyResult<Resource> {
        guard(async {
            let value = T::from_resource(value.snapshot()?);
            Ok(self.nav::<T>().put(&value).await?.into_resource())
        })
        .await
    }

    /// PATCH the properties of a JSON object.
    pub(crate) async fn patch<T: Patch + Send + 'static>(
        &self,
        changes_json: String,
    ) -> FoxyResult<Resource> {
        guard(async {
            let changes = properties_of(&changes_json)?;
            Ok(self.nav::<T>().patch(&changes).await?.into_resource())
        })
        .await
    }

    /// DELETE.
    pub(crate) async fn delete<T: Delete>(&self) -> FoxyResult<()> {
        guard(async { Ok(self.nav::<T>().delete().await?) }).await
    }

    /// One page of the collection `T`.
    pub(crate) async fn list<T: List + Send + 'static>(
        &self,
        query: Option<Query>,
    ) -> FoxyResult<PageParts> {
        let query = Query::core_of(query)?;
        guard(async { PageParts::of(&self.nav::<T>().list(query).await?) }).await
    }

    /// A walk over the collection `T`, one page at a time.
    pub(crate) fn pages<T: List + Send + 'static>(
        &self,
        query: Option<Query>,
    ) -> FoxyResult<PagerCore> {
        Ok(PagerCore {
            client: self.client.clone(),
            walk: Mutex::new(Walk::Due(self.target.clone(), Query::core_of(query)?)),
            fetch: fetch::<T>,
        })
    }

    /// Creates `member` in the collection `T`; its href.
    pub(crate) async fn create<T: Create>(&self, member: &Handle) -> FoxyResult<String>
    where
        T::Member: Send + 'static,
    {
        guard(async {
            let member = T::Member::from_resource(member.snapshot()?);
            Ok(self.nav::<T>().create(&member).await?)
        })
        .await
    }

    /// Creates `member` in the collection `T`, then reads it back.
    pub(crate) async fn create_and_get<T: Create>(
        &self,
        member: &Handle,
        query: Option<Query>,
    ) -> FoxyResult<Resource>
    where
        T::Member: Send + 'static,
    {
        guard(async {
            let query = Query::core_of(query)?;
            let member = T::Member::from_resource(member.snapshot()?);
            let created = self.nav::<T>().create_and_get(&member, query).await?;
            Ok(created.into_resource())
        })
        .await
    }

    /// The path of one member of the collection `T`, by href.
    pub(crate) fn member<T: List>(&self, href: String) -> PathCore {
        self.to(self.nav::<T>().member(href).target())
    }

    /// The path of one member of the collection `T`, by id.
    pub(crate) fn by_id<T: List>(&self, id: u64) -> FoxyResult<PathCore> {
        Ok(self.to(self.nav::<T>().by_id(id)?.target()))
    }

    /// The body of an action: a JSON object.
    pub(crate) fn body(&self, body_json: &str) -> FoxyResult<Body> {
        Ok(Body::Json(Value::Object(properties_of(body_json)?)))
    }

    /// The answer of an action the Rust handle posted, as a document.
    pub(crate) async fn answer(
        &self,
        posted: impl Future<Output = Result<Resource, foxy::Error>>,
    ) -> FoxyResult<Document> {
        guard(async { Document::from_resource(&posted.await?) }).await
    }
}

/// A relation path followed by relation names, untyped (`follow`).
#[derive(Debug, uniffi::Object)]
pub struct FollowPath(pub(crate) PathCore);

#[uniffi::export(async_runtime = "tokio")]
impl FollowPath {
    /// GET the resource reached, with `query`, as a document.
    #[uniffi::method(default(query = None))]
    pub async fn get(&self, query: Option<Query>) -> FoxyResult<Document> {
        guard(async {
            let query = Query::core_of(query)?;
            let follow = self.0.client.at(self.0.target.clone());
            Document::from_resource(&follow.get(query).await?)
        })
        .await
    }

    /// The href the path resolves to.
    pub async fn href(&self) -> FoxyResult<String> {
        self.0.href().await
    }

    /// The same path, then more relations.
    pub fn follow(&self, rels: Vec<String>) -> Arc<FollowPath> {
        self.0.follow(rels)
    }
}

/// One page, read from a typed collection: its members and counters.
#[derive(Debug)]
pub(crate) struct PageParts {
    /// The members, in order.
    pub(crate) members: Vec<Resource>,
    /// How many members the whole collection has.
    pub(crate) total_items: Option<u64>,
    /// How many members this page has.
    pub(crate) returned_items: Option<u64>,
    /// The index of this page's first member.
    pub(crate) offset: Option<u64>,
    /// The page size asked for.
    pub(crate) limit: Option<u64>,
    /// The page's own href.
    pub(crate) href: Option<String>,
    /// The next page's href.
    pub(crate) next_href: Option<String>,
    /// What the server said when the page was read.
    pub(crate) meta: Option<ResponseMeta>,
    /// Where the walk goes after this page (`None`: it ends here), by the
    /// core's rule; a `next` that cannot be resolved is an error.
    pub(crate) after: Result<Option<String>, foxy::proto::error::Error>,
}

impl PageParts {
    /// The parts of a page.
    fn of<T: TypedCollection>(page: &T) -> FoxyResult<PageParts> {
        let resource = page.as_resource();
        // The URL the page was read from (a page built by hand: its `self`).
        let fetched = resource
            .meta()
            .map(|meta| meta.url.as_str())
            .or_else(|| resource.self_href())
            .unwrap_or_default();
        Ok(PageParts {
            members: page
                .members()
                .into_iter()
                .map(|m| m.into_resource())
                .collect(),
            total_items: page.total_items()?,
            returned_items: page.returned_items()?,
            offset: page.offset()?,
            limit: page.limit()?,
            href: page.self_href().map(str::to_owned),
            next_href: page.next_href().map(str::to_owned),
            meta: ResponseMeta::of(resource.meta()),
            after: next_page_href(resource, fetched),
        })
    }
}

/// Reads one page of the collection `T`.
type Fetch = fn(AsyncClient, Target, foxy::Query) -> BoxFuture<'static, FoxyResult<PageParts>>;

/// [`Fetch`] for `T`.
fn fetch<T: List + Send + 'static>(
    client: AsyncClient,
    target: Target,
    query: foxy::Query,
) -> BoxFuture<'static, FoxyResult<PageParts>> {
    Box::pin(async move {
        let page = Nav::<AsyncClient, T>::new(&client, target)
            .list(query)
            .await?;
        PageParts::of(&page)
    })
}

/// Where a walk stands.
enum Walk {
    /// The page to read when asked: the first, or one whose read failed.
    Due(Target, foxy::Query),
    /// The next page, requested in the background while the caller reads
    /// the one before it (one page ahead, never more).
    Ahead(Target, JoinHandle<FoxyResult<PageParts>>),
    /// The error the walk ends with: the next page's link cannot be resolved.
    Failed(FoxyError),
    /// No page left.
    Done,
}

/// A walk over a collection: the page handed over, plus at most the next
/// one, requested ahead.
pub struct PagerCore {
    client: AsyncClient,
    walk: Mutex<Walk>,
    fetch: Fetch,
}

impl std::fmt::Debug for PagerCore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PagerCore").finish_non_exhaustive()
    }
}

impl Drop for PagerCore {
    /// A walk left before its end cancels the page it requested ahead.
    fn drop(&mut self) {
        if let Walk::Ahead(_, ahead) = self.walk.get_mut() {
            ahead.abort();
        }
    }
}

impl PagerCore {
    /// The next page, or `None` after the last; the page after it is
    /// requested before it is returned. A failed read can be tried again:
    /// the walk stays where it was. A page whose `next` cannot be resolved
    /// is returned; the call after it fails, and ends the walk.
    pub(crate) async fn next(&self) -> FoxyResult<Option<PageParts>> {
        let mut walk = self.walk.lock().await;
        let read = match &mut *walk {
            Walk::Done => return Ok(None),
            Walk::Failed(_) => {
                return match std::mem::replace(&mut *walk, Walk::Done) {
                    Walk::Failed(e) => Err(e),
                    _ => Ok(None),
                };
            }
            Walk::Due(target, query) => {
                let read = (self.fetch)(self.client.clone(), target.clone(), query.clone());
                guard(read).await
            }
            Walk::Ahead(_, ahead) => ahead.await.unwrap_or_else(|e| {
                Err(FoxyError::Internal {
                    code: "internal".to_owned(),
                    detail: format!("the page requested ahead stopped: {e}"),
                })
            }),
        };
        let page = match read {
            Ok(page) => page,
            Err(e) => {
                if let Walk::Ahead(target, _) = &*walk {
                    *walk = Walk::Due(target.clone(), foxy::Query::new());
                }
                return Err(e);
            }
        };
        *walk = match &page.after {
            Ok(Some(href)) => {
                let target = Target::href(href.clone());
                match tokio::runtime::Handle::try_current() {
                    Ok(runtime) => {
                        let read =
                            (self.fetch)(self.client.clone(), target.clone(), foxy::Query::new());
                        Walk::Ahead(target, runtime.spawn(guard(read)))
                    }
                    // Outside a Tokio runtime nothing reads ahead: the page is read when asked.
                    Err(_) => Walk::Due(target, foxy::Query::new()),
                }
            }
            Ok(None) => Walk::Done,
            Err(e) => Walk::Failed(foxy::Error::from(e.clone()).into()),
        };
        Ok(Some(page))
    }
}

/// Declares the page record and the pager object of a member class.
macro_rules! typed_page {
    ($page:ident, $pager:ident, $member:ident) => {
        /// One page of a collection: its members and the collection's counters.
        #[derive(Debug, uniffi::Record)]
        pub struct $page {
            /// The members on this page, each a handle on its resource.
            pub members: Vec<std::sync::Arc<$member>>,
            /// How many members the whole collection has.
            pub total_items: Option<u64>,
            /// How many members this page has.
            pub returned_items: Option<u64>,
            /// The index of this page's first member in the collection.
            pub offset: Option<u64>,
            /// The page size asked for.
            pub limit: Option<u64>,
            /// The page's own href.
            pub href: Option<String>,
            /// The next page's href, if any.
            pub next_href: Option<String>,
            /// What the server said when the page was read (status, headers, URL, time).
            pub meta: Option<$crate::meta::ResponseMeta>,
        }

        impl $page {
            /// The record of a page.
            pub(crate) fn of(parts: $crate::paths::PageParts) -> $page {
                $page {
                    members: parts.members.into_iter().map($member::wrap).collect(),
                    total_items: parts.total_items,
                    returned_items: parts.returned_items,
                    offset: parts.offset,
                    limit: parts.limit,
                    href: parts.href,
                    next_href: parts.next_href,
                    meta: parts.meta,
                }
            }
        }

        /// Walks a collection one page at a time (`next()` until `null`/`nil`);
        /// the page after the one returned is requested meanwhile, in the
        /// background (one page ahead, never more).
        #[derive(Debug, uniffi::Object)]
        pub struct $pager(pub(crate) $crate::paths::PagerCore);

        #[uniffi::export(async_runtime = "tokio")]
        impl $pager {
            /// The next page, or none after the last; the walk holds it and at
            /// most the page after it, already requested.
            pub async fn next(&self) -> $crate::errors::FoxyResult<Option<$page>> {
                Ok(self.0.next().await?.map($page::of))
            }
        }
    };
}

pub(crate) use typed_page;
