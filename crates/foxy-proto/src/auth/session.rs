//! The authorized call: a request sent with a fresh bearer token.
//!
//! [`Authorized`] composes token refresh with the [`Retry`] machine:
//!
//! 1. look at the shared [`TokenState`]: fresh → send; within the refresh
//!    margin of expiry ([`super::token::refresh_margin`]) or rejected → take
//!    the refresh lease and send the refresh_token grant; another call
//!    refreshing → wait and look again;
//!    A [`TokenStore`] shared with other processes is asked first: it may
//!    hand over tokens another process refreshed, or make the call wait
//!    while another process refreshes (see [`TokenStore::begin_refresh`]);
//! 2. a refresh response installs the new tokens (keeping the refresh
//!    token when none is reissued), saves them to the [`TokenStore`], and
//!    goes back to 1, where the call sends the tokens it just got even if
//!    they are already inside their margin (a server issuing tokens that
//!    live a second, or `expires_in: 0`, costs one refresh per call, not an
//!    endless loop of refreshes);
//! 3. a 401 with `invalid_token` marks the token rejected and goes back to
//!    1, once: the request is replayed at most once. When no refresh can
//!    replace the token, the call fails with [`AuthError::Rejected`] and
//!    the server's error code;
//! 4. before each retry of the request (after a 5xx, a 429, a dropped
//!    connection), the shared state is read again: the retry carries the
//!    current token, and waits for a refresh when the token expired (or was
//!    replaced) while the call was backing off.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use http::{Request, Response, StatusCode, header};

use crate::error::{AuthError, Error};
use crate::request::{UserAgent, set_bearer};
use crate::retry::{Jitter, Retry, RetryPolicy, SplitMix};
use crate::step::{Machine, Now, Outcome, Step};

use super::grant::{ClientCredentials, Grant, parse_token_response};
use super::token::{
    Freshness, RefreshLease, StoreRefresh, TokenState, TokenStore, TokenStoreError,
};

/// How long a call waits before looking again while another refreshes.
pub const REFRESH_POLL: Duration = Duration::from_millis(100);

/// Tokens shared between the calls of one client.
pub type SharedTokens = Arc<Mutex<TokenState>>;

/// What a call needs to refresh tokens.
#[derive(Clone)]
pub struct Refresher {
    /// The token endpoint (see [`super::token_endpoint`]).
    pub endpoint: String,
    /// The client's credentials.
    pub client: ClientCredentials,
    /// The `User-Agent` for the token request.
    pub user_agent: UserAgent,
    /// Where refreshed tokens are saved.
    pub store: Arc<dyn TokenStore>,
}

impl std::fmt::Debug for Refresher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Refresher")
            .field("endpoint", &self.endpoint)
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

enum Phase {
    Check,
    Refreshing(RefreshLease, Retry),
    Calling(u64, Retry),
    Finished(Result<Response<Vec<u8>>, Error>),
    Over,
}

/// Sends one request with the shared token, refreshing it as needed.
///
/// Finishes with the response (any status but a first `invalid_token` 401)
/// or an [`Error`].
pub struct Authorized {
    tokens: SharedTokens,
    refresher: Arc<Refresher>,
    /// The request, without its bearer token, while no retry machine
    /// holds it (`lent`: the one of `Phase::Calling` or `suspended` has it,
    /// and this is an empty placeholder).
    request: Request<Vec<u8>>,
    lent: bool,
    policy: RetryPolicy,
    jitter: Option<Box<dyn Jitter>>,
    phase: Phase,
    replayed: bool,
    /// The generation this call's own refresh installed, until it is used.
    refreshed: Option<u64>,
    /// The request's retries, set aside while the token is refreshed.
    suspended: Option<Retry>,
    /// Set when the token was just read for the next attempt.
    token_checked: bool,
    /// What the API said when it rejected the token.
    rejection: Option<AuthError>,
    store_error: Option<TokenStoreError>,
}

impl std::fmt::Debug for Authorized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authorized")
            .field("method", self.request().method())
            .field("uri", self.request().uri())
            .field("replayed", &self.replayed)
            .finish_non_exhaustive()
    }
}

