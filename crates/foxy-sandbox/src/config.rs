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
/// Default delivery attempts of webhooks and datafeeds.
pub const DEFAULT_DELIVERY_ATTEMPTS: u32 = 4;
/// Default delay before the first delivery retry.
pub const DEFAULT_DELIVERY_BACKOFF: Duration = Duration::from_secs(1);
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
    /// Whether `/cart` requires HMAC-signed product fields even when the
    /// store's `use_cart_validation` is off (default off).
    pub require_signed_carts: bool,
    /// Where the RC4 XML datafeed of each new transaction is posted (`None`: no datafeed).
    pub datafeed_url: Option<String>,
    /// Delivery attempts of each webhook and datafeed (at least 1).
    pub delivery_attempts: u32,
    /// Delay before the first retry of a delivery; doubled at each retry.
    pub delivery_backoff: Duration,
    /// Carts added to the store through the bulk path at start (see [`crate::bulk`]).
    pub seed_carts: u64,
    /// Items in each of those carts.
    pub items_per_cart: u32,
    /// Seed example transactions (two charged carts of the card customer)
    /// with their subscriptions and an inactive webhook (default off, so a
    /// new store has no transactions; `--seed-examples`).
    pub seed_examples: bool,
    /// Test support, off by default: honour the `X-Foxy-Sandbox-Panic` header
    /// (see [`crate::panics`]).
    #[doc(hidden)]
    pub test_panics: bool,
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
            require_signed_carts: false,
            datafeed_url: None,
            delivery_attempts: DEFAULT_DELIVERY_ATTEMPTS,
            delivery_backoff: DEFAULT_DELIVERY_BACKOFF,
            seed_carts: 0,
            items_per_cart: 0,
            seed_examples: false,
            test_panics: false,
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

    /// Requires signed `/cart` product fields.
    pub fn with_signed_carts(mut self, required: bool) -> Config {
        self.require_signed_carts = required;
        self
    }

    /// Posts the XML datafeed of each new transaction to `url`.
    pub fn with_datafeed_url(mut self, url: impl Into<String>) -> Config {
        self.datafeed_url = Some(url.into());
        self
    }

    /// Sets the delivery attempts and the first retry delay.
    pub fn with_delivery_retry(mut self, attempts: u32, backoff: Duration) -> Config {
        self.delivery_attempts = attempts;
        self.delivery_backoff = backoff;
        self
    }

    /// Seeds example transactions, subscriptions and a webhook (see `seed_examples`).
    pub fn with_examples(mut self, examples: bool) -> Config {
        self.seed_examples = examples;
        self
    }

    /// Sets the random fault specification.
    pub fn with_faults(mut self, faults: FaultSpec) -> Config {
        self.faults = faults;
        self
    }
}
