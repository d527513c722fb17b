//! The Rust text of one family's module: structs, collections, aliases, enums.

use std::fmt::Write as _;

use foxy_schema::{Kind, Property, PropertyType, Relation};

use super::HEADER;
use super::names::doc_text;
use super::plan::{EmbPlan, EnumPlan, LinkPlan, Plan, PropPlan, RelPlan, Shape};

/// The module of `family`.
pub fn family(plan: &Plan<'_>, family: &str) -> String {
    let mut out = String::new();
    let count = plan.family(family).count();
    let _ = writeln!(out, "{HEADER}");
    let _ = writeln!(
        out,
        "//! The `{family}` family: the {count} relations described in \
         `crates/foxy-schema/data/{family}.json`, as typed handles on a resource."
    );
    for r in plan.family(family) {
        out.push('\n');
        relation(&mut out, r);
    }
    out
}

fn relation(out: &mut String, r: &RelPlan<'_>) {
    match &r.shape {
        Shape::Struct { name } => resource(out, r, name),
        Shape::Collection { name, member } => collection(out, r.rel, name, member),
        Shape::Alias { name, target } => {
            relation_doc(out, r.rel);
            let _ = writeln!(
                out,
                "///\n/// Another name of `{}`: the same type.",
                r.rel.alias_of.as_deref().unwrap_or("")
            );
            let _ = writeln!(out, "pub type {name} = super::{target};");
        }
        Shape::None => {}
    }
}

/// The relation's doc comment: its description and facts.
fn relation_doc(out: &mut String, r: &Relation) {
    let _ = writeln!(out, "/// {}", doc_text(&r.description));
    let _ = writeln!(out, "///");
    let methods: Vec<String> = r
        .methods
        .iter()
        .map(|m| format!("{m:?}").to_uppercase())
        .collect();
    let mut facts = format!("/// Relation `fx:{}`", r.name);
    if !methods.is_empty() {
        let _ = write!(facts, "; {}", methods.join(", "));
    }
    if let Some(path) = &r.path {
        let _ = write!(facts, "; path `{path}`");
    }
    let _ = writeln!(out, "{facts}.");
    if let Some(notes) = &r.notes {
        let _ = writeln!(out, "///\n/// {}", doc_text(notes));
    }
}

fn common_impls(out: &mut String, name: &str, relation: &str, validate: &str) {
    let _ = writeln!(
        out,
        r#"
impl crate::typed::TypedResource for {name} {{
    const RELATION: &'static str = "{relation}";

    #[inline]
    fn from_resource(resource: foxy_proto::Resource) -> Self {{
        {name} {{ resource }}
    }}

    #[inline]
    fn as_resource(&self) -> &foxy_proto::Resource {{
        &self.resource
    }}

    #[inline]
    fn as_resource_mut(&mut self) -> &mut foxy_proto::Resource {{
        &mut self.resource
    }}

    #[inline]
    fn into_resource(self) -> foxy_proto::Resource {{
        self.resource
    }}

    #[inline]
    fn validate(&self) -> Result<(), crate::ModelError> {{
        {validate}
    }}
}}

impl From<foxy_proto::Resource> for {name} {{
    #[inline]
    fn from(resource: foxy_proto::Resource) -> Self {{
        {name} {{ resource }}
    }}
}}

impl From<{name}> for foxy_proto::Resource {{
    #[inline]
    fn from(value: {name}) -> Self {{
        value.resource
    }}
}}"#
    );
}

fn struct_head(out: &mut String, r: &Relation, name: &str) {
    relation_doc(out, r);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, Eq, Default)]\npub struct {name} {{\n    resource: foxy_proto::Resource,\n}}"
    );
}

