//! The command line of the emulator, shared by the `foxy-sandbox` binary and
//! `foxy sandbox`: one set of flags, one way to serve in the foreground.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::config::{self, Config, Credentials};
use crate::faults::FaultSpec;

/// The emulator's flags (see docs/SANDBOX.md).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Address to listen on (127.0.0.1:0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8790")]
    pub addr: SocketAddr,
    /// SQLite file (data survives restarts); in memory when absent.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Access token lifetime in seconds.
    #[arg(long, default_value_t = 7200)]
    pub token_lifetime: u64,
    /// Random faults, e.g. `429=0.1,503=0.05,latency=0.1:200ms,drop=0.05`.
    #[arg(long, default_value = "")]
    pub faults: String,
    /// Let random faults hit the token endpoint too.
    #[arg(long)]
    pub faults_on_token: bool,
    /// Seed of the fault random source.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// OAuth client id.
    #[arg(long, default_value = config::DEFAULT_CLIENT_ID)]
    pub client_id: String,
    /// OAuth client secret.
    #[arg(long, default_value = config::DEFAULT_CLIENT_SECRET, hide_default_value = true)]
    pub client_secret: String,
    /// Refresh token of the seeded store.
    #[arg(long, default_value = config::DEFAULT_REFRESH_TOKEN, hide_default_value = true)]
    pub refresh_token: String,
    /// Store secret (webhook_key: cart signing, legacy API).
    #[arg(long, default_value = config::DEFAULT_STORE_SECRET, hide_default_value = true)]
    pub store_secret: String,
    /// Require HMAC-signed product fields on `/cart`.
    #[arg(long)]
    pub require_signed_carts: bool,
    /// Post the RC4 XML datafeed of each new transaction to this URL.
    #[arg(long)]
    pub datafeed_url: Option<String>,
    /// Add this many carts to the store at start, straight into the database.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=MAX_SEED_CARTS))]
    pub seed_carts: u64,
    /// Items in each cart of `--seed-carts`.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=MAX_ITEMS_PER_CART as i64))]
    pub items_per_cart: u32,
    /// Seed example transactions, subscriptions and a webhook on first start.
    #[arg(long)]
    pub seed_examples: bool,
}

/// Most carts `--seed-carts` adds.
pub const MAX_SEED_CARTS: u64 = 10_000_000;
/// Most items per cart of `--seed-carts`.
pub const MAX_ITEMS_PER_CART: u32 = 100;

/// Why the command line cannot run.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A flag's value is invalid (exit status 2).
    #[error("invalid --faults: {0}")]
    Faults(String),
    /// The server could not start or the signals could not be watched (exit status 1).
    #[error("{0}")]
    Serve(String),
}

impl CliError {
    /// The process exit status: 2 for bad input, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Faults(_) => 2,
            CliError::Serve(_) => 1,
        }
    }
}

impl Args {
    /// The configuration these flags describe.
    pub fn into_config(self) -> Result<Config, CliError> {
        let faults = self
            .faults
            .parse::<FaultSpec>()
            .map_err(|e| CliError::Faults(e.to_string()))?;
        Ok(Config {
            addr: self.addr,
            db_path: self.db,
            token_lifetime: Duration::from_secs(self.token_lifetime),
            faults,
            faults_on_token: self.faults_on_token,
            seed: self.seed,
            credentials: Credentials {
                client_id: self.client_id,
                client_secret: self.client_secret,
                refresh_token: self.refresh_token,
                store_secret: self.store_secret,
            },
            require_signed_carts: self.require_signed_carts,
            datafeed_url: self.datafeed_url,
            seed_carts: self.seed_carts,
            items_per_cart: self.items_per_cart,
            seed_examples: self.seed_examples,
            ..Config::default()
        })
    }
}

/// Starts the emulator, prints its banner (its first line is
/// `foxy-sandbox listening on http://HOST:PORT`) and serves until Ctrl-C or
/// SIGTERM, then shuts down cleanly.
pub async fn serve(config: Config) -> Result<(), CliError> {
    // Listen for signals before the banner: whoever reads it may stop us at once.
    let stop = Stop::listen()?;
    let sandbox = crate::start(config)
        .await
        .map_err(|e| CliError::Serve(format!("cannot start the sandbox: {e}")))?;
    let banner = format!(
        "{}\n  (Ctrl-C to stop)\n\nTo use it with the foxy CLI, paste:\n{}\n",
        sandbox.summary(),
        sandbox.env_block()
    );
    let mut out = std::io::stdout().lock();
    match out.write_all(banner.as_bytes()).and_then(|()| out.flush()) {
        // Whoever reads the banner may close the pipe after the first line.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(CliError::Serve(format!(
                "cannot write standard output: {e}"
            )));
        }
        _ => drop(out),
    }
    stop.wait().await;
    sandbox.shutdown().await;
    Ok(())
}

/// `text` as one POSIX shell word: as is when it has only safe characters,
/// else in single quotes.
pub fn shell_word(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.:/@%+=,".contains(c));
    if safe {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

fn signal_error(e: std::io::Error) -> CliError {
    CliError::Serve(format!("cannot wait for signals: {e}"))
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

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
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

    async fn wait(mut self) {
        self.0.recv().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cmd {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn flags_become_a_config() {
        let cmd = Cmd::try_parse_from([
            "x",
            "--addr",
            "127.0.0.1:0",
            "--token-lifetime",
            "60",
            "--faults",
            "503=0.5",
            "--seed",
            "7",
            "--client-id",
            "cid",
        ])
        .expect("valid flags");
        let config = cmd.args.into_config().expect("valid config");
        assert_eq!(config.addr, SocketAddr::from(([127, 0, 0, 1], 0)));
        assert_eq!(config.token_lifetime, Duration::from_secs(60));
        assert_eq!(config.seed, 7);
        assert_eq!(config.credentials.client_id, "cid");
        assert_eq!(
            config.credentials.client_secret,
            config::DEFAULT_CLIENT_SECRET
        );
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("http://127.0.0.1:8790"), "http://127.0.0.1:8790");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn bad_faults_are_input_errors() {
        let cmd = Cmd::try_parse_from(["x", "--faults", "nonsense"]).expect("parses");
        let err = cmd.args.into_config().expect_err("bad spec");
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().starts_with("invalid --faults:"), "{err}");
    }
}
