//! Building a client: where the API is, how to authenticate, how to talk.
//!
//! One [`ClientBuilder`] builds either client: [`ClientBuilder::build`] a
//! blocking [`Client`](crate::Client), [`ClientBuilder::build_async`] an
//! [`AsyncClient`](crate::AsyncClient).
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

use std::sync::{Arc, Mutex};

use foxy_proto::MediaType;
use foxy_proto::auth::{
    ClientCredentials, Grant, NoStore, PRODUCTION_API, SANDBOX_API, Scope, Secret, TokenState,
    TokenStore, Tokens,
};
use foxy_proto::request::UserAgent;
use foxy_proto::retry::RetryPolicy;

use crate::error::Error;
use crate::inner::{Inner, Settings};
use crate::transport::{AsyncTransport, Timeouts, Transport, TransportPolicy};

/// How the client obtains its access tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// A refresh token (Foxy's usual integration credentials): traded for
    /// an access token on first use and whenever it nears expiry.
    RefreshToken {
        /// The OAuth client.
        client: ClientCredentials,
        /// The long-lived refresh token.
        refresh_token: Secret,
    },
    /// The client credentials grant (tokens for the OAuth client itself).
    ClientCredentials {
        /// The OAuth client.
        client: ClientCredentials,
        /// The scopes asked for (none: the server's default).
        scopes: Vec<Scope>,
    },
    /// The code from the authorize redirect, exchanged on first use.
    AuthorizationCode {
        /// The OAuth client.
        client: ClientCredentials,
        /// The `code` of the redirect.
        code: Secret,
        /// The redirect URI given in the authorize URL.
        redirect_uri: String,
    },
    /// Tokens already obtained; refreshed when they carry a refresh token
    /// and `client` is given.
    Tokens {
        /// The tokens.
        tokens: Tokens,
        /// The OAuth client, needed to refresh.
        client: Option<ClientCredentials>,
    },
}

/// Configures and builds a [`Client`](crate::Client) or an
/// [`AsyncClient`](crate::AsyncClient).
#[derive(Clone)]
pub struct ClientBuilder {
    base: String,
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
}

impl std::fmt::Debug for ClientBuilder {
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

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

impl ClientBuilder {
    /// A builder for Foxy's production API (`https://api.foxycart.com/`),
    /// HAL+JSON responses, the default retry policy and timeouts.
    pub fn new() -> ClientBuilder {
        ClientBuilder {
            base: PRODUCTION_API.to_owned(),
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
        }
    }

    /// The API home URL (for a local foxy-sandbox, `http://127.0.0.1:PORT/`).
    pub fn base_url(mut self, url: impl Into<String>) -> ClientBuilder {
        self.base = url.into();
        self
    }

    /// Foxy's production API, `https://api.foxycart.com/` (the default).
    pub fn production(self) -> ClientBuilder {
        self.base_url(PRODUCTION_API)
    }

    /// Foxy's hosted sandbox API, `https://api-sandbox.foxycart.com/`.
    pub fn sandbox(self) -> ClientBuilder {
        self.base_url(SANDBOX_API)
    }

    /// How to obtain tokens.
    pub fn credentials(mut self, credentials: Credentials) -> ClientBuilder {
        self.credentials = Some(credentials);
        self
    }

    /// Authenticates with a refresh token (client id and secret in the form body).
    pub fn refresh_token(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        refresh_token: impl Into<Secret>,
    ) -> ClientBuilder {
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
    ) -> ClientBuilder {
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
    ) -> ClientBuilder {
        self.credentials(Credentials::AuthorizationCode {
            client: ClientCredentials::new(client_id, client_secret),
            code: code.into(),
            redirect_uri: redirect_uri.into(),
        })
    }

    /// Uses a ready access token (no expiry known, never refreshed).
    pub fn access_token(self, token: impl Into<Secret>) -> ClientBuilder {
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
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> ClientBuilder {
        self.store = Some(store);
        self
    }

    /// The response format asked for: HAL+JSON (default), HAL+XML or Siren.
    pub fn media_type(mut self, media_type: MediaType) -> ClientBuilder {
        self.accept = media_type;
        self
    }

    /// When and how often calls are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> ClientBuilder {
        self.retry = policy;
        self
    }

    /// Connect and request time limits of the default transports.
    pub fn timeouts(mut self, timeouts: Timeouts) -> ClientBuilder {
        self.timeouts = timeouts;
        self
    }

    /// Appended to the `User-Agent` (`foxy-rs/0.1.0 my-app/1.0`).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> ClientBuilder {
        self.suffix = Some(suffix.into());
        self
    }

    /// Which URIs may be used: plain HTTP is refused for hosts other than
    /// loopback unless the policy allows it.
    pub fn transport_policy(mut self, policy: TransportPolicy) -> ClientBuilder {
        self.policy = policy;
        self
    }

