//! The README's Rust quick start runs as a newcomer runs it: the
//! ```` ```rust ```` block is saved as `crates/foxy/examples/readme-quickstart.rs`
//! (ignored by git and removed once built; the README tells the reader to save it as
//! `quickstart.rs`) and run with `FOXY_BASE_URL` pointing at a
//! `foxy-sandbox` on a free port.

use std::fs;
use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

use crate::{cargo, root};

/// The first block of `markdown` opened with ```` ```INFO ````.
fn fenced(markdown: &str, info: &str) -> Option<String> {
    let open = format!("```{info}\n");
    let start = markdown.find(&open)? + open.len();
    let end = markdown[start..].find("```")? + start;
    Some(markdown[start..end].to_owned())
}

/// Builds and runs the quick start against a fresh sandbox; checks what it prints.
pub fn rust_quickstart() -> Result<(), String> {
    let readme = fs::read_to_string(root().join("README.md"))
        .map_err(|e| format!("cannot read README.md: {e}"))?;
    let code = fenced(&readme, "rust,no_run").ok_or("README.md has no ```rust,no_run block")?;
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

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root().join("target"), std::path::PathBuf::from);
    let mut sandbox = Command::new(target.join("debug/foxy-sandbox"))
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start foxy-sandbox: {e}"))?;
    let mut banner = String::new();
    if let Some(out) = sandbox.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut banner);
    }
    let result = banner
        .trim()
        .strip_prefix("foxy-sandbox listening on ")
        .ok_or_else(|| format!("unexpected sandbox banner {banner:?}"))
        .and_then(|url| {
            eprintln!("xtask: README Rust quick start against {url}");
            Command::new(target.join("debug/examples/readme-quickstart"))
                .env("FOXY_BASE_URL", format!("{url}/"))
                .output()
                .map_err(|e| format!("cannot run the quick start: {e}"))
        });
    let _ = sandbox.kill();
    let _ = sandbox.wait();
    let out = result?;
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let ok = out.status.success()
        && lines.first() == Some(&"store: Sandbox Store")
        && lines
            .get(1)
            .is_some_and(|l| l.contains("/carts/") && l.ends_with("total 20"))
        && lines.iter().skip(2).any(|l| l.contains("/carts/"));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the README's Rust quick start ({}) printed:\n{text}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}
