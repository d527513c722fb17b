//! `foxy convert`: convert a document between the three media types.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use foxy_proto::{MediaType, codec};

use super::CliError;

/// Arguments of `foxy convert`.
#[derive(clap::Args)]
pub struct Args {
    /// Input format: hal+json (or json), hal+xml (or xml), siren (or the full media type).
    #[arg(long)]
    from: String,
    /// Output format: hal+json (or json), hal+xml (or xml), siren (or the full media type).
    #[arg(long)]
    to: String,
    /// The document to read; standard input when absent.
    file: Option<PathBuf>,
}

/// A hypermedia format named on the command line.
fn format(flag: &str, value: &str) -> Result<MediaType, CliError> {
    super::output::hypermedia(value).ok_or_else(|| {
        CliError::input(format!(
            "--{flag}: unsupported format {value:?}; expected hal+json (json), hal+xml (xml) \
             or siren"
        ))
    })
}

/// Runs the conversion, writing the document to standard output.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let from = format("from", &args.from)?;
    let to = format("to", &args.to)?;
    let input = super::read_input(args.file.as_deref())?;
    let resource = codec::parse(from, &input).map_err(|e| {
        CliError::input(format!("invalid {} input: {e}", from.short_name()).replace('\n', " "))
    })?;
    let output = codec::write(to, &resource).map_err(|e| {
        CliError::input(format!("cannot write {}: {e}", to.short_name()).replace('\n', " "))
    })?;
    std::io::stdout()
        .write_all(&output)
        .map_err(|e| CliError::failure(format!("cannot write standard output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
