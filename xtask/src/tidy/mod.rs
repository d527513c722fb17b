//! `cargo xtask tidy`: the conventions `ARCHITECTURE.md` states, checked.
//!
//! - every `.rs` file under `crates/*/src` and `bindings/*/src` starts with
//!   a `//!` module doc, the files `.gitattributes` marks generated aside;
//! - each `## crates/NAME` section's `Modules` list names exactly the
//!   top-level modules of `crates/NAME/src/lib.rs`;
//! - no code line under `crates/NAME/src` names what the section's
//!   `Forbidden:` paragraph lists;
//! - every tracked file that starts with a tool's header (`@generated`,
//!   `do not edit`, ...) is marked `linguist-generated` in `.gitattributes`.
//!
//! Each failure says what to change.

mod arch;
mod attrs;
mod scan;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use attrs::Generated;

/// Runs every check on the workspace; fails with the list of problems.
pub fn run() -> Result<(), String> {
    let root = crate::root();
    let problems = check(&root, &tracked_files(&root)?)?;
    if problems.is_empty() {
        eprintln!("xtask: tidy: module docs, ARCHITECTURE.md lists and generated files agree");
        return Ok(());
    }
    for problem in &problems {
        eprintln!("tidy: {problem}");
    }
    Err(format!("tidy found {} problem(s)", problems.len()))
}

/// The problems of the tree at `root`, whose tracked files are `tracked`.
fn check(root: &Path, tracked: &[String]) -> Result<Vec<String>, String> {
    let generated =
        Generated::parse(&fs::read_to_string(root.join(".gitattributes")).unwrap_or_default());
    let architecture = read(&root.join("ARCHITECTURE.md"))?;
    let mut problems = Vec::new();
    for file in rust_sources(root, &["crates", "bindings"])? {
        let rel = relative(root, &file);
        if generated.matches(&rel) {
            continue;
        }
        if !scan::has_module_doc(&read(&file)?) {
            problems.push(format!(
                "{rel}: no `//!` module doc: start the file with `//! <what this module is for>`"
            ));
        }
    }
    for section in arch::sections(&architecture) {
        let lib = root.join(&section.path).join("src/lib.rs");
        if section.modules.is_some() {
            match fs::read_to_string(&lib) {
                Ok(text) => problems.extend(arch::module_problems(
                    &section,
                    &arch::declared_modules(&text),
                )),
                Err(e) => problems.push(format!(
                    "ARCHITECTURE.md lists modules under `## {}`, but {} cannot be read: {e}",
                    section.path,
                    relative(root, &lib)
                )),
            }
        }
        if section.forbidden.is_empty() {
            continue;
        }
        for file in rust_sources(&root.join(&section.path), &["src"])? {
            let rel = relative(root, &file);
            if generated.matches(&rel) {
                continue;
            }
            for (line, name) in scan::forbidden_uses(&read(&file)?, &section.forbidden) {
                problems.push(format!(
                    "{rel}:{line}: uses `{name}`, which the `Forbidden:` paragraph under \
                     `## {}` in ARCHITECTURE.md rules out there: call the crate that owns it",
                    section.path
                ));
            }
        }
    }
    for path in tracked {
        // Binary and unreadable files have no header to read.
        let Ok(text) = fs::read_to_string(root.join(path)) else {
            continue;
        };
        if attrs::has_generated_header(&text) && !generated.matches(path) {
            problems.push(format!(
                "{path}: starts with a generated-file header, but .gitattributes does not mark it: \
                 add the line `{path} linguist-generated=true` there"
            ));
        }
    }
    Ok(problems)
}

