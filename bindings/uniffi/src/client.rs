//! The async client: `foxy::AsyncClient` as a uniffi object whose methods
//! are `async` in Swift, `suspend` in Kotlin and coroutines in Python.
//!
//! Every method converts its arguments (records to the core's models, the
//! query record to `foxy_proto::query::Query`), awaits the Rust client and
//! converts the answer back; retries, tokens, navigation and pagination are
//! the core's. Futures run on uniffi's tokio runtime. A panic inside a call
//! becomes `FoxyError.Internal` instead of crossing the boundary.

use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use futures::{FutureExt as _, TryStreamExt as _};

use foxy::model;
use foxy::proto::MediaType;
use foxy::proto::request::Body;
use foxy::{AsyncClient, ClientBuilder, RetryPolicy, Target, Timeouts, TransportPolicy};

use crate::errors::{FoxyError, FoxyResult};
use crate::helpers::MediaFormat;
use crate::query::Query;
use crate::records::{
    Attribute, AttributePage, Cart, CartPage, CartSession, CustomField, CustomFieldPage, Customer,
    CustomerAddress, CustomerAddressPage, CustomerPage, DefaultPaymentMethod, Document, Item,
    ItemOption, ItemOptionPage, ItemPage, Transaction, TransactionPage, properties_of, resource_of,
};
use crate::transport::{ForeignTransport, HttpTransport};

/// How the client obtains its access tokens. Opaque: the secrets it holds
/// cannot be read back, printed or logged from Swift, Kotlin or Python.
#[derive(uniffi::Object)]
pub struct Credentials(Grant);

/// What a [`Credentials`] hands to the builder: a ready access token goes
/// through `ClientBuilder::access_token`, so the binding does not restate
/// how the core holds one.
#[derive(Clone)]
enum Grant {
    AccessToken(foxy::Secret),
    Credentials(foxy::Credentials),
}

impl Credentials {
    /// Gives these credentials to `builder`.
    fn apply(&self, builder: ClientBuilder) -> ClientBuilder {
        match self.0.clone() {
            Grant::AccessToken(token) => builder.access_token(token),
            Grant::Credentials(credentials) => builder.credentials(credentials),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // foxy::Credentials and foxy::Secret redact their secrets.
        match &self.0 {
            Grant::AccessToken(token) => f.debug_tuple("AccessToken").field(token).finish(),
            Grant::Credentials(credentials) => credentials.fmt(f),
        }
    }
}

#[uniffi::export]
impl Credentials {
    /// A refresh token (Foxy's usual integration credentials), traded for an
    /// access token on first use and whenever it nears expiry.
    #[uniffi::constructor]
    pub fn refresh_token(
        client_id: String,
        client_secret: String,
        refresh_token: String,
    ) -> Arc<Self> {
        Arc::new(Credentials(Grant::Credentials(
            foxy::Credentials::RefreshToken {
                client: foxy::ClientCredentials::new(client_id, client_secret),
                refresh_token: refresh_token.into(),
            },
        )))
    }

    /// The client credentials grant, with scopes such as `store_full_access`
    /// (none: the server's default).
    #[uniffi::constructor]
    pub fn client_credentials(
        client_id: String,
        client_secret: String,
        scopes: Vec<String>,
    ) -> FoxyResult<Arc<Self>> {
        let scopes = scopes
            .iter()
            .map(|s| s.parse::<foxy::Scope>().map_err(FoxyError::input))
            .collect::<FoxyResult<Vec<_>>>()?;
        Ok(Arc::new(Credentials(Grant::Credentials(
            foxy::Credentials::ClientCredentials {
                client: foxy::ClientCredentials::new(client_id, client_secret),
                scopes,
            },
        ))))
    }

    /// A ready access token (never refreshed).
    #[uniffi::constructor]
    pub fn access_token(token: String) -> Arc<Self> {
        Arc::new(Credentials(Grant::AccessToken(token.into())))
    }
}

/// Where the API is and how to talk to it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ClientConfig {
    /// The API home URL (for a local foxy-sandbox, `http://127.0.0.1:PORT/`).
    #[uniffi(default = "https://api.foxycart.com/")]
    pub base_url: String,
    /// The response format asked for.
    #[uniffi(default)]
    pub media_format: Option<MediaFormat>,
    /// Appended to the `User-Agent` (`my-app/1.0`).
    #[uniffi(default)]
    pub user_agent_suffix: Option<String>,
    /// Allow plain `http://` to hosts other than loopback (test networks only).
    #[uniffi(default = false)]
    pub allow_insecure_http: bool,
    /// Connect time limit of the default transport, in milliseconds.
    #[uniffi(default)]
    pub connect_timeout_ms: Option<u64>,
    /// Per-request time limit of the default transport, in milliseconds.
    #[uniffi(default)]
    pub request_timeout_ms: Option<u64>,
    /// Attempts per call, the first included (1 disables retries; default 4).
    #[uniffi(default)]
    pub max_attempts: Option<u32>,
    /// A file to keep tokens in (mode 0600), safe to share with other
    /// processes: those sharing a refresh token refresh it once between them.
    #[uniffi(default)]
    pub token_file: Option<String>,
}

