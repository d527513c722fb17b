//! `foxy-sandbox`: run the Foxy hAPI emulator on a local address.

use std::process::ExitCode;

use clap::Parser;
use foxy_sandbox::cli;

/// A stateful local emulator of the Foxy.io hypermedia API.
#[derive(Debug, Parser)]
#[command(name = "foxy-sandbox", version)]
struct Command {
    #[command(flatten)]
    args: cli::Args,
}

#[tokio::main]
async fn main() -> ExitCode {
    let outcome = match Command::parse().args.into_config() {
        Ok(config) => cli::serve(config).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("foxy-sandbox: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
