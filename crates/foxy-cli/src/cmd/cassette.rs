//! The global `--record FILE` and `--replay FILE`: every command that calls
//! the API (get, post, put, patch, delete, login, legacy) records its
//! exchanges into a cassette (secrets scrubbed), or answers from one with no
//! network at all.
//!
//! `main` reads the flags once ([`install`]); the commands build their
//! clients over [`transport`], which is the network, the network recorded,
//! or the cassette. A request the cassette lacks fails the command (status
//! 1) with a message naming it.

use std::path::PathBuf;
use std::sync::OnceLock;

use foxy::Transport;
use foxy::transport::{
    Outcome, Recorder, RecordingTransport, ReplayTransport, Timeouts, UreqTransport,
};

use super::CliError;

/// The cassette options every command accepts, before or after its name.
#[derive(clap::Args, Debug, Default)]
pub struct CassetteArgs {
    /// Record every exchange with the API into the cassette FILE (JSON; tokens, secrets and
    /// card numbers scrubbed), replacing it.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "replay")]
    pub record: Option<PathBuf>,
    /// Answer every request from the cassette FILE, with no network at all.
    #[arg(long, global = true, value_name = "FILE")]
    pub replay: Option<PathBuf>,
}

impl CassetteArgs {
    /// Refuses `--record` and `--replay` for a command that does not call the API.
    pub fn refuse(&self, command: &str) -> Result<(), CliError> {
        if self.record.is_some() || self.replay.is_some() {
            return Err(CliError::input(format!(
                "--record and --replay are for the commands that call the API (get, post, put, \
                 patch, delete, login, legacy); `foxy {command}` takes neither"
            )));
        }
        Ok(())
    }
}

/// Where requests go.
#[derive(Debug, Clone)]
pub enum CliTransport {
    /// The network.
    Network(UreqTransport),
    /// The network, every exchange recorded.
    Record(RecordingTransport<UreqTransport>),
    /// The cassette only.
    Replay(ReplayTransport),
}

impl Transport for CliTransport {
    fn send(&self, request: foxy_proto::http::Request<Vec<u8>>) -> Outcome {
        match self {
            CliTransport::Network(t) => t.send(request),
            CliTransport::Record(t) => t.send(request),
            CliTransport::Replay(t) => t.send(request),
        }
    }
}

static CHOSEN: OnceLock<CliTransport> = OnceLock::new();

/// Opens the cassette the flags name (a replayed one is read at once: a
/// missing or corrupt file is bad input) and makes it the commands' transport.
pub fn install(args: &CassetteArgs) -> Result<(), CliError> {
    let network = || UreqTransport::new(Timeouts::default());
    let chosen = match (&args.record, &args.replay) {
        (Some(path), _) => {
            let recorder = Recorder::create(path).map_err(|e| {
                CliError::input(format!("cannot write the cassette {}: {e}", path.display()))
            })?;
            CliTransport::Record(RecordingTransport::new(network(), recorder))
        }
        (None, Some(path)) => {
            CliTransport::Replay(ReplayTransport::open(path).map_err(CliError::input)?)
        }
        (None, None) => CliTransport::Network(network()),
    };
    let _ = CHOSEN.set(chosen);
    Ok(())
}

/// The transport the commands' clients use (the network unless [`install`]
/// chose a cassette).
pub fn transport() -> CliTransport {
    CHOSEN
        .get()
        .cloned()
        .unwrap_or_else(|| CliTransport::Network(UreqTransport::new(Timeouts::default())))
}

/// Whether requests are answered from a cassette.
pub fn replaying() -> bool {
    matches!(CHOSEN.get(), Some(CliTransport::Replay(_)))
}

/// After the command: a recording whose last write failed is an error.
pub fn finish() -> Result<(), CliError> {
    match CHOSEN.get() {
        Some(CliTransport::Record(t)) => t.recorder().finish().map_err(CliError::failure),
        _ => Ok(()),
    }
}