fn lock(tokens: &SharedTokens) -> MutexGuard<'_, TokenState> {
    tokens
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Authorized {
    /// A call sending `request` (its `Authorization` header is set here).
    pub fn new(
        tokens: SharedTokens,
        refresher: Refresher,
        request: Request<Vec<u8>>,
        policy: RetryPolicy,
        jitter: Box<dyn Jitter>,
    ) -> Authorized {
        Authorized::shared(tokens, Arc::new(refresher), request, policy, jitter)
    }

    /// [`Authorized::new`] with the refresher shared with other calls (the
    /// client's, instead of a copy for each call).
    pub fn shared(
        tokens: SharedTokens,
        refresher: Arc<Refresher>,
        request: Request<Vec<u8>>,
        policy: RetryPolicy,
        jitter: Box<dyn Jitter>,
    ) -> Authorized {
        Authorized {
            tokens,
            refresher,
            request,
            lent: false,
            policy,
            jitter: Some(jitter),
            phase: Phase::Check,
            replayed: false,
            refreshed: None,
            suspended: None,
            token_checked: false,
            rejection: None,
            store_error: None,
        }
    }

    /// The request as it was given (without the bearer token, which each
    /// attempt gets when it is sent). While an attempt is under way (or
    /// waiting to be sent again), the request is the retry machine's, which
    /// carries the token (marked sensitive).
    pub fn request(&self) -> &Request<Vec<u8>> {
        if self.lent {
            if let Phase::Calling(_, retry) = &self.phase {
                return retry.request();
            }
            if let Some(retry) = &self.suspended {
                return retry.request();
            }
        }
        &self.request
    }

    /// The request for a retry machine: moved out (no copy); it comes back
    /// with [`Authorized::restore`] when that machine is done.
    fn lend(&mut self) -> Request<Vec<u8>> {
        self.lent = true;
        std::mem::replace(&mut self.request, Request::new(Vec::new()))
    }

    /// Takes the request back from the retry machine that sent it (its
    /// bearer token removed) with its jitter source.
    fn restore(&mut self, retry: Retry) {
        let (mut request, jitter) = retry.into_parts();
        request.headers_mut().remove(header::AUTHORIZATION);
        self.request = request;
        self.lent = false;
        self.jitter = Some(jitter);
    }

    /// Whether the request was replayed after a token rejection.
    pub fn replayed(&self) -> bool {
        self.replayed
    }

    /// The last failure of the token store, if saving failed.
    pub fn store_error(&self) -> Option<&TokenStoreError> {
        self.store_error.as_ref()
    }

    /// The jitter for the next retry machine: this call's, or one forked
    /// from the suspended request's while it waits for a refresh.
    fn take_jitter(&mut self) -> Box<dyn Jitter> {
        if let Some(jitter) = self.jitter.take() {
            return jitter;
        }
        let seed = match &mut self.suspended {
            Some(retry) => retry.jitter_mut().next_u64(),
            None => u64::MAX / 2,
        };
        Box::new(SplitMix::new(seed))
    }

    /// Before a retry: puts the current token on the request. `false` when
    /// the token must be refreshed first.
    fn recheck(&self, generation: &mut u64, retry: &mut Retry, now: Now) -> Result<bool, Error> {
        let state = lock(&self.tokens);
        match state.freshness(now.wall, now.elapsed) {
            Freshness::Fresh {
                token,
                generation: current,
            } => {
                if current != *generation {
                    set_bearer(retry.request_mut(), &token)?;
                    *generation = current;
                }
                Ok(true)
            }
            Freshness::NeedsRefresh { .. } | Freshness::RefreshInProgress => Ok(false),
            // No way to get another: the server judges the one we have.
            Freshness::Missing => Ok(true),
        }
    }

    /// Step 1: decide from the shared state. Returns the next phase, or
    /// how long to wait before checking again (zero: check again now).
    fn check(&mut self, now: Now) -> Result<Phase, Duration> {
        let mut state = lock(&self.tokens);
        let mut freshness = state.freshness(now.wall, now.elapsed);
        // Tokens this call just refreshed are used, even inside their margin.
        if self.refreshed.take() == Some(state.generation()) {
            if let (Freshness::NeedsRefresh { .. } | Freshness::RefreshInProgress, Some(tokens)) =
                (&freshness, state.tokens())
            {
                freshness = Freshness::Fresh {
                    token: tokens.access_token.clone(),
                    generation: state.generation(),
                };
            }
        }
        match freshness {
            Freshness::Fresh { token, generation } => {
                drop(state);
                let mut retry = match self.suspended.take() {
                    Some(retry) => retry,
                    None => {
                        let jitter = self.take_jitter();
                        Retry::new(self.lend(), self.policy.clone(), jitter)
                    }
                };
                if let Err(e) = set_bearer(retry.request_mut(), &token) {
                    self.restore(retry);
                    return Ok(Phase::Finished(Err(e.into())));
                }
                self.token_checked = true;
                Ok(Phase::Calling(generation, retry))
            }
            Freshness::NeedsRefresh { generation } => {
                let Some(lease) = state.begin_refresh(generation, now.elapsed) else {
                    return Err(Duration::ZERO);
                };
                let Some(refresh_token) = state.refresh_token().cloned() else {
                    state.abandon_refresh(lease);
                    drop(state);
                    return Ok(Phase::Finished(Err(self.no_token().into())));
                };
                // A store shared with other processes may hold their refresh.
                match self.refresher.store.begin_refresh(state.tokens(), now.wall) {
                    Ok(StoreRefresh::Refresh) => {}
                    Ok(StoreRefresh::Adopt(tokens)) => {
                        self.refreshed = Some(state.complete_refresh(lease, tokens));
                        return Ok(Phase::Check);
                    }
                    Ok(StoreRefresh::Wait) => {
                        state.abandon_refresh(lease);
                        return Err(REFRESH_POLL);
                    }
                    // The store cannot arbitrate: refresh alone.
                    Err(e) => self.store_error = Some(e),
                }
                drop(state);
                let built = Grant::RefreshToken(refresh_token).request(
                    &self.refresher.endpoint,
                    &self.refresher.client,
                    &self.refresher.user_agent,
                );
                match built {
                    Ok(request) => {
                        // A refresh charges nobody: retried like a GET.
                        let retry = Retry::new(request, self.policy.clone(), self.take_jitter())
                            .repeatable();
                        Ok(Phase::Refreshing(lease, retry))
                    }
                    Err(e) => {
                        lock(&self.tokens).abandon_refresh(lease);
                        self.refresher.store.abandon_refresh();
                        Ok(Phase::Finished(Err(e.into())))
                    }
                }
            }
            Freshness::RefreshInProgress => Err(REFRESH_POLL),
            Freshness::Missing => {
                drop(state);
                match self.suspended.take() {
                    // The token went stale during the back-off and cannot be
                    // refreshed: the retry is sent with it, the server judges.
                    Some(retry) => {
                        let generation = lock(&self.tokens).generation();
                        self.token_checked = true;
                        Ok(Phase::Calling(generation, retry))
                    }
                    None => Ok(Phase::Finished(Err(self.no_token().into()))),
                }
            }
        }
    }

    /// Why there is no token to send: the API rejected the one we had, or
    /// there never was one.
    fn no_token(&mut self) -> AuthError {
        self.rejection.take().unwrap_or(AuthError::NoToken)
    }

    fn refreshed(
        &mut self,
        lease: RefreshLease,
        result: Result<Response<Vec<u8>>, Error>,
        now: Now,
    ) -> Phase {
        let parsed = result.and_then(|response| {
            parse_token_response(&response, now.wall).map_err(|e| AuthError::Token(e).into())
        });
        let mut state = lock(&self.tokens);
        match parsed {
            Ok(tokens) => {
                self.refreshed = Some(state.complete_refresh(lease, tokens));
                if let Some(current) = state.tokens() {
                    if let Err(e) = self.refresher.store.save(current) {
                        self.store_error = Some(e);
                    }
                }
                Phase::Check
            }
            Err(e) => {
                state.abandon_refresh(lease);
                self.refresher.store.abandon_refresh();
                Phase::Finished(Err(e))
            }
        }
    }

    fn called(&mut self, generation: u64, result: Result<Response<Vec<u8>>, Error>) -> Phase {
        match result {
            Ok(response) if is_invalid_token(&response) => {
                if self.replayed {
                    return Phase::Finished(Err(AuthError::rejected(&response).into()));
                }
                self.rejection = Some(AuthError::rejected(&response));
                self.replayed = true;
                lock(&self.tokens).mark_rejected(generation);
                Phase::Check
            }
            other => Phase::Finished(other),
        }
    }
}

