//! The retry machine, transition by transition, on a fake clock.

use std::time::Duration;

use foxy_proto::error::Error;
use foxy_proto::replay::{Expect, FakeClock, ReplayTransport, response, run};
use foxy_proto::request::{Body, RequestBuilder};
use foxy_proto::retry::{Retry, RetryPolicy};
use foxy_proto::step::{Machine, Outcome, Step, TransportFailure};
use foxy_proto::{Map, Resource, Value};
use http::Method;

const CART: &str = "https://api.foxycart.com/carts/32";
/// 2024-02-29T00:00:00Z.
const WALL: u64 = 1_709_164_800;

fn get() -> http::Request<Vec<u8>> {
    RequestBuilder::get(CART).build().expect("valid")
}

fn post_cart() -> http::Request<Vec<u8>> {
    RequestBuilder::post(CART, Body::Json(Value::Object(Map::new())))
        .build()
        .expect("valid")
}

fn patch() -> http::Request<Vec<u8>> {
    RequestBuilder::patch(CART, &Map::new())
        .build()
        .expect("valid")
}

/// The body `put()` sends.
const PUT_BODY: &str = r#"{"language":"english"}"#;

fn put() -> http::Request<Vec<u8>> {
    let cart = Resource::new().with_property("language", "english");
    RequestBuilder::put(CART, &cart).build().expect("valid")
}

fn delete() -> http::Request<Vec<u8>> {
    RequestBuilder::delete(CART).build().expect("valid")
}

fn bodiless(method: Method) -> http::Request<Vec<u8>> {
    RequestBuilder::new(method, CART).build().expect("valid")
}

/// The charge: a POST to the cart with no body, as the client sends it to
/// turn the cart into a transaction.
fn charge() -> http::Request<Vec<u8>> {
    bodiless(Method::POST)
}

/// The methods the policy may replay after the server can have seen them,
/// with a request of each and what its replay must look like.
fn idempotent() -> Vec<(Method, http::Request<Vec<u8>>, Expect)> {
    vec![
        (Method::GET, get(), Expect::new(Method::GET, CART)),
        (
            Method::HEAD,
            bodiless(Method::HEAD),
            Expect::new(Method::HEAD, CART).body(""),
        ),
        (
            Method::OPTIONS,
            bodiless(Method::OPTIONS),
            Expect::new(Method::OPTIONS, CART).body(""),
        ),
        (
            Method::PUT,
            put(),
            Expect::new(Method::PUT, CART)
                .header("content-type", "application/json")
                .body(PUT_BODY),
        ),
        (
            Method::DELETE,
            delete(),
            Expect::new(Method::DELETE, CART).body(""),
        ),
        (
            Method::PATCH,
            patch(),
            Expect::new(Method::PATCH, CART).body("{}"),
        ),
    ]
}

/// Jitter that always picks the middle of the back-off window.
fn half() -> Box<dyn foxy_proto::retry::Jitter> {
    Box::new(|| 1u64 << 63)
}

fn retry(request: http::Request<Vec<u8>>) -> Retry {
    Retry::new(request, RetryPolicy::default(), half())
}

fn refused() -> Outcome {
    Err(TransportFailure::NotSent("connection refused".into()))
}

fn dropped() -> Outcome {
    Err(TransportFailure::Dropped("connection reset".into()))
}

fn status_of(result: &Result<http::Response<Vec<u8>>, Error>) -> Option<u16> {
    result.as_ref().ok().map(|r| r.status().as_u16())
}

#[test]
fn success_needs_one_attempt_and_no_wait() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay =
        ReplayTransport::new().then(Expect::new(Method::GET, CART), response(200, &[], "{}"));
    let out = run(retry(get()), &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(status_of(&out), Some(200));
    assert_eq!(clock.slept(), Duration::ZERO);
    replay.finish().expect("script followed");
}

#[test]
fn retry_after_seconds_is_honoured() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new()
        .then(
            Expect::new(Method::GET, CART),
            response(503, &[("retry-after", "7")], ""),
        )
        .then(Expect::new(Method::GET, CART), response(200, &[], "{}"));
    let out = run(retry(get()), &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(status_of(&out), Some(200));
    assert_eq!(clock.slept(), Duration::from_secs(7));
    replay.finish().expect("script followed");
}

