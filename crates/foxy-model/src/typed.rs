//! What the generated resource types ([`crate::generated`]) share.
//!
//! A generated type owns the [`Resource`] it was read from and reads and
//! writes its properties through it: a getter parses the property when it
//! is called (`Ok(None)` when it is absent or `null`, a [`ModelError`] naming
//! the property when its value has the wrong type), and a setter writes the
//! property in place, in the form the resource already used (`"5"` stays
//! text, `1` stays a number). Nothing the type does not describe can be lost,
//! because nothing is copied out of the resource.
//!
//! The functions here are the ones the generated getters and setters call;
//! [`read_property`] and [`write_property`] do the same from a
//! [`PropertyInfo`] of the [`crate::generated::RELATIONS`] table, for code
//! (bindings, tests) that works from the description at run time.
//!
//! The embedded accessors read the plural relations of HAL+JSON and Siren
//! (`fx:items`); pass a HAL+XML document through [`crate::rels::plural_rels`]
//! first, as for the hand-written views.

use foxy_proto::{Number, Rel, Resource, Value};
use rust_decimal::Decimal;

use crate::error::ModelError;
use crate::values::FieldValue;
use crate::values::date::Date;
use crate::values::flag::Flag;
use crate::values::money::parse_decimal;
use crate::values::{describe, wrong_type};

/// A generated resource type: a typed handle on one [`Resource`].
pub trait TypedResource: Sized {
    /// The relation the type describes, short form (`cart`).
    const RELATION: &'static str;

    /// Wraps a resource. Nothing is read yet: each getter reads when called,
    /// and [`TypedResource::validate`] reads them all.
    fn from_resource(resource: Resource) -> Self;
    /// The resource, with every property, link and embedded resource.
    fn as_resource(&self) -> &Resource;
    /// The resource, for changes the typed setters do not cover.
    fn as_resource_mut(&mut self) -> &mut Resource;
    /// The resource, with every change made through the setters.
    fn into_resource(self) -> Resource;
    /// Runs every typed getter: `Ok` when each described property that is
    /// present has a value of its type.
    fn validate(&self) -> Result<(), ModelError>;

    /// The href of the `self` link, if the resource has one.
    fn self_href(&self) -> Option<&str> {
        self.as_resource().self_href()
    }

    /// The description of the relation, from [`crate::generated::RELATIONS`].
    fn info() -> Option<&'static RelationInfo> {
        crate::generated::relation(Self::RELATION)
    }
}

/// A generated collection type: a page of members of one relation.
pub trait TypedCollection: TypedResource {
    /// The type of the members.
    type Member: TypedResource;

    /// The relation the members are embedded under: `fx:RELATION`, or the one
    /// relation a page embeds (the singular `fx:cart` of HAL+XML).
    fn members_rel(&self) -> Rel {
        let own = Rel::fx(Self::RELATION);
        let resource = self.as_resource();
        if resource.embedded.contains_key(&own) {
            return own;
        }
        foxy_proto::Collection::new(resource)
            .members_rel()
            .cloned()
            .unwrap_or(own)
    }

    /// The members on this page, in order (each a handle on a copy).
    fn members(&self) -> Vec<Self::Member> {
        self.as_resource()
            .embedded(self.members_rel())
            .iter()
            .map(|m| Self::Member::from_resource(m.clone()))
            .collect()
    }

    /// Replaces the members on this page.
    fn set_members(&mut self, members: Vec<Self::Member>) {
        let rel = self.members_rel();
        let list = members.into_iter().map(Self::Member::into_resource);
        self.as_resource_mut().embedded.insert(rel, list.collect());
    }

    /// How many members the whole collection has (`total_items`).
    fn total_items(&self) -> Result<Option<u64>, ModelError> {
        get_count(self.as_resource(), "total_items")
    }

    /// How many members this page has (`returned_items`).
    fn returned_items(&self) -> Result<Option<u64>, ModelError> {
        get_count(self.as_resource(), "returned_items")
    }

    /// The page size asked for (`limit`).
    fn limit(&self) -> Result<Option<u64>, ModelError> {
        get_count(self.as_resource(), "limit")
    }

