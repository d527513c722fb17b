//! Many processes sharing one refresh token refresh it once: eight processes
//! of eight tasks each start on an expired token kept in one
//! [`FileTokenStore`], and the sandbox counts a single grant.
//!
//! The test runs its own binary again as the worker processes (the
//! `FOXY_TOKEN_WORKER` variable tells a copy that it is a worker).

use std::path::Path;
use std::process::{Child, Command};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use foxy::proto::auth::shared::SharedRecord;
use foxy::{FileTokenStore, MediaType, Query, Secret, TokenStore as _, Tokens};
use foxy_integration_tests::{background, builder};
use foxy_sandbox::Config;

const PROCESSES: usize = 8;
const TASKS: usize = 8;
const TEST_NAME: &str = "eight_processes_of_eight_tasks_refresh_once";

#[test]
fn eight_processes_of_eight_tasks_refresh_once() {
    if let Ok(path) = std::env::var("FOXY_TOKEN_WORKER") {
        worker(Path::new(&path));
        return;
    }
    let sandbox = background(Config::default());
    let dir = std::env::temp_dir().join(format!("foxy-token-processes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("tokens.json");
    let go = dir.join("go");
    let credentials = sandbox.credentials();
    let expired = Tokens {
        access_token: Secret::new("expired-access-token"),
        refresh_token: Some(Secret::new(credentials.refresh_token.clone())),
        expires_at: SystemTime::now().checked_sub(Duration::from_secs(3600)),
        lifetime: Some(Duration::from_secs(7200)),
        scope: None,
    };
    FileTokenStore::new(&path)
        .save(&expired)
        .expect("seed the token file");
    sandbox.reset_stats();

    let exe = std::env::current_exe().expect("own binary");
    let workers: Vec<Child> = (0..PROCESSES)
        .map(|_| {
            Command::new(&exe)
                .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
                .env("FOXY_TOKEN_WORKER", &path)
                .env("FOXY_WORKER_GO", &go)
                .env("FOXY_WORKER_BASE", sandbox.base_url())
                .env("FOXY_WORKER_CLIENT_ID", &credentials.client_id)
                .env("FOXY_WORKER_CLIENT_SECRET", &credentials.client_secret)
                .env("FOXY_WORKER_REFRESH", &credentials.refresh_token)
                .spawn()
                .expect("start a worker")
        })
        .collect();
    // Every worker has built its client on the expired token; start them together.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&go, b"go").expect("go");
    for mut child in workers {
        let status = child.wait().expect("worker status");
        assert!(status.success(), "a worker failed: {status}");
    }

    let stats = sandbox.stats();
    assert_eq!(
        stats.refresh_grants, 1,
        "64 calls in 8 processes on one expired token: one refresh ({stats:?})"
    );
    assert_eq!(stats.token_requests, 1, "{stats:?}");
    let record = SharedRecord::from_json(&std::fs::read(&path).expect("read back")).expect("valid");
    assert_eq!(record.lease, None, "the lease was released");
    let published = record.tokens.expect("tokens published");
    assert_ne!(published.access_token.expose(), "expired-access-token");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One worker process: a client on the shared file, eight concurrent GETs.
fn worker(path: &Path) {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set"));
    let go = var("FOXY_WORKER_GO");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let credentials = foxy_sandbox::Credentials {
            client_id: var("FOXY_WORKER_CLIENT_ID"),
            client_secret: var("FOXY_WORKER_CLIENT_SECRET"),
            refresh_token: var("FOXY_WORKER_REFRESH"),
            ..foxy_sandbox::Credentials::default()
        };
        let client = builder(&var("FOXY_WORKER_BASE"), &credentials, MediaType::HalJson)
            .token_store(Arc::new(FileTokenStore::new(path)))
            .build_async()
            .expect("client");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !Path::new(&go).exists() {
            assert!(Instant::now() < deadline, "never told to go");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let calls = (0..TASKS).map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.follow("fx:store").get(Query::new()).await })
        });
        for call in futures::future::join_all(calls).await {
            let store = call.expect("task").expect("GET fx:store");
            assert!(store.property("store_name").is_some());
        }
    });
}
