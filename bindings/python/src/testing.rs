//! `foxy.testing.record(path)` and `foxy.testing.replay(path)`: a
//! `Cassette` handed to `Client(..., cassette=...)` or
//! `AsyncClient(..., cassette=...)`, wrapping foxy's `RecordingTransport`
//! and `ReplayTransport` (the Rust transports do all the work: scrubbing,
//! writing, matching).

use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use foxy::transport::{
    AsyncTransport, BoxFuture, Outcome, Recorder, RecordingTransport, ReplayTransport,
    TransportFailure,
};
use foxy::{ClientBuilder, ReqwestTransport, Timeouts, UreqTransport};

use crate::errors::{invalid_input, other};

/// What a cassette does to the clients given it.
#[derive(Clone)]
pub(crate) enum Tape {
    /// Record every exchange of the real transports.
    Record(Recorder),
    /// Answer from the cassette, with no network.
    Replay(ReplayTransport),
}

impl Tape {
    /// `builder` with the blocking and async transports of this cassette.
    pub(crate) fn attach(&self, builder: ClientBuilder, timeouts: Timeouts) -> ClientBuilder {
        match self {
            Tape::Record(recorder) => builder
                .transport(RecordingTransport::new(
                    UreqTransport::new(timeouts),
                    recorder.clone(),
                ))
                .async_transport(RecordingTransport::new(
                    LazyReqwest::new(timeouts),
                    recorder.clone(),
                )),
            Tape::Replay(replay) => builder
                .transport(replay.clone())
                .async_transport(replay.clone()),
        }
    }
}

/// reqwest's transport, built on first use: inside the runtime that drives
/// it, like the async client's own.
struct LazyReqwest {
    timeouts: Timeouts,
    built: OnceLock<Result<ReqwestTransport, String>>,
}

impl LazyReqwest {
    fn new(timeouts: Timeouts) -> LazyReqwest {
        LazyReqwest {
            timeouts,
            built: OnceLock::new(),
        }
    }
}

impl AsyncTransport for LazyReqwest {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        let built = self
            .built
            .get_or_init(|| ReqwestTransport::new(self.timeouts).map_err(|e| e.to_string()));
        match built {
            Ok(transport) => transport.send(request),
            Err(why) => {
                let failure = TransportFailure::NotSent(why.clone());
                Box::pin(async move { Err(failure) })
            }
        }
    }
}

/// A cassette: pass it to `Client(..., cassette=c)` or `AsyncClient`.
/// Recording rewrites the file after every exchange (it is always whole);
/// replaying answers every request from it and sends nothing.
#[pyclass(module = "foxy", frozen)]
pub struct Cassette {
    pub(crate) tape: Tape,
    path: PathBuf,
}

#[pymethods]
impl Cassette {
    /// The cassette file.
    #[getter]
    fn path(&self) -> String {
        self.path.display().to_string()
    }

    /// `"record"` or `"replay"`.
    #[getter]
    fn mode(&self) -> &'static str {
        match self.tape {
            Tape::Record(_) => "record",
            Tape::Replay(_) => "replay",
        }
    }

    /// The requests a replay had no recording for, as `"GET URL"` (first
    /// first); always empty when recording.
    #[getter]
    fn misses(&self) -> Vec<String> {
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
    #[getter]
    fn unused(&self) -> usize {
        match &self.tape {
            Tape::Record(_) => 0,
            Tape::Replay(replay) => replay.unused(),
        }
    }

    /// Raises `FoxyError` if the last write of a recording failed.
    fn finish(&self, py: Python<'_>) -> PyResult<()> {
        match &self.tape {
            Tape::Record(recorder) => recorder.finish().map_err(|e| other(py, e.to_string())),
            Tape::Replay(_) => Ok(()),
        }
    }

    /// The number of exchanges recorded (or held, when replaying).
    fn __len__(&self) -> usize {
        match &self.tape {
            Tape::Record(recorder) => recorder.len(),
            Tape::Replay(replay) => replay.len(),
        }
    }

    fn __enter__(this: PyRef<'_, Self>) -> PyRef<'_, Self> {
        this
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) -> PyResult<bool> {
        self.finish(py)?;
        Ok(false)
    }

    fn __repr__(&self) -> String {
        format!("Cassette(path={:?}, mode={:?})", self.path, self.mode())
    }
}

/// Records into a new cassette at `path` (replacing the file): every
/// exchange of the clients given it, secrets scrubbed.
#[pyfunction(name = "cassette_record")]
pub fn record(py: Python<'_>, path: PathBuf) -> PyResult<Cassette> {
    let recorder = Recorder::create(&path).map_err(|e| {
        other(
            py,
            format!("cannot write the cassette {}: {e}", path.display()),
        )
    })?;
    Ok(Cassette {
        tape: Tape::Record(recorder),
        path,
    })
}

/// Replays the cassette at `path` (read at once; a missing or corrupt file
/// raises `InvalidInputError`).
#[pyfunction(name = "cassette_replay")]
pub fn replay(py: Python<'_>, path: PathBuf) -> PyResult<Cassette> {
    let replay = ReplayTransport::open(&path).map_err(|e| invalid_input(py, e.to_string()))?;
    Ok(Cassette {
        tape: Tape::Replay(replay),
        path,
    })
}

/// Adds the cassette class and functions to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Cassette>()?;
    module.add_function(wrap_pyfunction!(record, module)?)?;
    module.add_function(wrap_pyfunction!(replay, module)?)?;
    Ok(())
}
