//! Customers (`foxy::Customers`): list, create, read, update, delete, the
//! default payment method and saved addresses.

use napi::Env;
use napi::bindgen_prelude::{Either, PromiseRaw};
use napi_derive::napi;

use foxy::AsyncClient;

use crate::carts::call;
use crate::errors::promise;
use crate::paging::CustomerCursor;
use crate::query::{QueryOptions, to_query};
use crate::resource::object;
use crate::resources::{
    Customer, CustomerAddress, CustomerAddressInit, CustomerAddressPage, CustomerInit,
    CustomerPage, DefaultPaymentMethod,
};
use crate::typed::IntoModel;

/// The store's customers (`client.customers`).
#[napi]
pub struct Customers {
    client: AsyncClient,
}

impl Customers {
    pub(crate) fn new(client: AsyncClient) -> Customers {
        Customers { client }
    }
}

#[napi]
impl Customers {
    /// One page of the store's customers, filtered, ordered and zoomed by `query`.
    #[napi]
    pub fn list<'e>(
        &self,
        env: &'e Env,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, CustomerPage>> {
        call!(env, self, |c| {
            Ok(c.customers().list(to_query(query)?).await?.into())
        })
    }

    /// Every customer matching `query`, page by page (async-iterable).
    #[napi]
    pub fn all(&self, query: Option<QueryOptions>) -> CustomerCursor {
        CustomerCursor::new(to_query(query).map(|q| self.client.customers().all(q)))
    }

    /// The customer at `href`, zoomed by `query`.
    #[napi]
    pub fn get<'e>(
        &self,
        env: &'e Env,
        href: String,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, Customer>> {
        call!(env, self, |c| {
            Ok(Customer::from_model(
                c.customers().get(&href, to_query(query)?).await?,
            ))
        })
    }

    /// Creates a customer; resolves to its href.
    #[napi]
    pub fn create<'e>(
        &self,
        env: &'e Env,
        customer: Either<&Customer, CustomerInit>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let customer = customer.into_model();
        call!(env, self, |c| {
            Ok(c.customers().create(&customer?).await?)
        })
    }

    /// Creates a customer, then reads it back with `query`.
    #[napi]
    pub fn create_and_get<'e>(
        &self,
        env: &'e Env,
        customer: Either<&Customer, CustomerInit>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, Customer>> {
        let customer = customer.into_model();
        call!(env, self, |c| {
            let created = c
                .customers()
                .create_and_get(&customer?, to_query(query)?)
                .await?;
            Ok(Customer::from_model(created))
        })
    }

    /// Changes the given properties (API names: `{ last_name: 'Hopper' }`) of the customer at `href`.
    #[napi]
    pub fn patch<'e>(
        &self,
        env: &'e Env,
        href: String,
        changes: serde_json::Map<String, serde_json::Value>,
    ) -> napi::Result<PromiseRaw<'e, Customer>> {
        call!(env, self, |c| {
            Ok(Customer::from_model(
                c.customers().patch(&href, &object(changes)?).await?,
            ))
        })
    }

    /// Deletes the customer at `href`.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete<'e>(&self, env: &'e Env, href: String) -> napi::Result<PromiseRaw<'e, ()>> {
        call!(env, self, |c| { Ok(c.customers().delete(&href).await?) })
    }

    /// The customer's default payment method (`saveCc: false` when none is saved).
    #[napi]
    pub fn default_payment_method<'e>(
        &self,
        env: &'e Env,
        customer: Either<&Customer, CustomerInit>,
    ) -> napi::Result<PromiseRaw<'e, DefaultPaymentMethod>> {
        let customer = customer.into_model();
        call!(env, self, |c| {
            let method = c.customers().default_payment_method(&customer?).await?;
            Ok(DefaultPaymentMethod::from_model(method))
        })
    }

    /// Changes the customer's default payment method (`{ cc_number, cc_exp_month, ... }`; stored masked).
    #[napi]
    pub fn update_default_payment_method<'e>(
        &self,
        env: &'e Env,
        customer: Either<&Customer, CustomerInit>,
        changes: serde_json::Map<String, serde_json::Value>,
    ) -> napi::Result<PromiseRaw<'e, DefaultPaymentMethod>> {
        let customer = customer.into_model();
        call!(env, self, |c| {
            let (customer, changes) = (customer?, object(changes)?);
            let method = c
                .customers()
                .update_default_payment_method(&customer, &changes)
                .await?;
            Ok(DefaultPaymentMethod::from_model(method))
        })
    }

    /// One page of the customer's saved addresses.
    #[napi]
    pub fn addresses<'e>(
        &self,
        env: &'e Env,
        customer: Either<&Customer, CustomerInit>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, CustomerAddressPage>> {
        let customer = customer.into_model();
        call!(env, self, |c| {
            Ok(c.customers()
                .addresses(&customer?, to_query(query)?)
                .await?
                .into())
        })
    }

    /// Adds an address to the customer; resolves to its href.
    #[napi]
    pub fn add_address<'e>(
        &self,
        env: &'e Env,
        customer: Either<&Customer, CustomerInit>,
        address: Either<&CustomerAddress, CustomerAddressInit>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let customer = customer.into_model();
        let address = address.into_model();
        call!(env, self, |c| {
            Ok(c.customers().add_address(&customer?, &address?).await?)
        })
    }
}
