//! Walking every member of a collection, at most two pages in memory.
//!
//! `Walk` is the shared part: it resolves the collection, fetches a page,
//! reads its members and finds the next page through
//! [`foxy_proto::paginate::PageCursor`]. The blocking client wraps it in an
//! [`Iterator`] ([`Pages`]), the async client in a [`futures::Stream`]
//! ([`MemberStream`]); both fetch one page ahead (page n+1 while page n is
//! read) and so hold at most two pages: the blocking one on a worker thread
//! per walk, the async one by polling the next page's request along with
//! each member asked for (no task spawned). The async client
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

    /// The members of the page read last, taken out of the walk.
    pub(crate) fn take_members(&mut self) -> VecDeque<T> {
        std::mem::take(&mut self.buffer)
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

    /// As [`Walk::accept`], for the first page: also the pages after it
    /// when they can be planned from its counts
    /// ([`foxy_proto::paginate::pages_ahead`]).
    pub(crate) fn accept_first(
        &mut self,
        ctx: &Context,
        fetched: Fetched,
    ) -> Result<Option<Vec<String>>, Error> {
        let (href, response) = fetched;
        let cursor = self
            .cursor
            .get_or_insert_with(|| PageCursor::new(href.clone(), ctx.accept()));
        let page = cursor.read_page(&href, &response)?;
        let ahead = foxy_proto::paginate::pages_ahead(&page);
        self.buffer.extend(typed_page::<T>(page)?.members);
        Ok(ahead)
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
/// Fetches one page ahead: while the caller reads the members of page n, a
/// worker thread (one per walk, started by the first `next`) fetches and
/// reads page n+1, and then waits until the caller has taken page n's last
/// member before it fetches page n+2. So at most two pages are held: the one
/// being read and the one after it.
///
/// Yields `Err` once and then ends when a page cannot be fetched or read;
/// the error of a page comes after every member of the pages before it.
/// Fused: after it has ended, `next` keeps returning `None`. Dropped before
/// its end, it lets the worker finish the request it is sending and drop
/// that page; nothing further is fetched.
#[cfg(feature = "blocking")]
pub struct Pages<T> {
    source: Source<T>,
    buffer: VecDeque<T>,
}

/// Where a blocking walk's pages come from.
#[cfg(feature = "blocking")]
enum Source<T> {
    /// Not started: the worker starts on the first `next`.
    Idle(crate::Client, Walk<T>),
    /// The worker, at most one page ahead.
    Ahead(std::sync::mpsc::Receiver<Result<VecDeque<T>, Error>>),
    /// The worker fetching the planned pages, one response ahead; each is
    /// read here, while the worker fetches the one after it.
    Planned(
        crate::Client,
        std::sync::mpsc::Receiver<Result<Fetched, Error>>,
    ),
    /// No worker thread could be started: the planned pages fetched when needed.
    Listed(crate::Client, VecDeque<String>),
    /// No worker thread could be started: each page fetched when needed.
    Inline(crate::Client, Walk<T>),
    /// Ended.
    Done,
}

#[cfg(feature = "blocking")]
impl<T: Member + Send + 'static> Pages<T> {
    pub(crate) fn new(client: crate::Client, target: Target, query: Query) -> Pages<T> {
        Pages {
            source: Source::Idle(client, Walk::new(target, query)),
            buffer: VecDeque::new(),
        }
    }

    /// Every member of the collection at `target` (an href, a link, or a
    /// relation path), the first page asked with `query`.
    pub fn from_href(client: &crate::Client, target: impl Into<Target>, query: Query) -> Pages<T> {
        Pages::new(client.clone(), target.into(), query)
    }

    /// The next page's members, `None` at the end of the walk.
    fn next_page(&mut self) -> Option<Result<VecDeque<T>, Error>> {
        match std::mem::replace(&mut self.source, Source::Done) {
            Source::Idle(client, mut walk) => {
                // The first page here; the worker fetches the rest.
                let flow = walk.next_page(client.ctx())?;
                let read = client
                    .run(flow)
                    .and_then(|fetched| walk.accept_first(client.ctx(), fetched));
                let ahead = match read {
                    Ok(ahead) => ahead,
                    Err(e) => return Some(Err(e)),
                };
                let members = walk.take_members();
                self.source = match ahead {
                    Some(hrefs) => start_planned(client, hrefs),
                    None => start_worker(client, walk),
                };
                Some(Ok(members))
            }
            Source::Planned(client, responses) => {
                let fetched = match responses.recv() {
                    Ok(Ok(fetched)) => fetched,
                    Ok(Err(e)) => return Some(Err(e)),
                    Err(_) => return None,
                };
                let read = client
                    .ctx()
                    .read(&fetched.1)
                    .map_err(Error::from)
                    .and_then(typed_page::<T>)
                    .map(|page| VecDeque::from(page.members));
                if read.is_ok() {
                    self.source = Source::Planned(client, responses);
                }
                Some(read)
            }
            Source::Ahead(pages) => {
                // A closed channel: the worker has sent the last page.
                let page = pages.recv().ok()?;
                if page.is_ok() {
                    self.source = Source::Ahead(pages);
                }
                Some(page)
            }
            Source::Listed(client, mut hrefs) => {
                let href = hrefs.pop_front()?;
                let read = client
                    .run(page_at(client.ctx(), href))
                    .and_then(|(_, response)| Ok(client.ctx().read(&response)?))
                    .and_then(typed_page::<T>)
                    .map(|page| VecDeque::from(page.members));
                if read.is_ok() {
                    self.source = Source::Listed(client, hrefs);
                }
                Some(read)
            }
            Source::Inline(client, mut walk) => {
                let page = fetch_page(&client, &mut walk)?;
                if page.is_ok() {
                    self.source = Source::Inline(client, walk);
                }
                Some(page)
            }
            Source::Done => None,
        }
    }
}

/// Fetches and reads the walk's next page, `None` when it has ended.
#[cfg(feature = "blocking")]
fn fetch_page<T: Member + Send + 'static>(
    client: &crate::Client,
    walk: &mut Walk<T>,
) -> Option<Result<VecDeque<T>, Error>> {
    let flow = walk.next_page(client.ctx())?;
    let read = client
        .run(flow)
        .and_then(|fetched| walk.accept(client.ctx(), fetched))
        .map(|()| walk.take_members());
    if read.is_err() {
        walk.stop();
    }
    Some(read)
}