    /// The token endpoint, instead of the home's `fx:token` link (or `<base>/token`).
    pub fn token_endpoint(mut self, url: impl Into<String>) -> ClientBuilder {
        self.token_endpoint = Some(url.into());
        self
    }

    /// The transport of the blocking client (default: [`crate::UreqTransport`]).
    pub fn transport(mut self, transport: impl Transport + 'static) -> ClientBuilder {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The transport of the async client (default: [`crate::ReqwestTransport`]).
    pub fn async_transport(mut self, transport: impl AsyncTransport + 'static) -> ClientBuilder {
        self.async_transport = Some(Arc::new(transport));
        self
    }

    /// The shared state both clients are made of.
    fn inner(&self) -> Result<Arc<Inner>, Error> {
        let mut base = self.base.trim().to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        let uri: http::Uri = base
            .parse()
            .map_err(|_| Error::Config(format!("the base URL {base:?} is not a URI")))?;
        self.policy.check(&uri)?;
        if let Some(endpoint) = &self.token_endpoint {
            let uri: http::Uri = endpoint.parse().map_err(|_| {
                Error::Config(format!("the token endpoint {endpoint:?} is not a URI"))
            })?;
            self.policy.check(&uri)?;
        }
        if !self.accept.is_hypermedia() {
            return Err(Error::Config(format!(
                "cannot ask for {} responses; use hal+json, hal+xml or siren",
                self.accept
            )));
        }
        let store: Arc<dyn TokenStore> = self.store.clone().unwrap_or_else(|| Arc::new(NoStore));
        let saved = store.load();
        let (client, grant, tokens) = match self.credentials.clone() {
            Some(Credentials::RefreshToken {
                client,
                refresh_token,
            }) => (client, Some(Grant::RefreshToken(refresh_token)), None),
            Some(Credentials::ClientCredentials { client, scopes }) => {
                (client, Some(Grant::ClientCredentials { scopes }), None)
            }
            Some(Credentials::AuthorizationCode {
                client,
                code,
                redirect_uri,
            }) => (
                client,
                Some(Grant::AuthorizationCode { code, redirect_uri }),
                None,
            ),
            Some(Credentials::Tokens { tokens, client }) => {
                let grant = match (&client, &tokens.refresh_token) {
                    (Some(_), Some(refresh)) => Some(Grant::RefreshToken(refresh.clone())),
                    _ => None,
                };
                let client = client.unwrap_or_else(|| ClientCredentials::new("", ""));
                (client, grant, Some(tokens))
            }
            None if saved.is_some() => (ClientCredentials::new("", ""), None, None),
            None => {
                return Err(Error::Config(
                    "no credentials: give a refresh token, client credentials, an authorization code, tokens or a token store holding tokens".to_owned(),
                ));
            }
        };
        let user_agent = match &self.suffix {
            Some(suffix) => UserAgent::with_suffix(suffix),
            None => UserAgent::sdk(),
        };
        Ok(Arc::new(Inner::new(Settings {
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
        })))
    }

    /// Builds the blocking client (over [`crate::UreqTransport`] unless a
    /// transport was given).
    #[cfg(feature = "blocking")]
    pub fn build(self) -> Result<crate::Client, Error> {
        let inner = self.inner()?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => Arc::new(crate::UreqTransport::new(self.timeouts)),
        };
        Ok(crate::Client::from_parts(inner, transport))
    }

    /// Builds the async client (over [`crate::ReqwestTransport`] unless a
    /// transport was given).
    #[cfg(feature = "async")]
    pub fn build_async(self) -> Result<crate::AsyncClient, Error> {
        let inner = self.inner()?;
        let transport = match self.async_transport {
            Some(transport) => transport,
            None => Arc::new(
                crate::ReqwestTransport::new(self.timeouts)
                    .map_err(|e| Error::Config(e.to_string()))?,
            ),
        };
        Ok(crate::AsyncClient::from_parts(inner, transport))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_plain_http_off_loopback_and_bad_media() {
        let err = ClientBuilder::new()
            .base_url("http://api.example.test/")
            .access_token("t")
            .inner()
            .expect_err("refused");
        assert!(matches!(err, Error::Policy(_)));
        let ok = ClientBuilder::new()
            .base_url("http://api.example.test")
            .access_token("t")
            .transport_policy(TransportPolicy {
                allow_insecure_http: true,
            })
            .inner()
            .expect("opted in");
        assert_eq!(ok.base, "http://api.example.test/");
        assert!(matches!(
            ClientBuilder::new()
                .access_token("t")
                .media_type(MediaType::Json)
                .inner(),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            ClientBuilder::new().inner(),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn debug_never_shows_secrets() {
        let builder = ClientBuilder::new().refresh_token("id", "s3cret-client", "s3cret-refresh");
        let text = format!("{builder:?}");
        assert!(!text.contains("s3cret"), "{text}");
        assert_eq!(
            builder.inner().expect("built").token_endpoint(),
            "https://api.foxycart.com/token"
        );
    }
}
