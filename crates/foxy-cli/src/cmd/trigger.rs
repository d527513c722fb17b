//! `foxy trigger EVENT`: make a sandbox emit a webhook event, like `stripe
//! trigger` (`POST /_sandbox/trigger {"event": EVENT}`).
//!
//! For `transaction/created` the sandbox charges a new one-item cart of its
//! seeded customer and delivers the transaction to every active transaction
//! webhook; `subscription/created` charges a subscription item and delivers
//! the new subscription to the subscription webhooks; `customer/created`
//! (a new customer) and `customer/updated` (the seeded customer) go to the
//! customer webhooks. `foxy listen` forwards them from there. Only a sandbox
//! has this endpoint.

use std::process::ExitCode;

use foxy::{Body, Map, MediaType, Value};

use super::CliError;
use super::connect::{ConnectArgs, api_error};
use super::profile::GlobalArgs;

/// Arguments of `foxy trigger`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The event to emit: transaction/created, subscription/created,
    /// customer/created or customer/updated.
    event: String,
    /// Base URL and credentials.
    #[command(flatten)]
    connect: ConnectArgs,
}

/// Asks the sandbox for the event and prints what it created.
pub fn run(args: Args, global: &GlobalArgs) -> Result<ExitCode, CliError> {
    let event = args.event.trim();
    if event.is_empty() || event.contains(char::is_whitespace) {
        return Err(CliError::input(format!(
            "{:?} is not an event name like transaction/created",
            args.event
        )));
    }
    let profile = global.resolve()?;
    let mut connect = args.connect;
    if global.given() && profile.is_some() {
        connect.drop_env_credentials();
    }
    let client = connect.client(MediaType::HalJson, profile.as_ref())?;
    let href = format!(
        "{}/_sandbox/trigger",
        connect.base_url(profile.as_ref()).trim_end_matches('/')
    );
    let mut body = Map::new();
    body.insert("event".into(), Value::from(event));
    let created = client
        .post(href.as_str(), Body::Json(Value::Object(body)))
        .map_err(|e| {
            let not_found = matches!(&e, foxy::Error::Api(api) if api.status == 404);
            let mut err = api_error(e);
            if not_found {
                err = CliError::failure(format!(
                    "{err} (only the sandbox emits events on request: `foxy --sandbox trigger`)"
                ));
            }
            err
        })?;
    match created.self_href() {
        Some(href) => println!("Triggered {event}: {href}"),
        None => println!("Triggered {event}"),
    }
    Ok(ExitCode::SUCCESS)
}
