//! `foxy request`: build a request and print it exactly as it would go on
//! the wire (HTTP/1.1), with the bearer token masked.
//!
//! All protocol work (query syntax, headers, bodies, PUT shaping) happens in
//! `foxy_proto::request`; this module only maps arguments onto it.

use std::io::Write;
use std::process::ExitCode;

use foxy_proto::MediaType;
use foxy_proto::auth::Secret;
use foxy_proto::http::Method;
use foxy_proto::request::{RequestBuilder, to_http1};

use super::CliError;
use super::options::{BodyArgs, Payload, QueryArgs};

/// Shown in place of the token when none is given; masked on output anyway.
const PLACEHOLDER_TOKEN: &str = "dry-run";

/// Arguments of `foxy request`.
#[derive(clap::Args)]
pub struct Args {
    /// Print the request instead of sending it (required: `foxy get|post|put|patch|delete` send).
    #[arg(long, required = true)]
    dry_run: bool,
    /// The HTTP method.
    #[arg(long, short = 'X', default_value = "GET")]
    method: String,
    /// The URL (an href from a link).
    url: String,
    /// Query options.
    #[command(flatten)]
    query: QueryArgs,
    /// Response format: hal+json (default), hal+xml or siren.
    #[arg(long, default_value = "hal+json")]
    format: String,
    /// The body.
    #[command(flatten)]
    body: BodyArgs,
    /// Access token (masked in the output).
    #[arg(long, env = "FOXY_ACCESS_TOKEN", hide_env_values = true)]
    token: Option<String>,
}

/// Builds the request and prints it.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let method = Method::from_bytes(args.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| CliError::input(format!("invalid method {:?}", args.method)))?;
    let accept = MediaType::parse(&args.format).map_err(CliError::input)?;
    let payload = args.body.payload(&method)?;
    let query = args.query.query()?;
    let builder = match payload {
        Payload::Empty => RequestBuilder::new(method, &args.url),
        Payload::Document(document) => RequestBuilder::put(&args.url, &document),
        Payload::Body(body) => RequestBuilder::new(method, &args.url).body(body),
    };
    let token = args.token.as_deref().unwrap_or(PLACEHOLDER_TOKEN);
    let request = builder
        .query(query)
        .accept(accept)
        .bearer(Secret::new(token))
        .build()
        .map_err(CliError::input)?;
    let mut out = std::io::stdout().lock();
    out.write_all(to_http1(&request, true).as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CliError::failure(format!("cannot write the request: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
