//! `cargo xtask node`: build the Node binding, check that the generated
//! `index.js` and `index.d.ts` are the committed ones, and run `node --test`.

use std::fs;

use crate::{root, run};

/// The files `napi build` generates and the repository commits.
const GENERATED: &[&str] = &["index.js", "index.d.ts"];

/// Builds the binding and runs its tests, as CI does.
pub fn ci() -> Result<(), String> {
    let dir = root().join("bindings/node");
    let committed = GENERATED
        .iter()
        .map(|name| {
            fs::read_to_string(dir.join(name))
                .map_err(|e| format!("cannot read bindings/node/{name}: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;

    // `npm ci`: exactly the committed lockfile (which lists every optional
    // platform package), never rewriting it.
    run(
        "npm",
        &["ci", "--prefix", "bindings/node", "--no-audit", "--no-fund"],
    )?;
    run("npm", &["run", "--prefix", "bindings/node", "build"])?;

    let stale: Vec<&str> = GENERATED
        .iter()
        .zip(&committed)
        .filter(|(name, before)| {
            fs::read_to_string(dir.join(name)).ok().as_deref() != Some(before.as_str())
        })
        .map(|(name, _)| *name)
        .collect();
    if !stale.is_empty() {
        return Err(format!(
            "bindings/node/{} changed when regenerated: the committed files are stale; \
             review `git diff bindings/node` and commit them",
            stale.join(", bindings/node/")
        ));
    }

    run("node", &["--test", "bindings/node/test/"])
}