#[test]
fn retry_after_date_is_relative_to_the_wall_clock() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new()
        .then(
            Expect::new(Method::GET, CART),
            response(429, &[("retry-after", "Thu, 29 Feb 2024 00:00:12 GMT")], ""),
        )
        .then(Expect::new(Method::GET, CART), response(200, &[], "{}"));
    // The response arrives 2 s after the request left: 10 s remain.
    let out = run(retry(get()), &mut clock, Duration::from_secs(2), |r| {
        replay.send(r)
    });
    assert_eq!(status_of(&out), Some(200));
    assert_eq!(clock.slept(), Duration::from_secs(10));
    replay.finish().expect("script followed");
}

#[test]
fn backoff_is_exponential_with_full_jitter() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new()
        .then(Expect::new(Method::GET, CART), response(502, &[], ""))
        .then(Expect::new(Method::GET, CART), dropped())
        .then(
            Expect::new(Method::GET, CART),
            Err(TransportFailure::TimedOut),
        )
        .then(Expect::new(Method::GET, CART), response(200, &[], "{}"));
    let out = run(retry(get()), &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(status_of(&out), Some(200));
    // Half of the 0.5 s, 1 s and 2 s windows.
    assert_eq!(clock.slept(), Duration::from_millis(250 + 500 + 1000));
    replay.finish().expect("script followed");
}

#[test]
fn gives_up_after_max_attempts_with_the_last_response() {
    let mut clock = FakeClock::at_unix(WALL);
    let policy = RetryPolicy {
        max_attempts: 2,
        ..RetryPolicy::default()
    };
    let mut replay = ReplayTransport::new()
        .then(Expect::new(Method::GET, CART), response(504, &[], ""))
        .then(Expect::new(Method::GET, CART), response(504, &[], ""));
    let machine = Retry::new(get(), policy, half());
    let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(status_of(&out), Some(504));
    replay.finish().expect("script followed");
}

#[test]
fn deadline_stops_a_long_retry_after() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new().then(
        Expect::new(Method::GET, CART),
        response(503, &[("retry-after", "600")], ""),
    );
    let out = run(retry(get()), &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(status_of(&out), Some(503));
    assert_eq!(clock.slept(), Duration::ZERO);
    replay.finish().expect("script followed");
}

#[test]
fn retry_after_is_capped_at_max_delay() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new()
        .then(
            Expect::new(Method::GET, CART),
            response(429, &[("retry-after", "90")], ""),
        )
        .then(
            Expect::new(Method::GET, CART),
            response(503, &[("retry-after", "Thu, 29 Feb 2024 00:01:40 GMT")], ""),
        )
        .then(Expect::new(Method::GET, CART), response(200, &[], "{}"));
    let out = run(retry(get()), &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(status_of(&out), Some(200));
    // 90 s asked, 30 s waited; then a date 70 s ahead, 30 s waited.
    assert_eq!(clock.slept(), Duration::from_secs(60));
    replay.finish().expect("script followed");
}

