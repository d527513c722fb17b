//! The Foxy.io hypermedia API, described once.
//!
//! Every link relation Foxy documents (`fx:store`, `fx:coupon_codes`, `fx:void`, ...) is
//! described in the JSON files under `data/`, embedded in this crate. [`Schema::load`] parses
//! and checks them; [`schema`] does it once and shares the result. Each [`Relation`] has a
//! [`Kind`], its [`Property`] list, its [`Link`]s, the relations it can zoom, its methods and its
//! path. Code generators (the Rust model, navigation, the sandbox, the bindings) read this.
//!
//! The crate depends on no other crate of the workspace.

mod error;
mod load;
mod model;

pub use error::SchemaError;
pub use load::{DATA_FILES, schema};
pub use model::{Kind, Link, Method, Property, PropertyType, Relation, Schema, Source};
