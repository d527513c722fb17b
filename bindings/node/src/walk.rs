//! Walking a described collection (`client.store().coupons.all()`): a
//! cursor whose `nextPage()` resolves to the members of the next page as
//! `TypedResource`s, one crossing into JavaScript per page, with the page
//! after it already requested (one page ahead, never more).
//!
//! The pages are read by the core client (`foxy::AsyncClient::get`); which
//! page comes next is the core's one rule (`foxy_proto::paginate::next_page_href`).
//! A `next` that cannot be resolved is the walk's error, after the members
//! of the page that links it.

use std::sync::Arc;

use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

use foxy::{AsyncClient, Query, Target};
use foxy_model::typed::RelationInfo;
use foxy_proto::paginate::next_page_href;
use foxy_proto::{Rel, Resource};

use crate::described::{TypedResource, relation_info};
use crate::errors::{FoxyError, Outcome, promise};

/// A page on its way: the request in flight, or the first one to make.
enum Next {
    /// The first page, not requested yet.
    First(Box<(Target, Query)>),
    /// A page requested in the background, from this href.
    Fetching(String, JoinHandle<Result<Resource, foxy::Error>>),
    /// The error the walk ends with, after the members already handed over.
    Failed(FoxyError),
    /// No page left.
    Done,
}

/// The state of one walk.
struct Walk {
    client: AsyncClient,
    /// Where the members are embedded (`fx:coupons`).
    members_rel: Rel,
    /// What the members are (`coupon`).
    member: &'static RelationInfo,
    next: Next,
}

impl Drop for Walk {
    /// A walk left before its end cancels the page it requested ahead.
    fn drop(&mut self) {
        if let Next::Fetching(_, handle) = &self.next {
            handle.abort();
        }
    }
}

impl Walk {
    /// Starts the request for the page at `href`, in the background.
    fn fetch(&self, href: String) -> Next {
        let client = self.client.clone();
        let requested = href.clone();
        Next::Fetching(
            requested,
            tokio::spawn(async move { client.get(href, Query::new()).await }),
        )
    }

    /// The members of the next page (`None`: the walk has ended), the page
    /// after it requested before they are handed over.
    async fn next_page(&mut self) -> Outcome<Option<Vec<TypedResource>>> {
        let (requested, got) = match std::mem::replace(&mut self.next, Next::Done) {
            Next::Done => return Ok(None),
            Next::Failed(error) => return Err(error),
            Next::First(first) => {
                let (target, query) = *first;
                (None, self.client.get(target, query).await)
            }
            Next::Fetching(href, handle) => (
                Some(href),
                handle
                    .await
                    .map_err(|e| FoxyError::internal(format!("the page request stopped: {e}")))?,
            ),
        };
        let mut page = got?;
        // The URL the page was read from: the answer's, else the one requested, else its own.
        let fetched = page
            .meta()
            .map(|meta| meta.url.clone())
            .or(requested)
            .or_else(|| page.self_href().map(str::to_owned))
            .unwrap_or_default();
        self.next = match next_page_href(&page, &fetched) {
            Ok(Some(next)) => self.fetch(next),
            Ok(None) => Next::Done,
            Err(e) => Next::Failed(FoxyError::from(foxy::Error::from(e))),
        };
        let members = page
            .embedded
            .shift_remove(&self.members_rel)
            .unwrap_or_default();
        let member = self.member;
        Ok(Some(
            members
                .into_iter()
                .map(|inner| TypedResource::of(member, inner))
                .collect(),
        ))
    }
}

/// Every member of a described collection, page by page (`client.store().coupons.all()`
/// wraps it in an async iterator).
#[napi]
pub struct TypedWalk {
    state: Arc<Mutex<State>>,
}

/// A walk, or the error it fails with first (a bad query: nothing sent).
struct State {
    walk: Option<Walk>,
    error: Option<FoxyError>,
}

impl TypedWalk {
    /// A walk of the collection at `target` whose members, of the relation
    /// `member`, are embedded under `members_rel`.
    pub(crate) fn new(
        client: AsyncClient,
        target: Target,
        query: Outcome<Query>,
        members_rel: &str,
        member: &str,
    ) -> TypedWalk {
        let started = query.and_then(|query| {
            Ok(Walk {
                client,
                members_rel: Rel::from(members_rel),
                member: relation_info(member)?,
                next: Next::First(Box::new((target, query))),
            })
        });
        let state = match started {
            Ok(walk) => State {
                walk: Some(walk),
                error: None,
            },
            Err(e) => State {
                walk: None,
                error: Some(e),
            },
        };
        TypedWalk {
            state: Arc::new(Mutex::new(state)),
        }
    }
}

#[napi]
impl TypedWalk {
    /// The members of the next page, typed (the page after it is requested
    /// meanwhile), or `null` after the last one. Rejects once if a page
    /// fails, or on the call after a page whose `next` cannot be resolved;
    /// the walk then ends.
    #[napi(ts_return_type = "Promise<TypedResource[] | null>")]
    pub fn next_page<'env>(
        &self,
        env: &'env Env,
    ) -> napi::Result<PromiseRaw<'env, Option<Vec<TypedResource>>>> {
        let state = self.state.clone();
        promise(env, async move {
            let mut state = state.lock().await;
            if let Some(error) = state.error.take() {
                return Err(error);
            }
            let Some(walk) = state.walk.as_mut() else {
                return Ok(None);
            };
            let got = walk.next_page().await;
            if got.is_err() {
                state.walk = None;
            }
            got
        })
    }
}