/// The async Foxy client. Thread-safe; share one per app.
#[derive(Debug, uniffi::Object)]
pub struct FoxyClient {
    client: AsyncClient,
}

/// Runs a call, turning a panic into [`FoxyError::Internal`].
async fn guard<T>(call: impl Future<Output = FoxyResult<T>>) -> FoxyResult<T> {
    match AssertUnwindSafe(call).catch_unwind().await {
        Ok(result) => result,
        Err(_) => Err(FoxyError::Internal {
            detail: "the SDK panicked during the call".to_owned(),
        }),
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl FoxyClient {
    /// A client for `config`, authenticating with `credentials`, sending
    /// through `transport` (the app's) or, when `nil`, the Rust reqwest
    /// transport (rustls, certificates always verified).
    #[uniffi::constructor(default(transport = None))]
    pub fn new(
        config: ClientConfig,
        credentials: Arc<Credentials>,
        transport: Option<Arc<dyn HttpTransport>>,
    ) -> FoxyResult<Arc<Self>> {
        let defaults = Timeouts::default();
        let timeouts = Timeouts {
            connect: config
                .connect_timeout_ms
                .map_or(defaults.connect, Duration::from_millis),
            request: config
                .request_timeout_ms
                .map_or(defaults.request, Duration::from_millis),
        };
        let mut builder = credentials
            .apply(ClientBuilder::new())
            .base_url(config.base_url)
            .media_type(config.media_format.map_or(MediaType::HalJson, Into::into))
            .timeouts(timeouts)
            .transport_policy(TransportPolicy {
                allow_insecure_http: config.allow_insecure_http,
            });
        if let Some(max_attempts) = config.max_attempts {
            builder = builder.retry_policy(RetryPolicy {
                max_attempts: max_attempts.max(1),
                ..RetryPolicy::default()
            });
        }
        if let Some(suffix) = config.user_agent_suffix {
            builder = builder.user_agent_suffix(suffix);
        }
        if let Some(path) = config.token_file {
            builder = builder.token_store(Arc::new(foxy::FileTokenStore::new(path)));
        }
        if let Some(transport) = transport {
            builder = builder.async_transport(ForeignTransport(transport));
        }
        Ok(Arc::new(FoxyClient {
            client: builder.build_async()?,
        }))
    }

    // --- navigation ---

    /// The API home document.
    pub async fn home(&self) -> FoxyResult<Document> {
        guard(async { Document::from_resource(&self.client.home().await?) }).await
    }

    /// Follows relations from the API home (`["fx:store", "fx:carts"]`) and
    /// GETs the resource reached, with `query`. Hrefs on the way are cached.
    #[uniffi::method(default(query = None))]
    pub async fn follow(&self, rels: Vec<String>, query: Option<Query>) -> FoxyResult<Document> {
        guard(async {
            let query = Query::core_of(query)?;
            let mut follow = self.client.at(Target::home());
            for rel in rels {
                follow = follow.follow(rel);
            }
            Document::from_resource(&follow.get(query).await?)
        })
        .await
    }

    /// The href that relations followed from the API home lead to.
    pub async fn resolve(&self, rels: Vec<String>) -> FoxyResult<String> {
        guard(async {
            let mut follow = self.client.at(Target::home());
            for rel in rels {
                follow = follow.follow(rel);
            }
            Ok(follow.href().await?)
        })
        .await
    }

    /// GET any href (absolute, or relative to the base URL) with `query`.
    #[uniffi::method(default(query = None))]
    pub async fn get(&self, href: String, query: Option<Query>) -> FoxyResult<Document> {
        guard(async {
            let query = Query::core_of(query)?;
            Document::from_resource(&self.client.get(href, query).await?)
        })
        .await
    }

    /// POST a JSON body to an href; returns the answer (for a creation, a
    /// message whose `href` is the new resource).
    pub async fn post(&self, href: String, json: String) -> FoxyResult<Document> {
        guard(async {
            let body = Body::Json(foxy::Value::Object(properties_of(&json)?));
            Document::from_resource(&self.client.post(href, body).await?)
        })
        .await
    }

    /// PUT a whole HAL+JSON document to an href.
    pub async fn put(&self, href: String, json: String) -> FoxyResult<Document> {
        guard(async {
            let document = resource_of(&json)?;
            Document::from_resource(&self.client.put(href, &document).await?)
        })
        .await
    }

    /// PATCH the properties of a JSON object (`{"billing_city":"Boston"}`) onto an href.
    pub async fn patch(&self, href: String, changes_json: String) -> FoxyResult<Document> {
        guard(async {
            let changes = properties_of(&changes_json)?;
            Document::from_resource(&self.client.patch(href, &changes).await?)
        })
        .await
    }

    /// DELETE the resource at an href; returns the server's message document.
    pub async fn delete(&self, href: String) -> FoxyResult<Document> {
        guard(async { Document::from_resource(&self.client.delete(href).await?) }).await
    }

    // --- carts ---

    /// One page of the store's carts.
    #[uniffi::method(default(query = None))]
    pub async fn list_carts(&self, query: Option<Query>) -> FoxyResult<CartPage> {
        guard(async {
            let page = self.client.carts().list(Query::core_of(query)?).await?;
            CartPage::from_model(&page)
        })
        .await
    }

    /// Every cart of the store matching `query`, page by page.
    #[uniffi::method(default(query = None))]
    pub async fn all_carts(&self, query: Option<Query>) -> FoxyResult<Vec<Cart>> {
        guard(async {
            let query = Query::core_of(query)?;
            let carts: Vec<model::Cart> = self.client.carts().all(query).try_collect().await?;
            carts.iter().map(Cart::from_model).collect()
        })
        .await
    }

    /// The cart at `href` (zoom `items`, `items:item_options`, `attributes`,
    /// `custom_fields` to embed them).
    #[uniffi::method(default(query = None))]
    pub async fn get_cart(&self, href: String, query: Option<Query>) -> FoxyResult<Cart> {
        guard(async {
            let cart = self
                .client
                .carts()
                .get(&href, Query::core_of(query)?)
                .await?;
            Cart::from_model(&cart)
        })
        .await
    }

    /// Creates a cart; returns the new cart's href. Give it items with
    /// `put_cart` (items, options, attributes and custom fields embedded) or
    /// `add_item`.
    pub async fn create_cart(&self, cart: Cart) -> FoxyResult<String> {
        guard(async { Ok(self.client.carts().create(&cart.to_model()?).await?) }).await
    }

    /// Creates a cart, then reads it back with `query`.
    #[uniffi::method(default(query = None))]
    pub async fn create_cart_and_get(&self, cart: Cart, query: Option<Query>) -> FoxyResult<Cart> {
        guard(async {
            let cart = cart.to_model()?;
            let created = self
                .client
                .carts()
                .create_and_get(&cart, Query::core_of(query)?)
                .await?;
            Cart::from_model(&created)
        })
        .await
    }

    /// Changes the properties of a JSON object on the cart at `href`.
    pub async fn patch_cart(&self, href: String, changes_json: String) -> FoxyResult<Cart> {
        guard(async {
            let changes = properties_of(&changes_json)?;
            Cart::from_model(&self.client.carts().patch(&href, &changes).await?)
        })
        .await
    }

    /// Replaces the cart at its `href` with `cart`, embedded items, options,
    /// attributes and custom fields included.
    pub async fn put_cart(&self, cart: Cart) -> FoxyResult<Cart> {
        guard(async {
            let cart = cart.to_model()?;
            Cart::from_model(&self.client.carts().put(&cart).await?)
        })
        .await
    }

    /// Deletes the cart at `href`.
    pub async fn delete_cart(&self, href: String) -> FoxyResult<()> {
        guard(async { Ok(self.client.carts().delete(&href).await?) }).await
    }

    /// Charges the cart to the customer's default payment method and returns
    /// the transaction with its items. Never sent twice: when it fails with
    /// `Ambiguous` (the charge may have gone through; `transaction` is its
    /// href when known), check before trying again.
    pub async fn charge(&self, cart: Cart, customer: Customer) -> FoxyResult<Transaction> {
        guard(async {
            let (cart, customer) = (cart.to_model()?, customer.to_model()?);
            Transaction::from_model(&self.client.carts().charge(&cart, &customer).await?)
        })
        .await
    }

    /// Creates a browser session for the cart (its `fx:create_session` link).
    pub async fn create_session(&self, cart: Cart) -> FoxyResult<CartSession> {
        guard(async {
            let cart = cart.to_model()?;
            CartSession::from_model(&self.client.carts().create_session(&cart).await?)
        })
        .await
    }

    /// The cart's items (its `fx:items` link).
    #[uniffi::method(default(query = None))]
    pub async fn cart_items(&self, cart: Cart, query: Option<Query>) -> FoxyResult<ItemPage> {
        guard(async {
            let cart = cart.to_model()?;
            ItemPage::from_model(
                &self
                    .client
                    .carts()
                    .items(&cart, Query::core_of(query)?)
                    .await?,
            )
        })
        .await
    }

    /// Adds an item (with its options and attributes) to the cart; returns its href.
    pub async fn add_item(&self, cart: Cart, item: Item) -> FoxyResult<String> {
        guard(async {
            let (cart, item) = (cart.to_model()?, item.to_model()?);
            Ok(self.client.carts().add_item(&cart, &item).await?)
        })
        .await
    }

    /// The options of an item (its `fx:item_options` link).
    #[uniffi::method(default(query = None))]
    pub async fn item_options(
        &self,
        item: Item,
        query: Option<Query>,
    ) -> FoxyResult<ItemOptionPage> {
        guard(async {
            let item = item.to_model()?;
            let page = self
                .client
                .carts()
                .item_options(&item, Query::core_of(query)?)
                .await?;
            ItemOptionPage::from_model(&page)
        })
        .await
    }

    /// Adds an option to an item; returns its href.
    pub async fn add_item_option(&self, item: Item, option: ItemOption) -> FoxyResult<String> {
        guard(async {
            let (item, option) = (item.to_model()?, option.to_model()?);
            Ok(self.client.carts().add_item_option(&item, &option).await?)
        })
        .await
    }

    /// The cart's attributes.
    #[uniffi::method(default(query = None))]
    pub async fn cart_attributes(
        &self,
        cart: Cart,
        query: Option<Query>,
    ) -> FoxyResult<AttributePage> {
        guard(async {
            let cart = cart.to_model()?;
            let page = self
                .client
                .carts()
                .attributes(&cart, Query::core_of(query)?)
                .await?;
            AttributePage::from_model(&page)
        })
        .await
    }

    /// Adds an attribute to the cart; returns its href.
    pub async fn add_cart_attribute(&self, cart: Cart, attribute: Attribute) -> FoxyResult<String> {
        guard(async {
            let (cart, attribute) = (cart.to_model()?, attribute.to_model()?);
            Ok(self.client.carts().add_attribute(&cart, &attribute).await?)
        })
        .await
    }

    /// The cart's custom fields.
    #[uniffi::method(default(query = None))]
    pub async fn cart_custom_fields(
        &self,
        cart: Cart,
        query: Option<Query>,
    ) -> FoxyResult<CustomFieldPage> {
        guard(async {
            let cart = cart.to_model()?;
            let page = self
                .client
                .carts()
                .custom_fields(&cart, Query::core_of(query)?)
                .await?;
            CustomFieldPage::from_model(&page)
        })
        .await
    }

    /// Adds a custom field to the cart; returns its href.
    pub async fn add_custom_field(&self, cart: Cart, field: CustomField) -> FoxyResult<String> {
        guard(async {
            let (cart, field) = (cart.to_model()?, field.to_model()?);
            Ok(self.client.carts().add_custom_field(&cart, &field).await?)
        })
        .await
    }

    // --- customers ---

    /// One page of the store's customers.
    #[uniffi::method(default(query = None))]
    pub async fn list_customers(&self, query: Option<Query>) -> FoxyResult<CustomerPage> {
        guard(async {
            let page = self.client.customers().list(Query::core_of(query)?).await?;
            CustomerPage::from_model(&page)
        })
        .await
    }

    /// Every customer of the store matching `query`, page by page.
    #[uniffi::method(default(query = None))]
    pub async fn all_customers(&self, query: Option<Query>) -> FoxyResult<Vec<Customer>> {
        guard(async {
            let query = Query::core_of(query)?;
            let customers: Vec<model::Customer> =
                self.client.customers().all(query).try_collect().await?;
            customers.iter().map(Customer::from_model).collect()
        })
        .await
    }

    /// The customer at `href`.
    #[uniffi::method(default(query = None))]
    pub async fn get_customer(&self, href: String, query: Option<Query>) -> FoxyResult<Customer> {
        guard(async {
            let customer = self
                .client
                .customers()
                .get(&href, Query::core_of(query)?)
                .await?;
            Customer::from_model(&customer)
        })
        .await
    }

    /// Creates a customer; returns the new customer's href.
    pub async fn create_customer(&self, customer: Customer) -> FoxyResult<String> {
        guard(async {
            Ok(self
                .client
                .customers()
                .create(&customer.to_model()?)
                .await?)
        })
        .await
    }

    /// Creates a customer, then reads it back with `query`.
    #[uniffi::method(default(query = None))]
    pub async fn create_customer_and_get(
        &self,
        customer: Customer,
        query: Option<Query>,
    ) -> FoxyResult<Customer> {
        guard(async {
            let customer = customer.to_model()?;
            let created = self
                .client
                .customers()
                .create_and_get(&customer, Query::core_of(query)?)
                .await?;
            Customer::from_model(&created)
        })
        .await
    }

    /// Changes the properties of a JSON object on the customer at `href`.
    pub async fn patch_customer(&self, href: String, changes_json: String) -> FoxyResult<Customer> {
        guard(async {
            let changes = properties_of(&changes_json)?;
            Customer::from_model(&self.client.customers().patch(&href, &changes).await?)
        })
        .await
    }

    /// Deletes the customer at `href`.
    pub async fn delete_customer(&self, href: String) -> FoxyResult<()> {
        guard(async { Ok(self.client.customers().delete(&href).await?) }).await
    }

    /// The customer's default payment method (`save_cc` false when none).
    pub async fn default_payment_method(
        &self,
        customer: Customer,
    ) -> FoxyResult<DefaultPaymentMethod> {
        guard(async {
            let customer = customer.to_model()?;
            let method = self
                .client
                .customers()
                .default_payment_method(&customer)
                .await?;
            DefaultPaymentMethod::from_model(&method)
        })
        .await
    }

    /// The customer's saved addresses.
    #[uniffi::method(default(query = None))]
    pub async fn customer_addresses(
        &self,
        customer: Customer,
        query: Option<Query>,
    ) -> FoxyResult<CustomerAddressPage> {
        guard(async {
            let customer = customer.to_model()?;
            let page = self
                .client
                .customers()
                .addresses(&customer, Query::core_of(query)?)
                .await?;
            CustomerAddressPage::from_model(&page)
        })
        .await
    }

    /// Adds an address to the customer; returns its href.
    pub async fn add_customer_address(
        &self,
        customer: Customer,
        address: CustomerAddress,
    ) -> FoxyResult<String> {
        guard(async {
            let (customer, address) = (customer.to_model()?, address.to_model()?);
            Ok(self
                .client
                .customers()
                .add_address(&customer, &address)
                .await?)
        })
        .await
    }

    // --- transactions ---

    /// One page of the store's transactions.
    #[uniffi::method(default(query = None))]
    pub async fn list_transactions(&self, query: Option<Query>) -> FoxyResult<TransactionPage> {
        guard(async {
            let page = self
                .client
                .transactions()
                .list(Query::core_of(query)?)
                .await?;
            TransactionPage::from_model(&page)
        })
        .await
    }

    /// Every transaction of the store matching `query`, page by page.
    #[uniffi::method(default(query = None))]
    pub async fn all_transactions(&self, query: Option<Query>) -> FoxyResult<Vec<Transaction>> {
        guard(async {
            let query = Query::core_of(query)?;
            let all: Vec<model::Transaction> =
                self.client.transactions().all(query).try_collect().await?;
            all.iter().map(Transaction::from_model).collect()
        })
        .await
    }

    /// The transaction at `href` (`zoom: ["items"]` embeds its items).
    #[uniffi::method(default(query = None))]
    pub async fn get_transaction(
        &self,
        href: String,
        query: Option<Query>,
    ) -> FoxyResult<Transaction> {
        guard(async {
            let transaction = self
                .client
                .transactions()
                .get(&href, Query::core_of(query)?)
                .await?;
            Transaction::from_model(&transaction)
        })
        .await
    }

    /// The transaction's items (its `fx:items` link).
    #[uniffi::method(default(query = None))]
    pub async fn transaction_items(
        &self,
        transaction: Transaction,
        query: Option<Query>,
    ) -> FoxyResult<ItemPage> {
        guard(async {
            let transaction = transaction.to_model()?;
            let page = self
                .client
                .transactions()
                .items(&transaction, Query::core_of(query)?)
                .await?;
            ItemPage::from_model(&page)
        })
        .await
    }
}
