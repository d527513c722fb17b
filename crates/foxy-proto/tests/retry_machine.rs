//! The retry machine, transition by transition, on a fake clock.

use std::time::Duration;

use foxy_proto::error::Error;
use foxy_proto::replay::{Expect, FakeClock, ReplayTransport, response, run};
use foxy_proto::request::{Body, RequestBuilder};
use foxy_proto::retry::{Retry, RetryPolicy};
use foxy_proto::step::{Machine, Outcome, Step, TransportFailure};
use foxy_proto::{Map, Value};
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
fn patch_is_not_replayed_on_503() {
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay =
        ReplayTransport::new().then(Expect::new(Method::PATCH, CART), response(503, &[], ""));
    let out = run(retry(patch()), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(status_of(&out), Some(503));
    replay.finish().expect("script followed");
}

#[test]
fn client_errors_are_returned_not_retried() {
    for code in [400, 401, 404, 500] {
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
