//! `cargo xtask uniffi` and `cargo xtask bindings`: the Swift/Kotlin binding (uniffi).
//!
//! - `generate`: builds `foxy-ffi` and the pinned `uniffi-bindgen`, then
//!   writes the generated sources in library mode from
//!   `target/debug/libfoxy_ffi.so`: Swift into `bindings/swift/Sources`
//!   (committed), Kotlin into `bindings/kotlin/src/main/kotlin` (committed),
//!   Python into `target/uniffi/python` (tests only, with the library beside it).
//! - `ci`: the same build, a freshness check of the committed Swift and
//!   Kotlin, then the Python-through-uniffi tests and the Kotlin tests, both
//!   against the `foxy-sandbox` binary over 127.0.0.1. The Kotlin compiler
//!   is the npm package `kotlin-compiler`, installed into `target/kotlin`
//!   when missing; JNA is Debian's `libjna-java` (`/usr/share/java/jna.jar`).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::{cargo, root, run};

/// The npm package and version of the Kotlin compiler (bin/kotlinc, lib/*.jar).
const KOTLIN_COMPILER: &str = "kotlin-compiler@2.4.20";
/// JNA, from Debian's `libjna-java`.
const JNA_JAR: &str = "/usr/share/java/jna.jar";
/// The library the generated sources load.
const LIBRARY: &str = "target/debug/libfoxy_ffi.so";

/// One generated file and where it is kept.
struct Output {
    /// The language it is generated for.
    language: &'static str,
    /// Its path under the generator's output folder.
    generated: &'static str,
    /// Its path in the repository (relative to the root).
    kept: &'static str,
    /// Whether it is committed (checked fresh by `ci`).
    committed: bool,
}

const OUTPUTS: &[Output] = &[
    Output {
        language: "swift",
        generated: "Foxy.swift",
        kept: "bindings/swift/Sources/Foxy/Foxy.swift",
        committed: true,
    },
    Output {
        language: "swift",
        generated: "FoxyFFI.h",
        kept: "bindings/swift/Sources/FoxyFFI/include/FoxyFFI.h",
        committed: true,
    },
    Output {
        language: "swift",
        generated: "FoxyFFI.modulemap",
        kept: "bindings/swift/Sources/FoxyFFI/include/module.modulemap",
        committed: true,
    },
    Output {
        language: "kotlin",
        generated: "io/foxy/sdk/foxy.kt",
        kept: "bindings/kotlin/src/main/kotlin/io/foxy/sdk/foxy.kt",
        committed: true,
    },
    Output {
        language: "python",
        generated: "foxy.py",
        kept: "target/uniffi/python/foxy.py",
        committed: false,
    },
];

const LANGUAGES: [&str; 3] = ["swift", "kotlin", "python"];

/// Builds the binding and runs its tests, as CI does.
pub fn ci() -> Result<(), String> {
    let started = Instant::now();
    build()?;
    let scratch = generate_into(&LANGUAGES)?;
    check_fresh(&scratch)?;
    keep(&scratch, &["python"])?;
    eprintln!(
        "xtask: uniffi build and generation: {:.1?}",
        started.elapsed()
    );

    let step = Instant::now();
    python_tests()?;
    eprintln!("xtask: uniffi python tests: {:.1?}", step.elapsed());

    let step = Instant::now();
    kotlin_tests()?;
    eprintln!("xtask: uniffi kotlin tests: {:.1?}", step.elapsed());
    eprintln!("xtask: uniffi: all passed in {:.1?}", started.elapsed());
    Ok(())
}

/// Regenerates the uniffi sources for the given languages (all when none).
pub fn generate(languages: &[String]) -> Result<(), String> {
    let languages: Vec<&str> = if languages.is_empty() {
        LANGUAGES.to_vec()
    } else {
        languages.iter().map(String::as_str).collect()
    };
    if let Some(bad) = languages.iter().find(|l| !LANGUAGES.contains(l)) {
        return Err(format!(
            "unknown language {bad:?}; expected swift, kotlin or python"
        ));
    }
    build()?;
    let scratch = generate_into(&languages)?;
    keep(&scratch, &languages)
}

/// Builds the library, the generator and the sandbox the tests start.
fn build() -> Result<(), String> {
    cargo(&[
        "build",
        "-p",
        "foxy-ffi",
        "-p",
        "uniffi-bindgen",
        "-p",
        "foxy-sandbox",
    ])
}

