//! `cargo xtask sdk-js`: Foxy's official TypeScript SDK (`@foxy.io/sdk`,
//! pinned in `tests/foxy-sdk-js/package-lock.json`) run unchanged against
//! the `foxy-sandbox` binary by `node --test tests/foxy-sdk-js/test/sdk.test.js`.

use std::process::Command;

use crate::{cargo, root, run};

/// Builds the sandbox binary, installs the SDK from the lockfile and runs the suite.
pub fn ci() -> Result<(), String> {
    cargo(&[
        "build",
        "--locked",
        "-q",
        "-p",
        "foxy-sandbox",
        "--bin",
        "foxy-sandbox",
    ])?;
    run(
        "npm",
        &[
            "ci",
            "--prefix",
            "tests/foxy-sdk-js",
            "--no-audit",
            "--no-fund",
        ],
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root().join("target"), std::path::PathBuf::from);
    let bin = target.join("debug/foxy-sandbox");
    eprintln!("xtask: $ node --test tests/foxy-sdk-js/test/sdk.test.js");
    let status = Command::new("node")
        .args([
            "--test",
            "--test-timeout=60000",
            "tests/foxy-sdk-js/test/sdk.test.js",
        ])
        .env("FOXY_SANDBOX_BIN", &bin)
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start node: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the @foxy.io/sdk suite failed ({status})"))
    }
}
