//! What every generated typed class shares: [`Handle`], a handle on one core
//! [`Resource`] of a described relation.
//!
//! A generated class (`Coupon`, `Subscription`, ... in [`crate::generated`])
//! is a uniffi object around a `Handle`. Its getters and setters read and
//! write one property through `foxy_model::typed::read_property` and
//! `write_property`, by the property's name in the representation and its
//! entry in `foxy_model::generated::RELATIONS`; nothing is copied out, so
//! a PUT of an object read from the API sends every property, link and
//! embedded resource it was read with, described or not, plus what changed.
//!
//! Across the boundary: money and other decimals are exact strings
//! (`"10.50"`), validated on set; dates the text Foxy sent; JSON properties
//! JSON text. A value that does not fit is a typed `FoxyError`, never a
//! panic.

use std::sync::{Mutex, MutexGuard};

use foxy::model::typed::{PropertyInfo, PropertyValue, read_property, write_property};
use foxy::model::{Date, Money};
use foxy::proto::codec::json;
use foxy::proto::{Rel, Resource};

use crate::document::{hal_json, resource_of};
use crate::errors::{FoxyError, FoxyResult};
use crate::meta::ResponseMeta;

/// One resource of the relation `relation`, shared behind a lock.
#[derive(Debug)]
pub struct Handle {
    relation: &'static str,
    resource: Mutex<Resource>,
}

impl Handle {
    /// A handle on `resource`, read as `relation`.
    pub(crate) fn new(relation: &'static str, resource: Resource) -> Handle {
        Handle {
            relation,
            resource: Mutex::new(resource),
        }
    }

    /// A handle on the HAL+JSON document `text`.
    pub(crate) fn from_json(relation: &'static str, text: &str) -> FoxyResult<Handle> {
        Ok(Handle::new(relation, resource_of(text)?))
    }

    /// The resource, locked.
    fn lock(&self) -> FoxyResult<MutexGuard<'_, Resource>> {
        self.resource.lock().map_err(|_| FoxyError::Internal {
            code: "internal".to_owned(),
            detail: "a typed resource's lock was poisoned".to_owned(),
        })
    }

    /// A copy of the whole resource, with every change made so far.
    pub(crate) fn snapshot(&self) -> FoxyResult<Resource> {
        Ok(self.lock()?.clone())
    }

    /// The described property `name` of the relation.
    fn info(&self, name: &str) -> FoxyResult<&'static PropertyInfo> {
        foxy::model::generated::relation(self.relation)
            .and_then(|info| info.properties.iter().find(|p| p.name == name))
            .ok_or_else(|| FoxyError::Internal {
                code: "internal".to_owned(),
                detail: format!("the description of {} has no {name}", self.relation),
            })
    }

    /// Reads the property `name`.
    fn read(&self, name: &str) -> FoxyResult<Option<PropertyValue>> {
        let info = self.info(name)?;
        Ok(read_property(&*self.lock()?, info)?)
    }

    /// Writes the property `name` (`None`: `null`).
    fn write(&self, name: &str, value: Option<PropertyValue>) -> FoxyResult<()> {
        let info = self.info(name)?;
        Ok(write_property(&mut *self.lock()?, info, value)?)
    }

    /// The href of the `self` link.
    pub(crate) fn href(&self) -> FoxyResult<Option<String>> {
        Ok(self.lock()?.self_href().map(str::to_owned))
    }

    /// The first href of the link `rel` (`fx:items`, `self`).
    pub(crate) fn link(&self, rel: &str) -> FoxyResult<Option<String>> {
        let resource = self.lock()?;
        let found = resource.links.get(&Rel::from(rel));
        Ok(found.and_then(|l| l.first()).map(|l| l.href.clone()))
    }

    /// What the server said besides the body, when the resource was read
    /// from an answer.
    pub(crate) fn meta(&self) -> FoxyResult<Option<ResponseMeta>> {
        Ok(ResponseMeta::of(self.lock()?.meta()))
    }

    /// The whole resource as HAL+JSON.
    pub(crate) fn to_json(&self) -> FoxyResult<String> {
        hal_json(&*self.lock()?)
    }

    /// A text property.
    pub(crate) fn text(&self, name: &str) -> FoxyResult<Option<String>> {
        Ok(match self.read(name)? {
            Some(PropertyValue::Text(s) | PropertyValue::Enum(s)) => Some(s),
            _ => None,
        })
    }

    /// Sets a text property.
    pub(crate) fn set_text(&self, name: &str, value: Option<String>) -> FoxyResult<()> {
        self.write(name, value.map(PropertyValue::Text))
    }

    /// Sets an enum property; a value the description does not list is refused.
    pub(crate) fn set_enum(&self, name: &str, value: Option<String>) -> FoxyResult<()> {
        let info = self.info(name)?;
        if let Some(v) = &value {
            if !info.values.is_empty() && !info.values.contains(&v.as_str()) {
                return Err(FoxyError::input(format!(
                    "{name}: {v:?} is not one of {}",
                    info.values.join(", ")
                )));
            }
        }
        self.write(name, value.map(PropertyValue::Enum))
    }

    /// An integer property.
    pub(crate) fn integer(&self, name: &str) -> FoxyResult<Option<i64>> {
        Ok(match self.read(name)? {
            Some(PropertyValue::Integer(n)) => Some(n),
            _ => None,
        })
    }

    /// Sets an integer property.
    pub(crate) fn set_integer(&self, name: &str, value: Option<i64>) -> FoxyResult<()> {
        self.write(name, value.map(PropertyValue::Integer))
    }

    /// A decimal property as its exact text.
    pub(crate) fn decimal(&self, name: &str) -> FoxyResult<Option<String>> {
        Ok(match self.read(name)? {
            Some(PropertyValue::Decimal(d)) => Some(d.to_string()),
            _ => None,
        })
    }

    /// Sets a decimal property from exact text (`"10.50"`).
    pub(crate) fn set_decimal(&self, name: &str, value: Option<String>) -> FoxyResult<()> {
        let value = match value {
            Some(text) => Some(PropertyValue::Decimal(
                text.parse::<Money>()
                    .map_err(|e| FoxyError::input(format!("{name}: {e}")))?
                    .value(),
            )),
            None => None,
        };
        self.write(name, value)
    }

    /// A boolean property.
    pub(crate) fn boolean(&self, name: &str) -> FoxyResult<Option<bool>> {
        Ok(match self.read(name)? {
            Some(PropertyValue::Boolean(b)) => Some(b),
            _ => None,
        })
    }

    /// Sets a boolean property.
    pub(crate) fn set_boolean(&self, name: &str, value: Option<bool>) -> FoxyResult<()> {
        self.write(name, value.map(PropertyValue::Boolean))
    }

    /// A date (or date and time) property as the text Foxy sent.
    pub(crate) fn date(&self, name: &str) -> FoxyResult<Option<String>> {
        Ok(match self.read(name)? {
            Some(PropertyValue::Date(d)) => Some(d.as_str().to_owned()),
            _ => None,
        })
    }

    /// Sets a date property from ISO 8601 text.
    pub(crate) fn set_date(&self, name: &str, value: Option<String>) -> FoxyResult<()> {
        let value = match value {
            Some(text) => Some(PropertyValue::Date(
                text.parse::<Date>()
                    .map_err(|e| FoxyError::input(format!("{name}: {e}")))?,
            )),
            None => None,
        };
        self.write(name, value)
    }

    /// A JSON property as JSON text.
    pub(crate) fn json(&self, name: &str) -> FoxyResult<Option<String>> {
        Ok(match self.read(name)? {
            Some(PropertyValue::Json(v)) => Some(String::from_utf8_lossy(&json::to_vec(&v)).into()),
            _ => None,
        })
    }

    /// Sets a JSON property from JSON text.
    pub(crate) fn set_json(&self, name: &str, value: Option<String>) -> FoxyResult<()> {
        let value = match value {
            Some(text) => Some(PropertyValue::Json(
                json::parse_value(text.as_bytes())
                    .map_err(|e| FoxyError::input(format!("{name}: {e}")))?,
            )),
            None => None,
        };
        self.write(name, value)
    }
}

