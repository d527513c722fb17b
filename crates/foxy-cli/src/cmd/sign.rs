//! `foxy sign`: HMAC-sign cart links and HTML, or check a signed link.

use std::path::PathBuf;
use std::process::ExitCode;

use foxy_proto::signing::{self, Secret};

use super::CliError;

/// Arguments of `foxy sign`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Sign a cart link and print it.
    Url {
        /// The store secret (the cart-signing key).
        #[arg(long, env = "FOXY_STORE_SECRET", hide_env_values = true)]
        secret: String,
        /// The cart link.
        url: String,
    },
    /// Sign the cart links and forms of an HTML document and print it.
    Html {
        /// The store secret (the cart-signing key).
        #[arg(long, env = "FOXY_STORE_SECRET", hide_env_values = true)]
        secret: String,
        /// The HTML file; standard input when absent.
        file: Option<PathBuf>,
    },
    /// Check a signed cart link: exit 0 when every field checks out, 1 when not.
    Verify {
        /// The store secret (the cart-signing key).
        #[arg(long, env = "FOXY_STORE_SECRET", hide_env_values = true)]
        secret: String,
        /// The signed cart link.
        url: String,
    },
}

/// Runs `foxy sign`.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.command {
        Command::Url { secret, url } => {
            let signed = signing::sign_url(&Secret::new(secret), &url).map_err(CliError::input)?;
            println!("{signed}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Html { secret, file } => {
            let bytes = super::read_input(file.as_deref())?;
            let html = String::from_utf8(bytes)
                .map_err(|_| CliError::input("the html is not valid utf-8"))?;
            let signed =
                signing::sign_html(&Secret::new(secret), &html).map_err(CliError::input)?;
            print!("{signed}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { secret, url } => {
            let report =
                signing::verify_url(&Secret::new(secret), &url).map_err(CliError::input)?;
            if report.is_valid() {
                println!("valid: {} fields checked", report.checked);
                return Ok(ExitCode::SUCCESS);
            }
            let failed: Vec<String> = report
                .failures
                .iter()
                .map(|f| format!("{} ({:?})", f.name, f.reason).to_lowercase())
                .collect();
            Err(CliError::failure(format!(
                "invalid signature: {}",
                failed.join(", ")
            )))
        }
    }
}
