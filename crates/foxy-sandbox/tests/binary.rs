//! The `foxy-sandbox` binary: its banner and every command-line flag, over real HTTP.
//!
//! Each test spawns the built binary on `127.0.0.1:0`, reads the base URL from
//! the banner and kills the child when the guard drops (also when an assertion fails).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Client;
use foxy_proto::legacy::{ApiResponse, ApiResult};

const BIN: &str = env!("CARGO_BIN_EXE_foxy-sandbox");
const FORM: &str = "application/x-www-form-urlencoded";

/// A running `foxy-sandbox` child, killed on drop.
struct Running {
    child: Child,
    base: String,
    banner: Vec<String>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    /// The value after `name:` in the banner.
    fn banner_value(&self, name: &str) -> String {
        let prefix = format!("{name}:");
        self.banner
            .iter()
            .find_map(|l| l.trim().strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no {name} in the banner: {:#?}", self.banner))
            .trim()
            .to_owned()
    }

    /// Kills the child and waits for it (the guard would too).
    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary with `args` (plus `--addr 127.0.0.1:0`) and reads its banner.
fn spawn(args: &[&str]) -> Running {
    let mut child = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn foxy-sandbox");
    let stdout = child.stdout.take().unwrap();
    let stderr_pipe = child.stderr.take().unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&stderr);
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stderr_pipe);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            sink.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut running = Running {
        child,
        base: String::new(),
        banner: Vec::new(),
        stderr,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    // The banner ends with a block to paste, its last line an example command.
    while running
        .banner
        .last()
        .is_none_or(|l| l.trim() != "foxy get fx:store")
    {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => running.banner.push(line),
            Err(e) => panic!(
                "no complete banner ({e}): {:#?}; stderr: {}",
                running.banner,
                running.stderr.lock().unwrap()
            ),
        }
    }
    let first = &running.banner[0];
    running.base = first
        .strip_prefix("foxy-sandbox listening on ")
        .unwrap_or_else(|| panic!("first banner line: {first:?}"))
        .trim()
        .to_owned();
    running
}

/// Runs the binary and waits (at most 30 s) for it to exit on its own.
fn run_to_exit(args: &[&str]) -> (ExitStatus, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn foxy-sandbox");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("foxy-sandbox {args:?} did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = String::new();
    let mut err = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status, out, err)
}

/// POSTs a refresh grant; returns the status and the parsed JSON answer.
fn refresh_grant(base: &str, client_id: &str, secret: &str, refresh: &str) -> common::Resp {
    Client::new(base).send(
        "POST",
        "/token",
        &[("content-type", FORM)],
        format!(
            "grant_type=refresh_token&refresh_token={refresh}&client_id={client_id}&client_secret={secret}"
        )
        .into_bytes(),
    )
}

/// A client holding an access token from the refresh grant with these credentials.
fn authed(base: &str, client_id: &str, secret: &str, refresh: &str) -> Client {
    let r = refresh_grant(base, client_id, secret, refresh);
    assert_eq!(r.status, 200, "{}", r.text());
    let mut c = Client::new(base);
    c.token = Some(r.prop("access_token"));
    c
}

fn authed_default(base: &str) -> Client {
    authed(base, "client_sandbox", "secret_sandbox", "refresh_sandbox")
}

