//! "Describe once, generate everywhere", tested: a property added to a scratch copy of the
//! description appears, typed, in the Rust model, the Python, Node and uniffi (Kotlin, Swift)
//! bindings, and the unmodified description generates exactly the committed files. Both run
//! the functions `cargo xtask codegen` runs ([`super::write_into`], then
//! [`super::bindings::write_into`]) into a scratch folder, never into the workspace.

use std::fs;
use std::path::{Path, PathBuf};

use foxy_schema::{DATA_FILES, Schema};

use crate::root;

/// A folder under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "foxy-codegen-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs `cargo xtask codegen`'s generation on `schema`, writing under `out`.
fn generate_into(out: &Path, schema: &Schema) {
    super::write_into(out, schema).unwrap_or_else(|e| panic!("codegen (model): {e}"));
    super::bindings::write_into(out, schema).unwrap_or_else(|e| panic!("codegen (bindings): {e}"));
}

/// Every file under `dir`, by path from `dir`, sorted.
fn tree(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(path.strip_prefix(base).expect("under base").to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of `file` from the line starting with `head` to the first line after it that
/// starts with `end` (a class or `impl` block), so an assertion names the right class.
fn block<'t>(file: &'t str, head: &str, end: &str) -> &'t str {
    let start = file
        .find(&format!("\n{head}"))
        .unwrap_or_else(|| panic!("no line starting with {head:?}"))
        + 1;
    let rest = &file[start..];
    let stop = rest[head.len()..]
        .find(&format!("\n{end}"))
        .map_or(rest.len(), |i| head.len() + i + 1);
    &rest[..stop]
}

/// Fails unless `block` holds every one of `wanted`, naming what is missing.
fn assert_holds(what: &str, block: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(
            block.contains(w),
            "{what}: no\n{w}\nin the generated text:\n{block}"
        );
    }
}

/// The description as `cargo xtask codegen` reads it, from copies of its data files in `dir`
/// (the same files, in the same order, through the same loader as `foxy_schema::schema()`).
fn load_copy(dir: &Path) -> Schema {
    let texts: Vec<(&str, String)> = DATA_FILES
        .iter()
        .map(|(name, _)| (*name, read(&dir.join(name))))
        .collect();
    Schema::from_files(texts.iter().map(|(n, t)| (*n, t.as_str())))
        .unwrap_or_else(|e| panic!("the scratch description: {e}"))
}

/// Copies the description into `dir`, with two properties added to `coupon`.
fn copy_with_scratch_properties(dir: &Path) {
    for (name, text) in DATA_FILES {
        let text = if *name == "coupons.json" {
            let at = text
                .find("\"name\": \"coupon\",")
                .expect("coupon is described");
            let list = "\"properties\": [\n";
            let at = at + text[at..].find(list).expect("coupon has properties") + list.len();
            format!(
                "{}        {{\"name\": \"x_scratch_note\", \"type\": \"string\", \"nullable\": true}},\n        \
                 {{\"name\": \"x_scratch_credit\", \"type\": \"decimal\"}},\n{}",
                &text[..at],
                &text[at..]
            )
        } else {
            (*text).to_owned()
        };
        fs::write(dir.join(name), text).expect("writing the scratch description");
    }
}

/// Whether the lines of `old` appear, in order, among the lines of `new` (only lines added).
fn only_added(old: &str, new: &str) -> bool {
    let mut new_lines = new.lines();
    old.lines().all(|line| new_lines.any(|n| n == line))
}