    /// The index of this page's first member in the whole collection (`offset`).
    fn offset(&self) -> Result<Option<u64>, ModelError> {
        get_count(self.as_resource(), "offset")
    }

    /// The href of the `first` page.
    fn first_href(&self) -> Option<&str> {
        link_href(self.as_resource(), &Rel::FIRST)
    }

    /// The href of the `prev` page.
    fn prev_href(&self) -> Option<&str> {
        link_href(self.as_resource(), &Rel::PREV)
    }

    /// The href of the `next` page.
    fn next_href(&self) -> Option<&str> {
        link_href(self.as_resource(), &Rel::NEXT)
    }

    /// The href of the `last` page.
    fn last_href(&self) -> Option<&str> {
        link_href(self.as_resource(), &Rel::LAST)
    }
}

/// Checks a page: its counters and every member (errors name `fx:rel[index]`).
pub fn validate_collection<C: TypedCollection>(page: &C) -> Result<(), ModelError> {
    page.total_items()?;
    page.returned_items()?;
    page.limit()?;
    page.offset()?;
    let rel = page.members_rel();
    for (index, member) in page.members().iter().enumerate() {
        member
            .validate()
            .map_err(|e| e.within(&format!("{}[{index}]", rel.compact())))?;
    }
    Ok(())
}

/// The href of the first link of `rel`.
pub fn link_href<'a>(resource: &'a Resource, rel: &Rel) -> Option<&'a str> {
    resource.links.get(rel)?.first().map(|l| l.href.as_str())
}

/// The href of the first link of Foxy's relation `name` (`fx:name`).
pub fn fx_link_href<'a>(resource: &'a Resource, name: &str) -> Option<&'a str> {
    link_href(resource, &Rel::fx(name))
}

/// The resources embedded under Foxy's relation `name`, each wrapped as `T`.
pub fn embedded<T: TypedResource>(resource: &Resource, name: &str) -> Vec<T> {
    resource
        .embedded(Rel::fx(name))
        .iter()
        .map(|r| T::from_resource(r.clone()))
        .collect()
}

/// The first resource embedded under Foxy's relation `name`, wrapped as `T`.
pub fn embedded_one<T: TypedResource>(resource: &Resource, name: &str) -> Option<T> {
    resource
        .embedded(Rel::fx(name))
        .first()
        .map(|r| T::from_resource(r.clone()))
}

/// Replaces the resources embedded under Foxy's relation `name` (none: removed).
pub fn set_embedded<T: TypedResource>(resource: &mut Resource, name: &str, list: Vec<T>) {
    let rel = Rel::fx(name);
    if list.is_empty() {
        resource.embedded.shift_remove(&rel);
    } else {
        let list = list.into_iter().map(T::into_resource).collect();
        resource.embedded.insert(rel, list);
    }
}

/// A present, non-null property.
fn present<'a>(resource: &'a Resource, name: &str) -> Option<&'a Value> {
    resource.property(name).filter(|v| !v.is_null())
}

/// Writes `value`, or `null` for `None`, keeping the property's position.
fn put(resource: &mut Resource, name: &str, value: Option<Value>) {
    resource.set_property(name, value.unwrap_or(Value::Null));
}

/// Whether the property is currently written as text.
fn is_text(resource: &Resource, name: &str) -> bool {
    matches!(resource.property(name), Some(Value::String(_)))
}

/// A text property.
pub fn get_text<'a>(resource: &'a Resource, name: &str) -> Result<Option<&'a str>, ModelError> {
    match present(resource, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(wrong_type(name, "text", other)),
    }
}

/// Writes a text property (`None`: `null`).
pub fn set_text(resource: &mut Resource, name: &str, value: Option<&str>) {
    put(resource, name, value.map(Value::from));
}

