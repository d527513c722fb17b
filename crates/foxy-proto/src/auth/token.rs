//! Tokens and the shared token state: expiry, proactive refresh, single flight.
//!
//! [`TokenState`] is what a client keeps (behind a mutex) and shares between
//! concurrent calls. Each change bumps a generation counter, so a call that
//! saw generation `g` and was told its token is invalid can tell whether
//! someone else already replaced it. Only one refresh runs at a time: a call
//! takes the [`RefreshLease`] with [`TokenState::begin_refresh`]; the others
//! see [`Freshness::RefreshInProgress`] and wait.
//!
//! A token is refreshed a margin before it expires, and the margin follows
//! its lifetime ([`refresh_margin`]): a tenth of it, between
//! [`MIN_REFRESH_MARGIN`] and [`REFRESH_MARGIN`], and never more than half
//! of it. A fixed five minutes would make a token that lives less than five
//! minutes look expired the moment it arrives, and every call would refresh.

use std::time::{Duration, SystemTime};

use super::Secret;

/// The longest margin before expiry at which a token is refreshed
/// proactively (the margin of Foxy's two-hour tokens), and the margin of a
/// token whose lifetime is unknown.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// The shortest margin before expiry at which a token is refreshed (room for
/// one request and some clock skew), unless that is more than half of the
/// token's lifetime.
pub const MIN_REFRESH_MARGIN: Duration = Duration::from_secs(5);

/// How long before expiry a token issued for `lifetime` is refreshed: a
/// tenth of the lifetime, at least [`MIN_REFRESH_MARGIN`] and at most
/// [`REFRESH_MARGIN`], and never more than half of the lifetime, so that
/// every token is used for at least half of its life.
///
/// ```
/// use std::time::Duration;
/// use foxy_proto::auth::token::refresh_margin;
/// let secs = |s| Duration::from_secs(s);
/// assert_eq!(refresh_margin(secs(7200)), secs(300)); // Foxy's tokens: five minutes
/// assert_eq!(refresh_margin(secs(600)), secs(60)); // a tenth
/// assert_eq!(refresh_margin(secs(30)), secs(5)); // the floor
/// assert_eq!(refresh_margin(secs(4)), secs(2)); // half of a very short life
/// ```
pub fn refresh_margin(lifetime: Duration) -> Duration {
    (lifetime / 10)
        .clamp(MIN_REFRESH_MARGIN, REFRESH_MARGIN)
        .min(lifetime / 2)
}

/// How long Foxy's access tokens live when a response omits `expires_in`.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(7200);

/// How long a refresh lease is honoured before another call may take over
/// (protects against a refresh abandoned by a cancelled call).
pub const LEASE_TIMEOUT: Duration = Duration::from_secs(60);

/// An access token and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The bearer token.
    pub access_token: Secret,
    /// The refresh token, when the grant gave one.
    pub refresh_token: Option<Secret>,
    /// When the access token expires (wall clock), if known.
    pub expires_at: Option<SystemTime>,
    /// How long the access token was issued for (`expires_in`), if known:
    /// it sets the refresh margin ([`refresh_margin`]); unknown, the margin
    /// is [`REFRESH_MARGIN`].
    pub lifetime: Option<Duration>,
    /// The scopes granted, space-separated as the server sent them.
    pub scope: Option<String>,
}

impl Tokens {
    /// The margin before expiry at which this token is refreshed:
    /// [`refresh_margin`] of its lifetime, or [`REFRESH_MARGIN`] when the
    /// lifetime is unknown.
    pub fn margin(&self) -> Duration {
        self.lifetime.map_or(REFRESH_MARGIN, refresh_margin)
    }

    /// Whether the token must be refreshed at `now`: expired, or within
    /// [`Tokens::margin`] of expiry. A token with no known expiry never is.
    pub fn needs_refresh(&self, now: SystemTime) -> bool {
        match self.expires_at {
            Some(at) => now
                .checked_add(self.margin())
                .is_none_or(|limit| limit >= at),
            None => false,
        }
    }
}

