//! `foxy get|post|put|patch|delete TARGET`: send a request through the
//! blocking `foxy::Client` and print the resource it answers with.
//!
//! TARGET is an href (`https://api.foxycart.com/carts/12`, or `/carts/12`
//! relative to the base URL) or a path of relations followed from the API
//! home (`fx:store/fx:carts`). Everything is checked before the first
//! request: the query (a limit of 301 is bad input), the body, the output
//! format and the credentials.

use std::io::Write as _;
use std::process::ExitCode;

use foxy::{Body, Client, Follow, Map, Value};
use foxy_proto::http::Method;

use super::CliError;
use super::connect::{ConnectArgs, api_error};
use super::options::{BodyArgs, Payload, QueryArgs};
use super::output::Output;
use super::profile::{self, GlobalArgs};

/// Arguments of `foxy get`, `post`, `put`, `patch` and `delete`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// An href (https://.../carts/12, or /carts/12 from the base URL) or relations
    /// followed from the API home (fx:store/fx:carts).
    target: String,
    /// Query options.
    #[command(flatten)]
    query: QueryArgs,
    /// The body.
    #[command(flatten)]
    body: BodyArgs,
    /// Output: hal+json (default), hal+xml, siren or table.
    #[arg(long, short = 'o', default_value = "hal+json")]
    output: String,
    /// Columns of a collection table (first_name,email); `id` is the member's
    /// self link. Only with --output table.
    #[arg(long, value_delimiter = ',')]
    columns: Vec<String>,
    /// Base URL and credentials.
    #[command(flatten)]
    connect: ConnectArgs,
}

/// Where TARGET points.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// An href, absolute or relative to the base URL.
    Href(String),
    /// Relations followed one after another from the API home.
    Rels(Vec<String>),
}

/// Reads TARGET: an href when it has a scheme or starts with `/`, else
/// relations separated by `/`.
fn target(text: &str) -> Result<Target, CliError> {
    if text.contains("://") || text.starts_with('/') {
        return Ok(Target::Href(text.to_owned()));
    }
    let rels: Vec<String> = text.split('/').map(str::to_owned).collect();
    if rels
        .iter()
        .any(|r| r.is_empty() || r.contains(char::is_whitespace))
    {
        return Err(CliError::input(format!(
            "{text:?} is neither an href nor a relation path like fx:store/fx:carts"
        )));
    }
    Ok(Target::Rels(rels))
}

/// What the request sends, checked before anything is sent.
enum Action {
    Get,
    Post(Body),
    Put(foxy::Resource),
    Patch(Map),
    Delete,
}

fn action(method: &Method, payload: Payload) -> Result<Action, CliError> {
    let json_only = || {
        CliError::input(format!(
            "a {method} sends JSON: use --body-format json (the default)"
        ))
    };
    let needs_data = || CliError::input(format!("a {method} request needs --data"));
    match (method.as_str(), payload) {
        ("GET", _) => Ok(Action::Get),
        ("DELETE", _) => Ok(Action::Delete),
        // No --data: an empty JSON object (a POST to a cart charges it).
        ("POST", Payload::Empty) => Ok(Action::Post(Body::Json(Value::Object(Map::new())))),
        ("POST", Payload::Body(body)) => Ok(Action::Post(body)),
        ("PUT", Payload::Document(document)) => Ok(Action::Put(document)),
        ("PATCH", Payload::Body(Body::Json(Value::Object(changes)))) => Ok(Action::Patch(changes)),
        ("PATCH", Payload::Body(Body::Json(_))) => Err(CliError::input(
            "a PATCH sends an object of properties: --data '{\"name\": \"value\"}'",
        )),
        (_, Payload::Empty) => Err(needs_data()),
        _ => Err(json_only()),
    }
}

/// Sends the request with `method` to the API `global` chooses and prints the answer.
pub fn run(method: Method, args: Args, global: &GlobalArgs) -> Result<ExitCode, CliError> {
    let output: Output = args.output.parse()?;
    if !args.columns.is_empty() && output != Output::Table {
        return Err(CliError::input("--columns needs --output table"));
    }
    let target = target(&args.target)?;
    let query = args.query.query()?;
    let action = action(&method, args.body.payload(&method)?)?;
    let profile = global.resolve()?;
    let mut connect = args.connect;
    if global.given() && profile.is_some() {
        connect.drop_env_credentials();
    }
    let client = connect.client(output.accept(), profile.as_ref())?;
    let sandbox = global.name()?.as_deref() == Some(profile::SANDBOX);
    let api_error = |e: foxy::Error| call_error(e, sandbox);
    let at = follow(&client, target);
    let at = if query.is_empty() || matches!(action, Action::Get) {
        at
    } else {
        // Only GET takes a query itself: resolve the target, then ask there.
        let href = at.href().map_err(api_error)?;
        client.at(query.apply_to(&href).map_err(CliError::input)?)
    };
    let resource = match action {
        Action::Get => at.get(query),
        Action::Post(body) => at.post(body),
        Action::Put(document) => at.put(&document),
        Action::Patch(changes) => at.patch(&changes),
        Action::Delete => at.delete(),
    }
    .map_err(api_error)?;
    let bytes = output.render(&resource, &args.columns)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&bytes)
        .and_then(|()| out.flush())
        .map_err(|e| CliError::failure(format!("cannot write standard output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// Maps a client error to the command's error; when the local sandbox
/// cannot be reached, says how to start it.
fn call_error(err: foxy::Error, sandbox: bool) -> CliError {
    let unreachable = matches!(err, foxy::Error::Transport(_)) && !super::cassette::replaying();
    let mut err = api_error(err);
    if sandbox && unreachable {
        err.message.push_str(
            " (is the sandbox running? start it with `foxy sandbox` in another terminal)",
        );
    }
    err
}

/// The client's navigation for TARGET: `client.at(href)`, or
/// `client.follow(rel).follow(rel)...` from the API home.
fn follow(client: &Client, target: Target) -> Follow<'_, Client> {
    match target {
        Target::Href(href) => client.at(href),
        Target::Rels(rels) => {
            let mut rels = rels.into_iter();
            let first = rels.next().unwrap_or_default();
            rels.fold(client.follow(first), |at, rel| at.follow(rel))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            target("fx:store/fx:carts").ok(),
            Some(Target::Rels(vec!["fx:store".into(), "fx:carts".into()]))
        );
        assert_eq!(
            target("https://api.test/carts/1").ok(),
            Some(Target::Href("https://api.test/carts/1".into()))
        );
        assert_eq!(
            target("/carts/1").ok(),
            Some(Target::Href("/carts/1".into()))
        );
        for bad in ["", "fx:store/", "fx:store//fx:carts", "fx:st ore"] {
            assert!(target(bad).is_err(), "{bad:?}");
        }
    }
}
