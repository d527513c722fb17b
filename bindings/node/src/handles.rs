//! Typed values crossing the boundary of the hand-written handles
//! (`client.carts`, `client.customers`, ...): a core model value goes out as
//! the `TypedResource` of its relation (which `foxy.js` adopts into
//! `typed.CLASSES[relation]`, no copy), and an argument comes in as a
//! `TypedResource` or a native `Resource`, read by the core's model.

use napi::bindgen_prelude::Either;

use foxy_model::{Collection, Member, Model};

use crate::described::{TypedResource, relation_info};
use crate::errors::Outcome;
use crate::resource::Resource;

/// A typed argument: a generated class instance or a native resource.
pub(crate) type Input<'a> = Either<&'a TypedResource, &'a Resource>;

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

/// The model value of a typed argument (validated by the core's model).
pub(crate) fn model<M: Model>(input: Input<'_>) -> Outcome<M> {
    let resource = match input {
        Either::A(typed) => typed.inner(),
        Either::B(resource) => resource.inner(),
    };
    Ok(M::from_resource(resource)?)
}
