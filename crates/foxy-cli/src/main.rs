//! `foxy`: the command-line tool of the Foxy.io SDK.
//!
//! Each subcommand lives in its own module under `cmd/`. Exit status 0 means
//! success, 1 a failure talking to the API or the system or a negative answer
//! (for example an invalid signature), 2 bad input or usage; errors are one
//! line on standard error.

mod cmd;

use std::process::ExitCode;

use clap::Parser;
use foxy_proto::http::Method;

/// Command-line access to the Foxy.io APIs.
#[derive(Parser)]
#[command(name = "foxy", version, about)]
struct Cli {
    /// Which API and credentials (`--sandbox`, `--profile`).
    #[command(flatten)]
    global: cmd::profile::GlobalArgs,
    /// Record into or replay from a cassette (`--record`, `--replay`).
    #[command(flatten)]
    cassette: cmd::cassette::CassetteArgs,
    /// The subcommand.
    #[command(subcommand)]
    command: Command,
}

/// The subcommands: those that call the hAPI (and so take `--sandbox` and
/// `--profile`), then the others.
#[derive(clap::Subcommand)]
enum Command {
    /// GET a resource (an href or a relation path like fx:store/fx:carts) and print it.
    Get(Box<cmd::call::Args>),
    /// POST a body (--data) to a resource and print the answer.
    Post(Box<cmd::call::Args>),
    /// PUT a whole document (--data) to a resource and print the answer.
    Put(Box<cmd::call::Args>),
    /// PATCH some properties (--data) of a resource and print the answer.
    Patch(Box<cmd::call::Args>),
    /// DELETE a resource and print the answer.
    Delete(Box<cmd::call::Args>),
    /// Save a profile (base URL and credentials) in the config file; prompts for what flags omit.
    Login(cmd::login::Args),
    /// List the profiles (the built-in sandbox and the config file's), without secrets.
    Profiles(cmd::profiles::Args),
    /// Receive the store's webhooks here and forward them to a local URL (--forward-to).
    Listen(Box<cmd::listen::Args>),
    /// Make the sandbox emit a webhook event (transaction/created).
    Trigger(Box<cmd::trigger::Args>),
    /// The commands that do not use a profile.
    #[command(flatten)]
    Alone(Alone),
}

/// The subcommands that do not call the hAPI through a profile: they refuse
/// `--sandbox` and `--profile`.
#[derive(clap::Subcommand)]
enum Alone {
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
    /// Run the foxy-sandbox emulator of the Foxy API until Ctrl-C.
    Sandbox(cmd::sandbox::Args),
    /// Walk through the SDK's main job against an embedded sandbox (no network needed).
    Demo(cmd::demo::Args),
}

impl Alone {
    /// The command's name, as typed.
    fn name(&self) -> &'static str {
        match self {
            Alone::Convert(_) => "convert",
            Alone::Request(_) => "request",
            Alone::Sign(_) => "sign",
            Alone::Webhook(_) => "webhook",
            Alone::Datafeed(_) => "datafeed",
            Alone::Legacy(_) => "legacy",
            Alone::Sandbox(_) => "sandbox",
            Alone::Demo(_) => "demo",
        }
    }

    /// Runs the command.
    fn run(self) -> Result<ExitCode, cmd::CliError> {
        match self {
            Alone::Convert(args) => cmd::convert::run(args),
            Alone::Request(args) => cmd::request::run(*args),
            Alone::Sign(args) => cmd::sign::run(args),
            Alone::Webhook(args) => cmd::webhook::run(args),
            Alone::Datafeed(args) => cmd::datafeed::run(args),
            Alone::Legacy(args) => cmd::legacy::run(args),
            Alone::Sandbox(args) => cmd::sandbox::run(args),
            Alone::Demo(args) => cmd::demo::run(args),
        }
    }
}

/// Installs the cassette of `--record` or `--replay` for the commands that
/// call the API; the others refuse both flags.
fn cassette(cli: &Cli) -> Result<(), cmd::CliError> {
    match &cli.command {
        Command::Profiles(_) => cli.cassette.refuse("profiles"),
        Command::Listen(_) => cli.cassette.refuse("listen"),
        Command::Trigger(_) => cli.cassette.refuse("trigger"),
        Command::Alone(Alone::Legacy(_)) => cmd::cassette::install(&cli.cassette),
        Command::Alone(other) => cli.cassette.refuse(other.name()),
        _ => cmd::cassette::install(&cli.cassette),
    }
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
    if let Err(err) = cassette(&cli) {
        eprintln!("foxy: {err}");
        return ExitCode::from(err.exit_code());
    }
    let global = &cli.global;
    let outcome = match cli.command {
        Command::Get(args) => cmd::call::run(Method::GET, *args, global),
        Command::Post(args) => cmd::call::run(Method::POST, *args, global),
        Command::Put(args) => cmd::call::run(Method::PUT, *args, global),
        Command::Patch(args) => cmd::call::run(Method::PATCH, *args, global),
        Command::Delete(args) => cmd::call::run(Method::DELETE, *args, global),
        Command::Login(args) => cmd::login::run(args, global),
        Command::Profiles(args) => cmd::profiles::run(args, global),
        Command::Listen(args) => cmd::listen::run(*args, global),
        Command::Trigger(args) => cmd::trigger::run(*args, global),
        Command::Alone(command) => global.refuse(command.name()).and_then(|()| command.run()),
    };
    let outcome = outcome.and_then(|code| cmd::cassette::finish().map(|()| code));
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("foxy: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