/// Posts `category_list` to the legacy API with `api_token`.
fn legacy_result(base: &str, api_token: &str) -> ApiResponse {
    let r = Client::new(base).send(
        "POST",
        "/api",
        &[("content-type", FORM)],
        format!("api_token={api_token}&api_action=category_list").into_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    ApiResponse::parse(&r.text()).unwrap_or_else(|e| panic!("{e}: {}", r.text()))
}

#[test]
fn banner_prints_the_url_and_the_documented_credentials() {
    let sb = spawn(&[]);
    let url = url::Url::parse(&sb.base).expect("base URL");
    assert_eq!(url.scheme(), "http");
    assert_eq!(url.host_str(), Some("127.0.0.1"));
    assert_ne!(url.port(), Some(0), "port 0 is replaced by the bound port");
    assert!(url.port().is_some());
    // As docs/SANDBOX.md prints them.
    assert_eq!(sb.banner_value("client_id"), "client_sandbox");
    assert_eq!(sb.banner_value("client_secret"), "secret_sandbox");
    assert_eq!(sb.banner_value("refresh_token"), "refresh_sandbox");
    assert_eq!(sb.banner_value("store_secret"), "store_secret_sandbox");
    // The block to paste names the same URL and credentials.
    let n = sb.banner.len();
    let export = sb.banner[n - 2].trim();
    assert_eq!(
        export,
        format!(
            "export FOXY_BASE_URL={} FOXY_CLIENT_ID=client_sandbox \
             FOXY_CLIENT_SECRET=secret_sandbox FOXY_REFRESH_TOKEN=refresh_sandbox",
            sb.base
        )
    );
    // Pasted into a shell, it sets the variables the foxy CLI reads.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{export}; printf '%s|%s|%s|%s' \"$FOXY_BASE_URL\" \"$FOXY_CLIENT_ID\" \
             \"$FOXY_CLIENT_SECRET\" \"$FOXY_REFRESH_TOKEN\""
        ))
        .output()
        .expect("sh runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{}|client_sandbox|secret_sandbox|refresh_sandbox", sb.base)
    );
    let customers = sb.banner_value("customers");
    for email in [
        "grace.hopper@sandbox.test",
        "alan.turing@sandbox.test",
        "ada.lovelace@sandbox.test",
    ] {
        assert!(customers.contains(email), "{customers}");
    }

    // The printed credentials work, and the printed store is the API's store.
    let c = authed(
        &sb.base,
        &sb.banner_value("client_id"),
        &sb.banner_value("client_secret"),
        &sb.banner_value("refresh_token"),
    );
    let store = sb.banner_value("store");
    assert!(
        store.starts_with(&format!("{}/stores/", sb.base)),
        "{store}"
    );
    assert_eq!(c.store(), store);
    let r = c.get(&store);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.prop("store_name"), "Sandbox Store");
    let answer = legacy_result(&sb.base, &sb.banner_value("store_secret"));
    assert_eq!(answer.result, ApiResult::Success, "{:?}", answer.messages);
    // Default token lifetime.
    let r = refresh_grant(
        &sb.base,
        "client_sandbox",
        "secret_sandbox",
        "refresh_sandbox",
    );
    assert_eq!(r.prop("expires_in"), "7200");
}

#[test]
fn credential_flags_replace_the_seeded_client_and_secrets() {
    let sb = spawn(&[
        "--client-id",
        "my_client",
        "--client-secret",
        "my_secret",
        "--refresh-token",
        "my_refresh",
        "--store-secret",
        "my_store_secret",
    ]);
    assert_eq!(sb.banner_value("client_id"), "my_client");
    assert_eq!(sb.banner_value("client_secret"), "my_secret");
    assert_eq!(sb.banner_value("refresh_token"), "my_refresh");
    assert_eq!(sb.banner_value("store_secret"), "my_store_secret");

    let c = authed(&sb.base, "my_client", "my_secret", "my_refresh");
    assert_eq!(c.get(&c.store()).status, 200);

    // The defaults no longer work.
    let r = refresh_grant(
        &sb.base,
        "client_sandbox",
        "secret_sandbox",
        "refresh_sandbox",
    );
    assert_eq!(
        (r.status, r.prop("error").as_str()),
        (401, "invalid_client"),
        "{}",
        r.text()
    );
    let r = refresh_grant(&sb.base, "my_client", "secret_sandbox", "my_refresh");
    assert_eq!(r.status, 401, "{}", r.text());
    let r = refresh_grant(&sb.base, "my_client", "my_secret", "refresh_sandbox");
    assert_eq!(
        (r.status, r.prop("error").as_str()),
        (400, "invalid_grant"),
        "{}",
        r.text()
    );

    // The store secret is the legacy API token.
    let answer = legacy_result(&sb.base, "my_store_secret");
    assert_eq!(answer.result, ApiResult::Success, "{:?}", answer.messages);
    let answer = legacy_result(&sb.base, "store_secret_sandbox");
    assert_eq!(answer.result, ApiResult::Error);
    assert_eq!(answer.messages[0], "Invalid API token");
}

