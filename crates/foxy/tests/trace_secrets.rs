//! No secret reaches the logs, whatever the filter: a subscriber at
//! `trace` for every target, with `log` records bridged into it (as
//! tracing-subscriber does with its tracing-log feature), captures what
//! both clients and their HTTP libraries emit while they get a token,
//! read the store (its `webhook_key`) and page through carts.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use foxy::proto::auth::token::TokenStoreError;
use foxy::{AsyncClient, Client, ClientBuilder, Query, TokenStore, Tokens};
use foxy_sandbox::{BackgroundSandbox, Config, Credentials, Sandbox};

/// Everything logged by every test of this binary.
static CAPTURED: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the global subscriber (and the `log` bridge) once.
fn captured() -> Arc<Mutex<Vec<u8>>> {
    CAPTURED
        .get_or_init(|| {
            let buffer = Arc::new(Mutex::new(Vec::new()));
            let writer = Capture(buffer.clone());
            tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_thread_names(true)
                .with_writer(move || writer.clone())
                .try_init()
                .expect("the only subscriber of this test binary");
            assert_eq!(log::max_level(), log::LevelFilter::Trace, "log is bridged");
            buffer
        })
        .clone()
}

/// What the calling thread logged (the tests run in parallel; each
/// thread is named after its test, and both clients send on it).
fn text() -> String {
    let buffer = captured();
    let bytes = buffer
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let name = std::thread::current().name().unwrap_or_default().to_owned();
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|line| line.contains(&format!(" {name} ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keeps the tokens the client obtained, to look for them in the logs.
#[derive(Default)]
struct Seen(Mutex<Vec<String>>);

impl TokenStore for Seen {
    fn load(&self) -> Option<Tokens> {
        None
    }

    fn save(&self, tokens: &Tokens) -> Result<(), TokenStoreError> {
        self.0
            .lock()
            .map_err(|_| TokenStoreError("poisoned".into()))?
            .push(tokens.access_token.expose().to_owned());
        Ok(())
    }
}

fn sandbox() -> BackgroundSandbox {
    let config = Config {
        credentials: Credentials {
            client_id: "client-id-trace-test".to_owned(),
            client_secret: "CLIENT-SECRET-b8e41f07".to_owned(),
            refresh_token: "REFRESH-TOKEN-5c93d2aa".to_owned(),
            store_secret: "STORE-SECRET-WEBHOOK-KEY-0e7d61".to_owned(),
        },
        ..Config::default()
    };
    Sandbox::start_background(config).expect("sandbox")
}

fn builder(sandbox: &BackgroundSandbox, store: Arc<Seen>) -> ClientBuilder {
    let c = sandbox.credentials();
    ClientBuilder::new()
        .base_url(sandbox.base_url())
        .refresh_token(
            c.client_id.clone(),
            c.client_secret.clone(),
            c.refresh_token.clone(),
        )
        .token_store(store)
}

/// The secrets of `sandbox` and the access tokens `store` saw.
fn secrets(sandbox: &BackgroundSandbox, store: &Seen) -> Vec<String> {
    let c = sandbox.credentials();
    let mut all = vec![
        c.client_secret.clone(),
        c.refresh_token.clone(),
        c.store_secret.clone(),
    ];
    all.extend(store.0.lock().expect("lock").iter().cloned());
    assert!(all.len() > 3, "a token was issued");
    all
}

fn assert_no_secret(secrets: &[String]) {
    let logged = text();
    assert!(
        logged.contains("foxy.request") && logged.contains("authorization: ****"),
        "the capture works: {logged}"
    );
    assert_absent("the logs", &logged, secrets);
}

/// No secret of `secrets` is in `said`, not even in pieces (as in a
/// 16-bytes-a-row dump of the wire).
fn assert_absent(what: &str, said: &str, secrets: &[String]) {
    for secret in secrets {
        assert!(!secret.is_empty());
        assert!(
            !said.contains(secret.as_str()),
            "{secret} is in {what}:\n{said}"
        );
        let chars: Vec<char> = secret.chars().collect();
        for piece in chars.windows(8) {
            let piece: String = piece.iter().collect();
            assert!(
                !said.contains(&piece),
                "part of {secret} is in {what} ({piece}):\n{said}"
            );
        }
    }
}

#[test]
fn the_blocking_client_logs_no_secret_at_trace() {
    captured();
    let sandbox = sandbox();
    let store = Arc::new(Seen::default());
    let client: Client = builder(&sandbox, store.clone()).build().expect("client");
    let shop = client.follow("fx:store").get(Query::new()).expect("store");
    let key = shop.property("webhook_key").and_then(|v| v.as_str());
    assert_eq!(key, Some(sandbox.credentials().store_secret.as_str()));
    client.carts().list(Query::new()).expect("carts");
    assert!(text().contains("ureq"), "ureq's `log` records are captured");
    assert_no_secret(&secrets(&sandbox, &store));
}

#[test]
fn the_async_client_logs_no_secret_at_trace() {
    captured();
    let sandbox = sandbox();
    let store = Arc::new(Seen::default());
    let client: AsyncClient = builder(&sandbox, store.clone())
        .build_async()
        .expect("client");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let shop = client
            .follow("fx:store")
            .get(Query::new())
            .await
            .expect("store");
        let key = shop.property("webhook_key").and_then(|v| v.as_str());
        assert_eq!(key, Some(sandbox.credentials().store_secret.as_str()));
        client.carts().list(Query::new()).await.expect("carts");
    });
    assert_no_secret(&secrets(&sandbox, &store));
}

/// Everything an error says: its text, its debug form and its chain of sources.
fn everything_said(error: &(dyn std::error::Error + 'static)) -> String {
    let mut said = format!("{error}\n{error:?}");
    let mut source = error.source();
    while let Some(cause) = source {
        said.push_str(&format!("\n{cause}\n{cause:?}"));
        source = cause.source();
    }
    said
}

/// Distinctive secrets that no failure may repeat.
const WRONG_SECRET: &str = "WRONG-CLIENT-SECRET-61c7a2e9";
const WRONG_REFRESH: &str = "WRONG-REFRESH-TOKEN-f38d05b4";
const FORGED_ACCESS: &str = "FORGED-ACCESS-TOKEN-2e9c14a7";
const WRONG_STORE_SECRET: &str = "WRONG-STORE-SECRET-d0a6b3f5";

fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[test]
fn no_failure_says_a_secret_in_its_error_or_the_logs() {
    use foxy::legacy::LegacyClient;
    use foxy::transport::UreqTransport;
    use foxy::{RetryPolicy, Secret};
    use std::time::Duration;

    captured();
    let sandbox = sandbox();
    let failing = Sandbox::start_background(Config {
        credentials: sandbox.credentials().clone(),
        ..Config::default().with_faults("500=1.0".parse().expect("fault spec"))
    })
    .expect("failing sandbox");
    let c = sandbox.credentials();
    let quick = RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(10),
        deadline: Duration::from_secs(5),
    };
    let with = |base: &str, build: fn(ClientBuilder) -> ClientBuilder| {
        build(
            ClientBuilder::new()
                .base_url(base)
                .retry_policy(quick.clone()),
        )
    };
    let refused = format!("http://127.0.0.1:{}/", closed_port());
    let cases: Vec<(&str, ClientBuilder)> = vec![
        (
            "bad client secret",
            ClientBuilder::new()
                .base_url(sandbox.base_url())
                .refresh_token(c.client_id.clone(), WRONG_SECRET, c.refresh_token.clone()),
        ),
        (
            "wrong refresh token",
            ClientBuilder::new()
                .base_url(sandbox.base_url())
                .refresh_token(c.client_id.clone(), c.client_secret.clone(), WRONG_REFRESH),
        ),
        (
            "401 on a forged token",
            with(sandbox.base_url(), |b| b.access_token(FORGED_ACCESS)),
        ),
        (
            "5xx after retries",
            ClientBuilder::new()
                .base_url(failing.base_url())
                .retry_policy(quick.clone())
                .refresh_token(
                    c.client_id.clone(),
                    c.client_secret.clone(),
                    c.refresh_token.clone(),
                ),
        ),
        (
            "connection refused",
            ClientBuilder::new()
                .base_url(&refused)
                .retry_policy(quick.clone())
                .refresh_token("id", WRONG_SECRET, WRONG_REFRESH),
        ),
        (
            "invalid input",
            with(sandbox.base_url(), |b| {
                b.access_token(format!("{FORGED_ACCESS}\n"))
            }),
        ),
    ];
    let mut secrets: Vec<String> = [
        WRONG_SECRET,
        WRONG_REFRESH,
        FORGED_ACCESS,
        WRONG_STORE_SECRET,
    ]
    .map(str::to_owned)
    .to_vec();
    secrets.extend([
        c.client_secret.clone(),
        c.refresh_token.clone(),
        c.store_secret.clone(),
    ]);
    for (name, builder) in cases {
        let error = match builder.build() {
            Ok(client) => match client.follow("fx:store").get(Query::new()) {
                Ok(_) => panic!("{name}: no failure"),
                Err(e) => e,
            },
            Err(e) => e,
        };
        assert_absent(name, &everything_said(&error), &secrets);
    }
    let legacy = LegacyClient::new(
        UreqTransport::default(),
        sandbox.base_url(),
        Secret::new(WRONG_STORE_SECRET),
    );
    let error = legacy
        .store_includes_get(None, None)
        .expect_err("a wrong store secret is refused");
    assert_absent("a legacy error", &everything_said(&error), &secrets);
    assert_absent("the logs", &text(), &secrets);
}
