//! `--record FILE` and `--replay FILE`: a `get` and a `legacy` call recorded
//! against a sandbox keep none of its secrets, and replay with the sandbox
//! stopped to the same output; a request the cassette lacks fails naming
//! it; commands that do not call the API refuse both flags.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::PathBuf;
use std::process::{Command, Output};

use foxy_sandbox::config::{DEFAULT_CLIENT_SECRET, DEFAULT_REFRESH_TOKEN, DEFAULT_STORE_SECRET};
use foxy_sandbox::{Config, Sandbox};

fn foxy(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_foxy"));
    for name in [
        "FOXY_BASE_URL",
        "FOXY_CLIENT_ID",
        "FOXY_CLIENT_SECRET",
        "FOXY_REFRESH_TOKEN",
        "FOXY_ACCESS_TOKEN",
        "FOXY_PROFILE",
        "FOXY_STORE_URL",
        "FOXY_STORE_SECRET",
    ] {
        command.env_remove(name);
    }
    command
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("foxy-cli-cassette-tests-no-config"),
        )
        .args(args)
        .output()
        .expect("foxy runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn cassette(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("foxy-cli-cassette-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

#[test]
fn recorded_commands_replay_with_the_sandbox_stopped() {
    let api = cassette("get.json");
    let legacy = cassette("legacy.json");
    let (api_path, legacy_path) = (api.to_str().unwrap(), legacy.to_str().unwrap());
    let sb = Sandbox::start_background(Config::default()).expect("sandbox starts");
    let base = sb.base_url().to_owned();
    let get = |flag: &str, file: &str, target: &str| {
        foxy(&["--sandbox", flag, file, "get", target, "--base-url", &base])
    };
    let call_legacy = |flag: &str, file: &str, token: &str| {
        foxy(&[
            flag,
            file,
            "legacy",
            "customer_get",
            "customer_email=grace.hopper@sandbox.test",
            "--url",
            &base,
            "--token",
            token,
            "--summary",
        ])
    };

    let recorded = get("--record", api_path, "fx:store");
    assert!(recorded.status.success(), "{}", text(&recorded.stderr));
    assert!(text(&recorded.stdout).contains("store_name"));
    let recorded_legacy = call_legacy("--record", legacy_path, DEFAULT_STORE_SECRET);
    assert!(
        recorded_legacy.status.success(),
        "{}",
        text(&recorded_legacy.stderr)
    );
    sb.shutdown();

    for path in [&api, &legacy] {
        let cassette = std::fs::read_to_string(path).expect("cassette written");
        for secret in [
            DEFAULT_CLIENT_SECRET,
            DEFAULT_REFRESH_TOKEN,
            DEFAULT_STORE_SECRET,
        ] {
            assert!(!cassette.contains(secret), "{secret} in {}", path.display());
        }
    }

    let replayed = get("--replay", api_path, "fx:store");
    assert!(replayed.status.success(), "{}", text(&replayed.stderr));
    // The store's webhook key is the store secret: scrubbed, it reads
    // `[scrubbed]`; everything else is as recorded.
    assert_eq!(
        text(&replayed.stdout),
        text(&recorded.stdout).replace(DEFAULT_STORE_SECRET, "[scrubbed]")
    );
    let replayed_legacy = call_legacy("--replay", legacy_path, "not the secret");
    assert!(
        replayed_legacy.status.success(),
        "{}",
        text(&replayed_legacy.stderr)
    );
    assert_eq!(replayed_legacy.stdout, recorded_legacy.stdout);

    // The store's carts were never asked for: the miss names the request
    // and fails the command at once (a miss is never retried).
    let miss = get("--replay", api_path, "fx:store/fx:carts");
    assert_eq!(miss.status.code(), Some(1));
    let stderr = text(&miss.stderr);
    assert!(
        stderr.contains(&format!(
            "replay: no recording in the cassette for GET {base}/stores/"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("is the sandbox running"), "{stderr}");
}

#[test]
fn bad_cassettes_and_commands_without_the_api_are_refused() {
    let missing = cassette("absent.json");
    let out = foxy(&["--replay", missing.to_str().unwrap(), "get", "fx:store"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read the cassette"));

    let corrupt = cassette("corrupt.json");
    std::fs::write(&corrupt, b"{\"version\": 7, \"interactions\": []}").expect("written");
    let out = foxy(&["--replay", corrupt.to_str().unwrap(), "get", "fx:store"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("version 7"),
        "{}",
        text(&out.stderr)
    );

    let out = foxy(&[
        "convert", "--from", "hal+json", "--to", "siren", "--record", "x.json",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("takes neither"),
        "{}",
        text(&out.stderr)
    );
    assert!(!std::path::Path::new("x.json").exists());

    let out = foxy(&[
        "--record", "a.json", "--replay", "b.json", "get", "fx:store",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
