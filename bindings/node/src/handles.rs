//! Typed values crossing the boundary of the hand-written handles
//! (`client.carts`, `client.customers`, ...): a core model value goes out as
//! the `TypedResource` of its relation (which `foxy.js` adopts into
//! `typed.CLASSES[relation]`, no copy), and an argument comes in as a
//! `TypedResource`, a native `Resource` or a plain object, read by the core's model.
//!
//! Which relation an argument is comes from the model type its method reads
//! it as (`Input` read by [`model::<Cart>`](model) is a `cart`): a plain
//! object is made that relation's generated class by the `make` that
//! `foxy.js` registers, so no table of methods and relations exists anywhere.

use std::cell::RefCell;

use napi::Env;
use napi::bindgen_prelude::{
    Either, Either3, FnArgs, Function, JsObjectValue, Object, ObjectRef, Unknown,
};
use napi_derive::napi;

use foxy_model::{Collection, Member, Model};

use crate::described::{TypedResource, relation_info};
use crate::errors::{FoxyError, Outcome};
use crate::resource::Resource;

/// A typed argument: a generated class instance, a native resource, or a
/// plain object of the generated class's field names (`{ billingCity: 'Austin' }`).
pub(crate) type Input<'a> = Either3<&'a TypedResource, &'a Resource, Object<'a>>;

thread_local! {
    /// `{ make(relation, fields) }`, from `foxy.js`: the native `Resource` of
    /// `new typed.CLASSES[relation](fields)`. One per JavaScript thread.
    static CLASSES: RefCell<Option<ObjectRef<false>>> = const { RefCell::new(None) };
}

/// Called once by `foxy.js`: `holder.make(relation, fields)` makes a plain
/// object the generated class of `relation` and returns its `toResource()`.
#[napi]
pub fn register_typed_classes(holder: Object<'_>) -> napi::Result<()> {
    let reference = holder.create_ref::<false>()?;
    CLASSES.with(|slot| *slot.borrow_mut() = Some(reference));
    Ok(())
}

/// The relation whose generated class a model type is (`cart` for `Cart`):
/// the member relation of the collection it is embedded under (`fx:carts`).
fn relation_of<M: Member>() -> Outcome<&'static str> {
    relation_info(&M::REL.compact())?.member.ok_or_else(|| {
        FoxyError::internal(format!(
            "the relation {} has no member relation",
            M::REL.compact()
        ))
    })
}

/// `model` as a typed handle of the relation `relation` (`'cart'`).
pub(crate) fn handle<M: Model>(relation: &str, model: &M) -> Outcome<TypedResource> {
    Ok(TypedResource::of(
        relation_info(relation)?,
        model.to_resource(),
    ))
}

/// A page of a collection as a typed handle of its relation (`'carts'`),
/// the members under the relation the generated class reads (`fx:carts`),
/// whatever the media type named it (HAL+XML says `fx:cart`).
pub(crate) fn page<M: Member>(relation: &str, page: &Collection<M>) -> Outcome<TypedResource> {
    let mut resource = page.to_resource();
    if page.members_rel() != &M::REL {
        if let Some(members) = resource.embedded.shift_remove(page.members_rel()) {
            resource.embedded.insert(M::REL, members);
        }
    }
    Ok(TypedResource::of(relation_info(relation)?, resource))
}

/// The model value of a typed argument (validated by the core's model). A
/// plain object is made the generated class of `M`'s relation first; what
/// that throws (an unknown or read-only field) is thrown here, the model's
/// refusal is the `Outcome`'s error.
pub(crate) fn model<M: Member>(env: &Env, input: Input<'_>) -> napi::Result<Outcome<M>> {
    let read = |resource: &foxy_proto::Resource| Ok(M::from_resource(resource)?);
    Ok(match input {
        Either3::A(typed) => read(typed.inner()),
        Either3::B(resource) => read(resource.inner()),
        Either3::C(fields) => match relation_of::<M>() {
            Ok(relation) => read(make(env, relation, fields)?.inner()),
            Err(error) => Err(error),
        },
    })
}

/// `fields` made the generated class of `relation`, through the registered `make`.
fn make<'a>(env: &Env, relation: &str, fields: Object<'a>) -> napi::Result<&'a Resource> {
    CLASSES.with(|slot| {
        let slot = slot.borrow();
        let Some(reference) = slot.as_ref() else {
            return Err(napi::Error::from_reason(
                "a plain object needs the package entry point (foxy.js) to be loaded",
            ));
        };
        let holder = reference.get_value(env)?;
        let make: Function<'_, FnArgs<(&str, Object<'a>)>, Either<&'a Resource, Unknown<'_>>> =
            holder.get_named_property("make")?;
        match make.call((relation, fields).into())? {
            Either::A(resource) => Ok(resource),
            Either::B(_) => Err(napi::Error::from_reason(format!(
                "the typed class of {relation} did not make a Resource"
            ))),
        }
    })
}
