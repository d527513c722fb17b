//! The uniffi (Swift, Kotlin) half of the bindings' codegen:
//! `bindings/uniffi/src/generated/*.rs`, one module per family of the
//! description, and `generated/mod.rs`.
//!
//! For every relation the Rust model types (`foxy_model::generated`):
//! a class over `foxy_ffi::typed::Handle` (`typed_class!`) with one getter
//! and one setter per described property, reading and writing through the
//! core resource by the property's name; for every member type of a
//! collection, a page record and a pager (`typed_page!`); and for every
//! relation with a Rust typed handle, a navigation path object whose
//! methods each call the matching method of `foxy::Nav`, so the rules are
//! the core's. `cargo xtask bindings` then writes the Swift and Kotlin
//! sources from the built library.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use foxy_schema::{Kind, Method, PropertyType, Schema};

use crate::codegen::names::{doc_text, method, plain};
use crate::codegen::plan::{Plan, RelPlan, Shape};
use crate::codegen::{HEADER, rustfmt};

/// Where the generated modules are written.
const DIR: &str = "bindings/uniffi/src/generated";

/// Methods every class has, in Rust, Kotlin or Swift: no getter or setter may take them.
const CLASS_RESERVED: &[&str] = &[
    "new",
    "from_json",
    "href",
    "link",
    "meta",
    "to_json",
    "wrap",
    "destroy",
    "close",
    "to_string",
    "hash_code",
    "equals",
];

/// Methods every path has: no link method may take them.
const PATH_RESERVED: &[&str] = &[
    "href",
    "follow",
    "get",
    "put",
    "patch",
    "delete",
    "list",
    "pages",
    "member",
    "by_id",
    "create",
    "create_and_get",
    "destroy",
    "close",
    "to_string",
    "hash_code",
    "equals",
];

