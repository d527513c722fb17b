//! `foxy sandbox`: run the foxy-sandbox emulator of the Foxy hAPI in the
//! foreground until Ctrl-C or SIGTERM.
//!
//! The flags mirror the most used ones of the standalone `foxy-sandbox`
//! binary (docs/SANDBOX.md). The banner (base URL and the seeded sandbox
//! credentials, which are fixed test values) is printed once the server
//! listens; its first line is `foxy-sandbox listening on http://HOST:PORT`.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use foxy_sandbox::{Config, FaultSpec};

use super::CliError;

/// Arguments of `foxy sandbox`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on (127.0.0.1:0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8790")]
    addr: SocketAddr,
    /// SQLite file (data survives restarts); in memory when absent.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Access token lifetime in seconds.
    #[arg(long, default_value_t = 7200)]
    token_lifetime: u64,
    /// Random faults, e.g. 429=0.1,503=0.05,latency=0.1:200ms,drop=0.05.
    #[arg(long, default_value = "")]
    faults: String,
    /// Seed of the fault random source.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

/// Starts the sandbox, prints its banner and serves until interrupted.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let faults: FaultSpec = args
        .faults
        .parse()
        .map_err(|e| CliError::input(format!("invalid --faults: {e}")))?;
    let config = Config {
        addr: args.addr,
        db_path: args.db,
        token_lifetime: Duration::from_secs(args.token_lifetime),
        faults,
        seed: args.seed,
        ..Config::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async move {
        // Listen for signals before the banner: whoever reads it may stop us at once.
        let stop = Stop::listen()?;
        let sandbox = foxy_sandbox::start(config)
            .await
            .map_err(|e| CliError::failure(format!("cannot start the sandbox: {e}")))?;
        let banner = format!("{}\n  (Ctrl-C to stop)\n", sandbox.banner());
        let mut out = std::io::stdout().lock();
        match out.write_all(banner.as_bytes()).and_then(|()| out.flush()) {
            // Whoever reads the banner may close the pipe after the first line.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(CliError::failure(format!(
                    "cannot write standard output: {e}"
                )));
            }
            _ => drop(out),
        }
        stop.wait().await?;
        sandbox.shutdown().await;
        Ok(ExitCode::SUCCESS)
    })
}

fn signal_error(e: std::io::Error) -> CliError {
    CliError::failure(format!("cannot wait for signals: {e}"))
}

/// Ctrl-C (SIGINT) and, on Unix, SIGTERM, listened for from creation on.
#[cfg(unix)]
struct Stop {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Stop {
    fn listen() -> Result<Stop, CliError> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Stop {
            interrupt: signal(SignalKind::interrupt()).map_err(signal_error)?,
            terminate: signal(SignalKind::terminate()).map_err(signal_error)?,
        })
    }

    async fn wait(mut self) -> Result<(), CliError> {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
        Ok(())
    }
}

/// Ctrl-C, listened for from creation on.
#[cfg(not(unix))]
struct Stop(tokio::signal::windows::CtrlC);

#[cfg(not(unix))]
impl Stop {
    fn listen() -> Result<Stop, CliError> {
        tokio::signal::windows::ctrl_c()
            .map(Stop)
            .map_err(signal_error)
    }

    async fn wait(mut self) -> Result<(), CliError> {
        self.0.recv().await;
        Ok(())
    }
}
