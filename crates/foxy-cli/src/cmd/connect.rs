//! Connecting to the API: the base URL and credentials (flags or `FOXY_*`
//! environment variables), the blocking client built from them, and the
//! mapping of client errors to exit statuses.
//!
//! Secrets are read into [`foxy::Secret`]s at once and never printed: clap
//! hides their environment values in `--help`, and no client error carries
//! a token or a client secret.

use foxy::{Client, ClientBuilder, ClientCredentials, Credentials, Error, MediaType};
use foxy::{Secret, Tokens, TransportPolicy};

use super::CliError;

/// Foxy's production API, the default `--base-url`.
pub const PRODUCTION: &str = "https://api.foxycart.com/";

/// Where the API is and how to authenticate.
#[derive(clap::Args, Debug)]
pub struct ConnectArgs {
    /// The API home URL.
    #[arg(long, env = "FOXY_BASE_URL", default_value = PRODUCTION)]
    pub base_url: String,
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
    pub fn credentials(&self) -> Result<Credentials, CliError> {
        let id = given(&self.client_id);
        let secret = given(&self.client_secret);
        let refresh = given(&self.refresh_token);
        let access = given(&self.access_token);
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
                 --access-token (or the FOXY_* environment variables)",
            )),
        }
    }

    /// The blocking client, asking for responses in `media`.
    pub fn client(&self, media: MediaType) -> Result<Client, CliError> {
        ClientBuilder::new()
            .base_url(self.base_url.as_str())
            .credentials(self.credentials()?)
            .media_type(media)
            .transport_policy(TransportPolicy {
                allow_insecure_http: self.insecure_http,
            })
            .user_agent_suffix(concat!("foxy-cli/", env!("CARGO_PKG_VERSION")))
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
        Error::Input(_) | Error::Policy(_) | Error::Config(_) => {
            CliError::input(one_line(err.to_string()))
        }
        other => CliError::failure(one_line(other.to_string())),
    }
}
