//! One client's view of the API: what every call is built from.
//!
//! A [`Context`] holds a client's [`Config`] (base URL, media type, user
//! agent, credentials, retry and transport policies) and what it learns
//! while it runs: the token endpoint, read from the API home's `fx:token`
//! link unless one was given, and the cache of resolved relation paths
//! ([`HrefCache`]). It builds every [`Call`] (headers, token handling,
//! retries, jitter from a seed the client passes in), so every client built
//! on it sends the same requests.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use http::Response;

use crate::auth::{
    Authorized, ClientCredentials, Exchange, Grant, Refresher, SharedTokens, TokenStore,
    token_endpoint,
};
use crate::cache::Cache;
use crate::error::{Error, read_resource};
use crate::flow::{Call, Flow, FlowError, Next};
use crate::navigation::HrefCache;
use crate::policy::TransportPolicy;
use crate::request::{RequestBuilder, UserAgent, resolve_href};
use crate::retry::{Jitter, RetryPolicy, SplitMix};
use crate::{MediaType, Resource};

/// How a client talks to the API.
#[derive(Clone)]
pub struct Config {
    /// The API home URL, ending with `/`.
    pub base: String,
    /// The media type asked for.
    pub accept: MediaType,
    /// When calls are retried.
    pub retry: RetryPolicy,
    /// Which URIs may be sent to.
    pub policy: TransportPolicy,
    /// The `User-Agent` of every request.
    pub user_agent: UserAgent,
    /// The tokens every call of the client shares.
    pub tokens: SharedTokens,
    /// The OAuth client (empty for a client with tokens only).
    pub client: ClientCredentials,
    /// The grant run when there is no usable token.
    pub grant: Option<Grant>,
    /// Where tokens are saved (and shared with other processes).
    pub store: Arc<dyn TokenStore>,
    /// The token endpoint given explicitly (the home does not override it).
    pub token_endpoint: Option<String>,
}

/// A client's configuration and what it learnt: token endpoint, hrefs.
pub struct Context {
    config: Config,
    /// What calls refresh tokens with, its endpoint `<base>/token` until
    /// the home's `fx:token` is known: one copy every call shares, replaced
    /// when the endpoint changes.
    refresher: Mutex<Arc<Refresher>>,
    /// The configured grant, shared by every call's [`Exchange`].
    grant: Option<Arc<Grant>>,
    hrefs: HrefCache,
    /// The HTTP cache every GET goes through (see [`crate::cache`]).
    cache: Option<Cache>,
    seed: u64,
    calls: AtomicU64,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.config.base)
            .field("accept", &self.config.accept)
            .field("client_id", &self.config.client.client_id)
            .finish_non_exhaustive()
    }
}

impl Context {
    /// A context for `config`; `seed` (random, from the client) seeds the
    /// back-off jitter of every call.
    pub fn new(config: Config, seed: u64) -> Context {
        let endpoint = config
            .token_endpoint
            .clone()
            .unwrap_or_else(|| token_endpoint(&config.base, None));
        let refresher = Arc::new(Refresher {
            endpoint,
            client: config.client.clone(),
            user_agent: config.user_agent.clone(),
            store: config.store.clone(),
        });
        Context {
            grant: config.grant.clone().map(Arc::new),
            config,
            refresher: Mutex::new(refresher),
            hrefs: HrefCache::default(),
            cache: Some(Cache::default()),
            seed,
            calls: AtomicU64::new(0),
        }
    }

    /// The same context with `cache` (`None`: no HTTP cache). By default
    /// a [`Cache::default`]: an 8 MiB [`MemoryCache`](crate::cache::MemoryCache)
    /// that revalidates every stored answer, as Foxy asks clients to do.
    pub fn with_cache(mut self, cache: Option<Cache>) -> Context {
        self.cache = cache;
        self
    }

    /// The HTTP cache, if any.
    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The API home URL.
    pub fn base(&self) -> &str {
        &self.config.base
    }

    /// The media type asked for.
    pub fn accept(&self) -> MediaType {
        self.config.accept
    }

    /// Which URIs may be sent to.
    pub fn policy(&self) -> TransportPolicy {
        self.config.policy
    }

