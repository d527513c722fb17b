//! The generator's intermediate model: what type each relation becomes and
//! what its accessors are called, decided once from the description and
//! checked for clashes before any text is written.

use std::collections::{BTreeMap, BTreeSet};

use foxy_schema::{Kind, Property, PropertyType, Relation, Schema};

use super::names::{method, pascal, plain};

/// Every relation, in the description's order, with its Rust shape.
pub struct Plan<'s> {
    /// One entry per relation of the description.
    pub relations: Vec<RelPlan<'s>>,
    /// The families (data files), in the description's order.
    pub families: Vec<String>,
}

/// What one relation becomes.
pub struct RelPlan<'s> {
    pub rel: &'s Relation,
    pub shape: Shape,
    pub properties: Vec<PropPlan<'s>>,
    pub links: Vec<LinkPlan>,
    pub embedded: Vec<EmbPlan>,
}

/// The Rust item a relation becomes.
pub enum Shape {
    /// A struct over one resource.
    Struct { name: String },
    /// A struct over one page, with members of type `member`.
    Collection { name: String, member: String },
    /// `pub type name = target;` for another name of a described relation.
    Alias { name: String, target: String },
    /// No type (actions without properties, external links).
    None,
}

impl Shape {
    /// The type a value of this relation has in Rust.
    pub fn type_name(&self) -> Option<&str> {
        match self {
            Shape::Struct { name } | Shape::Collection { name, .. } => Some(name),
            Shape::Alias { target, .. } => Some(target),
            Shape::None => None,
        }
    }
}

/// One property and its accessors.
pub struct PropPlan<'s> {
    pub prop: &'s Property,
    /// The getter (`r#type` for a keyword).
    pub getter: String,
    pub setter: String,
    pub enum_plan: Option<EnumPlan>,
}

/// A generated enum: its name and `(variant, value)` pairs.
pub struct EnumPlan {
    pub name: String,
    pub variants: Vec<(String, String)>,
}

/// One link and its accessor.
pub struct LinkPlan {
    pub rel: String,
    pub target: String,
    pub accessor: String,
}

/// One embeddable relation and its accessors.
pub struct EmbPlan {
    pub rel: String,
    pub type_name: String,
    pub many: bool,
    pub getter: String,
    pub setter: String,
}

/// Method names the traits give every generated type (an inherent method of
/// the same name would hide them).
const TRAIT_METHODS: &[&str] = &[
    "new",
    "from_resource",
    "as_resource",
    "as_resource_mut",
    "into_resource",
    "validate",
    "self_href",
    "info",
    "members_rel",
    "members",
    "set_members",
    "total_items",
    "returned_items",
    "limit",
    "offset",
    "first_href",
    "prev_href",
    "next_href",
    "last_href",
    "to_view",
    "to_generated",
];

/// The type of the relation `name` resolves to: its own struct, or (for a
/// collection's member or an alias) the struct of what it resolves to.
fn struct_of(schema: &Schema, name: &str) -> Option<String> {
    let r = schema.resolve(name)?;
    has_struct(r).then(|| pascal(&r.name))
}

/// Whether a (non-alias) relation gets a struct of its own.
fn has_struct(r: &Relation) -> bool {
    if r.alias_of.is_some() {
        return false;
    }
    match r.kind {
        Kind::Resource | Kind::Collection { .. } => true,
        Kind::Action => !r.properties.is_empty(),
        Kind::External => false,
    }
}

