//! Connecting to the API: the base URL and credentials (flags, `FOXY_*`
//! environment variables or a profile, see `profile`), the blocking client
//! built from them, and the mapping of client errors to exit statuses.
//!
//! Secrets are read into [`foxy::Secret`]s at once and never printed: clap
//! hides their environment values in `--help`, and no client error carries
//! a token or a client secret.

use foxy::{Client, ClientBuilder, ClientCredentials, Credentials, Error, MediaType};
use foxy::{Secret, Tokens, TransportPolicy};

use super::CliError;
use super::config_file::Profile;

/// Foxy's production API, the default `--base-url`.
pub const PRODUCTION: &str = "https://api.foxycart.com/";

/// Where the API is and how to authenticate.
#[derive(clap::Args, Debug)]
pub struct ConnectArgs {
    /// The API home URL [default: the profile's, else https://api.foxycart.com/].
    #[arg(long, env = "FOXY_BASE_URL")]
    pub base_url: Option<String>,
    /// OAuth client id.
    #[arg(long, env = "FOXY_CLIENT_ID")]
    pub client_id: Option<String>,
    /// OAuth client secret (never printed).
    #[arg(long, env = "FOXY_CLIENT_SECRET", hide_env_values = true)]
    pub client_secret: Option<String>,
    /// Refresh token (never printed); with the client id and secret, tokens are refreshed as needed.
    #[arg(long, env = "FOXY_REFRESH_TOKEN", hide_env_values = true)]
    pub refresh_token: Option<String>,
    /// A ready access token (never printed).
    #[arg(long, env = "FOXY_ACCESS_TOKEN", hide_env_values = true)]
    pub access_token: Option<String>,
    /// Allow plain http to a host that is not loopback (loopback http is always allowed).
    #[arg(long)]
    pub insecure_http: bool,
}

/// A flag's value, with empty text (an empty environment variable) treated as absent.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

impl ConnectArgs {
    /// The credentials the flags describe: an access token (refreshed when
    /// a refresh token and client are given too), a refresh token grant, or
    /// the client credentials grant. Incomplete sets are bad input.
    pub fn credentials(&self, profile: Option<&Profile>) -> Result<Credentials, CliError> {
        let flags = [
            &self.client_id,
            &self.client_secret,
            &self.refresh_token,
            &self.access_token,
        ];
        let (id, secret, refresh, access) = match profile {
            // A profile's credentials, unless a credential flag replaces them.
            Some(p) if flags.iter().all(|flag| given(flag).is_none()) => (
                p.client_id.as_deref(),
                p.client_secret.as_ref().map(Secret::expose),
                p.refresh_token.as_ref().map(Secret::expose),
                p.access_token.as_ref().map(Secret::expose),
            ),
            _ => (
                given(&self.client_id),
                given(&self.client_secret),
                given(&self.refresh_token),
                given(&self.access_token),
            ),
        };
        let client = match (id, secret) {
            (Some(id), Some(secret)) => Some(ClientCredentials::new(id, secret)),
            (None, None) => None,
            (Some(_), None) => {
                return Err(CliError::input(
                    "--client-id needs --client-secret (or FOXY_CLIENT_SECRET)",
                ));
            }
            (None, Some(_)) => {
                return Err(CliError::input(
                    "--client-secret needs --client-id (or FOXY_CLIENT_ID)",
                ));
            }
        };
        match (access, refresh, client) {
            (Some(access), refresh, client) => Ok(Credentials::Tokens {
                tokens: Tokens {
                    access_token: Secret::new(access),
                    refresh_token: refresh.map(Secret::new),
                    expires_at: None,
                    lifetime: None,
                    scope: None,
                },
                client,
            }),
            (None, Some(refresh), Some(client)) => Ok(Credentials::RefreshToken {
                client,
                refresh_token: Secret::new(refresh),
            }),
            (None, Some(_), None) => Err(CliError::input(
                "--refresh-token needs --client-id and --client-secret",
            )),
            (None, None, Some(client)) => Ok(Credentials::ClientCredentials {
                client,
                scopes: Vec::new(),
            }),
            (None, None, None) => Err(CliError::input(
                "no credentials: give --client-id, --client-secret and --refresh-token, or \
                 --access-token (or the FOXY_* environment variables), or a profile \
                 (--profile NAME, written by `foxy login`; --sandbox for the local sandbox)",
            )),
        }
    }

    /// Forgets the credentials that came from their `FOXY_*` variables (a
    /// value equal to its variable's), keeping those given as flags: a
    /// profile named on the command line beats the environment, and a
    /// credential flag beats the profile.
    pub fn drop_env_credentials(&mut self) {
        for (value, var) in [
            (&mut self.client_id, "FOXY_CLIENT_ID"),
            (&mut self.client_secret, "FOXY_CLIENT_SECRET"),
            (&mut self.refresh_token, "FOXY_REFRESH_TOKEN"),
            (&mut self.access_token, "FOXY_ACCESS_TOKEN"),
        ] {
            if value.is_some() && std::env::var(var).ok() == *value {
                *value = None;
            }
        }
    }

    /// The base URL: `--base-url`, else the profile's, else production.
    pub fn base_url<'a>(&'a self, profile: Option<&'a Profile>) -> &'a str {
        given(&self.base_url)
            .or_else(|| profile.and_then(|p| p.base_url.as_deref()))
            .unwrap_or(PRODUCTION)
    }

    /// The blocking client for `profile` (if any), asking for responses in `media`.
    pub fn client(&self, media: MediaType, profile: Option<&Profile>) -> Result<Client, CliError> {
        ClientBuilder::new()
            .base_url(self.base_url(profile))
            .credentials(self.credentials(profile)?)
            .media_type(media)
            .transport_policy(TransportPolicy {
                allow_insecure_http: self.insecure_http,
            })
            .user_agent_suffix(concat!("foxy-cli/", env!("CARGO_PKG_VERSION")))
            .transport(super::cassette::transport())
            .build()
            .map_err(api_error)
    }
}

/// Maps a client error to the command's error: input the client refused
/// before sending (a bad URL, a refused plain-http host) is bad input
/// (status 2); everything that happened while talking to the API is a
/// failure (status 1). API errors carry their status, `fx:errors` messages
/// and logrefs.
pub fn api_error(err: Error) -> CliError {
    let one_line = |text: String| text.replace(['\r', '\n'], " ");
    match err {
        // "API error 404 Not Found: message (logref ...); message..."
        Error::Api(api) => CliError::failure(one_line(api.to_string())),
        Error::Auth(auth) => CliError::failure(one_line(format!("authentication failed: {auth}"))),
        Error::Input(_)
        | Error::Policy(_)
        | Error::InvalidBaseUrl { .. }
        | Error::InvalidTokenEndpoint { .. }
        | Error::UnsupportedMediaType(_)
        | Error::NoCredentials => CliError::input(one_line(err.to_string())),
        other => CliError::failure(one_line(other.to_string())),
    }
}
