//! One authorized request: the first grant when there is no usable token
//! yet, then the request with refresh and retries, and what a charge mark
//! means for the flow around it.

use http::{Response, header};

use crate::auth::{Authorized, Exchange};
use crate::cache::{Cache, Cached};
use crate::error::Error;
use crate::step::{Machine, Now, Outcome, Step};

/// One request sent with a fresh token: the first grant when the client has
/// no usable token yet, then the request with refresh and retries, through
/// the client's cache ([`Cached`]: validators, 304s, metadata).
pub struct Call {
    exchange: Option<Exchange>,
    authorized: Cached<Authorized>,
    pub(super) charge: bool,
    pub(super) transaction: Option<String>,
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("authorized", &self.authorized)
            .field("charge", &self.charge)
            .field("transaction", &self.transaction)
            .finish_non_exhaustive()
    }
}

impl Call {
    /// A call that runs `exchange` (when given) before `authorized`.
    pub fn new(exchange: Option<Exchange>, authorized: Authorized) -> Call {
        // No cache yet: `with_cache` copies the headers the cache reads.
        let head = crate::cache::head_of(authorized.request());
        let cached = Cached::without_cache(authorized, head);
        Call {
            exchange,
            authorized: cached,
            charge: false,
            transaction: None,
        }
    }

    /// The same call sent through `cache` (none: no cache, the answer
    /// still carries its [`ResponseMeta`](crate::meta::ResponseMeta)).
    pub fn with_cache(mut self: Box<Self>, cache: Option<Cache>) -> Box<Self> {
        self.authorized.set_cache_for(cache, Authorized::request);
        self
    }

    /// Marks this call's request as a charge: once it may have reached the
    /// server, every later failure of the flow is ambiguous.
    pub fn charge(mut self: Box<Self>) -> Box<Self> {
        self.charge = true;
        self
    }

    /// Marks this call as following a charge that made `transaction`.
    pub fn after_charge(mut self: Box<Self>, transaction: String) -> Box<Self> {
        self.transaction = Some(transaction);
        self
    }
}

/// Whether a charge that got `result` may have been made: a success, a
/// 5xx (the server may have failed after charging), or no answer after
/// the request may have been sent. A 4xx (429 included) was refused.
pub(super) fn may_have_charged(result: &Result<Response<Vec<u8>>, Error>) -> bool {
    match result {
        Ok(response) => response.status().is_success() || response.status().is_server_error(),
        Err(e) => e.may_have_been_sent(),
    }
}

/// The `Location` of a charge's answer, resolved against the charged href.
pub(super) fn location_of(response: &Response<Vec<u8>>, charged: Option<&str>) -> Option<String> {
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    match charged {
        Some(base) => crate::request::resolve_href(base, location).ok(),
        None => Some(location.to_owned()),
    }
}

impl Machine for Call {
    type Output = Result<Response<Vec<u8>>, Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        if let Some(exchange) = &mut self.exchange {
            match exchange.poll(now) {
                Step::Done(Ok(())) => self.exchange = None,
                Step::Done(Err(e)) => return Step::Done(Err(e)),
                Step::Send(request) => return Step::Send(request),
                Step::Wait(delay) => return Step::Wait(delay),
            }
        }
        self.authorized.poll(now)
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        match &mut self.exchange {
            Some(exchange) => exchange.feed(outcome, now),
            None => self.authorized.feed(outcome, now),
        }
    }
}
