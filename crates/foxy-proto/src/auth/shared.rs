//! A token record shared by several processes, and the rule that decides who
//! refreshes it.
//!
//! A shared store (a file, a database row, a Redis key) holds one
//! [`SharedRecord`]: the tokens last published and, while some process is
//! refreshing, its lease. [`SharedRecord::begin_refresh`] is the
//! compare-and-swap a store runs under its own lock: it returns what the
//! asking process should do ([`StoreRefresh`]) and changes the record in
//! place (a new lease) when the asker is to refresh. The store only reads,
//! locks and writes; this module decides, so every store decides alike.
//!
//! The record's text form ([`SharedRecord::to_json`]) carries the tokens in
//! clear: a store must keep it private (a file of mode 0600, say).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Secret;
use super::token::{LEASE_TIMEOUT, StoreRefresh, Tokens};

/// A refresh in progress in some process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// Who holds it (a store instance's id: process id and a nonce).
    pub owner: String,
    /// When it lapses, so a process that died while refreshing does not
    /// block the others for ever.
    pub until: SystemTime,
}

/// What a shared store holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SharedRecord {
    /// The tokens published last.
    pub tokens: Option<Tokens>,
    /// The refresh in progress, if any.
    pub lease: Option<Lease>,
}

/// A record's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the shared token record is not valid: {0}")]
pub struct RecordError(String);

impl SharedRecord {
    /// Decides, for `owner`, who refreshes `current` at `now`, updating the
    /// record when `owner` takes the lease:
    ///
    /// - the record holds other tokens than `current`, not due for refresh:
    ///   [`StoreRefresh::Adopt`] them (another process refreshed);
    /// - another owner holds a lease that has not lapsed: [`StoreRefresh::Wait`];
    /// - otherwise `owner` takes a lease for [`LEASE_TIMEOUT`]:
    ///   [`StoreRefresh::Refresh`].
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use foxy_proto::auth::shared::SharedRecord;
    /// use foxy_proto::auth::StoreRefresh;
    /// let now = UNIX_EPOCH + Duration::from_secs(1_000);
    /// let mut record = SharedRecord::default();
    /// assert_eq!(record.begin_refresh(None, "a", now), StoreRefresh::Refresh);
    /// assert_eq!(record.begin_refresh(None, "b", now), StoreRefresh::Wait);
    /// ```
    pub fn begin_refresh(
        &mut self,
        current: Option<&Tokens>,
        owner: &str,
        now: SystemTime,
    ) -> StoreRefresh {
        if let Some(stored) = &self.tokens {
            let same = current.is_some_and(|c| c.access_token == stored.access_token);
            if !same && !stored.needs_refresh(now) {
                return StoreRefresh::Adopt(stored.clone());
            }
        }
        if let Some(lease) = &self.lease {
            if lease.owner != owner && lease.until > now {
                return StoreRefresh::Wait;
            }
        }
        self.lease = Some(Lease {
            owner: owner.to_owned(),
            until: now.checked_add(LEASE_TIMEOUT).unwrap_or(now),
        });
        StoreRefresh::Refresh
    }

    /// Publishes `tokens` and ends any lease (the refresh is over).
    pub fn publish(&mut self, tokens: &Tokens) {
        self.tokens = Some(tokens.clone());
        self.lease = None;
    }

    /// Ends `owner`'s lease after a refresh that failed; another owner's
    /// lease is left alone.
    pub fn abandon(&mut self, owner: &str) {
        if self.lease.as_ref().is_some_and(|l| l.owner == owner) {
            self.lease = None;
        }
    }

    /// The record as JSON text (tokens in clear: keep it private).
    pub fn to_json(&self) -> Vec<u8> {
        let wire = Wire {
            access_token: self
                .tokens
                .as_ref()
                .map(|t| t.access_token.expose().to_owned()),
            refresh_token: self
                .tokens
                .as_ref()
                .and_then(|t| t.refresh_token.as_ref())
                .map(|s| s.expose().to_owned()),
            expires_at: self.tokens.as_ref().and_then(|t| t.expires_at).map(unix),
            lifetime: self
                .tokens
                .as_ref()
                .and_then(|t| t.lifetime)
                .map(|d| d.as_secs()),
            scope: self.tokens.as_ref().and_then(|t| t.scope.clone()),
            lease: self.lease.as_ref().map(|l| WireLease {
                owner: l.owner.clone(),
                until: unix(l.until),
            }),
        };
        serde_json::to_vec_pretty(&wire).unwrap_or_default()
    }

