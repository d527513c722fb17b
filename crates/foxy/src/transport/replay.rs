//! Replaying: a transport that answers from a cassette, with no network.
//!
//! [`ReplayTransport`] reads a cassette written by a
//! [`RecordingTransport`](super::RecordingTransport) and answers each request
//! with the first unused recording of the same method, path and query
//! (parameters in any order; see foxy-proto's
//! [`Player`](foxy_proto::cassette::Player)). It implements both
//! [`Transport`] and [`AsyncTransport`]; clones share the cassette.
//!
//! A request with no recording never reaches a network: it fails with
//! [`TransportFailure::NoRecording`], naming its method and (scrubbed) URL
//! (`replay: no recording in the cassette for GET http://.../carts?limit=5`),
//! which the clients surface as [`Error::Transport`](crate::Error::Transport)
//! at once: the retry policy never tries it again (another try would miss
//! too). The typed [`Miss`] of every such request is kept
//! ([`ReplayTransport::misses`]).
//!
//! ```no_run
//! use foxy::transport::ReplayTransport;
//! let replay = ReplayTransport::open("tests/cassettes/session.json")?;
//! let client = foxy::Client::builder()
//!     .base_url("http://127.0.0.1:8790/")
//!     .refresh_token("id", "any secret", "any refresh token")
//!     .transport(replay.clone())
//!     .build()?;
//! let home = client.home()?;
//! assert!(replay.misses().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use foxy_proto::cassette::{Cassette, Player};
pub use foxy_proto::cassette::{CassetteError, Miss};
use http::Request;

use super::{AsyncTransport, BoxFuture, Outcome, Transport, TransportFailure};

/// Why a cassette file cannot be replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// The file cannot be read.
    #[error("cannot read the cassette {path}: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        message: String,
    },
    /// The file is not a cassette this SDK reads.
    #[error("cannot replay {path}: {source}")]
    Cassette {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: CassetteError,
    },
}

/// A transport answering from a cassette.
#[derive(Debug, Clone)]
pub struct ReplayTransport {
    player: Arc<Mutex<Player>>,
}

impl ReplayTransport {
    /// Reads the cassette at `path` (all of it, at once).
    pub fn open(path: impl AsRef<Path>) -> Result<ReplayTransport, OpenError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| OpenError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let cassette = Cassette::from_json(&bytes).map_err(|source| OpenError::Cassette {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(ReplayTransport::new(cassette))
    }

    /// Replays `cassette`.
    pub fn new(cassette: Cassette) -> ReplayTransport {
        ReplayTransport {
            player: Arc::new(Mutex::new(Player::new(cassette))),
        }
    }

    fn with_player<R>(&self, f: impl FnOnce(&mut Player) -> R) -> R {
        match self.player.lock() {
            Ok(mut player) => f(&mut player),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// The recorded outcome for `request`, or the failure naming it.
    fn answer(&self, request: &Request<Vec<u8>>) -> Outcome {
        self.with_player(|player| player.answer(request))
            .unwrap_or_else(|miss| {
                Err(TransportFailure::NoRecording {
                    method: miss.method,
                    url: miss.url,
                })
            })
    }

    /// Every request that had no recording, in order (the first is the
    /// first request the cassette could not answer).
    pub fn misses(&self) -> Vec<Miss> {
        self.with_player(|player| player.misses().to_vec())
    }

    /// How many recordings have not been served yet.
    pub fn unused(&self) -> usize {
        self.with_player(|player| player.unused())
    }

    /// How many recordings the cassette holds.
    pub fn len(&self) -> usize {
        self.with_player(|player| player.len())
    }

    /// Whether the cassette holds no recording.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Transport for ReplayTransport {
    fn send(&self, request: Request<Vec<u8>>) -> Outcome {
        self.answer(&request)
    }
}

impl AsyncTransport for ReplayTransport {
    fn send(&self, request: Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        let outcome = self.answer(&request);
        Box::pin(async move { outcome })
    }
}
