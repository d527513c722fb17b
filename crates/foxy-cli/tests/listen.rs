//! `foxy listen` and `foxy trigger`: the end-to-end webhook loop on one
//! machine. A sandbox runs on 127.0.0.1; `foxy listen --max-events 1`
//! registers a webhook there and forwards to a test application that
//! verifies each delivery with foxy's axum extractor; `foxy trigger
//! transaction/created` (or `subscription/created`, `customer/created`)
//! makes the sandbox emit one.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::post;
use foxy::webhook_axum::{Event, Webhook, WebhookSecret};
use foxy_sandbox::{BackgroundSandbox, Config, Sandbox};

const KEY: &str = "listen_test_key";

fn foxy(sb: &BackgroundSandbox) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_foxy"));
    for name in [
        "FOXY_BASE_URL",
        "FOXY_CLIENT_ID",
        "FOXY_CLIENT_SECRET",
        "FOXY_REFRESH_TOKEN",
        "FOXY_ACCESS_TOKEN",
        "FOXY_PROFILE",
        "FOXY_WEBHOOK_KEY",
    ] {
        command.env_remove(name);
    }
    command
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("foxy-cli-listen-tests-no-config"),
        )
        .env("FOXY_BASE_URL", sb.base_url())
        .arg("--sandbox");
    command
}

/// What the test application saw: the event name, the extractor's typed
/// kind (`transaction`, `subscription`, `customer`, `other`), and its self
/// link.
type Seen = (String, &'static str, Option<String>);

/// The application `foxy listen` forwards to: verifies with the axum
/// extractor and reports each webhook on `seen`. Returns its URL.
fn application(seen: mpsc::Sender<Seen>) -> String {
    let (addr_tx, addr_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("binds");
            addr_tx
                .send(listener.local_addr().expect("an address"))
                .expect("sends");
            let app = Router::new()
                .route(
                    "/webhooks",
                    post(move |webhook: Webhook| async move {
                        let typed = match webhook.event {
                            Event::Transaction(_) => "transaction",
                            Event::Subscription(_) => "subscription",
                            Event::Customer(_) => "customer",
                            _ => "other",
                        };
                        let href = webhook.resource.self_href().map(str::to_owned);
                        let _ = seen.send((webhook.name.clone(), typed, href));
                        format!("verified {}", webhook.name)
                    }),
                )
                .with_state(WebhookSecret::new(KEY));
            axum::serve(listener, app).await.expect("serves");
        });
    });
    let addr = addr_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the application listens");
    format!("http://{addr}/webhooks")
}

/// Waits for `child` to exit, killing it after `limit`.
fn wait(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().expect("try_wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// Runs `foxy listen --max-events 1` (all resources) and `foxy trigger
/// EVENT`; returns what the application saw, the href the trigger printed
/// and what listen printed.
fn listen_and_trigger(event: &str, collection: &str) -> (Seen, String, String) {
    let sb = Sandbox::start_background(Config::default()).expect("the sandbox starts");
    let (seen_tx, seen_rx) = mpsc::channel();
    let target = application(seen_tx);

    let mut listen = foxy(&sb)
        .args(["listen", "--forward-to", &target, "--key", KEY])
        .args(["--max-events", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("foxy listen runs");
    let mut stdout = BufReader::new(listen.stdout.take().expect("piped"));
    let mut ready = String::new();
    stdout.read_line(&mut ready).expect("a first line");
    assert!(ready.starts_with("Ready: forwarding"), "{ready:?}");
    assert!(!ready.contains(KEY), "the key is never printed: {ready}");

    let trigger = foxy(&sb)
        .args(["trigger", event])
        .output()
        .expect("foxy trigger runs");
    let said = String::from_utf8_lossy(&trigger.stdout);
    assert_eq!(
        trigger.status.code(),
        Some(0),
        "{said} {}",
        String::from_utf8_lossy(&trigger.stderr)
    );
    assert!(said.starts_with(&format!("Triggered {event}: ")), "{said}");
    let href = said
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(href.contains(&format!("/{collection}/")), "{said}");

    let seen = seen_rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the application receives the webhook");

    let out = wait(listen, Duration::from_secs(30));
    let mut printed = ready;
    for line in stdout.lines() {
        printed.push_str(&line.expect("utf-8"));
        printed.push('\n');
    }
    assert_eq!(
        out.status.code(),
        Some(0),
        "{printed} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        printed.matches("Removed webhook ").count(),
        3,
        "one webhook per resource, all removed: {printed}"
    );
    (seen, href, printed)
}

#[test]
fn listen_forwards_a_triggered_transaction_to_a_verifying_application() {
    let ((name, typed, href), transaction, printed) =
        listen_and_trigger("transaction/created", "transactions");
    assert_eq!(name, "transaction/created");
    assert_eq!(typed, "transaction", "the extractor typed it");
    assert_eq!(href.as_deref(), Some(transaction.as_str()));
    assert!(
        printed.contains(&format!(
            "transaction/created {transaction} -> 200 OK: verified transaction/created"
        )),
        "{printed}"
    );
}

#[test]
fn listen_forwards_a_triggered_subscription() {
    let ((name, typed, href), subscription, printed) =
        listen_and_trigger("subscription/created", "subscriptions");
    assert_eq!(name, "subscription/created");
    assert_eq!(typed, "subscription", "the extractor typed it");
    assert_eq!(href.as_deref(), Some(subscription.as_str()));
    assert!(
        printed.contains(&format!(
            "subscription/created {subscription} -> 200 OK: verified subscription/created"
        )),
        "{printed}"
    );
}

#[test]
fn listen_forwards_a_triggered_customer() {
    let ((name, typed, href), customer, printed) =
        listen_and_trigger("customer/created", "customers");
    assert_eq!(name, "customer/created");
    assert_eq!(typed, "customer", "the extractor typed it");
    assert_eq!(href.as_deref(), Some(customer.as_str()));
    assert!(
        printed.contains(&format!(
            "customer/created {customer} -> 200 OK: verified customer/created"
        )),
        "{printed}"
    );
}

#[test]
fn trigger_refuses_an_event_the_sandbox_cannot_emit() {
    let sb = Sandbox::start_background(Config::default()).expect("the sandbox starts");
    let out = foxy(&sb)
        .args(["trigger", "cart/exploded"])
        .output()
        .expect("foxy trigger runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot emit"), "{err}");
}

#[test]
fn listen_refuses_a_target_that_is_not_a_url() {
    let sb = Sandbox::start_background(Config::default()).expect("the sandbox starts");
    let out = foxy(&sb)
        .args(["listen", "--forward-to", "localhost:3000", "--key", KEY])
        .output()
        .expect("foxy listen runs");
    assert_eq!(out.status.code(), Some(2));
}
