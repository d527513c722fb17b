//! Record and replay against the sandbox: a session recorded with
//! distinctive secrets keeps none of them in its cassette, and replays with
//! the sandbox stopped to the same results (blocking and async); a request
//! the cassette lacks fails with an error naming it.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use foxy::legacy::LegacyClient;
use foxy::transport::{Recorder, RecordingTransport, ReplayTransport, TransportFailure};
use foxy::{
    AsyncClient, Client, ClientBuilder, Error, Map, Query, ReqwestTransport, Secret, Timeouts,
    Transport, UreqTransport, Value,
};
use foxy_proto::legacy::Lookup;
use foxy_sandbox::{Config, Credentials, Sandbox};

const CLIENT_SECRET: &str = "CS-walrus-secret-77";
const REFRESH_TOKEN: &str = "RT-zebra-refresh-42";
const STORE_SECRET: &str = "SS-otter-store-55";
const CARD: &str = "4111111111111111";
const GRACE: &str = "grace.hopper@sandbox.test";

fn sandbox() -> foxy_sandbox::BackgroundSandbox {
    Sandbox::start_background(Config {
        credentials: Credentials {
            client_id: "cassette-client".to_owned(),
            client_secret: CLIENT_SECRET.to_owned(),
            refresh_token: REFRESH_TOKEN.to_owned(),
            store_secret: STORE_SECRET.to_owned(),
        },
        ..Config::default()
    })
    .expect("sandbox starts")
}

