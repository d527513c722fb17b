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
    /// Run the foxy-sandbox emulator of the Foxy API until Ctrl-C.
    Sandbox(cmd::sandbox::Args),
    /// Walk through the SDK's main job against an embedded sandbox (no network needed).
    Demo(cmd::demo::Args),
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
        Cli::Get(args) => cmd::call::run(Method::GET, *args),
        Cli::Post(args) => cmd::call::run(Method::POST, *args),
        Cli::Put(args) => cmd::call::run(Method::PUT, *args),
        Cli::Patch(args) => cmd::call::run(Method::PATCH, *args),
        Cli::Delete(args) => cmd::call::run(Method::DELETE, *args),
        Cli::Sandbox(args) => cmd::sandbox::run(args),
        Cli::Demo(args) => cmd::demo::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("foxy: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
