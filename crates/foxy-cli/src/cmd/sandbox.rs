//! `foxy sandbox`: run the foxy-sandbox emulator of the Foxy hAPI in the
//! foreground until Ctrl-C or SIGTERM.
//!
//! The flags are those of the standalone `foxy-sandbox` binary
//! (docs/SANDBOX.md), from the same definition. The banner (base URL and the
//! seeded sandbox credentials, which are fixed test values) is printed once
//! the server listens; its first line is `foxy-sandbox listening on http://HOST:PORT`.

use std::process::ExitCode;

use super::CliError;

/// Arguments of `foxy sandbox`.
pub type Args = foxy_sandbox::cli::Args;

/// Starts the sandbox, prints its banner and serves until interrupted.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let config = args.into_config().map_err(CliError::input)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("cannot start the runtime: {e}")))?;
    runtime
        .block_on(foxy_sandbox::cli::serve(config))
        .map_err(|e| match e.exit_code() {
            2 => CliError::input(e),
            _ => CliError::failure(e),
        })?;
    Ok(ExitCode::SUCCESS)
}
