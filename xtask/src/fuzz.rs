//! `cargo xtask fuzz [--seconds N] [--jobs J] [TARGET...]`: every cargo-fuzz
//! target, seeded from the conformance corpus, for N seconds each.
//!
//! Installs what is missing (the nightly toolchain through rustup, then
//! `cargo install cargo-fuzz --locked`), writes each target's seeds into its
//! corpus folder (`<fuzz dir>/corpus/<target>`, ignored by git), builds the
//! targets with debug assertions, runs them J at a time with
//! `cargo +nightly fuzz run ... -- -max_total_time=N`, and fails when any
//! target reports a crash, a timeout (one input over 10 s) or running out of
//! memory (2 GB). Prints each target's executions and libFuzzer `cov:`.

mod json;
mod seeds;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Instant;

/// Seconds per target when `--seconds` is not given.
const DEFAULT_SECONDS: u64 = 60;
/// What `cargo xtask ci` runs: 14 targets, two at a time, 25 s each: about
/// 3.5 minutes of fuzzing plus the builds (docs/RELIABILITY.md, "In CI").
pub const CI_ARGS: [&str; 4] = ["--seconds", "25", "--jobs", "2"];
/// libFuzzer's limit on one input.
const INPUT_TIMEOUT_SECONDS: u64 = 10;
/// libFuzzer's memory limit.
const RSS_LIMIT_MB: u64 = 2048;

/// The cargo-fuzz projects: foxy-proto's, and the one depending on foxy-sandbox
/// (apart, so that foxy-proto's targets do not build the server stack).
fn fuzz_dirs() -> [PathBuf; 2] {
    let fuzz = crate::root().join("crates/foxy-proto/fuzz");
    [fuzz.clone(), fuzz.join("sandbox")]
}

/// The target folder both projects share (foxy-proto and libFuzzer are built once).
fn target_dir() -> String {
    crate::root()
        .join("crates/foxy-proto/fuzz/target")
        .to_string_lossy()
        .into_owned()
}

struct Options {
    seconds: u64,
    jobs: usize,
    only: Vec<String>,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        seconds: DEFAULT_SECONDS,
        jobs: 1,
        only: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("{name} needs a positive number"))
        };
        match arg.as_str() {
            "--seconds" => opts.seconds = number("--seconds")?,
            "--jobs" => {
                opts.jobs = usize::try_from(number("--jobs")?).map_err(|e| e.to_string())?;
            }
            flag if flag.starts_with('-') => {
                return Err(format!(
                    "unknown option {flag}; usage: cargo xtask fuzz [--seconds N] [--jobs J] [TARGET...]"
                ));
            }
            target => opts.only.push(target.to_owned()),
        }
    }
    Ok(opts)
}

/// Whether `program args` runs and succeeds (its output discarded).
fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Installs the nightly toolchain and cargo-fuzz when missing.
fn ensure_tools() -> Result<(), String> {
    if !succeeds("rustup", &["--version"]) {
        return Err("fuzzing needs rustup (for the nightly toolchain): https://rustup.rs".into());
    }
    if !succeeds("rustup", &["run", "nightly", "rustc", "--version"]) {
        crate::run(
            "rustup",
            &["toolchain", "install", "nightly", "--profile", "minimal"],
        )?;
    }
    if !succeeds("cargo", &["fuzz", "--version"]) {
        crate::run("cargo", &["install", "cargo-fuzz", "--locked"])?;
    }
    Ok(())
}

