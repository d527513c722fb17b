//! `foxy login`: write a profile (base URL and credentials) to the config
//! file, from flags or, for what they leave out, from prompts. Secrets are
//! read without echo on a terminal, checked against the API (unless
//! `--no-verify`) and never printed.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::process::ExitCode;

use foxy::{MediaType, Secret};

use super::CliError;
use super::config_file::{self, ConfigFile, Profile};
use super::connect::{ConnectArgs, PRODUCTION, api_error};
use super::profile::{DEFAULT, GlobalArgs, SANDBOX};

/// Arguments of `foxy login`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The API home URL [default: https://api.foxycart.com/; prompted for on a terminal].
    #[arg(long)]
    base_url: Option<String>,
    /// OAuth client id (prompted for when absent).
    #[arg(long)]
    client_id: Option<String>,
    /// OAuth client secret (never printed; prompted for without echo when absent).
    #[arg(long)]
    client_secret: Option<String>,
    /// Refresh token (never printed; prompted for without echo when absent).
    #[arg(long)]
    refresh_token: Option<String>,
    /// Save without first checking the credentials against the API.
    #[arg(long)]
    no_verify: bool,
    /// Allow plain http to a host that is not loopback when verifying.
    #[arg(long)]
    insecure_http: bool,
}

/// Reads answers from standard input: prompts on standard error, no echo
/// for secrets when standard input is a terminal.
struct Prompter {
    terminal: bool,
    lines: std::io::StdinLock<'static>,
}

impl Prompter {
    fn new() -> Prompter {
        let stdin = std::io::stdin();
        Prompter {
            terminal: stdin.is_terminal(),
            lines: stdin.lock(),
        }
    }

    /// One line, trimmed; an empty answer or end of input is an error.
    fn ask(&mut self, label: &str, secret: bool) -> Result<String, CliError> {
        if self.terminal {
            eprint!("{label}: ");
            let _ = std::io::stderr().flush();
        }
        let echo_off = secret && self.terminal && stty("-echo");
        let mut line = String::new();
        let read = self.lines.read_line(&mut line);
        if echo_off {
            stty("echo");
            eprintln!();
        }
        read.map_err(|e| CliError::input(format!("cannot read standard input: {e}")))?;
        let answer = line.trim().to_owned();
        if answer.is_empty() {
            return Err(CliError::input(format!(
                "no {label} given (pass it as a flag, or answer the prompt)"
            )));
        }
        Ok(answer)
    }
}

/// Runs `stty MODE` on the terminal; whether it worked.
fn stty(mode: &str) -> bool {
    std::process::Command::new("stty")
        .arg(mode)
        .stdin(std::process::Stdio::inherit())
        .status()
        .is_ok_and(|s| s.success())
}

/// A flag's value, with empty text treated as absent.
fn given(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Asks for what the flags leave out, checks the credentials and saves the profile.
pub fn run(args: Args, global: &GlobalArgs) -> Result<ExitCode, CliError> {
    if global.sandbox {
        return Err(CliError::input(
            "--sandbox needs no login: its credentials are built in (`foxy --sandbox get fx:store`)",
        ));
    }
    let name = global.name()?.unwrap_or_else(|| DEFAULT.to_owned());
    if name == SANDBOX {
        return Err(CliError::input(
            "the profile `sandbox` is built in (the local sandbox); choose another name",
        ));
    }
    let path = config_file::default_path()?;
    let mut file = ConfigFile::load(&path)?;

    let mut prompt = Prompter::new();
    let base_url = match given(args.base_url) {
        Some(url) => url,
        None if prompt.terminal => {
            eprint!("API home URL [{PRODUCTION}]: ");
            let _ = std::io::stderr().flush();
            let mut line = String::new();
            prompt
                .lines
                .read_line(&mut line)
                .map_err(|e| CliError::input(format!("cannot read standard input: {e}")))?;
            Some(line.trim().to_owned())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| PRODUCTION.to_owned())
        }
        None => PRODUCTION.to_owned(),
    };
    let client_id = match given(args.client_id) {
        Some(id) => id,
        None => prompt.ask("client id", false)?,
    };
    let client_secret = match given(args.client_secret) {
        Some(secret) => secret,
        None => prompt.ask("client secret", true)?,
    };
    let refresh_token = match given(args.refresh_token) {
        Some(token) => token,
        None => prompt.ask("refresh token", true)?,
    };
    let profile = Profile {
        base_url: Some(base_url),
        client_id: Some(client_id),
        client_secret: Some(Secret::new(client_secret)),
        refresh_token: Some(Secret::new(refresh_token)),
        access_token: None,
    };

    if !args.no_verify {
        let connect = ConnectArgs {
            base_url: None,
            client_id: None,
            client_secret: None,
            refresh_token: None,
            access_token: None,
            insecure_http: args.insecure_http,
        };
        // The first request authenticates (refresh_token grant).
        let client = connect.client(MediaType::HalJson, Some(&profile))?;
        client.home().map_err(|e| {
            let mut err = api_error(e);
            err.message = format!("not saved: {}", err.message);
            err
        })?;
    }

    let url = profile.base_url.clone().unwrap_or_default();
    let id = profile.client_id.clone().unwrap_or_default();
    file.put(&name, profile);
    file.save()?;
    println!(
        "saved profile {name} ({url}, client {id}) in {}",
        path.display()
    );
    println!("use it with `foxy --profile {name} get fx:store`");
    Ok(ExitCode::SUCCESS)
}
