//! Recording: a transport wrapper that writes every exchange to a cassette.
//!
//! [`RecordingTransport`] wraps any [`Transport`] or [`AsyncTransport`],
//! sends each request through it and hands the outcome back unchanged;
//! on the way it records the exchange, scrubbed by foxy-proto's
//! [`Scrubber`] (tokens, client secrets, `api_token`, store secrets, card
//! numbers), in a [`Recorder`].
//!
//! The file is rewritten after every exchange, to a temporary file in the
//! same folder that is then renamed over the cassette: at any moment the
//! cassette is a whole JSON document holding every exchange so far, even
//! if the process dies. There is nothing to close or flush. Several
//! transports (a blocking and an async client, the legacy API client) can
//! share one [`Recorder`], and so one cassette.
//!
//! ```no_run
//! use foxy::transport::{Recorder, RecordingTransport, UreqTransport};
//! let recorder = Recorder::create("tests/cassettes/session.json")?;
//! let client = foxy::Client::builder()
//!     .base_url("http://127.0.0.1:8790/")
//!     .refresh_token("id", "secret", "refresh")
//!     .transport(RecordingTransport::new(UreqTransport::default(), recorder))
//!     .build()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use foxy_proto::cassette::{Cassette, Interaction, Scrubber};
use http::Request;

use super::{AsyncTransport, BoxFuture, Outcome, Transport};

/// A cassette being recorded: the exchanges so far and the file they are
/// written to. Clones share the cassette.
#[derive(Clone)]
pub struct Recorder {
    shared: Arc<Mutex<State>>,
}

struct State {
    path: PathBuf,
    cassette: Cassette,
    scrubber: Scrubber,
    /// The last write's failure, kept until the next write succeeds.
    error: Option<String>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct("Recorder");
        if let Ok(state) = self.shared.lock() {
            out.field("path", &state.path)
                .field("interactions", &state.cassette.interactions.len());
        }
        out.finish_non_exhaustive()
    }
}

impl Recorder {
    /// Starts an empty cassette at `path` (replacing any file there),
    /// scrubbed with the default rules. Fails when the file cannot be written.
    pub fn create(path: impl AsRef<Path>) -> io::Result<Recorder> {
        Recorder::with_scrubber(path, Scrubber::new())
    }

    /// Like [`Recorder::create`], with the scrubbing rules given (for
    /// example `Scrubber::new().with_field("my_secret")`).
    pub fn with_scrubber(path: impl AsRef<Path>, scrubber: Scrubber) -> io::Result<Recorder> {
        let state = State {
            path: path.as_ref().to_path_buf(),
            cassette: Cassette::new(),
            scrubber,
            error: None,
        };
        write_atomically(&state.path, &state.cassette.to_json())?;
        Ok(Recorder {
            shared: Arc::new(Mutex::new(state)),
        })
    }

    /// Records one exchange and rewrites the cassette. A failed write is
    /// kept (see [`Recorder::finish`]) and does not fail the request.
    pub fn record(&self, request: &Request<Vec<u8>>, outcome: &Outcome) {
        let mut state = match self.shared.lock() {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        };
        let state = &mut *state;
        let interaction = Interaction::capture(request, outcome, &mut state.scrubber);
        state.cassette.interactions.push(interaction);
        state.error = write_atomically(&state.path, &state.cassette.to_json())
            .err()
            .map(|e| format!("cannot write the cassette {}: {e}", state.path.display()));
    }

    /// How many exchanges are recorded.
    pub fn len(&self) -> usize {
        self.shared
            .lock()
            .map(|s| s.cassette.interactions.len())
            .unwrap_or(0)
    }

    /// Whether nothing is recorded yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cassette's file.
    pub fn path(&self) -> PathBuf {
        self.shared
            .lock()
            .map(|s| s.path.clone())
            .unwrap_or_default()
    }

    /// Checks that every exchange reached the file: the error of the last
    /// write, if it failed. (The file is always complete: this only tells
    /// whether it is also up to date.)
    pub fn finish(&self) -> io::Result<()> {
        let state = self
            .shared
            .lock()
            .map_err(|_| io::Error::other("the recorder's lock is poisoned"))?;
        match &state.error {
            Some(message) => Err(io::Error::other(message.clone())),
            None => Ok(()),
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: readers see the old cassette or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("the cassette path names no file"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// A transport that records every exchange of the transport it wraps.
#[derive(Debug, Clone)]
pub struct RecordingTransport<T> {
    inner: T,
    recorder: Recorder,
}

impl<T> RecordingTransport<T> {
    /// Records the exchanges of `inner` in `recorder`.
    pub fn new(inner: T, recorder: Recorder) -> RecordingTransport<T> {
        RecordingTransport { inner, recorder }
    }

    /// The recorder.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }
}

/// A copy of `request` to record once the original is sent.
fn copy(request: &Request<Vec<u8>>) -> Request<Vec<u8>> {
    let mut copy = Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

impl<T: Transport> Transport for RecordingTransport<T> {
    fn send(&self, request: Request<Vec<u8>>) -> Outcome {
        let sent = copy(&request);
        let outcome = self.inner.send(request);
        self.recorder.record(&sent, &outcome);
        outcome
    }
}

impl<T: AsyncTransport> AsyncTransport for RecordingTransport<T> {
    fn send(&self, request: Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        Box::pin(async move {
            let sent = copy(&request);
            let outcome = self.inner.send(request).await;
            // A small synchronous write: cassettes are for tests.
            self.recorder.record(&sent, &outcome);
            outcome
        })
    }
}
