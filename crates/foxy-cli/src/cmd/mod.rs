//! The subcommands, one module each (`call` serves get, post, put, patch and
//! delete), the argument groups and printing they share (`options`,
//! `connect`, `output`, `profile`, `config_file`), and their error.

pub mod call;
pub mod cassette;
pub mod config_file;
pub mod connect;
pub mod convert;
pub mod datafeed;
pub mod demo;
pub mod legacy;
pub mod listen;
pub mod login;
pub mod options;
pub mod output;
pub mod profile;
pub mod profiles;
pub mod request;
pub mod sandbox;
pub mod sign;
pub mod trigger;
pub mod webhook;

use std::fmt;

/// A failure that ends the command with one line on standard error.
#[derive(Debug)]
pub struct CliError {
    message: String,
    code: u8,
}

impl CliError {
    /// Bad input or usage: exit status 2.
    pub fn input(message: impl fmt::Display) -> CliError {
        CliError {
            message: message.to_string(),
            code: 2,
        }
    }

    /// A failure talking to the API or the system: exit status 1.
    pub fn failure(message: impl fmt::Display) -> CliError {
        CliError {
            message: message.to_string(),
            code: 1,
        }
    }

    /// The process exit status for this error.
    pub fn exit_code(&self) -> u8 {
        self.code
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reads FILE, or standard input when FILE is absent or `-`.
pub fn read_input(file: Option<&std::path::Path>) -> Result<Vec<u8>, CliError> {
    use std::io::Read;
    match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read(path)
            .map_err(|e| CliError::input(format!("cannot read {}: {e}", path.display()))),
        _ => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| CliError::input(format!("cannot read standard input: {e}")))?;
            Ok(buf)
        }
    }
}