/// Declares a typed class: a uniffi object over a [`Handle`] of `relation`,
/// with its constructors and the methods every class has. The generated
/// code adds one getter and one setter per described property.
macro_rules! typed_class {
    ($(#[$doc:meta])* $name:ident, $relation:literal) => {
        $(#[$doc])*
        #[derive(Debug, uniffi::Object)]
        pub struct $name(pub(crate) $crate::typed::Handle);

        impl $name {
            /// Wraps a core resource.
            pub(crate) fn wrap(resource: foxy::proto::Resource) -> std::sync::Arc<$name> {
                std::sync::Arc::new($name($crate::typed::Handle::new($relation, resource)))
            }
        }

        #[uniffi::export]
        impl $name {
            /// An empty resource, to fill with the setters and create.
            #[uniffi::constructor]
            pub fn new() -> std::sync::Arc<$name> {
                $name::wrap(foxy::proto::Resource::new())
            }

            /// The resource of a HAL+JSON document.
            #[uniffi::constructor]
            pub fn from_json(json: String) -> $crate::errors::FoxyResult<std::sync::Arc<$name>> {
                Ok(std::sync::Arc::new($name($crate::typed::Handle::from_json($relation, &json)?)))
            }

            /// The href of the `self` link.
            pub fn href(&self) -> $crate::errors::FoxyResult<Option<String>> {
                self.0.href()
            }

            /// The first href of the link `rel` (`fx:items`, `self`).
            pub fn link(&self, rel: String) -> $crate::errors::FoxyResult<Option<String>> {
                self.0.link(&rel)
            }

            /// What the server said when the resource was read (status,
            /// headers, URL, attempts, time, cache); none for a resource
            /// built here or read as a member of a page.
            pub fn meta(&self) -> $crate::errors::FoxyResult<Option<$crate::meta::ResponseMeta>> {
                self.0.meta()
            }

            /// The whole resource as HAL+JSON, every property and link included.
            pub fn to_json(&self) -> $crate::errors::FoxyResult<String> {
                self.0.to_json()
            }
        }
    };
}

pub(crate) use typed_class;
