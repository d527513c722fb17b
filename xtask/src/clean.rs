//! The installs must leave the checkout as they found it: `git status
//! --porcelain` before CI starts and after the bindings' installs must agree
//! (on a fresh clone, both are empty).

use std::process::Command;

use crate::root;

/// The checkout's `git status --porcelain` lines, or `None` outside a git checkout.
pub fn status() -> Option<Vec<String>> {
    let out = Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(root())
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    })
}

/// Fails when the checkout has entries that `before` did not have.
pub fn check(before: Option<&[String]>) -> Result<(), String> {
    let (Some(before), Some(after)) = (before, status()) else {
        eprintln!("xtask: not a git checkout; skipping the clean-tree check");
        return Ok(());
    };
    let dirtied: Vec<&String> = after.iter().filter(|line| !before.contains(line)).collect();
    if dirtied.is_empty() {
        eprintln!("xtask: the installs left the checkout clean");
        return Ok(());
    }
    Err(format!(
        "the installs changed the checkout (commit these or ignore them in .gitignore):\n{}",
        dirtied
            .iter()
            .map(|line| format!("  {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    ))
}
