//! The authorize URL a user opens in a browser (authorization code grant).

use crate::form;

use super::{Environment, Scope};

/// Builds `https://my.foxycart.com/authorize?response_type=code&...`.
///
/// ```
/// use foxy_proto::auth::{AuthorizeUrl, Environment, Scope};
/// let url = AuthorizeUrl::new(Environment::Sandbox, "client_1", "https://app.test/cb")
///     .scope(Scope::StoreFullAccess)
///     .state("xyz")
///     .build();
/// assert_eq!(
///     url,
///     "https://my-sandbox.foxycart.com/authorize?response_type=code&client_id=client_1\
///      &redirect_uri=https%3A%2F%2Fapp.test%2Fcb&scope=store_full_access&state=xyz"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizeUrl {
    endpoint: String,
    client_id: String,
    redirect_uri: String,
    scopes: Vec<Scope>,
    state: Option<String>,
}

impl AuthorizeUrl {
    /// An authorize URL for the environment's endpoint.
    pub fn new(env: Environment, client_id: &str, redirect_uri: &str) -> AuthorizeUrl {
        AuthorizeUrl::with_endpoint(env.authorize_endpoint(), client_id, redirect_uri)
    }

    /// An authorize URL for another endpoint.
    pub fn with_endpoint(endpoint: &str, client_id: &str, redirect_uri: &str) -> AuthorizeUrl {
        AuthorizeUrl {
            endpoint: endpoint.to_owned(),
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            scopes: Vec::new(),
            state: None,
        }
    }

    /// Asks for a scope (may be given several times).
    pub fn scope(mut self, scope: Scope) -> AuthorizeUrl {
        if !self.scopes.contains(&scope) {
            self.scopes.push(scope);
        }
        self
    }

    /// The opaque state echoed back to the redirect URI (CSRF protection):
    /// the caller generates it from its own randomness.
    pub fn state(mut self, state: &str) -> AuthorizeUrl {
        self.state = Some(state.to_owned());
        self
    }

    /// The URL.
    pub fn build(&self) -> String {
        let scope = self
            .scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mut pairs = vec![
            ("response_type", "code"),
            ("client_id", self.client_id.as_str()),
            ("redirect_uri", self.redirect_uri.as_str()),
        ];
        if !scope.is_empty() {
            pairs.push(("scope", scope.as_str()));
        }
        if let Some(state) = &self.state {
            pairs.push(("state", state.as_str()));
        }
        let sep = if self.endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{sep}{}", self.endpoint, form::encode(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_with_two_scopes() {
        let url = AuthorizeUrl::new(Environment::Production, "c", "https://a.test/")
            .scope(Scope::UserFullAccess)
            .scope(Scope::StoreFullAccess)
            .scope(Scope::UserFullAccess)
            .build();
        assert_eq!(
            url,
            "https://my.foxycart.com/authorize?response_type=code&client_id=c\
             &redirect_uri=https%3A%2F%2Fa.test%2F&scope=user_full_access+store_full_access"
        );
    }
}
