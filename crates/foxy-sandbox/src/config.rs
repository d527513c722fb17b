//! Sandbox configuration: address, storage, credentials, token lifetime and faults.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::faults::FaultSpec;

/// Default OAuth client id of the seeded integration.
pub const DEFAULT_CLIENT_ID: &str = "client_sandbox";
/// Default OAuth client secret of the seeded integration.
pub const DEFAULT_CLIENT_SECRET: &str = "secret_sandbox";
/// Default long-lived refresh token of the seeded integration (store scope).
pub const DEFAULT_REFRESH_TOKEN: &str = "refresh_sandbox";
/// Default store secret (the store's `webhook_key`: HMAC and legacy API key).
pub const DEFAULT_STORE_SECRET: &str = "store_secret_sandbox";
/// Access token lifetime used by the real API: two hours.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(7200);

/// The seeded credentials a client uses against the sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// OAuth `client_id`.
    pub client_id: String,
    /// OAuth `client_secret`.
    pub client_secret: String,
    /// A refresh token valid for the seeded store (`store_full_access`).
    pub refresh_token: String,
    /// The store secret (cart signing, webhooks, legacy API).
    pub store_secret: String,
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            refresh_token: DEFAULT_REFRESH_TOKEN.to_owned(),
            store_secret: DEFAULT_STORE_SECRET.to_owned(),
        }
    }
}

/// Everything [`crate::start`] needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to bind; the default `127.0.0.1:0` picks a free port.
    pub addr: SocketAddr,
    /// SQLite file; `None` keeps everything in memory.
    pub db_path: Option<PathBuf>,
    /// Lifetime of issued access tokens (`expires_in`).
    pub token_lifetime: Duration,
    /// Random faults to inject.
    pub faults: FaultSpec,
    /// Whether random faults also hit the token endpoint (header faults always do).
    pub faults_on_token: bool,
    /// Seed of the fault random source.
    pub seed: u64,
    /// Seeded OAuth client and store secret.
    pub credentials: Credentials,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db_path: None,
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            faults: FaultSpec::default(),
            faults_on_token: false,
            seed: 0,
            credentials: Credentials::default(),
        }
    }
}

impl Config {
    /// Uses a SQLite file so data survives a restart.
    pub fn with_db(mut self, path: impl Into<PathBuf>) -> Config {
        self.db_path = Some(path.into());
        self
    }

    /// Sets the access token lifetime.
    pub fn with_token_lifetime(mut self, lifetime: Duration) -> Config {
        self.token_lifetime = lifetime;
        self
    }

    /// Sets the random fault specification.
    pub fn with_faults(mut self, faults: FaultSpec) -> Config {
        self.faults = faults;
        self
    }
}
