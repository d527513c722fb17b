//! Transactions (`foxy::Transactions`): list, read, and their items.

use napi::Env;
use napi::bindgen_prelude::{Either, PromiseRaw};
use napi_derive::napi;

use foxy::AsyncClient;

use crate::carts::call;
use crate::errors::promise;
use crate::paging::TransactionCursor;
use crate::query::{QueryOptions, to_query};
use crate::resources::{ItemPage, Transaction, TransactionInit, TransactionPage};
use crate::typed::IntoModel;

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
    #[napi]
    pub fn list<'e>(
        &self,
        env: &'e Env,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TransactionPage>> {
        call!(env, self, |c| {
            Ok(c.transactions().list(to_query(query)?).await?.into())
        })
    }

    /// Every transaction matching `query`, page by page (async-iterable).
    #[napi]
    pub fn all(&self, query: Option<QueryOptions>) -> TransactionCursor {
        TransactionCursor::new(to_query(query).map(|q| self.client.transactions().all(q)))
    }

    /// The transaction at `href`, zoomed by `query`.
    #[napi]
    pub fn get<'e>(
        &self,
        env: &'e Env,
        href: String,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, Transaction>> {
        call!(env, self, |c| {
            Ok(Transaction::from_model(
                c.transactions().get(&href, to_query(query)?).await?,
            ))
        })
    }

    /// The transaction at `href` with its items embedded.
    #[napi]
    pub fn get_with_items<'e>(
        &self,
        env: &'e Env,
        href: String,
    ) -> napi::Result<PromiseRaw<'e, Transaction>> {
        call!(env, self, |c| {
            Ok(Transaction::from_model(
                c.transactions().get_with_items(&href).await?,
            ))
        })
    }

    /// One page of the transaction's items.
    #[napi]
    pub fn items<'e>(
        &self,
        env: &'e Env,
        transaction: Either<&Transaction, TransactionInit>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, ItemPage>> {
        let transaction = transaction.into_model();
        call!(env, self, |c| {
            Ok(c.transactions()
                .items(&transaction?, to_query(query)?)
                .await?
                .into())
        })
    }
}
