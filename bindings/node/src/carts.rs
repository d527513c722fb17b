//! Carts (`foxy::Carts`): list, create, read, update, delete, charge,
//! browser sessions, and a cart's items, item options, attributes and
//! custom fields. Objects going in are validated by the core's model.

use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;

use foxy::AsyncClient;

use crate::described::TypedResource;
use crate::errors::promise;
use crate::handles::{Input, handle, model, page};
use crate::paging::CartCursor;
use crate::query::{QueryOptions, to_query};
use crate::resource::Resource;
use crate::resource::object;

/// The store's carts (`client.carts`).
#[napi]
pub struct Carts {
    client: AsyncClient,
}

impl Carts {
    pub(crate) fn new(client: AsyncClient) -> Carts {
        Carts { client }
    }
}

/// Runs `$body` (using a clone of the handle's client) as a Promise.
macro_rules! call {
    ($env:expr, $this:ident, |$client:ident| $body:block) => {{
        let $client = $this.client.clone();
        promise($env, async move $body)
    }};
}
pub(crate) use call;

#[napi]
impl Carts {
    /// One page of the store's carts, filtered, ordered and zoomed by `query`.
    #[napi(ts_return_type = "Promise<import('./typed').Carts>")]
    pub fn list<'e>(
        &self,
        env: &'e Env,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            page("carts", &c.carts().list(to_query(query)?).await?)
        })
    }

    /// Every cart matching `query`, page by page: `for await (const cart of client.carts.all(q))`.
    #[napi]
    pub fn all(&self, query: Option<QueryOptions>) -> CartCursor {
        CartCursor::new(to_query(query).map(|q| self.client.carts().all(q)))
    }

    /// The cart at `href`, zoomed by `query` (`{ zoom: 'items,items:item_options' }`).
    #[napi(ts_return_type = "Promise<import('./typed').Cart>")]
    pub fn get<'e>(
        &self,
        env: &'e Env,
        href: String,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            let cart = c.carts().get(&href, to_query(query)?).await?;
            handle("cart", &cart)
        })
    }

    /// Creates a cart (with the items, attributes and custom fields it embeds); resolves to its href.
    #[napi]
    pub fn create<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let cart = model(env, cart)?;
        call!(env, self, |c| { Ok(c.carts().create(&cart?).await?) })
    }

    /// Creates a cart, then reads it back with `query`.
    #[napi(ts_return_type = "Promise<import('./typed').Cart>")]
    pub fn create_and_get<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let cart = model(env, cart)?;
        call!(env, self, |c| {
            let created = c.carts().create_and_get(&cart?, to_query(query)?).await?;
            handle("cart", &created)
        })
    }

    /// Changes the given properties (API names: `{ billing_city: 'Paris' }`) of the cart at `href`.
    #[napi(ts_return_type = "Promise<import('./typed').Cart>")]
    pub fn patch<'e>(
        &self,
        env: &'e Env,
        href: String,
        changes: serde_json::Map<String, serde_json::Value>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        call!(env, self, |c| {
            let cart = c.carts().patch(&href, &object(changes)?).await?;
            handle("cart", &cart)
        })
    }

    /// Replaces the cart (its `href`) with `cart`, embedded items, options,
    /// attributes and custom fields included.
    #[napi(ts_return_type = "Promise<import('./typed').Cart>")]
    pub fn put<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let cart = model(env, cart)?;
        call!(env, self, |c| {
            let cart = c.carts().put(&cart?).await?;
            handle("cart", &cart)
        })
    }

    /// Deletes the cart at `href`.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn delete<'e>(&self, env: &'e Env, href: String) -> napi::Result<PromiseRaw<'e, ()>> {
        call!(env, self, |c| { Ok(c.carts().delete(&href).await?) })
    }

    /// Charges the cart to the customer's default payment method and
    /// resolves to the transaction (with its items). Never replayed once it
    /// may have reached the server: on an error with `ambiguous: true`, list
    /// the transactions before trying again.
    #[napi(ts_return_type = "Promise<import('./typed').Transaction>")]
    pub fn charge<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
        #[napi(
            ts_arg_type = "import('./typed').Customer | import('./typed').CustomerInit | Resource"
        )]
        customer: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let cart = model(env, cart)?;
        let customer = model(env, customer)?;
        call!(env, self, |c| {
            let (cart, customer) = (cart?, customer?);
            handle("transaction", &c.carts().charge(&cart, &customer).await?)
        })
    }

    /// Creates a browser session for the cart (its `fx:create_session` link);
    /// resolves to it as a `Resource` (`session_id`, `cart_link`).
    #[napi]
    pub fn create_session<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, Resource>> {
        let cart = model(env, cart)?;
        call!(env, self, |c| {
            Ok(Resource::from(
                c.carts().create_session(&cart?).await?.to_resource(),
            ))
        })
    }

    /// One page of the cart's items.
    #[napi(ts_return_type = "Promise<import('./typed').Items>")]
    pub fn items<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let cart = model(env, cart)?;
        call!(env, self, |c| {
            page("items", &c.carts().items(&cart?, to_query(query)?).await?)
        })
    }

    /// Adds an item (with its options and attributes) to the cart; resolves to its href.
    #[napi]
    pub fn add_item<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
        #[napi(ts_arg_type = "import('./typed').Item | import('./typed').ItemInit | Resource")]
        item: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let cart = model(env, cart)?;
        let item = model(env, item)?;
        call!(env, self, |c| {
            Ok(c.carts().add_item(&cart?, &item?).await?)
        })
    }

    /// One page of an item's options.
    #[napi(ts_return_type = "Promise<import('./typed').ItemOptions>")]
    pub fn item_options<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Item | import('./typed').ItemInit | Resource")]
        item: Input<'_>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let item = model(env, item)?;
        call!(env, self, |c| {
            page(
                "item_options",
                &c.carts().item_options(&item?, to_query(query)?).await?,
            )
        })
    }

    /// Adds an option to an item; resolves to its href.
    #[napi]
    pub fn add_item_option<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Item | import('./typed').ItemInit | Resource")]
        item: Input<'_>,
        #[napi(
            ts_arg_type = "import('./typed').ItemOption | import('./typed').ItemOptionInit | Resource"
        )]
        option: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let item = model(env, item)?;
        let option = model(env, option)?;
        call!(env, self, |c| {
            Ok(c.carts().add_item_option(&item?, &option?).await?)
        })
    }

    /// One page of the cart's attributes.
    #[napi(ts_return_type = "Promise<import('./typed').Attributes>")]
    pub fn attributes<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let cart = model(env, cart)?;
        call!(env, self, |c| {
            page(
                "attributes",
                &c.carts().attributes(&cart?, to_query(query)?).await?,
            )
        })
    }

    /// Adds an attribute to the cart; resolves to its href.
    #[napi]
    pub fn add_attribute<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
        #[napi(
            ts_arg_type = "import('./typed').Attribute | import('./typed').AttributeInit | Resource"
        )]
        attribute: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let cart = model(env, cart)?;
        let attribute = model(env, attribute)?;
        call!(env, self, |c| {
            Ok(c.carts().add_attribute(&cart?, &attribute?).await?)
        })
    }

    /// One page of the cart's custom fields.
    #[napi(ts_return_type = "Promise<import('./typed').CustomFields>")]
    pub fn custom_fields<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, TypedResource>> {
        let cart = model(env, cart)?;
        call!(env, self, |c| {
            page(
                "custom_fields",
                &c.carts().custom_fields(&cart?, to_query(query)?).await?,
            )
        })
    }

    /// Adds a custom field to the cart; resolves to its href.
    #[napi]
    pub fn add_custom_field<'e>(
        &self,
        env: &'e Env,
        #[napi(ts_arg_type = "import('./typed').Cart | import('./typed').CartInit | Resource")]
        cart: Input<'_>,
        #[napi(
            ts_arg_type = "import('./typed').CustomField | import('./typed').CustomFieldInit | Resource"
        )]
        field: Input<'_>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let cart = model(env, cart)?;
        let field = model(env, field)?;
        call!(env, self, |c| {
            Ok(c.carts().add_custom_field(&cart?, &field?).await?)
        })
    }
}
