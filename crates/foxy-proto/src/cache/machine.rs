//! The machine around one call: asks the cache first, adds validators to
//! the call's requests, hands the answer to the cache, and records what
//! the exchange was ([`ResponseMeta`]).

use std::time::Duration;

use http::{Request, Response};

use super::Cache;
use super::rules::{Lookup, bare, is_write};
use crate::error::Error;
use crate::meta::{CacheStatus, ResponseMeta};
use crate::step::{Machine, Now, Outcome, Step};

/// Wraps the machine `M` sending one request (an
/// [`Authorized`](crate::auth::Authorized) call, a [`Retry`](crate::retry::Retry)):
/// a GET the cache can answer is answered without polling `M`; otherwise
/// `M`'s attempts at the request get the stored validators, and its answer
/// goes through [`Cache::after`] (or [`Cache::after_write`] for a write).
/// Every answer leaves with a [`ResponseMeta`] in its extensions, cache or
/// not. Requests `M` sends for itself (a token refresh) pass untouched.
pub struct Cached<M> {
    inner: M,
    cache: Option<Cache>,
    /// The call's request, without body or secrets (and without headers
    /// while no cache is set: see [`Cached::without_cache`]).
    request: Request<Vec<u8>>,
    /// Whether `request` has the request's headers (what the cache's rules read).
    headers: bool,
    lookup: Option<Lookup>,
    started: Option<Duration>,
    attempts: u32,
    done: bool,
}

/// The method, URI and version of `request`, without headers or body.
pub(crate) fn head_of<B>(request: &Request<B>) -> Request<Vec<u8>> {
    let mut head = Request::new(Vec::new());
    *head.method_mut() = request.method().clone();
    *head.uri_mut() = request.uri().clone();
    *head.version_mut() = request.version();
    head
}

impl<M> Cached<M> {
    /// `inner`, sending `request`, under `cache` (none: only the
    /// metadata is recorded).
    pub fn new(inner: M, cache: Option<Cache>, request: &Request<Vec<u8>>) -> Cached<M> {
        Cached {
            inner,
            cache,
            request: bare(request),
            headers: true,
            lookup: None,
            started: None,
            attempts: 0,
            done: false,
        }
    }

    /// `inner`, sending the request `head` was taken from ([`head_of`]),
    /// with no cache: only its method, URI and version are kept (all the
    /// metadata needs). [`Cached::set_cache_for`] copies the rest when a
    /// cache is set later.
    pub(crate) fn without_cache(inner: M, head: Request<Vec<u8>>) -> Cached<M> {
        Cached {
            inner,
            cache: None,
            request: head,
            headers: false,
            lookup: None,
            started: None,
            attempts: 0,
            done: false,
        }
    }

    /// Sends through `cache` instead (before the first poll); `request`
    /// gives the request this machine was built for (from the wrapped
    /// machine), whose headers are copied if only its method and URI were kept.
    pub(crate) fn set_cache_for(
        &mut self,
        cache: Option<Cache>,
        request: impl FnOnce(&M) -> &Request<Vec<u8>>,
    ) {
        if cache.is_some() && !self.headers {
            self.request = bare(request(&self.inner));
            self.headers = true;
        }
        self.cache = cache;
    }

    /// Sends through `cache` instead (before the first poll).
    pub fn set_cache(&mut self, cache: Option<Cache>) {
        debug_assert!(self.headers || cache.is_none(), "use set_cache_for");
        self.cache = cache;
    }

    /// The wrapped machine.
    pub fn inner(&self) -> &M {
        &self.inner
    }

    /// Attempts at the call's request sent so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    fn is_target(&self, request: &Request<Vec<u8>>) -> bool {
        request.method() == self.request.method() && request.uri() == self.request.uri()
    }

    fn finish(
        &mut self,
        mut response: Response<Vec<u8>>,
        cache: CacheStatus,
        now: Now,
    ) -> Response<Vec<u8>> {
        self.done = true;
        // Every attempt counted was sent to the request's URI (`is_target`),
        // and a hit is the stored answer for it: the URL is that URI.
        let meta = ResponseMeta {
            status: response.status(),
            // The response's own, read from it when the metadata is read.
            headers: http::HeaderMap::new(),
            etag: response
                .headers()
                .get(http::header::ETAG)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            url: self.request.uri().to_string(),
            attempts: self.attempts,
            elapsed: now
                .elapsed
                .saturating_sub(self.started.unwrap_or(now.elapsed)),
            cache,
            logref: None,
        };
        ResponseMeta::record(&mut response, meta);
        response
    }

    fn answered(&mut self, response: Response<Vec<u8>>, now: Now) -> Response<Vec<u8>> {
        let lookup = self.lookup.replace(Lookup::Pass);
        let (response, status) = match (&self.cache, lookup) {
            (Some(cache), Some(Lookup::Send(pending))) => {
                cache.after(pending, &self.request, response, now.wall)
            }
            (Some(cache), _) if is_write(self.request.method()) => {
                cache.after_write(&self.request, Some(&response));
                (response, CacheStatus::Bypassed)
            }
            _ => (response, CacheStatus::Bypassed),
        };
        self.finish(response, status, now)
    }
}

impl<M, E> Machine for Cached<M>
where
    M: Machine<Output = Result<Response<Vec<u8>>, E>>,
    E: From<Error>,
{
    type Output = M::Output;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        if self.done {
            return Step::Done(Err(Error::Driver("polled after done").into()));
        }
        self.started.get_or_insert(now.elapsed);
        if self.lookup.is_none() {
            let lookup = match &self.cache {
                Some(cache) => cache.before(&self.request, now.wall),
                None => Lookup::Pass,
            };
            if let Lookup::Answer(response) = lookup {
                self.lookup = Some(Lookup::Pass);
                return Step::Done(Ok(self.finish(response, CacheStatus::Hit, now)));
            }
            self.lookup = Some(lookup);
        }
        match self.inner.poll(now) {
            Step::Send(mut request) => {
                if self.is_target(&request) {
                    self.attempts += 1;
                    if let Some(Lookup::Send(pending)) = &self.lookup {
                        for (name, value) in &pending.validators {
                            request.headers_mut().insert(name, value.clone());
                        }
                    }
                }
                Step::Send(request)
            }
            Step::Wait(delay) => Step::Wait(delay),
            Step::Done(Ok(response)) => Step::Done(Ok(self.answered(response, now))),
            Step::Done(Err(error)) => {
                self.done = true;
                if let Some(cache) = &self.cache {
                    if is_write(self.request.method()) {
                        cache.after_write(&self.request, None);
                    }
                }
                Step::Done(Err(error))
            }
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        self.inner.feed(outcome, now);
    }
}

impl<M> std::fmt::Debug for Cached<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cached")
            .field("method", self.request.method())
            .field("uri", self.request.uri())
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}
