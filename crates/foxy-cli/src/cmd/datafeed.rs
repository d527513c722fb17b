//! `foxy datafeed`: decrypt or encrypt a legacy XML datafeed.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use foxy_proto::datafeed;
use foxy_proto::signing::Secret;

use super::CliError;

/// Arguments of `foxy datafeed`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Decrypt a FoxyData / FoxySubscriptionData value (or a raw POST body) and print the XML.
    Decrypt {
        /// The store secret (the datafeed key).
        #[arg(long, env = "FOXY_STORE_SECRET", hide_env_values = true)]
        key: String,
        /// The form value or POST body; standard input when absent.
        file: Option<PathBuf>,
    },
    /// Encrypt an XML document into a FoxyData form value.
    Encrypt {
        /// The store secret (the datafeed key).
        #[arg(long, env = "FOXY_STORE_SECRET", hide_env_values = true)]
        key: String,
        /// The XML document; standard input when absent.
        file: Option<PathBuf>,
    },
}

/// Runs `foxy datafeed`.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.command {
        Command::Decrypt { key, file } => {
            let input = super::read_input(file.as_deref())?;
            let xml = datafeed::decrypt(datafeed::form_value(&input), &Secret::new(key))
                .map_err(CliError::input)?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", xml.trim_end())
                .map_err(|e| CliError::failure(format!("cannot write: {e}")))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Encrypt { key, file } => {
            let input = super::read_input(file.as_deref())?;
            let xml = String::from_utf8(input)
                .map_err(|_| CliError::input("the xml is not valid utf-8"))?;
            let value = datafeed::encrypt(&xml, &Secret::new(key)).map_err(CliError::input)?;
            println!("{value}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
