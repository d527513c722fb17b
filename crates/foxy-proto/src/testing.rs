//! Test support (feature `test-util`): locating the shared conformance corpus.
//!
//! Tests read Foxy's published documents from `FOXY_CONFORMANCE_DIR`, or from
//! `../shared/conformance` beside the checkout. Outside CI a missing corpus
//! skips those tests with a message; under `CI=true` it fails them.

use std::path::{Path, PathBuf};

/// The conformance corpus folder, or `None` (after printing why) when it is
/// absent outside CI.
///
/// # Panics
/// Under `CI=true` when the corpus cannot be found: CI must never skip it.
pub fn conformance_dir() -> Option<PathBuf> {
    let found = std::env::var_os("FOXY_CONFORMANCE_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            // Walk up from the crate being tested to find `../shared/conformance`
            // beside the workspace root.
            let start = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from)?;
            start
                .ancestors()
                .map(|dir| dir.join("shared").join("conformance"))
                .find(|candidate| candidate.is_dir())
        })
        .filter(|dir| dir.is_dir());
    if found.is_none() {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !in_ci,
            "conformance corpus not found: set FOXY_CONFORMANCE_DIR or place ../shared/conformance beside the checkout"
        );
        eprintln!(
            "skipping: conformance corpus not found (set FOXY_CONFORMANCE_DIR or place ../shared/conformance beside the checkout)"
        );
    }
    found
}

/// Every file under `dir` (recursively) whose name ends with one of `extensions`, sorted.
pub fn files_with_extensions(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| extensions.iter().any(|ext| n.ends_with(ext)))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
