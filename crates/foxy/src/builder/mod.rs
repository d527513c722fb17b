//! Building a client: where the API is, how to authenticate, how to talk.
//!
//! A [`ClientBuilder`] carries the kind of client it builds in its type:
//! `ClientBuilder<Blocking>` ([`Client::builder`](crate::Client::builder),
//! [`ClientBuilder::new`]) builds a blocking [`Client`](crate::Client),
//! `ClientBuilder<Async>` ([`AsyncClient::builder`](crate::AsyncClient::builder))
//! an [`AsyncClient`](crate::AsyncClient); `build` cannot return the other
//! kind. [`ClientBuilder::build_async`] turns any builder into an async one
//! and builds it. The base URL is checked when it is set: an [`http::Uri`]
//! ([`ClientBuilder::base_uri`]), or a parse error at the setter
//! ([`ClientBuilder::try_base_url`]; [`ClientBuilder::base_url`] keeps the
//! error for `build`).
//!
//! ```
//! use foxy::{ClientBuilder, MediaType};
//! # fn demo() -> Result<(), foxy::Error> {
//! let client = ClientBuilder::new()
//!     .base_url("http://127.0.0.1:8080/")
//!     .refresh_token("client_id", "client_secret", "refresh_token")
//!     .media_type(MediaType::HalXml)
//!     .user_agent_suffix("my-app/1.0")
//!     .build()?;
//! # let _ = client; Ok(()) }
//! # demo().unwrap();
//! ```

mod build;
mod cache;

use std::marker::PhantomData;
use std::sync::Arc;

use foxy_proto::MediaType;
use foxy_proto::auth::{
    ClientCredentials, PRODUCTION_API, SANDBOX_API, Scope, Secret, TokenStore, Tokens,
};
use foxy_proto::retry::RetryPolicy;

pub use foxy_proto::auth::Credentials;

use crate::error::Error;
use crate::transport::{AsyncTransport, Timeouts, Transport, TransportPolicy};

/// The kind of a builder that builds a blocking [`Client`](crate::Client).
#[derive(Debug, Clone, Copy)]
pub struct Blocking;

/// The kind of a builder that builds an [`AsyncClient`](crate::AsyncClient).
#[derive(Debug, Clone, Copy)]
pub struct Async;

/// Configures and builds a [`Client`](crate::Client) (`K` = [`Blocking`])
/// or an [`AsyncClient`](crate::AsyncClient) (`K` = [`Async`]).
pub struct ClientBuilder<K = Blocking> {
    base: Result<String, Error>,
    kind: PhantomData<K>,
    credentials: Option<Credentials>,
    store: Option<Arc<dyn TokenStore>>,
    accept: MediaType,
    retry: RetryPolicy,
    timeouts: Timeouts,
    suffix: Option<String>,
    policy: TransportPolicy,
    token_endpoint: Option<String>,
    transport: Option<Arc<dyn Transport>>,
    async_transport: Option<Arc<dyn AsyncTransport>>,
    cache: cache::CacheChoice,
}

impl<K> Clone for ClientBuilder<K> {
    fn clone(&self) -> Self {
        ClientBuilder {
            base: self.base.clone(),
            kind: PhantomData,
            credentials: self.credentials.clone(),
            store: self.store.clone(),
            accept: self.accept,
            retry: self.retry.clone(),
            timeouts: self.timeouts,
            suffix: self.suffix.clone(),
            policy: self.policy,
            token_endpoint: self.token_endpoint.clone(),
            transport: self.transport.clone(),
            async_transport: self.async_transport.clone(),
            cache: self.cache.clone(),
        }
    }
}

