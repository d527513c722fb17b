//! Shared setup for the integration tests: a sandbox on 127.0.0.1 and
//! clients of both kinds pointed at it, with small retry delays.

use std::time::Duration;

use foxy::model::{Cart, Item};
use foxy::{AsyncClient, Client, ClientBuilder, Error, MediaType, Query, RetryPolicy};
use foxy_sandbox::{BackgroundSandbox, Config, Sandbox};

/// A retry policy for tests: 8 attempts, back-off from 10 ms capped at 100 ms.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 8,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(100),
        deadline: Duration::from_secs(30),
    }
}

/// A builder for a client of `sandbox`'s seeded integration (refresh token).
pub fn builder(
    base_url: &str,
    credentials: &foxy_sandbox::Credentials,
    media: MediaType,
) -> ClientBuilder {
    ClientBuilder::new()
        .base_url(base_url)
        .refresh_token(
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
            credentials.refresh_token.clone(),
        )
        .media_type(media)
        .retry_policy(quick_retries())
        .user_agent_suffix("foxy-integration-tests")
}

/// A sandbox on its own thread, for blocking tests.
pub fn background(config: Config) -> BackgroundSandbox {
    match Sandbox::start_background(config) {
        Ok(sandbox) => sandbox,
        Err(e) => panic!("cannot start the sandbox: {e}"),
    }
}

/// A blocking client of a background sandbox.
pub fn blocking(sandbox: &BackgroundSandbox, media: MediaType) -> Client {
    match builder(sandbox.base_url(), sandbox.credentials(), media).build() {
        Ok(client) => client,
        Err(e) => panic!("cannot build the client: {e}"),
    }
}

/// An async client of a sandbox.
pub fn asynchronous(
    base_url: &str,
    credentials: &foxy_sandbox::Credentials,
    media: MediaType,
) -> AsyncClient {
    match builder(base_url, credentials, media).build_async() {
        Ok(client) => client,
        Err(e) => panic!("cannot build the client: {e}"),
    }
}

/// Email of the seeded customer whose card charges.
pub const CUSTOMER_WITH_CARD: &str = foxy_sandbox::seed::CUSTOMER_WITH_CARD;

/// Tries a setup step that is not retried by the client (a POST after a
/// fault) up to `attempts` times; panics with the last error.
pub fn eventually<T>(attempts: usize, mut attempt: impl FnMut() -> Result<T, Error>) -> T {
    let mut last = None;
    for _ in 0..attempts {
        match attempt() {
            Ok(value) => return value,
            Err(e) => last = Some(e),
        }
    }
    panic!("setup kept failing: {last:?}")
}

/// A fresh cart with one item, ready to charge; its creation is tried up
/// to `attempts` times (the GET and PUT are retried by the client).
pub fn chargeable(client: &Client, attempts: usize) -> Cart {
    let href = eventually(attempts, || client.carts().create(&Cart::new()));
    let mut cart = client
        .carts()
        .get(&href, Query::new())
        .expect("GET is retried");
    cart.items.push(Item::new("Sprocket", 3, 1));
    client.carts().put(&cart).expect("PUT is retried")
}
