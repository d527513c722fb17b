//! Building the [`Catalog`] from the description: kinds, routes and link plans.
//!
//! Kinds are built in two rounds because relations link each other in
//! cycles: the first round has no children; the second (the one stored and
//! served) has children pointing at first-round kinds, which is enough since
//! a stored record always takes its kind from its storage key.

use std::collections::{HashMap, HashSet};

use foxy_schema::{Kind as RelKind, PropertyType, Relation, Schema};

use super::{Action, Catalog, Collection, EXISTING_KINDS, EXISTING_ROUTES, Plan, leak, title_case};
use crate::kinds::{self, Child, Def, Field, Kind, Ty};

/// Properties every kind renders from the record itself.
const OWN: &[&str] = &["id", "date_created", "date_modified"];

pub(super) fn catalog() -> Catalog {
    let mut c = Catalog {
        schema: None,
        generated: HashMap::new(),
        relation_of: HashMap::new(),
        kind_of: HashMap::new(),
        plans: HashMap::new(),
        singles: Vec::new(),
        collections: Vec::new(),
        actions: Vec::new(),
        externals: Vec::new(),
        helpers: Vec::new(),
        singular: HashMap::new(),
        problem: None,
    };
    let schema = match foxy_schema::schema() {
        Ok(s) => s,
        Err(e) => {
            c.problem = Some(e.to_string());
            return c;
        }
    };
    c.schema = Some(schema);
    for r in schema.iter() {
        if let Some(m) = r.member() {
            c.singular.entry(r.name.as_str()).or_insert(m);
        }
    }
    for (key, rel) in EXISTING_KINDS {
        let kind = kinds::ALL.iter().copied().find(|k| k.key == *key);
        if let (Some(kind), Some(r)) = (kind, schema.resolve(rel)) {
            c.relation_of.insert(kind.key, r);
            if r.name != "attribute" {
                c.kind_of.entry(r.name.as_str()).or_insert(kind);
            }
        }
    }
    // Round one: a kind per described resource without a hand-written one.
    let mut first: Vec<(&'static Relation, &'static Kind)> = Vec::new();
    for r in schema.iter() {
        if r.kind != RelKind::Resource || r.alias_of.is_some() || r.name == "attribute" {
            continue;
        }
        if c.kind_of.contains_key(r.name.as_str()) {
            continue;
        }
        let path = r.path.as_deref().unwrap_or("");
        if path.starts_with("property_helpers/") {
            c.helpers.push(r);
            continue;
        }
        let Some(key) = key_of(path) else { continue };
        if c.generated.contains_key(key.as_str()) || kinds::by_key_static(&key).is_some() {
            continue;
        }
        let key = leak(key);
        let kind = make_kind(schema, r, key, &[]);
        c.generated.insert(key, kind);
        c.relation_of.insert(key, r);
        c.kind_of.insert(r.name.as_str(), kind);
        first.push((r, kind));
    }
    // Attribute kinds for every parent that links attributes and has none.
    if let Some(attribute) = schema.relation("attribute") {
        let parents: Vec<&'static Kind> = all_kinds(&c)
            .into_iter()
            .filter(|k| {
                c.relation_of
                    .get(k.key)
                    .is_some_and(|r| r.name != "attribute" && r.link("attributes").is_some())
            })
            .collect();
        for parent in parents {
            let key = format!("{}_attributes", parent.rel);
            if kinds::by_key_static(&key).is_some() || c.generated.contains_key(key.as_str()) {
                continue;
            }
            let key = leak(key);
            let kind = make_kind(schema, attribute, key, &[]);
            c.generated.insert(key, kind);
            c.relation_of.insert(key, attribute);
            first.push((attribute, kind));
        }
    }
    // Children, routes and links of every kind; round two for generated kinds.
    let mut routes: HashSet<String> = EXISTING_ROUTES.iter().map(|s| (*s).to_owned()).collect();
    let mut final_kinds: HashMap<&'static str, &'static Kind> = HashMap::new();
    for kind in all_kinds(&c) {
        let Some(relation) = c.relation_of.get(kind.key).copied() else {
            continue;
        };
        let (children, plans) = wire(&mut c, &mut routes, schema, kind, relation);
        c.plans.insert(kind.key, plans);
        if c.generated.contains_key(kind.key) {
            let kids: &'static [Child] = Box::leak(children.into_boxed_slice());
            final_kinds.insert(kind.key, make_kind(schema, relation, kind.key, kids));
        }
    }
    for (key, kind) in final_kinds {
        c.generated.insert(key, kind);
        if c.kind_of.get(kind.rel).is_some_and(|k| k.key == key) {
            c.kind_of.insert(kind.rel, kind);
        }
    }
    let mut singles: Vec<&'static Kind> = c.generated.values().copied().collect();
    singles.sort_by_key(|k| k.key);
    c.singles = singles;
    // Fixed collections (the property helpers' shipping methods, store versions).
    for r in schema.iter() {
        let (Some(member), Some(path)) = (r.member(), r.path.as_deref()) else {
            continue;
        };
        let route = format!("/{path}");
        if !path.starts_with("property_helpers/") || routes.contains(&route) {
            continue;
        }
        let Some(kind) = c
            .generated
            .get(plural_key(schema, member).as_str())
            .copied()
        else {
            continue;
        };
        routes.insert(route.clone());
        let child: &'static Child = Box::leak(Box::new(Child {
            rel: leak(r.name.clone()),
            path: leak(path.to_owned()),
            kind,
            title: leak(title_case(&r.name)),
        }));
        c.collections.push(Collection {
            route,
            relation: r,
            parent: None,
            child,
        });
    }
    c
}