/// Whether a response is a 401 saying the bearer token is invalid (in
/// `WWW-Authenticate` or an OAuth error body). Other 401s are not retried.
pub fn is_invalid_token(response: &Response<Vec<u8>>) -> bool {
    if response.status() != StatusCode::UNAUTHORIZED {
        return false;
    }
    let in_header = response
        .headers()
        .get_all(header::WWW_AUTHENTICATE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|s| s.contains("invalid_token")));
    let in_body = serde_json::from_slice::<serde_json::Value>(response.body())
        .ok()
        .and_then(|v| {
            v.get("error")
                .and_then(|e| e.as_str())
                .map(|e| e == "invalid_token")
        })
        .unwrap_or(false);
    in_header || in_body
}

impl Machine for Authorized {
    type Output = Result<Response<Vec<u8>>, Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        // Each pass either returns a step or moves to a new phase; phases
        // only move forward, so the loop ends.
        loop {
            // The common step, the attempt that needs no new look at the
            // token, is taken in place: the phase and its retry machine are
            // not moved out and back.
            if let Phase::Calling(_, retry) = &mut self.phase {
                if self.token_checked || retry.attempts() == 0 || !retry.sends_next(now) {
                    self.token_checked = false;
                    match retry.poll(now) {
                        Step::Done(result) => {
                            if let Phase::Calling(generation, retry) =
                                std::mem::replace(&mut self.phase, Phase::Over)
                            {
                                self.restore(retry);
                                self.phase = self.called(generation, result);
                            }
                            continue;
                        }
                        step => return step,
                    }
                }
            }
            let phase = std::mem::replace(&mut self.phase, Phase::Over);
            self.phase = match phase {
                Phase::Check => match self.check(now) {
                    Ok(next) => next,
                    Err(delay) => {
                        self.phase = Phase::Check;
                        if delay.is_zero() {
                            continue;
                        }
                        return Step::Wait(delay);
                    }
                },
                Phase::Refreshing(lease, mut retry) => match retry.poll(now) {
                    Step::Done(result) => {
                        self.jitter = Some(retry.into_jitter());
                        self.refreshed(lease, result, now)
                    }
                    step => {
                        self.phase = Phase::Refreshing(lease, retry);
                        return step;
                    }
                },
                Phase::Calling(mut generation, mut retry) => {
                    let checked = std::mem::take(&mut self.token_checked);
                    if !checked && retry.attempts() > 0 && retry.sends_next(now) {
                        match self.recheck(&mut generation, &mut retry, now) {
                            Ok(true) => {}
                            Ok(false) => {
                                self.suspended = Some(retry);
                                self.phase = Phase::Check;
                                continue;
                            }
                            Err(e) => {
                                self.restore(retry);
                                self.phase = Phase::Finished(Err(e));
                                continue;
                            }
                        }
                    }
                    match retry.poll(now) {
                        Step::Done(result) => {
                            self.restore(retry);
                            self.called(generation, result)
                        }
                        step => {
                            self.phase = Phase::Calling(generation, retry);
                            return step;
                        }
                    }
                }
                Phase::Finished(result) => return Step::Done(result),
                Phase::Over => return Step::Done(Err(Error::Driver("polled after done"))),
            };
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        match &mut self.phase {
            Phase::Refreshing(_, retry) | Phase::Calling(_, retry) => retry.feed(outcome, now),
            _ => {
                self.phase = Phase::Finished(Err(Error::Driver("fed an outcome nobody asked for")))
            }
        }
    }
}

impl Drop for Authorized {
    /// A call dropped mid-refresh (a cancelled future) releases its lease,
    /// so the next call refreshes at once instead of waiting for the timeout.
    fn drop(&mut self) {
        if let Phase::Refreshing(lease, _) = std::mem::replace(&mut self.phase, Phase::Over) {
            lock(&self.tokens).abandon_refresh(lease);
            self.refresher.store.abandon_refresh();
        }
    }
}
