//! `foxy request`: build a request and print it exactly as it would go on
//! the wire (HTTP/1.1), with the bearer token masked.
//!
//! All protocol work (query syntax, headers, bodies, PUT shaping) happens in
//! `foxy_proto::request`; this module only maps arguments onto it.

use std::io::Write;
use std::process::ExitCode;

use foxy_proto::auth::Secret;
use foxy_proto::codec::{self, json};
use foxy_proto::http::Method;
use foxy_proto::query::{Filter, Query};
use foxy_proto::request::{Body, BodyFormat, RequestBuilder, to_http1};
use foxy_proto::{MediaType, Value};

use super::CliError;

/// Shown in place of the token when none is given; masked on output anyway.
const PLACEHOLDER_TOKEN: &str = "dry-run";

/// Arguments of `foxy request`.
#[derive(clap::Args)]
pub struct Args {
    /// Print the request instead of sending it (required until the HTTP clients land).
    #[arg(long, required = true)]
    dry_run: bool,
    /// The HTTP method.
    #[arg(long, short = 'X', default_value = "GET")]
    method: String,
    /// The URL (an href from a link).
    url: String,
    /// Zoom paths, comma-separated (items,items:item_options).
    #[arg(long)]
    zoom: Vec<String>,
    /// A filter KEY=VALUE (first_name=Jo*n, order_total=10..100, items:name=x); repeatable.
    #[arg(long)]
    filter: Vec<String>,
    /// Sort order (field1,field2 desc).
    #[arg(long)]
    order: Option<String>,
    /// Page size, 1 to 300.
    #[arg(long)]
    limit: Option<String>,
    /// Offset of the first result.
    #[arg(long)]
    offset: Option<String>,
    /// Fields to return (first_name,last_name).
    #[arg(long)]
    fields: Option<String>,
    /// Response format: hal+json (default), hal+xml or siren.
    #[arg(long, default_value = "hal+json")]
    format: String,
    /// The body: JSON text, or @FILE to read it from a file.
    #[arg(long)]
    data: Option<String>,
    /// Body encoding: json (default), xml, form or multipart.
    #[arg(long, default_value = "json")]
    body_format: String,
    /// Access token (masked in the output).
    #[arg(long, env = "FOXY_ACCESS_TOKEN", hide_env_values = true)]
    token: Option<String>,
}

fn query(args: &Args) -> Result<Query, CliError> {
    let mut query = Query::new();
    for zoom in &args.zoom {
        query = query.zoom(zoom).map_err(CliError::input)?;
    }
    for filter in &args.filter {
        let filter: Filter = filter.parse().map_err(CliError::input)?;
        query = query.filter(filter);
    }
    if let Some(order) = &args.order {
        query = query.order(order).map_err(CliError::input)?;
    }
    if let Some(fields) = &args.fields {
        query = query.fields(fields).map_err(CliError::input)?;
    }
    if let Some(limit) = &args.limit {
        query = query.set("limit", limit).map_err(CliError::input)?;
    }
    if let Some(offset) = &args.offset {
        query = query.set("offset", offset).map_err(CliError::input)?;
    }
    Ok(query)
}

fn read_data(data: &str) -> Result<Value, CliError> {
    let bytes = match data.strip_prefix('@') {
        Some(path) => super::read_input(Some(std::path::Path::new(path)))?,
        None => data.as_bytes().to_vec(),
    };
    json::parse_value(&bytes).map_err(|e| CliError::input(format!("--data is not JSON: {e}")))
}

/// Builds the request and prints it.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let method = Method::from_bytes(args.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| CliError::input(format!("invalid method {:?}", args.method)))?;
    let accept = MediaType::parse(&args.format).map_err(CliError::input)?;
    let body_format: BodyFormat = args.body_format.parse().map_err(CliError::input)?;
    let query = query(&args)?;
    let data = args.data.as_deref().map(read_data).transpose()?;
    let builder = match data {
        None => RequestBuilder::new(method, &args.url),
        Some(_) if matches!(method, Method::GET | Method::HEAD | Method::DELETE) => {
            return Err(CliError::input(format!("a {method} request has no body")));
        }
        Some(value) if method == Method::PUT && body_format == BodyFormat::Json => {
            let document = codec::hal_json::from_value(value)
                .map_err(|e| CliError::input(format!("--data is not a document: {e}")))?;
            RequestBuilder::put(&args.url, &document)
        }
        Some(value) => {
            let body = Body::from_value(body_format, &value).map_err(CliError::input)?;
            RequestBuilder::new(method, &args.url).body(body)
        }
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
