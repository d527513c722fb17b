//! When to send a request again, and after how long.
//!
//! [`RetryPolicy::decide`] is a pure function of (method, outcome, attempt,
//! time); [`Retry`] is the machine that applies it to one request.
//!
//! | outcome                               | GET HEAD OPTIONS PUT DELETE PATCH | POST     |
//! |---------------------------------------|-----------------------------------|----------|
//! | connection refused (never sent)       | retry                             | retry    |
//! | dropped after send, timeout           | retry                             | **stop** |
//! | 429                                   | retry                             | retry    |
//! | 500, 502, 503, 504                    | retry                             | **stop** |
//! | anything else                         | stop                              | stop     |
//!
//! Foxy's PATCH sets the properties it names, so repeating one changes
//! nothing more than the first did. A POST that is just as safe to repeat
//! (a token refresh) is marked so with [`Retry::repeatable`] and follows
//! the first column.
//!
//! A POST to a cart charges the customer, so a POST that may have reached
//! the server is never replayed. The delay is the `Retry-After` header when
//! present (seconds or an HTTP date), otherwise exponential back-off with
//! full jitter; either is capped at [`RetryPolicy::max_delay`]. Attempts and
//! total time are bounded: a `Retry-After` reaching past the
//! [`RetryPolicy::deadline`] ends the call at once with the server's answer
//! (the 429 becomes the caller's rate-limit error) instead of a long sleep.

mod after;
mod machine;

use std::time::{Duration, SystemTime};

use http::{Method, StatusCode, header};

pub use after::{parse_http_date, parse_retry_after};
pub use machine::{Retry, clone_request};

use crate::step::Outcome;

/// A source of randomness for back-off jitter, passed in by the driver.
pub trait Jitter: Send {
    /// A uniformly random `u64`.
    fn next_u64(&mut self) -> u64;
}

impl<F: FnMut() -> u64 + Send> Jitter for F {
    fn next_u64(&mut self) -> u64 {
        self()
    }
}

/// Limits and timings for retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 disables retries).
    pub max_attempts: u32,
    /// The back-off ceiling of the first retry; doubled for each further one.
    pub base_delay: Duration,
    /// The largest back-off ceiling, and the longest wait a `Retry-After`
    /// can ask for.
    pub max_delay: Duration,
    /// Total time from the first attempt after which no retry starts.
    pub deadline: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, back-off from 500 ms capped at 30 s, a 2-minute deadline.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            deadline: Duration::from_secs(120),
        }
    }
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Send again after this delay.
    RetryAfter(Duration),
    /// Hand the outcome to the caller.
    Stop,
}

/// Which attempt an outcome ended, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// The attempt's number, the first being 1.
    pub number: u32,
    /// Time since the first attempt started.
    pub elapsed: Duration,
    /// The wall clock (for a `Retry-After` date).
    pub wall: SystemTime,
}

/// A [`Jitter`] source seeded once: splitmix64, so that a driver (or a
/// machine forking its jitter) needs one random number, not a generator.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A source starting from `seed`.
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }
}

impl Jitter for SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Why an outcome is (or is not) worth another attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retryable {
    No,
    /// Whatever the method: the server did not process the request.
    Always,
    /// Only for methods that are safe to repeat.
    IfIdempotent,
}

/// Whether repeating `method` cannot change the outcome: GET, HEAD,
/// OPTIONS, PUT, DELETE, and PATCH (Foxy's PATCH sets the named properties).
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::PATCH
    )
}

