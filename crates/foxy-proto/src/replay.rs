//! Test transports and a fake clock (feature `test-util`).
//!
//! - [`ReplayTransport`] serves canned request/response pairs in order and
//!   checks each request against what was expected.
//! - [`CaptureTransport`] records every request and answers from a queue.
//! - [`FakeClock`] is the driver's clock: sleeping advances it, nothing waits.
//! - [`run`] drives a machine with them, like a blocking client would.

use std::collections::VecDeque;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderName, HeaderValue, Method, Request, Response, StatusCode};

use crate::step::{Machine, Now, Outcome, TransportFailure, drive};

/// A clock that moves only when told to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FakeClock {
    now: Now,
    slept: Duration,
}

impl FakeClock {
    /// A clock at monotonic zero and the given wall-clock time.
    pub fn at(wall: SystemTime) -> FakeClock {
        FakeClock {
            now: Now::new(Duration::ZERO, wall),
            slept: Duration::ZERO,
        }
    }

    /// A clock at monotonic zero and `unix_secs` seconds after the epoch.
    pub fn at_unix(unix_secs: u64) -> FakeClock {
        FakeClock::at(UNIX_EPOCH + Duration::from_secs(unix_secs))
    }

    /// The current reading.
    pub fn now(&self) -> Now {
        self.now
    }

    /// Moves both clocks forward.
    pub fn advance(&mut self, by: Duration) {
        self.now = self.now.advanced(by);
    }

    /// Sleeps: advances the clock and adds to the total slept.
    pub fn sleep(&mut self, by: Duration) {
        self.slept += by;
        self.advance(by);
    }

    /// Total time slept.
    pub fn slept(&self) -> Duration {
        self.slept
    }
}

/// What a replayed request must look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    method: Method,
    uri: String,
    headers: Vec<(HeaderName, String)>,
    body: Option<Vec<u8>>,
}

impl Expect {
    /// A request with this method and exact URI.
    pub fn new(method: Method, uri: &str) -> Expect {
        Expect {
            method,
            uri: uri.to_owned(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Also requires this header value.
    pub fn header(mut self, name: &'static str, value: &str) -> Expect {
        self.headers
            .push((HeaderName::from_static(name), value.to_owned()));
        self
    }

    /// Also requires this body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Expect {
        self.body = Some(body.into());
        self
    }

    fn mismatch(&self, request: &Request<Vec<u8>>) -> Option<String> {
        if request.method() != self.method || request.uri().to_string() != self.uri {
            return Some(format!(
                "expected {} {}, got {} {}",
                self.method,
                self.uri,
                request.method(),
                request.uri()
            ));
        }
        for (name, want) in &self.headers {
            let got = request.headers().get(name).and_then(|v| v.to_str().ok());
            if got != Some(want.as_str()) {
                return Some(format!("header {name}: expected {want:?}, got {got:?}"));
            }
        }
        match &self.body {
            Some(body) if body != request.body() => Some(format!(
                "body: expected {:?}, got {:?}",
                String::from_utf8_lossy(body),
                String::from_utf8_lossy(request.body())
            )),
            _ => None,
        }
    }
}

/// A canned response: status, headers, body.
pub fn response(status: u16, headers: &[(&'static str, &str)], body: &str) -> Outcome {
    let mut r = Response::new(body.as_bytes().to_vec());
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in headers {
        if let Ok(v) = HeaderValue::from_str(value) {
            r.headers_mut().append(HeaderName::from_static(name), v);
        }
    }
    Ok(r)
}

/// Replays request/response pairs in order, checking each request.
#[derive(Debug, Default)]
pub struct ReplayTransport {
    script: VecDeque<(Expect, Outcome)>,
    mismatches: Vec<String>,
    served: usize,
}

/// What went wrong in a replay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("replay failed: {}", .problems.join("; "))]
pub struct ReplayError {
    /// Each problem: a mismatched or unexpected request, or unused pairs.
    pub problems: Vec<String>,
}

impl ReplayTransport {
    /// An empty script.
    pub fn new() -> ReplayTransport {
        ReplayTransport::default()
    }

    /// Adds a pair: when `expect` arrives, answer `outcome`.
    pub fn then(mut self, expect: Expect, outcome: Outcome) -> ReplayTransport {
        self.script.push_back((expect, outcome));
        self
    }

    /// Serves the next pair. A mismatch is recorded and answered with a
    /// `NotSent` failure, so the machine under test stops or moves on.
    pub fn send(&mut self, request: Request<Vec<u8>>) -> Outcome {
        self.served += 1;
        let Some((expect, outcome)) = self.script.pop_front() else {
            let problem = format!(
                "unexpected request #{}: {} {}",
                self.served,
                request.method(),
                request.uri()
            );
            self.mismatches.push(problem.clone());
            return Err(TransportFailure::NotSent(problem));
        };
        if let Some(problem) = expect.mismatch(&request) {
            let problem = format!("request #{}: {problem}", self.served);
            self.mismatches.push(problem.clone());
            return Err(TransportFailure::NotSent(problem));
        }
        outcome
    }

    /// Requests served.
    pub fn served(&self) -> usize {
        self.served
    }

    /// Ok when every request matched and every pair was used.
    pub fn finish(self) -> Result<(), ReplayError> {
        let mut problems = self.mismatches;
        if !self.script.is_empty() {
            problems.push(format!(
                "{} expected request(s) never sent",
                self.script.len()
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ReplayError { problems })
        }
    }
}

/// Records every request and answers from a queue (then with `NotSent`).
#[derive(Debug, Default)]
pub struct CaptureTransport {
    /// The requests, in the order sent.
    pub requests: Vec<Request<Vec<u8>>>,
    answers: VecDeque<Outcome>,
}

impl CaptureTransport {
    /// A transport answering with `answers` in order.
    pub fn new(answers: impl IntoIterator<Item = Outcome>) -> CaptureTransport {
        CaptureTransport {
            requests: Vec::new(),
            answers: answers.into_iter().collect(),
        }
    }

    /// Records the request and answers.
    pub fn send(&mut self, request: Request<Vec<u8>>) -> Outcome {
        self.requests.push(request);
        self.answers
            .pop_front()
            .unwrap_or_else(|| Err(TransportFailure::NotSent("no answer left".to_owned())))
    }
}

/// Runs `machine` against a send function on a fake clock: sleeping moves
/// the clock, and each send takes `latency` of it.
pub fn run<M: Machine>(
    machine: M,
    clock: &mut FakeClock,
    latency: Duration,
    mut send: impl FnMut(Request<Vec<u8>>) -> Outcome,
) -> M::Output {
    let clock = std::cell::RefCell::new(clock);
    drive(
        machine,
        |request| {
            clock.borrow_mut().advance(latency);
            send(request)
        },
        |delay| clock.borrow_mut().sleep(delay),
        || clock.borrow().now(),
    )
}
