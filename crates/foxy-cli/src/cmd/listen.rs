//! `foxy listen --forward-to URL`: receive a store's webhooks on this
//! machine and forward them to a local application, like `stripe listen`.
//!
//! It starts a receiver on 127.0.0.1 (a free port unless `--listen-addr`
//! says otherwise), registers one JSON webhook per `--resource` (transaction,
//! subscription and customer unless told otherwise) whose URL is that
//! receiver (`POST fx:store/fx:webhooks`, with the `--key` the application
//! verifies with), and forwards every delivery to `--forward-to` with its
//! body and `Foxy-Webhook-*` headers unchanged. Each event is printed with
//! the answer it got; the sandbox sees that answer too (a failed forward
//! is a `502`, so it retries). It stops on Ctrl-C or after `--max-events`
//! deliveries, and removes the webhooks on the way out.
//!
//! The webhook must be reachable from the API, so this is for the local
//! sandbox (`--sandbox`) or an API on this machine.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use foxy::{Body, Client, Map, MediaType, Secret, Timeouts, Transport as _};
use foxy::{TransportPolicy, UreqTransport, Value};
use foxy_proto::http::{Request, Uri, header};
use foxy_proto::webhook;
use tokio::sync::Notify;

use super::CliError;
use super::connect::{ConnectArgs, api_error};
use super::profile::GlobalArgs;

/// Arguments of `foxy listen`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to forward each webhook: the endpoint of the application
    /// (http://127.0.0.1:3000/webhooks).
    #[arg(long, value_name = "URL")]
    forward_to: String,
    /// The webhook's encryption key: the sandbox signs with it, the
    /// application verifies with it (never printed).
    #[arg(long, env = "FOXY_WEBHOOK_KEY", hide_env_values = true)]
    key: String,
    /// Stop after this many deliveries (default: run until Ctrl-C).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_events: Option<u64>,
    /// The events to receive, by the resource they are about (repeat the
    /// flag for several): one webhook is registered for each.
    #[arg(
        long = "resource",
        value_name = "RESOURCE",
        value_parser = ["transaction", "subscription", "customer"],
        default_values = ["transaction", "subscription", "customer"]
    )]
    resources: Vec<String>,
    /// Where the receiver listens; the API must reach it.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:0")]
    listen_addr: SocketAddr,
    /// Base URL and credentials.
    #[command(flatten)]
    connect: ConnectArgs,
}

/// What the receiver shares between deliveries.
struct Forwarder {
    target: Uri,
    key: Secret,
    transport: UreqTransport,
    received: AtomicU64,
    max: Option<u64>,
    done: Notify,
}

/// Registers the webhook, forwards deliveries until stopped, removes it.
pub fn run(args: Args, global: &GlobalArgs) -> Result<ExitCode, CliError> {
    let target: Uri = args
        .forward_to
        .parse()
        .map_err(|e| CliError::input(format!("--forward-to {:?}: {e}", args.forward_to)))?;
    if !matches!(target.scheme_str(), Some("http" | "https")) || target.host().is_none() {
        return Err(CliError::input(format!(
            "--forward-to must be an http(s) URL, not {:?}",
            args.forward_to
        )));
    }
    TransportPolicy {
        allow_insecure_http: args.connect.insecure_http,
    }
    .check(&target)
    .map_err(|e| CliError::input(format!("--forward-to: {e}")))?;
    if args.key.is_empty() {
        return Err(CliError::input("--key (or FOXY_WEBHOOK_KEY) is empty"));
    }
    let profile = global.resolve()?;
    let mut connect = args.connect;
    if global.given() && profile.is_some() {
        connect.drop_env_credentials();
    }
    let client = connect.client(MediaType::HalJson, profile.as_ref())?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::failure(format!("cannot start the runtime: {e}")))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(args.listen_addr))
        .map_err(|e| CliError::failure(format!("cannot listen on {}: {e}", args.listen_addr)))?;
    let local = listener
        .local_addr()
        .map_err(|e| CliError::failure(format!("cannot read the receiver's address: {e}")))?;
    let receiver = format!("http://{local}/");

    let mut resources: Vec<&str> = Vec::new();
    for resource in &args.resources {
        if !resources.contains(&resource.as_str()) {
            resources.push(resource);
        }
    }
    let mut hooks: Vec<String> = Vec::new();
    for resource in &resources {
        match register(&client, &receiver, &args.key, resource) {
            Ok(hook) => hooks.push(hook),
            Err(err) => {
                // Leave nothing behind: the webhooks already made go too.
                for hook in &hooks {
                    let _ = client.delete(hook.as_str());
                }
                return Err(err);
            }
        }
    }
    println!(
        "Ready: forwarding the {} webhooks of {} to {} (webhooks {}, receiver {receiver}); Ctrl-C to stop",
        resources.join(", "),
        connect.base_url(profile.as_ref()),
        args.forward_to,
        hooks.join(", "),
    );
    flush();

    let forwarder = Arc::new(Forwarder {
        target,
        key: Secret::new(args.key),
        transport: UreqTransport::new(Timeouts::default()),
        received: AtomicU64::new(0),
        max: args.max_events,
        done: Notify::new(),
    });
    let app = axum::Router::new()
        .fallback(receive)
        .with_state(forwarder.clone());
    let served = runtime.block_on(async move {
        let stop = async move {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                () = forwarder.done.notified() => {}
            }
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
    });
    drop(runtime);

    let mut removed = Ok(());
    for hook in &hooks {
        match client.delete(hook.as_str()) {
            Ok(_) => println!("Removed webhook {hook}"),
            Err(err) => {
                if removed.is_ok() {
                    removed = Err(api_error(err));
                }
            }
        }
    }
    served.map_err(|e| CliError::failure(format!("the receiver failed: {e}")))?;
    removed?;
    Ok(ExitCode::SUCCESS)
}

