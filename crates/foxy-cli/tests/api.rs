//! `foxy get|post|put|patch|delete`, `foxy sandbox` and `foxy demo`, run as a
//! user would, against a foxy-sandbox on 127.0.0.1.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use foxy::model::{Cart, Item, Money};
use foxy::{Client, MediaType, Resource, Value};
use foxy_proto::codec;
use foxy_sandbox::{BackgroundSandbox, Config, Sandbox};

/// Environment variables the command reads; cleared so the tests do not
/// depend on the caller's environment.
const FOXY_ENV: [&str; 6] = [
    "FOXY_BASE_URL",
    "FOXY_CLIENT_ID",
    "FOXY_CLIENT_SECRET",
    "FOXY_REFRESH_TOKEN",
    "FOXY_ACCESS_TOKEN",
    "FOXY_PROFILE",
];

fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_foxy"));
    for name in FOXY_ENV {
        command.env_remove(name);
    }
    // No profiles file: the caller's `default` profile must not apply.
    command.env(
        "XDG_CONFIG_HOME",
        std::env::temp_dir().join("foxy-cli-api-tests-no-config"),
    );
    command
}

/// Runs `foxy ARGS` with the sandbox's URL and credentials in the environment.
fn foxy(sb: &BackgroundSandbox, args: &[&str]) -> Output {
    let credentials = sb.credentials();
    command()
        .args(args)
        .env("FOXY_BASE_URL", sb.base_url())
        .env("FOXY_CLIENT_ID", &credentials.client_id)
        .env("FOXY_CLIENT_SECRET", &credentials.client_secret)
        .env("FOXY_REFRESH_TOKEN", &credentials.refresh_token)
        .output()
        .expect("foxy runs")
}

fn sandbox() -> BackgroundSandbox {
    Sandbox::start_background(Config::default()).expect("the sandbox starts")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8")
}

