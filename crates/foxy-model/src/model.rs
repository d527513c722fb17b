//! What every typed view shares: the [`Model`] trait, the [`Extras`] it
//! keeps for the round trip, and the `model!` macro that writes the
//! per-field read and write code.
//!
//! The round-trip rule: a typed field that holds a value is always written;
//! a field that is `None` is written as `null` only when the property was
//! present in the resource read (or the constructor declared it), so absent
//! stays absent and `null` stays `null`. Unknown properties, links, classes,
//! actions and unmodelled embedded resources are written back unchanged, and
//! properties keep the order they were read in.

use indexmap::IndexMap;

use foxy_proto::meta::{Meta, ResponseMeta};
use foxy_proto::{Action, Link, Map, Rel, Resource, Value};

use crate::error::ModelError;

/// A typed view over a [`Resource`].
pub trait Model: Sized {
    /// Reads the typed view; unknown properties and links are kept.
    fn from_resource(resource: &Resource) -> Result<Self, ModelError>;
    /// Writes the view back, with everything it kept.
    fn to_resource(&self) -> Resource;
    /// The links, unknown properties and other things kept for the round trip.
    fn extras(&self) -> &Extras;

    /// What the server said besides the body (status, headers, `ETag`,
    /// URL, attempts, time taken), when the view was read from an answer.
    fn meta(&self) -> Option<&ResponseMeta> {
        self.extras().meta.get()
    }

    /// The href of the `self` link, if the resource has one.
    fn self_href(&self) -> Option<&str> {
        self.extras().link(&Rel::SELF).map(|l| l.href.as_str())
    }
}

/// A typed view that appears as a member of a collection or as an embedded resource.
pub trait Member: Model {
    /// The relation it is embedded under (`fx:items` for [`crate::Item`]).
    const REL: Rel;
}

/// Everything of a resource that its typed view does not model as a field.
///
/// Equality ignores the recorded property order (a representation detail).
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Siren classes.
    pub class: Vec<String>,
    /// Every link, by relation; the typed link accessors read from here.
    pub links: IndexMap<Rel, Vec<Link>>,
    /// Properties the type does not know, in document order.
    pub properties: Map,
    /// Embedded resources under relations the type does not model.
    pub embedded: IndexMap<Rel, Vec<Resource>>,
    /// Siren actions.
    pub actions: Vec<Action>,
    /// What the server said besides the body, when the view was read from
    /// an answer; ignored by equality (see [`Model::meta`]).
    pub meta: Meta,
    /// Every property name present when read (or declared by a constructor), in order.
    order: Vec<String>,
    /// Every embedded relation present when read, in order.
    embedded_order: Vec<Rel>,
}

impl PartialEq for Extras {
    fn eq(&self, other: &Self) -> bool {
        self.class == other.class
            && self.links == other.links
            && self.properties == other.properties
            && self.embedded == other.embedded
            && self.actions == other.actions
    }
}

impl Eq for Extras {}

impl Extras {
    /// Extras for a resource built in code whose properties are written in `order`
    /// (those left `None` are written as `null`).
    pub fn declaring(order: &[&str]) -> Extras {
        Extras {
            order: order.iter().map(|&s| s.to_owned()).collect(),
            ..Extras::default()
        }
    }

    /// Makes `name` be written (as `null` when its field is `None`), after those already present.
    pub fn declare(&mut self, name: &str) {
        if !self.order.iter().any(|k| k == name) {
            self.order.push(name.to_owned());
        }
    }

    /// Whether `name` was present in the resource read, or declared.
    pub fn is_present(&self, name: &str) -> bool {
        self.order.iter().any(|k| k == name)
    }

    /// The first link of a relation.
    pub fn link(&self, rel: &Rel) -> Option<&Link> {
        self.links.get(rel).and_then(|links| links.first())
    }

    /// The first link of a relation the resource always carries.
    pub fn required_link(&self, rel: &Rel) -> Result<&Link, ModelError> {
        self.link(rel).ok_or_else(|| ModelError::MissingLink {
            rel: rel.compact().into_owned(),
        })
    }

    /// Captures what a typed view with fields `known` and embedded relations `typed` leaves out.
    pub(crate) fn capture(resource: &Resource, known: &[&str], typed: &[Rel]) -> Extras {
        Extras {
            class: resource.class.clone(),
            links: resource.links.clone(),
            properties: resource
                .properties
                .iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            embedded: resource
                .embedded
                .iter()
                .filter(|(rel, _)| !typed.contains(rel))
                .map(|(rel, list)| (rel.clone(), list.clone()))
                .collect(),
            actions: resource.actions.clone(),
            meta: resource.meta.clone(),
            order: resource.properties.keys().cloned().collect(),
            embedded_order: resource.embedded.keys().cloned().collect(),
        }
    }

