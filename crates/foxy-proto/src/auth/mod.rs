//! OAuth 2.0 against Foxy: grants, the authorize URL, token state.
//!
//! - [`grant`]: build token requests (refresh_token, authorization_code,
//!   client_credentials) and read token responses.
//! - [`authorize`]: the browser authorize URL with scope and state.
//! - [`credentials`]: what a client is given to obtain tokens, and the grant it means.
//! - [`token`]: expiry, proactive refresh, single-flight refresh state and the
//!   [`TokenStore`] hook.
//! - [`shared`]: the token record several processes share, and who refreshes it.
//! - [`Secret`]: the redacting wrapper every token and client secret lives in.

pub mod authorize;
pub mod credentials;
pub mod exchange;
pub mod grant;
pub mod session;
pub mod shared;
pub mod token;

use std::fmt;
use std::str::FromStr;

pub use crate::secret::Secret;
pub use authorize::AuthorizeUrl;
pub use credentials::Credentials;
pub use exchange::{Exchange, needs_grant};
pub use grant::{ClientAuth, ClientCredentials, Grant, TokenError, parse_token_response};
pub use session::{Authorized, Refresher, SharedTokens, is_invalid_token};
pub use token::{Freshness, NoStore, RefreshLease, StoreRefresh, TokenState, TokenStore, Tokens};

use crate::{Rel, Resource};

/// Foxy's production API home.
pub const PRODUCTION_API: &str = "https://api.foxycart.com/";
/// Foxy's sandbox API home.
pub const SANDBOX_API: &str = "https://api-sandbox.foxycart.com/";

/// Which Foxy environment to talk to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Environment {
    /// `api.foxycart.com` / `my.foxycart.com`.
    Production,
    /// `api-sandbox.foxycart.com` / `my-sandbox.foxycart.com`.
    Sandbox,
}

impl Environment {
    /// The API home URL.
    pub fn api_home(self) -> &'static str {
        match self {
            Environment::Production => PRODUCTION_API,
            Environment::Sandbox => SANDBOX_API,
        }
    }

    /// The browser authorization endpoint.
    pub fn authorize_endpoint(self) -> &'static str {
        match self {
            Environment::Production => "https://my.foxycart.com/authorize",
            Environment::Sandbox => "https://my-sandbox.foxycart.com/authorize",
        }
    }
}

/// An OAuth scope Foxy grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `client_full_access`: manage the OAuth client, create users and stores.
    ClientFullAccess,
    /// `user_full_access`: act as a user.
    UserFullAccess,
    /// `store_full_access`: act on a store.
    StoreFullAccess,
}

impl Scope {
    /// The scope as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ClientFullAccess => "client_full_access",
            Scope::UserFullAccess => "user_full_access",
            Scope::StoreFullAccess => "store_full_access",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scope name Foxy does not define.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scope {0:?}; expected client_full_access, user_full_access or store_full_access")]
pub struct ScopeError(pub String);

impl FromStr for Scope {
    type Err = ScopeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "client_full_access" => Ok(Scope::ClientFullAccess),
            "user_full_access" => Ok(Scope::UserFullAccess),
            "store_full_access" => Ok(Scope::StoreFullAccess),
            other => Err(ScopeError(other.chars().take(40).collect())),
        }
    }
}

/// The token endpoint: the API home's `fx:token` link when the home
/// document is known, else `<base>/token`.
///
/// ```
/// use foxy_proto::auth::token_endpoint;
/// assert_eq!(token_endpoint("https://api.foxycart.com/", None), "https://api.foxycart.com/token");
/// assert_eq!(token_endpoint("https://api-sandbox.foxycart.com", None), "https://api-sandbox.foxycart.com/token");
/// ```
pub fn token_endpoint(base: &str, home: Option<&Resource>) -> String {
    if let Some(link) = home.and_then(|h| h.link(Rel::TOKEN)) {
        if let Ok(resolved) = crate::request::resolve_href(base, &link.href) {
            return resolved;
        }
    }
    format!("{}/token", base.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Link;

    #[test]
    fn token_endpoint_prefers_the_home_link() {
        let home =
            Resource::new().with_link("fx:token", Link::new("https://auth.test/oauth/token"));
        assert_eq!(
            token_endpoint("https://api.test/", Some(&home)),
            "https://auth.test/oauth/token"
        );
        assert_eq!(
            token_endpoint("https://api.test/", Some(&Resource::new())),
            "https://api.test/token"
        );
    }

    #[test]
    fn scopes_parse() {
        assert_eq!("store_full_access".parse(), Ok(Scope::StoreFullAccess));
        assert!("admin".parse::<Scope>().is_err());
    }
}
