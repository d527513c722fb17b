//! A charge that happened is never reported as a charge that failed: once
//! the charge POST may have landed, every later failure of the operation
//! is ambiguous and names the transaction when the answer did.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use foxy::model::{Cart, Customer};
use foxy::{Client, Error, Filter, MediaType, Query, RetryPolicy, Transport, UreqTransport};
use foxy_integration_tests::{
    CUSTOMER_WITH_CARD, background, blocking, builder, chargeable, quick_retries,
};
use foxy_sandbox::{BackgroundSandbox, Config, FaultSpec};
use http::{HeaderValue, Method, Request, StatusCode};

fn customer(client: &Client) -> Customer {
    client
        .customers()
        .list(Query::new().filter(Filter::eq("email", CUSTOMER_WITH_CARD)))
        .expect("list")
        .members
        .remove(0)
}

/// A client whose GETs of transactions all carry the sandbox's fault
/// header: the sandbox answers each of them with `fault`.
fn faulting_transaction_reads(sandbox: &BackgroundSandbox, fault: &'static str) -> Client {
    let wire = UreqTransport::default();
    let reads = Arc::new(AtomicU64::new(0));
    let transport = move |mut request: Request<Vec<u8>>| {
        if request.method() == Method::GET && request.uri().path().starts_with("/transactions/") {
            reads.fetch_add(1, Ordering::SeqCst);
            request
                .headers_mut()
                .insert("x-foxy-sandbox-fault", HeaderValue::from_static(fault));
        }
        wire.send(request)
    };
    builder(
        sandbox.base_url(),
        sandbox.credentials(),
        MediaType::HalJson,
    )
    .transport(transport)
    .build()
    .expect("client")
}

#[test]
fn a_read_failing_after_a_charge_is_ambiguous_with_the_transaction() {
    let sandbox = background(Config::default());
    let setup = blocking(&sandbox, MediaType::HalJson);
    let grace = customer(&setup);
    for (fault, status) in [
        ("500", StatusCode::INTERNAL_SERVER_ERROR),
        ("429", StatusCode::TOO_MANY_REQUESTS),
    ] {
        let client = faulting_transaction_reads(&sandbox, fault);
        let cart = chargeable(&setup, 40);
        let before = sandbox.stats().transactions_created;
        let err = client
            .carts()
            .charge(&cart, &grace)
            .expect_err("the transaction cannot be read");
        assert_eq!(
            sandbox.stats().transactions_created,
            before + 1,
            "the charge happened"
        );
        assert!(err.is_ambiguous(), "{fault}: {err:?}");
        assert!(matches!(err, Error::Ambiguous { .. }), "{err:?}");
        assert_eq!(err.status(), Some(status), "{err:?}");
        let href = err.transaction().expect("the transaction is named");
        assert!(href.contains("/transactions/"), "{href}");
        // The href is the real transaction: a plain client reads it.
        let transaction = setup
            .transactions()
            .get_with_items(href)
            .expect("the transaction exists");
        assert_eq!(transaction.items.len(), 1);
        assert!(err.to_string().contains("may have gone through"), "{err}");
    }
}

#[test]
fn a_refused_charge_is_a_plain_error_and_charges_nothing() {
    let sandbox = background(Config::default());
    let client = blocking(&sandbox, MediaType::HalJson);
    let grace = customer(&client);
    // A cart with no items: the sandbox refuses to charge it (400).
    let href = client.carts().create(&Cart::new()).expect("create");
    let empty = client.carts().get(&href, Query::new()).expect("get");
    let before = sandbox.stats().transactions_created;
    let err = client
        .carts()
        .charge(&empty, &grace)
        .expect_err("nothing to charge");
    assert!(!err.is_ambiguous(), "{err:?}");
    assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(err.transaction(), None);
    assert_eq!(sandbox.stats().transactions_created, before);
}

#[test]
fn under_random_500s_no_charge_that_happened_is_reported_as_failed() {
    let mut config = Config::default().with_faults(FaultSpec {
        statuses: vec![(500, 0.2)],
        drop: 0.0,
        latency: None,
    });
    config.seed = 1;
    let sandbox = background(config);
    let setup = blocking(&sandbox, MediaType::HalJson);
    // No retries for the charging client: a 500 on the transaction's GET
    // ends the operation after the charge happened.
    let charger = builder(
        sandbox.base_url(),
        sandbox.credentials(),
        MediaType::HalJson,
    )
    .retry_policy(RetryPolicy {
        max_attempts: 1,
        ..quick_retries()
    })
    .build()
    .expect("client");
    let grace = customer(&setup);
    let (mut charged, mut plain, mut ambiguous_landed, mut ambiguous_not) = (0, 0, 0, 0);
    for _ in 0..40 {
        let cart = chargeable(&setup, 40);
        let before = sandbox.stats().transactions_created;
        let outcome = charger.carts().charge(&cart, &grace);
        let made = sandbox.stats().transactions_created - before;
        assert!(made <= 1, "one POST, at most one transaction");
        match outcome {
            Ok(transaction) => {
                assert_eq!(made, 1);
                assert_eq!(transaction.items.len(), 1);
                charged += 1;
            }
            Err(e) if !e.is_ambiguous() => {
                assert_eq!(made, 0, "a charge that happened reported as failed: {e:?}");
                plain += 1;
            }
            Err(e) => {
                if made == 1 {
                    assert!(e.transaction().is_some(), "{e:?}");
                    ambiguous_landed += 1;
                } else {
                    ambiguous_not += 1;
                }
            }
        }
    }
    assert!(charged > 0, "some charges went through");
    assert!(
        plain > 0,
        "some failed before the POST (the PATCH got a 500)"
    );
    assert!(
        ambiguous_landed > 0,
        "some charges happened and the read failed: {charged} {plain} {ambiguous_not}"
    );
}