fn resource(out: &mut String, r: &RelPlan<'_>, name: &str) {
    for p in &r.properties {
        if let Some(e) = &p.enum_plan {
            enumeration(out, r.rel, p.prop, e);
            out.push('\n');
        }
    }
    struct_head(out, r.rel, name);
    let _ = writeln!(out, "\nimpl {name} {{");
    let _ = writeln!(
        out,
        "    /// An empty `{}` resource, to fill with the setters.\n    #[inline]\n    pub fn new() -> Self {{\n        Self::default()\n    }}",
        r.rel.name
    );
    for p in &r.properties {
        property(out, p);
    }
    for l in &r.links {
        link(out, l);
    }
    for e in &r.embedded {
        embedded(out, e);
    }
    let _ = writeln!(out, "}}");
    let mut validate = String::new();
    for p in &r.properties {
        let _ = write!(validate, "self.{}()?;\n        ", p.getter);
    }
    validate.push_str("Ok(())");
    common_impls(out, name, &r.rel.name, &validate);
}

fn collection(out: &mut String, r: &Relation, name: &str, member: &str) {
    struct_head(out, r, name);
    let member_rel = match &r.kind {
        Kind::Collection { member } => member.as_str(),
        _ => "",
    };
    let _ = writeln!(
        out,
        r#"
impl {name} {{
    /// An empty page, to fill with [`crate::typed::TypedCollection::set_members`].
    #[inline]
    pub fn new() -> Self {{
        Self::default()
    }}
}}

impl crate::typed::TypedCollection for {name} {{
    /// A `{member_rel}`.
    type Member = super::{member};
}}"#
    );
    common_impls(
        out,
        name,
        &r.name,
        "crate::typed::validate_collection(self)",
    );
}

/// What the property is, for its getter's doc.
fn property_facts(p: &Property) -> String {
    let ty = match p.ty {
        PropertyType::String => "text",
        PropertyType::Integer => "a whole number",
        PropertyType::Decimal => "an exact decimal",
        PropertyType::Boolean => "a boolean",
        PropertyType::Date => "a date",
        PropertyType::DateTime => "a date and time",
        PropertyType::Enum => "one of the listed values",
        PropertyType::Json => "JSON (an object, an array or their text)",
    };
    let mut facts = vec![ty.to_owned()];
    if p.nullable {
        facts.push("may be null".into());
    }
    if p.required {
        facts.push("required on create".into());
    }
    if p.read_only {
        facts.push("read only (set by the server)".into());
    }
    if p.write_only {
        facts.push("write only (never returned)".into());
    }
    if let Some(n) = p.max_length {
        facts.push(format!("at most {n} characters"));
    }
    match (p.min, p.max) {
        (Some(min), Some(max)) => facts.push(format!("from {min} to {max}")),
        (Some(min), None) => facts.push(format!("at least {min}")),
        (None, Some(max)) => facts.push(format!("at most {max}")),
        (None, None) => {}
    }
    let mut text = facts.join(", ");
    if let Some(note) = &p.note {
        let _ = write!(text, "; {}", doc_text(note));
    }
    text
}

fn property(out: &mut String, p: &PropPlan<'_>) {
    let name = &p.prop.name;
    let (get_ty, helper, set_ty, set_expr) = match (&p.prop.ty, &p.enum_plan) {
        (PropertyType::Enum, Some(e)) => (
            e.name.clone(),
            format!("get_enum::<{}>", e.name),
            e.name.clone(),
            ("set_text", "value.as_ref().map(|v| v.as_str())"),
        ),
        (PropertyType::String | PropertyType::Enum, _) => (
            "&str".into(),
            "get_text".into(),
            "&str".into(),
            ("set_text", "value"),
        ),
        (PropertyType::Integer, _) => (
            "i64".into(),
            "get_integer".into(),
            "i64".into(),
            ("set_integer", "value"),
        ),
        (PropertyType::Decimal, _) => (
            "rust_decimal::Decimal".into(),
            "get_decimal".into(),
            "rust_decimal::Decimal".into(),
            ("set_decimal", "value"),
        ),
        (PropertyType::Boolean, _) => (
            "bool".into(),
            "get_boolean".into(),
            "bool".into(),
            ("set_boolean", "value"),
        ),
        (PropertyType::Date | PropertyType::DateTime, _) => (
            "crate::Date".into(),
            "get_date".into(),
            "crate::Date".into(),
            ("set_date", "value.as_ref()"),
        ),
        (PropertyType::Json, _) => (
            "&foxy_proto::Value".into(),
            "get_json".into(),
            "foxy_proto::Value".into(),
            ("set_json", "value"),
        ),
    };
    let facts = property_facts(p.prop);
    let _ = writeln!(
        out,
        r#"
    /// `{name}`: {facts}.
    ///
    /// `Ok(None)` when absent or null; an error naming `{name}` when the value has another type.
    #[inline]
    pub fn {getter}(&self) -> Result<Option<{get_ty}>, crate::ModelError> {{
        crate::typed::{helper}(&self.resource, "{name}")
    }}

    /// Writes `{name}` in the form it had (`None` writes null).
    #[inline]
    pub fn {setter}(&mut self, value: Option<{set_ty}>) -> &mut Self {{
        crate::typed::{set_fn}(&mut self.resource, "{name}", {set_expr});
        self
    }}"#,
        getter = p.getter,
        setter = p.setter,
        set_fn = set_expr.0,
        set_expr = set_expr.1,
    );
}

