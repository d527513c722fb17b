//! Walking a collection: page by page along `next`, or planned in parallel.
//!
//! A [`PageCursor`] knows the next page to fetch and reads each page's
//! response, holding only the current page: the clients' member iterators
//! and streams are built on it. [`page_plan`] lists every page URL up front
//! from `total_items` and the page size, and [`remaining_pages`] the pages
//! after a first one, for clients that fetch pages concurrently.

mod cursor;

pub use cursor::{PageCursor, next_page_href};

use crate::collection::Collection;
use crate::error::Error;
use crate::query::{Limit, encode_component};
use crate::request::RequestError;
use crate::resource::Resource;

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

/// The pages after `page` for a walk that fetches ahead of reading them:
/// [`remaining_pages`] when `page` has its counts and its offset is a whole
/// number of pages, so that the plan lists exactly what following `next`
/// would; `None` otherwise (the walk then follows `next`, reading each page
/// before asking for the one after it).
pub fn pages_ahead(page: &Resource) -> Option<Vec<String>> {
    let view = Collection::new(page);
    let size = view.limit().ok()?;
    let offset = view.offset().ok()?;
    if size == 0 || offset % size != 0 {
        return None;
    }
    remaining_pages(page).ok()
}
