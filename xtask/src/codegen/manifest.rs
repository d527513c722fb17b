//! The generated `mod.rs` (modules, re-exports, dispatch by relation name)
//! and `manifest.rs` (the `RELATIONS` table bindings generate from).

use std::fmt::Write as _;

use foxy_schema::{Kind, PropertyType};

use super::HEADER;
use super::plan::{Plan, RelPlan, Shape};

/// `generated/mod.rs`.
pub fn module(plan: &Plan<'_>) -> String {
    let mut out = String::new();
    let structs = plan
        .relations
        .iter()
        .filter(|r| matches!(r.shape, Shape::Struct { .. }))
        .count();
    let collections = plan
        .relations
        .iter()
        .filter(|r| matches!(r.shape, Shape::Collection { .. }))
        .count();
    let _ = writeln!(
        out,
        "{HEADER}
//! Typed resources generated from the description (`foxy_schema::schema()`).
//!
//! {structs} resource types and {collections} collection types, one module per family. Each is a
//! handle on one [`foxy_proto::Resource`]: typed getters read a property when called, typed
//! setters write it back in the form it had, and everything the description does not name
//! (unknown properties and links, Siren classes and actions) stays in the resource, so a
//! document read and written back is unchanged. See [`crate::typed`] for the shared traits and
//! [`RELATIONS`] for the table of every relation, property, link and embeddable relation.
"
    );
    for f in &plan.families {
        let _ = writeln!(out, "pub mod {f};");
    }
    out.push_str("mod manifest;\n\n");
    for f in &plan.families {
        let _ = writeln!(out, "pub use {f}::*;");
    }
    out.push_str("pub use manifest::RELATIONS;\n");
    out.push_str(
        r#"
/// The entry of [`RELATIONS`] for `name` (short, `fx:` or full URI form).
pub fn relation(name: &str) -> Option<&'static crate::typed::RelationInfo> {
    let name = name
        .strip_prefix("fx:")
        .or_else(|| name.strip_prefix(foxy_proto::rel::FX_BASE))
        .unwrap_or(name);
    RELATIONS.iter().find(|r| r.name == name)
}

/// Reads `resource` as the generated type of relation `name` (short form) and runs every
/// typed getter; `None` when the relation has no generated type.
#[inline]
pub fn validate(
    name: &str,
    resource: &foxy_proto::Resource,
) -> Option<Result<(), crate::ModelError>> {
    use crate::typed::TypedResource as _;
    let resource = resource.clone();
    Some(match name {
"#,
    );
    for r in &plan.relations {
        if let Some(ty) = r.shape.type_name() {
            let _ = writeln!(
                out,
                "        {:?} => {ty}::from_resource(resource).validate(),",
                r.rel.name
            );
        }
    }
    out.push_str("        _ => return None,\n    })\n}\n");
    out
}

/// `generated/manifest.rs`.
pub fn table(plan: &Plan<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{HEADER}
//! The generator's intermediate model as data: every relation of the description, the type
//! generated for it and the names of its accessors.

use crate::typed::{{
    EmbeddedInfo, LinkInfo, PropertyInfo, RelationInfo, RelationKind, ValueType,
}};

/// Every relation of the description, in its order, with its generated type and accessors.
pub static RELATIONS: &[RelationInfo] = &["
    );
    for r in &plan.relations {
        entry(&mut out, r);
    }
    out.push_str("];\n");
    out
}

fn opt(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("Some({v:?})"),
        None => "None".into(),
    }
}

fn entry(out: &mut String, r: &RelPlan<'_>) {
    let rel = r.rel;
    let kind = match rel.kind {
        Kind::Resource => "Resource",
        Kind::Collection { .. } => "Collection",
        Kind::Action => "Action",
        Kind::External => "External",
    };
    let methods: Vec<String> = rel
        .methods
        .iter()
        .map(|m| format!("{:?}", format!("{m:?}").to_uppercase()))
        .collect();
    let _ = writeln!(
        out,
        "    RelationInfo {{
        name: {name:?},
        family: {family:?},
        kind: RelationKind::{kind},
        type_name: {ty},
        description: {description:?},
        alias_of: {alias},
        member: {member},
        methods: &[{methods}],
        path: {path},
        properties: &[",
        name = rel.name,
        family = rel.family,
        ty = opt(r.shape.type_name()),
        description = rel.description,
        alias = opt(rel.alias_of.as_deref()),
        member = opt(rel.member()),
        methods = methods.join(", "),
        path = opt(rel.path.as_deref()),
    );
    for p in &r.properties {
        let prop = p.prop;
        let ty = match prop.ty {
            PropertyType::String => "Text",
            PropertyType::Integer => "Integer",
            PropertyType::Decimal => "Decimal",
            PropertyType::Boolean => "Boolean",
            PropertyType::Date => "Date",
            PropertyType::DateTime => "DateTime",
            PropertyType::Enum => "Enum",
            PropertyType::Json => "Json",
        };
        let values: Vec<String> = prop.values.iter().map(|v| format!("{v:?}")).collect();
        let num = |n: Option<i64>| n.map_or("None".into(), |n| format!("Some({n})"));
        let _ = writeln!(
            out,
            "            PropertyInfo {{
                name: {name:?},
                getter: {getter:?},
                setter: {setter:?},
                ty: ValueType::{ty},
                enum_type: {enum_type},
                values: &[{values}],
                nullable: {nullable},
                required: {required},
                read_only: {read_only},
                write_only: {write_only},
                max_length: {max_length},
                min: {min},
                max: {max},
                note: {note:?},
            }},",
            name = prop.name,
            getter = p.getter,
            setter = p.setter,
            enum_type = opt(p.enum_plan.as_ref().map(|e| e.name.as_str())),
            values = values.join(", "),
            nullable = prop.nullable,
            required = prop.required,
            read_only = prop.read_only,
            write_only = prop.write_only,
            max_length = prop
                .max_length
                .map_or("None".into(), |n| format!("Some({n})")),
            min = num(prop.min),
            max = num(prop.max),
            note = prop.note.as_deref().unwrap_or(""),
        );
    }
    out.push_str("        ],\n        links: &[\n");
    for l in &r.links {
        let _ = writeln!(
            out,
            "            LinkInfo {{ rel: {:?}, target: {:?}, accessor: {:?} }},",
            l.rel, l.target, l.accessor
        );
    }
    out.push_str("        ],\n        embedded: &[\n");
    for e in &r.embedded {
        let _ = writeln!(
            out,
            "            EmbeddedInfo {{ rel: {:?}, type_name: {:?}, many: {}, getter: {:?}, setter: {:?} }},",
            e.rel, e.type_name, e.many, e.getter, e.setter
        );
    }
    out.push_str("        ],\n    },\n");
}
