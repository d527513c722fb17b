//! Shared server state and the test-support counters.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::config::Config;
use crate::db::Db;
use crate::faults::Faults;

/// State shared by every request (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

/// What [`AppState`] holds.
pub struct Inner {
    /// The database.
    pub db: Db,
    /// The configuration the sandbox started with.
    pub config: Config,
    /// Request counters.
    pub counters: Counters,
    /// The fault injector.
    pub faults: Faults,
    /// The bound address (fallback host for hrefs).
    pub bound: SocketAddr,
    /// The seeded store's id.
    pub store_id: i64,
    /// The seeded user's id.
    pub user_id: i64,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// Counters the client tests assert on (see `GET /_sandbox/stats`).
#[derive(Debug, Default)]
pub struct Counters {
    /// Every request that reached the router.
    pub requests: AtomicU64,
    /// Requests that reached the token endpoint's handler.
    pub token_requests: AtomicU64,
    /// Successful `refresh_token` grants.
    pub refresh_grants: AtomicU64,
    /// Successful `client_credentials` grants.
    pub client_credentials_grants: AtomicU64,
    /// Successful `authorization_code` grants.
    pub authorization_code_grants: AtomicU64,
    /// POSTs to a cart (charge attempts) that reached the handler.
    pub charge_requests: AtomicU64,
    /// Transactions created by charges since start.
    pub transactions_created: AtomicU64,
    /// Faults injected.
    pub faults_injected: AtomicU64,
}

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Every request that reached the router.
    pub requests: u64,
    /// Requests that reached the token endpoint's handler.
    pub token_requests: u64,
    /// Successful `refresh_token` grants.
    pub refresh_grants: u64,
    /// Successful `client_credentials` grants.
    pub client_credentials_grants: u64,
    /// Successful `authorization_code` grants.
    pub authorization_code_grants: u64,
    /// POSTs to a cart (charge attempts).
    pub charge_requests: u64,
    /// Transactions created by charges since start.
    pub transactions_created: u64,
    /// Faults injected.
    pub faults_injected: u64,
}

impl Counters {
    /// Adds one to a counter.
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Reads every counter.
    pub fn snapshot(&self) -> Stats {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        Stats {
            requests: get(&self.requests),
            token_requests: get(&self.token_requests),
            refresh_grants: get(&self.refresh_grants),
            client_credentials_grants: get(&self.client_credentials_grants),
            authorization_code_grants: get(&self.authorization_code_grants),
            charge_requests: get(&self.charge_requests),
            transactions_created: get(&self.transactions_created),
            faults_injected: get(&self.faults_injected),
        }
    }

    /// Sets every counter back to zero.
    pub fn reset(&self) {
        for c in [
            &self.requests,
            &self.token_requests,
            &self.refresh_grants,
            &self.client_credentials_grants,
            &self.authorization_code_grants,
            &self.charge_requests,
            &self.transactions_created,
            &self.faults_injected,
        ] {
            c.store(0, Ordering::Relaxed);
        }
    }
}

impl Stats {
    /// The snapshot as named pairs, in a stable order.
    pub fn pairs(&self) -> [(&'static str, u64); 8] {
        [
            ("requests", self.requests),
            ("token_requests", self.token_requests),
            ("refresh_grants", self.refresh_grants),
            ("client_credentials_grants", self.client_credentials_grants),
            ("authorization_code_grants", self.authorization_code_grants),
            ("charge_requests", self.charge_requests),
            ("transactions_created", self.transactions_created),
            ("faults_injected", self.faults_injected),
        ]
    }
}