/// Generates `languages` into `target/uniffi/generated/LANGUAGE`; returns that folder.
fn generate_into(languages: &[&str]) -> Result<PathBuf, String> {
    let scratch = root().join("target/uniffi/generated");
    for language in languages {
        let out = scratch.join(language);
        if out.exists() {
            fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
        }
        let out = out.to_string_lossy().into_owned();
        run(
            "target/debug/uniffi-bindgen",
            &[
                "generate",
                LIBRARY,
                "--language",
                language,
                "--out-dir",
                &out,
                "--no-format",
            ],
        )?;
    }
    Ok(scratch)
}

/// Copies the generated files of `languages` to where they are kept (and
/// the library next to the Python module, which loads it from its folder).
fn keep(scratch: &Path, languages: &[&str]) -> Result<(), String> {
    for output in OUTPUTS.iter().filter(|o| languages.contains(&o.language)) {
        let from = scratch.join(output.language).join(output.generated);
        let to = root().join(output.kept);
        copy(&from, &to)?;
    }
    if languages.contains(&"python") {
        copy(
            &root().join(LIBRARY),
            &root().join("target/uniffi/python/libfoxy_ffi.so"),
        )?;
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Fails when a committed generated file differs from a fresh generation.
fn check_fresh(scratch: &Path) -> Result<(), String> {
    let mut stale = Vec::new();
    for output in OUTPUTS.iter().filter(|o| o.committed) {
        let fresh = fs::read(scratch.join(output.language).join(output.generated))
            .map_err(|e| format!("cannot read the generated {}: {e}", output.generated))?;
        let kept = fs::read(root().join(output.kept)).unwrap_or_default();
        if fresh != kept {
            stale.push(output.kept);
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "generated sources are stale: {}; run `cargo xtask bindings` and commit them",
            stale.join(", ")
        ))
    }
}

/// The Python tests: unittest over the generated module and the library.
fn python_tests() -> Result<(), String> {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    run(
        &python,
        &[
            "-m",
            "unittest",
            "discover",
            "-v",
            "-s",
            "bindings/uniffi/tests/python",
            "-p",
            "test_*.py",
        ],
    )
}

/// Installs the Kotlin compiler into `target/kotlin` unless it is there;
/// returns its folder.
fn kotlin_compiler() -> Result<PathBuf, String> {
    let home = root().join("target/kotlin/node_modules/kotlin-compiler");
    if !home.join("bin/kotlinc").exists() {
        fs::create_dir_all(root().join("target/kotlin"))
            .map_err(|e| format!("cannot create target/kotlin: {e}"))?;
        run(
            "npm",
            &[
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                "target/kotlin",
                KOTLIN_COMPILER,
            ],
        )?;
    }
    Ok(home)
}

/// The Kotlin tests: compile the generated bindings with the tests, run them
/// on the JDK with JNA.
fn kotlin_tests() -> Result<(), String> {
    if !Path::new(JNA_JAR).exists() {
        return Err(format!(
            "{JNA_JAR} is missing: install Debian's libjna-java (apt-get install -y libjna-java)"
        ));
    }
    let home = kotlin_compiler()?;
    let lib = home.join("lib");
    let kotlinc = home.join("bin/kotlinc").to_string_lossy().into_owned();
    let jar = root().join("target/uniffi/kotlin-tests.jar");
    let jar = jar.to_string_lossy().into_owned();
    let coroutines = lib.join("kotlinx-coroutines-core-jvm.jar");
    let compile_path = format!("{JNA_JAR}:{}", coroutines.display());
    let mut sources = vec!["bindings/kotlin/src/main/kotlin/io/foxy/sdk/foxy.kt".to_owned()];
    let tests = root().join("bindings/kotlin/src/test/kotlin");
    let mut found = fs::read_dir(&tests)
        .map_err(|e| format!("cannot read {}: {e}", tests.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "kt"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect::<Vec<_>>();
    found.sort();
    sources.extend(found);
    let mut args: Vec<&str> = sources.iter().map(String::as_str).collect();
    args.extend(["-nowarn", "-cp", &compile_path, "-d", &jar]);
    run(&kotlinc, &args)?;
    let class_path = format!(
        "{jar}:{JNA_JAR}:{}:{}",
        lib.join("kotlin-stdlib.jar").display(),
        coroutines.display()
    );
    run(
        "java",
        &[
            "-Djna.library.path=target/debug",
            "-cp",
            &class_path,
            "io.foxy.sdk.test.FoxyTestKt",
        ],
    )
}
