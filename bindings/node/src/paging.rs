//! Walking a collection member by member (`foxy::MemberStream`): a cursor
//! class per member type whose `next()` resolves to the next member or
//! `null`. The package's entry point makes each cursor async-iterable, so
//! `for await (const cart of client.carts.iterate(query))` works.

use std::sync::Arc;

use futures::StreamExt;
use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;
use tokio::sync::Mutex;

use foxy::MemberStream;

use crate::errors::{FoxyError, Outcome, promise};
use crate::resources::{Cart, Customer, Transaction};

/// The walk, or the error to report at the first `next()` (then the end).
type State<T> = Result<MemberStream<T>, Option<FoxyError>>;

macro_rules! cursor {
    ($(#[doc = $meta:tt])* $name:ident of $js:ident for $model:ty) => {
        $(#[doc = $meta])*
        #[napi]
        pub struct $name {
            state: Arc<Mutex<State<$model>>>,
        }

        impl $name {
            /// A cursor over `stream`, or one failing with `error` first.
            pub(crate) fn new(stream: Outcome<MemberStream<$model>>) -> $name {
                $name {
                    state: Arc::new(Mutex::new(stream.map_err(Some))),
                }
            }
        }

        #[napi]
        impl $name {
            /// The next member (fetching the next page when needed), or
            /// `null` after the last one. Rejects once if a page fails; the
            /// walk then ends.
            #[napi]
            pub fn next<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Option<$js>>> {
                let state = self.state.clone();
                promise(env, async move {
                    let mut state = state.lock().await;
                    let stream = match &mut *state {
                        Ok(stream) => stream,
                        Err(error) => return error.take().map_or(Ok(None), Err),
                    };
                    match stream.next().await {
                        None => Ok(None),
                        Some(Ok(member)) => Ok(Some($js::from_model(member))),
                        Some(Err(e)) => {
                            *state = Err(None);
                            Err(e.into())
                        }
                    }
                })
            }
        }
    };
}

cursor! {
    #[doc = "Every cart of a query, in order (async-iterable)."]
    CartCursor of Cart for foxy_model::Cart
}
cursor! {
    #[doc = "Every customer of a query, in order (async-iterable)."]
    CustomerCursor of Customer for foxy_model::Customer
}
cursor! {
    #[doc = "Every transaction of a query, in order (async-iterable)."]
    TransactionCursor of Transaction for foxy_model::Transaction
}
