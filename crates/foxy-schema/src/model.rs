//! The description's values: relations, their kinds, properties and links.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

/// The whole description: every relation, looked up by name.
#[derive(Debug, Clone)]
pub struct Schema {
    pub(crate) relations: Vec<Relation>,
    pub(crate) index: HashMap<String, usize>,
}

impl Schema {
    /// The relation named `name`: short (`coupon_codes`), curie (`fx:coupon_codes`) or the full
    /// `https://api.foxycart.com/rels/coupon_codes` form.
    pub fn relation(&self, name: &str) -> Option<&Relation> {
        self.index
            .get(short_name(name))
            .and_then(|&i| self.relations.get(i))
    }

    /// The relation whose properties and links describe what `name` returns: `name` itself, or
    /// the relation it is an alias of (`default_billing_address` is a `customer_address`).
    pub fn resolve(&self, name: &str) -> Option<&Relation> {
        let mut current = self.relation(name)?;
        // Aliases are checked for cycles at load time; the bound is a second guard.
        for _ in 0..self.relations.len() {
            match current.alias_of.as_deref() {
                Some(target) => current = self.relation(target)?,
                None => return Some(current),
            }
        }
        None
    }

    /// Every relation, in the order of the data files.
    pub fn iter(&self) -> impl Iterator<Item = &Relation> {
        self.relations.iter()
    }

    /// How many relations are described.
    pub fn len(&self) -> usize {
        self.relations.len()
    }

    /// Whether no relation is described.
    pub fn is_empty(&self) -> bool {
        self.relations.is_empty()
    }
}

/// `fx:x` and `https://api.foxycart.com/rels/x` (or `api.foxy.io`) to `x`.
pub(crate) fn short_name(name: &str) -> &str {
    for prefix in [
        "fx:",
        "https://api.foxycart.com/rels/",
        "https://api.foxy.io/rels/",
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest;
        }
    }
    name
}

/// One link relation of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// Short name, without the `fx:` prefix.
    pub name: String,
    /// The data file (family) it is described in, without `.json`.
    pub family: String,
    /// What following it returns or does.
    pub kind: Kind,
    /// Another relation describing the same resource (`default_store` is a `store`).
    pub alias_of: Option<String>,
    /// A one-line summary.
    pub description: String,
    /// The methods it allows besides HEAD and OPTIONS.
    pub methods: Vec<Method>,
    /// The relation it is reached from, when one is canonical.
    pub parent: Option<String>,
    /// Its URL path, relative to the API root (`{id}` for identifiers).
    pub path: Option<String>,
    /// Its properties (empty for collections, aliases and most actions).
    pub properties: Vec<Property>,
    /// The links its representation carries.
    pub links: Vec<Link>,
    /// Relations that can be embedded with `zoom`.
    pub zoom: Vec<String>,
    /// Where its facts come from.
    pub sources: Vec<Source>,
    /// Where the sources disagree, or anything else a reader should know.
    pub notes: Option<String>,
}

impl Relation {
    /// The `fx:` form of the name.
    pub fn curie(&self) -> String {
        format!("fx:{}", self.name)
    }

    /// The property called `name`.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// The target of the link `rel` (short or `fx:` form).
    pub fn link(&self, rel: &str) -> Option<&Link> {
        let rel = short_name(rel);
        self.links.iter().find(|l| l.rel == rel)
    }

    /// The member relation, for a collection.
    pub fn member(&self) -> Option<&str> {
        match &self.kind {
            Kind::Collection { member } => Some(member),
            _ => None,
        }
    }

    /// Whether `method` is allowed.
    pub fn allows(&self, method: Method) -> bool {
        self.methods.contains(&method)
    }
}

/// What a relation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A single resource.
    Resource,
    /// A paginated collection whose members are the relation `member`.
    Collection {
        /// Short name of the member relation.
        member: String,
    },
    /// An endpoint that does something when posted to (`fx:void`, `fx:send_emails`).
    Action,
    /// A URL outside the hypermedia API (a web page, a file download).
    External,
}

/// An HTTP method a relation allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// Read.
    Get,
    /// Create, or run an action.
    Post,
    /// Replace.
    Put,
    /// Update some properties.
    Patch,
    /// Delete.
    Delete,
}

/// Where a relation's facts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Foxy's page for the relation (`https://api.foxycart.com/rels/NAME`).
    Pages,
    /// Foxy's other documents (`shared/foxy-docs`, `shared/seeds`).
    Docs,
    /// The conformance corpus.
    Corpus,
}

