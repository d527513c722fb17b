//! The local Foxy emulator (`foxy-sandbox`), embedded in the addon for
//! tests and demos: `await startSandbox()` serves the hypermedia API on
//! 127.0.0.1 from napi's tokio runtime until `stop()` (or until the object
//! is garbage collected).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use napi::Env;
use napi::bindgen_prelude::PromiseRaw;
use napi_derive::napi;

use foxy_sandbox::{Config, FaultSpec, Stats};

use crate::errors::{FoxyError, Outcome, promise};
use crate::number::whole_number;

/// How to start the sandbox; every part optional.
#[napi(object)]
pub struct SandboxOptions {
    /// Address to listen on (default `127.0.0.1:0`: a free port).
    pub addr: Option<String>,
    /// Random faults, for example `429=0.1,503=0.05,latency=0.1:200ms` (docs/SANDBOX.md).
    pub faults: Option<String>,
    /// Seed of the fault random source.
    pub seed: Option<f64>,
    /// Lifetime of issued access tokens, in milliseconds (default two hours).
    pub token_lifetime_ms: Option<f64>,
}

/// The request counters of a running sandbox.
#[napi(object)]
pub struct SandboxStats {
    /// Every request that reached the router.
    pub requests: f64,
    /// Requests that reached the token endpoint.
    pub token_requests: f64,
    /// Successful refresh-token grants.
    pub refresh_grants: f64,
    /// Successful client-credentials grants.
    pub client_credentials_grants: f64,
    /// POSTs to a cart (charge attempts).
    pub charge_requests: f64,
    /// Transactions created by charges.
    pub transactions_created: f64,
    /// Faults injected.
    pub faults_injected: f64,
}

impl From<Stats> for SandboxStats {
    fn from(s: Stats) -> SandboxStats {
        SandboxStats {
            requests: s.requests as f64,
            token_requests: s.token_requests as f64,
            refresh_grants: s.refresh_grants as f64,
            client_credentials_grants: s.client_credentials_grants as f64,
            charge_requests: s.charge_requests as f64,
            transactions_created: s.transactions_created as f64,
            faults_injected: s.faults_injected as f64,
        }
    }
}

/// A running sandbox with its seeded credentials.
#[napi]
pub struct Sandbox {
    base_url: String,
    credentials: foxy_sandbox::Credentials,
    store_id: i64,
    running: Arc<Mutex<Option<foxy_sandbox::Sandbox>>>,
}

#[napi]
impl Sandbox {
    /// The API home URL (`http://127.0.0.1:PORT/`).
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The seeded OAuth client id.
    #[napi(getter)]
    pub fn client_id(&self) -> String {
        self.credentials.client_id.clone()
    }

    /// The seeded OAuth client secret.
    #[napi(getter)]
    pub fn client_secret(&self) -> String {
        self.credentials.client_secret.clone()
    }

    /// The seeded refresh token.
    #[napi(getter)]
    pub fn refresh_token(&self) -> String {
        self.credentials.refresh_token.clone()
    }

    /// The store secret (cart signing, webhooks, datafeeds).
    #[napi(getter)]
    pub fn store_secret(&self) -> String {
        self.credentials.store_secret.clone()
    }

    /// The seeded store's href.
    #[napi(getter)]
    pub fn store_url(&self) -> String {
        format!(
            "{}/stores/{}",
            self.base_url.trim_end_matches('/'),
            self.store_id
        )
    }

    /// The request counters since start (or the last `resetStats`); zeros once stopped.
    #[napi]
    pub fn stats(&self) -> SandboxStats {
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        running
            .as_ref()
            .map(|sb| sb.stats())
            .unwrap_or_default()
            .into()
    }

    /// Sets the request counters back to zero.
    #[napi]
    pub fn reset_stats(&self) {
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(sb) = running.as_ref() {
            sb.reset_stats();
        }
    }

    /// Stops the server and waits for it; calling it again does nothing.
    #[napi(ts_return_type = "Promise<void>")]
    pub fn stop<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, ()>> {
        let running = self.running.clone();
        promise(env, async move {
            let sandbox = running
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            if let Some(sandbox) = sandbox {
                sandbox.shutdown().await;
            }
            Ok(())
        })
    }
}

fn config(options: Option<SandboxOptions>) -> Outcome<Config> {
    let mut config = Config::default();
    let Some(options) = options else {
        return Ok(config);
    };
    if let Some(addr) = options.addr {
        config.addr = addr
            .parse()
            .map_err(|_| FoxyError::invalid_input(format!("invalid address {addr:?}")))?;
    }
    if let Some(faults) = options.faults {
        let spec: FaultSpec = faults
            .parse()
            .map_err(|e| FoxyError::invalid_input(format!("invalid faults: {e}")))?;
        config = config.with_faults(spec);
    }
    if let Some(seed) = options.seed {
        config.seed = whole_number("seed", seed)?;
    }
    if let Some(ms) = options.token_lifetime_ms {
        config =
            config.with_token_lifetime(Duration::from_millis(whole_number("tokenLifetimeMs", ms)?));
    }
    Ok(config)
}

/// Starts a sandbox (an in-memory emulator of the Foxy API) on 127.0.0.1.
#[napi(ts_return_type = "Promise<Sandbox>")]
pub fn start_sandbox(
    env: &Env,
    options: Option<SandboxOptions>,
) -> napi::Result<PromiseRaw<'_, Sandbox>> {
    promise(env, async move {
        let sandbox = foxy_sandbox::start(config(options)?).await?;
        Ok(Sandbox {
            base_url: sandbox.base_url().to_owned(),
            credentials: sandbox.credentials().clone(),
            store_id: sandbox.store_id(),
            running: Arc::new(Mutex::new(Some(sandbox))),
        })
    })
}
