//! 20% injected faults (429 with Retry-After, 503, dropped connections):
//! every idempotent call still succeeds, and a charge is never sent twice
//! (an ambiguous failure surfaces as an error, not a retry).

use foxy::model::{Cart, Customer};
use foxy::{Client, Filter, MediaType, Query};
use foxy_integration_tests::{CUSTOMER_WITH_CARD, asynchronous, background, blocking, chargeable};
use foxy_sandbox::{Config, FaultSpec};

fn faulty() -> Config {
    let mut config = Config::default().with_faults(FaultSpec {
        statuses: vec![(429, 0.07), (503, 0.07)],
        drop: 0.06,
        latency: None,
    });
    config.seed = 20;
    config
}

/// Idempotent calls: each must succeed whatever the faults.
fn idempotent_round(client: &Client, customer: &str) {
    client.home().expect("home");
    client.carts().list(Query::new()).expect("list carts");
    client
        .customers()
        .get(customer, Query::new())
        .expect("get customer");
    let cart = chargeable(client, 30);
    let href = cart
        .extras
        .link(&foxy::Rel::SELF)
        .expect("self")
        .href
        .clone();
    let mut changed = cart.clone();
    changed.items.clear();
    client.carts().put(&changed).expect("put");
    client.carts().delete(&href).expect("delete");
}

#[test]
fn idempotent_calls_succeed_and_charges_never_duplicate() {
    let sandbox = background(faulty());
    let client = blocking(&sandbox, MediaType::HalJson);
    let grace: Customer = client
        .customers()
        .list(Query::new().filter(Filter::eq("email", CUSTOMER_WITH_CARD)))
        .expect("list is retried")
        .members
        .remove(0);
    let grace_href = grace
        .extras
        .link(&foxy::Rel::SELF)
        .expect("self")
        .href
        .clone();

    let workers: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            let href = grace_href.clone();
            std::thread::spawn(move || {
                for _ in 0..2 {
                    idempotent_round(&client, &href);
                }
            })
        })
        .collect();
    let carts: Vec<Cart> = (0..8).map(|_| chargeable(&client, 30)).collect();
    for worker in workers {
        worker.join().expect("every idempotent call succeeded");
    }

    let before = sandbox.stats();
    let mut charged = 0u64;
    let mut ambiguous = 0u64;
    for cart in &carts {
        match client.carts().charge(cart, &grace) {
            Ok(transaction) => {
                assert_eq!(transaction.items.len(), 1);
                charged += 1;
            }
            Err(e) => {
                assert_ne!(
                    e.status(),
                    Some(http::StatusCode::NOT_FOUND),
                    "charged twice: {e}"
                );
                if e.is_ambiguous() {
                    ambiguous += 1;
                }
            }
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let async_client = asynchronous(
        sandbox.base_url(),
        sandbox.credentials(),
        MediaType::HalJson,
    );
    let async_carts: Vec<Cart> = (0..4).map(|_| chargeable(&client, 30)).collect();
    let before_async = sandbox.stats();
    let async_charged = runtime.block_on(async {
        let mut charged = 0u64;
        for _ in 0..5 {
            async_client.carts().list(Query::new()).await.expect("list");
            async_client.home().await.expect("home");
        }
        for cart in &async_carts {
            match async_client.carts().charge(cart, &grace).await {
                Ok(_) => charged += 1,
                Err(e) => assert_ne!(e.status(), Some(http::StatusCode::NOT_FOUND), "{e}"),
            }
        }
        charged
    });
    let after = sandbox.stats();
    assert!(
        after.faults_injected > 20,
        "faults were injected: {after:?}"
    );
    // Faults hit before the handler, so a failed charge never created anything:
    // exactly one transaction per successful charge, none from a replay.
    assert_eq!(
        before_async.transactions_created - before.transactions_created,
        charged,
        "blocking: {charged} charged, {ambiguous} ambiguous"
    );
    assert_eq!(
        after.transactions_created - before_async.transactions_created,
        async_charged
    );
    assert!(charged + async_charged > 0, "some charges went through");
}
