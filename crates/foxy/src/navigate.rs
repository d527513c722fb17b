//! Hypermedia navigation: following relations from the API home or an href.
//!
//! A [`Target`] names where a request goes: an href, or relations followed
//! one after another (`fx:store`, then `fx:carts`) from the API home or from
//! an href. Targets are resolved lazily, when a request is made, and each
//! relation path resolved is cached per client, so following
//! `fx:store` → `fx:carts` twice reads the home and the store once.
//!
//! ```no_run
//! # fn demo(client: &foxy::Client) -> Result<(), foxy::Error> {
//! use foxy_proto::query::Query;
//! let carts = client.follow("fx:store").follow("fx:carts").get(Query::new())?;
//! println!("{:?}", carts.property("total_items"));
//! # Ok(()) }
//! ```

use std::collections::VecDeque;
use std::sync::Arc;

use http::{Method, Response};

use foxy_proto::query::Query;
use foxy_proto::request::{Body, RequestBuilder, resolve_href};
use foxy_proto::{Link, Map, Rel, Resource};

use crate::error::Error;
use crate::flow::{Flow, Next};
use crate::inner::Inner;

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
pub(crate) enum Intent {
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
    /// PUT a whole document (zoom derived from what it embeds).
    Put(Resource),
    /// PATCH some properties.
    Patch(Map),
}

impl Intent {
    /// The request for `href`.
    pub(crate) fn builder(self, href: String) -> RequestBuilder {
        match self {
            Intent::Get(query) => RequestBuilder::get(href).query(query),
            Intent::Head(query) => RequestBuilder::new(Method::HEAD, href).query(query),
            Intent::Options => RequestBuilder::new(Method::OPTIONS, href),
            Intent::Delete => RequestBuilder::delete(href),
            Intent::Post(body) => RequestBuilder::post(href, body),
            Intent::Put(document) => RequestBuilder::put(href, &document),
            Intent::Patch(changes) => RequestBuilder::patch(href, &changes),
        }
    }

    fn label(&self) -> &'static str {
        match self {
            Intent::Get(_) => "get",
            Intent::Head(_) => "head",
            Intent::Options => "options",
            Intent::Delete => "delete",
            Intent::Post(_) => "post",
            Intent::Put(_) => "put",
            Intent::Patch(_) => "patch",
        }
    }
}

type Done<T> = Box<dyn FnOnce(String) -> Result<Next<T>, Error> + Send>;

/// Resolves `target` to an href (reading the home and each resource on the
/// way unless cached), then continues with `done`.
pub(crate) fn resolve_then<T: 'static>(
    inner: &Arc<Inner>,
    target: Target,
    done: impl FnOnce(String) -> Result<Next<T>, Error> + Send + 'static,
) -> Result<Next<T>, Error> {
    let (href, key, is_home) = match target.start {
        Some(href) => {
            let href = inner.resolve(&href)?;
            (href.clone(), href, false)
        }
        None => (inner.base.clone(), String::new(), true),
    };
    walk(
        inner.clone(),
        href,
        key,
        is_home,
        target.rels.into(),
        Box::new(done),
    )
}

fn walk<T: 'static>(
    inner: Arc<Inner>,
    mut at: String,
    mut key: String,
    mut is_home: bool,
    mut rels: VecDeque<Rel>,
    done: Done<T>,
) -> Result<Next<T>, Error> {
    let rel = loop {
        let Some(rel) = rels.pop_front() else {
            return done(at);
        };
        let next_key = format!("{key}|{}", rel.compact());
        match inner.cached(&next_key) {
            Some(href) => {
                (at, key, is_home) = (href, next_key, false);
            }
            None => break rel,
        }
    };
    let call = inner.call(RequestBuilder::get(at.clone()))?;
    let label = rel.compact().into_owned();
    let then = move |response: Response<Vec<u8>>| {
        let resource = inner.read(&response)?;
        if is_home {
            inner.learn_home(&resource);
        }
        let link = resource.link(&rel).ok_or_else(|| Error::MissingLink {
            rel: rel.compact().into_owned(),
            on: if is_home {
                "the API home".to_owned()
            } else {
                at.clone()
            },
        })?;
        let base = resource.self_href().unwrap_or(&at);
        let href = resolve_href(base, &link.href)?;
        let next_key = format!("{key}|{}", rel.compact());
        inner.remember(next_key.clone(), href.clone());
        walk(inner, href, next_key, false, rels, done)
    };
    Ok(Next::Call(call, label, Box::new(then)))
}

