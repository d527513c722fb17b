//! `foxy request --dry-run`: the request as it would go on the wire.

use std::process::{Command, Output};

fn foxy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_foxy"))
        .args(args)
        .env_remove("FOXY_ACCESS_TOKEN")
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn get_with_every_query_option() {
    let out = foxy(&[
        "request",
        "--dry-run",
        "https://api.foxycart.com/stores/8/transactions",
        "--zoom",
        "items:item_options,customer",
        "--filter",
        "transaction_date=2015-01-01..2015-12-31",
        "--filter",
        "items:item_options:name=color",
        "--order",
        "transaction_date desc",
        "--limit",
        "300",
        "--offset",
        "600",
        "--fields",
        "id,total_order",
        "--format",
        "hal+xml",
        "--token",
        "very-secret",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        text,
        "GET /stores/8/transactions?zoom=items,items:item_options,customer\
         &transaction_date=2015-01-01..2015-12-31&items:item_options:name=color\
         &order=transaction_date%20desc&fields=id,total_order&limit=300&offset=600 HTTP/1.1\r\n\
         Host: api.foxycart.com\r\n\
         FOXY-API-VERSION: 1\r\n\
         Accept: application/hal+xml\r\n\
         User-Agent: foxy-rs/0.1.0\r\n\
         Authorization: Bearer ****\r\n\
         \r\n"
    );
    assert!(!text.contains("very-secret"));
}

#[test]
fn post_form_body() {
    let out = foxy(&[
        "request",
        "--dry-run",
        "--method",
        "post",
        "https://api.foxycart.com/stores/8/customers",
        "--data",
        r#"{"first_name":"Jo & Co","total":19.990}"#,
        "--body-format",
        "form",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("POST /stores/8/customers HTTP/1.1\r\n"));
    assert!(text.contains("Content-Type: application/x-www-form-urlencoded\r\n"));
    assert!(text.contains("Authorization: Bearer ****\r\n"));
    assert!(text.ends_with("\r\n\r\nfirst_name=Jo+%26+Co&total=19.990"));
}

#[test]
fn put_document_from_a_file_derives_the_zoom() {
    let dir = std::env::temp_dir().join(format!("foxy-cli-request-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("cart.json");
    std::fs::write(
        &file,
        r#"{"_links":{"self":{"href":"x"}},"_embedded":{"fx:items":[{"name":"a","date_created":"2020"}]},"language":null}"#,
    )
    .expect("write");
    let at_file = format!("@{}", file.display());
    let out = foxy(&[
        "request",
        "--dry-run",
        "-X",
        "PUT",
        "https://api.foxycart.com/carts/32",
        "--data",
        &at_file,
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("PUT /carts/32?zoom=items HTTP/1.1\r\n"),
        "{text}"
    );
    assert!(text.ends_with(r#"{"_embedded":{"fx:items":[{"name":"a"}]},"language":null}"#));
}

fn assert_input_error(args: &[&str], needle: &str) {
    let out = foxy(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn invalid_options_exit_2_with_one_line() {
    let url = "https://api.foxycart.com/stores/8/customers";
    assert_input_error(
        &["request", "--dry-run", url, "--limit", "301"],
        "limit must be between 1 and 300, got 301",
    );
    assert_input_error(
        &["request", "--dry-run", url, "--format", "yaml"],
        "unsupported media type",
    );
    assert_input_error(
        &["request", "--dry-run", url, "--format", "json"],
        "expected hal+json, hal+xml or siren",
    );
    assert_input_error(
        &["request", "--dry-run", url, "--filter", "nonsense"],
        "expected KEY=VALUE",
    );
    assert_input_error(
        &[
            "request",
            "--dry-run",
            "-X",
            "POST",
            url,
            "--data",
            "{",
            "--body-format",
            "json",
        ],
        "--data is not JSON",
    );
    assert_input_error(
        &[
            "request",
            "--dry-run",
            "-X",
            "POST",
            url,
            "--data",
            "{}",
            "--body-format",
            "yaml",
        ],
        "unknown body format",
    );
    assert_input_error(&["request", "--dry-run", "carts"], "invalid URI");
}
