//! The first grant: obtaining tokens when a client holds none it can use.
//!
//! A client configured with client credentials, an authorization code or
//! only a refresh token starts without an access token. [`Exchange`] runs
//! the configured [`Grant`] once for all concurrent calls: the first call
//! to find the state [`Freshness::Missing`](super::Freshness::Missing) takes the refresh lease and
//! sends the grant; the others wait ([`REFRESH_POLL`]) and look again. When
//! tokens are present (fresh, or refreshable with a refresh token) the
//! exchange finishes at once without sending anything, and the
//! [`super::Authorized`] machine takes over.

use std::sync::{Arc, MutexGuard};
use std::time::Duration;

use http::Response;

use crate::error::{AuthError, Error};
use crate::retry::{Jitter, Retry, RetryPolicy};
use crate::step::{Machine, Now, Outcome, Step};

use super::grant::{Grant, parse_token_response};
use super::session::{REFRESH_POLL, Refresher, SharedTokens};
use super::token::{RefreshLease, TokenState};

// `Granting` is much larger than the others; a phase is replaced once per
// transition, so boxing the retry would cost an allocation for nothing.
#[allow(clippy::large_enum_variant)]
enum Phase {
    Check,
    Granting(RefreshLease, Retry),
    Finished(Result<(), Error>),
    Over,
}

/// Makes sure the shared state holds tokens, running `grant` when it does not.
///
/// Finishes with `Ok(())` once tokens are installed (by this call or
/// another), or with the grant's [`Error`].
pub struct Exchange {
    tokens: SharedTokens,
    grant: Arc<Grant>,
    refresher: Arc<Refresher>,
    policy: RetryPolicy,
    jitter: Option<Box<dyn Jitter>>,
    phase: Phase,
}

impl std::fmt::Debug for Exchange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exchange")
            .field("endpoint", &self.refresher.endpoint)
            .finish_non_exhaustive()
    }
}

fn lock(tokens: &SharedTokens) -> MutexGuard<'_, TokenState> {
    tokens
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether a call at `now` must obtain tokens with a grant first.
pub fn needs_grant(tokens: &SharedTokens, now: Now) -> bool {
    lock(tokens).is_missing(now.wall)
}

impl Exchange {
    /// An exchange running `grant` (whose secrets stay in [`super::Secret`]s)
    /// against `refresher.endpoint` when the shared state has no usable tokens.
    pub fn new(
        tokens: SharedTokens,
        grant: Grant,
        refresher: Refresher,
        policy: RetryPolicy,
        jitter: Box<dyn Jitter>,
    ) -> Exchange {
        Exchange::shared(tokens, Arc::new(grant), Arc::new(refresher), policy, jitter)
    }

    /// [`Exchange::new`] with the grant and refresher shared with other
    /// calls (the client's, instead of a copy for each call).
    pub fn shared(
        tokens: SharedTokens,
        grant: Arc<Grant>,
        refresher: Arc<Refresher>,
        policy: RetryPolicy,
        jitter: Box<dyn Jitter>,
    ) -> Exchange {
        Exchange {
            tokens,
            grant,
            refresher,
            policy,
            jitter: Some(jitter),
            phase: Phase::Check,
        }
    }

    fn check(&mut self, now: Now) -> Result<Phase, Duration> {
        let mut state = lock(&self.tokens);
        if !state.is_missing(now.wall) {
            return Ok(Phase::Finished(Ok(())));
        }
        let generation = state.generation();
        let Some(lease) = state.begin_refresh(generation, now.elapsed) else {
            return Err(REFRESH_POLL);
        };
        drop(state);
        let built = self.grant.request(
            &self.refresher.endpoint,
            &self.refresher.client,
            &self.refresher.user_agent,
        );
        match built {
            Ok(request) => {
                let jitter = self
                    .jitter
                    .take()
                    .unwrap_or_else(|| Box::new(|| u64::MAX / 2) as Box<dyn Jitter>);
                let retry = Retry::new(request, self.policy.clone(), jitter);
                // Refresh and client-credentials grants charge nobody and can
                // be repeated; an authorization code is good for one use only.
                let retry = match *self.grant {
                    Grant::AuthorizationCode { .. } => retry,
                    _ => retry.repeatable(),
                };
                Ok(Phase::Granting(lease, retry))
            }
            Err(e) => {
                lock(&self.tokens).abandon_refresh(lease);
                Ok(Phase::Finished(Err(e.into())))
            }
        }
    }

