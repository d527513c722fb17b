//! Paging of `_list` answers (`pagination_start`, `entries_per_page`) and
//! the `sub_token` parameter's forms.
//!
//! ```
//! use foxy_proto::legacy::{Page, sub_token};
//!
//! let page = Page::from_params(&[("entries_per_page".into(), "2".into())])?;
//! let (shown, stats) = page.apply("total_customers", 10, vec!["a", "b", "c"]);
//! assert_eq!((shown, stats.filtered_total, stats.pagination_end), (vec!["a", "b"], Some(3), Some(2)));
//! assert_eq!(sub_token("https://x.test/cart?sub_token=abc"), "abc");
//! # Ok::<(), foxy_proto::legacy::FilterError>(())
//! ```

use super::FilterError;
use super::response::Statistics;

/// The default (and largest) page of a `_list` answer.
pub const DEFAULT_PAGE_SIZE: u64 = 300;

/// The token of a `sub_token` value: the token itself, or the `sub_token`
/// parameter of a complete `sub_token_url`.
pub fn sub_token(value: &str) -> &str {
    value
        .split_once("sub_token=")
        .map_or(value, |(_, rest)| rest.split('&').next().unwrap_or(rest))
        .trim()
}

/// The page a `_list` call asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// `pagination_start`: the first record (1-based).
    pub start: u64,
    /// `entries_per_page` (at most [`DEFAULT_PAGE_SIZE`]).
    pub size: u64,
}

impl Page {
    /// Reads `pagination_start` and `entries_per_page` from the parameters.
    ///
    /// # Errors
    /// [`FilterError::Invalid`] for values that are not positive integers.
    pub fn from_params(params: &[(String, String)]) -> Result<Page, FilterError> {
        let number = |name: &str, default: u64| -> Result<u64, FilterError> {
            match params.iter().find(|(n, _)| n == name) {
                None => Ok(default),
                Some((_, v)) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| FilterError::Invalid {
                        name: name.to_owned(),
                        value: v.clone(),
                    }),
            }
        };
        Ok(Page {
            start: number("pagination_start", 1)?,
            size: number("entries_per_page", DEFAULT_PAGE_SIZE)?.min(DEFAULT_PAGE_SIZE),
        })
    }

    /// Keeps this page of `records` and writes the statistics.
    pub fn apply<T>(&self, total_name: &str, total: u64, records: Vec<T>) -> (Vec<T>, Statistics) {
        let filtered = records.len() as u64;
        let skip = usize::try_from(self.start.saturating_sub(1)).unwrap_or(usize::MAX);
        let take = usize::try_from(self.size).unwrap_or(usize::MAX);
        let page: Vec<T> = records.into_iter().skip(skip).take(take).collect();
        let end = if page.is_empty() {
            0
        } else {
            self.start + page.len() as u64 - 1
        };
        let statistics = Statistics {
            total_name: Some(total_name.to_owned()),
            total: Some(total),
            filtered_total: Some(filtered),
            pagination_start: Some(self.start),
            pagination_end: Some(end),
            extra: Vec::new(),
        };
        (page, statistics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy::{Action, Filter};

    #[test]
    fn dates_and_pages() {
        let params = [(
            "transaction_date_filter_begin".to_owned(),
            "2024-1-1".to_owned(),
        )];
        assert!(Filter::parse_all(Action::TransactionList, &params).is_err());
        let page = Page::from_params(&[("pagination_start".into(), "2".into())]).expect("page");
        let (kept, stats) = page.apply("total_things", 9, vec![1, 2, 3]);
        assert_eq!(kept, [2, 3]);
        assert_eq!(
            (stats.filtered_total, stats.pagination_end),
            (Some(3), Some(3))
        );
    }

    #[test]
    fn sub_tokens() {
        assert_eq!(sub_token("https://x.test/cart?sub_token=abc&x=1"), "abc");
        assert_eq!(sub_token(" abc "), "abc");
    }
}
