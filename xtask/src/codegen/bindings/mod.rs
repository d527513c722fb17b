//! The bindings' part of `cargo xtask codegen [--check]`: the typed classes
//! and navigation of the Python package (`bindings/python/python/foxy/typed.py`,
//! fully annotated, so it is its own stub) and of the Node package
//! (`bindings/node/typed.js` and `typed.d.ts`), generated from the description.
//!
//! Every class is a thin subclass of the native `foxy.TypedResource` (a handle
//! on the core resource): a property reads and writes through the native
//! `get_property` / `set_property` by its name in the representation, so the
//! native code holds no field list and a PUT sends everything that was read.
//!
//! [`python`] writes the Python module, [`node`] the Node pair; this module
//! holds what both read from the description (which relations get a class,
//! how a link's relation is written) and the write-or-check loop.

mod node;
mod python;
mod uniffi;

use std::fs;
use std::path::{Path, PathBuf};

use foxy_schema::{Kind, Relation, Schema};

use crate::codegen::names::pascal;
use crate::root;

/// Every generated file: (path from the workspace root, text).
fn files(schema: &Schema) -> Result<Vec<(PathBuf, String)>, String> {
    let (js, dts) = node::node(schema);
    let mut files = uniffi::uniffi(schema)?;
    files.extend([
        (
            PathBuf::from("bindings/python/python/foxy/typed.py"),
            python::python(schema),
        ),
        (PathBuf::from("bindings/node/typed.js"), js),
        (PathBuf::from("bindings/node/typed.d.ts"), dts),
    ]);
    Ok(files)
}

/// `codegen`: writes the files; `codegen --check`: fails when one is stale.
pub fn run(args: &[String]) -> Result<(), String> {
    let check = args.iter().any(|a| a == "--check");
    let schema = foxy_schema::schema().map_err(|e| format!("the description: {e}"))?;
    sync(&root(), schema, check)
}

/// `cargo xtask codegen`'s bindings files for `schema`, written under `out_root` (the workspace
/// root, or a test's scratch folder).
#[cfg(test)]
pub(crate) fn write_into(out_root: &Path, schema: &Schema) -> Result<(), String> {
    sync(out_root, schema, false)
}

/// Writes the files under `out_root`, or with `check` fails when one there is stale.
fn sync(out_root: &Path, schema: &Schema, check: bool) -> Result<(), String> {
    let mut stale = Vec::new();
    for (path, text) in files(schema)? {
        let full = out_root.join(&path);
        let same = fs::read_to_string(&full).is_ok_and(|kept| kept == text);
        if same {
            continue;
        }
        if check {
            stale.push(path.display().to_string());
        } else {
            if let Some(dir) = full.parent() {
                fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            fs::write(&full, text).map_err(|e| format!("{}: {e}", full.display()))?;
            eprintln!("xtask: wrote {}", path.display());
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "stale generated bindings files (run `cargo xtask codegen`): {}",
            stale.join(", ")
        ))
    }
}

/// Whether the relation gets a class: resources, collections, actions with properties.
pub(super) fn has_class(rel: &Relation) -> bool {
    match rel.kind {
        Kind::Resource | Kind::Collection { .. } => true,
        Kind::Action => !rel.properties.is_empty(),
        Kind::External => false,
    }
}

/// The class a relation's values have (an alias: its target's), if any.
pub(super) fn class_of(schema: &Schema, name: &str) -> Option<String> {
    let rel = schema.resolve(name)?;
    has_class(rel).then(|| pascal(&rel.name))
}

/// A link's relation as the resource writes it (`fx:store`; `self` and curies as they are).
pub(super) fn full_rel(rel: &str) -> String {
    if rel.contains(':') || rel == "self" || rel == "next" || rel == "prev" {
        rel.to_owned()
    } else {
        format!("fx:{rel}")
    }
}

/// A string literal, valid in Python, JavaScript and TypeScript.
pub(super) fn lit(text: &str) -> String {
    format!("{text:?}")
}

/// A one-line docstring body (no quotes, no backslashes).
pub(super) fn doc(text: &str) -> String {
    text.replace('\\', "/").replace('"', "'").replace('\n', " ")
}