/// Starts the thread fetching one page ahead (the inline source if no
/// thread can be started).
#[cfg(feature = "blocking")]
fn start_worker<T: Member + Send + 'static>(client: crate::Client, walk: Walk<T>) -> Source<T> {
    // A rendezvous channel: the worker holds the page it has read until the
    // caller asks for it, and fetches the one after only then.
    let (pages, received) = std::sync::mpsc::sync_channel(0);
    let shared = Arc::new(std::sync::Mutex::new(Some((client, walk))));
    let handed = Arc::clone(&shared);
    let spawned = std::thread::Builder::new()
        .name("foxy-pages".into())
        .spawn(move || {
            let taken = handed
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
            let Some((client, mut walk)) = taken else {
                return;
            };
            while let Some(page) = fetch_page(&client, &mut walk) {
                let failed = page.is_err();
                // The caller dropped the walk: stop, dropping the page.
                if pages.send(page).is_err() || failed {
                    return;
                }
            }
        });
    match spawned {
        Ok(_) => Source::Ahead(received),
        Err(_) => {
            let taken = shared
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
            match taken {
                Some((client, walk)) => Source::Inline(client, walk),
                None => Source::Done,
            }
        }
    }
}

/// Starts the thread fetching `hrefs` in order, one response ahead of the
/// caller, who reads each (the inline source over the same pages if no
/// thread can be started).
#[cfg(feature = "blocking")]
fn start_planned<T: Member + Send + 'static>(
    client: crate::Client,
    hrefs: Vec<String>,
) -> Source<T> {
    let (responses, received) = std::sync::mpsc::sync_channel(0);
    let fetcher = client.clone();
    let listed: VecDeque<String> = hrefs.iter().cloned().collect();
    let spawned = std::thread::Builder::new()
        .name("foxy-pages".into())
        .spawn(move || {
            for href in hrefs {
                let fetched = fetcher.run(page_at(fetcher.ctx(), href));
                let failed = fetched.is_err();
                // The caller dropped the walk: stop, dropping the response.
                if responses.send(fetched).is_err() || failed {
                    return;
                }
            }
        });
    match spawned {
        Ok(_) => Source::Planned(client, received),
        Err(_) => Source::Listed(client, listed),
    }
}

