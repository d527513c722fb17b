//! The state both clients share: configuration, tokens, caches, clocks.
//!
//! A [`Client`](crate::Client) and an [`AsyncClient`](crate::AsyncClient)
//! are an `Arc<Inner>` plus a transport. `Inner` builds every call (request
//! headers, token handling, retry policy) so the two clients cannot diverge.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use http::Response;

use foxy_proto::auth::{
    Authorized, ClientCredentials, Exchange, Grant, Refresher, SharedTokens, TokenStore,
    token_endpoint,
};
use foxy_proto::error::read_resource;
use foxy_proto::request::{RequestBuilder, UserAgent, resolve_href};
use foxy_proto::retry::RetryPolicy;
use foxy_proto::step::Now;
use foxy_proto::{MediaType, Resource};

use crate::clock::Clock;
use crate::error::Error;
use crate::flow::{Call, Flow, Next};
use crate::transport::TransportPolicy;

/// Shared by every clone of a client.
pub(crate) struct Inner {
    pub(crate) base: String,
    pub(crate) accept: MediaType,
    pub(crate) retry: RetryPolicy,
    pub(crate) policy: TransportPolicy,
    pub(crate) user_agent: UserAgent,
    pub(crate) tokens: SharedTokens,
    pub(crate) client: ClientCredentials,
    pub(crate) grant: Option<Grant>,
    pub(crate) store: Arc<dyn TokenStore>,
    /// The token endpoint: `<base>/token` until the home's `fx:token` is known.
    endpoint: Mutex<String>,
    /// Whether the endpoint was given explicitly (the home does not override it).
    endpoint_fixed: bool,
    /// Resolved hrefs by relation path (`fx:store/fx:carts`).
    hrefs: Mutex<HashMap<String, String>>,
    clock: Clock,
}

/// What [`Inner::new`] needs.
pub(crate) struct Settings {
    pub(crate) base: String,
    pub(crate) accept: MediaType,
    pub(crate) retry: RetryPolicy,
    pub(crate) policy: TransportPolicy,
    pub(crate) user_agent: UserAgent,
    pub(crate) tokens: SharedTokens,
    pub(crate) client: ClientCredentials,
    pub(crate) grant: Option<Grant>,
    pub(crate) store: Arc<dyn TokenStore>,
    pub(crate) token_endpoint: Option<String>,
}

impl Inner {
    pub(crate) fn new(settings: Settings) -> Inner {
        let endpoint_fixed = settings.token_endpoint.is_some();
        let endpoint = settings
            .token_endpoint
            .unwrap_or_else(|| token_endpoint(&settings.base, None));
        Inner {
            base: settings.base,
            accept: settings.accept,
            retry: settings.retry,
            policy: settings.policy,
            user_agent: settings.user_agent,
            tokens: settings.tokens,
            client: settings.client,
            grant: settings.grant,
            store: settings.store,
            endpoint: Mutex::new(endpoint),
            endpoint_fixed,
            hrefs: Mutex::new(HashMap::new()),
            clock: Clock::new(),
        }
    }

    /// Both clocks: monotonic since the client was built, and the wall clock.
    pub(crate) fn now(&self) -> Now {
        self.clock.now()
    }

    /// The token endpoint currently in use.
    pub(crate) fn token_endpoint(&self) -> String {
        self.endpoint
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn refresher(&self) -> Refresher {
        Refresher {
            endpoint: self.token_endpoint(),
            client: self.client.clone(),
            user_agent: self.user_agent.clone(),
            store: self.store.clone(),
        }
    }

    /// Reads the API home: learns the token endpoint from its `fx:token` link.
    pub(crate) fn learn_home(&self, home: &Resource) {
        if !self.endpoint_fixed {
            let endpoint = token_endpoint(&self.base, Some(home));
            *self.endpoint.lock().unwrap_or_else(PoisonError::into_inner) = endpoint;
        }
    }

    /// A cached href for a relation path.
    pub(crate) fn cached(&self, key: &str) -> Option<String> {
        self.hrefs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    /// Remembers the href a relation path resolved to.
    pub(crate) fn remember(&self, key: String, href: String) {
        self.hrefs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, href);
    }

    /// Resolves `href` against the base URL.
    pub(crate) fn resolve(&self, href: &str) -> Result<String, Error> {
        Ok(resolve_href(&self.base, href)?)
    }

    /// A call sending the request `builder` describes, with this client's
    /// media type and user agent, tokens, and retry policy.
    pub(crate) fn call(&self, builder: RequestBuilder) -> Result<Box<Call>, Error> {
        let request = builder
            .accept(self.accept)
            .user_agent(self.user_agent.clone())
            .build()?;
        let exchange = self.grant.as_ref().map(|grant| {
            Exchange::new(
                self.tokens.clone(),
                grant.clone(),
                self.refresher(),
                self.retry.clone(),
                self.clock.jitter(),
            )
        });
        let authorized = Authorized::new(
            self.tokens.clone(),
            self.refresher(),
            request,
            self.retry.clone(),
            self.clock.jitter(),
        );
        Ok(Box::new(Call::new(exchange, authorized)))
    }

    /// A flow sending one request and handing its response to `then`.
    pub(crate) fn flow<T: 'static>(
        self: &Arc<Self>,
        label: impl Into<String>,
        builder: RequestBuilder,
        then: impl FnOnce(Response<Vec<u8>>) -> Result<Next<T>, Error> + Send + 'static,
    ) -> Flow<T> {
        let next = self
            .call(builder)
            .map(|call| Next::Call(call, label.into(), Box::new(then)));
        Flow::start(self.policy, next)
    }

    /// Reads a response into a resource in this client's media type.
    pub(crate) fn read(&self, response: &Response<Vec<u8>>) -> Result<Resource, Error> {
        Ok(read_resource(response, self.accept)?)
    }
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("accept", &self.accept)
            .field("client_id", &self.client.client_id)
            .finish_non_exhaustive()
    }
}