/// Where callers persist tokens (a file, a keychain, a database).
///
/// The clients call [`TokenStore::save`] after every successful grant or
/// refresh, and [`TokenStore::load`] once when they start.
///
/// A store shared by several processes also arbitrates refreshes, as a
/// compare-and-swap: before a process refreshes, it asks
/// [`TokenStore::begin_refresh`], which answers with tokens another process
/// already published ([`StoreRefresh::Adopt`]), tells it to wait while
/// another holds the store's lease ([`StoreRefresh::Wait`]), or grants it
/// the lease ([`StoreRefresh::Refresh`]). The refresher then publishes with
/// [`TokenStore::save`] (which releases the lease) or gives up with
/// [`TokenStore::abandon_refresh`]. The defaults suit a store used by one
/// process: always refresh, nothing to release.
pub trait TokenStore: Send + Sync {
    /// The tokens saved last, if any.
    fn load(&self) -> Option<Tokens>;
    /// Saves the current tokens (and releases this store's refresh lease,
    /// if it holds one); a failure is reported, not fatal to the call.
    fn save(&self, tokens: &Tokens) -> Result<(), TokenStoreError>;
    /// Asked before a refresh of `current` at `now`: see [`StoreRefresh`].
    fn begin_refresh(
        &self,
        current: Option<&Tokens>,
        now: SystemTime,
    ) -> Result<StoreRefresh, TokenStoreError> {
        let _ = (current, now);
        Ok(StoreRefresh::Refresh)
    }
    /// Releases the lease [`TokenStore::begin_refresh`] granted, after a
    /// refresh that failed or was cancelled.
    fn abandon_refresh(&self) {}
}

/// A shared store's answer to [`TokenStore::begin_refresh`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreRefresh {
    /// This caller holds the store's lease: refresh, then save.
    Refresh,
    /// Another process already refreshed: use these tokens, send no grant.
    Adopt(Tokens),
    /// Another process holds the lease: wait, then ask again.
    Wait,
}

/// A token store could not save.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("token store failed: {0}")]
pub struct TokenStoreError(pub String);

/// A token store that keeps nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoStore;

impl TokenStore for NoStore {
    fn load(&self) -> Option<Tokens> {
        None
    }

    fn save(&self, _tokens: &Tokens) -> Result<(), TokenStoreError> {
        Ok(())
    }
}

/// What a call should do about its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// Use this token.
    Fresh {
        /// The bearer token.
        token: Secret,
        /// The generation it belongs to.
        generation: u64,
    },
    /// The token is (nearly) expired or was rejected, and nobody is
    /// refreshing it: take the lease and refresh.
    NeedsRefresh {
        /// The generation to refresh.
        generation: u64,
    },
    /// Another call is refreshing; wait and look again.
    RefreshInProgress,
    /// No token, and no way to get one.
    Missing,
}

/// Proof that this call is the one refreshing; hand it back to
/// [`TokenState::complete_refresh`] or [`TokenState::abandon_refresh`].
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a lease must be completed or abandoned"]
pub struct RefreshLease {
    generation: u64,
    id: u64,
}

impl RefreshLease {
    /// The generation being refreshed.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Held {
    id: u64,
    since: Duration,
}

/// The token state a client shares between calls.
#[derive(Debug, Default)]
pub struct TokenState {
    tokens: Option<Tokens>,
    generation: u64,
    /// Set when the token of the current generation was rejected by the API.
    rejected: bool,
    lease: Option<Held>,
    next_lease: u64,
}

impl TokenState {
    /// A state holding `tokens` (from a grant or a [`TokenStore`]).
    pub fn new(tokens: Option<Tokens>) -> TokenState {
        TokenState {
            tokens,
            ..TokenState::default()
        }
    }

    /// The current tokens.
    pub fn tokens(&self) -> Option<&Tokens> {
        self.tokens.as_ref()
    }

