//! How a client obtains its access tokens: [`Credentials`], and the grant
//! and starting tokens each kind of credentials means.

use foxy_proto::auth::{ClientCredentials, Grant, Scope, Secret, Tokens};

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

impl Credentials {
    /// The OAuth client, the grant to run, and the tokens to start with.
    pub(super) fn into_parts(self) -> (ClientCredentials, Option<Grant>, Option<Tokens>) {
        match self {
            Credentials::RefreshToken {
                client,
                refresh_token,
            } => (client, Some(Grant::RefreshToken(refresh_token)), None),
            Credentials::ClientCredentials { client, scopes } => {
                (client, Some(Grant::ClientCredentials { scopes }), None)
            }
            Credentials::AuthorizationCode {
                client,
                code,
                redirect_uri,
            } => (
                client,
                Some(Grant::AuthorizationCode { code, redirect_uri }),
                None,
            ),
            Credentials::Tokens { tokens, client } => {
                let grant = match (&client, &tokens.refresh_token) {
                    (Some(_), Some(refresh)) => Some(Grant::RefreshToken(refresh.clone())),
                    _ => None,
                };
                let client = client.unwrap_or_else(|| ClientCredentials::new("", ""));
                (client, grant, Some(tokens))
            }
        }
    }
}
