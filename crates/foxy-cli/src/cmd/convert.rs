//! `foxy convert`: convert a document between the three media types.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CliError;

/// Arguments of `foxy convert`.
#[derive(clap::Args)]
pub struct Args {
    /// Input format: hal+json, hal+xml, siren (or the full media type).
    #[arg(long)]
    from: String,
    /// Output format: hal+json, hal+xml, siren (or the full media type).
    #[arg(long)]
    to: String,
    /// The document to read; standard input when absent.
    file: Option<PathBuf>,
}

/// Runs the conversion.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let _ = super::read_input(args.file.as_deref())?;
    Err(CliError::input(format!(
        "conversion from {} to {} is not available yet",
        args.from, args.to
    )))
}