/// Asserts success and parses standard output as a document of `media`.
fn document(out: &Output, media: MediaType) -> Resource {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    codec::parse(media, &out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// Asserts exit status 2 and one line on standard error containing `needle`.
fn assert_input_error(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{needle:?} in {err}");
    assert!(out.stdout.is_empty(), "{}", stdout(out));
}

fn text(resource: &Resource, name: &str) -> String {
    match resource.property(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.as_str().to_owned(),
        other => panic!("{name}: {other:?}"),
    }
}

fn client(sb: &BackgroundSandbox) -> Client {
    let c = sb.credentials();
    Client::builder()
        .base_url(sb.base_url())
        .refresh_token(
            c.client_id.as_str(),
            c.client_secret.as_str(),
            c.refresh_token.as_str(),
        )
        .build()
        .expect("a client")
}

#[test]
fn get_the_store_in_every_output_format() {
    let sb = sandbox();
    let store_href = format!("{}/stores/{}", sb.base_url(), sb.store_id());

    let json = document(&foxy(&sb, &["get", "fx:store"]), MediaType::HalJson);
    let xml = document(
        &foxy(&sb, &["get", "fx:store", "--output", "hal+xml"]),
        MediaType::HalXml,
    );
    let siren = document(
        &foxy(&sb, &["get", "fx:store", "-o", "siren"]),
        MediaType::Siren,
    );
    for store in [&json, &xml, &siren] {
        assert_eq!(text(store, "store_name"), "Sandbox Store");
        assert_eq!(store.self_href(), Some(store_href.as_str()));
        assert!(store.link("fx:carts").is_some());
    }
    let pretty = stdout(&foxy(&sb, &["get", "fx:store"]));
    assert!(
        pretty.contains("\n  \"store_name\": \"Sandbox Store\",\n"),
        "{pretty}"
    );

    let out = foxy(&sb, &["get", "fx:store", "--output", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    let row = |key: &str| {
        table
            .lines()
            .find(|l| l.split("  ").next() == Some(key))
            .map(|l| l[key.len()..].trim().to_owned())
    };
    assert_eq!(
        row("store_name").as_deref(),
        Some("Sandbox Store"),
        "{table}"
    );
    assert_eq!(row("link self").as_deref(), Some(store_href.as_str()));
    assert!(row("link fx:carts").is_some(), "{table}");

    // An href works as well as a relation path.
    let by_href = document(&foxy(&sb, &["get", &store_href]), MediaType::HalJson);
    assert_eq!(by_href, json);
}

#[test]
fn get_carts_with_zoom_limit_and_offset() {
    let sb = sandbox();
    let api = client(&sb);
    for (name, price) in [("Sprocket", 10), ("Widget", 5), ("Gadget", 7)] {
        api.carts()
            .create(&Cart::new().with_item(Item::new(name, price, 1)))
            .expect("a cart");
    }

    let page = document(
        &foxy(
            &sb,
            &[
                "get",
                "fx:store/fx:carts",
                "--zoom",
                "items",
                "--limit",
                "2",
            ],
        ),
        MediaType::HalJson,
    );
    assert_eq!(text(&page, "total_items"), "3");
    assert_eq!(text(&page, "returned_items"), "2");
    let carts = page.embedded("fx:carts");
    assert_eq!(carts.len(), 2);
    for cart in carts {
        assert_eq!(cart.embedded("fx:items").len(), 1, "zoomed items");
    }
    let next = &page.link("next").expect("a next page").href;
    assert!(
        next.contains("limit=2") && next.contains("offset=2"),
        "{next}"
    );

    let last = document(
        &foxy(
            &sb,
            &["get", "fx:store/fx:carts", "--limit", "2", "--offset", "2"],
        ),
        MediaType::HalJson,
    );
    let members = last.embedded("fx:carts");
    assert_eq!(members.len(), 1);
    assert!(members[0].embedded("fx:items").is_empty(), "not zoomed");

    let out = foxy(
        &sb,
        &[
            "get",
            "fx:store/fx:carts",
            "--limit",
            "2",
            "--order",
            "total_order desc",
            "--output",
            "table",
            "--columns",
            "id,total_order",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    let lines: Vec<Vec<&str>> = table
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines[0], ["id", "total_order"], "{table}");
    assert_eq!(lines[1][1].parse::<Money>().ok(), Some(Money::from(10)));
    assert_eq!(lines[2][1].parse::<Money>().ok(), Some(Money::from(7)));
    assert_eq!(table.lines().last(), Some("(2 of 3, offset 0)"));
}

#[test]
fn post_put_patch_delete_a_cart() {
    let sb = sandbox();
    let created = document(
        &foxy(
            &sb,
            &[
                "post",
                "fx:store/fx:carts",
                "--data",
                r#"{"billing_first_name": "Ada"}"#,
            ],
        ),
        MediaType::HalJson,
    );
    let href = created.self_href().expect("the new cart").to_owned();
    assert!(href.contains("/carts/"), "{href}");

    let patched = document(
        &foxy(
            &sb,
            &[
                "patch",
                &href,
                "--data",
                r#"{"billing_first_name": "Grace"}"#,
            ],
        ),
        MediaType::HalJson,
    );
    assert_eq!(text(&patched, "billing_first_name"), "Grace");

    let dir = std::env::temp_dir().join(format!("foxy-cli-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("cart.json");
    std::fs::write(
        &file,
        r#"{"billing_first_name": "Grace", "_embedded": {"fx:items": [
            {"name": "Sprocket", "price": 10.25, "quantity": 2,
             "_embedded": {"fx:item_options": [{"name": "color", "value": "red", "price_mod": 0.50}]}}]}}"#,
    )
    .expect("write");
    let at_file = format!("@{}", file.display());
    let put = foxy(&sb, &["put", &href, "--data", &at_file]);
    let _ = std::fs::remove_dir_all(&dir);
    let put = Cart::from_resource(&document(&put, MediaType::HalJson)).expect("a cart");
    assert_eq!(put.items.len(), 1);
    assert_eq!(
        put.items[0].item_options.len(),
        1,
        "zoom derived from the document"
    );
    assert_eq!(put.total_order, Some("21.50".parse().expect("money")));

    let read = foxy(&sb, &["get", &href, "--zoom", "items", "--output", "table"]);
    assert_eq!(read.status.code(), Some(0), "{}", stderr(&read));
    let table = stdout(&read);
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["billing_first_name", "Grace"]),
        "{table}"
    );
    assert!(table.contains("embedded fx:items"), "{table}");

    let deleted = foxy(&sb, &["delete", &href]);
    assert_eq!(deleted.status.code(), Some(0), "{}", stderr(&deleted));
    assert!(stdout(&deleted).contains("deleted"), "{}", stdout(&deleted));

    let gone = foxy(&sb, &["get", &href]);
    assert_eq!(gone.status.code(), Some(1));
    let err = stderr(&gone);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("foxy: API error 404 Not Found: ") && err.contains("(logref "),
        "{err}"
    );
    assert!(gone.stdout.is_empty());
}

#[test]
fn bad_input_exits_2_before_any_request() {
    let sb = sandbox();
    sb.reset_stats();
    let cases: [(&[&str], &str); 8] = [
        (
            &["get", "fx:store/fx:carts", "--limit", "301"],
            "limit must be between 1 and 300, got 301",
        ),
        (
            &["get", "fx:store", "--output", "yaml"],
            "--output: unsupported format",
        ),
        (
            &["get", "fx:store", "--columns", "id"],
            "--columns needs --output table",
        ),
        (
            &["get", "fx:store", "--data", "{}"],
            "a GET request has no body",
        ),
        (
            &["get", "fx:store", "--filter", "nonsense"],
            "expected KEY=VALUE",
        ),
        (&["patch", "/carts/1"], "a PATCH request needs --data"),
        (
            &["put", "/carts/1", "--data", "{}", "--body-format", "form"],
            "a PUT sends JSON",
        ),
        (
            &["get", "fx:store//fx:carts"],
            "neither an href nor a relation path",
        ),
    ];
    for (args, needle) in cases {
        assert_input_error(&foxy(&sb, args), needle);
    }
    let stats = sb.stats();
    assert_eq!(stats.requests, 0, "{stats:?}");
    assert_eq!(stats.token_requests, 0, "{stats:?}");
}

#[test]
fn bad_credentials_exit_1_without_printing_secrets() {
    let sb = sandbox();
    let secret = "wrong-secret-4f1d";
    let out = foxy(&sb, &["get", "fx:store", "--client-secret", secret]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("foxy: authentication failed: ") && err.contains("invalid_client"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert!(!err.contains(secret), "{err}");

    let refresh = "wrong-refresh-9c2e";
    let out = foxy(&sb, &["get", "fx:store", "--refresh-token", refresh]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("invalid_grant") && !err.contains(refresh),
        "{err}"
    );

    let token = "wrong-access-token-77aa";
    let out = command()
        .args(["get", "fx:store", "--base-url", sb.base_url()])
        .env("FOXY_ACCESS_TOKEN", token)
        .output()
        .expect("foxy runs");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("foxy: authentication failed: "), "{err}");
    assert!(!err.contains(token) && out.stdout.is_empty(), "{err}");

    // --help names the variables but never shows their values.
    let help = command()
        .args(["get", "--help"])
        .env("FOXY_CLIENT_SECRET", secret)
        .env("FOXY_ACCESS_TOKEN", token)
        .output()
        .expect("foxy runs");
    assert_eq!(help.status.code(), Some(0));
    let help = stdout(&help);
    assert!(help.contains("FOXY_CLIENT_SECRET"), "{help}");
    assert!(!help.contains(secret) && !help.contains(token), "{help}");

    let none = command()
        .args(["get", "fx:store", "--base-url", sb.base_url()])
        .output()
        .expect("foxy runs");
    assert_input_error(&none, "no credentials");
    let stats = sb.stats();
    assert_eq!((stats.token_requests, stats.requests), (2, 3), "{stats:?}");
}

#[test]
fn plain_http_off_loopback_needs_the_opt_in() {
    let out = command()
        .args([
            "get",
            "fx:store",
            "--base-url",
            "http://api.example.invalid/",
            "--access-token",
            "token",
        ])
        .output()
        .expect("foxy runs");
    assert_input_error(&out, "refusing plain http to non-loopback host");
}

#[test]
fn demo_runs_every_step_and_charges_the_cart() {
    let out = command().arg("demo").output().expect("foxy runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for step in 1..=7 {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{step}. "))),
            "step {step}: {text}"
        );
    }
    let transaction = text
        .lines()
        .find(|l| l.trim_start().starts_with("transaction "))
        .unwrap_or_else(|| panic!("a transaction line: {text}"));
    assert!(
        transaction.contains("status completed") && transaction.contains("total_order 49.97"),
        "{transaction}"
    );
    assert!(text.contains("expires "), "{text}");
    assert!(text.contains("in 2 pages"), "{text}");
    let defaults = foxy_sandbox::Credentials::default();
    for secret in [
        &defaults.client_secret,
        &defaults.refresh_token,
        &defaults.store_secret,
    ] {
        assert!(!text.contains(secret.as_str()), "{secret} in {text}");
    }
    assert!(!text.contains("access_"), "{text}");
    // It ends by saying what to try next.
    let next = text.split("What next:").nth(1).unwrap_or_default();
    for hint in [
        "foxy sandbox",
        "foxy --sandbox get fx:store",
        "--example",
        "docs/CLI.md",
    ] {
        assert!(next.contains(hint), "{hint:?} not in {text}");
    }
}