fn classify(outcome: &Outcome) -> Retryable {
    match outcome {
        Err(failure) if !failure.is_retryable() => Retryable::No,
        Err(failure) if !failure.may_have_been_sent() => Retryable::Always,
        Err(_) => Retryable::IfIdempotent,
        Ok(response) => match response.status() {
            StatusCode::TOO_MANY_REQUESTS => Retryable::Always,
            StatusCode::INTERNAL_SERVER_ERROR
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT => Retryable::IfIdempotent,
            _ => Retryable::No,
        },
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn never() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The back-off ceiling before retry number `retry` (1-based):
    /// `base * 2^(retry-1)`, capped at `max_delay`.
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }

    /// Full jitter: a uniformly random delay in `[0, ceiling)`, the random
    /// `u64` read as the fraction `r / 2^64`.
    pub fn backoff(&self, retry: u32, jitter: &mut dyn Jitter) -> Duration {
        let ceiling = self.ceiling(retry).as_nanos();
        let scaled = (ceiling * u128::from(jitter.next_u64())) >> 64;
        Duration::from_nanos(u64::try_from(scaled).unwrap_or(u64::MAX))
    }

    /// What to do after attempt number `attempt` (1-based) of a `method`
    /// request produced `outcome`. `elapsed` is the time since the first
    /// attempt started; `wall` is used for a `Retry-After` date.
    ///
    /// A `Retry-After` is waited for at most [`RetryPolicy::max_delay`]; one
    /// that asks to wait until the [`RetryPolicy::deadline`] or later stops
    /// at once, so the caller gets the rate-limit (or unavailable) answer
    /// now rather than after a sleep that could not end in a retry.
    pub fn decide(
        &self,
        method: &Method,
        outcome: &Outcome,
        attempt: u32,
        elapsed: Duration,
        wall: SystemTime,
        jitter: &mut dyn Jitter,
    ) -> Decision {
        let attempt = Attempt {
            number: attempt,
            elapsed,
            wall,
        };
        self.decide_for(is_idempotent(method), outcome, attempt, jitter)
    }

    /// [`RetryPolicy::decide`] for a request that is (`repeatable`) or is
    /// not safe to send twice, whatever its method.
    pub fn decide_for(
        &self,
        repeatable: bool,
        outcome: &Outcome,
        attempt: Attempt,
        jitter: &mut dyn Jitter,
    ) -> Decision {
        let Attempt {
            number: attempt,
            elapsed,
            wall,
        } = attempt;
        let retryable = match classify(outcome) {
            Retryable::No => false,
            Retryable::Always => true,
            Retryable::IfIdempotent => repeatable,
        };
        if !retryable || attempt >= self.max_attempts {
            return Decision::Stop;
        }
        let asked = outcome.as_ref().ok().and_then(|response| {
            let value = response.headers().get(header::RETRY_AFTER)?.to_str().ok()?;
            parse_retry_after(value, wall)
        });
        let delay = match asked {
            Some(asked) if elapsed.saturating_add(asked) >= self.deadline => {
                return Decision::Stop;
            }
            Some(asked) => asked.min(self.max_delay),
            None => self.backoff(attempt, jitter),
        };
        if elapsed.saturating_add(delay) >= self.deadline {
            return Decision::Stop;
        }
        Decision::RetryAfter(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::step::TransportFailure;
    use http::Response;
    use std::time::UNIX_EPOCH;

    fn status(code: u16) -> Outcome {
        let mut r = Response::new(Vec::new());
        *r.status_mut() = StatusCode::from_u16(code).expect("status");
        Ok(r)
    }

    fn decide(method: Method, outcome: &Outcome) -> Decision {
        let mut half = || 1u64 << 63;
        RetryPolicy::default().decide(&method, outcome, 1, Duration::ZERO, UNIX_EPOCH, &mut half)
    }

    #[test]
    fn table_of_decisions() {
        let half = Decision::RetryAfter(Duration::from_millis(250));
        let refused = Err(TransportFailure::NotSent("refused".into()));
        let dropped = Err(TransportFailure::Dropped("reset".into()));
        let timeout = Err(TransportFailure::TimedOut);
        for m in [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::PUT,
            Method::DELETE,
            Method::PATCH,
        ] {
            for o in [
                &refused,
                &dropped,
                &timeout,
                &status(429),
                &status(500),
                &status(502),
                &status(503),
                &status(504),
            ] {
                assert_eq!(decide(m.clone(), o), half, "{m} {o:?}");
            }
            for o in [&status(200), &status(400), &status(401), &status(501)] {
                assert_eq!(decide(m.clone(), o), Decision::Stop, "{m} {o:?}");
            }
        }
        let unrecorded = Err(TransportFailure::NoRecording {
            method: "GET".into(),
            url: "http://h/carts".into(),
        });
        for m in [Method::GET, Method::POST] {
            assert_eq!(decide(m, &unrecorded), Decision::Stop);
        }
        assert_eq!(decide(Method::POST, &refused), half);
        assert_eq!(decide(Method::POST, &status(429)), half);
        for o in [
            &dropped,
            &timeout,
            &status(500),
            &status(502),
            &status(503),
            &status(504),
        ] {
            assert_eq!(decide(Method::POST, o), Decision::Stop, "POST {o:?}");
            // The same POST marked safe to repeat (a token refresh) is retried.
            let mut jitter = || 1u64 << 63;
            let attempt = Attempt {
                number: 1,
                elapsed: Duration::ZERO,
                wall: UNIX_EPOCH,
            };
            let repeated = RetryPolicy::default().decide_for(true, o, attempt, &mut jitter);
            assert_eq!(repeated, half, "repeatable POST {o:?}");
        }
    }

    #[test]
    fn splitmix_is_deterministic_and_spread() {
        let mut a = SplitMix::new(7);
        let mut b = SplitMix::new(7);
        let first: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let second: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        assert_eq!(first, second);
        assert!(first.windows(2).all(|w| w[0] != w[1]));
    }

    fn after(seconds: &str) -> Outcome {
        let mut r = Response::new(Vec::new());
        *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        r.headers_mut()
            .insert(header::RETRY_AFTER, seconds.parse().expect("header"));
        Ok(r)
    }

    #[test]
    fn retry_after_is_capped_and_bounded_by_the_deadline() {
        let p = RetryPolicy::default();
        let mut zero = || 0;
        let mut at = |seconds: &str, elapsed: u64| {
            p.decide(
                &Method::GET,
                &after(seconds),
                1,
                Duration::from_secs(elapsed),
                UNIX_EPOCH,
                &mut zero,
            )
        };
        let wait = |secs| Decision::RetryAfter(Duration::from_secs(secs));
        assert_eq!(at("7", 0), wait(7));
        assert_eq!(at("30", 0), wait(30));
        assert_eq!(at("60", 0), wait(30), "capped at max_delay");
        assert_eq!(at("119", 0), wait(30), "capped at max_delay");
        assert_eq!(at("120", 0), Decision::Stop, "reaches the deadline");
        assert_eq!(at("3600", 0), Decision::Stop, "past the deadline");
        assert_eq!(at("10", 100), wait(10));
        assert_eq!(
            at("25", 100),
            Decision::Stop,
            "past the deadline, though under the cap"
        );
    }

    #[test]
    fn backoff_doubles_is_capped_and_jittered() {
        let p = RetryPolicy::default();
        assert_eq!(p.ceiling(1), Duration::from_millis(500));
        assert_eq!(p.ceiling(3), Duration::from_secs(2));
        assert_eq!(p.ceiling(40), Duration::from_secs(30));
        let mut zero = || 0;
        assert_eq!(p.backoff(3, &mut zero), Duration::ZERO);
        let mut half = || 1u64 << 63;
        assert_eq!(p.backoff(3, &mut half), Duration::from_secs(1));
        let mut max = || u64::MAX;
        assert!(p.backoff(3, &mut max) < Duration::from_secs(2));
    }
}