    fn granted(
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
            Ok(mut fresh) => {
                // A refresh grant that reissues no refresh token keeps the one it used.
                if let (None, Grant::RefreshToken(used)) = (&fresh.refresh_token, &*self.grant) {
                    fresh.refresh_token = Some(used.clone());
                }
                state.complete_refresh(lease, fresh);
                if let Some(current) = state.tokens() {
                    // A store failure is not fatal to the call: the tokens are in memory.
                    let _ = self.refresher.store.save(current);
                }
                Phase::Finished(Ok(()))
            }
            Err(e) => {
                state.abandon_refresh(lease);
                Phase::Finished(Err(e))
            }
        }
    }
}

impl Machine for Exchange {
    type Output = Result<(), Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        loop {
            self.phase = match std::mem::replace(&mut self.phase, Phase::Over) {
                Phase::Check => match self.check(now) {
                    Ok(next) => next,
                    Err(delay) => {
                        self.phase = Phase::Check;
                        return Step::Wait(delay);
                    }
                },
                Phase::Granting(lease, mut retry) => match retry.poll(now) {
                    Step::Done(result) => self.granted(lease, result, now),
                    Step::Send(request) => {
                        self.phase = Phase::Granting(lease, retry);
                        return Step::Send(request);
                    }
                    Step::Wait(delay) => {
                        self.phase = Phase::Granting(lease, retry);
                        return Step::Wait(delay);
                    }
                },
                Phase::Finished(result) => return Step::Done(result),
                Phase::Over => return Step::Done(Err(Error::Driver("polled after done"))),
            };
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        match &mut self.phase {
            Phase::Granting(_, retry) => retry.feed(outcome, now),
            _ => {
                self.phase = Phase::Finished(Err(Error::Driver("fed an outcome nobody asked for")))
            }
        }
    }
}

impl Drop for Exchange {
    /// A cancelled exchange releases its lease so the next call grants at once.
    fn drop(&mut self) {
        if let Phase::Granting(lease, _) = std::mem::replace(&mut self.phase, Phase::Over) {
            lock(&self.tokens).abandon_refresh(lease);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::auth::{ClientCredentials, NoStore, Secret};
    use crate::replay::{FakeClock, response, run};
    use crate::request::UserAgent;

    fn refresher() -> Refresher {
        Refresher {
            endpoint: "https://api.test/token".into(),
            client: ClientCredentials::new("c", "s3cret"),
            user_agent: UserAgent::sdk(),
            store: Arc::new(NoStore),
        }
    }

    #[test]
    fn grants_once_then_finishes_without_sending() {
        let tokens: SharedTokens = Arc::new(Mutex::new(TokenState::new(None)));
        let mut clock = FakeClock::at_unix(1_000);
        let grant = Grant::RefreshToken(Secret::new("r1"));
        let mut sent = Vec::new();
        let exchange = Exchange::new(
            tokens.clone(),
            grant.clone(),
            refresher(),
            RetryPolicy::default(),
            Box::new(|| 0),
        );
        let out = run(exchange, &mut clock, Duration::ZERO, |req| {
            sent.push(String::from_utf8_lossy(req.body()).into_owned());
            response(200, &[], r#"{"access_token":"a1","expires_in":7200}"#)
        });
        assert_eq!(out, Ok(()));
        assert_eq!(sent.len(), 1);
        assert!(sent[0].contains("grant_type=refresh_token"));
        let state = lock(&tokens);
        let installed = state.tokens().expect("installed");
        assert_eq!(installed.access_token.expose(), "a1");
        assert_eq!(
            installed.refresh_token.as_ref().map(Secret::expose),
            Some("r1")
        );
        drop(state);
        let again = Exchange::new(
            tokens,
            grant,
            refresher(),
            RetryPolicy::default(),
            Box::new(|| 0),
        );
        let out = run(again, &mut clock, Duration::ZERO, |_| {
            response(500, &[], "must not be sent")
        });
        assert_eq!(out, Ok(()));
    }

    #[test]
    fn refusal_is_an_auth_error_and_releases_the_lease() {
        let tokens: SharedTokens = Arc::new(Mutex::new(TokenState::new(None)));
        let mut clock = FakeClock::at_unix(1_000);
        let grant = Grant::ClientCredentials { scopes: Vec::new() };
        let exchange = Exchange::new(
            tokens.clone(),
            grant,
            refresher(),
            RetryPolicy::default(),
            Box::new(|| 0),
        );
        let out = run(exchange, &mut clock, Duration::ZERO, |_| {
            response(400, &[], r#"{"error":"invalid_client"}"#)
        });
        assert!(matches!(out, Err(Error::Auth(AuthError::Token(_)))));
        assert!(!format!("{out:?}").contains("s3cret"));
        assert!(lock(&tokens).begin_refresh(0, Duration::ZERO).is_some());
    }
}