    /// The generation: bumped by every replacement of the tokens.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What a call should do at `now` (`elapsed` is the driver's monotonic
    /// time, used to expire an abandoned lease).
    pub fn freshness(&self, wall: SystemTime, elapsed: Duration) -> Freshness {
        let Some(tokens) = &self.tokens else {
            return Freshness::Missing;
        };
        let stale = self.rejected || tokens.needs_refresh(wall);
        if !stale {
            return Freshness::Fresh {
                token: tokens.access_token.clone(),
                generation: self.generation,
            };
        }
        if tokens.refresh_token.is_none() {
            return Freshness::Missing;
        }
        match self.lease {
            Some(held) if elapsed.saturating_sub(held.since) < LEASE_TIMEOUT => {
                Freshness::RefreshInProgress
            }
            _ => Freshness::NeedsRefresh {
                generation: self.generation,
            },
        }
    }

    /// Whether [`TokenState::freshness`] at `wall` is [`Freshness::Missing`]
    /// (no tokens, or stale ones without a refresh token), without copying
    /// the access token.
    pub fn is_missing(&self, wall: SystemTime) -> bool {
        match &self.tokens {
            None => true,
            Some(tokens) => {
                (self.rejected || tokens.needs_refresh(wall)) && tokens.refresh_token.is_none()
            }
        }
    }

    /// Records that the API rejected the token of `generation` (401
    /// `invalid_token`). Ignored when the tokens were replaced since.
    pub fn mark_rejected(&mut self, generation: u64) {
        if generation == self.generation {
            self.rejected = true;
        }
    }

    /// Takes the refresh lease for `generation`. `None` when the tokens
    /// changed since (use them) or another call holds a live lease.
    pub fn begin_refresh(&mut self, generation: u64, elapsed: Duration) -> Option<RefreshLease> {
        if generation != self.generation {
            return None;
        }
        if let Some(held) = self.lease {
            if elapsed.saturating_sub(held.since) < LEASE_TIMEOUT {
                return None;
            }
        }
        self.next_lease += 1;
        let id = self.next_lease;
        self.lease = Some(Held { id, since: elapsed });
        Some(RefreshLease { generation, id })
    }

    /// The refresh token to send, if any.
    pub fn refresh_token(&self) -> Option<&Secret> {
        self.tokens.as_ref().and_then(|t| t.refresh_token.as_ref())
    }

    /// Installs refreshed tokens and releases the lease. Keeps the old
    /// refresh token when the response carried none (Foxy does not reissue
    /// them). Returns the new generation.
    pub fn complete_refresh(&mut self, lease: RefreshLease, mut fresh: Tokens) -> u64 {
        if fresh.refresh_token.is_none() {
            fresh.refresh_token = self.refresh_token().cloned();
        }
        if self.lease.is_some_and(|held| held.id == lease.id) {
            self.lease = None;
        }
        self.replace(fresh)
    }

    /// Releases the lease after a failed refresh, so another call may try.
    pub fn abandon_refresh(&mut self, lease: RefreshLease) {
        if self.lease.is_some_and(|held| held.id == lease.id) {
            self.lease = None;
        }
    }

