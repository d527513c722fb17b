//! The generated typed navigation of `crates/foxy` (`src/generated/navigation.rs`).
//!
//! For every relation with a generated type of its own (resources and
//! collections; aliases share their target's): the capability traits its
//! methods allow (`Get`, `Put`, `Patch`, `Delete` on a resource, `List`,
//! `Create` on a collection), and one method per described link on its
//! `Nav` handle, named after the link relation: the target's handle, or a
//! POST for an action. The method bodies are one call each into
//! `crate::typed_nav`, written once for both clients.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use foxy_schema::{Kind, Method};

use super::HEADER;
use super::names::{doc_text, method, plain};
use super::plan::{Plan, Shape};

/// Methods every `Nav` handle has: a link method cannot take these names.
const RESERVED: &[&str] = &[
    "new",
    "target",
    "follow",
    "link",
    "action",
    "href",
    "get",
    "put",
    "patch",
    "delete",
    "list",
    "all",
    "member",
    "by_id",
    "create",
    "create_and_get",
    "clone",
    "fmt",
];

/// Actions that may move money: sent as charges (never replayed once they
/// may have reached the server; later failures ambiguous).
const MONEY_ACTIONS: &[&str] = &["refund", "capture", "void", "charge_past_due"];

/// `crates/foxy/src/generated/navigation.rs`.
pub fn file(plan: &Plan<'_>) -> Result<String, String> {
    let mut out = String::new();
    let mut handles = 0usize;
    let mut links = 0usize;
    let mut actions = 0usize;
    let mut body = String::new();
    for r in &plan.relations {
        let (ty, collection) = match &r.shape {
            Shape::Struct { name } if r.rel.kind == Kind::Resource => (name, false),
            Shape::Collection { name, .. } => (name, true),
            _ => continue,
        };
        handles += 1;
        let _ = writeln!(body, "\n// fx:{}", r.rel.name);
        let allowed = |m| r.rel.allows(m);
        let traits: Vec<&str> = if collection {
            [(Method::Get, "List"), (Method::Post, "Create")]
                .into_iter()
                .filter(|(m, _)| allowed(*m))
                .map(|(_, t)| t)
                .collect()
        } else {
            [
                (Method::Get, "Get"),
                (Method::Put, "Put"),
                (Method::Patch, "Patch"),
                (Method::Delete, "Delete"),
            ]
            .into_iter()
            .filter(|(m, _)| allowed(*m))
            .map(|(_, t)| t)
            .collect()
        };
        for t in traits {
            let _ = writeln!(body, "impl {t} for m::{ty} {{}}");
        }
        let mut methods = String::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for link in &r.rel.links {
            let Some(target) = plan.relations.iter().find(|p| p.rel.name == link.target) else {
                return Err(format!(
                    "{}: link {} leads to {}, which is not described",
                    r.rel.name, link.rel, link.target
                ));
            };
            let name = method(&link.rel).map_err(|e| format!("{}: {e}", r.rel.name))?;
            if RESERVED.contains(&plain(&name)) || !taken.insert(name.clone()) {
                return Err(format!(
                    "{}: link {} would be method {name}, which the handle already has",
                    r.rel.name, link.rel
                ));
            }
            let summary = doc_text(&target.rel.description);
            match target.rel.kind {
                Kind::Action => {
                    actions += 1;
                    let charges = MONEY_ACTIONS.contains(&link.rel.as_str());
                    let note = if charges {
                        " Sent as a charge: never replayed once it may have reached the server; \
                         a later failure is `Error::Ambiguous`."
                    } else {
                        ""
                    };
                    let _ = writeln!(
                        methods,
                        "    /// POST `body` to `fx:{rel}`: {summary}{note}
    pub fn {name}(&self, body: Body) -> C::Output<'a, Resource>
    where
        C: Driver,
    {{
        self.action({rel:?}, {charges}, body)
    }}",
                        rel = link.rel,
                    );
                }
                Kind::External => {}
                Kind::Resource | Kind::Collection { .. } => {
                    let Some(target_ty) = target.shape.type_name() else {
                        continue;
                    };
                    links += 1;
                    let _ = writeln!(
                        methods,
                        "    /// `fx:{rel}`: {summary}
    pub fn {name}(&self) -> Nav<'a, C, m::{target_ty}> {{
        self.link({rel:?})
    }}",
                        rel = link.rel,
                    );
                }
            }
        }
        if !methods.is_empty() {
            let _ = writeln!(body, "impl<'a, C> Nav<'a, C, m::{ty}> {{\n{methods}}}");
        }
    }
    let _ = writeln!(
        out,
        "{HEADER}
//! Typed navigation generated from the description (`foxy_schema::schema()`).
//!
//! {handles} relations with a typed handle, {links} link methods, {actions} action methods. For each
//! relation: the methods its description allows on `Nav` (`Get`, `Put`, `Patch`, `Delete` on a
//! resource; `List`, `Create` on a collection), and one method per described link, named after
//! the link relation, returning the target's handle (or, for an action, posting to it). See
//! `crate::typed_nav`.

use foxy_model::generated as m;
use foxy_proto::Resource;
use foxy_proto::request::Body;

use super::{{Create, Delete, Driver, Get, List, Nav, Patch, Put}};"
    );
    out.push_str(&body);
    Ok(out)
}