/// Waits up to `limit` for the child to exit.
fn wait_for(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn sandbox_command_serves_until_stopped() {
    let mut child = command()
        .args([
            "sandbox",
            "--addr",
            "127.0.0.1:0",
            "--token-lifetime",
            "600",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("foxy sandbox runs");
    let mut banner = String::new();
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    reader.read_line(&mut banner).expect("the banner");
    let base = banner
        .trim()
        .strip_prefix("foxy-sandbox listening on ")
        .unwrap_or_else(|| panic!("banner: {banner:?}"))
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    let defaults = foxy_sandbox::Credentials::default();
    let out = command()
        .args([
            "get",
            "fx:store",
            "--base-url",
            &base,
            "--client-id",
            &defaults.client_id,
            "--client-secret",
            &defaults.client_secret,
            "--refresh-token",
            &defaults.refresh_token,
        ])
        .output()
        .expect("foxy get runs");
    let store = document(&out, MediaType::HalJson);
    assert_eq!(text(&store, "store_name"), "Sandbox Store");

    #[cfg(unix)]
    {
        // The rest of the banner, then a clean stop on SIGTERM.
        let mut rest = String::new();
        reader.read_line(&mut rest).expect("the banner");
        assert!(rest.contains("client_id:"), "{rest}");
        let term = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(term.success());
        let status = wait_for(&mut child, Duration::from_secs(10));
        if status.is_none() {
            let _ = child.kill();
            let _ = child.wait();
        }
        assert_eq!(
            status.and_then(|s| s.code()),
            Some(0),
            "SIGTERM ends the sandbox cleanly"
        );
    }
    #[cfg(not(unix))]
    {
        child.kill().expect("kill");
        child.wait().expect("wait");
    }

    let bad = command()
        .args(["sandbox", "--faults", "429=2"])
        .output()
        .expect("foxy runs");
    assert_input_error(&bad, "invalid --faults");
}
