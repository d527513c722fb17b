//! The blocking client starts no thread per request. Alone in its test
//! binary, so that no other test's threads are counted.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use foxy::{Client, Query};
use foxy_sandbox::{Config, Sandbox};

/// How many std threads this process has created so far: the number in
/// the `Debug` form of a new thread's `ThreadId` (ids come from one
/// process-wide counter, bumped for every spawned thread).
fn threads_created() -> u64 {
    let id = std::thread::spawn(|| std::thread::current().id())
        .join()
        .unwrap();
    let text = format!("{id:?}");
    text.trim_start_matches("ThreadId(")
        .trim_end_matches(')')
        .parse()
        .expect("ThreadId(N)")
}

#[test]
fn blocking_calls_start_no_thread_per_request() {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox starts");
    let credentials = sb.credentials();
    let client = Client::builder()
        .base_url(sb.base_url())
        .refresh_token(
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
            credentials.refresh_token.clone(),
        )
        .build()
        .unwrap();
    // Warm up: the token, the home, the sandbox's own worker threads.
    for _ in 0..5 {
        client.follow("fx:store").get(Query::new()).unwrap();
    }
    const CALLS: u64 = 100;
    let before = threads_created();
    for _ in 0..CALLS {
        let store = client.follow("fx:store").get(Query::new()).unwrap();
        assert!(store.property("store_name").is_some());
    }
    // One for the probe itself; a couple more for the sandbox's blocking pool at most.
    let created = threads_created() - before - 1;
    assert!(
        created <= 3,
        "{created} threads created during {CALLS} blocking calls"
    );
}
