//! `foxy legacy` against the sandbox, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::process::{Command, Output};

fn foxy(args: &[&str], secret: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_foxy"));
    command
        .arg("legacy")
        .args(args)
        .env_remove("FOXY_STORE_SECRET")
        .env_remove("FOXY_STORE_URL");
    if let Some(secret) = secret {
        command.env("FOXY_STORE_SECRET", secret);
    }
    command.output().expect("foxy runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

#[test]
fn legacy_calls_print_answers_and_set_the_exit_status() {
    let sb = foxy_sandbox::Sandbox::start_background(foxy_sandbox::Config::default()).unwrap();
    let secret = sb.credentials().store_secret.clone();
    let url = sb.base_url();

    let out = foxy(
        &[
            "customer_get",
            "customer_email=grace.hopper@sandbox.test",
            "--url",
            url,
        ],
        Some(&secret),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("<customer_first_name>Grace</customer_first_name>"));

    let out = foxy(
        &[
            "customer_list",
            "--summary",
            "--url",
            url,
            "--token",
            &secret,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("total_customers: 3"),
        "{}",
        text(&out.stdout)
    );

    let out = foxy(
        &["customer_get", "customer_id=999999", "--url", url],
        Some(&secret),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("<result>ERROR</result>"));

    let out = foxy(&["category_list", "--url", url], Some("wrong"));
    assert_eq!(out.status.code(), Some(1));

    for bad in [
        vec!["drop_tables", "--url", url],
        vec!["customer_get", "oops", "--url", url],
    ] {
        let out = foxy(&bad, Some(&secret));
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", text(&out.stderr));
    }
    let out = foxy(&["category_list", "--url", "not a url"], Some(&secret));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
