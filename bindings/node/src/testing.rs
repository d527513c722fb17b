//! Record and replay: `foxy.testing.record(path)` and
//! `foxy.testing.replay(path)` (`recordCassette`, `replayCassette` in the
//! addon) return a `Cassette` for `new Client({ ..., cassette })`, wrapping
//! foxy's `RecordingTransport` and `ReplayTransport`: the Rust transports
//! scrub, write and match; this file only hands them over.

use napi::Env;
use napi_derive::napi;

use foxy::transport::{Recorder, RecordingTransport, ReplayTransport};
use foxy::{Async, ClientBuilder, ReqwestTransport, Timeouts};

use crate::errors::{FoxyError, sync};

/// What a cassette does to the client given it.
#[derive(Clone)]
enum Tape {
    /// Record every exchange of the real transport.
    Record(Recorder),
    /// Answer from the cassette, with no network.
    Replay(ReplayTransport),
}

/// A cassette: pass it as `new Client({ ..., cassette })`. Recording
/// rewrites the file after every exchange (it is always whole); replaying
/// answers every request from it and sends nothing.
#[napi]
pub struct Cassette {
    tape: Tape,
    path: String,
}

impl Cassette {
    /// `builder` with this cassette's transport.
    pub(crate) fn attach(
        &self,
        builder: ClientBuilder<Async>,
        timeouts: Timeouts,
    ) -> Result<ClientBuilder<Async>, FoxyError> {
        Ok(match &self.tape {
            Tape::Record(recorder) => {
                let network = ReqwestTransport::new(timeouts)
                    .map_err(|e| FoxyError::internal(e.to_string()))?;
                builder.async_transport(RecordingTransport::new(network, recorder.clone()))
            }
            Tape::Replay(replay) => builder.async_transport(replay.clone()),
        })
    }
}

#[napi]
impl Cassette {
    /// The cassette file.
    #[napi(getter)]
    pub fn path(&self) -> String {
        self.path.clone()
    }

    /// `record` or `replay`.
    #[napi(getter, ts_return_type = "'record' | 'replay'")]
    pub fn mode(&self) -> String {
        match self.tape {
            Tape::Record(_) => "record".to_owned(),
            Tape::Replay(_) => "replay".to_owned(),
        }
    }

    /// The requests a replay had no recording for, as `GET URL` (first
    /// first); always empty when recording.
    #[napi(getter)]
    pub fn misses(&self) -> Vec<String> {
        match &self.tape {
            Tape::Record(_) => Vec::new(),
            Tape::Replay(replay) => replay
                .misses()
                .into_iter()
                .map(|m| format!("{} {}", m.method, m.url))
                .collect(),
        }
    }

    /// How many recordings a replay has not served yet (0 when recording).
    #[napi(getter)]
    pub fn unused(&self) -> u32 {
        match &self.tape {
            Tape::Record(_) => 0,
            Tape::Replay(replay) => u32::try_from(replay.unused()).unwrap_or(u32::MAX),
        }
    }

    /// The number of exchanges recorded (or held, when replaying).
    #[napi(getter)]
    pub fn length(&self) -> u32 {
        let len = match &self.tape {
            Tape::Record(recorder) => recorder.len(),
            Tape::Replay(replay) => replay.len(),
        };
        u32::try_from(len).unwrap_or(u32::MAX)
    }

    /// Throws if the last write of a recording failed.
    #[napi]
    pub fn finish(&self, env: Env) -> napi::Result<()> {
        sync(&env, || match &self.tape {
            Tape::Record(recorder) => recorder
                .finish()
                .map_err(|e| FoxyError::internal(e.to_string())),
            Tape::Replay(_) => Ok(()),
        })
    }
}

/// Records into a new cassette at `path` (replacing the file): every
/// exchange of the clients given it, secrets scrubbed. `foxy.testing.record`.
#[napi]
pub fn record_cassette(env: Env, path: String) -> napi::Result<Cassette> {
    sync(&env, || {
        let recorder = Recorder::create(&path).map_err(|e| {
            FoxyError::invalid_input(format!("cannot write the cassette {path}: {e}"))
        })?;
        Ok(Cassette {
            tape: Tape::Record(recorder),
            path: path.clone(),
        })
    })
}

/// Replays the cassette at `path` (read at once; a missing or corrupt file
/// throws `FOXY_INVALID_INPUT`). `foxy.testing.replay`.
#[napi]
pub fn replay_cassette(env: Env, path: String) -> napi::Result<Cassette> {
    sync(&env, || {
        let replay =
            ReplayTransport::open(&path).map_err(|e| FoxyError::invalid_input(e.to_string()))?;
        Ok(Cassette {
            tape: Tape::Replay(replay),
            path: path.clone(),
        })
    })
}