/// The done-when: add a property to (a copy of) the description, run the generator,
/// and the property is there, typed, in all four languages; nothing else changes.
#[test]
fn a_property_added_to_the_description_appears_in_all_four_languages() {
    let description = Scratch::new("description");
    copy_with_scratch_properties(&description.0);
    let schema = load_copy(&description.0);
    let coupon = schema.relation("coupon").expect("coupon");
    assert!(coupon.property("x_scratch_note").is_some());
    assert!(coupon.property("x_scratch_credit").is_some());

    let out = Scratch::new("out");
    generate_into(&out.0, &schema);
    let base = Scratch::new("base");
    generate_into(&base.0, foxy_schema::schema().expect("the description"));
    let file = |path: &str| read(&out.0.join(path));

    // Rust: foxy-model's `Coupon`, text and exact decimal.
    let model = file("crates/foxy-model/src/generated/coupons.rs");
    assert_holds(
        "Rust model, impl Coupon",
        block(&model, "impl Coupon {", "}"),
        &[
            "pub fn x_scratch_note(&self) -> Result<Option<&str>, crate::ModelError> {\n        \
             crate::typed::get_text(&self.resource, \"x_scratch_note\")",
            "pub fn set_x_scratch_note(&mut self, value: Option<&str>) -> &mut Self {\n        \
             crate::typed::set_text(&mut self.resource, \"x_scratch_note\", value);",
            "pub fn x_scratch_credit(&self) -> Result<Option<rust_decimal::Decimal>, crate::ModelError> {\n        \
             crate::typed::get_decimal(&self.resource, \"x_scratch_credit\")",
            "pub fn set_x_scratch_credit(&mut self, value: Option<rust_decimal::Decimal>) -> &mut Self {\n        \
             crate::typed::set_decimal(&mut self.resource, \"x_scratch_credit\", value);",
        ],
    );
    // The RELATIONS table the clients check filter names against, and the bindings read.
    let manifest = file("crates/foxy-model/src/generated/manifest.rs");
    assert_holds(
        "Rust manifest",
        &manifest,
        &[
            "name: \"x_scratch_note\",\n                getter: \"x_scratch_note\",\n                \
             setter: \"set_x_scratch_note\",\n                ty: ValueType::Text,",
            "name: \"x_scratch_credit\",\n                getter: \"x_scratch_credit\",\n                \
             setter: \"set_x_scratch_credit\",\n                ty: ValueType::Decimal,",
        ],
    );

    // Python: typed.py is fully annotated and is its own stub (there is no typed.pyi; the
    // native `_foxy.pyi` imports its classes from it), so these signatures are what mypy sees.
    let python = file("bindings/python/python/foxy/typed.py");
    assert_holds(
        "Python, class Coupon",
        block(&python, "class Coupon(TypedResource):", "class "),
        &[
            "    @property\n    def x_scratch_note(self) -> str | None:\n        \"\"\"`x_scratch_note`.\"\"\"\n        \
             value: str | None = self.get_property(\"x_scratch_note\")",
            "    @x_scratch_note.setter\n    def x_scratch_note(self, value: str | None) -> None:\n        \
             self.set_property(\"x_scratch_note\", value)",
            "    @property\n    def x_scratch_credit(self) -> decimal.Decimal | None:\n        \
             \"\"\"`x_scratch_credit`.\"\"\"\n        \
             value: decimal.Decimal | None = self.get_property(\"x_scratch_credit\")",
            "    @x_scratch_credit.setter\n    def x_scratch_credit(self, value: decimal.Decimal | int | str | None) -> None:\n        \
             self.set_property(\"x_scratch_credit\", value)",
        ],
    );

    // Node: the class, its declaration (decimals as exact strings) and the Init type.
    let js = file("bindings/node/typed.js");
    assert_holds(
        "Node typed.js, class Coupon",
        block(&js, "class Coupon extends TypedResource {", "}"),
        &[
            "  get xScratchNote() {\n    return this.getProperty(\"x_scratch_note\")",
            "  set xScratchNote(value) {\n    this.setProperty(\"x_scratch_note\", value === undefined ? null : value)",
            "  get xScratchCredit() {\n    return this.getProperty(\"x_scratch_credit\")",
            "  set xScratchCredit(value) {\n    this.setProperty(\"x_scratch_credit\", value === undefined ? null : value)",
        ],
    );
    let dts = file("bindings/node/typed.d.ts");
    assert_holds(
        "Node typed.d.ts, declare class Coupon",
        block(
            &dts,
            "export declare class Coupon extends TypedResource {",
            "}",
        ),
        &[
            "  get xScratchNote(): string | null\n  set xScratchNote(value: string | null)",
            "  get xScratchCredit(): string | null\n  set xScratchCredit(value: number | string | null)",
        ],
    );
    assert_holds(
        "Node typed.d.ts, CouponInit",
        block(&dts, "export interface CouponInit {", "}"),
        &[
            "  xScratchNote?: string | null\n",
            "  xScratchCredit?: number | string | null\n",
        ],
    );

    // uniffi: the exported methods Kotlin (`xScratchNote()`) and Swift (`xScratchNote()`) call;
    // a decimal crosses as exact text.
    let uniffi = file("bindings/uniffi/src/generated/coupons.rs");
    assert_holds(
        "uniffi, impl Coupon",
        block(&uniffi, "impl Coupon {", "}"),
        &[
            "    pub fn x_scratch_note(&self) -> FoxyResult<Option<String>> {\n        \
             self.0.text(\"x_scratch_note\")",
            "    pub fn set_x_scratch_note(&self, value: Option<String>) -> FoxyResult<()> {\n        \
             self.0.set_text(\"x_scratch_note\", value)",
            "    /// `x_scratch_credit`. An exact decimal as text (`\"10.50\"`).\n    \
             pub fn x_scratch_credit(&self) -> FoxyResult<Option<String>> {\n        \
             self.0.decimal(\"x_scratch_credit\")",
            "    pub fn set_x_scratch_credit(&self, value: Option<String>) -> FoxyResult<()> {\n        \
             self.0.set_decimal(\"x_scratch_credit\", value)",
        ],
    );
    assert!(
        block(&uniffi, "#[uniffi::export]\nimpl Coupon {", "}").contains("x_scratch_note"),
        "uniffi: the accessors are not in Coupon's #[uniffi::export] block"
    );

    // Nothing else: the same files, the changed ones only gain lines, and exactly these change.
    assert_eq!(
        tree(&out.0),
        tree(&base.0),
        "the set of generated files differs"
    );
    let mut changed = Vec::new();
    for path in tree(&out.0) {
        let (old, new) = (read(&base.0.join(&path)), read(&out.0.join(&path)));
        if old != new {
            assert!(
                only_added(&old, &new),
                "{}: lines changed or removed",
                path.display()
            );
            changed.push(path.to_string_lossy().into_owned());
        }
    }
    assert_eq!(
        changed,
        [
            "bindings/node/typed.d.ts",
            "bindings/node/typed.js",
            "bindings/python/python/foxy/typed.py",
            "bindings/uniffi/src/generated/coupons.rs",
            "crates/foxy-model/src/generated/coupons.rs",
            "crates/foxy-model/src/generated/manifest.rs",
        ]
    );
}

/// The unmodified description, generated into a scratch folder, gives the committed files
/// byte for byte (what `codegen --check` checks, here through the scratch-output path).
#[test]
fn the_unmodified_description_generates_the_committed_files() {
    let out = Scratch::new("fresh");
    generate_into(&out.0, foxy_schema::schema().expect("the description"));
    let generated = tree(&out.0);
    for path in &generated {
        assert!(
            read(&out.0.join(path)) == read(&root().join(path)),
            "{} is stale: run `cargo xtask codegen` and commit it",
            path.display()
        );
    }
    // No committed generated module the generator no longer writes.
    for dir in [
        super::MODEL_DIR,
        super::NAV_DIR,
        "bindings/uniffi/src/generated",
    ] {
        for name in super::existing(&root().join(dir)) {
            let path = Path::new(dir).join(&name);
            assert!(
                generated.contains(&path),
                "{} is committed but not generated",
                path.display()
            );
        }
    }
}