fn link(out: &mut String, l: &LinkPlan) {
    let _ = writeln!(
        out,
        r#"
    /// The href of the `fx:{rel}` link (a `{target}`), if the resource has one.
    #[inline]
    pub fn {accessor}(&self) -> Option<&str> {{
        crate::typed::fx_link_href(&self.resource, "{rel}")
    }}"#,
        rel = l.rel,
        target = l.target,
        accessor = l.accessor,
    );
}

fn embedded(out: &mut String, e: &EmbPlan) {
    let (rel, ty, getter, setter) = (&e.rel, &e.type_name, &e.getter, &e.setter);
    if e.many {
        let _ = writeln!(
            out,
            r#"
    /// The resources embedded under `fx:{rel}` (with `zoom={rel}`), each a handle on a copy.
    #[inline]
    pub fn {getter}(&self) -> Vec<super::{ty}> {{
        crate::typed::embedded(&self.resource, "{rel}")
    }}

    /// Replaces the resources embedded under `fx:{rel}` (an empty list removes them).
    #[inline]
    pub fn {setter}(&mut self, value: Vec<super::{ty}>) -> &mut Self {{
        crate::typed::set_embedded(&mut self.resource, "{rel}", value);
        self
    }}"#
        );
    } else {
        let _ = writeln!(
            out,
            r#"
    /// The resource embedded under `fx:{rel}` (with `zoom={rel}`), a handle on a copy.
    #[inline]
    pub fn {getter}(&self) -> Option<super::{ty}> {{
        crate::typed::embedded_one(&self.resource, "{rel}")
    }}

    /// Replaces the resource embedded under `fx:{rel}` (`None` removes it).
    #[inline]
    pub fn {setter}(&mut self, value: Option<super::{ty}>) -> &mut Self {{
        crate::typed::set_embedded(&mut self.resource, "{rel}", value.into_iter().collect());
        self
    }}"#
        );
    }
}

fn enumeration(out: &mut String, r: &Relation, p: &Property, e: &EnumPlan) {
    let name = &e.name;
    let _ = writeln!(
        out,
        "/// The values of `{}.{}`; a value the description does not list reads as `Other`.",
        r.name, p.name
    );
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, Eq, Hash)]\npub enum {name} {{"
    );
    for (variant, value) in &e.variants {
        let _ = writeln!(out, "    /// `{value}`.\n    {variant},");
    }
    let _ = writeln!(
        out,
        "    /// A value the description does not list, as written.\n    Other(String),\n}}"
    );
    let mut to_str = String::new();
    let mut from_str = String::new();
    for (variant, value) in &e.variants {
        let _ = writeln!(to_str, "            {name}::{variant} => {value:?},");
        let _ = writeln!(from_str, "            {value:?} => {name}::{variant},");
    }
    let _ = writeln!(
        out,
        r#"
impl {name} {{
    /// The text Foxy uses.
    #[inline]
    pub fn as_str(&self) -> &str {{
        match self {{
{to_str}            {name}::Other(text) => text,
        }}
    }}
}}

impl From<&str> for {name} {{
    #[inline]
    fn from(text: &str) -> Self {{
        match text {{
{from_str}            other => {name}::Other(other.to_owned()),
        }}
    }}
}}

impl std::fmt::Display for {name} {{
    #[inline]
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
        f.write_str(self.as_str())
    }}
}}"#
    );
}
