//! Operations as state machines: one authorized call after another.
//!
//! Every client operation, from a single GET to a charge (PATCH the cart,
//! POST it, GET the transaction), is a [`Flow`]: a [`Machine`] that runs one
//! `Call` at a time and hands each response to a continuation that
//! decides what comes next. The flows are built once, here and in
//! [`crate::ops`]; the blocking and async clients differ only in the loop
//! that drives them (`send` + `sleep`). Every request a flow hands out is
//! checked against the [`TransportPolicy`] first.
//!
//! A call marked as a charge ([`Call::charge`]) changes what later
//! failures mean: once its POST may have reached the server (a success, a
//! 5xx, a dropped connection or a timeout), every failure of the rest of
//! the flow is [`Error::Ambiguous`], with the transaction's href when the
//! answer named it.

use http::{Request, Response, header};

use foxy_proto::auth::{Authorized, Exchange};
use foxy_proto::step::{Machine, Now, Outcome, Step};

use crate::drive::Driven;
use crate::error::Error;
use crate::transport::TransportPolicy;

/// One request sent with a fresh token: the first grant when the client has
/// no usable token yet, then the request with refresh and retries.
pub(crate) struct Call {
    exchange: Option<Exchange>,
    authorized: Authorized,
    charge: bool,
    transaction: Option<String>,
}

impl Call {
    /// A call that runs `exchange` (when given) before `authorized`.
    pub(crate) fn new(exchange: Option<Exchange>, authorized: Authorized) -> Call {
        Call {
            exchange,
            authorized,
            charge: false,
            transaction: None,
        }
    }

    /// Marks this call's request as a charge: once it may have reached the
    /// server, every later failure of the flow is ambiguous.
    pub(crate) fn charge(mut self: Box<Self>) -> Box<Self> {
        self.charge = true;
        self
    }

    /// Marks this call as following a charge that made `transaction`.
    pub(crate) fn after_charge(mut self: Box<Self>, transaction: String) -> Box<Self> {
        self.transaction = Some(transaction);
        self
    }
}

/// Whether a charge that got `result` may have been made: a success, a
/// 5xx (the server may have failed after charging), or no answer after
/// the request may have been sent. A 4xx (429 included) was refused.
fn may_have_charged(result: &Result<Response<Vec<u8>>, Error>) -> bool {
    match result {
        Ok(response) => response.status().is_success() || response.status().is_server_error(),
        Err(e) => e.is_ambiguous(),
    }
}

/// The `Location` of a charge's answer, resolved against the charged href.
fn location_of(response: &Response<Vec<u8>>, charged: Option<&str>) -> Option<String> {
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    match charged {
        Some(base) => foxy_proto::request::resolve_href(base, location).ok(),
        None => Some(location.to_owned()),
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

impl<T> Next<T> {
    /// The same step, its call marked as following a charge that made
    /// `transaction` (see [`Call::after_charge`]).
    pub(crate) fn after_charge(self, transaction: String) -> Next<T> {
        match self {
            Next::Call(call, label, then) => {
                Next::Call(call.after_charge(transaction), label, then)
            }
            done => done,
        }
    }
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
    /// Set once a charge may have been made, with its transaction when known.
    landed: Option<Option<String>>,
    /// The URI of the last request handed out.
    last_uri: Option<String>,
}

impl<T> Flow<T> {
    /// A flow starting from `next` (a result already known, or a first call).
    pub(crate) fn start(policy: TransportPolicy, next: Result<Next<T>, Error>) -> Flow<T> {
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

    fn install(&mut self, next: Result<Next<T>, Error>) {
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
    fn failed(&self, error: Error) -> Error {
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

    fn checked(&mut self, request: Request<Vec<u8>>) -> Step<Result<T, Error>> {
        match self.policy.check(request.uri()) {
            Ok(()) => {
                self.attempt += 1;
                self.last_uri = Some(request.uri().to_string());
                Step::Send(request)
            }
            Err(refused) => {
                // Dropping the call releases any refresh lease it holds.
                self.state = State::Over;
                Step::Done(Err(self.failed(Error::Policy(refused))))
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
                    Step::Done(result) => {
                        if call.charge && may_have_charged(&result) && self.landed.is_none() {
                            let transaction = result
                                .as_ref()
                                .ok()
                                .and_then(|r| location_of(r, self.last_uri.as_deref()));
                            self.landed = Some(transaction);
                        }
                        match result {
                            Ok(response) => self.install(then(response)),
                            Err(e) => self.state = State::Finished(Err(self.failed(e))),
                        }
                    }
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

impl<T> Driven for Flow<T> {
    fn label(&self) -> &str {
        Flow::label(self)
    }

    fn attempt(&self) -> u32 {
        Flow::attempt(self)
    }
}