    /// Reads a record written by [`SharedRecord::to_json`]. Empty text is
    /// the empty record (a store created but never written).
    pub fn from_json(text: &[u8]) -> Result<SharedRecord, RecordError> {
        if text.iter().all(u8::is_ascii_whitespace) {
            return Ok(SharedRecord::default());
        }
        // Only where, never what: the text holds secrets.
        let wire: Wire = serde_json::from_slice(text).map_err(|e| {
            RecordError(format!(
                "{:?} error at line {} column {}",
                e.classify(),
                e.line(),
                e.column()
            ))
        })?;
        let tokens = match wire.access_token {
            Some(access) => Some(Tokens {
                access_token: Secret::new(access),
                refresh_token: wire.refresh_token.map(Secret::new),
                expires_at: wire.expires_at.map(from_unix),
                lifetime: wire.lifetime.map(Duration::from_secs),
                scope: wire.scope,
            }),
            None if wire.refresh_token.is_some() => {
                return Err(RecordError(
                    "a refresh token without an access token".to_owned(),
                ));
            }
            None => None,
        };
        Ok(SharedRecord {
            tokens,
            lease: wire.lease.map(|l| Lease {
                owner: l.owner,
                until: from_unix(l.until),
            }),
        })
    }
}

/// Seconds since the Unix epoch (0 for times before it).
fn unix(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn from_unix(secs: u64) -> SystemTime {
    UNIX_EPOCH
        .checked_add(Duration::from_secs(secs))
        .unwrap_or(UNIX_EPOCH)
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    access_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_at: Option<u64>,
    /// Seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lifetime: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lease: Option<WireLease>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireLease {
    owner: String,
    /// Unix seconds.
    until: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::token::tests::{at, tokens};

    #[test]
    fn one_refresher_the_others_wait_then_adopt() {
        let stale = tokens("old", 1_000);
        let mut record = SharedRecord {
            tokens: Some(stale.clone()),
            lease: None,
        };
        let now = at(2_000);
        assert_eq!(
            record.begin_refresh(Some(&stale), "a", now),
            StoreRefresh::Refresh
        );
        assert_eq!(
            record.begin_refresh(Some(&stale), "b", now),
            StoreRefresh::Wait
        );
        // The holder may ask again (a retry of its own refresh).
        assert_eq!(
            record.begin_refresh(Some(&stale), "a", now),
            StoreRefresh::Refresh
        );
        let fresh = tokens("new", 9_200);
        record.publish(&fresh);
        assert_eq!(record.lease, None);
        assert_eq!(
            record.begin_refresh(Some(&stale), "b", now),
            StoreRefresh::Adopt(fresh.clone())
        );
        // A process holding the published token that the API rejected
        // refreshes it (same token: nothing to adopt).
        assert_eq!(
            record.begin_refresh(Some(&fresh), "b", now),
            StoreRefresh::Refresh
        );
    }

    #[test]
    fn a_lapsed_lease_is_taken_over_and_an_abandoned_one_released() {
        let mut record = SharedRecord::default();
        assert_eq!(
            record.begin_refresh(None, "a", at(0)),
            StoreRefresh::Refresh
        );
        assert_eq!(record.begin_refresh(None, "b", at(59)), StoreRefresh::Wait);
        assert_eq!(
            record.begin_refresh(None, "b", at(60)),
            StoreRefresh::Refresh
        );
        record.abandon("a");
        assert!(record.lease.is_some(), "a cannot release b's lease");
        record.abandon("b");
        assert_eq!(record.lease, None);
    }

    #[test]
    fn stale_tokens_in_the_store_are_not_adopted() {
        let mut record = SharedRecord {
            tokens: Some(tokens("other-but-expired", 1_000)),
            lease: None,
        };
        assert_eq!(
            record.begin_refresh(Some(&tokens("mine", 1_000)), "a", at(2_000)),
            StoreRefresh::Refresh
        );
    }

    #[test]
    fn the_text_form_round_trips_and_refuses_junk() {
        let record = SharedRecord {
            tokens: Some(tokens("access-xyz", 7_200)),
            lease: Some(Lease {
                owner: "42-7".to_owned(),
                until: at(60),
            }),
        };
        let text = record.to_json();
        assert_eq!(SharedRecord::from_json(&text), Ok(record));
        assert_eq!(
            SharedRecord::from_json(b"  \n"),
            Ok(SharedRecord::default())
        );
        assert!(SharedRecord::from_json(b"{\"access_token\": 3}").is_err());
        assert!(SharedRecord::from_json(b"{\"refresh_token\": \"r\"}").is_err());
        assert!(SharedRecord::from_json(b"[").is_err());
        let message = SharedRecord::from_json(b"{\"access_token\": 3}")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(message.contains("not valid"), "{message}");
        let leaky = SharedRecord::from_json(b"{\"expires_at\": \"tok-SECRET\"}")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(!leaky.contains("SECRET"), "{leaky}");
    }
}
