//! Operations as state machines: one authorized call after another.
//!
//! Every client operation, from a single GET to a charge (PATCH the cart,
//! POST it, GET the transaction), is a [`Flow`]: a [`Machine`] that runs one
//! `Call` at a time and hands each response to a continuation that
//! decides what comes next. The flows are built once, here and in
//! [`crate::ops`]; the blocking and async clients differ only in the loop
//! that drives them (`send` + `sleep`). Every request a flow hands out is
//! checked against the [`TransportPolicy`] first.

use http::{Request, Response};

use foxy_proto::auth::{Authorized, Exchange};
use foxy_proto::step::{Machine, Now, Outcome, Step};

use crate::error::Error;
use crate::transport::TransportPolicy;

/// One request sent with a fresh token: the first grant when the client has
/// no usable token yet, then the request with refresh and retries.
pub(crate) struct Call {
    exchange: Option<Exchange>,
    authorized: Authorized,
}

impl Call {
    /// A call that runs `exchange` (when given) before `authorized`.
    pub(crate) fn new(exchange: Option<Exchange>, authorized: Authorized) -> Call {
        Call {
            exchange,
            authorized,
        }
    }
}

impl Machine for Call {
    type Output = Result<Response<Vec<u8>>, Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        if let Some(exchange) = &mut self.exchange {
            match exchange.poll(now) {
                Step::Done(Ok(())) => self.exchange = None,
                Step::Done(Err(e)) => return Step::Done(Err(e.into())),
                Step::Send(request) => return Step::Send(request),
                Step::Wait(delay) => return Step::Wait(delay),
            }
        }
        match self.authorized.poll(now) {
            Step::Done(result) => Step::Done(result.map_err(Error::from)),
            Step::Send(request) => Step::Send(request),
            Step::Wait(delay) => Step::Wait(delay),
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        match &mut self.exchange {
            Some(exchange) => exchange.feed(outcome, now),
            None => self.authorized.feed(outcome, now),
        }
    }
}

/// What a continuation hands back: the result, or another call and what to
/// do with its response.
pub(crate) enum Next<T> {
    /// The operation is over.
    Done(T),
    /// Run this call, then the continuation with its response.
    Call(Box<Call>, String, Then<T>),
}

/// A continuation: turns a response (any status) into what comes next.
pub(crate) type Then<T> = Box<dyn FnOnce(Response<Vec<u8>>) -> Result<Next<T>, Error> + Send>;

enum State<T> {
    Calling(Box<Call>, Then<T>),
    Finished(Result<T, Error>),
    Over,
}

/// A whole operation: calls chained by continuations.
pub struct Flow<T> {
    state: State<T>,
    policy: TransportPolicy,
    label: String,
    attempt: u32,
}

impl<T> Flow<T> {
    /// A flow starting from `next` (a result already known, or a first call).
    pub(crate) fn start(policy: TransportPolicy, next: Result<Next<T>, Error>) -> Flow<T> {
        let mut flow = Flow {
            state: State::Over,
            policy,
            label: String::new(),
            attempt: 0,
        };
        flow.install(next);
        flow
    }

    fn install(&mut self, next: Result<Next<T>, Error>) {
        self.state = match next {
            Ok(Next::Done(value)) => State::Finished(Ok(value)),
            Ok(Next::Call(call, label, then)) => {
                self.label = label;
                self.attempt = 0;
                State::Calling(call, then)
            }
            Err(e) => State::Finished(Err(e)),
        };
    }

    /// What the current call is for (a relation followed or an operation name).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Requests sent so far by the current call (token requests included).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    fn checked(&mut self, request: Request<Vec<u8>>) -> Step<Result<T, Error>> {
        match self.policy.check(request.uri()) {
            Ok(()) => {
                self.attempt += 1;
                Step::Send(request)
            }
            Err(refused) => {
                // Dropping the call releases any refresh lease it holds.
                self.state = State::Over;
                Step::Done(Err(Error::Policy(refused)))
            }
        }
    }
}

impl<T> Machine for Flow<T> {
    type Output = Result<T, Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        loop {
            match std::mem::replace(&mut self.state, State::Over) {
                State::Calling(mut call, then) => match call.poll(now) {
                    Step::Send(request) => {
                        self.state = State::Calling(call, then);
                        return self.checked(request);
                    }
                    Step::Wait(delay) => {
                        self.state = State::Calling(call, then);
                        return Step::Wait(delay);
                    }
                    Step::Done(Ok(response)) => self.install(then(response)),
                    Step::Done(Err(e)) => self.state = State::Finished(Err(e)),
                },
                State::Finished(result) => return Step::Done(result),
                State::Over => {
                    return Step::Done(Err(Error::Internal("flow polled after done".into())));
                }
            }
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        match &mut self.state {
            State::Calling(call, _) => call.feed(outcome, now),
            _ => {
                self.state = State::Finished(Err(Error::Internal(
                    "flow fed an outcome nobody asked for".into(),
                )))
            }
        }
    }
}
