//! Which recording answers a request.
//!
//! Requests are matched by method, path and query, the query's parameters
//! as a multiset (their order does not matter, their repetitions do), after
//! the same scrubbing as when they were recorded (so a secret query
//! parameter matches whatever its value). Headers and bodies are ignored:
//! the `Authorization` header and the secret fields of token and legacy
//! requests differ between sessions. Identical requests are answered by
//! their recordings in recorded order; each recording answers once.

use http::Request;
use percent_encoding::percent_decode_str;

use super::format::{Cassette, Interaction};
use super::scrub::Scrubber;
use crate::step::Outcome;

/// What a request is matched on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestKey {
    /// The method, upper case.
    pub method: String,
    /// The path, percent-decoded (`/` when empty).
    pub path: String,
    /// The query's `(name, value)` pairs, decoded and sorted.
    pub query: Vec<(String, String)>,
}

impl RequestKey {
    /// The key of `method` on `url` (absolute, or a path with a query).
    pub fn new(method: &str, url: &str) -> RequestKey {
        let without_fragment = url.split('#').next().unwrap_or("");
        let (before, query) = without_fragment
            .split_once('?')
            .unwrap_or((without_fragment, ""));
        let path = match before.split_once("://") {
            Some((_, rest)) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/"),
            None => before,
        };
        let path = if path.is_empty() { "/" } else { path };
        let mut pairs: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (name, value) = p.split_once('=').unwrap_or((p, ""));
                (decode(name), decode(value))
            })
            .collect();
        pairs.sort();
        RequestKey {
            method: method.to_ascii_uppercase(),
            path: decode_path(path),
            query: pairs,
        }
    }
}

fn decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

fn decode_path(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// A request no recording answers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no recording in the cassette for {method} {url}")]
pub struct Miss {
    /// The request's method.
    pub method: String,
    /// The request's URL, secret query parameters scrubbed.
    pub url: String,
}

/// Serves a cassette's recordings to the requests of a replay.
#[derive(Debug, Clone)]
pub struct Player {
    recordings: Vec<(RequestKey, Interaction)>,
    used: Vec<bool>,
    scrubber: Scrubber,
    misses: Vec<Miss>,
}

impl Player {
    /// A player of `cassette`, scrubbing requests with the default rules.
    pub fn new(cassette: Cassette) -> Player {
        Player::with_scrubber(cassette, Scrubber::new())
    }

    /// A player that scrubs requests with `scrubber` (the rules the
    /// cassette was recorded with) before matching them.
    pub fn with_scrubber(cassette: Cassette, scrubber: Scrubber) -> Player {
        let recordings: Vec<(RequestKey, Interaction)> = cassette
            .interactions
            .into_iter()
            .map(|i| (RequestKey::new(&i.request.method, &i.request.url), i))
            .collect();
        Player {
            used: vec![false; recordings.len()],
            recordings,
            scrubber,
            misses: Vec::new(),
        }
    }

    /// The recorded outcome for `request`: that of the first unused
    /// recording with the same key. A [`Miss`] is also kept (see
    /// [`Player::misses`]).
    pub fn answer(&mut self, request: &Request<Vec<u8>>) -> Result<Outcome, Miss> {
        // Scrubbing the body first teaches the scrubber the secrets it
        // carries, should they also appear in the URL.
        let _ = self.scrubber.request_body(request);
        let url = self.scrubber.url(&request.uri().to_string());
        let key = RequestKey::new(request.method().as_str(), &url);
        let found = self
            .recordings
            .iter()
            .zip(self.used.iter())
            .position(|((k, _), used)| !used && *k == key);
        match found {
            Some(index) => {
                if let Some(used) = self.used.get_mut(index) {
                    *used = true;
                }
                Ok(self
                    .recordings
                    .get(index)
                    .map(|(_, interaction)| interaction.outcome())
                    .unwrap_or_else(|| {
                        Err(crate::step::TransportFailure::NotSent(
                            "recording vanished".to_owned(),
                        ))
                    }))
            }
            None => {
                let miss = Miss {
                    method: request.method().as_str().to_owned(),
                    url,
                };
                self.misses.push(miss.clone());
                Err(miss)
            }
        }
    }

    /// The requests that had no recording, in order.
    pub fn misses(&self) -> &[Miss] {
        &self.misses
    }

    /// How many recordings have not been served.
    pub fn unused(&self) -> usize {
        self.used.iter().filter(|used| !**used).count()
    }

    /// How many recordings the cassette holds.
    pub fn len(&self) -> usize {
        self.recordings.len()
    }

    /// Whether the cassette holds no recording.
    pub fn is_empty(&self) -> bool {
        self.recordings.is_empty()
    }
}
