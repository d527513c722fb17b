//! `cargo xtask uniffi` and `cargo xtask bindings`: the Swift/Kotlin binding (uniffi).
//!
//! - `generate`: builds `foxy-ffi` and the pinned `uniffi-bindgen`, then
//!   writes the generated sources in library mode from
//!   `target/debug/libfoxy_ffi.so`: Swift into `bindings/swift/Sources`
//!   (committed), Kotlin into `bindings/kotlin/src/main/kotlin` (committed),
//!   Python into `target/uniffi/python` (tests only, with the library beside it).
//! - `ci`: the same build, a freshness check of the committed Swift and
//!   Kotlin, then the Python-through-uniffi tests and the Kotlin tests, both
//!   against the `foxy-sandbox` binary over 127.0.0.1, then the Kotlin quick
//!   start of README.md as written (compiled against the tests' jar and run
//!   against a sandbox). The Kotlin compiler is the npm package
//!   `kotlin-compiler`, installed into `target/kotlin` when missing; JNA is
//!   Debian's `libjna-java` (`/usr/share/java/jna.jar`).

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use crate::{cargo, root, run};

/// The npm package and version of the Kotlin compiler (bin/kotlinc, lib/*.jar).
const KOTLIN_COMPILER: &str = "kotlin-compiler@2.4.20";
/// JNA, from Debian's `libjna-java`.
const JNA_JAR: &str = "/usr/share/java/jna.jar";
/// The JVM heap kotlinc compiles the generated bindings with.
const KOTLINC_HEAP: &str = "-J-Xmx4g";
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
    let kotlin = kotlin_tests()?;
    eprintln!("xtask: uniffi kotlin tests: {:.1?}", step.elapsed());

    let step = Instant::now();
    kotlin_readme_quick_start(&kotlin)?;
    crate::readme::kotlin_mobile_sample(
        &kotlin.kotlinc,
        &kotlin.jar,
        &[&kotlin.stdlib, &kotlin.coroutines],
    )?;
    eprintln!(
        "xtask: uniffi README and MOBILE.md Kotlin samples: {:.1?}",
        step.elapsed()
    );
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

/// What the Kotlin tests built, for compiling more Kotlin against it.
struct KotlinBuild {
    /// `bin/kotlinc` of the compiler package.
    kotlinc: String,
    /// The jar of the generated bindings and the tests.
    jar: String,
    /// The Kotlin standard library jar.
    stdlib: String,
    /// The kotlinx-coroutines jar.
    coroutines: String,
}

/// The Kotlin tests: compile the generated bindings with the tests, run them
/// on the JDK with JNA, then the behaviour suite's Kotlin runner
/// (`Scenarios.kt`, given the absolute `tests/scenarios` folder).
fn kotlin_tests() -> Result<KotlinBuild, String> {
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
    // The generated bindings hold a class per described relation: far more
    // than kotlinc's default 512 MiB heap compiles in reasonable time.
    let mut args: Vec<&str> = vec![KOTLINC_HEAP];
    args.extend(sources.iter().map(String::as_str));
    args.extend(["-nowarn", "-cp", &compile_path, "-d", &jar]);
    run(&kotlinc, &args)?;
    let class_path = format!(
        "{jar}:{JNA_JAR}:{}:{}",
        lib.join("kotlin-stdlib.jar").display(),
        coroutines.display()
    );
    let java = ["-Djna.library.path=target/debug", "-cp", &class_path];
    run(
        "java",
        &[&java[..], &["io.foxy.sdk.test.FoxyTestKt"]].concat(),
    )?;
    // The runner reads the suite from the absolute folder it is given, not
    // from wherever it is started.
    let scenarios = root().join("tests/scenarios");
    let scenarios = scenarios.to_string_lossy();
    run(
        "java",
        &[&java[..], &["io.foxy.sdk.test.Scenarios", &scenarios]].concat(),
    )?;
    Ok(KotlinBuild {
        kotlinc,
        jar,
        stdlib: lib.join("kotlin-stdlib.jar").to_string_lossy().into_owned(),
        coroutines: coroutines.to_string_lossy().into_owned(),
    })
}

/// The base URL the README's Kotlin quick start talks to (a `foxy sandbox`
/// in the foreground, on its default port).
const README_BASE_URL: &str = "http://127.0.0.1:8790/";

