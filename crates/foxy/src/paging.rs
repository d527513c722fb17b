//! Walking every member of a collection, one page in memory at a time.
//!
//! `Walk` is the shared part: it resolves the collection, fetches a page,
//! reads its members and finds the next page through
//! [`foxy_proto::paginate::PageCursor`]. The blocking client wraps it in an
//! [`Iterator`] ([`Pages`]), the async client in a [`futures::Stream`]
//! ([`MemberStream`]); both hold only the current page. The async client
//! can also fetch pages concurrently (`all_parallel`), planned from the first
//! page's counts with [`foxy_proto::paginate::remaining_pages`].
//!
//! Both are fused: once they have ended (after the last member, or after
//! the one error that ends a walk), asking again keeps answering "no more"
//! without fetching anything ([`std::iter::FusedIterator`],
//! [`futures::stream::FusedStream`]).

use std::collections::VecDeque;
use std::sync::Arc;

use http::Response;

use foxy_model::Member;
use foxy_proto::paginate::PageCursor;
use foxy_proto::query::Query;
use foxy_proto::request::RequestBuilder;

use crate::error::Error;
use foxy_proto::context::Context;
use foxy_proto::navigation::{self, Intent, Target};

use crate::flow::{Flow, Next};
use crate::ops::typed_page;

/// A fetched page: the href it was fetched from and the response.
pub(crate) type Fetched = (String, Response<Vec<u8>>);

/// The state of a walk over a collection of `T`.
pub(crate) struct Walk<T> {
    start: Option<(Target, Query)>,
    cursor: Option<PageCursor>,
    buffer: VecDeque<T>,
}

impl<T: Member + Send + 'static> Walk<T> {
    /// A walk over the collection at `target`, its first page asked with `query`.
    pub(crate) fn new(target: Target, query: Query) -> Walk<T> {
        Walk {
            start: Some((target, query)),
            cursor: None,
            buffer: VecDeque::new(),
        }
    }

    /// The next member already fetched.
    pub(crate) fn pop(&mut self) -> Option<T> {
        self.buffer.pop_front()
    }

    /// The flow fetching the next page, or `None` when the walk is over.
    pub(crate) fn next_page(&mut self, ctx: &Arc<Context>) -> Option<Flow<Fetched>> {
        if let Some((target, query)) = self.start.take() {
            return Some(first_page(ctx, target, query));
        }
        let href = self.cursor.as_mut()?.take_next()?;
        Some(page_at(ctx, href))
    }

    /// Reads a fetched page into the buffer and finds the next one.
    pub(crate) fn accept(&mut self, ctx: &Context, fetched: Fetched) -> Result<(), Error> {
        let (href, response) = fetched;
        let cursor = self
            .cursor
            .get_or_insert_with(|| PageCursor::new(href.clone(), ctx.accept()));
        let page = cursor.read_page(&href, &response)?;
        self.buffer.extend(typed_page::<T>(page)?.members);
        Ok(())
    }

    /// Ends the walk (after an error).
    pub(crate) fn stop(&mut self) {
        self.start = None;
        self.cursor = None;
        self.buffer.clear();
    }
}

/// Resolves `target` and GETs its first page with `query`.
pub(crate) fn first_page(ctx: &Arc<Context>, target: Target, query: Query) -> Flow<Fetched> {
    let applied = query.clone();
    navigation::send(ctx, target, Intent::Get(query), move |_, href, response| {
        Ok((applied.apply_to(&href)?, response))
    })
}

/// GETs the page at `href`.
pub(crate) fn page_at(ctx: &Arc<Context>, href: String) -> Flow<Fetched> {
    let requested = href.clone();
    ctx.flow("next", RequestBuilder::get(href), move |response| {
        Ok(Next::Done((requested, response)))
    })
}

/// Every member of a collection, page by page (blocking).
///
/// Yields `Err` once and then ends when a page cannot be fetched or read.
/// Fused: after it has ended, `next` keeps returning `None`.
#[cfg(feature = "blocking")]
pub struct Pages<T> {
    client: crate::Client,
    walk: Walk<T>,
    ended: bool,
}

#[cfg(feature = "blocking")]
impl<T: Member + Send + 'static> Pages<T> {
    pub(crate) fn new(client: crate::Client, target: Target, query: Query) -> Pages<T> {
        Pages {
            client,
            walk: Walk::new(target, query),
            ended: false,
        }
    }
}

#[cfg(feature = "blocking")]
impl<T: Member + Send + 'static> Pages<T> {
    /// Every member of the collection at `target` (an href, a link, or a
    /// relation path), the first page asked with `query`.
    pub fn from_href(client: &crate::Client, target: impl Into<Target>, query: Query) -> Pages<T> {
        Pages::new(client.clone(), target.into(), query)
    }
}

#[cfg(feature = "blocking")]
impl<T: Member + Send + 'static> Iterator for Pages<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        loop {
            if let Some(member) = self.walk.pop() {
                return Some(Ok(member));
            }
            let Some(flow) = self.walk.next_page(self.client.ctx()) else {
                self.ended = true;
                return None;
            };
            let read = self
                .client
                .run(flow)
                .and_then(|fetched| self.walk.accept(self.client.ctx(), fetched));
            if let Err(e) = read {
                self.walk.stop();
                return Some(Err(e));
            }
        }
    }
}

#[cfg(feature = "blocking")]
impl<T: Member + Send + 'static> std::iter::FusedIterator for Pages<T> {}

