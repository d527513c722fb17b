//! `cargo xtask`: the project's automation, the same locally and in `.ci/run`.
//!
//! - `cargo xtask ci`: format check, clippy with `-D warnings`, every test,
//!   the examples and `foxy demo`, then the bindings, then a short fuzzing run.
//! - `cargo xtask bench [codecs|client]`: criterion benchmarks; `bench peers`: the SDK next to its
//!   peers in every language, one sandbox, interleaved rounds (`xtask/src/bench/peers.rs`).
//! - `cargo xtask python|node|uniffi`: build one binding and run its tests.
//! - `cargo xtask sdk-js`: Foxy's official TypeScript SDK against the sandbox.
//! - `cargo xtask bindings [swift|kotlin|python]`: regenerate the uniffi sources.
//! - `cargo xtask codegen [--check]`: regenerate (or check) the typed model from the description,
//!   and the bindings' typed classes and navigation (`codegen::bindings`).
//! - `cargo xtask fuzz [--seconds N] [--jobs J] [TARGET...]`: the fuzz targets.
//! - `cargo xtask soak [--ops N] [--seed S]`: 16 clients against a faulty sandbox.
//! - `cargo xtask tidy`: module docs, `ARCHITECTURE.md`'s module lists and
//!   forbidden names, generated-file marks (run by `ci` after the format check).

mod bench;
mod clean;
mod codegen;

mod fuzz;
mod node;
mod python;
mod readme;
mod sdk_js;
mod soak;
mod tidy;
mod uniffi;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("bench") if args.get(1).is_some_and(|a| a == "peers") => bench::peers::run(&args[2..]),
        Some("bench") => bench(args.get(1).map(String::as_str)),
        Some("python") => python::ci(),
        Some("node") => node::ci(),
        Some("sdk-js") => sdk_js::ci(),
        Some("readme") => readme::rust_quickstart(),
        Some("uniffi") => uniffi::ci(),
        Some("bindings") => uniffi::generate(&args[1..]),
        Some("codegen") => {
            codegen::run(&args[1..]).and_then(|()| codegen::bindings::run(&args[1..]))
        }
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("soak") => soak::run(&args[1..]),
        Some("tidy") => tidy::run(),
        _ => {
            eprintln!(
                "usage: cargo xtask ci | bench [codecs|client|peers] | python | node | sdk-js | uniffi | bindings [swift|kotlin|python] | codegen [--check] | fuzz [--seconds N] [--jobs J] [TARGET...] | soak [--ops N] [--seed S] | tidy"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's folder).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Runs a command in the workspace root, failing with its description.
pub(crate) fn run(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("xtask: $ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

pub(crate) fn cargo(args: &[&str]) -> Result<(), String> {
    run(env!("CARGO"), args)
}

/// Runs the Rust examples and the README's main job (`foxy demo`): each
/// starts its own sandbox on 127.0.0.1, so they need nothing else.
fn run_examples() -> Result<(), String> {
    for example in ["blocking", "asynchronous", "cassette", "catalog_admin"] {
        cargo(&["run", "--locked", "-q", "-p", "foxy", "--example", example])?;
    }
    cargo(&[
        "run",
        "--locked",
        "-q",
        "-p",
        "foxy",
        "--example",
        "overhead",
        "--",
        "50",
    ])?;
    cargo(&["run", "--locked", "-q", "--bin", "foxy", "--", "demo"])?;
    readme::rust_quickstart()
}

fn ci() -> Result<(), String> {
    let before = clean::status();
    cargo(&["fmt", "--all", "--check"])?;
    tidy::run()?;
    codegen::run(&["--check".to_owned()])?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ])?;
    cargo(&["test", "--workspace", "--locked"])?;
    run_examples()?;
    python::ci()?;
    node::ci()?;
    sdk_js::ci()?;
    uniffi::ci()?;
    fuzz::run(&fuzz::CI_ARGS.map(str::to_owned))?;
    soak::run(&soak::CI_ARGS.map(str::to_owned))?;
    clean::check(before.as_deref())
}

/// Runs the criterion benchmarks (release profile). `client` starts its own
/// sandboxes and prints a summary table at the end; `FOXY_BENCH_CARTS=N`
/// sets the size of its larger paging walk and `FOXY_BENCH_ONLY=memory|get`
/// runs one half (docs/PERFORMANCE.md, "Client").
fn bench(which: Option<&str>) -> Result<(), String> {
    match which {
        None => {
            bench(Some("codecs"))?;
            bench(Some("client"))
        }
        Some("codecs") => cargo(&["bench", "-p", "foxy-proto", "--bench", "codecs"]),
        Some("client") => cargo(&["bench", "-p", "foxy", "--bench", "client"]),
        Some(other) => Err(format!(
            "unknown benchmark {other:?}; expected codecs or client"
        )),
    }
}
