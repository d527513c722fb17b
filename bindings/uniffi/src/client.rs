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

use futures::FutureExt as _;

use foxy::model;
use foxy::proto::MediaType;
use foxy::proto::request::Body;
use foxy::{AsyncClient, ClientBuilder, RetryPolicy, Target, Timeouts, TransportPolicy};

use crate::document::{Document, object_of, properties_of, resource_of};
use crate::errors::{FoxyError, FoxyResult};
use crate::generated::{
    Cart, Customer, Item, PropertyHelpersPath, StorePath, Transaction, UserPath,
};
use crate::helpers::MediaFormat;
use crate::paths::{FollowPath, PathCore};
use crate::query::Query;
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
pub(crate) async fn guard<T>(call: impl Future<Output = FoxyResult<T>>) -> FoxyResult<T> {
    match AssertUnwindSafe(call).catch_unwind().await {
        Ok(result) => result,
        Err(_) => Err(FoxyError::Internal {
            code: "internal".to_owned(),
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

    // --- typed navigation ---

    /// The store of the token (`fx:store` from the API home), typed:
    /// `client.store().coupons().list(query)`.
    pub fn store(&self) -> Arc<StorePath> {
        Arc::new(StorePath(self.path(self.client.store().target())))
    }

    /// The user of the token (`fx:user` from the API home), typed.
    pub fn user(&self) -> Arc<UserPath> {
        Arc::new(UserPath(self.path(self.client.user().target())))
    }

    /// The property helpers (`fx:property_helpers` from the API home), typed.
    pub fn property_helpers(&self) -> Arc<PropertyHelpersPath> {
        Arc::new(PropertyHelpersPath(
            self.path(self.client.property_helpers().target()),
        ))
    }

    // --- navigation by relation ---

    /// The API home document.
    pub async fn home(&self) -> FoxyResult<Document> {
        guard(async { Document::from_resource(&self.client.home().await?) }).await
    }

    /// The path that relations followed from the API home lead to
    /// (`["fx:store", "fx:carts"]`), untyped: `get(query)`, `href()`.
    pub fn follow(&self, rels: Vec<String>) -> Arc<FollowPath> {
        self.path(&Target::home()).follow(rels)
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

    /// POST a JSON object to an href, as written (`_links` included);
    /// returns the answer (for a creation, a message whose `href` is the
    /// new resource).
    pub async fn post(&self, href: String, json: String) -> FoxyResult<Document> {
        guard(async {
            let body = Body::Json(object_of(&json)?);
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

    // --- operations that are more than one request ---

    /// Charges the cart to the customer's default payment method and returns
    /// the transaction with its items. Never sent twice: when it fails with
    /// `Ambiguous` (the charge may have gone through; `transaction` is its
    /// href when known), check before trying again.
    pub async fn charge(
        &self,
        cart: Arc<Cart>,
        customer: Arc<Customer>,
    ) -> FoxyResult<Arc<Transaction>> {
        guard(async {
            let cart = model::Cart::from_resource(&cart.0.snapshot()?)?;
            let customer = model::Customer::from_resource(&customer.0.snapshot()?)?;
            let transaction = self.client.carts().charge(&cart, &customer).await?;
            Ok(Transaction::wrap(transaction.to_resource()))
        })
        .await
    }

    /// Creates a browser session for the cart (its `fx:create_session`
    /// link); the answer holds `session_id` and `cart_link`.
    pub async fn create_session(&self, cart: Arc<Cart>) -> FoxyResult<Document> {
        guard(async {
            let cart = model::Cart::from_resource(&cart.0.snapshot()?)?;
            let session = self.client.carts().create_session(&cart).await?;
            Document::from_resource(&session.to_resource())
        })
        .await
    }

    /// Adds an item, with the options and attributes embedded in it, to the
    /// cart; returns its href.
    pub async fn add_item(&self, cart: Arc<Cart>, item: Arc<Item>) -> FoxyResult<String> {
        guard(async {
            let cart = model::Cart::from_resource(&cart.0.snapshot()?)?;
            let item = model::Item::from_resource(&item.0.snapshot()?)?;
            Ok(self.client.carts().add_item(&cart, &item).await?)
        })
        .await
    }
}

impl FoxyClient {
    /// A path from this client to `target`.
    fn path(&self, target: &Target) -> PathCore {
        PathCore::new(self.client.clone(), target.clone())
    }
}