    /// Replaces the tokens outright (after a new grant). Returns the new generation.
    pub fn replace(&mut self, tokens: Tokens) -> u64 {
        self.tokens = Some(tokens);
        self.rejected = false;
        self.generation += 1;
        self.generation
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    /// `secs` after the Unix epoch.
    pub(crate) fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// Tokens `access` expiring at `expires` (Unix seconds), refresh token `refresh-1`.
    pub(crate) fn tokens(access: &str, expires: u64) -> Tokens {
        Tokens {
            access_token: Secret::new(access),
            refresh_token: Some(Secret::new("refresh-1")),
            expires_at: Some(at(expires)),
            lifetime: None,
            scope: None,
        }
    }

    #[test]
    fn refreshes_five_minutes_early() {
        let t = tokens("a", 7200);
        assert!(!t.needs_refresh(at(6899)));
        assert!(t.needs_refresh(at(6900)));
        assert!(t.needs_refresh(at(9000)));
        let known = Tokens {
            lifetime: Some(Duration::from_secs(7200)),
            ..t
        };
        assert!(!known.needs_refresh(at(6899)));
        assert!(known.needs_refresh(at(6900)));
    }

    #[test]
    fn the_margin_follows_the_lifetime() {
        // Issued at 1000 for 60 s: used until 6 s before expiry.
        let t = Tokens {
            lifetime: Some(Duration::from_secs(60)),
            ..tokens("a", 1060)
        };
        assert_eq!(t.margin(), Duration::from_secs(6));
        assert!(!t.needs_refresh(at(1000)));
        assert!(!t.needs_refresh(at(1053)));
        assert!(t.needs_refresh(at(1054)));
        for secs in [0, 1, 3, 9, 11, 59, 60, 299, 301, 3000, 3001, 7200, 86_400] {
            let lifetime = Duration::from_secs(secs);
            let margin = refresh_margin(lifetime);
            assert!(margin <= REFRESH_MARGIN, "{secs}");
            assert!(
                margin <= lifetime / 2,
                "{secs}: used for half its life at least"
            );
            assert!(
                margin >= MIN_REFRESH_MARGIN.min(lifetime / 2),
                "{secs}: the floor"
            );
        }
    }

    #[test]
    fn is_missing_says_what_freshness_says() {
        let without_refresh = Tokens {
            refresh_token: None,
            ..tokens("a", 7200)
        };
        let states = [
            TokenState::new(None),
            TokenState::new(Some(tokens("a", 7200))),
            TokenState::new(Some(without_refresh.clone())),
            {
                let mut s = TokenState::new(Some(tokens("a", 7200)));
                s.mark_rejected(0);
                s
            },
            {
                let mut s = TokenState::new(Some(without_refresh));
                s.mark_rejected(0);
                s
            },
        ];
        for (n, state) in states.iter().enumerate() {
            for secs in [0, 6899, 6900, 9000] {
                assert_eq!(
                    state.is_missing(at(secs)),
                    matches!(
                        state.freshness(at(secs), Duration::ZERO),
                        Freshness::Missing
                    ),
                    "state {n} at {secs}"
                );
            }
        }
    }

    #[test]
    fn single_flight_lease() {
        let mut state = TokenState::new(Some(tokens("a", 7200)));
        let now = Duration::ZERO;
        assert!(matches!(
            state.freshness(at(0), now),
            Freshness::Fresh { generation: 0, .. }
        ));
        assert_eq!(
            state.freshness(at(7000), now),
            Freshness::NeedsRefresh { generation: 0 }
        );
        let lease = state.begin_refresh(0, now).expect("first takes the lease");
        assert_eq!(state.begin_refresh(0, now), None);
        assert_eq!(state.freshness(at(7000), now), Freshness::RefreshInProgress);
        let mut fresh = tokens("b", 14400);
        fresh.refresh_token = None;
        assert_eq!(state.complete_refresh(lease, fresh), 1);
        assert_eq!(state.refresh_token().map(Secret::expose), Some("refresh-1"));
        assert_eq!(state.begin_refresh(0, now), None, "generation moved on");
    }

    #[test]
    fn rejection_and_abandoned_lease() {
        let mut state = TokenState::new(Some(tokens("a", 7200)));
        state.mark_rejected(0);
        assert_eq!(
            state.freshness(at(0), Duration::ZERO),
            Freshness::NeedsRefresh { generation: 0 }
        );
        let lease = state.begin_refresh(0, Duration::ZERO).expect("lease");
        state.abandon_refresh(lease);
        let stale = state.begin_refresh(0, Duration::ZERO).expect("retake");
        // A lease held past the timeout can be taken over.
        assert!(state.begin_refresh(0, LEASE_TIMEOUT).is_some());
        state.abandon_refresh(stale);
        state.mark_rejected(7);
        assert_eq!(state.generation(), 0);
    }
}
