//! The shape every multi-step operation shares: a machine the driver polls.
//!
//! A machine never performs I/O and never reads the clock. The driver (the
//! blocking or async client) asks it what to do next with [`Machine::poll`],
//! performs that (send a request, sleep), and feeds the outcome back with
//! [`Machine::feed`]. The whole driver is this loop:
//!
//! ```
//! # use foxy_proto::step::{Machine, Now, Step, TransportFailure};
//! # fn send(_: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportFailure> {
//! #     Ok(http::Response::new(Vec::new()))
//! # }
//! # fn sleep(_: std::time::Duration) {}
//! # fn now() -> Now { Now::new(std::time::Duration::ZERO, std::time::UNIX_EPOCH) }
//! fn run<M: Machine>(mut machine: M) -> M::Output {
//!     loop {
//!         match machine.poll(now()) {
//!             Step::Send(request) => {
//!                 let outcome = send(request);
//!                 machine.feed(outcome, now());
//!             }
//!             Step::Wait(delay) => sleep(delay),
//!             Step::Done(output) => return output,
//!         }
//!     }
//! }
//! ```
//!
//! [`drive`] is that loop with the three effects passed in as closures.

use std::time::{Duration, SystemTime};

use http::{Request, Response};

/// What the driver must do next.
// `Send` is much larger than `Wait`; a step is handed over once per
// transition, so boxing the request would cost an allocation for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
#[must_use = "a step tells the driver what to do next"]
pub enum Step<T> {
    /// Send this request and feed the outcome back with [`Machine::feed`].
    Send(Request<Vec<u8>>),
    /// Sleep this long, then poll again.
    Wait(Duration),
    /// The operation is over.
    Done(T),
}

/// The time as the driver sees it, passed to every call.
///
/// `elapsed` is monotonic time since an origin the driver picks once (for
/// example `origin.elapsed()` of a `std::time::Instant`); deadlines and
/// back-off use it. `wall` is the wall clock, used only where the protocol
/// speaks in absolute time: `Retry-After` dates and token expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Monotonic time since the driver's origin.
    pub elapsed: Duration,
    /// Wall-clock time.
    pub wall: SystemTime,
}

impl Now {
    /// A reading of both clocks.
    pub fn new(elapsed: Duration, wall: SystemTime) -> Now {
        Now { elapsed, wall }
    }

    /// The same reading moved forward by `by` on both clocks.
    pub fn advanced(self, by: Duration) -> Now {
        Now {
            elapsed: self.elapsed.saturating_add(by),
            wall: self.wall.checked_add(by).unwrap_or(self.wall),
        }
    }
}

/// Why a request produced no response.
///
/// The distinction matters for retries: a request that provably never left
/// can be sent again whatever its method; one that may have reached the
/// server can only be replayed when it is idempotent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransportFailure {
    /// The connection could not be opened (refused, DNS, TLS handshake):
    /// no byte of the request reached the server.
    #[error("request never sent: {0}")]
    NotSent(String),
    /// The request was (perhaps partly) sent, then the connection dropped
    /// before a complete response arrived.
    #[error("connection dropped after the request was sent: {0}")]
    Dropped(String),
    /// No response arrived in time; the request may have been processed.
    #[error("request timed out")]
    TimedOut,
    /// A replay's cassette holds no recording for the request: nothing was
    /// sent, and sending it again cannot find one, so it is never retried.
    #[error("replay: no recording in the cassette for {method} {url}")]
    NoRecording {
        /// The request's method.
        method: String,
        /// The request's URL, secret query parameters scrubbed.
        url: String,
    },
}

impl TransportFailure {
    /// Whether the server can have seen the request.
    pub fn may_have_been_sent(&self) -> bool {
        !matches!(
            self,
            TransportFailure::NotSent(_) | TransportFailure::NoRecording { .. }
        )
    }

    /// Whether another attempt can answer differently: every failure but a
    /// replay's missing recording.
    pub fn is_retryable(&self) -> bool {
        !matches!(self, TransportFailure::NoRecording { .. })
    }
}

/// What a transport hands back for one request.
pub type Outcome = Result<Response<Vec<u8>>, TransportFailure>;

/// A multi-step operation driven by polling.
pub trait Machine {
    /// The final result.
    type Output;

    /// What to do next. After `Step::Done` the machine must not be polled again.
    fn poll(&mut self, now: Now) -> Step<Self::Output>;

    /// The outcome of the request from the last `Step::Send`.
    fn feed(&mut self, outcome: Outcome, now: Now);
}

impl<M: Machine + ?Sized> Machine for &mut M {
    type Output = M::Output;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        (**self).poll(now)
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        (**self).feed(outcome, now);
    }
}

/// Runs `machine` to completion with the given effects: `send` moves one
/// request, `sleep` waits, `now` reads the clocks.
///
/// This is the blocking client's whole driver; the async client writes the
/// same loop with `.await` on `send` and `sleep`.
pub fn drive<M: Machine>(
    mut machine: M,
    mut send: impl FnMut(Request<Vec<u8>>) -> Outcome,
    mut sleep: impl FnMut(Duration),
    mut now: impl FnMut() -> Now,
) -> M::Output {
    loop {
        match machine.poll(now()) {
            Step::Send(request) => {
                let outcome = send(request);
                machine.feed(outcome, now());
            }
            Step::Wait(delay) => sleep(delay),
            Step::Done(output) => return output,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends one request, waits once, then reports the status it saw.
    struct Twice {
        sent: u32,
        waited: bool,
        status: Option<u16>,
    }

    impl Machine for Twice {
        type Output = (u32, Option<u16>);

        fn poll(&mut self, _now: Now) -> Step<Self::Output> {
            if self.sent == 0 {
                self.sent += 1;
                return Step::Send(Request::new(Vec::new()));
            }
            if !self.waited {
                self.waited = true;
                return Step::Wait(Duration::from_secs(1));
            }
            Step::Done((self.sent, self.status))
        }

        fn feed(&mut self, outcome: Outcome, _now: Now) {
            self.status = outcome.ok().map(|r| r.status().as_u16());
        }
    }

    #[test]
    fn drive_runs_each_effect() {
        let mut slept = Duration::ZERO;
        let out = drive(
            Twice {
                sent: 0,
                waited: false,
                status: None,
            },
            |_| Ok(Response::new(Vec::new())),
            |d| slept += d,
            || Now::new(Duration::ZERO, SystemTime::UNIX_EPOCH),
        );
        assert_eq!(out, (1, Some(200)));
        assert_eq!(slept, Duration::from_secs(1));
    }

    #[test]
    fn only_not_sent_is_provably_unsent() {
        assert!(!TransportFailure::NotSent("refused".into()).may_have_been_sent());
        assert!(TransportFailure::Dropped("reset".into()).may_have_been_sent());
        assert!(TransportFailure::TimedOut.may_have_been_sent());
        let miss = TransportFailure::NoRecording {
            method: "GET".into(),
            url: "http://h/carts".into(),
        };
        assert!(!miss.may_have_been_sent());
        assert!(!miss.is_retryable());
        assert!(TransportFailure::NotSent("refused".into()).is_retryable());
    }
}
