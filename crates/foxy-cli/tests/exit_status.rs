//! The exit status and message of failed calls: 1 for a call that failed
//! (an error answer, a rejected token), never 2, the status of bad usage.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::process::{Command, Output};

use foxy_sandbox::{Config, FaultSpec, Sandbox};

fn foxy(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_foxy"));
    for name in [
        "FOXY_STORE_SECRET",
        "FOXY_STORE_URL",
        "FOXY_ACCESS_TOKEN",
        "FOXY_CLIENT_ID",
        "FOXY_CLIENT_SECRET",
        "FOXY_REFRESH_TOKEN",
        "FOXY_BASE_URL",
    ] {
        command.env_remove(name);
    }
    command.args(args).envs(env.iter().copied());
    command.output().expect("foxy runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn legacy_against_an_api_answering_500_is_a_failed_call() {
    let config = Config::default().with_faults(FaultSpec {
        statuses: vec![(500, 1.0)],
        drop: 0.0,
        latency: None,
    });
    let sb = Sandbox::start_background(config).unwrap();
    let secret = sb.credentials().store_secret.clone();
    let out = foxy(
        &["legacy", "category_list", "--url", sb.base_url()],
        &[("FOXY_STORE_SECRET", &secret)],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("500"), "{err}");
    assert!(!err.contains(&secret), "{err}");
    assert!(sb.stats().faults_injected >= 1);
}

#[test]
fn a_rejected_access_token_says_so() {
    let sb = Sandbox::start_background(Config::default()).unwrap();
    let token = "rejected-access-token-41fd";
    let out = foxy(
        &["get", "fx:store", "--base-url", sb.base_url()],
        &[("FOXY_ACCESS_TOKEN", token)],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("rejected") && err.contains("invalid_token"),
        "{err}"
    );
    assert!(!err.contains("authorize first"), "{err}");
    assert!(!err.contains(token), "{err}");
}
