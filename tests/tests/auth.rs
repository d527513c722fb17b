//! Tokens against the sandbox: the first grant, refresh when the token
//! nears expiry mid-run, single-flight refresh under 64 concurrent calls,
//! rejected tokens, and the other grants.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use foxy::proto::auth::token::refresh_margin;
use foxy::{
    ClientBuilder, ClientCredentials, Credentials, Error, MediaType, Query, Secret, Tokens,
};
use foxy_integration_tests::{asynchronous, background, builder, quick_retries};
use foxy_sandbox::Config;

/// Tokens that expired an hour ago, with the sandbox's refresh token.
fn expired(credentials: &foxy_sandbox::Credentials) -> Credentials {
    Credentials::Tokens {
        tokens: Tokens {
            access_token: Secret::new("expired-access-token"),
            refresh_token: Some(Secret::new(credentials.refresh_token.clone())),
            expires_at: SystemTime::now().checked_sub(Duration::from_secs(3600)),
            lifetime: None,
            scope: None,
        },
        client: Some(ClientCredentials::new(
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
        )),
    }
}

#[test]
fn token_expiring_mid_run_is_refreshed_proactively() {
    // Issued tokens live 4 s; their margin is half of that: fresh for 2 s, then refreshed.
    let lifetime = Duration::from_secs(4);
    assert_eq!(refresh_margin(lifetime), Duration::from_secs(2));
    let config = Config::default().with_token_lifetime(lifetime);
    let sandbox = background(config);
    let client = builder(
        sandbox.base_url(),
        sandbox.credentials(),
        MediaType::HalJson,
    )
    .build()
    .expect("client");
    let started = std::time::Instant::now();
    let mut calls = 0;
    while started.elapsed() < Duration::from_millis(4500) {
        client
            .carts()
            .list(Query::new())
            .expect("every call succeeds");
        calls += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    let stats = sandbox.stats();
    assert!(calls > 20);
    assert!(
        (2..=4).contains(&stats.refresh_grants),
        "one grant at start, one or two when the token neared expiry: {stats:?}"
    );
}

#[test]
fn sixty_four_threads_refresh_once() {
    let sandbox = background(Config::default());
    let client = ClientBuilder::new()
        .base_url(sandbox.base_url())
        .credentials(expired(sandbox.credentials()))
        .retry_policy(quick_retries())
        .build()
        .expect("client");
    let threads: Vec<_> = (0..64)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || client.home().map(|_| ()))
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread").expect("call");
    }
    assert_eq!(sandbox.stats().refresh_grants, 1, "{:?}", sandbox.stats());
    assert_eq!(sandbox.stats().token_requests, 1);
}

#[test]
fn sixty_four_tasks_refresh_once() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sandbox = foxy_sandbox::start(Config::default())
            .await
            .expect("sandbox");
        // First grant from a refresh token alone, also single-flight.
        let client = asynchronous(
            sandbox.base_url(),
            sandbox.credentials(),
            MediaType::HalJson,
        );
        let tasks: Vec<_> = (0..64)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    client
                        .follow("fx:store")
                        .get(Query::new())
                        .await
                        .map(|_| ())
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("task").expect("call");
        }
        assert_eq!(sandbox.stats().refresh_grants, 1, "{:?}", sandbox.stats());
        // Then an expired token shared by 64 tasks.
        sandbox.reset_stats();
        let client = ClientBuilder::new()
            .base_url(sandbox.base_url())
            .credentials(expired(sandbox.credentials()))
            .build_async()
            .expect("client");
        let tasks: Vec<_> = (0..64)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move { client.home().await.map(|_| ()) })
            })
            .collect();
        for task in tasks {
            task.await.expect("task").expect("call");
        }
        assert_eq!(sandbox.stats().refresh_grants, 1, "{:?}", sandbox.stats());
        sandbox.shutdown().await;
    });
}