/// A whole-number property, as a number or as text.
pub fn get_integer(resource: &Resource, name: &str) -> Result<Option<i64>, ModelError> {
    let not_integer = |v: &Value| ModelError::NotAnInteger {
        field: name.to_owned(),
        text: describe(v),
    };
    match present(resource, name) {
        None => Ok(None),
        Some(v @ Value::Number(n)) => n.as_i64().map(Some).ok_or_else(|| not_integer(v)),
        Some(v @ Value::String(s)) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_integer(v));
            }
            s.parse().map(Some).map_err(|_| not_integer(v))
        }
        Some(other) => Err(wrong_type(name, "a whole number", other)),
    }
}

/// Writes a whole-number property: as text when it was text, else as a number.
pub fn set_integer(resource: &mut Resource, name: &str, value: Option<i64>) {
    let text = is_text(resource, name);
    let value = value.map(|n| {
        if text {
            Value::String(n.to_string())
        } else {
            Value::Number(Number::from(n))
        }
    });
    put(resource, name, value);
}

/// A zero-or-more whole number (a collection counter), as a number or as text.
pub fn get_count(resource: &Resource, name: &str) -> Result<Option<u64>, ModelError> {
    match get_integer(resource, name)? {
        None => Ok(None),
        Some(n) => u64::try_from(n)
            .map(Some)
            .map_err(|_| ModelError::Negative {
                field: name.to_owned(),
                text: n.to_string(),
            }),
    }
}

/// An exact decimal property (money, weights, rates), as a number or as text.
pub fn get_decimal(resource: &Resource, name: &str) -> Result<Option<Decimal>, ModelError> {
    let text = match present(resource, name) {
        None => return Ok(None),
        Some(Value::Number(n)) => n.as_str(),
        Some(Value::String(s)) => s.as_str(),
        Some(other) => return Err(wrong_type(name, "a decimal number", other)),
    };
    parse_decimal(text)
        .map(Some)
        .map_err(|e| ModelError::NotADecimal {
            field: name.to_owned(),
            text: e.text,
        })
}

/// Writes a decimal property with its scale (`19.990`): as text when it was
/// text, else as a number.
pub fn set_decimal(resource: &mut Resource, name: &str, value: Option<Decimal>) {
    let text = is_text(resource, name);
    let value = value.map(|d| {
        let written = d.to_string();
        match written.parse::<Number>() {
            Ok(n) if !text => Value::Number(n),
            _ => Value::String(written),
        }
    });
    put(resource, name, value);
}

/// A boolean property: `true`/`false`, `1`/`0`, or their text.
pub fn get_boolean(resource: &Resource, name: &str) -> Result<Option<bool>, ModelError> {
    match present(resource, name) {
        None => Ok(None),
        Some(v) => Flag::from_value(name, v).map(|f| Some(f.get())),
    }
}

/// Writes a boolean property in the form it had: a JSON boolean, `1`/`0`,
/// `"1"`/`"0"` or `"true"`/`"false"` (a JSON boolean when it had none).
pub fn set_boolean(resource: &mut Resource, name: &str, value: Option<bool>) {
    let value = value.map(|b| match resource.property(name) {
        Some(Value::Number(_)) => Value::Number(Number::from(u64::from(b))),
        Some(Value::String(s)) if s == "1" || s == "0" => {
            Value::String(if b { "1" } else { "0" }.to_owned())
        }
        Some(Value::String(_)) => Value::String(b.to_string()),
        _ => Value::Bool(b),
    });
    put(resource, name, value);
}

/// A date or date-time property, kept in the form it was written in.
pub fn get_date(resource: &Resource, name: &str) -> Result<Option<Date>, ModelError> {
    match present(resource, name) {
        None => Ok(None),
        Some(v) => Date::from_value(name, v).map(Some),
    }
}

/// Writes a date or date-time property as its text.
pub fn set_date(resource: &mut Resource, name: &str, value: Option<&Date>) {
    put(resource, name, value.map(FieldValue::to_value));
}

/// A JSON property: an object, an array, or their text.
pub fn get_json<'a>(resource: &'a Resource, name: &str) -> Result<Option<&'a Value>, ModelError> {
    match present(resource, name) {
        None => Ok(None),
        Some(v @ (Value::Object(_) | Value::Array(_) | Value::String(_))) => Ok(Some(v)),
        Some(other) => Err(wrong_type(name, "an object, an array or text", other)),
    }
}

