//! The behaviour suite (`tests/scenarios/*.json`, format in its README) run
//! by the Rust blocking client: every file, in name order, against a fresh
//! in-process sandbox. Prints `scenarios: N passed` on stderr.

#[path = "scenario/mod.rs"]
mod scenario;

#[test]
fn every_scenario_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = match scenario::files(&dir) {
        Ok(files) => files,
        Err(e) => panic!("cannot list {}: {e}", dir.display()),
    };
    let mut failures = Vec::new();
    for file in &files {
        if let Err(failure) = scenario::run_file(file) {
            failures.push(failure);
        }
    }
    let passed = files.len() - failures.len();
    if !failures.is_empty() {
        eprintln!("scenarios: {passed} passed, {} failed", failures.len());
        panic!("failing scenarios:\n{}", failures.join("\n"));
    }
    assert!(passed >= 30, "only {passed} scenarios");
    eprintln!("scenarios: {passed} passed");
}