#[test]
fn token_lifetime_flag_sets_expires_in_and_expiry() {
    let sb = spawn(&["--token-lifetime", "2"]);
    let r = refresh_grant(
        &sb.base,
        "client_sandbox",
        "secret_sandbox",
        "refresh_sandbox",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.prop("expires_in"), "2");
    let mut c = Client::new(&sb.base);
    c.token = Some(r.prop("access_token"));
    let store = c.store();
    assert_eq!(c.get(&store).status, 200);
    std::thread::sleep(Duration::from_millis(2500));
    let r = c.get(&store);
    assert_eq!(r.status, 401);
    assert_eq!(r.prop("error"), "invalid_token");
}

#[test]
fn db_flag_keeps_data_across_a_restart_of_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sandbox.db");
    let db = db.to_str().unwrap();

    let first = spawn(&["--db", db]);
    let store = first.banner_value("store");
    let c = authed_default(&first.base);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    c.create(
        &format!("{cart}/items"),
        r#"{"name":"Persisted","price":"4.25","quantity":2}"#,
    );
    let path = url::Url::parse(&cart).unwrap().path().to_owned();
    let store_path = url::Url::parse(&store).unwrap().path().to_owned();
    first.kill();

    let second = spawn(&["--db", db]);
    let again = second.banner_value("store");
    assert_eq!(
        url::Url::parse(&again).unwrap().path(),
        store_path,
        "seeded only once"
    );
    let c = authed_default(&second.base);
    let r = c.get(&format!("{path}?zoom=items"));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.prop("total_item_price"), "8.5");
    let doc = r.res();
    let items = doc.embedded("fx:items");
    assert_eq!(items.len(), 1);
    assert_eq!(
        common::text(items[0].property("name").unwrap()),
        "Persisted"
    );
    let customers = c.link(&c.store(), "fx:customers");
    assert_eq!(c.get(&customers).prop("total_items"), "3");
    second.kill();

    // Without --db the data is gone.
    let third = spawn(&[]);
    let c = authed_default(&third.base);
    assert_eq!(c.get(&path).status, 404);
}

#[test]
fn faults_flag_injects_statuses_but_spares_the_token_endpoint() {
    let sb = spawn(&["--faults", "503=1"]);
    let c = authed_default(&sb.base);
    for path in ["/", "/stores/1", "/no/such/route"] {
        let r = c.get(path);
        assert_eq!(r.status, 503, "{path}: {}", r.text());
        assert_eq!(r.header("retry-after").as_deref(), Some("1"));
        assert!(r.error_message().contains("fault"));
    }
    // The test support routes are never faulted.
    let stats = c.get("/_sandbox/stats");
    assert_eq!(stats.status, 200);
    assert_eq!(stats.prop("faults_injected"), "3");
}

#[test]
fn faults_on_token_flag_lets_faults_hit_the_token_endpoint() {
    let sb = spawn(&["--faults", "500=1", "--faults-on-token"]);
    let r = refresh_grant(
        &sb.base,
        "client_sandbox",
        "secret_sandbox",
        "refresh_sandbox",
    );
    assert_eq!(r.status, 500, "{}", r.text());
}

/// The statuses of `n` GETs of the API home through a binary run with `args`.
fn fault_sequence(args: &[&str], n: usize) -> Vec<u16> {
    let sb = spawn(args);
    let c = authed_default(&sb.base);
    (0..n).map(|_| c.get("/").status).collect()
}

#[test]
fn seed_flag_makes_random_faults_repeatable() {
    let a = fault_sequence(&["--faults", "429=0.5", "--seed", "11"], 24);
    let b = fault_sequence(&["--faults", "429=0.5", "--seed", "11"], 24);
    let other = fault_sequence(&["--faults", "429=0.5", "--seed", "12"], 24);
    assert!(a.iter().all(|s| *s == 200 || *s == 429), "{a:?}");
    assert!(a.contains(&200) && a.contains(&429), "{a:?}");
    assert_eq!(a, b, "the same seed gives the same faults");
    assert_ne!(a, other, "another seed gives other faults");
}

