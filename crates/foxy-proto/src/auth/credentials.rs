//! How a client obtains its access tokens: [`Credentials`], and the grant
//! and starting tokens each kind of credentials means
//! ([`Credentials::into_grant`]).

use super::{ClientCredentials, Grant, Scope, Secret, Tokens};

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
    /// The OAuth client, the grant to run when there is no usable token,
    /// and the tokens to start with. Tokens with a refresh token and a
    /// client are refreshed with the refresh-token grant; without either,
    /// they are used until the API rejects them.
    pub fn into_grant(self) -> (ClientCredentials, Option<Grant>, Option<Tokens>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_credentials_means_one_grant() {
        let client = ClientCredentials::new("id", "secret");
        let (_, grant, tokens) = Credentials::RefreshToken {
            client: client.clone(),
            refresh_token: Secret::new("r"),
        }
        .into_grant();
        assert!(matches!(grant, Some(Grant::RefreshToken(_))) && tokens.is_none());
        let ready = Tokens {
            access_token: Secret::new("a"),
            refresh_token: Some(Secret::new("r")),
            expires_at: None,
            lifetime: None,
            scope: None,
        };
        let with_client = Credentials::Tokens {
            tokens: ready.clone(),
            client: Some(client),
        };
        assert!(matches!(
            with_client.into_grant().1,
            Some(Grant::RefreshToken(_))
        ));
        let (_, grant, tokens) = Credentials::Tokens {
            tokens: ready,
            client: None,
        }
        .into_grant();
        assert!(grant.is_none() && tokens.is_some());
    }
}
