//! Typed views over the Foxy.io resource model.
//!
//! Each type here ([`Cart`], [`Item`], [`Customer`], [`Transaction`], ...)
//! reads a [`foxy_proto::Resource`] into typed fields with
//! `from_resource` and writes it back with `to_resource`. Whatever a type
//! does not model (unknown properties, links, Siren classes and actions,
//! other embedded resources) is kept in its [`Extras`] and written back
//! unchanged, and every value keeps the form it was read in (`5` or `"5"`,
//! `true` or `1`), so an unchanged resource round-trips exactly.
//!
//! Money is exact: [`Money`] is a [`rust_decimal::Decimal`] built from the
//! number's text, never from `f64`.
//!
//! Foxy's HAL+XML names embedded children by singular relations (`fx:item`
//! for each of a cart's items); [`rels::plural_rels`] renames them to the
//! plural ones the typed views read.
//!
//! [`generated`] holds a typed handle for every resource and collection
//! relation of the description (`foxy-schema`), written by
//! `cargo xtask codegen`: each owns its [`foxy_proto::Resource`] and reads
//! and writes its properties through typed getters and setters ([`typed`]).
//! The hand-written views above stay beside them (the bindings use their
//! fields); `to_generated`/`to_view` convert between the two.

mod bridge;
mod model;

pub mod attribute;
pub mod cart;
pub mod catalog;
pub mod collection;
pub mod customer;
pub mod discount;
pub mod error;
pub mod generated;
pub mod item;
pub mod rels;
pub mod store;
pub mod transaction;
pub mod typed;
pub mod values;

pub use attribute::{Attribute, CustomField, Visibility, VisibilityError};
pub use cart::{Cart, CartSession};
pub use catalog::{ItemCategory, TemplateSet};
pub use collection::Collection;
pub use customer::{Customer, CustomerAddress, DefaultPaymentMethod};
pub use discount::{AppliedCouponCode, Coupon, Discount};
pub use error::ModelError;
pub use item::{Item, ItemOption};
pub use model::{Extras, Member, Model};
pub use store::{ApiHome, Store};
pub use transaction::{Subscription, Transaction};
pub use values::FieldValue;
pub use values::count::Count;
pub use values::date::{Date, DateError, DateForm};
pub use values::flag::Flag;
pub use values::money::{DecimalError, Measure, Money};
