//! Walking a described collection (`client.store().coupons.all()`): a
//! cursor whose `nextPage()` resolves to the members of the next page as
//! `TypedResource`s, one crossing into JavaScript per page, with the page
//! after it already requested (one page ahead, never more).
//!
//! The pages are read by the core client (`foxy::AsyncClient::get`); the
//! walk follows each page's `next` link and ends at a page without one, an
//! empty page, a link to a page it has read, or once it has read the
//! collection's `total_items` (Foxy's last page links `next` to itself).

use std::collections::HashSet;
use std::sync::Arc;

use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

use foxy::{AsyncClient, Query, Target};
use foxy_model::typed::RelationInfo;
use foxy_proto::{Rel, Resource, Value};

use crate::described::{TypedResource, relation_info};
use crate::errors::{FoxyError, Outcome, promise};

/// A page on its way: the request in flight, or the first one to make.
enum Next {
    /// The first page, not requested yet.
    First(Box<(Target, Query)>),
    /// A page requested in the background.
    Fetching(JoinHandle<Result<Resource, foxy::Error>>),
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
    /// The hrefs of the pages read or requested so far (a loop ends the walk).
    seen: HashSet<String>,
    /// How many members the walk has read: at the collection's `total_items`, it ends.
    read: u64,
}

impl Drop for Walk {
    /// A walk left before its end cancels the page it requested ahead.
    fn drop(&mut self) {
        if let Next::Fetching(handle) = &self.next {
            handle.abort();
        }
    }
}

impl Walk {
    /// Starts the request for the page at `href`, in the background.
    fn fetch(&self, href: String) -> Next {
        let client = self.client.clone();
        Next::Fetching(tokio::spawn(
            async move { client.get(href, Query::new()).await },
        ))
    }

    /// The members of the next page (`None`: the walk has ended), the page
    /// after it requested before they are handed over.
    async fn next_page(&mut self) -> Outcome<Option<Vec<TypedResource>>> {
        let got = match std::mem::replace(&mut self.next, Next::Done) {
            Next::Done => return Ok(None),
            Next::First(first) => {
                let (target, query) = *first;
                self.client.get(target, query).await
            }
            Next::Fetching(handle) => handle
                .await
                .map_err(|e| FoxyError::internal(format!("the page request stopped: {e}")))?,
        };
        let mut page = got?;
        // A page is never read twice: Foxy's last page links `next` to itself.
        if let Some(own) = page.self_href() {
            self.seen.insert(own.to_owned());
        }
        let members = page
            .embedded
            .shift_remove(&self.members_rel)
            .unwrap_or_default();
        self.read += members.len() as u64;
        let total = total_items(&page);
        let more = total.is_none_or(|total| self.read < total);
        if let Some(next) = page.link("next").map(|l| l.href.clone()) {
            if more && !members.is_empty() && self.seen.insert(next.clone()) {
                self.next = self.fetch(next);
            }
        }
        let member = self.member;
        Ok(Some(
            members
                .into_iter()
                .map(|inner| TypedResource::of(member, inner))
                .collect(),
        ))
    }
}

/// The collection's `total_items` of a page, when it says.
fn total_items(page: &Resource) -> Option<u64> {
    match page.property("total_items")? {
        Value::Number(n) => n.to_string().parse().ok(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
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
                seen: HashSet::new(),
                read: 0,
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
    /// fails; the walk then ends.
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
