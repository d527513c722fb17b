//! Test support (feature `test-util`): locating the shared conformance corpus.
//!
//! Tests read Foxy's published documents from `FOXY_CONFORMANCE_DIR`, or from
//! `../shared/conformance` beside the checkout. Outside CI a missing corpus
//! skips those tests with a message; under `CI=true` it fails them.
//!
//! The rule itself is [`locate_corpus`], a pure function of the environment
//! values it is given, so it is tested without touching the process
//! environment; [`conformance_dir`] reads the environment and applies it.

use std::path::{Path, PathBuf};

/// The variable naming the corpus folder explicitly.
pub const CORPUS_VAR: &str = "FOXY_CONFORMANCE_DIR";

/// What [`locate_corpus`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusLocation {
    /// The corpus folder.
    Found(PathBuf),
    /// Not found, outside CI: the tests skip, printing this message.
    Skip(String),
    /// Not found, under CI: the tests fail with this message.
    Fail(String),
}

impl CorpusLocation {
    /// The folder; or `None` after printing why the tests skip.
    ///
    /// # Panics
    /// For [`CorpusLocation::Fail`], with its message.
    pub fn into_dir(self) -> Option<PathBuf> {
        match self {
            CorpusLocation::Found(dir) => Some(dir),
            CorpusLocation::Skip(message) => {
                // Once per test binary, straight to the process's standard
                // error: the test harness captures `eprintln!`, which would
                // hide the skip.
                static ONCE: std::sync::Once = std::sync::Once::new();
                ONCE.call_once(|| {
                    use std::io::Write as _;
                    let _ = writeln!(
                        std::io::stderr().lock(),
                        "skipping the conformance tests of this binary: {message}"
                    );
                });
                None
            }
            CorpusLocation::Fail(message) => panic!("{message}"),
        }
    }
}

/// Whether a `CI` value means "running in CI" (`true` or `1`). A value that
/// is not UTF-8 is passed as `None`.
pub fn is_ci(ci: Option<&str>) -> bool {
    ci.is_some_and(|v| v == "true" || v == "1")
}

/// The corpus-loading rule, given the values of `FOXY_CONFORMANCE_DIR`
/// (`explicit`), `CARGO_MANIFEST_DIR` (`manifest_dir`) and `CI` (`ci`).
///
/// `explicit`, when set, is the only place looked at: a missing folder there
/// is not replaced by the one beside the checkout. Otherwise the first
/// `shared/conformance` folder in an ancestor of `manifest_dir` is used.
/// When neither is a folder, the result is [`CorpusLocation::Skip`] outside
/// CI and [`CorpusLocation::Fail`] under `CI=true` (or `CI=1`).
pub fn locate_corpus(
    explicit: Option<&Path>,
    manifest_dir: Option<&Path>,
    ci: Option<&str>,
) -> CorpusLocation {
    let (found, looked) = match explicit {
        Some(dir) => (
            Some(dir.to_path_buf()).filter(|d| d.is_dir()),
            format!("{CORPUS_VAR}={} is not a directory", dir.display()),
        ),
        None => (
            manifest_dir.and_then(|start| {
                start
                    .ancestors()
                    .map(|dir| dir.join("shared").join("conformance"))
                    .find(|candidate| candidate.is_dir())
            }),
            match manifest_dir {
                Some(start) => format!(
                    "{CORPUS_VAR} is unset and no shared/conformance folder is in an ancestor of {}",
                    start.display()
                ),
                None => format!("{CORPUS_VAR} and CARGO_MANIFEST_DIR are unset"),
            },
        ),
    };
    match found {
        Some(dir) => CorpusLocation::Found(dir),
        None if is_ci(ci) => CorpusLocation::Fail(format!(
            "conformance corpus not found ({looked}); under CI=true it must not be skipped: \
             set {CORPUS_VAR} or place ../shared/conformance beside the checkout"
        )),
        None => CorpusLocation::Skip(format!(
            "conformance corpus not found ({looked}); \
             set {CORPUS_VAR} or place ../shared/conformance beside the checkout"
        )),
    }
}