/// The ```kotlin block of README.md works as written: extracted into
/// `target/uniffi/readme/QuickStart.kt`, compiled against the jar of the
/// Kotlin tests (which holds the compiled `foxy.kt`, so it is not compiled
/// twice) and run against a `foxy-sandbox` started for it. It must exit 0
/// and print a charged transaction's status.
fn kotlin_readme_quick_start(kotlin: &KotlinBuild) -> Result<(), String> {
    let readme = fs::read_to_string(root().join("README.md"))
        .map_err(|e| format!("cannot read README.md: {e}"))?;
    let snippet = fenced_block(&readme, "kotlin").ok_or("README.md has no ```kotlin block")?;
    if !snippet.contains(README_BASE_URL) {
        return Err(format!(
            "the Kotlin quick start of README.md no longer uses {README_BASE_URL}; update \
             README_BASE_URL in xtask/src/uniffi.rs"
        ));
    }
    let sandbox = SandboxProcess::start()?;
    // The one substitution: the README talks to a sandbox on the default port
    // 8790, which may be taken here (a developer's own `foxy sandbox`, another
    // run), so the sandbox is started on a free port and the snippet's base
    // URL is rewritten to it. The seeded credentials the snippet uses
    // (client_sandbox, ...) are the binary's defaults and stay as written.
    let snippet = snippet.replace(README_BASE_URL, &sandbox.base_url);

    let dir = root().join("target/uniffi/readme");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let source = dir.join("QuickStart.kt");
    fs::write(&source, snippet).map_err(|e| format!("cannot write {}: {e}", source.display()))?;
    let source = source.to_string_lossy().into_owned();
    let jar = dir.join("quickstart.jar").to_string_lossy().into_owned();
    let compile_path = format!("{}:{JNA_JAR}:{}", kotlin.jar, kotlin.coroutines);
    run(
        &kotlin.kotlinc,
        &[&source, "-nowarn", "-cp", &compile_path, "-d", &jar],
    )?;

    let class_path = format!(
        "{jar}:{}:{JNA_JAR}:{}:{}",
        kotlin.jar, kotlin.stdlib, kotlin.coroutines
    );
    let args = [
        "-Djna.library.path=target/debug",
        "-cp",
        &class_path,
        "QuickStartKt",
    ];
    eprintln!("xtask: $ java {}", args.join(" "));
    let output = Command::new("java")
        .args(args)
        .current_dir(root())
        .output()
        .map_err(|e| format!("cannot start java: {e}"))?;
    drop(sandbox);
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprint!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    if !output.status.success() {
        return Err(format!(
            "the README's Kotlin quick start failed ({})",
            output.status
        ));
    }
    // The exact total of two sprockets at 10.25, then "<status> <total>" of
    // the charge (the snippet prints "<status>: <messages>" when it is refused).
    let lines: Vec<&str> = stdout.lines().map(str::trim).collect();
    let charged = match lines.as_slice() {
        [total, charge] => charge.split_once(' ').is_some_and(|(status, paid)| {
            status == "completed" && amount(paid) == "20.5" && amount(total) == "20.5"
        }),
        _ => false,
    };
    if charged {
        Ok(())
    } else {
        Err(format!(
            "the README's Kotlin quick start printed {lines:?}, expected the total 20.50 \
             and \"completed 20.50\""
        ))
    }
}

/// A decimal amount without trailing zeros (`20.50` and `20.5` are `20.5`).
fn amount(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// The body of the first ```LANGUAGE fenced block of a Markdown text.
pub(crate) fn fenced_block(markdown: &str, language: &str) -> Option<String> {
    let fence = format!("```{language}\n");
    let start = markdown.find(&fence)? + fence.len();
    let end = markdown[start..].find("```")?;
    Some(markdown[start..start + end].to_owned())
}

/// The `foxy-sandbox` binary on a free port of 127.0.0.1 (as the Kotlin and
/// Python tests start it), stopped when dropped.
pub(crate) struct SandboxProcess {
    child: Child,
    /// `http://127.0.0.1:PORT/`.
    pub(crate) base_url: String,
}

impl SandboxProcess {
    /// Starts the binary (`FOXY_SANDBOX_BIN`, else the debug build) and reads its base URL.
    pub(crate) fn start() -> Result<SandboxProcess, String> {
        let binary = std::env::var("FOXY_SANDBOX_BIN")
            .map_or_else(|_| root().join("target/debug/foxy-sandbox"), PathBuf::from);
        let mut child = Command::new(&binary)
            .args(["--addr", "127.0.0.1:0"])
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("no sandbox stdout")?;
        let mut sandbox = SandboxProcess {
            child,
            base_url: String::new(),
        };
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref() {
            let line = line.map_err(|e| format!("cannot read the sandbox's output: {e}"))?;
            if let Some(url) = line.trim().strip_prefix("foxy-sandbox listening on ") {
                sandbox.base_url = format!("{}/", url.trim().trim_end_matches('/'));
                break;
            }
        }
        if sandbox.base_url.is_empty() {
            return Err("the sandbox exited before printing its base URL".to_owned());
        }
        // Keep reading what it prints so that it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(sandbox)
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
