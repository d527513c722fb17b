//! `TypedResource`: the one native class behind every generated class of
//! `typed.js` (`Coupon`, `Subscription`, ... one per relation of the
//! description, written by `cargo xtask codegen`).
//!
//! It is a handle on the core `foxy_proto::Resource` and the relation's entry
//! of `foxy_model::generated::RELATIONS`: properties are read and written by
//! their name through `foxy_model::typed::read_property` / `write_property`,
//! so no field list is written here and a PUT of `toResource()` sends every
//! property and link that was read, plus what changed.

use napi::Env;
use napi::bindgen_prelude::ClassInstance;
use napi_derive::napi;

use foxy_model::typed::{PropertyInfo, PropertyValue, RelationInfo};
use foxy_proto::Value;

use crate::errors::{FoxyError, Outcome, sync};
use crate::resource::{Resource, from_json, to_json};

/// A resource of one described relation, typed by name
/// (`getProperty('name')`); the generated classes of `typed.js` extend it.
#[napi]
pub struct TypedResource {
    info: &'static RelationInfo,
    inner: foxy_proto::Resource,
}

/// The relation's entry of the description.
pub(crate) fn relation_info(relation: &str) -> Outcome<&'static RelationInfo> {
    foxy_model::generated::relation(relation).ok_or_else(|| {
        FoxyError::invalid_input(format!("the description has no relation {relation:?}"))
    })
}

impl TypedResource {
    /// A handle on `inner` as the relation `info`.
    pub(crate) fn of(info: &'static RelationInfo, inner: foxy_proto::Resource) -> TypedResource {
        TypedResource { info, inner }
    }

    /// The core resource.
    pub(crate) fn inner(&self) -> &foxy_proto::Resource {
        &self.inner
    }

    fn described(&self, name: &str) -> Outcome<&'static PropertyInfo> {
        self.info
            .properties
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| {
                FoxyError::invalid_input(format!(
                    "the relation {:?} describes no property {name:?}",
                    self.info.name
                ))
            })
    }
}

/// The plain form of `resource` for `toJSON()`, embedded members included.
fn document(resource: &foxy_proto::Resource) -> serde_json::Value {
    let mut doc = Resource::from(resource.clone()).to_json();
    if resource.embedded.is_empty() {
        return doc;
    }
    let embedded = resource
        .embedded
        .iter()
        .map(|(rel, members)| {
            let members = members.iter().map(document).collect();
            (
                rel.compact().into_owned(),
                serde_json::Value::Array(members),
            )
        })
        .collect();
    if let Some(fields) = doc.as_object_mut() {
        fields.insert("embedded".to_owned(), serde_json::Value::Object(embedded));
    }
    doc
}

/// A typed value as JSON: text, numbers as exact decimal text (a whole
/// number as a JS number when it is exact), booleans, dates as their text.
fn value_to_json(value: PropertyValue) -> serde_json::Value {
    // 2^53: above it a double no longer holds every whole number.
    const MAX_SAFE: i64 = 9_007_199_254_740_992;
    match value {
        PropertyValue::Text(s) | PropertyValue::Enum(s) => serde_json::Value::String(s),
        PropertyValue::Integer(n) if (-MAX_SAFE..=MAX_SAFE).contains(&n) => {
            serde_json::Value::Number(n.into())
        }
        PropertyValue::Integer(n) => serde_json::Value::String(n.to_string()),
        PropertyValue::Decimal(d) => serde_json::Value::String(d.to_string()),
        PropertyValue::Boolean(b) => serde_json::Value::Bool(b),
        PropertyValue::Date(d) => to_json(&foxy_model::FieldValue::to_value(&d)),
        PropertyValue::Json(v) => to_json(&v),
    }
}

/// A JS value as the typed value of `info`, read by the model's own getter
/// (so `"19.990"` keeps its scale and a wrong type is refused).
fn value_from_json(info: &PropertyInfo, js: serde_json::Value) -> Outcome<Option<PropertyValue>> {
    let value = from_json(js)?;
    if matches!(value, Value::Null) {
        return Ok(None);
    }
    let mut scratch = foxy_proto::Resource::new();
    scratch.set_property(info.name, value);
    foxy_model::typed::read_property(&scratch, info)
        .map_err(|e| FoxyError::invalid_input(e.to_string()))
}