impl<K> std::fmt::Debug for ClientBuilder<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base", &self.base)
            .field("credentials", &self.credentials)
            .field("accept", &self.accept)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder<Blocking> {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

/// `url` with a trailing `/`, if it is an absolute URI.
fn checked_base(url: &str) -> Result<String, Error> {
    let mut base = url.trim().to_owned();
    if !base.ends_with('/') {
        base.push('/');
    }
    match base.parse::<http::Uri>() {
        Ok(uri) if uri.scheme().is_some() && uri.host().is_some() => Ok(base),
        _ => Err(Error::InvalidBaseUrl {
            url: url.to_owned(),
        }),
    }
}

impl ClientBuilder<Blocking> {
    /// A builder of a blocking client for Foxy's production API
    /// (`https://api.foxycart.com/`), HAL+JSON responses, the default retry
    /// policy and timeouts.
    pub fn new() -> ClientBuilder<Blocking> {
        ClientBuilder::with_kind()
    }

    /// The transport of the blocking client (default: [`crate::UreqTransport`]).
    pub fn transport(mut self, transport: impl Transport + 'static) -> ClientBuilder<Blocking> {
        self.transport = Some(Arc::new(transport));
        self
    }
}

impl ClientBuilder<Async> {
    /// A builder of an async client, with the defaults of [`ClientBuilder::new`].
    pub fn new_async() -> ClientBuilder<Async> {
        ClientBuilder::with_kind()
    }
}

impl<K> ClientBuilder<K> {
    fn with_kind() -> ClientBuilder<K> {
        ClientBuilder {
            base: Ok(PRODUCTION_API.to_owned()),
            kind: PhantomData,
            credentials: None,
            store: None,
            accept: MediaType::HalJson,
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            suffix: None,
            policy: TransportPolicy::default(),
            token_endpoint: None,
            transport: None,
            async_transport: None,
            cache: cache::CacheChoice::default(),
        }
    }

    /// The API home URL (for a local foxy-sandbox, `http://127.0.0.1:PORT/`),
    /// checked here: one that is not an absolute URI makes `build` fail with
    /// [`Error::InvalidBaseUrl`] (see [`ClientBuilder::try_base_url`]).
    pub fn base_url(mut self, url: impl AsRef<str>) -> Self {
        self.base = checked_base(url.as_ref());
        self
    }

    /// The API home URL, its parse error returned here.
    ///
    /// # Errors
    /// [`Error::InvalidBaseUrl`] for a URL that is not an absolute URI.
    pub fn try_base_url(mut self, url: impl AsRef<str>) -> Result<Self, Error> {
        self.base = Ok(checked_base(url.as_ref())?);
        Ok(self)
    }

    /// The API home URL as a parsed URI.
    pub fn base_uri(self, uri: http::Uri) -> Self {
        self.base_url(uri.to_string())
    }

    /// Foxy's production API, `https://api.foxycart.com/` (the default).
    pub fn production(self) -> Self {
        self.base_url(PRODUCTION_API)
    }

    /// Foxy's hosted sandbox API, `https://api-sandbox.foxycart.com/`.
    pub fn sandbox(self) -> Self {
        self.base_url(SANDBOX_API)
    }

    /// How to obtain tokens.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Authenticates with a refresh token (client id and secret in the form body).
    pub fn refresh_token(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        refresh_token: impl Into<Secret>,
    ) -> Self {
        self.credentials(Credentials::RefreshToken {
            client: ClientCredentials::new(client_id, client_secret),
            refresh_token: refresh_token.into(),
        })
    }

    /// Authenticates with the client credentials grant.
    pub fn client_credentials(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        scopes: Vec<Scope>,
    ) -> Self {
        self.credentials(Credentials::ClientCredentials {
            client: ClientCredentials::new(client_id, client_secret),
            scopes,
        })
    }

    /// Exchanges an authorization code (from the authorize redirect) on first use.
    pub fn authorization_code(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        code: impl Into<Secret>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        self.credentials(Credentials::AuthorizationCode {
            client: ClientCredentials::new(client_id, client_secret),
            code: code.into(),
            redirect_uri: redirect_uri.into(),
        })
    }

    /// Uses a ready access token (no expiry known, never refreshed).
    pub fn access_token(self, token: impl Into<Secret>) -> Self {
        self.credentials(Credentials::Tokens {
            tokens: Tokens {
                access_token: token.into(),
                refresh_token: None,
                expires_at: None,
                lifetime: None,
                scope: None,
            },
            client: None,
        })
    }

    /// Loads tokens from `store` when built, and saves every new token there.
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// The response format asked for: HAL+JSON (default), HAL+XML or Siren.
    pub fn media_type(mut self, media_type: MediaType) -> Self {
        self.accept = media_type;
        self
    }

    /// When and how often calls are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Connect and request time limits of the default transports.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Appended to the `User-Agent` (`foxy-rs/0.1.0 my-app/1.0`).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.suffix = Some(suffix.into());
        self
    }

    /// Which URIs may be used: plain HTTP is refused for hosts other than
    /// loopback unless the policy allows it.
    pub fn transport_policy(mut self, policy: TransportPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The token endpoint, instead of the home's `fx:token` link (or `<base>/token`).
    pub fn token_endpoint(mut self, url: impl Into<String>) -> Self {
        self.token_endpoint = Some(url.into());
        self
    }

    /// The transport of the async client (default: [`crate::ReqwestTransport`]),
    /// used by `build` of an async builder and by [`ClientBuilder::build_async`].
    pub fn async_transport(mut self, transport: impl AsyncTransport + 'static) -> Self {
        self.async_transport = Some(Arc::new(transport));
        self
    }

    /// The same settings in a builder of an async client (a blocking
    /// transport given is left out).
    pub fn into_async(self) -> ClientBuilder<Async> {
        ClientBuilder {
            base: self.base,
            kind: PhantomData,
            credentials: self.credentials,
            store: self.store,
            accept: self.accept,
            retry: self.retry,
            timeouts: self.timeouts,
            suffix: self.suffix,
            policy: self.policy,
            token_endpoint: self.token_endpoint,
            transport: None,
            async_transport: self.async_transport,
            cache: self.cache,
        }
    }
}

#[cfg(test)]
mod tests;