/// Every generated file: (path from the workspace root, text formatted by rustfmt).
pub(super) fn uniffi(schema: &Schema) -> Result<Vec<(PathBuf, String)>, String> {
    let plan = Plan::new(schema)?;
    modules(&plan)?
        .into_iter()
        .map(|(path, text)| {
            rustfmt(&text)
                .map(|text| (path.clone(), text))
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

/// Every generated file, unformatted.
fn modules(plan: &Plan<'_>) -> Result<Vec<(PathBuf, String)>, String> {
    let mut files = Vec::new();
    let mut pages: BTreeSet<String> = BTreeSet::new();
    let mut counts = (0usize, 0usize, 0usize);
    for family in &plan.families {
        let mut body = String::new();
        for r in plan.family(family) {
            if let Shape::Struct { name } = &r.shape {
                class(&mut body, r, name)?;
                counts.0 += 1;
            }
            if let Shape::Collection { member, .. } = &r.shape {
                if pages.insert(member.clone()) {
                    let _ = writeln!(
                        body,
                        "\ntyped_page!({member}Page, {member}Pager, {member});"
                    );
                    counts.1 += 1;
                }
            }
            if path(&mut body, plan, r)? {
                counts.2 += 1;
            }
        }
        let text = format!(
            "{HEADER}\n//! The typed classes, pages and navigation paths of the `{family}` family.\n\n\
             #[allow(unused_imports)]\nuse std::sync::Arc;\n\n\
             #[allow(unused_imports)]\nuse foxy::model::generated as m;\n\n\
             #[allow(unused_imports)]\nuse super::*;\n\
             #[allow(unused_imports)]\nuse crate::document::Document;\n\
             use crate::errors::FoxyResult;\n\
             #[allow(unused_imports)]\nuse crate::paths::{{PathCore, typed_page}};\n\
             #[allow(unused_imports)]\nuse crate::query::Query;\n\
             #[allow(unused_imports)]\nuse crate::typed::typed_class;\n{body}"
        );
        files.push((PathBuf::from(format!("{DIR}/{family}.rs")), text));
    }
    let mut module = format!(
        "{HEADER}\n//! The typed classes ({}), page records and pagers ({}) and navigation paths ({}) of\n\
         //! every relation the Rust model types, generated from the description by\n\
         //! `cargo xtask codegen`: one module per family.\n\n",
        counts.0, counts.1, counts.2
    );
    for family in &plan.families {
        let _ = writeln!(module, "mod {family};");
    }
    module.push('\n');
    for family in &plan.families {
        let _ = writeln!(module, "pub use {family}::*;");
    }
    files.push((PathBuf::from(format!("{DIR}/mod.rs")), module));
    Ok(files)
}

/// The Rust type, handle reader and writer of a property type.
fn accessors(ty: PropertyType) -> (&'static str, &'static str, &'static str) {
    match ty {
        PropertyType::String => ("String", "text", "set_text"),
        PropertyType::Enum => ("String", "text", "set_enum"),
        PropertyType::Integer => ("i64", "integer", "set_integer"),
        PropertyType::Decimal => ("String", "decimal", "set_decimal"),
        PropertyType::Boolean => ("bool", "boolean", "set_boolean"),
        PropertyType::Date | PropertyType::DateTime => ("String", "date", "set_date"),
        PropertyType::Json => ("String", "json", "set_json"),
    }
}

/// How a property type crosses the boundary, for its doc comment.
fn form(ty: PropertyType) -> &'static str {
    match ty {
        PropertyType::Decimal => " An exact decimal as text (`\"10.50\"`).",
        PropertyType::Date => " A date as text (`2026-11-02`).",
        PropertyType::DateTime => " A date and time as text (ISO 8601).",
        PropertyType::Json => " JSON text.",
        _ => "",
    }
}

/// The class of one relation: `typed_class!` and its getters and setters.
fn class(out: &mut String, r: &RelPlan<'_>, name: &str) -> Result<(), String> {
    let _ = write!(
        out,
        "\ntyped_class!(\n    /// {} (`fx:{}`): a handle on the resource; what is not described is kept.\n    {name},\n    {:?}\n);\n",
        doc_text(r.rel.description.trim_end_matches('.')),
        r.rel.name,
        r.rel.name
    );
    let mut methods = String::new();
    for p in &r.properties {
        let (ty, get, set) = accessors(p.prop.ty);
        let getter = &p.getter;
        if CLASS_RESERVED.contains(&plain(getter)) || CLASS_RESERVED.contains(&p.setter.as_str()) {
            return Err(format!(
                "{}.{}: the uniffi class already has a method {getter}",
                r.rel.name, p.prop.name
            ));
        }
        let mut note = form(p.prop.ty).to_owned();
        if !p.prop.values.is_empty() {
            note.push_str(&format!(" One of: {}.", p.prop.values.join(", ")));
        }
        if p.prop.write_only {
            note.push_str(" Write-only.");
        }
        let _ = write!(
            methods,
            "    /// `{n}`.{note}\n    pub fn {getter}(&self) -> FoxyResult<Option<{ty}>> {{\n        \
             self.0.{get}({n:?})\n    }}\n",
            n = p.prop.name,
            note = doc_text(&note),
        );
        if !p.prop.read_only {
            let _ = write!(
                methods,
                "    /// Sets `{n}` (`None`: `null`).\n    pub fn {setter}(&self, value: Option<{ty}>) -> FoxyResult<()> {{\n        \
                 self.0.{set}({n:?}, value)\n    }}\n",
                n = p.prop.name,
                setter = p.setter,
            );
        }
    }
    if !methods.is_empty() {
        let _ = write!(out, "\n#[uniffi::export]\nimpl {name} {{\n{methods}}}\n");
    }
    Ok(())
}

/// The type of the path object of `ty`'s relation, when it has one.
fn path_of(plan: &Plan<'_>, ty: &str) -> Option<String> {
    plan.relations
        .iter()
        .find(|p| match &p.shape {
            Shape::Struct { name } => name == ty && p.rel.kind == Kind::Resource,
            Shape::Collection { name, .. } => name == ty,
            _ => false,
        })
        .map(|_| format!("{ty}Path"))
}

/// The navigation path of one relation (as `foxy::Nav` has a handle for it);
/// whether it has one.
fn path(out: &mut String, plan: &Plan<'_>, r: &RelPlan<'_>) -> Result<bool, String> {
    let (ty, member) = match &r.shape {
        Shape::Struct { name } if r.rel.kind == Kind::Resource => (name, None),
        Shape::Collection { name, member } => (name, Some(member)),
        _ => return Ok(false),
    };
    let allowed = |m| r.rel.allows(m);
    let mut methods = String::new();
    let nav = format!("self.0.nav::<m::{ty}>()");
    let _ = write!(
        methods,
        "    /// The href the path resolves to (reads what is not cached yet).\n    \
         pub async fn href(&self) -> FoxyResult<String> {{\n        self.0.href().await\n    }}\n\
         \n    /// The same path, then the relations `rels` (`[\"fx:items\"]`), untyped.\n    \
         pub fn follow(&self, rels: Vec<String>) -> Arc<crate::paths::FollowPath> {{\n        self.0.follow(rels)\n    }}\n"
    );
    match member {
        None => resource_methods(&mut methods, ty, &allowed),
        Some(member) => collection_methods(&mut methods, plan, ty, member, &allowed),
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for link in &r.rel.links {
        let Some(target) = plan.relations.iter().find(|p| p.rel.name == link.target) else {
            return Err(format!(
                "{}: link {} is not described",
                r.rel.name, link.rel
            ));
        };
        let name = method(&link.rel)?;
        if PATH_RESERVED.contains(&plain(&name)) || !taken.insert(name.clone()) {
            return Err(format!(
                "{}: link {} would be path method {name}, which is taken",
                r.rel.name, link.rel
            ));
        }
        let summary = doc_text(&target.rel.description);
        match target.rel.kind {
            Kind::Action => {
                let _ = write!(
                    methods,
                    "\n    /// POST the JSON object `body_json` to `fx:{rel}`: {summary}\n    \
                     pub async fn {name}(&self, body_json: String) -> FoxyResult<Document> {{\n        \
                     let body = self.0.body(&body_json)?;\n        self.0.answer({nav}.{name}(body)).await\n    }}\n",
                    rel = link.rel,
                );
            }
            Kind::External => {}
            Kind::Resource | Kind::Collection { .. } => {
                let Some(target_ty) = target.shape.type_name() else {
                    continue;
                };
                let path = path_of(plan, target_ty).ok_or_else(|| {
                    format!(
                        "{}: link {} leads to {target_ty}, which has no path",
                        r.rel.name, link.rel
                    )
                })?;
                let _ = write!(
                    methods,
                    "\n    /// `fx:{rel}`: {summary}\n    pub fn {name}(&self) -> Arc<{path}> {{\n        \
                     Arc::new({path}(self.0.to({nav}.{name}().target())))\n    }}\n",
                    rel = link.rel,
                );
            }
        }
    }
    let _ = write!(
        out,
        "\n/// The path to `fx:{rel}` ({desc}): nothing is sent until a method is called.\n\
         #[derive(Debug, uniffi::Object)]\npub struct {ty}Path(pub(crate) PathCore);\n\n\
         #[uniffi::export(async_runtime = \"tokio\")]\nimpl {ty}Path {{\n{methods}}}\n",
        rel = r.rel.name,
        desc = doc_text(r.rel.description.trim_end_matches('.')),
    );
    Ok(true)
}

/// `get`, `put`, `patch`, `delete` of a resource path, as its relation allows.
fn resource_methods(out: &mut String, ty: &str, allowed: &dyn Fn(Method) -> bool) {
    if allowed(Method::Get) {
        let _ = write!(
            out,
            "\n    /// GET the resource, zoomed by `query` (its names checked first).\n    \
             #[uniffi::method(default(query = None))]\n    \
             pub async fn get(&self, query: Option<Query>) -> FoxyResult<Arc<{ty}>> {{\n        \
             Ok({ty}::wrap(self.0.get::<m::{ty}>(query).await?))\n    }}\n"
        );
    }
    if allowed(Method::Put) {
        let _ = write!(
            out,
            "\n    /// PUT `value` as the whole resource (everything it was read with, plus changes).\n    \
             pub async fn put(&self, value: Arc<{ty}>) -> FoxyResult<Arc<{ty}>> {{\n        \
             Ok({ty}::wrap(self.0.put::<m::{ty}>(&value.0).await?))\n    }}\n"
        );
    }
    if allowed(Method::Patch) {
        let _ = write!(
            out,
            "\n    /// PATCH the properties of the JSON object `changes_json`.\n    \
             pub async fn patch(&self, changes_json: String) -> FoxyResult<Arc<{ty}>> {{\n        \
             Ok({ty}::wrap(self.0.patch::<m::{ty}>(changes_json).await?))\n    }}\n"
        );
    }
    if allowed(Method::Delete) {
        let _ = write!(
            out,
            "\n    /// DELETE the resource.\n    pub async fn delete(&self) -> FoxyResult<()> {{\n        \
             self.0.delete::<m::{ty}>().await\n    }}\n"
        );
    }
}

/// `list`, `pages`, `member`, `by_id`, `create` of a collection path, as its relation allows.
fn collection_methods(
    out: &mut String,
    plan: &Plan<'_>,
    ty: &str,
    member: &str,
    allowed: &dyn Fn(Method) -> bool,
) {
    if allowed(Method::Get) {
        let _ = write!(
            out,
            "\n    /// One page, filtered, ordered and zoomed by `query` (its names checked first).\n    \
             #[uniffi::method(default(query = None))]\n    \
             pub async fn list(&self, query: Option<Query>) -> FoxyResult<{member}Page> {{\n        \
             Ok({member}Page::of(self.0.list::<m::{ty}>(query).await?))\n    }}\n\
             \n    /// Every page matching `query`, one at a time (`next()`), following `next` links;\n    \
             /// the page after the one returned is requested meanwhile.\n    \
             #[uniffi::method(default(query = None))]\n    \
             pub fn pages(&self, query: Option<Query>) -> FoxyResult<Arc<{member}Pager>> {{\n        \
             Ok(Arc::new({member}Pager(self.0.pages::<m::{ty}>(query)?)))\n    }}\n"
        );
        if let Some(path) = path_of(plan, member) {
            let _ = write!(
                out,
                "\n    /// The path of one member, by its href.\n    \
                 pub fn member(&self, href: String) -> Arc<{path}> {{\n        \
                 Arc::new({path}(self.0.member::<m::{ty}>(href)))\n    }}\n\
                 \n    /// The path of one member by its id, at the described path (`coupons/{{id}}`).\n    \
                 pub fn by_id(&self, id: u64) -> FoxyResult<Arc<{path}>> {{\n        \
                 Ok(Arc::new({path}(self.0.by_id::<m::{ty}>(id)?)))\n    }}\n"
            );
        }
    }
    if allowed(Method::Post) {
        let _ = write!(
            out,
            "\n    /// Creates `value` in the collection; the new resource's href.\n    \
             pub async fn create(&self, value: Arc<{member}>) -> FoxyResult<String> {{\n        \
             self.0.create::<m::{ty}>(&value.0).await\n    }}\n\
             \n    /// Creates `value`, then reads it back zoomed by `query`.\n    \
             #[uniffi::method(default(query = None))]\n    \
             pub async fn create_and_get(&self, value: Arc<{member}>, query: Option<Query>) -> FoxyResult<Arc<{member}>> {{\n        \
             Ok({member}::wrap(self.0.create_and_get::<m::{ty}>(&value.0, query).await?))\n    }}\n"
        );
    }
}