/// The conformance corpus folder, or `None` (after printing why) when it is
/// absent outside CI.
///
/// # Panics
/// Under `CI=true` when the corpus cannot be found: CI must never skip it.
pub fn conformance_dir() -> Option<PathBuf> {
    let explicit = std::env::var_os(CORPUS_VAR);
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR");
    let ci = std::env::var("CI").ok();
    locate_corpus(
        explicit.as_deref().map(Path::new),
        manifest_dir.as_deref().map(Path::new),
        ci.as_deref(),
    )
    .into_dir()
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

#[cfg(test)]
mod tests {
    //! The rule is tested through [`locate_corpus`] with the environment
    //! values as arguments: no test reads or changes the process environment.

    use super::*;

    /// A folder that exists: this crate's sources.
    fn existing() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    }

    /// A folder that does not exist.
    fn missing() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-conformance-corpus")
    }

    /// A scratch tree `<tmp>/<name>/{shared/conformance, ws/crates/c}`,
    /// removed on drop.
    struct Tree(PathBuf);

    impl Tree {
        fn new(name: &str, with_corpus: bool) -> Tree {
            let root = std::env::temp_dir()
                .join(format!("foxy-proto-testing-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir_all(root.join("ws/crates/c")).expect("scratch tree");
            if with_corpus {
                std::fs::create_dir_all(root.join("shared/conformance")).expect("scratch corpus");
            }
            Tree(root)
        }

        fn crate_dir(&self) -> PathBuf {
            self.0.join("ws/crates/c")
        }

        fn corpus(&self) -> PathBuf {
            self.0.join("shared/conformance")
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const CI: Option<&str> = Some("true");

    #[test]
    fn ci_values() {
        assert!(is_ci(Some("true")));
        assert!(is_ci(Some("1")));
        assert!(!is_ci(None));
        assert!(!is_ci(Some("")));
        assert!(!is_ci(Some("false")));
        assert!(!is_ci(Some("0")));
    }

    #[test]
    fn an_explicit_folder_is_found() {
        for ci in [None, CI] {
            assert_eq!(
                locate_corpus(Some(&existing()), None, ci),
                CorpusLocation::Found(existing())
            );
        }
    }

    #[test]
    fn a_missing_explicit_folder_skips_outside_ci() {
        for ci in [None, Some("false"), Some("")] {
            let CorpusLocation::Skip(message) = locate_corpus(Some(&missing()), None, ci) else {
                panic!("expected a skip for CI={ci:?}");
            };
            assert!(message.contains("FOXY_CONFORMANCE_DIR="), "{message}");
            assert!(message.contains("no-such-conformance-corpus"), "{message}");
            assert!(message.contains("is not a directory"), "{message}");
        }
    }

    #[test]
    fn a_missing_explicit_folder_fails_under_ci() {
        for ci in [CI, Some("1")] {
            let CorpusLocation::Fail(message) = locate_corpus(Some(&missing()), None, ci) else {
                panic!("expected a failure for CI={ci:?}");
            };
            assert!(
                message.starts_with("conformance corpus not found"),
                "{message}"
            );
            assert!(message.contains("no-such-conformance-corpus"), "{message}");
            assert!(message.contains("must not be skipped"), "{message}");
        }
    }

    #[test]
    #[should_panic(expected = "conformance corpus not found (FOXY_CONFORMANCE_DIR=")]
    fn a_failure_panics_with_its_message() {
        let _ = locate_corpus(Some(&missing()), None, CI).into_dir();
    }

    #[test]
    fn a_skip_is_none_and_found_is_the_folder() {
        assert_eq!(locate_corpus(Some(&missing()), None, None).into_dir(), None);
        assert_eq!(
            locate_corpus(Some(&existing()), None, CI).into_dir(),
            Some(existing())
        );
    }

    #[test]
    fn the_folder_beside_the_checkout_is_found_from_the_crate() {
        let tree = Tree::new("beside", true);
        assert_eq!(
            locate_corpus(None, Some(&tree.crate_dir()), CI),
            CorpusLocation::Found(tree.corpus())
        );
    }

    #[test]
    fn an_explicit_missing_folder_does_not_fall_back_to_the_checkout() {
        let tree = Tree::new("explicit-wins", true);
        assert!(matches!(
            locate_corpus(Some(&missing()), Some(&tree.crate_dir()), CI),
            CorpusLocation::Fail(_)
        ));
        assert!(matches!(
            locate_corpus(Some(&missing()), Some(&tree.crate_dir()), None),
            CorpusLocation::Skip(_)
        ));
    }

    #[test]
    fn no_folder_beside_the_checkout_skips_or_fails() {
        let tree = Tree::new("absent", false);
        let CorpusLocation::Skip(message) = locate_corpus(None, Some(&tree.crate_dir()), None)
        else {
            panic!("expected a skip");
        };
        assert!(
            message.contains("no shared/conformance folder"),
            "{message}"
        );
        let CorpusLocation::Fail(message) = locate_corpus(None, Some(&tree.crate_dir()), CI) else {
            panic!("expected a failure");
        };
        assert!(message.contains("must not be skipped"), "{message}");
        assert!(matches!(
            locate_corpus(None, None, CI),
            CorpusLocation::Fail(m) if m.contains("CARGO_MANIFEST_DIR")
        ));
    }
}
