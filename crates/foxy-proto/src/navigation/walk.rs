//! The relation walk: each relation of a [`Target`] read from the resource
//! before it (the home, then each link's target), cached relation paths
//! skipped, the API home's token link learnt on the way.

use std::collections::VecDeque;
use std::sync::Arc;

use http::Response;

use super::{HrefCache, Intent, Target};
use crate::context::Context;
use crate::error::Error;
use crate::flow::{Flow, FlowError, Next};
use crate::request::{RequestBuilder, resolve_href};
use crate::{Rel, Resource};

type Done<T, E> = Box<dyn FnOnce(String) -> Result<Next<T, E>, E> + Send>;

/// Resolves `target` to an href (reading the home and each resource on the
/// way unless cached), then continues with `done`.
///
/// # Errors
/// An href that cannot be resolved against the base URL.
pub fn resolve_then<T: 'static, E: FlowError>(
    ctx: &Arc<Context>,
    target: Target,
    done: impl FnOnce(String) -> Result<Next<T, E>, E> + Send + 'static,
) -> Result<Next<T, E>, E> {
    let (href, key, is_home) = match target.start {
        Some(href) => {
            let href = ctx.resolve(&href)?;
            // The cache key of the relations followed from there (none: unused).
            let key = if target.rels.is_empty() {
                String::new()
            } else {
                href.clone()
            };
            (href, key, false)
        }
        None => (ctx.base().to_owned(), String::new(), true),
    };
    let start = Walk {
        ctx: ctx.clone(),
        at: href,
        key,
        is_home,
    };
    start.walk(target.rels.into(), Box::new(done))
}

/// Where a walk is: the href reached, its cache key, whether it is the home.
struct Walk {
    ctx: Arc<Context>,
    at: String,
    key: String,
    is_home: bool,
}

impl Walk {
    fn walk<T: 'static, E: FlowError>(
        mut self,
        mut rels: VecDeque<Rel>,
        done: Done<T, E>,
    ) -> Result<Next<T, E>, E> {
        let rel = loop {
            let Some(rel) = rels.pop_front() else {
                return done(self.at);
            };
            let next_key = HrefCache::key(&self.key, &rel);
            match self.ctx.hrefs().get(&next_key) {
                Some(href) => (self.at, self.key, self.is_home) = (href, next_key, false),
                None => break rel,
            }
        };
        let call = self.ctx.call(RequestBuilder::get(self.at.clone()))?;
        let label = rel.compact().into_owned();
        let then = move |response: Response<Vec<u8>>| {
            let href = self.step(&response, &rel)?;
            let key = HrefCache::key(&self.key, &rel);
            self.ctx.hrefs().insert(key.clone(), href.clone());
            let next = Walk {
                ctx: self.ctx,
                at: href,
                key,
                is_home: false,
            };
            next.walk(rels, done)
        };
        Ok(Next::Call(call, label, Box::new(then)))
    }

    /// The href `rel` links to from the resource in `response`.
    fn step(&self, response: &Response<Vec<u8>>, rel: &Rel) -> Result<String, Error> {
        let resource = self.ctx.read(response)?;
        if self.is_home {
            self.ctx.learn_home(&resource);
        }
        let link = resource.link(rel).ok_or_else(|| Error::MissingLink {
            rel: rel.compact().into_owned(),
            on: if self.is_home {
                "the API home".to_owned()
            } else {
                self.at.clone()
            },
        })?;
        let base = resource.self_href().unwrap_or(&self.at);
        Ok(resolve_href(base, &link.href)?)
    }
}

/// Resolves `target`, sends `intent` there, and hands the href and the
/// response (any status) to `then`.
///
/// # Errors
/// An href that cannot be resolved, or a request that cannot be built.
pub fn send_then<T: 'static, E: FlowError>(
    ctx: &Arc<Context>,
    target: Target,
    intent: Intent,
    then: impl FnOnce(String, Response<Vec<u8>>) -> Result<Next<T, E>, E> + Send + 'static,
) -> Result<Next<T, E>, E> {
    let owner = ctx.clone();
    resolve_then(ctx, target, move |href| {
        let label = intent.label();
        let call = owner.call(intent.builder(href.clone()))?;
        Ok(Next::Call(
            call,
            label.to_owned(),
            Box::new(move |response| then(href, response)),
        ))
    })
}

/// A flow resolving `target`, sending `intent` and reading the answer with
/// `read` (given the client's context, the href and the response).
pub fn send<T: 'static, E: FlowError>(
    ctx: &Arc<Context>,
    target: Target,
    intent: Intent,
    read: impl FnOnce(&Context, String, Response<Vec<u8>>) -> Result<T, E> + Send + 'static,
) -> Flow<T, E> {
    let owner = ctx.clone();
    let next = send_then(ctx, target, intent, move |href, response| {
        read(&owner, href, response).map(Next::Done)
    });
    Flow::start(ctx.policy(), next)
}

/// A flow resolving `target` to its href without sending anything there.
pub fn href<E: FlowError>(ctx: &Arc<Context>, target: Target) -> Flow<String, E> {
    Flow::start(
        ctx.policy(),
        resolve_then(ctx, target, |href| Ok(Next::Done(href))),
    )
}

/// A flow reading the API home (and learning the token endpoint from it).
pub fn home<E: FlowError>(ctx: &Arc<Context>) -> Flow<Resource, E> {
    let owner = ctx.clone();
    ctx.flow(
        "home",
        RequestBuilder::get(ctx.base().to_owned()),
        move |response| {
            let home = owner.read(&response)?;
            owner.learn_home(&home);
            Ok(Next::Done(home))
        },
    )
}
