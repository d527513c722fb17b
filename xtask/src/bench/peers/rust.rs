//! The Rust rows of the peers table: the blocking client next to a bare
//! ureq call with the same parse, and a walk of every cart with and without
//! the page fetched ahead. Each sample is one run of the release example
//! `crates/foxy/examples/peers.rs` (one variant, one JSON line), against the
//! sandbox the table shares.

use std::process::Command;

use super::{Context, Options, Results, Sample, cell, median, member, number, output, ratio};
use crate::{cargo, root};

/// The release example that measures one Rust variant per run.
const EXAMPLE: &str = "target/release/examples/peers";

/// The Rust variants, as `peers.rs` lists them.
pub(super) const VARIANTS: [&str; 4] = [
    "rust:foxy-get",
    "rust:ureq-get",
    "rust:foxy-walk",
    "rust:foxy-sequential-walk",
];

/// Builds the example (when asked to build, or when it is missing).
pub(super) fn prepare(o: &Options) -> Result<(), String> {
    if o.build || !root().join(EXAMPLE).is_file() {
        cargo(&["build", "--release", "-p", "foxy", "--example", "peers"])?;
    }
    Ok(())
}

/// One sample of `variant` (`foxy-get`, `ureq-get`, `foxy-walk`,
/// `foxy-sequential-walk`): µs per call or seconds per walk, with the
/// walk's peak heap growth in MiB as the extra figure.
pub(super) fn measure(cx: &Context<'_>, variant: &str) -> Sample {
    let Some(text) = output(
        Command::new(root().join(EXAMPLE))
            .arg(variant)
            .args(["--base", &cx.sb.base])
            .args(["--client-id", &cx.sb.client_id])
            .args(["--client-secret", &cx.sb.client_secret])
            .args(["--refresh-token", &cx.sb.refresh_token])
            .args(["--cart", &cx.cart])
            .args(["--calls", &cx.calls.to_string()]),
    ) else {
        return Sample::default();
    };
    let walk = variant.ends_with("-walk");
    if walk && member(&text, "count") != Some(cx.total.clone()) {
        eprintln!(
            "xtask: rust:{variant} read {} carts of {}",
            member(&text, "count").unwrap_or_default(),
            cx.total
        );
    }
    Sample {
        value: number(&text, if walk { "seconds" } else { "us_per_call" }),
        extra: number(&text, "peak_heap_mib"),
    }
}

/// The Rust rows, in the main table's columns.
pub(super) fn rows(r: &Results) -> String {
    let us = |x: f64| format!("{x:.0}");
    let s = |x: f64| format!("{x:.2}");
    let mib = |x: f64| format!("{x:.1}");
    let mut t = String::new();
    t.push_str(&format!(
        "| Rust blocking GET, µs | {} | bare ureq + same parse {} | {} | at most 1.05 |\n",
        cell(r, "rust:foxy-get", false, &us),
        cell(r, "rust:ureq-get", false, &us),
        ratio(r, "rust:foxy-get", "rust:ureq-get"),
    ));
    t.push_str(&format!(
        "| Rust walk of every cart (one page ahead), s | {} | paged by hand, no prefetch {} | {} | at most 0.62 (1.6x faster) |\n",
        cell(r, "rust:foxy-walk", false, &s),
        cell(r, "rust:foxy-sequential-walk", false, &s),
        ratio(r, "rust:foxy-walk", "rust:foxy-sequential-walk"),
    ));
    let heap = match (
        median(r, "rust:foxy-walk", true),
        median(r, "rust:foxy-sequential-walk", true),
    ) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "n/a".to_owned(),
    };
    t.push_str(&format!(
        "| Rust walk, peak heap growth MiB | {} | {} | {heap} | the same (constant) |\n",
        cell(r, "rust:foxy-walk", true, &mib),
        cell(r, "rust:foxy-sequential-walk", true, &mib),
    ));
    t
}