#[test]
fn retry_after_past_the_deadline_is_the_rate_limit_error_at_once() {
    let mut clock = FakeClock::at_unix(WALL);
    let policy = RetryPolicy {
        max_attempts: 10,
        deadline: Duration::from_secs(60),
        ..RetryPolicy::default()
    };
    let mut replay = ReplayTransport::new()
        .then(
            Expect::new(Method::GET, CART),
            response(429, &[("retry-after", "20")], ""),
        )
        .then(
            Expect::new(Method::GET, CART),
            response(429, &[("retry-after", "45")], r#"{"error":"rate limited"}"#),
        );
    // 20 s waited; then 45 s more would end past the 60 s deadline: no
    // 30 s (capped) sleep, no third attempt.
    let machine = Retry::new(get(), policy, half());
    let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
    let response = out.expect("the last answer");
    assert_eq!(response.status(), 429);
    assert_eq!(clock.slept(), Duration::from_secs(20));
    let err = foxy_proto::error::read_resource(&response, foxy_proto::MediaType::HalJson)
        .expect_err("an error");
    assert!(
        matches!(&err, Error::Api(api) if api.status == 429),
        "{err:?}"
    );
    replay.finish().expect("script followed");
}

#[test]
fn deadline_counts_time_spent_in_attempts() {
    let mut clock = FakeClock::at_unix(WALL);
    let policy = RetryPolicy {
        max_attempts: 10,
        deadline: Duration::from_secs(30),
        ..RetryPolicy::default()
    };
    let mut replay = ReplayTransport::new()
        .then(
            Expect::new(Method::GET, CART),
            Err(TransportFailure::TimedOut),
        )
        .then(
            Expect::new(Method::GET, CART),
            Err(TransportFailure::TimedOut),
        );
    // Each timeout takes 20 s: after the second, no retry can start in time.
    let machine = Retry::new(get(), policy, half());
    let out = run(machine, &mut clock, Duration::from_secs(20), |r| {
        replay.send(r)
    });
    assert_eq!(out.expect_err("an error"), Error::Timeout);
    replay.finish().expect("script followed");
}

#[test]
fn a_cart_post_that_may_have_been_sent_is_never_replayed() {
    let cases: [(&str, Outcome); 4] = [
        ("dropped after send", dropped()),
        ("503", response(503, &[("retry-after", "1")], "")),
        ("502", response(502, &[], "")),
        ("timeout", Err(TransportFailure::TimedOut)),
    ];
    for (name, outcome) in cases {
        let mut clock = FakeClock::at_unix(WALL);
        let mut replay =
            ReplayTransport::new().then(Expect::new(Method::POST, CART).body("{}"), outcome);
        let out = run(retry(post_cart()), &mut clock, Duration::ZERO, |r| {
            replay.send(r)
        });
        assert_eq!(replay.served(), 1, "{name}: exactly one POST");
        assert_eq!(clock.slept(), Duration::ZERO, "{name}");
        match name {
            "dropped after send" => assert!(matches!(out, Err(Error::Transport(_))), "{name}"),
            "timeout" => assert_eq!(out.expect_err("an error"), Error::Timeout),
            _ => assert!(status_of(&out).is_some_and(|s| s >= 502), "{name}"),
        }
        replay.finish().expect("script followed");
    }
}

#[test]
fn post_is_retried_when_it_never_left_or_on_429() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new()
        .then(Expect::new(Method::POST, CART), refused())
        .then(
            Expect::new(Method::POST, CART),
            response(429, &[("retry-after", "3")], ""),
        )
        .then(Expect::new(Method::POST, CART), response(201, &[], "{}"));
    let out = run(retry(post_cart()), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(status_of(&out), Some(201));
    assert_eq!(clock.slept(), Duration::from_millis(250 + 3000));
    replay.finish().expect("script followed");
}

#[test]
fn patch_is_retried_on_500_and_a_timeout() {
    // Foxy's PATCH sets the named properties: sending it twice is harmless.
    let mut clock = FakeClock::at_unix(WALL);
    let expect = Expect::new(Method::PATCH, CART).body("{}");
    let mut replay = ReplayTransport::new()
        .then(expect.clone(), response(500, &[], ""))
        .then(expect.clone(), Err(TransportFailure::TimedOut))
        .then(expect, response(200, &[], "{}"));
    let out = run(retry(patch()), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(status_of(&out), Some(200));
    assert_eq!(clock.slept(), Duration::from_millis(250 + 500));
    replay.finish().expect("script followed");
}

#[test]
fn a_500_is_retried_for_a_get_until_the_budget_runs_out() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new();
    for _ in 0..4 {
        replay = replay.then(Expect::new(Method::GET, CART), response(500, &[], ""));
    }
    let out = run(retry(get()), &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(
        status_of(&out),
        Some(500),
        "the last answer, after 4 attempts"
    );
    assert_eq!(clock.slept(), Duration::from_millis(250 + 500 + 1000));
    replay.finish().expect("four attempts, no fifth");
}

#[test]
fn a_repeatable_post_is_retried_like_a_get() {
    let mut clock = FakeClock::at_unix(WALL);
    let expect = Expect::new(Method::POST, CART).body("{}");
    let mut replay = ReplayTransport::new()
        .then(expect.clone(), Err(TransportFailure::TimedOut))
        .then(expect.clone(), response(502, &[], ""))
        .then(expect, response(200, &[], "{}"));
    let machine = retry(post_cart()).repeatable();
    let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(status_of(&out), Some(200));
    replay.finish().expect("script followed");
}

#[test]
fn a_get_marked_not_repeatable_is_not_replayed_once_it_may_have_been_sent() {
    // A `/cart` GET that adds a product: a second send would add it twice.
    for outcome in [dropped(), response(503, &[], "")] {
        let mut clock = FakeClock::at_unix(WALL);
        let mut replay = ReplayTransport::new().then(Expect::new(Method::GET, CART), outcome);
        let machine = retry(get()).with_repeatable(false);
        let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
        assert_eq!(replay.served(), 1, "exactly one GET: {out:?}");
        replay.finish().expect("script followed");
    }
    // Still retried while it provably never left.
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new()
        .then(Expect::new(Method::GET, CART), refused())
        .then(Expect::new(Method::GET, CART), response(200, &[], "{}"));
    let machine = retry(get()).with_repeatable(false);
    let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(status_of(&out), Some(200));
    replay.finish().expect("script followed");
}

#[test]
fn client_errors_are_returned_not_retried() {
    for code in [400, 401, 404, 501] {
        let mut clock = FakeClock::at_unix(WALL);
        let mut replay =
            ReplayTransport::new().then(Expect::new(Method::GET, CART), response(code, &[], ""));
        let out = run(retry(get()), &mut clock, Duration::ZERO, |r| replay.send(r));
        assert_eq!(status_of(&out), Some(code));
        replay.finish().expect("script followed");
    }
}

#[test]
fn waits_are_steps_and_misuse_is_an_error() {
    let clock = FakeClock::at_unix(WALL);
    let mut machine = retry(get());
    let Step::Send(_) = machine.poll(clock.now()) else {
        panic!("first step sends");
    };
    machine.feed(response(503, &[("retry-after", "5")], ""), clock.now());
    match machine.poll(clock.now()) {
        Step::Wait(d) => assert_eq!(d, Duration::from_secs(5)),
        other => panic!("expected a wait, got {other:?}"),
    }
    // Polled early (a spurious wake-up): still waiting, for the remainder.
    match machine.poll(clock.now().advanced(Duration::from_secs(2))) {
        Step::Wait(d) => assert_eq!(d, Duration::from_secs(3)),
        other => panic!("expected a wait, got {other:?}"),
    }
    let Step::Send(_) = machine.poll(clock.now().advanced(Duration::from_secs(5))) else {
        panic!("sends after the wait");
    };
    match machine.poll(clock.now()) {
        Step::Done(Err(Error::Driver(_))) => {}
        other => panic!("polling before feeding is misuse, got {other:?}"),
    }
    assert_eq!(machine.attempts(), 2);
}

#[test]
fn idempotent_methods_are_retried_on_503_and_a_dropped_connection() {
    for (method, request, expect) in idempotent() {
        let mut clock = FakeClock::at_unix(WALL);
        let mut replay = ReplayTransport::new()
            .then(expect.clone(), response(503, &[], ""))
            .then(expect.clone(), dropped())
            .then(expect.clone(), response(200, &[], "{}"));
        let out = run(retry(request), &mut clock, Duration::ZERO, |r| {
            replay.send(r)
        });
        assert_eq!(status_of(&out), Some(200), "{method}");
        assert_eq!(
            replay.served(),
            3,
            "{method}: sent three times, identically"
        );
        // Half of the 0.5 s and 1 s windows.
        assert_eq!(clock.slept(), Duration::from_millis(250 + 500), "{method}");
        replay.finish().expect("script followed");
    }
}

/// Makes a fresh canned outcome (responses are not `Clone`).
type MakeOutcome = fn() -> Outcome;

#[test]
fn idempotent_methods_are_retried_on_every_retryable_outcome() {
    let backoff = Duration::from_millis(250);
    let asked = Duration::from_secs(2);
    let outcomes: [(&str, MakeOutcome, Duration); 7] = [
        ("refused", refused, backoff),
        ("500", || response(500, &[], ""), backoff),
        ("timeout", || Err(TransportFailure::TimedOut), backoff),
        ("429", || response(429, &[("retry-after", "2")], ""), asked),
        ("502", || response(502, &[], ""), backoff),
        (
            "503 with Retry-After",
            || response(503, &[("retry-after", "2")], ""),
            asked,
        ),
        ("504", || response(504, &[], ""), backoff),
    ];
    for (method, request, expect) in idempotent() {
        for (name, outcome, waited) in outcomes {
            let mut clock = FakeClock::at_unix(WALL);
            let mut replay = ReplayTransport::new()
                .then(expect.clone(), outcome())
                .then(expect.clone(), response(204, &[], ""));
            let machine = retry(http_copy(&request));
            let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
            assert_eq!(status_of(&out), Some(204), "{method} after {name}");
            assert_eq!(clock.slept(), waited, "{method} after {name}");
            replay.finish().expect("script followed");
        }
    }
}

#[test]
fn idempotent_methods_give_up_after_max_attempts_or_on_other_statuses() {
    for (method, request, expect) in idempotent() {
        // Three 503s under a three-attempt policy: the last one is the answer.
        let mut clock = FakeClock::at_unix(WALL);
        let policy = RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        };
        let mut replay = ReplayTransport::new()
            .then(expect.clone(), response(503, &[], ""))
            .then(expect.clone(), dropped())
            .then(expect.clone(), response(503, &[], ""));
        let machine = Retry::new(http_copy(&request), policy, half());
        let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
        assert_eq!(status_of(&out), Some(503), "{method}");
        replay.finish().expect("script followed");

        // A dropped connection as the last attempt is the transport error.
        let mut clock = FakeClock::at_unix(WALL);
        let policy = RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        };
        let mut replay = ReplayTransport::new()
            .then(expect.clone(), response(503, &[], ""))
            .then(expect.clone(), dropped());
        let machine = Retry::new(http_copy(&request), policy, half());
        let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
        assert!(matches!(out, Err(Error::Transport(_))), "{method}: {out:?}");
        replay.finish().expect("script followed");

        // 501, 404, 409: returned as they are, not retried.
        for code in [501, 404, 409] {
            let mut clock = FakeClock::at_unix(WALL);
            let mut replay = ReplayTransport::new().then(expect.clone(), response(code, &[], ""));
            let out = run(
                retry(http_copy(&request)),
                &mut clock,
                Duration::ZERO,
                |r| replay.send(r),
            );
            assert_eq!(status_of(&out), Some(code), "{method}");
            assert_eq!(clock.slept(), Duration::ZERO, "{method} {code}");
            replay.finish().expect("script followed");
        }
    }
}

