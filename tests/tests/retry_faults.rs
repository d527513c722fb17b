//! Retries against the sandbox's injected faults: 500s, dropped
//! connections and faults on the token endpoint are retried for GET, PUT
//! and PATCH and for token refreshes; a retry carries the current token.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use foxy::model::{Cart, Item};
use foxy::{Client, MediaType, Query, RetryPolicy, Transport, UreqTransport};
use foxy_integration_tests::{background, builder, quick_retries};
use foxy_proto::{Map, Value};
use foxy_sandbox::{Config, FaultSpec};
use http::Request;

#[test]
fn gets_puts_patches_and_refreshes_survive_500s_and_drops() {
    let mut config = Config::default()
        .with_faults(FaultSpec {
            statuses: vec![(500, 0.25)],
            drop: 0.1,
            latency: None,
        })
        // Tokens live 2 s (used for 1 s): refreshes happen during the run,
        // and the token endpoint gets the faults too.
        .with_token_lifetime(Duration::from_secs(2));
    config.faults_on_token = true;
    config.seed = 11;
    let sandbox = background(config);
    let client: Client = builder(
        sandbox.base_url(),
        sandbox.credentials(),
        MediaType::HalJson,
    )
    .retry_policy(RetryPolicy {
        max_attempts: 12,
        ..quick_retries()
    })
    .build()
    .expect("client");
    // Creation is a POST, not retried after a 500: tried until it lands.
    let href = (0..40)
        .find_map(|_| client.carts().create(&Cart::new()).ok())
        .expect("a cart was created");
    let started = std::time::Instant::now();
    let mut rounds = 0;
    while started.elapsed() < Duration::from_secs(3) || rounds < 10 {
        rounds += 1;
        let mut cart = client.carts().get(&href, Query::new()).expect("GET");
        let mut changes = Map::new();
        changes.insert(
            "billing_city".to_owned(),
            Value::from(format!("round{rounds}@example.test")),
        );
        client.carts().patch(&href, &changes).expect("PATCH");
        let patched = client.carts().get(&href, Query::new()).expect("GET");
        assert_eq!(
            patched.billing_city.as_deref(),
            Some(format!("round{rounds}@example.test").as_str())
        );
        cart.items = vec![Item::new("Sprocket", 3, rounds)];
        let put = client.carts().put(&cart).expect("PUT");
        assert_eq!(put.items.len(), 1, "PUT replaces the items, retried or not");
        client.carts().list(Query::new()).expect("list");
    }
    let stats = sandbox.stats();
    assert!(stats.faults_injected >= 10, "{stats:?}");
    assert!(
        stats.refresh_grants >= 2,
        "the token was refreshed: {stats:?}"
    );
    let cart = client
        .carts()
        .get(&href, Query::new().zoom("items").expect("zoom"))
        .expect("GET");
    assert_eq!(cart.items.len(), 1, "no item lost or duplicated");
}

#[test]
fn a_retry_after_the_token_expired_sends_a_fresh_token() {
    // Every other request gets a 503 with `Retry-After: 1`; tokens live
    // 1.2 s (refreshed 0.6 s before expiry), so a retry waits past them.
    let mut config = Config::default()
        .with_faults(FaultSpec {
            statuses: vec![(503, 0.5)],
            drop: 0.0,
            latency: None,
        })
        .with_token_lifetime(Duration::from_millis(1200));
    config.seed = 3;
    let sandbox = background(config);
    let seen: Arc<Mutex<Vec<u16>>> = Arc::default();
    let wire = UreqTransport::default();
    let log = seen.clone();
    let transport = move |request: Request<Vec<u8>>| {
        let outcome = wire.send(request);
        if let Ok(response) = &outcome {
            log.lock().expect("lock").push(response.status().as_u16());
        }
        outcome
    };
    let client: Client = builder(
        sandbox.base_url(),
        sandbox.credentials(),
        MediaType::HalJson,
    )
    .retry_policy(RetryPolicy {
        max_attempts: 10,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_secs(2),
        deadline: Duration::from_secs(60),
    })
    .transport(transport)
    .build()
    .expect("client");
    for _ in 0..6 {
        client.carts().list(Query::new()).expect("list");
    }
    let statuses = seen.lock().expect("lock").clone();
    assert!(
        statuses.contains(&503),
        "faults were injected: {statuses:?}"
    );
    assert!(
        !statuses.contains(&401),
        "no retry carried an expired token: {statuses:?}"
    );
    assert!(sandbox.stats().refresh_grants >= 2, "{:?}", sandbox.stats());
}
