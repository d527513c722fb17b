//! `cargo xtask soak [--ops N] [--seed S]`: both the SDK's retry and
//! charge rules under a sandbox whose faults hit over a fifth of the
//! requests, with 16 concurrent clients (the run itself is the `soak`
//! binary of the integration-test crate: `tests/src/bin/soak.rs`; figures
//! of a long run in docs/RELIABILITY.md). `ci` runs [`CI_ARGS`].

use crate::cargo;

/// The short run of `cargo xtask ci` (about 30 s on 2 cores).
pub const CI_ARGS: [&str; 2] = ["--ops", "1500"];

/// Builds and runs the soak binary with `args` (default: 10,000 calls).
pub fn run(args: &[String]) -> Result<(), String> {
    let mut command = vec![
        "run",
        "--locked",
        "-q",
        "-p",
        "foxy-integration-tests",
        "--bin",
        "soak",
        "--",
    ];
    command.extend(args.iter().map(String::as_str));
    cargo(&command)
}
