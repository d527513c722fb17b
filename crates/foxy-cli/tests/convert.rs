//! `foxy convert` end to end: the binary, its exit status and its one-line errors.

mod common;

use std::process::{Command, Output};

const CART: &str = r#"{"_links": {"self": {"href": "https://api.test/carts/32", "title": "This Cart"},
  "fx:store": {"href": "https://api.test/stores/8"}}, "total_order": 19.990, "date_modified": null}"#;

fn foxy(args: &[&str], stdin: &[u8]) -> Output {
    common::output_with_stdin(Command::new(env!("CARGO_BIN_EXE_foxy")).args(args), stdin)
}

fn stderr_line(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(text.lines().count(), 1, "one line on stderr: {text:?}");
    assert!(!text.contains("panicked"), "{text}");
    text
}

#[test]
fn converts_stdin_between_formats() {
    let out = foxy(
        &["convert", "--from", "hal+json", "--to", "hal+xml"],
        CART.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        xml.contains(r#"<resource href="https://api.test/carts/32">"#),
        "{xml}"
    );
    assert!(xml.contains("<total_order>19.990</total_order>"), "{xml}");
    assert!(xml.contains(
        r#"<link rel="https://api.foxycart.com/rels/store" href="https://api.test/stores/8"/>"#
    ));

    let back = foxy(
        &[
            "convert",
            "--from",
            "application/hal+xml",
            "--to",
            "application/vnd.siren+json",
        ],
        xml.as_bytes(),
    );
    assert!(
        back.status.success(),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    let siren = String::from_utf8(back.stdout).expect("utf-8");
    assert!(siren.contains(r#""total_order": "19.990""#), "{siren}");
    assert!(
        siren.contains(r#""https://api.foxycart.com/rels/store""#),
        "{siren}"
    );
}

#[test]
fn reads_a_file_argument() {
    let dir = std::env::temp_dir().join(format!("foxy-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("cart.json");
    std::fs::write(&path, CART).expect("write file");
    let out = foxy(
        &[
            "convert",
            "--from",
            "hal",
            "--to",
            "hal+json",
            path.to_str().expect("utf-8 path"),
        ],
        b"",
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    let json = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        json.contains(r#""fx:store": {"#) && json.contains(r#""total_order": 19.990"#),
        "{json}"
    );
}

#[test]
fn malformed_input_exits_2_with_one_line() {
    let out = foxy(
        &["convert", "--from", "hal+json", "--to", "siren"],
        b"{\n  \"a\": [1, 2\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_line(&out),
        "foxy: invalid hal+json input: unexpected end of input, expected ',' or ']' at line 3, column 1\n"
    );

    let out = foxy(
        &["convert", "--from", "hal+xml", "--to", "siren"],
        b"<resource><a>1</b></resource>",
    );
    assert_eq!(out.status.code(), Some(2));
    let line = stderr_line(&out);
    assert!(
        line.starts_with("foxy: invalid hal+xml input: malformed xml"),
        "{line}"
    );
    assert!(line.contains("line 1, column"), "{line}");

    let out = foxy(
        &["convert", "--from", "siren", "--to", "hal+json"],
        br#"{"links": [{"rel": ["self"]}]}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_line(&out),
        "foxy: invalid siren input: missing href at /links/0\n"
    );

    let out = foxy(&["convert", "--from", "hal+json", "--to", "siren"], b"\xff");
    assert_eq!(out.status.code(), Some(2));
    stderr_line(&out);
}

#[test]
fn unknown_format_exits_2() {
    let out = foxy(
        &["convert", "--from", "collection+json", "--to", "siren"],
        CART.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let line = stderr_line(&out);
    assert!(
        line.contains("--from: unsupported format \"collection+json\""),
        "{line}"
    );
    let out = foxy(
        &["convert", "--from", "hal+json", "--to", "form"],
        CART.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    stderr_line(&out);
}

#[test]
fn unwritable_output_exits_2() {
    let doc = r#"{"properties": {"bell": "\u0007"}}"#;
    let out = foxy(
        &["convert", "--from", "siren", "--to", "hal+xml"],
        doc.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_line(&out),
        "foxy: cannot write hal+xml: character U+0007 at /bell cannot be written in xml\n"
    );
}

#[test]
fn short_format_names_mean_the_hal_formats() {
    let long = foxy(
        &["convert", "--from", "hal+json", "--to", "hal+xml"],
        CART.as_bytes(),
    );
    let short = foxy(
        &["convert", "--from", "json", "--to", "xml"],
        CART.as_bytes(),
    );
    assert!(
        short.status.success(),
        "{}",
        String::from_utf8_lossy(&short.stderr)
    );
    assert_eq!(short.stdout, long.stdout);
    let back = foxy(&["convert", "--from", "XML", "--to", "json"], &short.stdout);
    let again = foxy(
        &["convert", "--from", "hal+xml", "--to", "hal+json"],
        &short.stdout,
    );
    assert!(
        back.status.success(),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    assert_eq!(back.stdout, again.stdout);
    let siren = foxy(
        &["convert", "--from", "json", "--to", "siren"],
        CART.as_bytes(),
    );
    assert!(siren.status.success());
    let out = foxy(
        &["convert", "--from", "yaml", "--to", "xml"],
        CART.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_line(&out).contains("expected hal+json (json), hal+xml (xml) or siren"));
}
