//! Walking a collection one page at a time, holding only the current page.
//!
//! A [`PageCursor`] knows the next page to fetch, reads each
//! page's response, and decides whether the walk goes on: it stops after a
//! page without a `next` link, an empty page, a page that reaches
//! `total_items` (Foxy's last page links `next` to itself, or to the first
//! page when there is only one), or a `next` that leads back to the page
//! just read (a server loop cannot hang the client).

use http::Response;

use crate::collection::Collection;
use crate::error::{Error, read_resource};
use crate::media::MediaType;
use crate::request::resolve_href;
use crate::resource::Resource;

/// The position of a page-by-page walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageCursor {
    next: Option<String>,
    accept: MediaType,
    pages: u64,
}

impl PageCursor {
    /// A walk starting at the absolute `first_href`, reading pages as `accept`.
    pub fn new(first_href: impl Into<String>, accept: MediaType) -> PageCursor {
        PageCursor {
            next: Some(first_href.into()),
            accept,
            pages: 0,
        }
    }

    /// The href of the page to fetch next, or `None` when the walk is over.
    pub fn next_href(&self) -> Option<&str> {
        self.next.as_deref()
    }

    /// Takes the href of the page to fetch next; the walk is over until
    /// [`PageCursor::read_page`] reads that page and finds another.
    pub fn take_next(&mut self) -> Option<String> {
        self.next.take()
    }

    /// Pages read so far.
    pub fn pages_read(&self) -> u64 {
        self.pages
    }

    /// Reads the response to the page fetched from `href`: an error status
    /// or undecodable body is an [`Error`] (and ends the walk); a page sets
    /// the next href from its `next` link, resolved against its `self` href.
    pub fn read_page(
        &mut self,
        href: &str,
        response: &Response<Vec<u8>>,
    ) -> Result<Resource, Error> {
        self.next = None;
        let page = read_resource(response, self.accept)?;
        self.pages += 1;
        self.next = next_page_href(&page, href)?;
        Ok(page)
    }
}

/// The absolute href of the page after `page`, read from `fetched_href`, or
/// `None` when the walk ends there: the one rule of every walk (the
/// cursor's, typed navigation's and the bindings').
///
/// The walk ends after a page without a `next` link, an empty page, a page
/// that reaches `total_items` (`offset + returned_items`), or a `next` that
/// leads back to the page itself (Foxy's last page links `next` to itself,
/// or to the first page when there is only one). Counters that cannot be
/// read leave the decision to the links. A `next` that cannot be resolved
/// against the page's `self` href is an error.
///
/// ```
/// use foxy_proto::{Link, Resource, paginate::next_page_href};
/// let mut page = Resource::new()
///     .with_link("self", Link::new("https://api.test/carts?offset=0"))
///     .with_link("next", Link::new("carts?offset=1"))
///     .with_property("total_items", 2_u64)
///     .with_property("returned_items", 1_u64)
///     .with_property("offset", 0_u64);
/// page.embedded.insert("fx:carts".into(), vec![Resource::new()]);
/// let next = next_page_href(&page, "https://api.test/carts?offset=0").unwrap();
/// assert_eq!(next.as_deref(), Some("https://api.test/carts?offset=1"));
///
/// page.properties.insert("offset".into(), 1_u64.into()); // the last page
/// assert_eq!(next_page_href(&page, "https://api.test/carts?offset=0").unwrap(), None);
/// ```
pub fn next_page_href(page: &Resource, fetched_href: &str) -> Result<Option<String>, Error> {
    let view = Collection::new(page);
    let base = page.self_href().unwrap_or(fetched_href);
    let empty = view.members().is_ok_and(<[Resource]>::is_empty);
    let more = view.has_more().unwrap_or(true);
    let Some(next) = view.next() else {
        return Ok(None);
    };
    let next = resolve_href(base, next)?;
    Ok((more && !empty && next != fetched_href && next != base).then_some(next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replay::response;

    fn page(self_href: &str, next: Option<&str>, members: usize) -> Response<Vec<u8>> {
        let items: Vec<String> = (0..members).map(|i| format!(r#"{{"id":{i}}}"#)).collect();
        let next = next
            .map(|n| format!(r#","next":{{"href":"{n}"}}"#))
            .unwrap_or_default();
        let body = format!(
            r#"{{"_links":{{"self":{{"href":"{self_href}"}}{next}}},"_embedded":{{"fx:carts":[{}]}},"total_items":9}}"#,
            items.join(",")
        );
        response(200, &[("content-type", "application/hal+json")], &body).expect("canned")
    }

    #[test]
    fn follows_next_and_stops() {
        let mut cursor = PageCursor::new("https://api.test/carts", MediaType::HalJson);
        let first = cursor.take_next().expect("first");
        let p = cursor
            .read_page(
                &first,
                &page("https://api.test/carts", Some("carts?offset=3"), 3),
            )
            .expect("page");
        assert_eq!(Collection::new(&p).members().map(<[_]>::len), Ok(3));
        assert_eq!(cursor.next_href(), Some("https://api.test/carts?offset=3"));
        let second = cursor.take_next().expect("second");
        cursor
            .read_page(&second, &page(&second, None, 3))
            .expect("page");
        assert_eq!(cursor.next_href(), None);
        assert_eq!(cursor.pages_read(), 2);
    }

    #[test]
    fn loops_empty_pages_and_errors_end_the_walk() {
        let mut cursor = PageCursor::new("https://api.test/c", MediaType::HalJson);
        let href = cursor.take_next().expect("first");
        cursor
            .read_page(&href, &page(&href, Some("https://api.test/c"), 2))
            .expect("page");
        assert_eq!(cursor.next_href(), None, "next pointing at itself");
        let mut cursor = PageCursor::new("https://api.test/c", MediaType::HalJson);
        cursor
            .read_page(
                "https://api.test/c",
                &page("https://api.test/c", Some("c?offset=20"), 0),
            )
            .expect("page");
        assert_eq!(cursor.next_href(), None, "empty page");
        let last = r#"{"_links":{"self":{"href":"https://api.test/c"},"next":{"href":"https://api.test/c?offset=0"}},"_embedded":{"fx:carts":[{"id":1}]},"total_items":1,"returned_items":1,"limit":20,"offset":0}"#;
        let mut cursor = PageCursor::new("https://api.test/c", MediaType::HalJson);
        cursor
            .read_page(
                "https://api.test/c",
                &response(200, &[], last).expect("canned"),
            )
            .expect("page");
        assert_eq!(
            cursor.next_href(),
            None,
            "the only page links next to itself"
        );
        let err = cursor
            .read_page(
                "https://api.test/c",
                &response(404, &[], "").expect("canned"),
            )
            .expect_err("an error status");
        assert!(matches!(err, Error::Api(_)));
    }
}
