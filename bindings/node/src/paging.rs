//! Walking a collection (`foxy::MemberStream`): a cursor class per member
//! type whose `next()` resolves to the next member or `null`, and whose
//! `nextPage()` resolves to the members of a page or `null`. The package's
//! entry point makes each cursor async-iterable over `nextPage()`, so
//! `for await (const cart of client.carts.all(query))` crosses into the
//! native runtime once per page, not once per member.

use std::collections::VecDeque;
use std::sync::Arc;

use futures::{FutureExt, StreamExt};
use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;
use tokio::sync::Mutex;

use foxy::MemberStream;

use crate::described::TypedResource;
use crate::errors::{Outcome, promise};
use crate::handles::handle;

/// A walk: the members read and not handed over yet (an error, if any,
/// last), then the rest of the stream (`None` once it has ended or failed).
struct State<T> {
    ready: VecDeque<Outcome<T>>,
    stream: Option<MemberStream<T>>,
}

impl<T: Send + 'static> State<T> {
    /// A walk over `stream`, or one failing with its error first.
    fn new(stream: Outcome<MemberStream<T>>) -> State<T> {
        match stream {
            Ok(stream) => State {
                ready: VecDeque::new(),
                stream: Some(stream),
            },
            Err(e) => State {
                ready: VecDeque::from([Err(e)]),
                stream: None,
            },
        }
    }

    /// Ends the walk on `next`'s `None` or error; passes members through.
    fn settle(&mut self, next: Option<Result<T, foxy::Error>>) -> Option<Outcome<T>> {
        match next {
            Some(Ok(member)) => Some(Ok(member)),
            Some(Err(e)) => {
                self.stream = None;
                Some(Err(e.into()))
            }
            None => {
                self.stream = None;
                None
            }
        }
    }

    /// The next member (fetching when needed), or `None` at the end.
    async fn take(&mut self) -> Option<Outcome<T>> {
        if let Some(ready) = self.ready.pop_front() {
            return Some(ready);
        }
        let next = self.stream.as_mut()?.next().await;
        self.settle(next)
    }

    /// Moves every member the stream has without waiting into `ready`.
    fn drain(&mut self) {
        while let Some(stream) = self.stream.as_mut() {
            let Some(next) = stream.next().now_or_never() else {
                return;
            };
            match self.settle(next) {
                Some(member) => self.ready.push_back(member),
                None => break,
            }
        }
    }

    /// The members in `ready` up to the first error (which stays there).
    fn ready_members(&mut self) -> Vec<T> {
        let mut members = Vec::with_capacity(self.ready.len());
        while let Some(Ok(_)) = self.ready.front() {
            if let Some(Ok(member)) = self.ready.pop_front() {
                members.push(member);
            }
        }
        members
    }
}

macro_rules! cursor {
    ($(#[doc = $meta:tt])* $name:ident of $relation:literal as $next:literal / $page:literal for $model:ty) => {
        $(#[doc = $meta])*
        #[napi]
        pub struct $name {
            state: Arc<Mutex<State<$model>>>,
        }

        impl $name {
            /// A cursor over `stream`, or one failing with `error` first.
            pub(crate) fn new(stream: Outcome<MemberStream<$model>>) -> $name {
                $name {
                    state: Arc::new(Mutex::new(State::new(stream))),
                }
            }
        }

        #[napi]
        impl $name {
            /// The next member (fetching the next page when needed), or
            /// `null` after the last one. Rejects once if a page fails; the
            /// walk then ends.
            #[napi(ts_return_type = $next)]
            pub fn next<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Option<TypedResource>>> {
                let state = self.state.clone();
                promise(env, async move {
                    let mut state = state.lock().await;
                    state
                        .take()
                        .await
                        .map(|m| m.and_then(|m| handle($relation, &m)))
                        .transpose()
                })
            }

            /// The members of the next page (fetching it when needed; the
            /// page after it is fetched in the background), or `null` after
            /// the last one. Rejects once if a page fails (after the members
            /// before it); the walk then ends.
            #[napi(ts_return_type = $page)]
            pub fn next_page<'env>(
                &self,
                env: &'env Env,
            ) -> napi::Result<PromiseRaw<'env, Option<Vec<TypedResource>>>> {
                let state = self.state.clone();
                promise(env, async move {
                    let mut state = state.lock_owned().await;
                    let first = match state.take().await {
                        None => return Ok(None),
                        Some(first) => first?,
                    };
                    // A request the stream began for the next page stays in
                    // flight: the stream (`foxy::MemberStream`) fetches one
                    // page ahead and picks it up on the next call, so no
                    // task polls it meanwhile and no second page is held.
                    state.drain();
                    let rest = state.ready_members();
                    let members = std::iter::once(first).chain(rest);
                    members
                        .map(|m| handle($relation, &m))
                        .collect::<Outcome<Vec<_>>>()
                        .map(Some)
                })
            }
        }
    };
}

cursor! {
    #[doc = "Every cart of a query, in order (async-iterable)."]
    CartCursor of "cart"
        as "Promise<import('./typed').Cart | null>" / "Promise<import('./typed').Cart[] | null>"
        for foxy_model::Cart
}
cursor! {
    #[doc = "Every customer of a query, in order (async-iterable)."]
    CustomerCursor of "customer"
        as "Promise<import('./typed').Customer | null>" / "Promise<import('./typed').Customer[] | null>"
        for foxy_model::Customer
}
cursor! {
    #[doc = "Every transaction of a query, in order (async-iterable)."]
    TransactionCursor of "transaction"
        as "Promise<import('./typed').Transaction | null>" / "Promise<import('./typed').Transaction[] | null>"
        for foxy_model::Transaction
}