#[test]
fn a_rejected_token_is_refreshed_and_the_call_replayed_once() {
    let sandbox = background(Config::default());
    let creds = sandbox.credentials();
    let mut credentials = expired(creds);
    if let Credentials::Tokens { tokens, .. } = &mut credentials {
        tokens.expires_at = None; // looks fresh, but the sandbox never issued it
    }
    let client = ClientBuilder::new()
        .base_url(sandbox.base_url())
        .credentials(credentials)
        .build()
        .expect("client");
    client
        .carts()
        .list(Query::new())
        .expect("replayed after a refresh");
    assert_eq!(sandbox.stats().refresh_grants, 1);

    // A bare token the API rejects, with no way to refresh: an auth error.
    let client = ClientBuilder::new()
        .base_url(sandbox.base_url())
        .access_token("not-a-token")
        .build()
        .expect("client");
    let err = client.home().map(|_| ());
    let err = client
        .carts()
        .list(Query::new())
        .map(|_| ())
        .or(err)
        .expect_err("rejected");
    assert!(matches!(err, Error::Auth(_) | Error::Api(_)), "{err:?}");
}

#[test]
fn bad_credentials_are_an_auth_error_without_secrets() {
    let sandbox = background(Config::default());
    let client = ClientBuilder::new()
        .base_url(sandbox.base_url())
        .refresh_token("client_sandbox", "wrong-s3cret", "wrong-r3fresh")
        .build()
        .expect("client");
    let err = client.home().expect_err("refused");
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    let text = format!("{err} {err:?}");
    assert!(
        !text.contains("s3cret") && !text.contains("r3fresh"),
        "{text}"
    );
}

#[test]
fn client_credentials_and_authorization_code_grants() {
    let sandbox = background(Config::default());
    let creds = sandbox.credentials();
    let client = ClientBuilder::new()
        .base_url(sandbox.base_url())
        .client_credentials(
            creds.client_id.clone(),
            creds.client_secret.clone(),
            Vec::new(),
        )
        .build()
        .expect("client");
    client.home().expect("home with a client_credentials token");
    assert_eq!(sandbox.stats().client_credentials_grants, 1);

    // The sandbox's authorize endpoint approves at once and redirects with a code.
    let redirect = "https://app.test/callback";
    let url = foxy::proto::auth::AuthorizeUrl::with_endpoint(
        &format!("{}/authorize", sandbox.base_url()),
        &creds.client_id,
        redirect,
    )
    .state("xyz")
    .build();
    let transport = foxy::UreqTransport::default();
    let answer = foxy::Transport::send(
        &transport,
        http::Request::get(url).body(Vec::new()).expect("request"),
    )
    .expect("redirect");
    let location = answer.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let code = location
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("code="))
        .expect("a code")
        .to_owned();
    let saved = Arc::new(Saved::default());
    let client = ClientBuilder::new()
        .base_url(sandbox.base_url())
        .authorization_code(
            creds.client_id.clone(),
            creds.client_secret.clone(),
            code,
            redirect,
        )
        .token_store(saved.clone())
        .build()
        .expect("client");
    client
        .carts()
        .list(Query::new())
        .expect("carts with the exchanged token");
    assert_eq!(sandbox.stats().authorization_code_grants, 1);
    let stored = saved.0.lock().expect("lock").clone().expect("saved tokens");
    assert!(stored.refresh_token.is_some());

    // A new client loads the saved tokens: no grant at all.
    let again = ClientBuilder::new()
        .base_url(sandbox.base_url())
        .token_store(saved)
        .build()
        .expect("client from the store");
    again.home().expect("home");
    assert_eq!(sandbox.stats().authorization_code_grants, 1);
}

/// A token store in memory.
#[derive(Default)]
struct Saved(std::sync::Mutex<Option<Tokens>>);

impl foxy::TokenStore for Saved {
    fn load(&self) -> Option<Tokens> {
        self.0.lock().ok().and_then(|t| t.clone())
    }

    fn save(&self, tokens: &Tokens) -> Result<(), foxy::proto::auth::token::TokenStoreError> {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(tokens.clone());
        }
        Ok(())
    }
}