/// Writes a JSON property (`None`: `null`).
pub fn set_json(resource: &mut Resource, name: &str, value: Option<Value>) {
    put(resource, name, value);
}

/// An enum property; a value the description does not list reads as the
/// enum's `Other` case, never as an error.
pub fn get_enum<E: for<'a> From<&'a str>>(
    resource: &Resource,
    name: &str,
) -> Result<Option<E>, ModelError> {
    Ok(get_text(resource, name)?.map(E::from))
}

/// The type of a described property, as the generated getters return it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// Text: `&str`.
    Text,
    /// A whole number: `i64`.
    Integer,
    /// An exact decimal: [`Decimal`].
    Decimal,
    /// A boolean: `bool`.
    Boolean,
    /// A calendar date: [`Date`].
    Date,
    /// A date and time with an offset: [`Date`].
    DateTime,
    /// One of a list of values: a generated enum with an `Other(String)` case.
    Enum,
    /// An object, an array or their text: [`Value`].
    Json,
}

/// A typed property value, for code that works from the description at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PropertyValue {
    /// Text.
    Text(String),
    /// A whole number.
    Integer(i64),
    /// An exact decimal.
    Decimal(Decimal),
    /// A boolean.
    Boolean(bool),
    /// A date or date-time.
    Date(Date),
    /// An enum value, as its text.
    Enum(String),
    /// An object, an array or their text.
    Json(Value),
}

/// Reads the property `info` describes, with the getter of its type.
pub fn read_property(
    resource: &Resource,
    info: &PropertyInfo,
) -> Result<Option<PropertyValue>, ModelError> {
    let name = info.name;
    Ok(match info.ty {
        ValueType::Text => get_text(resource, name)?.map(|s| PropertyValue::Text(s.to_owned())),
        ValueType::Enum => get_text(resource, name)?.map(|s| PropertyValue::Enum(s.to_owned())),
        ValueType::Integer => get_integer(resource, name)?.map(PropertyValue::Integer),
        ValueType::Decimal => get_decimal(resource, name)?.map(PropertyValue::Decimal),
        ValueType::Boolean => get_boolean(resource, name)?.map(PropertyValue::Boolean),
        ValueType::Date | ValueType::DateTime => get_date(resource, name)?.map(PropertyValue::Date),
        ValueType::Json => get_json(resource, name)?.cloned().map(PropertyValue::Json),
    })
}

/// Writes the property `info` describes (`None`: `null`), with the setter of
/// its type; a value of another type is refused and nothing is written.
pub fn write_property(
    resource: &mut Resource,
    info: &PropertyInfo,
    value: Option<PropertyValue>,
) -> Result<(), ModelError> {
    let name = info.name;
    match (info.ty, value) {
        (_, None) => put(resource, name, None),
        (ValueType::Text, Some(PropertyValue::Text(s)))
        | (ValueType::Enum, Some(PropertyValue::Enum(s))) => set_text(resource, name, Some(&s)),
        (ValueType::Integer, Some(PropertyValue::Integer(n))) => {
            set_integer(resource, name, Some(n));
        }
        (ValueType::Decimal, Some(PropertyValue::Decimal(d))) => {
            set_decimal(resource, name, Some(d));
        }
        (ValueType::Boolean, Some(PropertyValue::Boolean(b))) => {
            set_boolean(resource, name, Some(b));
        }
        (ValueType::Date | ValueType::DateTime, Some(PropertyValue::Date(d))) => {
            set_date(resource, name, Some(&d));
        }
        (ValueType::Json, Some(PropertyValue::Json(v))) => set_json(resource, name, Some(v)),
        (ty, Some(other)) => {
            return Err(ModelError::WrongType {
                field: name.to_owned(),
                expected: ty.name(),
                found: other.type_name(),
            });
        }
    }
    Ok(())
}

