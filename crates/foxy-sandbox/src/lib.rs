//! A stateful local emulator of the Foxy.io hypermedia API (hAPI) over real HTTP.
//!
//! [`start`] binds `127.0.0.1` (port 0 by default), seeds a store on first
//! start and serves the API home, OAuth token endpoint, store, carts, items,
//! customers, transactions and more in HAL+JSON, HAL+XML and Siren, backed by
//! SQLite. [`Sandbox::start_background`] runs one on its own runtime for
//! synchronous tests. See docs/SANDBOX.md.
//!
//! ```no_run
//! # async fn demo() -> Result<(), foxy_sandbox::Error> {
//! let sandbox = foxy_sandbox::start(foxy_sandbox::Config::default()).await?;
//! println!("{} {}", sandbox.base_url(), sandbox.credentials().refresh_token);
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

pub mod auth;
pub mod body;
pub mod bulk;
pub mod charge;
pub mod cli;
pub mod config;
pub mod dates;
pub mod db;
pub mod delivery;
pub mod described;
pub mod edge;
pub mod engine;
pub mod error;
pub mod faults;
pub mod feed;
pub mod input;
pub mod kinds;
pub mod legacy;
pub mod limits;
pub mod links;
pub mod narrow;
pub mod panics;
pub mod present;
pub mod query;
pub mod render;
pub mod routes;
pub mod seed;
pub mod server;
pub mod sessions;
pub mod state;
pub mod subscriptions;
pub mod wire;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use config::{Config, Credentials};
pub use error::{ApiError, Error};
pub use faults::{Fault, FaultSpec};
pub use state::Stats;

use state::{AppState, Counters, Inner};

/// A running sandbox. Dropping it stops the server (without waiting).
pub struct Sandbox {
    base_url: String,
    addr: SocketAddr,
    state: AppState,
    shutdown: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// Starts a sandbox on `config.addr`, seeding its database on first start.
pub async fn start(config: Config) -> Result<Sandbox, Error> {
    let db = db::Db::open(config.db_path.as_deref())?;
    let seeded = db
        .run_blocking(|conn| seed::ensure(conn, &config))
        .map_err(|e| Error::Seed(e.message))?;
    db.run_blocking(|conn| described::seed::ensure(conn, seeded, config.seed_examples))
        .map_err(|e| Error::Seed(e.message))?;
    if config.seed_carts > 0 {
        bulk::seed(
            &db,
            seeded.store_id,
            config.seed_carts,
            config.items_per_cart,
        )?;
    }
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let faults = faults::Faults::new(config.faults.clone(), config.seed);
    let state = AppState(Arc::new(Inner {
        db,
        config,
        counters: Counters::default(),
        faults,
        bound: addr,
        store_id: seeded.store_id,
        user_id: seeded.user_id,
    }));
    let app = routes::router(state.clone());
    let (tx, rx) = watch::channel(false);
    let task = tokio::spawn(server::serve(listener, app, rx));
    Ok(Sandbox {
        base_url: format!("http://{addr}"),
        addr,
        state,
        shutdown: tx,
        task: Some(task),
    })
}

impl Sandbox {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The seeded OAuth client, refresh token and store secret.
    pub fn credentials(&self) -> &Credentials {
        &self.state.config.credentials
    }

    /// Id of the seeded store.
    pub fn store_id(&self) -> i64 {
        self.state.store_id
    }

    /// The request counters (token endpoint hits, charges...).
    pub fn stats(&self) -> Stats {
        self.state.counters.snapshot()
    }

    /// Sets the counters back to zero.
    pub fn reset_stats(&self) {
        self.state.counters.reset();
    }

    /// A summary to print on start: URL, credentials, seeded store, then
    /// [`Sandbox::env_block`] after a blank line.
    pub fn banner(&self) -> String {
        format!("{}\n\n{}", self.summary(), self.env_block())
    }

    /// Shell lines a user can paste to point the `foxy` CLI at this sandbox:
    /// `export FOXY_BASE_URL=... FOXY_CLIENT_ID=... FOXY_CLIENT_SECRET=...
    /// FOXY_REFRESH_TOKEN=...` and an example `foxy get fx:store`.
    pub fn env_block(&self) -> String {
        let c = self.credentials();
        format!(
            "  export FOXY_BASE_URL={} FOXY_CLIENT_ID={} FOXY_CLIENT_SECRET={} FOXY_REFRESH_TOKEN={}\n  foxy get fx:store",
            cli::shell_word(&self.base_url),
            cli::shell_word(&c.client_id),
            cli::shell_word(&c.client_secret),
            cli::shell_word(&c.refresh_token),
        )
    }

    /// The URL, credentials and seeded store, one per line.
    pub fn summary(&self) -> String {
        let c = self.credentials();
        format!(
            "foxy-sandbox listening on {}\n  client_id:     {}\n  client_secret: {}\n  refresh_token: {}\n  store_secret:  {}\n  store:         {}/stores/{}\n  customers:     {} (card charges), {} (no card), {} (card declined)",
            self.base_url,
            c.client_id,
            c.client_secret,
            c.refresh_token,
            c.store_secret,
            self.base_url,
            self.state.store_id,
            seed::CUSTOMER_WITH_CARD,
            seed::CUSTOMER_WITHOUT_CARD,
            seed::CUSTOMER_DECLINED_CARD
        )
    }

    /// Stops accepting, closes connections and waits for the server task.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Starts a sandbox on a runtime of its own thread, for synchronous code.
    pub fn start_background(config: Config) -> Result<BackgroundSandbox, Error> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("foxy-sandbox".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(Error::Io(e)));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match start(config).await {
                        Ok(sandbox) => {
                            let info = (
                                sandbox.base_url.clone(),
                                sandbox.addr,
                                sandbox.state.clone(),
                            );
                            let _ = ready_tx.send(Ok(info));
                            let _ = stop_rx.await;
                            sandbox.shutdown().await;
                        }
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                        }
                    }
                });
            })?;
        let (base_url, addr, state) = ready_rx
            .recv()
            .map_err(|_| Error::Seed("sandbox thread ended before starting".into()))??;
        Ok(BackgroundSandbox {
            base_url,
            addr,
            state,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// A sandbox running on its own thread and runtime; dropping it stops it and waits.
pub struct BackgroundSandbox {
    base_url: String,
    addr: SocketAddr,
    state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundSandbox {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The seeded OAuth client, refresh token and store secret.
    pub fn credentials(&self) -> &Credentials {
        &self.state.config.credentials
    }

    /// Id of the seeded store.
    pub fn store_id(&self) -> i64 {
        self.state.store_id
    }

    /// The request counters.
    pub fn stats(&self) -> Stats {
        self.state.counters.snapshot()
    }

    /// Sets the counters back to zero.
    pub fn reset_stats(&self) {
        self.state.counters.reset();
    }

    /// Stops the server and waits for its thread.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for BackgroundSandbox {
    fn drop(&mut self) {
        self.stop_now();
    }
}
