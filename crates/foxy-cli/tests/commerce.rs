//! `foxy sign`, `foxy webhook` and `foxy datafeed`, run as a user would.

mod common;

use std::process::{Command, Output};

fn foxy(args: &[&str], stdin: &[u8]) -> Output {
    common::output_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_foxy"))
            .args(args)
            .env_remove("FOXY_STORE_SECRET")
            .env_remove("FOXY_WEBHOOK_KEY"),
        stdin,
    )
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8")
}

const URL_IN: &str = "http://mockdomain.foxycart.com/cart/?code=mycode&name=testname&price=123.00&other atribute=Some Other Thing";
const URL_OUT: &str = "http://mockdomain.foxycart.com/cart/?code||43f429e41303929871266b879a880efce32b35bda757e70f527bc5c8e1353c0a=mycode&name||07f23df6159ba32f01de36db07bf998d7661bda812a7c0d597cfacdefe0f0064=testname&price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66=123.00&other_atribute||98700cf679c5d7394e3e33b883f18683664b4843707f916a0739ba1c9adeabab=Some+Other+Thing";
const WEBHOOK_SIG: &str = "055c620a2d1e459b9c4ed676146a6cce9d2ec2e7caf3dba64608c30c4477f532";
const FOXYDATA: &str = "%9C%D8%BC%D9%7F%D3%22l%2AN%EC%A9%97%CC%85%9Cc%D3%06%D4%B5%2B%AF%DA%B3H%A9h%C9s%E4%BBk%24%8B%B2%F1%21%EF%299%07%91%B3_q%BD%90v%AFN%01%9F%A7%D8%23SM%17uK%8D.%D3Sb%5E%B7%13%A6%BAq~o%A5V%CAe%8B%E6.%87%3F%D3%E7%F9%89%F5";
const FOXYDATA_XML: &str =
    "<?xml version='1.0' encoding='UTF-8'?><foxydata><transactions></transactions></foxydata>";

#[test]
fn sign_url_prints_the_signed_link() {
    let out = foxy(&["sign", "url", "--secret", "1", URL_IN], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{URL_OUT}\n"));
}

#[test]
fn sign_url_without_code_is_bad_input() {
    let out = foxy(
        &["sign", "url", "--secret", "my-secret", "/cart?name=x"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "foxy: product 1 has fields to sign but no code\n"
    );
}

#[test]
fn sign_verify_reports_tampering() {
    let ok = foxy(&["sign", "verify", "--secret", "1", URL_OUT], b"");
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let tampered = URL_OUT.replace("=123.00", "=1.00");
    let bad = foxy(&["sign", "verify", "--secret", "1", &tampered], b"");
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(stderr(&bad), "foxy: invalid signature: price (mismatch)\n");
}

#[test]
fn sign_html_reads_stdin_or_a_file() {
    let html = "<p>hi</p><form action=\"/cart\"><input type=\"hidden\" name=\"code\" value=\"mycode\"></form>\n";
    let expected = "<p>hi</p><form action=\"/cart\"><input type=\"hidden\" name=\"code||43f429e41303929871266b879a880efce32b35bda757e70f527bc5c8e1353c0a\" value=\"mycode\"></form>\n";
    let out = foxy(&["sign", "html", "--secret", "1"], html.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected);

    let dir = tempdir();
    let path = dir.join("page.html");
    std::fs::write(&path, html).expect("writes");
    let out = foxy(
        &[
            "sign",
            "html",
            "--secret",
            "1",
            path.to_str().expect("utf-8 path"),
        ],
        b"",
    );
    assert_eq!(stdout(&out), expected);
    let missing = foxy(
        &["sign", "html", "--secret", "1", "/nonexistent/page.html"],
        b"",
    );
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn webhook_verify_exit_codes() {
    let key = "is definitely right";
    let body = b"this, on the other hand";
    let ok = foxy(
        &[
            "webhook",
            "verify",
            "--key",
            key,
            "--signature",
            WEBHOOK_SIG,
        ],
        body,
    );
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let altered = foxy(
        &[
            "webhook",
            "verify",
            "--key",
            key,
            "--signature",
            WEBHOOK_SIG,
        ],
        b"this, on the other hand!",
    );
    assert_eq!(altered.status.code(), Some(1));
    assert_eq!(
        stderr(&altered),
        "foxy: signature does not match the body\n"
    );
    let bad_hex = foxy(
        &["webhook", "verify", "--key", key, "--signature", "not-hex"],
        body,
    );
    assert_eq!(
        bad_hex.status.code(),
        Some(1),
        "a malformed signature is not valid"
    );
    assert!(!stderr(&bad_hex).contains(key));
    let missing_flag = foxy(&["webhook", "verify", "--key", key], body);
    assert_eq!(missing_flag.status.code(), Some(2));

    let dir = tempdir();
    let path = dir.join("body.json");
    std::fs::write(&path, body).expect("writes");
    let from_file = foxy(
        &[
            "webhook",
            "verify",
            "--key",
            key,
            "--signature",
            WEBHOOK_SIG,
            path.to_str().expect("path"),
        ],
        b"",
    );
    assert_eq!(from_file.status.code(), Some(0));
    let signed = foxy(&["webhook", "sign", "--key", key], body);
    assert_eq!(stdout(&signed), format!("{WEBHOOK_SIG}\n"));
}

#[test]
fn datafeed_decrypt_accepts_a_value_or_a_body() {
    for input in [
        FOXYDATA.to_owned(),
        format!("{FOXYDATA}\n"),
        format!("FoxyData={FOXYDATA}"),
    ] {
        let out = foxy(
            &["datafeed", "decrypt", "--key", "my-store-secret"],
            input.as_bytes(),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out), format!("{FOXYDATA_XML}\n"));
    }
    let encrypted = foxy(
        &["datafeed", "encrypt", "--key", "my-store-secret"],
        FOXYDATA_XML.as_bytes(),
    );
    assert_eq!(stdout(&encrypted), format!("{FOXYDATA}\n"));
}

#[test]
fn datafeed_decrypt_with_the_wrong_key_is_one_line_and_exit_2() {
    let out = foxy(
        &["datafeed", "decrypt", "--key", "wrong-key"],
        FOXYDATA.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("wrong datafeed key") && !err.contains("wrong-key"),
        "{err}"
    );
}

/// A fresh folder under the target directory (no extra dev-dependency).
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "foxy-cli-commerce-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("creates a temp dir");
    dir
}
