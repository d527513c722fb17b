//! Shared setup for the integration tests: a sandbox on 127.0.0.1 and
//! clients of both kinds pointed at it, with small retry delays.

use std::time::Duration;

use foxy::{AsyncClient, Client, ClientBuilder, MediaType, RetryPolicy};
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