/// The files git tracks under `root`, relative and `/`-separated.
fn tracked_files(root: &Path) -> Result<Vec<String>, String> {
    let output = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run git ls-files: {e}"))?;
    if !output.status.success() {
        return Err(format!("git ls-files failed ({})", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Every `.rs` file under `base/<top>/*/src` (for `crates`, `bindings`) or
/// `base/src` (for `src`), sorted.
fn rust_sources(base: &Path, tops: &[&str]) -> Result<Vec<PathBuf>, String> {
    let mut roots = Vec::new();
    for top in tops {
        if *top == "src" {
            roots.push(base.join("src"));
            continue;
        }
        let Ok(entries) = fs::read_dir(base.join(top)) else {
            continue;
        };
        for entry in entries.flatten() {
            roots.push(entry.path().join("src"));
        }
    }
    let mut files = Vec::new();
    while let Some(dir) = roots.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                roots.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `path` relative to `root`, `/`-separated.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch tree with `files` (path, text) under a fresh folder.
    fn tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("xtask-tidy-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (path, text) in files {
            let path = root.join(path);
            fs::create_dir_all(path.parent().expect("a parent")).expect("scratch folder");
            fs::write(path, text).expect("scratch file");
        }
        root
    }

    const ARCHITECTURE: &str = "## crates/core\n\nModules:\n- `alpha`: a\n- `gone`: b\n\n\
        ## crates/client\n\nForbidden: `quick_xml`\n";

    #[test]
    fn a_tree_with_every_kind_of_problem() {
        let root = tree(
            "problems",
            &[
                ("ARCHITECTURE.md", ARCHITECTURE),
                (
                    ".gitattributes",
                    "crates/core/src/generated.rs linguist-generated=true\n",
                ),
                (
                    "crates/core/src/lib.rs",
                    "//! Core.\npub mod alpha;\npub mod beta;\nmod generated;\n",
                ),
                ("crates/core/src/alpha.rs", "//! Alpha.\n"),
                ("crates/core/src/beta.rs", "// Beta, no module doc.\n"),
                ("crates/core/src/generated.rs", "// @generated\n"),
                (
                    "crates/client/src/lib.rs",
                    "//! Client.\nuse quick_xml::Reader;\n",
                ),
                ("bindings/py/src/lib.rs", "use pyo3;\n"),
                ("bindings/kotlin/src/main/Foxy.kt", "no rust here\n"),
                ("tool.js", "/* auto-generated by a tool */\n"),
            ],
        );
        let tracked = [
            "crates/core/src/generated.rs",
            "bindings/py/src/lib.rs",
            "tool.js",
        ]
        .map(str::to_owned);
        let problems = check(&root, &tracked);
        let _ = fs::remove_dir_all(&root);
        let problems = problems.expect("checked");
        let expected_starts = [
            "bindings/py/src/lib.rs: no `//!` module doc",
            "crates/core/src/beta.rs: no `//!` module doc",
            "crates/core/src/lib.rs declares module `beta`",
            "crates/core/src/lib.rs declares module `generated`",
            "ARCHITECTURE.md lists module `gone` under `## crates/core`",
            "crates/client/src/lib.rs:2: uses `quick_xml`",
            "tool.js: starts with a generated-file header, but .gitattributes does not mark it: \
             add the line `tool.js linguist-generated=true` there",
        ];
        assert_eq!(problems.len(), expected_starts.len(), "{problems:#?}");
        for (problem, start) in problems.iter().zip(expected_starts) {
            assert!(
                problem.starts_with(start),
                "{problem:?} should start with {start:?}"
            );
        }
    }

    #[test]
    fn a_tidy_tree_has_no_problems() {
        let root = tree(
            "clean",
            &[
                (
                    "ARCHITECTURE.md",
                    "## crates/core\n\nModules:\n- `alpha`: a\n",
                ),
                (
                    "crates/core/src/lib.rs",
                    "//! Core.\npub mod alpha;\n#[cfg(test)]\nmod tests;\n",
                ),
                ("crates/core/src/alpha.rs", "\n//! Alpha.\n"),
            ],
        );
        let problems = check(&root, &["crates/core/src/alpha.rs".to_owned()]);
        let _ = fs::remove_dir_all(&root);
        assert_eq!(problems, Ok(Vec::new()));
    }
}
