//! Transactions (`foxy::Transactions`): list, read, and their items.

use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;

use foxy::AsyncClient;

use crate::carts::call;
use crate::described::TypedResource;
use crate::errors::promise;
use crate::handles::{Input, handle, model, page};
use crate::paging::TransactionCursor;
use crate::query::{QueryOptions, to_query};

/// The store's transactions (`client.transactions`).
#[napi]
pub struct Transactions {
    client: AsyncClient,
}

impl Transactions {
    pub(crate) fn new(client: AsyncClient) -> Transactions {
        Transactions { client }
    }
}

#[napi]
impl Transactions {
    /// One page of the store's transactions, filtered, ordered and zoomed by `query`.
    #[napi(ts_return_type = "Promise<import('./typed').Transactions>")]
    pub fn list<'e>(
        &self,
        env: &'e Env,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            page(
                "transactions",
                &c.transactions().list(to_query(query)?).await?,
            )
        })
    }

    /// Every transaction matching `query`, page by page (async-iterable).
    #[napi]
    pub fn all(&self, query: Option<QueryOptions>) -> TransactionCursor {
        TransactionCursor::new(to_query(query).map(|q| self.client.transactions().all(q)))
    }

    /// The transaction at `href`, zoomed by `query`.
    #[napi(ts_return_type = "Promise<import('./typed').Transaction>")]
    pub fn get<'e>(
        &self,
        env: &'e Env,
        href: String,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            handle(
                "transaction",
                &c.transactions().get(&href, to_query(query)?).await?,
            )
        })
    }

    /// The transaction at `href` with its items embedded.
    #[napi(ts_return_type = "Promise<import('./typed').Transaction>")]
    pub fn get_with_items<'e>(
        &self,
        env: &'e Env,
        href: String,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            handle(
                "transaction",
                &c.transactions().get_with_items(&href).await?,
            )
        })
    }

    /// One page of the transaction's items.
    #[napi(ts_return_type = "Promise<import('./typed').Items>")]
    pub fn items<'e>(
        &self,
        env: &'e Env,
        #[napi(
            ts_arg_type = "import('./typed').Transaction | import('./typed').TransactionInit | Resource"
        )]
        transaction: Input<'_>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let transaction = model(env, transaction)?;
        call!(env, self, |c| {
            page(
                "items",
                &c.transactions()
                    .items(&transaction?, to_query(query)?)
                    .await?,
            )
        })
    }
}
