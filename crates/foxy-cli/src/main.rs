//! `foxy`: the command-line tool of the Foxy.io SDK.
//!
//! Each subcommand lives in its own module under `cmd/`. Exit status 0 means
//! success, 1 a negative answer (for example an invalid signature), 2 bad
//! input or usage; errors are one line on standard error.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// Command-line access to the Foxy.io APIs.
#[derive(Parser)]
#[command(name = "foxy", version, about)]
enum Cli {
    /// Convert a document between hal+json, hal+xml and siren.
    Convert(cmd::convert::Args),
    /// Build a request and print it as it would go on the wire.
    Request(Box<cmd::request::Args>),
    /// HMAC-sign cart links and forms, or check a signed link.
    Sign(cmd::sign::Args),
    /// Check or compute a webhook signature.
    Webhook(cmd::webhook::Args),
    /// Decrypt or encrypt a legacy XML datafeed.
    Datafeed(cmd::datafeed::Args),
    /// Call the legacy XML API (POST /api) and print the answer.
    Legacy(cmd::legacy::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let outcome = match cli {
        Cli::Convert(args) => cmd::convert::run(args),
        Cli::Request(args) => cmd::request::run(*args),
        Cli::Sign(args) => cmd::sign::run(args),
        Cli::Webhook(args) => cmd::webhook::run(args),
        Cli::Datafeed(args) => cmd::datafeed::run(args),
        Cli::Legacy(args) => cmd::legacy::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("foxy: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
