//! `cargo xtask python`: build the Python binding the way users install it
//! (`pip install ./bindings/python`, maturin as the PEP 517 backend) into a
//! fresh virtual environment under `target/`, check that the committed
//! `.pyi` stubs describe the built module (and type a sample program under
//! `mypy --strict`), and run the pytest suite against the embedded sandbox.
//!
//! The wheel is built with cargo's `dev` profile (`maturin.build-args`), which
//! reuses the workspace's debug artifacts: a few seconds after a workspace
//! build instead of a release build of every dependency.

use std::fs;
use std::time::Instant;

use crate::{root, run};

/// The virtual environment, recreated on every run.
const VENV: &str = "target/python-ci-venv";

/// Builds the binding and runs its tests, as CI does.
pub fn ci() -> Result<(), String> {
    let venv = root().join(VENV);
    if venv.exists() {
        fs::remove_dir_all(&venv).map_err(|e| format!("cannot remove {VENV}: {e}"))?;
    }
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    run(&python, &["-m", "venv", VENV])?;
    let bin = venv.join("bin");
    let pip = bin.join("pip");
    let venv_python = bin.join("python");
    let (pip, venv_python) = (
        pip.to_str().ok_or("the venv path is not UTF-8")?,
        venv_python.to_str().ok_or("the venv path is not UTF-8")?,
    );

    let started = Instant::now();
    run(
        pip,
        &[
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--config-settings=maturin.build-args=--profile dev",
            "./bindings/python",
            "pytest>=8",
            "pytest-asyncio>=0.24",
            "mypy>=1.10",
            // foxy.fastapi's tests: its extra, the test client and a server.
            "fastapi==0.165.0",
            "starlette==1.10.0",
            "httpx==0.29.0",
            "uvicorn==0.55.0",
        ],
    )?;
    eprintln!(
        "xtask: pip install ./bindings/python took {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // A stub that no longer matches the module fails here, and the stubs
    // must type a typical program under `mypy --strict`.
    run(venv_python, &["bindings/python/scripts/check_stubs.py"])?;
    run(
        venv_python,
        &[
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "bindings/python/tests/typing_usage.py",
        ],
    )?;
    // The `foxy listen` end-to-end test runs the workspace's `foxy` binary
    // (target/debug/foxy; up to date after the Rust tests, so this is quick).
    run("cargo", &["build", "--locked", "-p", "foxy-cli"])?;
    run(
        venv_python,
        &[
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "bindings/python/tests",
        ],
    )
}
