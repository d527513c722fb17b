//! What `build` does: checks the URLs against the policy, the media type
//! and the credentials, makes the client's [`Context`] and clock, and the
//! default transport of each kind of client.

use std::sync::{Arc, Mutex};

use foxy_proto::auth::{ClientCredentials, NoStore, TokenState, TokenStore};
use foxy_proto::context::{Config, Context};
use foxy_proto::request::UserAgent;

#[cfg(feature = "async")]
use super::Async;
#[cfg(feature = "blocking")]
use super::Blocking;
use super::ClientBuilder;
use crate::clock::Clock;
use crate::error::Error;

impl<K> ClientBuilder<K> {
    /// The shared state both clients are made of, and their clock.
    pub(super) fn context(&self) -> Result<(Arc<Context>, Arc<Clock>), Error> {
        let base = self.base.clone()?;
        let uri: http::Uri = base
            .parse()
            .map_err(|_| Error::InvalidBaseUrl { url: base.clone() })?;
        self.policy.check(&uri)?;
        if let Some(endpoint) = &self.token_endpoint {
            let uri: http::Uri = endpoint.parse().map_err(|_| Error::InvalidTokenEndpoint {
                url: endpoint.clone(),
            })?;
            self.policy.check(&uri)?;
        }
        if !self.accept.is_hypermedia() {
            return Err(Error::UnsupportedMediaType(self.accept));
        }
        let store: Arc<dyn TokenStore> = self.store.clone().unwrap_or_else(|| Arc::new(NoStore));
        let saved = store.load();
        let (client, grant, tokens) = match self.credentials.clone() {
            Some(credentials) => credentials.into_grant(),
            None if saved.is_some() => (ClientCredentials::new("", ""), None, None),
            None => return Err(Error::NoCredentials),
        };
        let user_agent = match &self.suffix {
            Some(suffix) => UserAgent::with_suffix(suffix),
            None => UserAgent::sdk(),
        };
        let clock = Arc::new(Clock::new());
        let config = Config {
            base,
            accept: self.accept,
            retry: self.retry.clone(),
            policy: self.policy,
            user_agent,
            tokens: Arc::new(Mutex::new(TokenState::new(saved.or(tokens)))),
            client,
            grant,
            store,
            token_endpoint: self.token_endpoint.clone(),
        };
        let context = Context::new(config, clock.seed()).with_cache(self.cache.build());
        Ok((Arc::new(context), clock))
    }

    /// Turns the builder into an async one and builds it (over
    /// [`crate::ReqwestTransport`] unless an async transport was given).
    ///
    /// # Errors
    /// What [`ClientBuilder::build`] of an async builder fails with.
    #[cfg(feature = "async")]
    pub fn build_async(self) -> Result<crate::AsyncClient, Error> {
        self.into_async().build()
    }
}

#[cfg(feature = "blocking")]
impl ClientBuilder<Blocking> {
    /// Builds the blocking client (over [`crate::UreqTransport`] unless a
    /// transport was given).
    ///
    /// # Errors
    /// [`Error::InvalidBaseUrl`], [`Error::InvalidTokenEndpoint`],
    /// [`Error::Policy`], [`Error::UnsupportedMediaType`],
    /// [`Error::NoCredentials`].
    pub fn build(self) -> Result<crate::Client, Error> {
        let (ctx, clock) = self.context()?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => Arc::new(crate::UreqTransport::new(self.timeouts)),
        };
        Ok(crate::Client::from_parts(ctx, clock, transport))
    }
}

#[cfg(feature = "async")]
impl ClientBuilder<Async> {
    /// Builds the async client (over [`crate::ReqwestTransport`] unless a
    /// transport was given).
    ///
    /// ```
    /// let client: foxy::AsyncClient = foxy::AsyncClient::builder().access_token("t").build()?;
    /// # Ok::<(), foxy::Error>(())
    /// ```
    ///
    /// # Errors
    /// Those of the blocking builder's `build`, and
    /// [`Error::TransportSetup`].
    pub fn build(self) -> Result<crate::AsyncClient, Error> {
        let (ctx, clock) = self.context()?;
        let transport = match self.async_transport {
            Some(transport) => transport,
            None => Arc::new(
                crate::ReqwestTransport::new(self.timeouts).map_err(Error::TransportSetup)?,
            ),
        };
        Ok(crate::AsyncClient::from_parts(ctx, clock, transport))
    }
}
