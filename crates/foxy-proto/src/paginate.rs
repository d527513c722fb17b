//! Walking a collection: page by page along `next`, or planned in parallel.
//!
//! [`Pages`] fetches the first page, then follows each page's `next` link
//! until a page has none. [`page_plan`] lists every page URL up front from
//! `total_items` and the page size, for clients that fetch pages concurrently.

use std::collections::HashSet;

use http::Response;

use crate::collection::Collection;
use crate::error::{Error, read_resource};
use crate::media::MediaType;
use crate::query::{Limit, encode_component};
use crate::request::{RequestError, resolve_href};
use crate::resource::Resource;
use crate::step::{Machine, Now, Outcome, Step};

/// Makes the machine that fetches one page from its absolute URL (usually
/// an [`crate::auth::Authorized`] or a [`crate::retry::Retry`]).
pub trait PageFetcher {
    /// The per-page machine.
    type Fetch: Machine<Output = Result<Response<Vec<u8>>, Error>>;
    /// A machine fetching `href`.
    fn fetch(&mut self, href: &str) -> Result<Self::Fetch, Error>;
}

impl<M, F> PageFetcher for F
where
    M: Machine<Output = Result<Response<Vec<u8>>, Error>>,
    F: FnMut(&str) -> Result<M, Error>,
{
    type Fetch = M;
    fn fetch(&mut self, href: &str) -> Result<M, Error> {
        self(href)
    }
}

/// Fetches every page of a collection by following `next`.
///
/// Finishes with the pages in order. A `next` that points back to a page
/// already fetched ends the walk (a server loop cannot hang the client).
pub struct Pages<F: PageFetcher> {
    fetcher: F,
    accept: MediaType,
    current: Option<(String, F::Fetch)>,
    pending: Option<String>,
    seen: HashSet<String>,
    pages: Vec<Resource>,
    failed: Option<Error>,
    max_pages: usize,
}

impl<F: PageFetcher> Pages<F> {
    /// A walk starting at `first_href` (absolute), reading pages as `accept`.
    pub fn new(first_href: impl Into<String>, accept: MediaType, fetcher: F) -> Pages<F> {
        Pages {
            fetcher,
            accept,
            current: None,
            pending: Some(first_href.into()),
            seen: HashSet::new(),
            pages: Vec::new(),
            failed: None,
            max_pages: usize::MAX,
        }
    }

    /// Stops after `max` pages.
    pub fn max_pages(mut self, max: usize) -> Pages<F> {
        self.max_pages = max;
        self
    }

    /// The pages fetched so far.
    pub fn pages(&self) -> &[Resource] {
        &self.pages
    }

    fn page_done(&mut self, href: &str, result: Result<Response<Vec<u8>>, Error>) {
        let page = match result.and_then(|r| read_resource(&r, self.accept)) {
            Ok(page) => page,
            Err(e) => {
                self.failed = Some(e);
                return;
            }
        };
        let base = page.self_href().unwrap_or(href).to_owned();
        let next = Collection::new(&page)
            .next()
            .map(|n| resolve_href(&base, n));
        self.pages.push(page);
        match next {
            Some(Ok(next)) if !self.seen.contains(&next) && self.pages.len() < self.max_pages => {
                self.pending = Some(next);
            }
            Some(Err(e)) => self.failed = Some(e.into()),
            _ => {}
        }
    }
}

impl<F: PageFetcher> Machine for Pages<F> {
    type Output = Result<Vec<Resource>, Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        loop {
            if let Some(e) = self.failed.take() {
                return Step::Done(Err(e));
            }
            if let Some((href, mut fetch)) = self.current.take() {
                match fetch.poll(now) {
                    Step::Done(result) => {
                        self.page_done(&href, result);
                        continue;
                    }
                    Step::Send(request) => {
                        self.current = Some((href, fetch));
                        return Step::Send(request);
                    }
                    Step::Wait(delay) => {
                        self.current = Some((href, fetch));
                        return Step::Wait(delay);
                    }
                }
            }
            let Some(href) = self.pending.take() else {
                return Step::Done(Ok(std::mem::take(&mut self.pages)));
            };
            self.seen.insert(href.clone());
            match self.fetcher.fetch(&href) {
                Ok(fetch) => self.current = Some((href, fetch)),
                Err(e) => self.failed = Some(e),
            }
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        match &mut self.current {
            Some((_, fetch)) => fetch.feed(outcome, now),
            None => self.failed = Some(Error::Driver("fed an outcome nobody asked for")),
        }
    }
}

/// Every page URL of a collection of `total_items` at `href`, `limit` per
/// page: `href` with its own `limit`/`offset` replaced by
/// `limit=L&offset=0`, `limit=L&offset=L`, ... An empty collection has one
/// page (offset 0).
///
/// ```
/// use foxy_proto::{paginate::page_plan, query::Limit};
/// let urls = page_plan("https://api.test/stores/8/carts?zoom=items&offset=40", 650, Limit::MAX_LIMIT).unwrap();
/// assert_eq!(urls, [
///     "https://api.test/stores/8/carts?zoom=items&limit=300&offset=0",
///     "https://api.test/stores/8/carts?zoom=items&limit=300&offset=300",
///     "https://api.test/stores/8/carts?zoom=items&limit=300&offset=600",
/// ]);
/// ```
pub fn page_plan(href: &str, total_items: u64, limit: Limit) -> Result<Vec<String>, RequestError> {
    let (base, fragment) = href.split_once('#').unwrap_or((href, ""));
    let (path, query) = base.split_once('?').unwrap_or((base, ""));
    if path.is_empty() {
        return Err(RequestError::InvalidUri {
            href: href.to_owned(),
        });
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && name != "limit" && name != "offset"
        })
        .collect();
    let step = u64::from(limit.get());
    let pages = total_items.div_ceil(step).max(1);
    let mut urls = Vec::new();
    for page in 0..pages {
        let mut url = String::from(path);
        url.push('?');
        for pair in &kept {
            url.push_str(pair);
            url.push('&');
        }
        url.push_str(&format!(
            "limit={}&offset={}",
            encode_component(&limit.to_string()),
            page * step
        ));
        if !fragment.is_empty() {
            url.push('#');
            url.push_str(fragment);
        }
        urls.push(url);
    }
    Ok(urls)
}

/// The URLs of the pages after `page` (a collection page already fetched),
/// from its `self` href, `total_items`, `limit` and `offset`, to fetch in parallel.
pub fn remaining_pages(page: &Resource) -> Result<Vec<String>, Error> {
    let view = Collection::new(page);
    let invalid = |reason: &str| {
        Error::Input(RequestError::InvalidUri {
            href: format!("collection without {reason}"),
        })
    };
    let href = page.self_href().ok_or_else(|| invalid("a self link"))?;
    let total = view.total_items().map_err(|_| invalid("total_items"))?;
    let size = view.limit().map_err(|_| invalid("limit"))?;
    let offset = view.offset().map_err(|_| invalid("offset"))?;
    let limit = Limit::new(size)?;
    let plan = page_plan(href, total, limit)?;
    let first_after = offset / u64::from(limit.get()) + 1;
    Ok(plan
        .into_iter()
        .skip(usize::try_from(first_after).unwrap_or(usize::MAX))
        .collect())
}