    /// The resolved relation paths.
    pub fn hrefs(&self) -> &HrefCache {
        &self.hrefs
    }

    /// The token endpoint currently in use.
    pub fn token_endpoint(&self) -> String {
        self.refresher().endpoint.clone()
    }

    /// Reads the API home: learns the token endpoint from its `fx:token`
    /// link (unless one was given).
    pub fn learn_home(&self, home: &Resource) {
        if self.config.token_endpoint.is_none() {
            let endpoint = token_endpoint(&self.config.base, Some(home));
            let mut shared = self
                .refresher
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if shared.endpoint != endpoint {
                *shared = Arc::new(Refresher {
                    endpoint,
                    ..Refresher::clone(&shared)
                });
            }
        }
    }

    /// A jitter source for one call (splitmix64 from the seed and a counter).
    pub fn jitter(&self) -> Box<dyn Jitter> {
        let n = self.calls.fetch_add(1, Ordering::Relaxed);
        Box::new(SplitMix::new(
            self.seed
                .wrapping_add(n.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
        ))
    }

    fn refresher(&self) -> Arc<Refresher> {
        self.refresher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Resolves `href` against the base URL.
    ///
    /// # Errors
    /// [`Error::Input`] for an href that cannot be resolved.
    pub fn resolve(&self, href: &str) -> Result<String, Error> {
        Ok(resolve_href(&self.config.base, href)?)
    }

    /// A call sending the request `builder` describes, with this client's
    /// media type and user agent, tokens, and retry policy.
    ///
    /// # Errors
    /// [`Error::Input`] when the request cannot be built.
    pub fn call(&self, builder: RequestBuilder) -> Result<Box<Call>, Error> {
        let config = &self.config;
        let request = builder
            .accept(config.accept)
            .user_agent(config.user_agent.clone())
            .build()?;
        let refresher = self.refresher();
        let exchange = self.grant.as_ref().map(|grant| {
            Exchange::shared(
                config.tokens.clone(),
                grant.clone(),
                refresher.clone(),
                config.retry.clone(),
                self.jitter(),
            )
        });
        let authorized = Authorized::shared(
            config.tokens.clone(),
            refresher,
            request,
            config.retry.clone(),
            self.jitter(),
        );
        Ok(Box::new(Call::new(exchange, authorized)).with_cache(self.cache.clone()))
    }

    /// A flow sending one request and handing its response to `then`.
    pub fn flow<T: 'static, E: FlowError>(
        &self,
        label: impl Into<String>,
        builder: RequestBuilder,
        then: impl FnOnce(Response<Vec<u8>>) -> Result<Next<T, E>, E> + Send + 'static,
    ) -> Flow<T, E> {
        let next = self
            .call(builder)
            .map(|call| Next::Call(call, label.into(), Box::new(then)))
            .map_err(E::from);
        Flow::start(self.config.policy, next)
    }

    /// A flow that fails at once (a link missing before anything is sent).
    pub fn failed<T, E: FlowError>(&self, error: E) -> Flow<T, E> {
        Flow::start(self.config.policy, Err(error))
    }

    /// Reads a response into a resource in this client's media type; an
    /// error status is [`Error::Api`].
    ///
    /// # Errors
    /// [`Error::Api`] and [`Error::Decode`].
    pub fn read(&self, response: &Response<Vec<u8>>) -> Result<Resource, Error> {
        read_resource(response, self.config.accept)
    }

    /// [`Context::read`] of a response the caller is done with: the same
    /// resource or error, the recorded [`ResponseMeta`](crate::meta::ResponseMeta)
    /// moved into the resource instead of copied.
    ///
    /// # Errors
    /// [`Error::Api`] and [`Error::Decode`].
    pub fn read_owned(&self, mut response: Response<Vec<u8>>) -> Result<Resource, Error> {
        if !response.status().is_success() {
            return self.read(&response);
        }
        // Taken off before the read (which would copy it), its headers
        // then moved from the response, which is dropped after.
        let detached = crate::meta::ResponseMeta::detach(&mut response);
        let mut resource = read_resource(&response, self.config.accept)?;
        if let Some(detached) = detached {
            let meta = detached.complete(&mut response);
            resource.meta = crate::meta::Meta::new(meta);
        }
        Ok(resource)
    }
}