#[cfg(feature = "blocking")]
impl<T: Member + Send + 'static> Iterator for Pages<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(member) = self.buffer.pop_front() {
                return Some(Ok(member));
            }
            match self.next_page()? {
                Ok(members) => self.buffer = members,
                Err(e) => {
                    self.source = Source::Done;
                    return Some(Err(e));
                }
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

/// Every member of the collection at `target`, page by page (async), one
/// page ahead: page n+1 is fetched while page n's members are taken.
#[cfg(feature = "async")]
pub(crate) fn stream<T: Member + Send + 'static>(
    client: crate::AsyncClient,
    target: Target,
    query: Query,
) -> MemberStream<T> {
    use futures::StreamExt as _;
    let ahead = Ahead {
        client,
        buffer: VecDeque::new(),
        walk: Some(Walk::new(target, query)),
        plan: None,
        started: false,
        fetch: None,
        fetched: None,
    };
    MemberStream::new(ahead.boxed())
}

/// A page's members, and the pages planned after it (first page only).
#[cfg(feature = "async")]
type ReadPage<T> = (VecDeque<T>, Option<Vec<String>>);

/// What a fetch of the async walk gives back.
#[cfg(feature = "async")]
enum Got<T> {
    /// A page fetched and read by the walk (`None`: it had no page left),
    /// with, after the first page, the pages after it when they could be
    /// planned from its counts.
    Read(Box<Walk<T>>, Option<Result<ReadPage<T>, Error>>),
    /// A planned page's response, read once the page after it is asked for.
    Raw(Result<Fetched, Error>),
}

/// An async walk fetching one page ahead, without spawning: the next page's
/// request is polled along whenever a member is asked for, so it runs (on
/// any executor) while the caller reads the current page. When the pages
/// can be planned from the first one's counts
/// ([`foxy_proto::paginate::pages_ahead`]), a page's response is read only
/// after the request for the page after it has gone out. At most two pages
/// are held: the current one and the next, fetched or in flight.
#[cfg(feature = "async")]
struct Ahead<T> {
    client: crate::AsyncClient,
    /// The current page's members not yet taken.
    buffer: VecDeque<T>,
    /// The walk along `next`, while no fetch holds it.
    walk: Option<Walk<T>>,
    /// The planned pages not asked for yet.
    plan: Option<VecDeque<String>>,
    /// Whether the first page was asked for.
    started: bool,
    /// The next page, in flight.
    fetch: Option<futures::future::BoxFuture<'static, Got<T>>>,
    /// The next page, fetched before the current one was used up.
    fetched: Option<Got<T>>,
}

// No field is ever pinned: the in-flight fetch is boxed.
#[cfg(feature = "async")]
impl<T> Unpin for Ahead<T> {}