/// A link a relation's representation carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link relation, short form.
    pub rel: String,
    /// The described relation it leads to (usually `rel` itself).
    pub target: String,
}

/// One property of a resource.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// Its name in the representation.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: PropertyType,
    /// The allowed values, for an enum.
    #[serde(default)]
    pub values: Vec<String>,
    /// Whether `null` is a value.
    #[serde(default)]
    pub nullable: bool,
    /// Whether a create (POST) must send it.
    #[serde(default)]
    pub required: bool,
    /// The longest text accepted, in characters.
    #[serde(default)]
    pub max_length: Option<u32>,
    /// The smallest number accepted.
    #[serde(default)]
    pub min: Option<i64>,
    /// The largest number accepted.
    #[serde(default)]
    pub max: Option<i64>,
    /// Set by the server; ignored or refused on write.
    #[serde(default)]
    pub read_only: bool,
    /// Accepted on write, never returned (passwords, card numbers).
    #[serde(default)]
    pub write_only: bool,
    /// Anything else worth knowing.
    #[serde(default)]
    pub note: Option<String>,
}

impl Property {
    /// Whether `value`, as found in a representation, fits this property.
    pub fn accepts(&self, value: &Value) -> bool {
        match value {
            Value::Null => self.nullable,
            Value::String(s) if self.ty == PropertyType::Enum => self.values.iter().any(|v| v == s),
            _ => self.ty.accepts(value),
        }
    }
}

/// The type of a property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyType {
    /// Text (also URLs and email addresses).
    String,
    /// A whole number, as a number or as text.
    Integer,
    /// An exact decimal (money, weights, rates), as a number or as text; never a float.
    Decimal,
    /// `true`/`false` (Foxy also sends `1`/`0`).
    Boolean,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A date and time with an offset, ISO 8601.
    DateTime,
    /// Text from a fixed list of values.
    Enum,
    /// A JSON object or array (or its text).
    Json,
}

impl PropertyType {
    /// Whether a non-null `value` has this type. Enum values are checked by [`Property::accepts`].
    pub fn accepts(self, value: &Value) -> bool {
        match (self, value) {
            (PropertyType::String, Value::String(_)) => true,
            (PropertyType::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
            (PropertyType::Integer, Value::String(s)) => is_integer(s),
            (PropertyType::Decimal, Value::Number(_)) => true,
            (PropertyType::Decimal, Value::String(s)) => is_decimal(s),
            (PropertyType::Boolean, Value::Bool(_)) => true,
            (PropertyType::Boolean, Value::Number(n)) => n.as_u64().is_some_and(|n| n <= 1),
            (PropertyType::Boolean, Value::String(s)) => {
                matches!(s.as_str(), "true" | "false" | "1" | "0")
            }
            (PropertyType::Date, Value::String(s)) => is_date(s),
            (PropertyType::DateTime, Value::String(s)) => is_date_time(s),
            (PropertyType::Enum, Value::String(_)) => true,
            (PropertyType::Json, Value::Object(_) | Value::Array(_) | Value::String(_)) => true,
            _ => false,
        }
    }
}

fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_decimal(s: &str) -> bool {
    match s.split_once('.') {
        Some((whole, fraction)) => {
            (whole.is_empty() || whole == "-" || is_integer(whole))
                && !fraction.is_empty()
                && fraction.bytes().all(|b| b.is_ascii_digit())
        }
        None => is_integer(s),
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// `YYYY-MM-DDTHH:MM:SS` followed by an optional fraction and an offset (`Z`, `-0700`, `+02:00`).
fn is_date_time(s: &str) -> bool {
    let (Some(date), Some(sep), Some(time)) = (s.get(..10), s.get(10..11), s.get(11..)) else {
        return false;
    };
    if !is_date(date) || !(sep == "T" || sep == " ") {
        return false;
    }
    let b = time.as_bytes();
    let clock_ok = b.len() >= 8
        && b[..8].iter().enumerate().all(|(i, c)| match i {
            2 | 5 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    let rest = time.get(8..).unwrap_or("");
    let rest = match rest.strip_prefix('.') {
        Some(f) => f.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    let offset_ok = match rest {
        "" | "Z" => true,
        o => {
            let digits: String = o
                .get(1..)
                .unwrap_or("")
                .chars()
                .filter(|c| *c != ':')
                .collect();
            (o.starts_with('+') || o.starts_with('-'))
                && digits.len() == 4
                && digits.bytes().all(|b| b.is_ascii_digit())
        }
    };
    clock_ok && offset_ok
}
