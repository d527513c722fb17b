//! Hypermedia navigation: following relations from the API home or an href.
//!
//! A [`Target`] names where a request goes: an href, or relations followed
//! one after another (`fx:store`, then `fx:carts`) from the API home or from
//! an href. Targets are resolved lazily, inside a [`Flow`](crate::flow::Flow),
//! and each relation path resolved is kept in the client's [`HrefCache`].
//! [`Intent`] says what to do at the resolved href; [`send`] is the one
//! flow every request of the typed and generic operations is built from.

mod cache;
#[cfg(test)]
mod tests;
mod walk;

use http::Method;

pub use cache::HrefCache;
pub use walk::{home, href, resolve_then, send, send_then};

use crate::query::Query;
use crate::request::{Body, RequestBuilder};
use crate::{Link, Map, Rel, Resource};

/// Where a request goes: an href, or relations followed from the API home
/// or from an href.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    start: Option<String>,
    rels: Vec<Rel>,
}

impl Target {
    /// The API home (the base URL).
    pub fn home() -> Target {
        Target::default()
    }

    /// An href: absolute, or relative to the base URL.
    pub fn href(href: impl Into<String>) -> Target {
        Target {
            start: Some(href.into()),
            rels: Vec::new(),
        }
    }

    /// The same target, then one more relation followed from there.
    pub fn rel(mut self, rel: impl Into<Rel>) -> Target {
        self.rels.push(rel.into());
        self
    }

    /// The relations followed, in order.
    pub fn rels(&self) -> &[Rel] {
        &self.rels
    }

    /// The href it starts from (`None`: the API home).
    pub fn start(&self) -> Option<&str> {
        self.start.as_deref()
    }
}

impl From<&str> for Target {
    fn from(href: &str) -> Self {
        Target::href(href)
    }
}

impl From<String> for Target {
    fn from(href: String) -> Self {
        Target::href(href)
    }
}

impl From<&String> for Target {
    fn from(href: &String) -> Self {
        Target::href(href.clone())
    }
}

impl From<&Link> for Target {
    fn from(link: &Link) -> Self {
        Target::href(link.href.clone())
    }
}

/// What to do at a resolved href.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Intent {
    /// GET with a query.
    Get(Query),
    /// HEAD with a query.
    Head(Query),
    /// OPTIONS.
    Options,
    /// DELETE.
    Delete,
    /// POST a body.
    Post(Body),
    /// POST with no body (a charge).
    PostEmpty,
    /// PUT a whole document (zoom derived from what it embeds).
    Put(Resource),
    /// PATCH some properties.
    Patch(Map),
}

impl Intent {
    /// The request for `href`.
    pub fn builder(self, href: String) -> RequestBuilder {
        match self {
            Intent::Get(query) => RequestBuilder::get(href).query(query),
            Intent::Head(query) => RequestBuilder::new(Method::HEAD, href).query(query),
            Intent::Options => RequestBuilder::new(Method::OPTIONS, href),
            Intent::Delete => RequestBuilder::delete(href),
            Intent::Post(body) => RequestBuilder::post(href, body),
            Intent::PostEmpty => RequestBuilder::new(Method::POST, href),
            Intent::Put(document) => RequestBuilder::put(href, &document),
            Intent::Patch(changes) => RequestBuilder::patch(href, &changes),
        }
    }

    /// What the request is for, for its trace span.
    pub fn label(&self) -> &'static str {
        match self {
            Intent::Get(_) => "get",
            Intent::Head(_) => "head",
            Intent::Options => "options",
            Intent::Delete => "delete",
            Intent::Post(_) | Intent::PostEmpty => "post",
            Intent::Put(_) => "put",
            Intent::Patch(_) => "patch",
        }
    }
}