/// Creates the webhook of `resource` events on the store (`POST
/// fx:store/fx:webhooks`); returns its href.
fn register(
    client: &Client,
    receiver: &str,
    key: &str,
    resource: &str,
) -> Result<String, CliError> {
    let mut body = Map::new();
    for (name, value) in [
        ("name", "foxy listen"),
        ("url", receiver),
        ("format", "json"),
        ("event_resource", resource),
        ("encryption_key", key),
    ] {
        body.insert(name.into(), Value::from(value));
    }
    body.insert("is_active".into(), Value::Bool(true));
    let created = client
        .follow("fx:store")
        .follow("fx:webhooks")
        .post(Body::Json(Value::Object(body)))
        .map_err(api_error)?;
    created
        .self_href()
        .map(str::to_owned)
        .ok_or_else(|| CliError::failure("the API did not say where the new webhook is"))
}

fn flush() {
    let _ = std::io::stdout().flush();
}

/// One delivery: forward it, print it, answer with what the target said.
async fn receive(State(fw): State<Arc<Forwarder>>, headers: HeaderMap, body: Bytes) -> Response {
    let what = describe(&fw.key, &headers, &body);
    let mut request = Request::new(body.to_vec());
    *request.method_mut() = foxy_proto::http::Method::POST;
    *request.uri_mut() = fw.target.clone();
    for name in [
        header::CONTENT_TYPE.as_str(),
        webhook::EVENT_HEADER,
        webhook::SIGNATURE_HEADER,
    ] {
        if let Some(value) = headers.get(name) {
            request.headers_mut().insert(name, value.clone());
        }
    }
    let forwarder = fw.clone();
    let outcome = tokio::task::spawn_blocking(move || forwarder.transport.send(request)).await;
    let (answer, line) = match outcome {
        Ok(Ok(response)) => {
            let status = response.status();
            let text = String::from_utf8_lossy(response.body());
            let excerpt: String = text
                .trim()
                .chars()
                .take(200)
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let line = match excerpt.is_empty() {
                true => format!("{what} -> {status}"),
                false => format!("{what} -> {status}: {excerpt}"),
            };
            (status, line)
        }
        Ok(Err(failure)) => (
            StatusCode::BAD_GATEWAY,
            format!("{what} -> failed: {failure}"),
        ),
        Err(e) => (StatusCode::BAD_GATEWAY, format!("{what} -> failed: {e}")),
    };
    println!("{line}");
    flush();
    let received = fw.received.fetch_add(1, Ordering::SeqCst) + 1;
    if fw.max.is_some_and(|max| received >= max) {
        fw.done.notify_one();
    }
    (answer, line).into_response()
}

/// `EVENT HREF`, or what is wrong with the delivery's signature.
fn describe(key: &Secret, headers: &HeaderMap, body: &[u8]) -> String {
    match webhook::verify_event(key, headers, body) {
        Ok(event) => format!(
            "{} {}",
            event.name,
            event.resource.self_href().unwrap_or("(no self link)")
        ),
        Err(e) => {
            let name = webhook::event(headers).unwrap_or("(no event)");
            format!("{name} (not verified: {e})")
        }
    }
}