impl ValueType {
    /// How error messages name the type.
    pub fn name(self) -> &'static str {
        match self {
            ValueType::Text => "text",
            ValueType::Integer => "a whole number",
            ValueType::Decimal => "a decimal number",
            ValueType::Boolean => "a boolean",
            ValueType::Date => "a date",
            ValueType::DateTime => "a date and time",
            ValueType::Enum => "an enum value",
            ValueType::Json => "an object, an array or text",
        }
    }
}

impl PropertyValue {
    /// How error messages name the value's type.
    pub fn type_name(&self) -> &'static str {
        match self {
            PropertyValue::Text(_) => "text",
            PropertyValue::Integer(_) => "a whole number",
            PropertyValue::Decimal(_) => "a decimal number",
            PropertyValue::Boolean(_) => "a boolean",
            PropertyValue::Date(_) => "a date",
            PropertyValue::Enum(_) => "an enum value",
            PropertyValue::Json(_) => "JSON",
        }
    }
}

/// What a relation is, as [`RelationInfo::kind`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationKind {
    /// A single resource: a generated struct.
    Resource,
    /// A page of members: a generated struct implementing [`TypedCollection`].
    Collection,
    /// An endpoint that does something when posted to (a struct only when it has properties).
    Action,
    /// A URL outside the hypermedia API (no type).
    External,
}

/// One relation of the description, as the generator saw it: what the
/// generated type is called and what it reads. Bindings generate from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationInfo {
    /// The relation's short name (`cart`).
    pub name: &'static str,
    /// The family (data file, generated module) it belongs to.
    pub family: &'static str,
    /// What it is.
    pub kind: RelationKind,
    /// The generated type (`Cart`; an alias names its target's type), if any.
    pub type_name: Option<&'static str>,
    /// A one-line summary.
    pub description: &'static str,
    /// The relation it is another name of.
    pub alias_of: Option<&'static str>,
    /// The member relation, for a collection.
    pub member: Option<&'static str>,
    /// The methods it allows besides HEAD and OPTIONS (`GET`, `PUT`, ...).
    pub methods: &'static [&'static str],
    /// Its URL path relative to the API root, when known.
    pub path: Option<&'static str>,
    /// The described properties, in the description's order.
    pub properties: &'static [PropertyInfo],
    /// The described links.
    pub links: &'static [LinkInfo],
    /// The relations that can be embedded (zoomed) with a typed accessor.
    pub embedded: &'static [EmbeddedInfo],
}

/// One described property and its generated accessors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropertyInfo {
    /// Its name in the representation.
    pub name: &'static str,
    /// The getter (`total_order`; a keyword is written `r#type` in Rust).
    pub getter: &'static str,
    /// The setter (`set_total_order`).
    pub setter: &'static str,
    /// Its type.
    pub ty: ValueType,
    /// The generated enum, for an enum.
    pub enum_type: Option<&'static str>,
    /// The described values, for an enum.
    pub values: &'static [&'static str],
    /// Whether `null` is a value.
    pub nullable: bool,
    /// Whether a create must send it.
    pub required: bool,
    /// Set by the server.
    pub read_only: bool,
    /// Accepted on write, never returned.
    pub write_only: bool,
    /// The longest text accepted.
    pub max_length: Option<u32>,
    /// The smallest number accepted.
    pub min: Option<i64>,
    /// The largest number accepted.
    pub max: Option<i64>,
    /// The description's note, or `""`.
    pub note: &'static str,
}

/// One described link and its generated accessor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkInfo {
    /// The link relation, short form (`store` for `fx:store`).
    pub rel: &'static str,
    /// The relation it leads to.
    pub target: &'static str,
    /// The accessor returning its href (`store_href`).
    pub accessor: &'static str,
}

/// One relation that can be embedded, and its generated accessors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedInfo {
    /// The relation it is embedded under, short form (`items`).
    pub rel: &'static str,
    /// The type of each embedded resource (`Item`).
    pub type_name: &'static str,
    /// Whether it is a list (a collection's members) rather than one resource.
    pub many: bool,
    /// The getter (`embedded_items`).
    pub getter: &'static str,
    /// The setter (`set_embedded_items`).
    pub setter: &'static str,
}
