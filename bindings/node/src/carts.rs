//! Carts (`foxy::Carts`): list, create, read, update, delete, charge,
//! browser sessions, and a cart's items, item options, attributes and
//! custom fields. Objects going in are validated by the core's model.

use napi::Env;
use napi::bindgen_prelude::{Either, PromiseRaw};
use napi_derive::napi;

use foxy::AsyncClient;

use crate::errors::promise;
use crate::paging::CartCursor;
use crate::query::{QueryOptions, to_query};
use crate::resource::object;
use crate::resources::{
    Attribute, AttributeInit, AttributePage, Cart, CartInit, CartPage, CartSession, CustomField,
    CustomFieldInit, CustomFieldPage, Customer, CustomerInit, Item, ItemInit, ItemOption,
    ItemOptionInit, ItemOptionPage, ItemPage, Transaction,
};
use crate::typed::IntoModel;

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
    #[napi]
    pub fn list<'e>(
        &self,
        env: &'e Env,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, CartPage>> {
        call!(env, self, |c| {
            Ok(c.carts().list(to_query(query)?).await?.into())
        })
    }

    /// Every cart matching `query`, page by page: `for await (const cart of client.carts.all(q))`.
    #[napi]
    pub fn all(&self, query: Option<QueryOptions>) -> CartCursor {
        CartCursor::new(to_query(query).map(|q| self.client.carts().all(q)))
    }

    /// The cart at `href`, zoomed by `query` (`{ zoom: 'items,items:item_options' }`).
    #[napi]
    pub fn get<'e>(
        &self,
        env: &'e Env,
        href: String,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, Cart>> {
        call!(env, self, |c| {
            let cart = c.carts().get(&href, to_query(query)?).await?;
            Ok(Cart::from_model(cart))
        })
    }

    /// Creates a cart (with the items, attributes and custom fields it embeds); resolves to its href.
    #[napi]
    pub fn create<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let cart = cart.into_model();
        call!(env, self, |c| { Ok(c.carts().create(&cart?).await?) })
    }

    /// Creates a cart, then reads it back with `query`.
    #[napi]
    pub fn create_and_get<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, Cart>> {
        let cart = cart.into_model();
        call!(env, self, |c| {
            let created = c.carts().create_and_get(&cart?, to_query(query)?).await?;
            Ok(Cart::from_model(created))
        })
    }

    /// Changes the given properties (API names: `{ billing_city: 'Paris' }`) of the cart at `href`.
    #[napi]
    pub fn patch<'e>(
        &self,
        env: &'e Env,
        href: String,
        changes: serde_json::Map<String, serde_json::Value>,
    ) -> napi::Result<PromiseRaw<'e, Cart>> {
        call!(env, self, |c| {
            let cart = c.carts().patch(&href, &object(changes)?).await?;
            Ok(Cart::from_model(cart))
        })
    }

    /// Replaces the cart (its `href`) with `cart`, embedded items, options,
    /// attributes and custom fields included.
    #[napi]
    pub fn put<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
    ) -> napi::Result<PromiseRaw<'e, Cart>> {
        let cart = cart.into_model();
        call!(env, self, |c| {
            let cart = c.carts().put(&cart?).await?;
            Ok(Cart::from_model(cart))
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
    #[napi]
    pub fn charge<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
        customer: Either<&Customer, CustomerInit>,
    ) -> napi::Result<PromiseRaw<'e, Transaction>> {
        let cart = cart.into_model();
        let customer = customer.into_model();
        call!(env, self, |c| {
            let (cart, customer) = (cart?, customer?);
            Ok(Transaction::from_model(
                c.carts().charge(&cart, &customer).await?,
            ))
        })
    }

    /// Creates a browser session for the cart (its `fx:create_session` link).
    #[napi]
    pub fn create_session<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
    ) -> napi::Result<PromiseRaw<'e, CartSession>> {
        let cart = cart.into_model();
        call!(env, self, |c| {
            Ok(CartSession::from_model(
                c.carts().create_session(&cart?).await?,
            ))
        })
    }

    /// One page of the cart's items.
    #[napi]
    pub fn items<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, ItemPage>> {
        let cart = cart.into_model();
        call!(env, self, |c| {
            Ok(c.carts().items(&cart?, to_query(query)?).await?.into())
        })
    }

    /// Adds an item (with its options and attributes) to the cart; resolves to its href.
    #[napi]
    pub fn add_item<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
        item: Either<&Item, ItemInit>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let cart = cart.into_model();
        let item = item.into_model();
        call!(env, self, |c| {
            Ok(c.carts().add_item(&cart?, &item?).await?)
        })
    }

    /// One page of an item's options.
    #[napi]
    pub fn item_options<'e>(
        &self,
        env: &'e Env,
        item: Either<&Item, ItemInit>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, ItemOptionPage>> {
        let item = item.into_model();
        call!(env, self, |c| {
            Ok(c.carts()
                .item_options(&item?, to_query(query)?)
                .await?
                .into())
        })
    }

    /// Adds an option to an item; resolves to its href.
    #[napi]
    pub fn add_item_option<'e>(
        &self,
        env: &'e Env,
        item: Either<&Item, ItemInit>,
        option: Either<&ItemOption, ItemOptionInit>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let item = item.into_model();
        let option = option.into_model();
        call!(env, self, |c| {
            Ok(c.carts().add_item_option(&item?, &option?).await?)
        })
    }

    /// One page of the cart's attributes.
    #[napi]
    pub fn attributes<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, AttributePage>> {
        let cart = cart.into_model();
        call!(env, self, |c| {
            Ok(c.carts().attributes(&cart?, to_query(query)?).await?.into())
        })
    }

    /// Adds an attribute to the cart; resolves to its href.
    #[napi]
    pub fn add_attribute<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
        attribute: Either<&Attribute, AttributeInit>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let cart = cart.into_model();
        let attribute = attribute.into_model();
        call!(env, self, |c| {
            Ok(c.carts().add_attribute(&cart?, &attribute?).await?)
        })
    }

    /// One page of the cart's custom fields.
    #[napi]
    pub fn custom_fields<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'e, CustomFieldPage>> {
        let cart = cart.into_model();
        call!(env, self, |c| {
            Ok(c.carts()
                .custom_fields(&cart?, to_query(query)?)
                .await?
                .into())
        })
    }

    /// Adds a custom field to the cart; resolves to its href.
    #[napi]
    pub fn add_custom_field<'e>(
        &self,
        env: &'e Env,
        cart: Either<&Cart, CartInit>,
        field: Either<&CustomField, CustomFieldInit>,
    ) -> napi::Result<PromiseRaw<'e, String>> {
        let cart = cart.into_model();
        let field = field.into_model();
        call!(env, self, |c| {
            Ok(c.carts().add_custom_field(&cart?, &field?).await?)
        })
    }
}