#[cfg(feature = "async")]
fn fetch_async<T: Member + Send + 'static>(
    client: crate::AsyncClient,
    mut walk: Walk<T>,
    first: bool,
) -> futures::future::BoxFuture<'static, Got<T>> {
    Box::pin(async move {
        let Some(flow) = walk.next_page(client.ctx()) else {
            return Got::Read(Box::new(walk), None);
        };
        let read = match client.run(flow).await {
            Ok(fetched) if first => walk.accept_first(client.ctx(), fetched),
            Ok(fetched) => walk.accept(client.ctx(), fetched).map(|()| None),
            Err(e) => Err(e),
        };
        let read = read.map(|plan| (walk.take_members(), plan));
        if read.is_err() {
            walk.stop();
        }
        Got::Read(Box::new(walk), Some(read))
    })
}

#[cfg(feature = "async")]
impl<T: Member + Send + 'static> Ahead<T> {
    /// Asks for the next page unless it is already asked for or here.
    fn ask(&mut self, cx: &mut std::task::Context<'_>) {
        use futures::FutureExt as _;
        if self.fetch.is_none() && self.fetched.is_none() {
            if let Some(plan) = self.plan.as_mut() {
                if let Some(href) = plan.pop_front() {
                    let client = self.client.clone();
                    self.fetch = Some(Box::pin(async move {
                        Got::Raw(client.run(page_at(client.ctx(), href)).await)
                    }));
                }
            } else if let Some(walk) = self.walk.take() {
                let first = !self.started;
                self.started = true;
                self.fetch = Some(fetch_async(self.client.clone(), walk, first));
            }
        }
        if let Some(fetch) = self.fetch.as_mut() {
            if let std::task::Poll::Ready(done) = fetch.poll_unpin(cx) {
                self.fetch = None;
                self.fetched = Some(done);
            }
        }
    }

    /// Ends the walk.
    fn end(&mut self) {
        self.walk = None;
        self.plan = None;
        self.fetch = None;
        self.fetched = None;
        self.buffer.clear();
    }
}

#[cfg(feature = "async")]
impl<T: Member + Send + 'static> futures::Stream for Ahead<T> {
    type Item = Result<T, Error>;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::task::Poll;
        let this = self.get_mut();
        loop {
            // Keep the next page coming, unless it is already here.
            this.ask(cx);
            if let Some(member) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(member)));
            }
            let Some(got) = this.fetched.take() else {
                if this.fetch.is_some() {
                    return Poll::Pending;
                }
                return Poll::Ready(None);
            };
            match got {
                Got::Read(_, None) => return Poll::Ready(None),
                Got::Read(_, Some(Err(e))) | Got::Raw(Err(e)) => {
                    this.end();
                    return Poll::Ready(Some(Err(e)));
                }
                Got::Read(walk, Some(Ok((members, plan)))) => {
                    this.buffer = members;
                    match plan {
                        Some(plan) => this.plan = Some(plan.into()),
                        None => this.walk = Some(*walk),
                    }
                    // The page after it is asked for on the next poll, not
                    // now: a caller that polls once to have this page ready
                    // holds one page ahead, never two.
                    if let Some(member) = this.buffer.pop_front() {
                        return Poll::Ready(Some(Ok(member)));
                    }
                }
                Got::Raw(Ok((_, response))) => {
                    // The page after this one goes out first, then this
                    // one is read while it is in flight.
                    this.ask(cx);
                    let read = this
                        .client
                        .ctx()
                        .read(&response)
                        .map_err(Error::from)
                        .and_then(typed_page::<T>);
                    match read {
                        Ok(page) => this.buffer = page.members.into(),
                        Err(e) => {
                            this.end();
                            return Poll::Ready(Some(Err(e)));
                        }
                    }
                }
            }
        }
    }
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
            /// Every member of the collection, page by page (fetching one
            /// page ahead), the first page asked with `query`.
            pub fn all(&self, query: Query) -> Pages<$model> {
                Pages::new(self.client.clone(), $collection(), query)
            }
        }

        #[cfg(feature = "async")]
        impl $handle<'_, crate::AsyncClient> {
            /// Every member of the collection, page by page (fetching one
            /// page ahead), the first page asked with `query`.
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
