//! `foxy webhook`: check or compute a `Foxy-Webhook-Signature`.

use std::path::PathBuf;
use std::process::ExitCode;

use foxy_proto::signing::Secret;
use foxy_proto::webhook;

use super::CliError;

/// Arguments of `foxy webhook`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Check a body against its signature: exit 0 when valid, 1 when not (a
    /// signature that is not even 64 hex digits is not valid either), 2 when
    /// the body cannot be read or a flag is missing.
    Verify {
        /// The webhook encryption key.
        #[arg(long, env = "FOXY_WEBHOOK_KEY", hide_env_values = true)]
        key: String,
        /// The Foxy-Webhook-Signature header value (64 hex digits).
        #[arg(long)]
        signature: String,
        /// The raw body; standard input when absent.
        file: Option<PathBuf>,
    },
    /// Print the signature of a body.
    Sign {
        /// The webhook encryption key.
        #[arg(long, env = "FOXY_WEBHOOK_KEY", hide_env_values = true)]
        key: String,
        /// The raw body; standard input when absent.
        file: Option<PathBuf>,
    },
}

/// Runs `foxy webhook`.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.command {
        Command::Verify {
            key,
            signature,
            file,
        } => {
            let body = super::read_input(file.as_deref())?;
            match webhook::verify_signature(&Secret::new(key), &body, &signature) {
                Ok(()) => {
                    println!("valid");
                    Ok(ExitCode::SUCCESS)
                }
                // Every way a signature fails to verify is a negative answer.
                Err(err) => Err(CliError::failure(err)),
            }
        }
        Command::Sign { key, file } => {
            let body = super::read_input(file.as_deref())?;
            println!("{}", webhook::sign(&Secret::new(key), &body));
            Ok(ExitCode::SUCCESS)
        }
    }
}
