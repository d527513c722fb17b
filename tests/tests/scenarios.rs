//! The behaviour suite (`tests/scenarios/*.json`, format in its README) run
//! by the Rust blocking client: every file, in name order, against a fresh
//! in-process sandbox. Prints `scenarios: N passed` on stderr.

#[path = "scenario/mod.rs"]
mod scenario;

use std::io::Write as _;

/// Writes `line` to stderr past the test harness's capture (which takes
/// `eprintln!` too), so CI logs show it.
fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[test]
fn every_scenario_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = match scenario::files(&dir) {
        Ok(files) => files,
        Err(e) => panic!("cannot list {}: {e}", dir.display()),
    };
    // `SCENARIO_FILTER=19-` runs the files whose name contains it.
    let filter = std::env::var("SCENARIO_FILTER").ok();
    let files: Vec<_> = files
        .into_iter()
        .filter(|f| {
            filter
                .as_ref()
                .is_none_or(|w| f.to_string_lossy().contains(w.as_str()))
        })
        .collect();
    let mut failures = Vec::new();
    for file in &files {
        if let Err(failure) = scenario::run_file(file) {
            failures.push(failure);
        }
    }
    let passed = files.len() - failures.len();
    if !failures.is_empty() {
        report(&format!(
            "scenarios: {passed} passed, {} failed",
            failures.len()
        ));
        panic!("failing scenarios:\n{}", failures.join("\n"));
    }
    assert!(
        filter.is_some() || files.len() >= 30,
        "only {} scenario files",
        files.len()
    );
    report(&format!("scenarios: {passed} passed"));
}
