//! Customers (`foxy::Customers`): list, create, read, update, delete, the
//! default payment method and saved addresses.

use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;

use foxy::AsyncClient;

use crate::carts::call;
use crate::described::TypedResource;
use crate::errors::promise;
use crate::handles::{Input, handle, model, page};
use crate::paging::CustomerCursor;
use crate::query::{QueryOptions, to_query};
use crate::resource::object;

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
    #[napi(ts_return_type = "Promise<import('./typed').Customers>")]
    pub fn list<'e>(
        &self,
        env: &'e Env,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            page("customers", &c.customers().list(to_query(query)?).await?)
        })
    }

    /// Every customer matching `query`, page by page (async-iterable).
    #[napi]
    pub fn all(&self, query: Option<QueryOptions>) -> CustomerCursor {
        CustomerCursor::new(to_query(query).map(|q| self.client.customers().all(q)))
    }

    /// The customer at `href`, zoomed by `query`.
    #[napi(ts_return_type = "Promise<import('./typed').Customer>")]
    pub fn get<'e>(
        &self,
        env: &'e Env,
        href: String,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            handle(
                "customer",
                &c.customers().get(&href, to_query(query)?).await?,
            )
        })
    }

    /// Creates a customer; resolves to its href.
    #[napi]
    pub fn create<'e>(
        &self,
        env: &'e Env,
        #[napi(
            ts_arg_type = "import('./typed').Customer | import('./typed').CustomerInit | Resource"
        )]
        customer: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let customer = model(env, customer)?;
        call!(env, self, |c| {
            Ok(c.customers().create(&customer?).await?)
        })
    }

    /// Creates a customer, then reads it back with `query`.
    #[napi(ts_return_type = "Promise<import('./typed').Customer>")]
    pub fn create_and_get<'e>(
        &self,
        env: &'e Env,
        #[napi(
            ts_arg_type = "import('./typed').Customer | import('./typed').CustomerInit | Resource"
        )]
        customer: Input<'_>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let customer = model(env, customer)?;
        call!(env, self, |c| {
            let created = c
                .customers()
                .create_and_get(&customer?, to_query(query)?)
                .await?;
            handle("customer", &created)
        })
    }

    /// Changes the given properties (API names: `{ last_name: 'Hopper' }`) of the customer at `href`.
    #[napi(ts_return_type = "Promise<import('./typed').Customer>")]
    pub fn patch<'e>(
        &self,
        env: &'e Env,
        href: String,
        changes: serde_json::Map<String, serde_json::Value>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            handle(
                "customer",
                &c.customers().patch(&href, &object(changes)?).await?,
            )
        })
    }

    /// Deletes the customer at `href`.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete<'e>(&self, env: &'e Env, href: String) -> napi::Result<PromiseRaw<'e, ()>> {
        call!(env, self, |c| { Ok(c.customers().delete(&href).await?) })
    }

    /// The customer's default payment method (`saveCc: false` when none is saved).
    #[napi(ts_return_type = "Promise<import('./typed').PaymentMethod>")]
    pub fn default_payment_method<'e>(
        &self,
        env: &'e Env,
        #[napi(
            ts_arg_type = "import('./typed').Customer | import('./typed').CustomerInit | Resource"
        )]
        customer: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let customer = model(env, customer)?;
        call!(env, self, |c| {
            let method = c.customers().default_payment_method(&customer?).await?;
            handle("payment_method", &method)
        })
    }

    /// Changes the customer's default payment method (`{ cc_number, cc_exp_month, ... }`; stored masked).
    #[napi(ts_return_type = "Promise<import('./typed').PaymentMethod>")]
    pub fn update_default_payment_method<'e>(
        &self,
        env: &'e Env,
        #[napi(
            ts_arg_type = "import('./typed').Customer | import('./typed').CustomerInit | Resource"
        )]
        customer: Input<'_>,
        changes: serde_json::Map<String, serde_json::Value>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let customer = model(env, customer)?;
        call!(env, self, |c| {
            let (customer, changes) = (customer?, object(changes)?);
            let method = c
                .customers()
                .update_default_payment_method(&customer, &changes)
                .await?;
            handle("payment_method", &method)
        })
    }

    /// One page of the customer's saved addresses.
    #[napi(ts_return_type = "Promise<import('./typed').CustomerAddresses>")]
    pub fn addresses<'e>(
        &self,
        env: &'e Env,
        #[napi(
            ts_arg_type = "import('./typed').Customer | import('./typed').CustomerInit | Resource"
        )]
        customer: Input<'_>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let customer = model(env, customer)?;
        call!(env, self, |c| {
            page(
                "customer_addresses",
                &c.customers()
                    .addresses(&customer?, to_query(query)?)
                    .await?,
            )
        })
    }

    /// Adds an address to the customer; resolves to its href.
    #[napi]
    pub fn add_address<'e>(
        &self,
        env: &'e Env,
        #[napi(
            ts_arg_type = "import('./typed').Customer | import('./typed').CustomerInit | Resource"
        )]
        customer: Input<'_>,
        #[napi(
            ts_arg_type = "import('./typed').CustomerAddress | import('./typed').CustomerAddressInit | Resource"
        )]
        address: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let customer = model(env, customer)?;
        let address = model(env, address)?;
        call!(env, self, |c| {
            Ok(c.customers().add_address(&customer?, &address?).await?)
        })
    }
}