#[napi]
impl TypedResource {
    /// A typed handle on `resource` (a copy; none: an empty resource) as the
    /// relation `relation` (`'coupon'`).
    #[napi(constructor)]
    pub fn new(env: Env, relation: String, resource: Option<&Resource>) -> napi::Result<Self> {
        sync(&env, || {
            let info = relation_info(&relation)?;
            let inner = resource.map_or_else(foxy_proto::Resource::new, |r| r.inner().clone());
            Ok(TypedResource { info, inner })
        })
    }

    /// The relation, short form (`'coupon'`).
    #[napi(getter)]
    pub fn relation(&self) -> String {
        self.info.name.to_owned()
    }

    /// What the server said besides the body (status, headers, etag, url,
    /// attempts, elapsed seconds, cache, logref); `null` for a resource built in code.
    #[napi(getter)]
    pub fn meta(&self) -> Option<crate::resource::ResponseMeta> {
        crate::resource::ResponseMeta::of(self.inner.meta())
    }

    /// The href of the `self` link, or `null`.
    #[napi(getter)]
    pub fn href(&self) -> Option<String> {
        self.inner.self_href().map(str::to_owned)
    }

    /// The described property `name`, typed (`null` when absent); a value of
    /// the wrong type throws `FOXY_DECODE`.
    #[napi]
    pub fn get_property(&self, env: Env, name: String) -> napi::Result<serde_json::Value> {
        sync(&env, || {
            let info = self.described(&name)?;
            match foxy_model::typed::read_property(&self.inner, info) {
                Ok(Some(value)) => Ok(value_to_json(value)),
                Ok(None) => Ok(serde_json::Value::Null),
                Err(e) => Err(FoxyError::decode(e.to_string())),
            }
        })
    }

    /// Writes the described property `name` (`null`: null) in the form the
    /// resource already used; a read-only property or a wrong type throws.
    #[napi]
    pub fn set_property(
        &mut self,
        env: Env,
        name: String,
        value: serde_json::Value,
    ) -> napi::Result<()> {
        sync(&env, || {
            let info = self.described(&name)?;
            if info.read_only {
                return Err(FoxyError::invalid_input(format!(
                    "{name} is set by the server (read-only)"
                )));
            }
            let value = value_from_json(info, value)?;
            foxy_model::typed::write_property(&mut self.inner, info, value)
                .map_err(|e| FoxyError::invalid_input(e.to_string()))
        })
    }

    /// The href of the first link of a relation (`'fx:store'`, or `'store'`
    /// for Foxy's), or `null`.
    #[napi]
    pub fn link(&self, rel: String) -> Option<String> {
        self.inner.link_named(&rel).map(|l| l.href.clone())
    }

    /// The resources embedded under a relation (`'fx:coupons'`; empty when none).
    #[napi]
    pub fn embedded(&self, rel: String) -> Vec<Resource> {
        self.inner
            .embedded(rel.as_str())
            .iter()
            .cloned()
            .map(Resource::from)
            .collect()
    }

    /// The resources embedded under `rel` as typed handles of the relation
    /// `relation` (`embeddedAs('fx:coupons', 'coupon')`), in one call.
    #[napi]
    pub fn embedded_as(
        &self,
        env: Env,
        rel: String,
        relation: String,
    ) -> napi::Result<Vec<TypedResource>> {
        sync(&env, || {
            let info = relation_info(&relation)?;
            Ok(self
                .inner
                .embedded(rel.as_str())
                .iter()
                .map(|r| TypedResource::of(info, r.clone()))
                .collect())
        })
    }

    /// Replaces the resources embedded under `rel` (`'fx:items'`) with copies
    /// of `members` (what the generated embedded accessors write back before
    /// the resource is read out).
    #[napi]
    pub fn set_embedded(&mut self, rel: String, members: Vec<ClassInstance<'_, Resource>>) {
        let members = members.iter().map(|m| m.inner().clone()).collect();
        self.inner
            .embedded
            .insert(foxy_proto::Rel::from(rel.as_str()), members);
    }

    /// The whole resource, every property and link included (a copy), for a PUT.
    #[napi]
    pub fn to_resource(&self) -> Resource {
        Resource::from(self.inner.clone())
    }

    /// `{ href, properties, links }` (numbers as exact decimal strings), with
    /// `embedded` (by compact relation, each member the same way) when any is.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> serde_json::Value {
        document(&self.inner)
    }
}