#[test]
fn a_charge_that_may_have_been_sent_is_never_replayed() {
    // A generous policy: only the method and outcome can stop a retry.
    let policy = RetryPolicy {
        max_attempts: 10,
        ..RetryPolicy::default()
    };
    let cases: [(&str, Outcome); 6] = [
        ("dropped after send", dropped()),
        ("timeout", Err(TransportFailure::TimedOut)),
        ("502", response(502, &[], "")),
        (
            "503 with Retry-After",
            response(503, &[("retry-after", "1")], ""),
        ),
        ("504", response(504, &[], "")),
        ("500", response(500, &[], "")),
    ];
    for (name, outcome) in cases {
        // After a first attempt that provably never left, and after a 429,
        // the charge is sent again; after the ambiguous outcome, never.
        let mut clock = FakeClock::at_unix(WALL);
        let expect = Expect::new(Method::POST, CART).body("");
        let mut replay = ReplayTransport::new()
            .then(expect.clone(), refused())
            .then(expect.clone(), response(429, &[("retry-after", "1")], ""))
            .then(expect.clone(), outcome);
        let machine = Retry::new(charge(), policy.clone(), half());
        let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
        assert_eq!(replay.served(), 3, "{name}: no fourth POST");
        assert_eq!(
            clock.slept(),
            Duration::from_millis(250 + 1000),
            "{name}: no wait after the ambiguous outcome"
        );
        match name {
            "dropped after send" => {
                assert!(matches!(out, Err(Error::Transport(_))), "{name}: {out:?}");
            }
            "timeout" => assert_eq!(out.expect_err("an error"), Error::Timeout),
            _ => assert!(status_of(&out).is_some_and(|s| s >= 500), "{name}"),
        }
        replay.finish().expect("script followed");
    }
}

#[test]
fn a_charge_is_retried_only_while_it_provably_never_left() {
    let mut clock = FakeClock::at_unix(WALL);
    let expect = Expect::new(Method::POST, CART).body("");
    let mut replay = ReplayTransport::new()
        .then(expect.clone(), refused())
        .then(expect.clone(), refused())
        .then(
            expect.clone(),
            response(
                201,
                &[("location", "https://api.foxycart.com/transactions/1")],
                "",
            ),
        );
    let out = run(retry(charge()), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(status_of(&out), Some(201));
    assert_eq!(clock.slept(), Duration::from_millis(250 + 500));
    replay.finish().expect("script followed");
}

/// A copy of a request, to run the same one through several machines.
fn http_copy(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    foxy_proto::retry::clone_request(request)
}