/// Resolves `target`, sends `intent` there, and hands the href and the
/// response (any status) to `then`.
pub(crate) fn send_then<T: 'static>(
    inner: &Arc<Inner>,
    target: Target,
    intent: Intent,
    then: impl FnOnce(String, Response<Vec<u8>>) -> Result<Next<T>, Error> + Send + 'static,
) -> Result<Next<T>, Error> {
    let owner = inner.clone();
    resolve_then(inner, target, move |href| {
        let label = intent.label();
        let call = owner.call(intent.builder(href.clone()))?;
        Ok(Next::Call(
            call,
            label.to_owned(),
            Box::new(move |response| then(href, response)),
        ))
    })
}

/// A flow resolving `target`, sending `intent` and reading the resource.
pub(crate) fn request(inner: &Arc<Inner>, target: Target, intent: Intent) -> Flow<Resource> {
    let owner = inner.clone();
    let next = send_then(inner, target, intent, move |_, response| {
        owner.read(&response).map(Next::Done)
    });
    Flow::start(inner.policy, next)
}

/// A flow resolving `target` to its href without sending anything there.
pub(crate) fn href(inner: &Arc<Inner>, target: Target) -> Flow<String> {
    Flow::start(
        inner.policy,
        resolve_then(inner, target, |href| Ok(Next::Done(href))),
    )
}

/// A relation path started from a client: call [`Follow::follow`] again to
/// go further, then a request method to send (resolved lazily, cached).
#[derive(Debug, Clone)]
pub struct Follow<'a, C> {
    pub(crate) client: &'a C,
    pub(crate) target: Target,
}

impl<'a, C> Follow<'a, C> {
    pub(crate) fn new(client: &'a C, target: Target) -> Follow<'a, C> {
        Follow { client, target }
    }

    /// Follows one more relation.
    pub fn follow(mut self, rel: impl Into<Rel>) -> Follow<'a, C> {
        self.target = self.target.rel(rel);
        self
    }

    /// The target so far.
    pub fn target(&self) -> &Target {
        &self.target
    }
}

crate::ops::client_methods! {
    Follow {
        /// The href the path resolves to (reads what is not cached yet).
        fn href(this) -> String = inner => href(inner, this.target.clone());
        /// GET with a query.
        fn get(this, query: Query) -> Resource =
            inner => request(inner, this.target.clone(), Intent::Get(query));
        /// HEAD with a query (the resource is empty unless the server sent a body).
        fn head(this, query: Query) -> Resource =
            inner => request(inner, this.target.clone(), Intent::Head(query));
        /// OPTIONS.
        fn options(this) -> Resource = inner => request(inner, this.target.clone(), Intent::Options);
        /// POST a body; returns the response document (for a creation, a
        /// message whose `self` link is the new resource).
        fn post(this, body: Body) -> Resource =
            inner => request(inner, this.target.clone(), Intent::Post(body));
        /// PUT a whole document (links and server-set dates left out; the
        /// zoom derived from what it embeds).
        fn put(this, document: &Resource) -> Resource =
            inner => request(inner, this.target.clone(), Intent::Put(document.clone()));
        /// PATCH the given properties.
        fn patch(this, changes: &Map) -> Resource =
            inner => request(inner, this.target.clone(), Intent::Patch(changes.clone()));
        /// DELETE.
        fn delete(this) -> Resource = inner => request(inner, this.target.clone(), Intent::Delete);
    }
}

/// A flow reading the API home (and learning the token endpoint from it).
pub(crate) fn home(inner: &Arc<Inner>) -> Flow<Resource> {
    let owner = inner.clone();
    inner.flow(
        "home",
        RequestBuilder::get(inner.base.clone()),
        move |response| {
            let home = owner.read(&response)?;
            owner.learn_home(&home);
            Ok(Next::Done(home))
        },
    )
}