/// Every member of a collection, as an async stream.
///
/// Yields `Err` once and then ends when a page cannot be fetched or read.
/// Fused: after it has ended, polling keeps answering `None`
/// ([`FusedStream::is_terminated`](futures::stream::FusedStream::is_terminated)
/// says so) and fetches nothing.
#[cfg(feature = "async")]
pub struct MemberStream<T> {
    /// The walk, until it has ended.
    inner: Option<futures::stream::BoxStream<'static, Result<T, Error>>>,
}

#[cfg(feature = "async")]
impl<T> MemberStream<T> {
    fn new(inner: futures::stream::BoxStream<'static, Result<T, Error>>) -> MemberStream<T> {
        MemberStream { inner: Some(inner) }
    }
}

#[cfg(feature = "async")]
impl<T> std::fmt::Debug for MemberStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemberStream")
            .field("ended", &self.inner.is_none())
            .finish()
    }
}

#[cfg(feature = "async")]
impl<T> futures::Stream for MemberStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use futures::StreamExt as _;
        use std::task::Poll;
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        match inner.poll_next_unpin(cx) {
            Poll::Ready(None) => {
                // Dropped at its end: the walk behind it is never polled again.
                self.inner = None;
                Poll::Ready(None)
            }
            other => other,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.as_ref().map_or((0, Some(0)), |s| s.size_hint())
    }
}

#[cfg(feature = "async")]
impl<T> futures::stream::FusedStream for MemberStream<T> {
    fn is_terminated(&self) -> bool {
        self.inner.is_none()
    }
}

/// Every member of the collection at `target`, page by page (async).
#[cfg(feature = "async")]
pub(crate) fn stream<T: Member + Send + 'static>(
    client: crate::AsyncClient,
    target: Target,
    query: Query,
) -> MemberStream<T> {
    use futures::StreamExt as _;
    let walk: Walk<T> = Walk::new(target, query);
    let members = futures::stream::unfold((client, walk), |(client, mut walk)| async move {
        loop {
            if let Some(member) = walk.pop() {
                return Some((Ok(member), (client, walk)));
            }
            let flow = walk.next_page(client.ctx())?;
            let read = match client.run(flow).await {
                Ok(fetched) => walk.accept(client.ctx(), fetched),
                Err(e) => Err(e),
            };
            if let Err(e) = read {
                walk.stop();
                return Some((Err(e), (client, walk)));
            }
        }
    });
    MemberStream::new(members.boxed())
}

/// Every member of the collection at `target`, fetching up to `concurrency`
/// pages at once after the first (async). Members come in collection order.
#[cfg(feature = "async")]
pub(crate) fn parallel<T: Member + Send + 'static>(
    client: crate::AsyncClient,
    target: Target,
    query: Query,
    concurrency: usize,
) -> MemberStream<T> {
    use futures::StreamExt as _;
    use futures::future::ready;
    use futures::stream;
    let first = {
        let client = client.clone();
        async move {
            let (_, response) = client.run(first_page(client.ctx(), target, query)).await?;
            let page = client.ctx().read(&response)?;
            let rest = foxy_proto::paginate::remaining_pages(&page)?;
            Ok::<_, Error>((typed_page::<T>(page)?.members, rest))
        }
    };
    let members = stream::once(first).flat_map(move |first| match first {
        Ok((members, rest)) => {
            let client = client.clone();
            let pages = stream::iter(rest)
                .map(move |href| {
                    let client = client.clone();
                    async move {
                        let (_, response) = client.run(page_at(client.ctx(), href)).await?;
                        Ok::<_, Error>(typed_page::<T>(client.ctx().read(&response)?)?.members)
                    }
                })
                .buffered(concurrency.max(1))
                .flat_map(|page| match page {
                    Ok(members) => stream::iter(members.into_iter().map(Ok)).left_stream(),
                    Err(e) => stream::once(ready(Err(e))).right_stream(),
                });
            stream::iter(members.into_iter().map(Ok))
                .chain(pages)
                .left_stream()
        }
        Err(e) => stream::once(ready(Err(e))).right_stream(),
    });
    MemberStream::new(members.boxed())
}

/// Writes `all` (and, async, `all_parallel`) on a typed handle.
macro_rules! walkers {
    ($handle:ident, $model:ty, $collection:path) => {
        #[cfg(feature = "blocking")]
        impl $handle<'_, crate::Client> {
            /// Every member of the collection, page by page (one page in
            /// memory), the first page asked with `query`.
            pub fn all(&self, query: Query) -> Pages<$model> {
                Pages::new(self.client.clone(), $collection(), query)
            }
        }

        #[cfg(feature = "async")]
        impl $handle<'_, crate::AsyncClient> {
            /// Every member of the collection, page by page (one page in
            /// memory), the first page asked with `query`.
            pub fn all(&self, query: Query) -> MemberStream<$model> {
                stream(self.client.clone(), $collection(), query)
            }

            /// Every member of the collection, fetching up to `concurrency`
            /// pages at once after the first; members come in order.
            pub fn all_parallel(&self, query: Query, concurrency: usize) -> MemberStream<$model> {
                parallel(self.client.clone(), $collection(), query, concurrency)
            }
        }
    };
}

use crate::ops::{Carts, Customers, Transactions};

walkers!(Carts, foxy_model::Cart, crate::ops::carts::collection);
walkers!(
    Customers,
    foxy_model::Customer,
    crate::ops::customers::collection
);
walkers!(
    Transactions,
    foxy_model::Transaction,
    crate::ops::transactions::collection
);
