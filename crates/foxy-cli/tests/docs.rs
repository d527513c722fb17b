//! Every `sh` block of docs/CLI.md runs as written (with bash, `foxy` on the
//! PATH) against a sandbox on a free port: `http://127.0.0.1:8790` in the
//! text becomes that sandbox's address, and `FOXY_BASE_URL` points
//! `--sandbox` there. Each `# expect: TEXT` line names text the block's
//! standard output must contain.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

use foxy_sandbox::{Config, Sandbox};

/// The fenced blocks of `markdown` whose info string is exactly `lang`.
fn blocks(markdown: &str, lang: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Inside a fence: the block's text when it is one of ours.
    let mut fence: Option<Option<String>> = None;
    for line in markdown.lines() {
        let marker = line.trim_start().strip_prefix("```");
        match (fence.take(), marker) {
            (None, Some(info)) => fence = Some((info.trim() == lang).then(String::new)),
            (None, None) => {}
            (Some(block), Some(_)) => found.extend(block),
            (Some(mut block), None) => {
                if let Some(text) = block.as_mut() {
                    text.push_str(line);
                    text.push('\n');
                }
                fence = Some(block);
            }
        }
    }
    found
}

fn docs_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/CLI.md")
}

#[test]
fn blocks_are_found_and_other_languages_skipped() {
    let text = "a\n```sh\nfoxy one\n```\n```text\nfoxy sandbox\n```\n```sh\nfoxy two\n```\n";
    assert_eq!(blocks(text, "sh"), vec!["foxy one\n", "foxy two\n"]);
}

#[test]
fn every_sh_block_of_docs_cli_md_runs() {
    let markdown = std::fs::read_to_string(docs_file()).expect("docs/CLI.md");
    let scripts = blocks(&markdown, "sh");
    assert!(scripts.len() >= 8, "only {} sh blocks", scripts.len());

    let sb = Sandbox::start_background(Config::default()).expect("the sandbox starts");
    let base = sb.base_url().trim_end_matches('/').to_owned();
    let work = std::env::temp_dir().join(format!("foxy-cli-docs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("work dir");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_foxy"))
        .parent()
        .expect("a folder")
        .to_owned();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");

    for script in &scripts {
        let script = script.replace("http://127.0.0.1:8790", &base);
        let mut command = Command::new("bash");
        command
            .args(["-eo", "pipefail", "-c", &script])
            .current_dir(&work)
            .env("PATH", &path)
            .env("XDG_CONFIG_HOME", work.join("config"))
            .env("FOXY_BASE_URL", format!("{base}/"));
        for name in [
            "FOXY_PROFILE",
            "FOXY_CLIENT_ID",
            "FOXY_CLIENT_SECRET",
            "FOXY_REFRESH_TOKEN",
            "FOXY_ACCESS_TOKEN",
            "FOXY_STORE_URL",
            "FOXY_STORE_SECRET",
            "FOXY_WEBHOOK_KEY",
        ] {
            command.env_remove(name);
        }
        let out = command.output().expect("bash runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "this block of docs/CLI.md failed ({}):\n{script}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            out.status
        );
        for expected in script
            .lines()
            .filter_map(|l| l.trim().strip_prefix("# expect: "))
        {
            assert!(
                stdout.contains(expected),
                "{expected:?} not in the output of\n{script}\nstdout:\n{stdout}\nstderr:\n{stderr}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// The long flags (`--name`) of `foxy ARGS --help`.
fn long_flags(args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_foxy"))
        .args(args)
        .arg("--help")
        .output()
        .expect("foxy runs");
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut flags: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("-").map_or(line, |_| line);
            line.split_whitespace()
                .find(|word| word.starts_with("--"))
                .map(|word| word.trim_end_matches(',').to_owned())
        })
        .filter(|flag| flag != "--help" && flag != "--version")
        .collect();
    flags.dedup();
    flags
}

/// The subcommands listed by `foxy ARGS --help`.
fn subcommands(args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_foxy"))
        .args(args)
        .arg("--help")
        .output()
        .expect("foxy runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.split("Commands:")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .map(|list| {
            list.lines()
                .filter_map(|l| l.split_whitespace().next())
                .filter(|name| *name != "help")
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn docs_cli_md_names_every_command_and_flag() {
    let markdown = std::fs::read_to_string(docs_file()).expect("docs/CLI.md");
    let mut missing = Vec::new();
    let commands = subcommands(&[]);
    assert!(commands.len() >= 15, "{commands:?}");
    for command in &commands {
        let nested = subcommands(&[command]);
        let mut paths = vec![vec![command.clone()]];
        paths.extend(nested.into_iter().map(|n| vec![command.clone(), n]));
        for path in paths {
            let args: Vec<&str> = path.iter().map(String::as_str).collect();
            if !markdown.contains(&format!("foxy {}", args.join(" "))) {
                missing.push(format!("foxy {}", args.join(" ")));
            }
            for flag in long_flags(&args) {
                if !markdown.contains(&flag) {
                    missing.push(format!("foxy {} {flag}", args.join(" ")));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/CLI.md does not mention: {missing:#?}"
    );
}
