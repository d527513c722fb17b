//! The retry machine: one request, sent until the policy says stop.

use std::time::Duration;

use http::{Request, Response};

use crate::error::Error;
use crate::step::{Machine, Now, Outcome, Step};

use super::{Attempt, Decision, Jitter, RetryPolicy, is_idempotent};

/// Sends one request, retrying as [`RetryPolicy::decide`] allows.
///
/// Finishes with the last response, whatever its status (the caller turns
/// error statuses into [`Error::Api`]), or with the last transport failure
/// ([`Error::Transport`], [`Error::Timeout`]).
pub struct Retry {
    request: Request<Vec<u8>>,
    policy: RetryPolicy,
    jitter: Box<dyn Jitter>,
    repeatable: bool,
    attempts: u32,
    started: Option<Duration>,
    state: State,
}

enum State {
    Ready,
    Awaiting,
    Until(Duration),
    Finished(Result<Response<Vec<u8>>, Error>),
    Over,
}

impl Retry {
    /// A machine sending `request` under `policy`, with `jitter` for back-off.
    pub fn new(request: Request<Vec<u8>>, policy: RetryPolicy, jitter: Box<dyn Jitter>) -> Retry {
        Retry {
            repeatable: is_idempotent(request.method()),
            request,
            policy,
            jitter,
            attempts: 0,
            started: None,
            state: State::Ready,
        }
    }

    /// Attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The request being sent.
    pub fn request(&self) -> &Request<Vec<u8>> {
        &self.request
    }

    /// The request the next attempt sends (to put a newer token on it).
    pub fn request_mut(&mut self) -> &mut Request<Vec<u8>> {
        &mut self.request
    }

    /// Marks the request safe to send again after the server may have seen
    /// it, whatever its method: a token refresh is a POST that charges nobody.
    pub fn repeatable(mut self) -> Retry {
        self.repeatable = true;
        self
    }

    /// Says whether the request is safe to send again after the server may
    /// have seen it, overriding what its method implies: a `GET` that adds
    /// to a cart is not, a `POST` that only reads is.
    pub fn with_repeatable(mut self, repeatable: bool) -> Retry {
        self.repeatable = repeatable;
        self
    }

    /// Whether the next [`Machine::poll`] at `now` sends an attempt.
    pub fn sends_next(&self, now: Now) -> bool {
        match self.state {
            State::Ready => true,
            State::Until(at) => now.elapsed >= at,
            _ => false,
        }
    }

    /// The jitter source, to fork another from it.
    pub fn jitter_mut(&mut self) -> &mut dyn Jitter {
        self.jitter.as_mut()
    }

    /// Gives back the jitter source (to reuse it for a replay).
    pub fn into_jitter(self) -> Box<dyn Jitter> {
        self.jitter
    }

    /// Gives back the request (as the last attempt was sent, without what
    /// the transport or a wrapping machine added to that attempt's copy) and
    /// the jitter source, for a caller that may send the request again.
    pub fn into_parts(self) -> (Request<Vec<u8>>, Box<dyn Jitter>) {
        (self.request, self.jitter)
    }

    fn send(&mut self) -> Step<Result<Response<Vec<u8>>, Error>> {
        self.attempts += 1;
        self.state = State::Awaiting;
        Step::Send(clone_request(&self.request))
    }
}

impl std::fmt::Debug for Retry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Retry")
            .field("method", self.request.method())
            .field("uri", self.request.uri())
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// A copy of a request: method, URI, version, headers (sensitivity kept) and body.
pub fn clone_request(request: &Request<Vec<u8>>) -> Request<Vec<u8>> {
    let mut copy = Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

impl Machine for Retry {
    type Output = Result<Response<Vec<u8>>, Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        self.started.get_or_insert(now.elapsed);
        match std::mem::replace(&mut self.state, State::Over) {
            State::Ready => self.send(),
            State::Until(at) if now.elapsed >= at => self.send(),
            State::Until(at) => {
                self.state = State::Until(at);
                Step::Wait(at - now.elapsed)
            }
            State::Finished(result) => Step::Done(result),
            State::Awaiting => Step::Done(Err(Error::Driver("polled before feeding the outcome"))),
            State::Over => Step::Done(Err(Error::Driver("polled after done"))),
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        if !matches!(self.state, State::Awaiting) {
            self.state = State::Finished(Err(Error::Driver("fed an outcome nobody asked for")));
            return;
        }
        let started = self.started.unwrap_or(now.elapsed);
        let elapsed = now.elapsed.saturating_sub(started);
        let attempt = Attempt {
            number: self.attempts,
            elapsed,
            wall: now.wall,
        };
        let decision =
            self.policy
                .decide_for(self.repeatable, &outcome, attempt, self.jitter.as_mut());
        self.state = match decision {
            Decision::RetryAfter(delay) => State::Until(now.elapsed.saturating_add(delay)),
            Decision::Stop => State::Finished(outcome.map_err(Error::from)),
        };
    }
}
