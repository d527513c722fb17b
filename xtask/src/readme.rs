//! Samples of the docs run as a newcomer runs them, against a `foxy-sandbox`
//! on a free port (`FOXY_BASE_URL` points them there):
//!
//! - the README's Rust quick start: its ```` ```rust,no_run ```` block saved
//!   as `crates/foxy/examples/readme-quickstart.rs` (ignored by git and
//!   removed once built; the README tells the reader to save it as
//!   `quickstart.rs`);
//! - docs/MOBILE.md's Kotlin program, compiled against the jar of the uniffi
//!   Kotlin tests (called from `uniffi::ci`).

use std::fs;
use std::process::Command;

use crate::uniffi::{SandboxProcess, fenced_block};
use crate::{cargo, root, run};

/// The target directory (`CARGO_TARGET_DIR`, else `target/`).
fn target_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), Into::into)
}

/// Runs `command` with `FOXY_BASE_URL` set to a fresh sandbox; its standard
/// output when it exits 0.
fn against_sandbox(mut command: Command, what: &str) -> Result<String, String> {
    let sandbox = SandboxProcess::start()?;
    eprintln!("xtask: {what} against {}", sandbox.base_url);
    let out = command
        .env("FOXY_BASE_URL", &sandbox.base_url)
        .current_dir(root())
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    drop(sandbox);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "{what} failed ({}):\n{stdout}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Builds and runs the README's Rust quick start; checks what it prints.
pub fn rust_quickstart() -> Result<(), String> {
    let readme = fs::read_to_string(root().join("README.md"))
        .map_err(|e| format!("cannot read README.md: {e}"))?;
    let code =
        fenced_block(&readme, "rust,no_run").ok_or("README.md has no ```rust,no_run block")?;
    let example = root().join("crates/foxy/examples/readme-quickstart.rs");
    fs::write(&example, code).map_err(|e| format!("cannot write {}: {e}", example.display()))?;
    let sandbox_bin = [
        "build",
        "--locked",
        "-q",
        "-p",
        "foxy-sandbox",
        "--bin",
        "foxy-sandbox",
    ];
    let quickstart = [
        "build",
        "--locked",
        "-q",
        "-p",
        "foxy",
        "--example",
        "readme-quickstart",
    ];
    let built = cargo(&sandbox_bin).and_then(|()| cargo(&quickstart));
    // Gone again at once: clippy and later builds must not see it.
    let _ = fs::remove_file(&example);
    built?;

    let binary = target_dir().join("debug/examples/readme-quickstart");
    let text = against_sandbox(Command::new(binary), "the README's Rust quick start")?;
    let lines: Vec<&str> = text.lines().collect();
    let ok = lines.first() == Some(&"store: Sandbox Store")
        && lines
            .get(1)
            .is_some_and(|l| l.contains("/carts/") && l.ends_with("total 20"))
        && lines.iter().skip(2).any(|l| l.contains("/carts/"));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the README's Rust quick start printed:\n{text}expected the store, the new cart \
             with total 20, then the carts"
        ))
    }
}

/// Compiles docs/MOBILE.md's first ```` ```kotlin ```` block (a whole
/// program) against `jar` (the generated bindings) and runs it; it must
/// print the cart's exact total, 20.5, then the transaction's display id.
pub fn kotlin_mobile_sample(kotlinc: &str, jar: &str, runtime: &[&str]) -> Result<(), String> {
    let doc = fs::read_to_string(root().join("docs/MOBILE.md"))
        .map_err(|e| format!("cannot read docs/MOBILE.md: {e}"))?;
    let code = fenced_block(&doc, "kotlin").ok_or("docs/MOBILE.md has no ```kotlin block")?;
    let dir = target_dir().join("uniffi/mobile");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let source = dir.join("Checkout.kt");
    fs::write(&source, code).map_err(|e| format!("cannot write {}: {e}", source.display()))?;
    let out_jar = dir.join("checkout.jar").to_string_lossy().into_owned();
    let jna = "/usr/share/java/jna.jar";
    let compile_path = std::iter::once(jar)
        .chain([jna])
        .chain(runtime.iter().copied())
        .collect::<Vec<_>>()
        .join(":");
    run(
        kotlinc,
        &[
            &source.to_string_lossy(),
            "-nowarn",
            "-cp",
            &compile_path,
            "-d",
            &out_jar,
        ],
    )?;
    let mut java = Command::new("java");
    java.args([
        "-Djna.library.path=target/debug",
        "-cp",
        &format!("{out_jar}:{compile_path}"),
        "CheckoutKt",
    ]);
    let text = against_sandbox(java, "docs/MOBILE.md's Kotlin program")?;
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    match lines.as_slice() {
        [total, display_id] if *total == "20.5" && display_id.parse::<u64>().is_ok() => Ok(()),
        _ => Err(format!(
            "docs/MOBILE.md's Kotlin program printed {lines:?}, expected 20.5 and a display id"
        )),
    }
}