/// The targets of a cargo-fuzz project, as `cargo fuzz list` names them.
fn list(dir: &Path) -> Result<Vec<String>, String> {
    let dir_arg = dir.to_string_lossy();
    let out = Command::new("cargo")
        .args(["+nightly", "fuzz", "list", "--fuzz-dir", &dir_arg])
        .current_dir(crate::root())
        .output()
        .map_err(|e| format!("cannot start cargo fuzz list: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo fuzz list --fuzz-dir {dir_arg} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// One target to run.
struct Job {
    dir: PathBuf,
    target: String,
}

/// What one run reported.
struct Outcome {
    target: String,
    ok: bool,
    executions: Option<u64>,
    cov: Option<u64>,
    features: Option<u64>,
    corpus: Option<u64>,
    seconds: u64,
    artifact: Option<String>,
}

/// The number after `label` in a libFuzzer status line (`cov: 1234`).
fn figure(line: &str, label: &str) -> Option<u64> {
    let rest = &line[line.find(label)? + label.len()..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Whether a line of a fuzzer's output goes to the log: not libFuzzer's
/// progress (`#123 NEW ...`, `NEW_FUNC`, `INFO:`, the recommended
/// dictionary) nor cargo's build status;
/// the final `DONE` line, statistics, panics and sanitizer reports do.
fn shown(line: &str) -> bool {
    let trimmed = line.trim_start();
    let progress = line.starts_with('#') && !line.contains("DONE");
    let dictionary = trimmed.starts_with('"') && trimmed.contains("# Uses:");
    let noise = ["NEW_FUNC", "INFO:", "Compiling ", "Finished ", "Running "]
        .iter()
        .any(|prefix| trimmed.starts_with(prefix));
    !(progress || dictionary || noise)
}

fn run_one(job: &Job, seconds: u64) -> Outcome {
    let started = Instant::now();
    let corpus = job.dir.join("corpus").join(&job.target);
    let args = [
        "+nightly".to_owned(),
        "fuzz".to_owned(),
        "run".to_owned(),
        "-a".to_owned(),
        "--fuzz-dir".to_owned(),
        job.dir.to_string_lossy().into_owned(),
        "--target-dir".to_owned(),
        target_dir(),
        job.target.clone(),
        corpus.to_string_lossy().into_owned(),
        "--".to_owned(),
        format!("-max_total_time={seconds}"),
        format!("-timeout={INPUT_TIMEOUT_SECONDS}"),
        format!("-rss_limit_mb={RSS_LIMIT_MB}"),
        "-print_final_stats=1".to_owned(),
    ];
    let mut outcome = Outcome {
        target: job.target.clone(),
        ok: false,
        executions: None,
        cov: None,
        features: None,
        corpus: None,
        seconds: 0,
        artifact: None,
    };
    let child = Command::new("cargo")
        .args(&args)
        .current_dir(crate::root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            eprintln!("[{}] cannot start cargo fuzz run: {e}", job.target);
            return outcome;
        }
    };
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // libFuzzer's progress lines start with `#`; keep the log short.
            if line.contains(" cov: ") {
                outcome.cov = figure(&line, " cov: ").or(outcome.cov);
                outcome.features = figure(&line, " ft: ").or(outcome.features);
                outcome.corpus = figure(&line, " corp: ").or(outcome.corpus);
            }
            if let Some(n) = figure(&line, "stat::number_of_executed_units:") {
                outcome.executions = Some(n);
            }
            if let Some((_, path)) = line.split_once("Test unit written to ") {
                outcome.artifact = Some(path.trim().to_owned());
            }
            if shown(&line) {
                eprintln!("[{}] {line}", job.target);
            }
        }
    }
    outcome.ok = child.wait().is_ok_and(|s| s.success());
    outcome.seconds = started.elapsed().as_secs();
    outcome
}

fn show(value: Option<u64>) -> String {
    value.map_or_else(|| "?".to_owned(), |v| v.to_string())
}

/// Runs the fuzz targets (all, or those named) as `args` says.
pub fn run(args: &[String]) -> Result<(), String> {
    let opts = options(args)?;
    ensure_tools()?;
    let root = crate::root();
    let conformance = seeds::conformance_dir(&root)?;
    let mut corpus = seeds::Corpus::load(conformance.as_deref())?;
    match crate::cargo(&["build", "-q", "--bin", "foxy"]) {
        Ok(()) => corpus.add_conversions(&root.join("target/debug/foxy")),
        Err(e) => eprintln!("xtask: no foxy binary ({e}); seeding without conversions"),
    }
    let mut jobs = VecDeque::new();
    for dir in fuzz_dirs() {
        let targets = list(&dir)?;
        let mut chosen = 0;
        for target in targets {
            if !opts.only.is_empty() && !opts.only.contains(&target) {
                continue;
            }
            let seeds = corpus.seeds(&target).ok_or_else(|| {
                format!("fuzz target {target} has no seeds in xtask/src/fuzz/seeds.rs")
            })?;
            let saved = [
                dir.join("regressions").join(&target),
                dir.join("seeds").join(&target),
            ];
            let count = seeds::write(&dir.join("corpus").join(&target), &seeds, &saved)?;
            eprintln!("xtask: {target}: {count} seed inputs");
            jobs.push_back(Job {
                dir: dir.clone(),
                target,
            });
            chosen += 1;
        }
        if chosen > 0 {
            let dir_arg = dir.to_string_lossy();
            let target_dir = target_dir();
            let args = [
                "+nightly",
                "fuzz",
                "build",
                "-a",
                "--fuzz-dir",
                &dir_arg,
                "--target-dir",
                &target_dir,
            ];
            crate::run("cargo", &args)?;
        }
    }
    for name in &opts.only {
        if !jobs.iter().any(|j| &j.target == name) {
            return Err(format!("no fuzz target named {name}"));
        }
    }
    let total = jobs.len();
    let queue = Mutex::new(jobs);
    let outcomes = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..opts.jobs.min(total) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().map(|mut q| q.pop_front()).ok().flatten();
                    let Some(job) = next else { break };
                    let outcome = run_one(&job, opts.seconds);
                    if let Ok(mut all) = outcomes.lock() {
                        all.push(outcome);
                    }
                }
            });
        }
    });
    let mut outcomes = outcomes
        .into_inner()
        .map_err(|_| "a fuzz worker panicked")?;
    outcomes.sort_by(|a, b| a.target.cmp(&b.target));
    eprintln!(
        "\n{:<20} {:>12} {:>7} {:>8} {:>7} {:>6}  result",
        "target", "executions", "cov", "ft", "corpus", "secs"
    );
    let mut failed = Vec::new();
    for o in &outcomes {
        eprintln!(
            "{:<20} {:>12} {:>7} {:>8} {:>7} {:>6}  {}",
            o.target,
            show(o.executions),
            show(o.cov),
            show(o.features),
            show(o.corpus),
            o.seconds,
            if o.ok { "ok" } else { "FAILED" }
        );
        if !o.ok {
            failed.push(match &o.artifact {
                Some(path) => format!("{} (input: {path})", o.target),
                None => o.target.clone(),
            });
        }
    }
    if outcomes.len() != total {
        return Err(format!(
            "{} of {total} fuzz targets reported",
            outcomes.len()
        ));
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzzing found a crash, timeout or out-of-memory in: {}",
            failed.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_figures() {
        let line =
            "#40009\tDONE   cov: 2200 ft: 7086 corp: 668/7759b lim: 25 exec/s: 3637 rss: 462Mb";
        assert_eq!(figure(line, " cov: "), Some(2200));
        assert_eq!(figure(line, " ft: "), Some(7086));
        assert_eq!(figure(line, " corp: "), Some(668));
        assert_eq!(
            figure(
                "stat::number_of_executed_units: 40009",
                "stat::number_of_executed_units:"
            ),
            Some(40009)
        );
        assert_eq!(figure("no figures", " cov: "), None);
    }

    #[test]
    fn keeps_the_log_short() {
        assert!(!shown("#2048\tpulse  cov: 10 ft: 12 corp: 3/4b"));
        assert!(shown("#40009\tDONE   cov: 2200 ft: 7086"));
        assert!(!shown("\tNEW_FUNC[1/1]: 0x55 in drop_glue"));
        assert!(!shown("INFO: Seed: 2028390207"));
        assert!(!shown("\"property\" # Uses: 1"));
        assert!(!shown("    Finished `release` profile"));
        assert!(shown(
            "thread '<unnamed>' panicked at fuzz_targets/x.rs:1:1:"
        ));
        assert!(shown("SUMMARY: libFuzzer: deadly signal"));
        assert!(shown("stat::number_of_executed_units: 5"));
    }

    #[test]
    fn options_parse() {
        let args: Vec<String> = ["--seconds", "5", "--jobs", "2", "parse_siren"]
            .map(str::to_owned)
            .to_vec();
        let opts = options(&args).expect("valid");
        assert_eq!((opts.seconds, opts.jobs), (5, 2));
        assert_eq!(opts.only, ["parse_siren"]);
        assert!(options(&["--seconds".to_owned(), "0".to_owned()]).is_err());
        assert!(options(&["--fast".to_owned()]).is_err());
    }
}
