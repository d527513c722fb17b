//! Where a creation put the new resource, and the create flows.
//!
//! Foxy answers a POST to a collection with `201 Created`, a `Location`
//! header and a message document whose `self` link is the new resource;
//! either names it. [`location`] reads them (the header first), resolved
//! against the href posted to.

use std::sync::Arc;

use http::{Response, header};

use crate::Resource;
use crate::context::Context;
use crate::error::Error;
use crate::flow::{Flow, FlowError, Next};
use crate::navigation::{Intent, Target, send_then};
use crate::query::Query;
use crate::request::{Body, put_document, resolve_href};

/// Where a creation put the new resource: the `Location` header, else the
/// `self` link of the message document, resolved against `href`.
///
/// # Errors
/// [`Error::Api`] for an error status, [`Error::Decode`] for an unreadable
/// message, [`Error::MissingLink`] when neither names the resource.
pub fn location(ctx: &Context, href: &str, response: &Response<Vec<u8>>) -> Result<String, Error> {
    let message = ctx.read(response)?;
    let found = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| message.self_href().map(str::to_owned));
    match found {
        Some(location) => Ok(resolve_href(href, &location)?),
        None => Err(Error::MissingLink {
            rel: "self".to_owned(),
            on: format!("the creation answer of {href}"),
        }),
    }
}

/// POST `document` (as a JSON document: no links, no server-set dates) to
/// the collection at `target`; finishes with the new resource's href.
pub fn create<E: FlowError>(
    ctx: &Arc<Context>,
    target: Target,
    document: &Resource,
) -> Flow<String, E> {
    let owner = ctx.clone();
    let body = Body::Json(put_document(document));
    let next = send_then(ctx, target, Intent::Post(body), move |href, response| {
        Ok(Next::Done(location(&owner, &href, &response)?))
    });
    Flow::start(ctx.policy(), next)
}

/// [`create`], then GET the new resource with `query`, read by `read`.
pub fn create_and_get<T: 'static, E: FlowError>(
    ctx: &Arc<Context>,
    target: Target,
    document: &Resource,
    query: Query,
    read: impl FnOnce(&Context, Response<Vec<u8>>) -> Result<T, E> + Send + 'static,
) -> Flow<T, E> {
    let owner = ctx.clone();
    let body = Body::Json(put_document(document));
    let next = send_then(ctx, target, Intent::Post(body), move |href, response| {
        let created = location(&owner, &href, &response)?;
        let reader = owner.clone();
        send_then(
            &owner,
            Target::href(created),
            Intent::Get(query),
            move |_, r| read(&reader, r).map(Next::Done),
        )
    });
    Flow::start(ctx.policy(), next)
}
