//! `foxy legacy ACTION [NAME=VALUE]...`: call the legacy XML API.
//!
//! The store secret comes from `--token` or `FOXY_STORE_SECRET`. The answer's
//! XML is printed (or, with `--summary`, its result, messages and record
//! counts). Exit status: 0 for `SUCCESS`, 1 for an `ERROR` answer or a failed
//! request, 2 for bad input (unknown action, malformed `NAME=VALUE`).

use std::process::ExitCode;

use foxy::Error;
use foxy::legacy::LegacyClient;
use foxy::transport::TransportPolicy;
use foxy_proto::Secret;
use foxy_proto::legacy::{Action, ApiResponse, ApiResult, LegacyError};

use super::CliError;

/// Arguments of `foxy legacy`.
#[derive(clap::Args)]
pub struct Args {
    /// The api_action, e.g. customer_get or transaction_list.
    action: String,
    /// Action parameters as NAME=VALUE (customer_email=a@b.test, id_filter=12).
    params: Vec<String>,
    /// The store URL (the API endpoint is URL/api).
    #[arg(long, env = "FOXY_STORE_URL")]
    url: String,
    /// The store secret (api_token).
    #[arg(long, env = "FOXY_STORE_SECRET", hide_env_values = true)]
    token: String,
    /// Print a summary instead of the XML.
    #[arg(long)]
    summary: bool,
    /// Allow plain http to a store that is not loopback (the secret travels in the body).
    #[arg(long)]
    insecure_http: bool,
}

/// Splits `NAME=VALUE` arguments.
fn pairs(params: &[String]) -> Result<Vec<(&str, &str)>, CliError> {
    params
        .iter()
        .map(|p| match p.split_once('=') {
            Some((name, value)) if !name.is_empty() => Ok((name, value)),
            _ => Err(CliError::input(format!("expected NAME=VALUE, got {p:?}"))),
        })
        .collect()
}

fn summary(answer: &ApiResponse) -> String {
    let result = match &answer.result {
        ApiResult::Success => "SUCCESS".to_owned(),
        ApiResult::Error => "ERROR".to_owned(),
        other => format!("{other:?}"),
    };
    let mut lines = vec![format!("result: {result}")];
    lines.extend(answer.messages.iter().map(|m| format!("message: {m}")));
    if let Some(stats) = &answer.statistics {
        lines.push(format!(
            "{}: {}, filtered: {}, showing {} to {}",
            stats.total_name.as_deref().unwrap_or("total"),
            stats.total.unwrap_or(0),
            stats.filtered_total.unwrap_or(0),
            stats.pagination_start.unwrap_or(0),
            stats.pagination_end.unwrap_or(0)
        ));
    }
    for (name, count) in [
        ("customers", answer.customers.len()),
        ("customer_addresses", answer.customer_addresses.len()),
        ("transactions", answer.transactions.len()),
        ("subscriptions", answer.subscriptions.len()),
        ("attributes", answer.attributes.len()),
        ("categories", answer.categories.len()),
        ("downloadables", answer.downloadables.len()),
    ] {
        if count > 0 {
            lines.push(format!("{name}: {count}"));
        }
    }
    if let Some(id) = answer.customer.as_ref().and_then(|c| c.customer.id) {
        lines.push(format!("customer_id: {id}"));
    }
    lines.join("\n")
}

/// Maps a legacy client error to the command's error: a request that
/// could not be built is bad input (status 2); an answer that is an error
/// status, not a `<foxydata>` document, or no answer at all is a failed
/// call (status 1).
fn legacy_error(err: Error) -> CliError {
    match err {
        Error::Legacy(
            LegacyError::Document(_) | LegacyError::Api { .. } | LegacyError::Status(_),
        ) => CliError::failure(err),
        Error::Legacy(p) => CliError::input(p),
        other => CliError::failure(other),
    }
}

/// Runs `foxy legacy`.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let action: Action = args.action.parse().map_err(CliError::input)?;
    let params = pairs(&args.params)?;
    if args.token.is_empty() {
        return Err(CliError::input(
            "the store secret is empty (--token or FOXY_STORE_SECRET)",
        ));
    }
    let client = LegacyClient::new(
        super::cassette::transport(),
        args.url.as_str(),
        Secret::new(args.token),
    )
    .with_policy(TransportPolicy {
        allow_insecure_http: args.insecure_http,
    });
    let answer = client.raw(action, &params).map_err(legacy_error)?;
    if args.summary {
        println!("{}", summary(&answer));
    } else {
        print!("{}", answer.to_xml());
        println!();
    }
    if answer.result == ApiResult::Success {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}