    /// Builds the resource from the typed fields (`known`, in the type's order) and
    /// typed embedded lists, keeping the order read.
    pub(crate) fn assemble(
        &self,
        known: Vec<(&'static str, Option<Value>)>,
        typed: Vec<(Rel, Vec<Resource>)>,
    ) -> Resource {
        let mut fresh: IndexMap<&str, Value> = IndexMap::new();
        for (name, value) in known {
            match value {
                Some(value) => {
                    fresh.insert(name, value);
                }
                None if self.is_present(name) => {
                    fresh.insert(name, Value::Null);
                }
                None => {}
            }
        }
        let mut properties = Map::new();
        for key in &self.order {
            if let Some(value) = fresh.shift_remove(key.as_str()) {
                properties.insert(key.clone(), value);
            } else if let Some(value) = self.properties.get(key) {
                properties.insert(key.clone(), value.clone());
            }
        }
        for (name, value) in fresh {
            properties.insert(name.to_owned(), value);
        }
        for (name, value) in &self.properties {
            if !properties.contains_key(name) {
                properties.insert(name.clone(), value.clone());
            }
        }

        let mut typed: IndexMap<Rel, Vec<Resource>> = typed.into_iter().collect();
        let mut embedded = IndexMap::new();
        for rel in &self.embedded_order {
            if let Some(list) = typed.shift_remove(rel) {
                embedded.insert(rel.clone(), list);
            } else if let Some(list) = self.embedded.get(rel) {
                embedded.insert(rel.clone(), list.clone());
            }
        }
        for (rel, list) in typed {
            if !list.is_empty() {
                embedded.insert(rel, list);
            }
        }
        for (rel, list) in &self.embedded {
            if !embedded.contains_key(rel) {
                embedded.insert(rel.clone(), list.clone());
            }
        }

        Resource {
            class: self.class.clone(),
            properties,
            links: self.links.clone(),
            embedded,
            actions: self.actions.clone(),
            meta: self.meta.clone(),
        }
    }
}

/// Reads the embedded resources of `rel` as `T`, naming `rel[index]` in errors.
pub(crate) fn read_embedded<T: Model>(
    resource: &Resource,
    rel: &Rel,
) -> Result<Vec<T>, ModelError> {
    resource
        .embedded(rel)
        .iter()
        .enumerate()
        .map(|(index, member)| {
            T::from_resource(member).map_err(|e| e.within(&format!("{}[{index}]", rel.compact())))
        })
        .collect()
}

/// Declares a typed view: its fields, typed embedded lists and typed links.
///
/// Every field is the property of the same name; optional fields are
/// `Option<T>` (absent or `null` give `None`), required ones fail with
/// [`ModelError::Missing`].
macro_rules! model {
    (
        $(#[$doc:meta])*
        pub struct $name:ident $(($rel:expr))? {
            required {
                $( $(#[$rdoc:meta])* $rfield:ident: $rty:ty, )*
            }
            fields {
                $( $(#[$fdoc:meta])* $field:ident: $fty:ty, )*
            }
            embedded {
                $( $(#[$edoc:meta])* $emb:ident: $ety:ty = $erel:expr, )*
            }
            links {
                $( $(#[$ldoc:meta])* $link:ident = $lrel:expr, )*
            }
            conditional_links {
                $( $(#[$cdoc:meta])* $clink:ident = $crel:expr, )*
            }
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$rdoc])* pub $rfield: $rty, )*
            $( $(#[$fdoc])* pub $field: Option<$fty>, )*
            $( $(#[$edoc])* pub $emb: Vec<$ety>, )*
            /// Links, unknown properties and unmodelled embedded resources, kept for the round trip.
            pub extras: $crate::model::Extras,
        }

        impl $name {
            /// The property names this type reads into fields.
            pub const FIELDS: &'static [&'static str] =
                &[$(stringify!($rfield),)* $(stringify!($field),)*];

            /// Reads the typed view; unknown properties and links are kept.
            pub fn from_resource(
                resource: &foxy_proto::Resource,
            ) -> Result<Self, $crate::error::ModelError> {
                let props = &resource.properties;
                Ok($name {
                    $( $rfield: $crate::values::read_optional::<$rty>(props, stringify!($rfield))?
                        .ok_or_else(|| $crate::error::ModelError::Missing {
                            field: stringify!($rfield).to_owned(),
                        })?, )*
                    $( $field: $crate::values::read_optional::<$fty>(props, stringify!($field))?, )*
                    $( $emb: $crate::model::read_embedded::<$ety>(resource, &$erel)?, )*
                    extras: $crate::model::Extras::capture(
                        resource,
                        Self::FIELDS,
                        &[$($erel),*] as &[foxy_proto::Rel],
                    ),
                })
            }

            /// Writes the view back as a resource, with everything it kept.
            pub fn to_resource(&self) -> foxy_proto::Resource {
                #[allow(unused_imports)]
                use $crate::model::Model as _;
                use $crate::values::FieldValue as _;
                let known: Vec<(&'static str, Option<foxy_proto::Value>)> = vec![
                    $( (stringify!($rfield), Some(self.$rfield.to_value())), )*
                    $( (stringify!($field), self.$field.as_ref().map(|v| v.to_value())), )*
                ];
                let typed: Vec<(foxy_proto::Rel, Vec<foxy_proto::Resource>)> = vec![
                    $( ($erel, self.$emb.iter().map(|m| m.to_resource()).collect()), )*
                ];
                self.extras.assemble(known, typed)
            }

            $(
                $(#[$ldoc])*
                pub fn $link(&self) -> Result<&foxy_proto::Link, $crate::error::ModelError> {
                    self.extras.required_link(&$lrel)
                }
            )*

            $(
                $(#[$cdoc])*
                pub fn $clink(&self) -> Option<&foxy_proto::Link> {
                    self.extras.link(&$crel)
                }
            )*
        }

        impl $crate::model::Model for $name {
            fn from_resource(
                resource: &foxy_proto::Resource,
            ) -> Result<Self, $crate::error::ModelError> {
                $name::from_resource(resource)
            }

            fn to_resource(&self) -> foxy_proto::Resource {
                $name::to_resource(self)
            }

            fn extras(&self) -> &$crate::model::Extras {
                &self.extras
            }
        }

        $(
            impl $crate::model::Member for $name {
                const REL: foxy_proto::Rel = $rel;
            }
        )?
    };
}

pub(crate) use model;