/// The storage key of a single resource's path: `coupons/{id}` → `coupons`,
/// `stores/{id}/customer_portal_settings` → `customer_portal_settings`.
fn key_of(path: &str) -> Option<String> {
    if let Some(base) = path.strip_suffix("/{id}") {
        if !base.is_empty() && !base.contains('/') && !base.contains('{') {
            return Some(base.to_owned());
        }
        return None;
    }
    let (_, tail) = path.rsplit_once("{id}/")?;
    (!tail.is_empty() && !tail.contains('/')).then(|| tail.to_owned())
}

/// The storage key of a member relation, from its path.
fn plural_key(schema: &Schema, member: &str) -> String {
    schema
        .resolve(member)
        .and_then(|r| r.path.as_deref())
        .and_then(key_of)
        .unwrap_or_default()
}

fn all_kinds(c: &Catalog) -> Vec<&'static Kind> {
    let mut out: Vec<&'static Kind> = kinds::ALL.to_vec();
    let mut generated: Vec<&'static Kind> = c.generated.values().copied().collect();
    generated.sort_by_key(|k| k.key);
    out.extend(generated);
    out
}

/// The children (collections) and link plans of `kind`, registering their routes.
fn wire(
    c: &mut Catalog,
    routes: &mut HashSet<String>,
    schema: &'static Schema,
    kind: &'static Kind,
    relation: &'static Relation,
) -> (Vec<Child>, Vec<Plan>) {
    let mut children = Vec::new();
    let mut plans = Vec::new();
    let prefix = format!("{}/{{id}}/", kind.key);
    for link in &relation.links {
        let Some(target) = schema.relation(&link.target) else {
            continue;
        };
        let rel = leak(link.rel.clone());
        let tail = match target.path.as_deref().and_then(|p| p.strip_prefix(&prefix)) {
            Some(t) if !t.contains('/') => leak(t.to_owned()),
            _ => rel,
        };
        let route = format!("/{}/{{id}}/{tail}", kind.key);
        match &target.kind {
            RelKind::Collection { member } => {
                let member_kind = if member == "attribute" {
                    c.attribute_kind(kind)
                } else {
                    schema
                        .resolve(member)
                        .and_then(|m| c.kind_of.get(m.name.as_str()).copied())
                };
                let Some(member_kind) = member_kind else {
                    continue;
                };
                let child = Child {
                    rel,
                    path: tail,
                    kind: member_kind,
                    title: leak(format!(
                        "{} for This {}",
                        title_case(&target.name),
                        title_case(kind.rel)
                    )),
                };
                if routes.insert(route.clone()) {
                    let leaked: &'static Child = Box::leak(Box::new(Child { ..child }));
                    c.collections.push(Collection {
                        route,
                        relation: target,
                        parent: Some(kind),
                        child: leaked,
                    });
                }
                children.push(Child { ..child });
                plans.push(Plan::Below { rel, tail });
            }
            RelKind::Action => {
                if routes.insert(route.clone()) {
                    c.actions.push(Action {
                        route,
                        relation: target,
                        on: Some(kind),
                    });
                }
                plans.push(Plan::Below { rel, tail });
            }
            RelKind::External => {
                if routes.insert(route.clone()) {
                    c.externals.push((route, target));
                }
                plans.push(Plan::Below { rel, tail });
            }
            RelKind::Resource => {
                let Some(resolved) = schema.resolve(&target.name) else {
                    continue;
                };
                match resolved.name.as_str() {
                    "store" => plans.push(Plan::Fixed {
                        rel,
                        path: "stores/{store}",
                    }),
                    "property_helpers" => plans.push(Plan::Fixed {
                        rel,
                        path: "property_helpers",
                    }),
                    name => {
                        if let Some(k) = c.kind_of.get(name).copied() {
                            plans.push(Plan::Resource { rel, kind: k });
                        } else if let Some(p) = resolved
                            .path
                            .as_deref()
                            .filter(|p| p.starts_with("property_helpers/"))
                        {
                            plans.push(Plan::Fixed {
                                rel,
                                path: leak(p.to_owned()),
                            });
                        }
                    }
                }
            }
        }
    }
    (children, plans)
}

