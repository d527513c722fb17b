//! Operations as state machines: one authorized call after another.
//!
//! Every client operation, from a single GET to a charge (PATCH the cart,
//! POST it, GET the transaction), is a [`Flow`]: a [`Machine`] that runs one
//! [`Call`] at a time and hands each response to a continuation that
//! decides what comes next ([`Next`]). Every request a flow hands out is
//! checked against the [`TransportPolicy`] first. The clients only drive
//! flows: send, sleep, feed the outcome back.
//!
//! A call marked as a charge ([`Call::charge`]) changes what later failures
//! mean: once its POST may have reached the server (a success, a 5xx, a
//! dropped connection or a timeout), every failure of the rest of the flow
//! goes through [`FlowError::after_charge`], with the transaction's href
//! when the answer named it.
//!
//! [`Guarded`] is the one-request machine of the calls that carry no bearer
//! token (the legacy XML API, the `/cart` endpoint).

mod call;
mod guarded;
#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;

use http::{Request, Response};

pub use call::Call;
pub use guarded::Guarded;

use crate::error::Error;
use crate::policy::TransportPolicy;
use crate::step::{Machine, Now, Outcome, Step};

/// The error a flow ends with: foxy-proto's [`Error`] plus what the client
/// adds (a typed-model failure, an ambiguous charge).
pub trait FlowError: From<Error> + Send + 'static {
    /// This error as the failure of an operation whose charge may have gone
    /// through (`transaction` when the server named it).
    fn after_charge(self, transaction: Option<String>) -> Self;
}

/// What a continuation hands back: the result, or another call and what to
/// do with its response.
pub enum Next<T, E> {
    /// The operation is over.
    Done(T),
    /// Run this call (labelled with what it is for), then the continuation
    /// with its response.
    Call(Box<Call>, String, Then<T, E>),
}

impl<T, E> Next<T, E> {
    /// The same step, its call marked as following a charge that made
    /// `transaction` (see [`Call::after_charge`]).
    pub fn after_charge(self, transaction: String) -> Next<T, E> {
        match self {
            Next::Call(call, label, then) => {
                Next::Call(call.after_charge(transaction), label, then)
            }
            done => done,
        }
    }
}

/// A continuation: turns a response (any status) into what comes next.
pub type Then<T, E> = Box<dyn FnOnce(Response<Vec<u8>>) -> Result<Next<T, E>, E> + Send>;

enum State<T, E> {
    Calling(Box<Call>, Then<T, E>),
    Finished(Result<T, E>),
    Over,
}

/// A whole operation: calls chained by continuations.
pub struct Flow<T, E> {
    state: State<T, E>,
    policy: TransportPolicy,
    label: String,
    attempt: u32,
    /// Set once a charge may have been made, with its transaction when known.
    landed: Option<Option<String>>,
    /// The URI of the last request a charge call handed out.
    last_uri: Option<String>,
}

impl<T, E> std::fmt::Debug for Flow<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flow")
            .field("label", &self.label)
            .field("attempt", &self.attempt)
            .field("charged", &self.landed.is_some())
            .finish_non_exhaustive()
    }
}

impl<T, E: FlowError> Flow<T, E> {
    /// A flow starting from `next` (a result already known, or a first call),
    /// every request checked against `policy`.
    pub fn start(policy: TransportPolicy, next: Result<Next<T, E>, E>) -> Flow<T, E> {
        let mut flow = Flow {
            state: State::Over,
            policy,
            label: String::new(),
            attempt: 0,
            landed: None,
            last_uri: None,
        };
        flow.install(next);
        flow
    }

    fn install(&mut self, next: Result<Next<T, E>, E>) {
        self.state = match next {
            Ok(Next::Done(value)) => State::Finished(Ok(value)),
            Ok(Next::Call(call, label, then)) => {
                if let Some(transaction) = &call.transaction {
                    self.landed = Some(Some(transaction.clone()));
                }
                self.label = label;
                self.attempt = 0;
                State::Calling(call, then)
            }
            Err(e) => State::Finished(Err(self.failed(e))),
        };
    }

    /// A failure as the caller must see it: ambiguous once a charge may
    /// have been made.
    fn failed(&self, error: E) -> E {
        match &self.landed {
            Some(transaction) => error.after_charge(transaction.clone()),
            None => error,
        }
    }

    /// What the current call is for (a relation followed or an operation name).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Requests sent so far by the current call (token requests included).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Whether a charge of this flow may have been made.
    pub fn may_have_charged(&self) -> bool {
        self.landed.is_some()
    }

    fn checked(&mut self, request: Request<Vec<u8>>) -> Step<Result<T, E>> {
        match self.policy.check(request.uri()) {
            Ok(()) => {
                self.attempt += 1;
                // Only a charge's answer is read with the URI it went to.
                if matches!(&self.state, State::Calling(call, _) if call.charge) {
                    self.last_uri = Some(request.uri().to_string());
                }
                Step::Send(request)
            }
            Err(refused) => {
                // Dropping the call releases any refresh lease it holds.
                self.state = State::Over;
                Step::Done(Err(self.failed(Error::Policy(refused).into())))
            }
        }
    }
}

impl<T, E: FlowError> Flow<T, E> {
    /// The current call finished with `result`: what the continuation makes
    /// of it comes next.
    fn ended(&mut self, call: &Call, then: Then<T, E>, result: Result<Response<Vec<u8>>, Error>) {
        if call.charge && call::may_have_charged(&result) && self.landed.is_none() {
            let transaction = result
                .as_ref()
                .ok()
                .and_then(|r| call::location_of(r, self.last_uri.as_deref()));
            self.landed = Some(transaction);
        }
        match result {
            Ok(response) => self.install(then(response)),
            Err(e) => self.state = State::Finished(Err(self.failed(e.into()))),
        }
    }
}

impl<T, E: FlowError> Machine for Flow<T, E> {
    type Output = Result<T, E>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        loop {
            // A call's requests and waits are handed out in place (the
            // state, as large as the result, not moved out and back).
            if let State::Calling(call, _) = &mut self.state {
                match call.poll(now) {
                    Step::Send(request) => return self.checked(request),
                    Step::Wait(delay) => return Step::Wait(delay),
                    Step::Done(result) => {
                        if let State::Calling(call, then) =
                            std::mem::replace(&mut self.state, State::Over)
                        {
                            self.ended(&call, then, result);
                        }
                        continue;
                    }
                }
            }
            match std::mem::replace(&mut self.state, State::Over) {
                // Taken in place above.
                State::Calling(call, then) => self.state = State::Calling(call, then),
                State::Finished(result) => return Step::Done(result),
                State::Over => {
                    return Step::Done(Err(Error::Driver("flow polled after done").into()));
                }
            }
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        match &mut self.state {
            State::Calling(call, _) => call.feed(outcome, now),
            _ => {
                self.state = State::Finished(Err(Error::Driver(
                    "flow fed an outcome nobody asked for",
                )
                .into()))
            }
        }
    }
}
