//! Record and replay: a session recorded against a local foxy-sandbox into
//! a cassette (secrets scrubbed), then replayed with the sandbox stopped.
//!
//! Run with `cargo run -p foxy --example cassette [CASSETTE]`. Without an
//! argument the cassette goes to the system's temporary folder.
//!
//! A test suite does the same with one switch: record when `FOXY_RECORD`
//! is set (against the sandbox, or a real store), replay the committed
//! cassette otherwise (see `transport_for` below and docs/CLIENT.md,
//! "Record and replay").

use std::path::{Path, PathBuf};
use std::sync::Arc;

use foxy::transport::{Recorder, RecordingTransport, ReplayTransport};
use foxy::{Client, Query, Transport, UreqTransport};

/// The transport of a test: recording into `cassette` when `record`, else
/// replaying it (no network at all).
fn transport_for(
    cassette: &Path,
    record: bool,
) -> Result<Arc<dyn Transport>, Box<dyn std::error::Error>> {
    if record {
        let recorder = Recorder::create(cassette)?;
        Ok(Arc::new(RecordingTransport::new(
            UreqTransport::default(),
            recorder,
        )))
    } else {
        Ok(Arc::new(ReplayTransport::open(cassette)?))
    }
}

/// The session under test: the store's name and how many carts it has.
fn session(client: &Client) -> Result<(String, u64), foxy::Error> {
    let store = client.follow("fx:store").get(Query::new())?;
    let name = store
        .property("store_name")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let carts = client.carts().list(Query::new())?;
    Ok((name, carts.total_items().unwrap_or(0)))
}

fn client(
    base_url: &str,
    transport: Arc<dyn Transport>,
    secret: &str,
) -> Result<Client, foxy::Error> {
    Client::builder()
        .base_url(base_url)
        .refresh_token("client", secret, "refresh token")
        .transport(move |request: http::Request<Vec<u8>>| transport.send(request))
        .build()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cassette = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("foxy-example-cassette.json"));

    // 1. Record against the sandbox.
    let mut config = foxy_sandbox::Config::default();
    config.credentials.client_id = "client".to_owned();
    config.credentials.client_secret = "example-client-secret".to_owned();
    config.credentials.refresh_token = "refresh token".to_owned();
    let sandbox = foxy_sandbox::Sandbox::start_background(config)?;
    let base_url = sandbox.base_url().to_owned();
    let recording = client(
        &base_url,
        transport_for(&cassette, true)?,
        "example-client-secret",
    )?;
    let recorded = session(&recording)?;
    sandbox.shutdown();
    println!("recorded {recorded:?} into {}", cassette.display());
    let text = std::fs::read_to_string(&cassette)?;
    assert!(
        !text.contains("example-client-secret"),
        "the secret is scrubbed"
    );

    // 2. Replay with the sandbox stopped: same answers, no network.
    let replaying = client(&base_url, transport_for(&cassette, false)?, "anything")?;
    let replayed = session(&replaying)?;
    println!("replayed {replayed:?} with the sandbox stopped");
    assert_eq!(replayed, recorded);
    Ok(())
}
