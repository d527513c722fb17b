//! Parsing and checking the embedded data files.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::SchemaError;
use crate::model::{Kind, Link, Method, Property, PropertyType, Relation, Schema, Source};

macro_rules! data_files {
    ($($name:literal),* $(,)?) => {
        /// The embedded data files: (file name, contents), one per relation family.
        pub const DATA_FILES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../data/", $name)))),*
        ];
    };
}

data_files!(
    "api.json",
    "store.json",
    "cart.json",
    "catalog.json",
    "transactions.json",
    "customers.json",
    "subscriptions.json",
    "coupons.json",
    "gift_cards.json",
    "taxes.json",
    "shipping.json",
    "payments.json",
    "templates.json",
    "users.json",
    "webhooks.json",
    "reports.json",
    "property_helpers.json",
);

/// The description, parsed and checked once. The error, when there is one, says which file
/// or relation is at fault.
pub fn schema() -> Result<&'static Schema, &'static SchemaError> {
    static SCHEMA: OnceLock<Result<Schema, SchemaError>> = OnceLock::new();
    SCHEMA.get_or_init(Schema::load).as_ref()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    relations: Vec<RawRelation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum RawKind {
    Resource,
    Collection,
    Action,
    External,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    name: String,
    kind: RawKind,
    #[serde(default)]
    member: Option<String>,
    #[serde(default)]
    alias_of: Option<String>,
    description: String,
    #[serde(default)]
    methods: Vec<Method>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    properties: Vec<Property>,
    #[serde(default)]
    links: BTreeMap<String, String>,
    #[serde(default)]
    zoom: Vec<String>,
    sources: Vec<Source>,
    #[serde(default)]
    notes: Option<String>,
}

impl Schema {
    /// Parses every embedded data file and checks the whole: unique names, every reference
    /// (link target, member, alias, zoom, parent) described, enums with values.
    pub fn load() -> Result<Schema, SchemaError> {
        Schema::from_files(DATA_FILES.iter().map(|(n, t)| (*n, *t)))
    }

    /// Like [`Schema::load`], from other files: `(name, JSON text)` pairs.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Schema, SchemaError> {
        let mut relations = Vec::new();
        for (file, text) in files {
            let raw: RawFile = serde_json::from_str(text).map_err(|e| SchemaError::Parse {
                file: file.to_owned(),
                message: e.to_string(),
            })?;
            let family = file.strip_suffix(".json").unwrap_or(file);
            for r in raw.relations {
                relations.push(convert(r, family)?);
            }
        }
        let mut index = HashMap::new();
        for (i, r) in relations.iter().enumerate() {
            if index.insert(r.name.clone(), i).is_some() {
                return Err(SchemaError::Duplicate(r.name.clone()));
            }
        }
        let schema = Schema { relations, index };
        schema.check()?;
        Ok(schema)
    }

    fn check(&self) -> Result<(), SchemaError> {
        for r in &self.relations {
            let unknown = |what: String, target: &str| SchemaError::UnknownRelation {
                relation: r.name.clone(),
                what,
                target: target.to_owned(),
            };
            for link in &r.links {
                if self.relation(&link.target).is_none() {
                    return Err(unknown(format!("link fx:{}", link.rel), &link.target));
                }
            }
            if let Some(member) = r.member().filter(|m| self.relation(m).is_none()) {
                return Err(unknown("member".into(), member));
            }
            if let Some(a) = r.alias_of.as_deref() {
                if self.relation(a).is_none() {
                    return Err(unknown("alias_of".into(), a));
                }
                if self.resolve(&r.name).is_none() {
                    return Err(bad(r, "its aliases form a cycle"));
                }
            }
            if let Some(p) = r.parent.as_deref().filter(|p| self.relation(p).is_none()) {
                return Err(unknown("parent".into(), p));
            }
            // A zoom path (`items:item_options`) names one relation per segment.
            for z in &r.zoom {
                if let Some(seg) = z.split(':').find(|s| self.relation(s).is_none()) {
                    return Err(unknown(format!("zoom {z}"), seg));
                }
            }
            check_properties(r)?;
        }
        Ok(())
    }
}

fn bad(r: &Relation, problem: &str) -> SchemaError {
    SchemaError::BadRelation {
        relation: r.name.clone(),
        problem: problem.to_owned(),
    }
}

fn check_properties(r: &Relation) -> Result<(), SchemaError> {
    let mut seen = HashSet::new();
    for p in &r.properties {
        let problem = if !seen.insert(p.name.as_str()) {
            Some("described twice")
        } else if p.ty == PropertyType::Enum && p.values.is_empty() {
            Some("an enum without values")
        } else if p.ty != PropertyType::Enum && !p.values.is_empty() {
            Some("values on a type that is not an enum")
        } else if p.read_only && p.write_only {
            Some("both read-only and write-only")
        } else if p.read_only && p.required {
            Some("both read-only and required")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(SchemaError::BadProperty {
                relation: r.name.clone(),
                property: p.name.clone(),
                problem: problem.to_owned(),
            });
        }
    }
    Ok(())
}

fn convert(raw: RawRelation, family: &str) -> Result<Relation, SchemaError> {
    let err = |problem: &str| SchemaError::BadRelation {
        relation: raw.name.clone(),
        problem: problem.to_owned(),
    };
    if raw.name.is_empty() || raw.name.contains(':') {
        return Err(err("a name must be short (no `fx:`) and not empty"));
    }
    if raw.sources.is_empty() {
        return Err(err("no source named"));
    }
    let kind = match (raw.kind, raw.member.clone()) {
        (RawKind::Collection, Some(member)) => Kind::Collection { member },
        (RawKind::Collection, None) => return Err(err("a collection without a member")),
        (_, Some(_)) => return Err(err("a member on a relation that is not a collection")),
        (RawKind::Resource, None) => Kind::Resource,
        (RawKind::Action, None) => Kind::Action,
        (RawKind::External, None) => Kind::External,
    };
    let links = raw
        .links
        .into_iter()
        .map(|(rel, target)| Link { rel, target })
        .collect();
    Ok(Relation {
        name: raw.name,
        family: family.to_owned(),
        kind,
        alias_of: raw.alias_of,
        description: raw.description,
        methods: raw.methods,
        parent: raw.parent,
        path: raw.path,
        properties: raw.properties,
        links,
        zoom: raw.zoom,
        sources: raw.sources,
        notes: raw.notes,
    })
}