#[test]
fn invalid_arguments_exit_2_with_one_line() {
    for spec in [
        "418=0.1",
        "429=2",
        "429=0.6,500=0.6",
        "latency=0.5",
        "nonsense",
    ] {
        let (status, out, err) = run_to_exit(&["--addr", "127.0.0.1:0", "--faults", spec]);
        assert_eq!(status.code(), Some(2), "{spec}: {err}");
        assert!(out.is_empty(), "{spec}: nothing on stdout: {out}");
        let err = err.trim_end();
        assert_eq!(err.lines().count(), 1, "{spec}: one line: {err:?}");
        assert!(
            err.starts_with("foxy-sandbox: invalid --faults:"),
            "{spec}: {err}"
        );
    }
    // clap rejects malformed numbers with its usual exit code 2.
    let (status, out, err) = run_to_exit(&["--addr", "127.0.0.1:0", "--seed", "many"]);
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(out.is_empty());
    assert!(err.contains("--seed"), "{err}");
}

#[test]
fn seed_examples_flag_adds_transactions_and_subscriptions() {
    let auth = |sb: &Running| {
        authed(
            &sb.base,
            "client_sandbox",
            "secret_sandbox",
            "refresh_sandbox",
        )
    };
    let plain = spawn(&[]);
    let c = auth(&plain);
    let store = c.store();
    assert_eq!(
        c.get(&c.link(&store, "fx:transactions"))
            .prop("total_items"),
        "0"
    );
    assert_eq!(
        c.get(&c.link(&store, "fx:coupons")).prop("total_items"),
        "3"
    );
    drop(plain);
    let sb = spawn(&["--seed-examples"]);
    let c = auth(&sb);
    let store = c.store();
    assert_eq!(
        c.get(&c.link(&store, "fx:transactions"))
            .prop("total_items"),
        "2"
    );
    assert_eq!(
        c.get(&c.link(&store, "fx:subscriptions"))
            .prop("total_items"),
        "2"
    );
    assert_eq!(c.get(&c.link(&store, "fx:carts")).prop("total_items"), "1");
}

#[test]
fn seed_carts_flag_adds_carts_with_items() {
    let sb = spawn(&["--seed-carts", "400", "--items-per-cart", "3"]);
    let c = authed(
        &sb.base,
        "client_sandbox",
        "secret_sandbox",
        "refresh_sandbox",
    );
    let carts = c.link(&c.store(), "fx:carts");
    let bulk = c.get(&format!(
        "{carts}?billing_first_name=Bulk&limit=300&offset=300"
    ));
    assert_eq!(bulk.status, 200, "{}", bulk.text());
    assert_eq!(bulk.prop("total_items"), "400");
    assert_eq!(bulk.prop("returned_items"), "100");
    let page = bulk.res();
    let members = page.embedded("fx:carts");
    let last = members
        .last()
        .expect("a cart")
        .self_href()
        .unwrap()
        .to_owned();
    assert_eq!(c.get(&last).prop("total_item_price"), "29.97");
    let items = c.get(&format!("{last}/items"));
    assert_eq!(items.prop("total_items"), "3");
    let codes: Vec<String> = items
        .res()
        .embedded("fx:items")
        .iter()
        .map(|i| common::text(i.property("code").unwrap()))
        .collect();
    assert_eq!(codes, ["bulk-1", "bulk-2", "bulk-3"]);

    // Out-of-range counts are input errors.
    for arg in [
        "--seed-carts=-1",
        "--seed-carts=10000000000",
        "--items-per-cart=101",
    ] {
        let (status, out, err) = run_to_exit(&["--addr", "127.0.0.1:0", arg]);
        assert_eq!(status.code(), Some(2), "{arg}: {err}");
        assert!(out.is_empty());
        let flag = arg.split('=').next().unwrap();
        assert!(err.contains(flag), "{err}");
    }
}