fn cassette_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("foxy-cassette-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// A builder for `base` whose credentials are the sandbox's (when
/// recording) or anything at all (when replaying: the cassette answers).
fn builder(base: &str, secret: &str, refresh: &str) -> ClientBuilder {
    ClientBuilder::new()
        .base_url(base)
        .refresh_token("cassette-client", secret, refresh)
}

/// What a session produced, secrets aside.
#[derive(Debug, PartialEq)]
struct Outcome {
    home: foxy::Resource,
    store_name: Option<String>,
    emails: Vec<Option<String>>,
    masked: Option<String>,
    legacy_name: Option<String>,
}

fn card() -> Map {
    let mut changes = Map::new();
    changes.insert("cc_number".into(), Value::from(CARD));
    changes.insert("cc_exp_month".into(), Value::from("11"));
    changes.insert("cc_exp_year".into(), Value::from("2031"));
    changes
}

fn customers_query() -> Query {
    Query::new()
        .set("email", GRACE)
        .and_then(|q| q.set("order", "id"))
        .expect("query")
}

/// The blocking session: the home, the store (its `webhook_key` is the
/// store secret), a filtered customer list, a card saved, and a legacy
/// API call with the store secret as `api_token`.
fn session(client: &Client, legacy: &LegacyClient<impl Transport>) -> Outcome {
    let home = client.home().expect("home");
    let store = client.follow("fx:store").get(Query::new()).expect("store");
    let page = client
        .customers()
        .list(customers_query())
        .expect("customers");
    let grace = page.members.first().expect("grace").clone();
    let method = client
        .customers()
        .update_default_payment_method(&grace, &card())
        .expect("card saved");
    let record = legacy
        .customer_get(Lookup::Email(GRACE.into()))
        .expect("legacy customer");
    Outcome {
        home,
        store_name: store
            .property("store_name")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        emails: page.members.iter().map(|c| c.email.clone()).collect(),
        masked: method.cc_number_masked,
        legacy_name: record.customer.first_name,
    }
}

/// Wraps the real transport to learn the access tokens the sandbox issues,
/// so that the test can look for them in the cassette.
fn sniffing(tokens: Arc<Mutex<Vec<String>>>) -> impl Transport {
    let inner = UreqTransport::default();
    move |request: http::Request<Vec<u8>>| {
        let token_call = request.uri().path() == "/token";
        let outcome = inner.send(request);
        if let (true, Ok(response)) = (token_call, &outcome) {
            let body = String::from_utf8_lossy(response.body());
            let token = body
                .split_once(r#""access_token":""#)
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(token, _)| token.to_owned());
            tokens.lock().unwrap().extend(token);
        }
        outcome
    }
}

fn assert_no_secret(path: &Path, also: &[String]) {
    let text = std::fs::read_to_string(path).expect("cassette written");
    for secret in [CLIENT_SECRET, REFRESH_TOKEN, STORE_SECRET, CARD]
        .into_iter()
        .chain(also.iter().map(String::as_str))
    {
        assert!(!text.contains(secret), "{secret} is in {}", path.display());
    }
    assert!(text.contains("Bearer [scrubbed]"));
    assert!(text.contains("api_token=%5Bscrubbed%5D"));
}

#[test]
fn a_session_replays_with_the_sandbox_stopped_and_keeps_no_secret() {
    let path = cassette_path("blocking.json");
    let sb = sandbox();
    let base = format!("{}/", sb.base_url());
    let tokens = Arc::new(Mutex::new(Vec::new()));
    let recorder = Recorder::create(&path).expect("cassette created");
    let client = builder(&base, CLIENT_SECRET, REFRESH_TOKEN)
        .transport(RecordingTransport::new(
            sniffing(tokens.clone()),
            recorder.clone(),
        ))
        .build()
        .expect("client");
    let legacy = LegacyClient::new(
        RecordingTransport::new(UreqTransport::default(), recorder.clone()),
        sb.base_url(),
        Secret::new(STORE_SECRET),
    );
    let recorded = session(&client, &legacy);
    recorder.finish().expect("every exchange written");
    assert_eq!(recorded.masked.as_deref(), Some("xxxxxxxxxxxx1111"));
    assert_eq!(recorded.legacy_name.as_deref(), Some("Grace"));
    sb.shutdown();

    let tokens = tokens.lock().unwrap().clone();
    assert_eq!(tokens.len(), 1, "one token obtained");
    assert_no_secret(&path, &tokens);

    // The sandbox is gone: nothing listens on its port any more.
    let down =
        UreqTransport::default().send(http::Request::get(&base).body(Vec::new()).expect("request"));
    assert!(
        matches!(down, Err(TransportFailure::NotSent(_))),
        "{down:?}"
    );

    let replay = ReplayTransport::open(&path).expect("cassette reads");
    assert_eq!(replay.len(), recorder.len());
    let client = builder(&base, "not the secret", "not the refresh token")
        .transport(replay.clone())
        .build()
        .expect("client");
    let legacy = LegacyClient::new(replay.clone(), sb_url(&base), Secret::new("wrong"));
    let replayed = session(&client, &legacy);
    assert_eq!(replayed, recorded);
    assert!(replay.misses().is_empty(), "{:?}", replay.misses());
    assert_eq!(replay.unused(), 0);

    // A request the cassette lacks fails, naming it, and goes nowhere: at
    // once, with the default retry policy (one attempt, one miss).
    let strict = ClientBuilder::new()
        .base_url(&base)
        .access_token("any")
        .transport(replay.clone())
        .build()
        .expect("client");
    let err = strict
        .at(format!("{base}carts?b=2&a=1"))
        .get(Query::new())
        .expect_err("not recorded");
    let text = err.to_string();
    match &err {
        Error::Transport(TransportFailure::NoRecording { method, url }) => {
            assert_eq!(method, "GET");
            assert_eq!(url, &format!("{base}carts?b=2&a=1"));
        }
        other => panic!("not a missing recording: {other:?}"),
    }
    assert!(
        text.contains(&format!(
            "no recording in the cassette for GET {base}carts?b=2&a=1"
        )),
        "{text}"
    );
    let misses = replay.misses();
    assert_eq!(misses.len(), 1, "one attempt, no retry: {misses:?}");
    assert_eq!(misses[0].method, "GET");
    assert!(misses[0].url.ends_with("/carts?b=2&a=1"), "{misses:?}");
}

/// The store URL of the legacy client: the base without its final slash.
fn sb_url(base: &str) -> &str {
    base.trim_end_matches('/')
}

async fn async_session(client: &AsyncClient) -> (foxy::Resource, Vec<Option<String>>) {
    let home = client.home().await.expect("home");
    let page = client
        .customers()
        .list(customers_query())
        .await
        .expect("customers");
    (home, page.members.iter().map(|c| c.email.clone()).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_async_session_replays_too() {
    let path = cassette_path("async.json");
    let sb = tokio::task::spawn_blocking(sandbox).await.expect("sandbox");
    let base = format!("{}/", sb.base_url());
    let recorder = Recorder::create(&path).expect("cassette created");
    let reqwest = ReqwestTransport::new(Timeouts::default()).expect("reqwest");
    let client = builder(&base, CLIENT_SECRET, REFRESH_TOKEN)
        .async_transport(RecordingTransport::new(reqwest, recorder.clone()))
        .build_async()
        .expect("client");
    let recorded = async_session(&client).await;
    tokio::task::spawn_blocking(move || sb.shutdown())
        .await
        .expect("stopped");
    assert_no_secret_but_legacy(&path);

    let replay = ReplayTransport::open(&path).expect("cassette reads");
    let client = builder(&base, "x", "y")
        .async_transport(replay.clone())
        .build_async()
        .expect("client");
    assert_eq!(async_session(&client).await, recorded);
    assert!(replay.misses().is_empty());

    // The async client reports a miss at once too: one attempt, no retry.
    let err = client
        .at(format!("{base}carts?zz=1"))
        .get(Query::new())
        .await
        .expect_err("not recorded");
    assert!(
        matches!(err, Error::Transport(TransportFailure::NoRecording { .. })),
        "{err:?}"
    );
    assert_eq!(replay.misses().len(), 1, "{:?}", replay.misses());
}

fn assert_no_secret_but_legacy(path: &Path) {
    let text = std::fs::read_to_string(path).expect("cassette written");
    for secret in [CLIENT_SECRET, REFRESH_TOKEN] {
        assert!(!text.contains(secret), "{secret} is in {}", path.display());
    }
    assert!(text.contains("Bearer [scrubbed]"));
}

#[test]
fn a_corrupt_or_missing_cassette_is_a_typed_error() {
    let path = cassette_path("corrupt.json");
    std::fs::write(&path, b"{\"version\":1,\"interactions\":[{\"req").expect("written");
    let err = ReplayTransport::open(&path).expect_err("corrupt");
    assert!(
        matches!(err, foxy::transport::replay::OpenError::Cassette { .. }),
        "{err:?}"
    );
    let err = ReplayTransport::open(cassette_path("absent.json")).expect_err("absent");
    assert!(
        matches!(err, foxy::transport::replay::OpenError::Io { .. }),
        "{err:?}"
    );
}