fn make_kind(
    schema: &Schema,
    r: &Relation,
    key: &'static str,
    children: &'static [Child],
) -> &'static Kind {
    let plural = schema
        .iter()
        .find(|c| c.member() == Some(r.name.as_str()))
        .map_or(key, |c| leak(c.name.clone()));
    let mut fields = Vec::new();
    let mut required = Vec::new();
    for p in r
        .properties
        .iter()
        .filter(|p| !OWN.contains(&p.name.as_str()))
    {
        let name = leak(p.name.clone());
        let ty = match p.ty {
            PropertyType::Integer => Ty::Int,
            PropertyType::Decimal => Ty::Dec,
            PropertyType::Boolean => Ty::Bool,
            PropertyType::Date | PropertyType::DateTime => Ty::Date,
            PropertyType::String | PropertyType::Enum | PropertyType::Json => Ty::Str,
        };
        let default = if p.nullable || ty == Ty::Date {
            Def::Null
        } else {
            match ty {
                Ty::Int | Ty::Dec => Def::N(leak(p.min.unwrap_or(0).max(0).to_string())),
                Ty::Bool => Def::B(false),
                _ => match p.values.first() {
                    Some(v) => Def::S(leak(v.clone())),
                    None => Def::S(""),
                },
            }
        };
        fields.push(Field {
            name,
            ty,
            default,
            read_only: p.read_only,
            hidden: p.write_only,
        });
        if p.required {
            required.push(name);
        }
    }
    Box::leak(Box::new(Kind {
        key,
        rel: leak(r.name.clone()),
        plural,
        title: leak(format!("This {}", title_case(&r.name))),
        fields: Box::leak(fields.into_boxed_slice()),
        computed: &[],
        children,
        required: Box::leak(required.into_boxed_slice()),
    }))
}