impl<'s> Plan<'s> {
    /// Decides every name; fails on a name that cannot be Rust or two that clash.
    pub fn new(schema: &'s Schema) -> Result<Plan<'s>, String> {
        let mut relations = Vec::new();
        let mut families: Vec<String> = Vec::new();
        let mut types: BTreeMap<String, String> = BTreeMap::new();
        let mut claim = |ty: &str, owner: &str| match types.insert(ty.to_owned(), owner.to_owned())
        {
            Some(previous) => Err(format!(
                "type {ty} would be generated for both {previous} and {owner}"
            )),
            None => Ok(()),
        };
        for r in schema.iter() {
            if !families.contains(&r.family) {
                families.push(r.family.clone());
            }
            let own = pascal(&r.name);
            let shape = if let Some(target) = r.alias_of.as_deref() {
                match struct_of(schema, target) {
                    Some(target) => Shape::Alias { name: own, target },
                    None => Shape::None,
                }
            } else if !has_struct(r) {
                Shape::None
            } else if let Kind::Collection { member } = &r.kind {
                let member = struct_of(schema, member)
                    .ok_or_else(|| format!("{}: member {member} has no generated type", r.name))?;
                Shape::Collection { name: own, member }
            } else {
                Shape::Struct { name: own }
            };
            if let Shape::Struct { name }
            | Shape::Collection { name, .. }
            | Shape::Alias { name, .. } = &shape
            {
                claim(name, &r.name)?;
            }
            let rel_plan = plan_relation(schema, r, shape, &mut claim)?;
            relations.push(rel_plan);
        }
        Ok(Plan {
            relations,
            families,
        })
    }

    /// The relations of one family.
    pub fn family(&self, family: &str) -> impl Iterator<Item = &RelPlan<'s>> {
        let family = family.to_owned();
        self.relations
            .iter()
            .filter(move |r| r.rel.family == family)
    }
}

fn plan_relation<'s>(
    schema: &'s Schema,
    r: &'s Relation,
    shape: Shape,
    claim: &mut impl FnMut(&str, &str) -> Result<(), String>,
) -> Result<RelPlan<'s>, String> {
    let mut plan = RelPlan {
        rel: r,
        shape,
        properties: Vec::new(),
        links: Vec::new(),
        embedded: Vec::new(),
    };
    let Shape::Struct { name } = &plan.shape else {
        return Ok(plan);
    };
    let type_name = name.clone();
    let mut methods: BTreeSet<String> = TRAIT_METHODS.iter().map(|m| (*m).to_owned()).collect();
    let mut take = |m: &str, what: &str| {
        if methods.insert(plain(m).to_owned()) {
            Ok(())
        } else {
            Err(format!(
                "{}: {what} needs method {m}, which is already taken",
                r.name
            ))
        }
    };
    for p in &r.properties {
        let getter = method(&p.name).map_err(|e| format!("{}.{}: {e}", r.name, p.name))?;
        let setter = format!("set_{}", plain(&getter));
        take(&getter, &format!("property {}", p.name))?;
        take(&setter, &format!("property {}", p.name))?;
        let enum_plan = if p.ty == PropertyType::Enum {
            let name = format!("{type_name}{}", pascal(&p.name));
            claim(&name, &format!("{}.{}", r.name, p.name))?;
            let mut variants = Vec::new();
            let mut seen = BTreeSet::from(["Other".to_owned()]);
            for v in &p.values {
                let mut variant = pascal(v);
                if variant.is_empty() || variant.starts_with(|c: char| c.is_ascii_digit()) {
                    variant = format!("V{variant}");
                }
                if !seen.insert(variant.clone()) {
                    return Err(format!(
                        "{}.{}: value {v:?} gives variant {variant} twice",
                        r.name, p.name
                    ));
                }
                variants.push((variant, v.clone()));
            }
            Some(EnumPlan { name, variants })
        } else {
            None
        };
        plan.properties.push(PropPlan {
            prop: p,
            getter,
            setter,
            enum_plan,
        });
    }
    for link in &r.links {
        let accessor = format!("{}_href", plain(&method(&link.rel)?));
        take(&accessor, &format!("link {}", link.rel))?;
        plan.links.push(LinkPlan {
            rel: link.rel.clone(),
            target: link.target.clone(),
            accessor,
        });
    }
    for z in r.zoom.iter().filter(|z| !z.contains(':')) {
        let Some(target) = schema.resolve(z) else {
            continue;
        };
        let (type_name, many) = match &target.kind {
            Kind::Collection { member } => (struct_of(schema, member), true),
            _ => (struct_of(schema, &target.name), false),
        };
        let Some(type_name) = type_name else {
            continue;
        };
        let base = plain(&method(z)?).to_owned();
        let getter = format!("embedded_{base}");
        let setter = format!("set_embedded_{base}");
        take(&getter, &format!("zoom {z}"))?;
        take(&setter, &format!("zoom {z}"))?;
        plan.embedded.push(EmbPlan {
            rel: z.clone(),
            type_name,
            many,
            getter,
            setter,
        });
    }
    Ok(plan)
}
