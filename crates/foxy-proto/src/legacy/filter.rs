//! The filters and pagination of the legacy API's `_list` actions (pure).
//!
//! Filters are parameters named `<field>_filter` (exact, case-insensitive,
//! `*` matches any run of characters) or `<date>_filter_begin` /
//! `<date>_filter_end` (`YYYY-MM-DD`, inclusive). [`Filter::parse_all`]
//! reads and validates them for an action; [`Filter::matches_transaction`],
//! [`Filter::matches_customer`] and [`Filter::matches_subscription`] test a
//! typed record. [`Page`] applies `pagination_start` and `entries_per_page`
//! (default 300) and writes the `<statistics>`.
//!
//! ```
//! use foxy_proto::legacy::{Action, Filter, wildcard_match};
//!
//! assert!(wildcard_match("*@sandbox.TEST", "grace@sandbox.test"));
//! let params = [("customer_email_filter".to_owned(), "grace*".to_owned())];
//! let filters = Filter::parse_all(Action::CustomerList, &params)?;
//! assert_eq!(filters.len(), 1);
//! let bad = [("shoe_size_filter".to_owned(), "9".to_owned())];
//! assert!(Filter::parse_all(Action::CustomerList, &bad).is_err());
//! # Ok::<(), foxy_proto::legacy::FilterError>(())
//! ```

use rust_decimal::Decimal;

use super::Action;
use super::page::sub_token;
use super::records::CustomerRecord;
use crate::datafeed::xml::Element;
use crate::datafeed::{Subscription, Transaction, TransactionDetail};

/// A `_list` parameter that is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FilterError {
    /// A `*_filter` parameter this action does not know.
    #[error("unknown filter {0:?} for this action")]
    Unknown(String),
    /// A date bound that is not `YYYY-MM-DD`, or a bad paging number.
    #[error("invalid {name}: {value:?}")]
    Invalid {
        /// The parameter.
        name: String,
        /// Its value.
        value: String,
    },
}

const CUSTOMER: &[&str] = &[
    "customer_id",
    "customer_email",
    "customer_first_name",
    "customer_last_name",
    "customer_state",
];
const TRANSACTION: &[&str] = &[
    "is_test",
    "hide_transaction",
    "data_is_fed",
    "id",
    "order_total",
    "coupon_code",
    "shipping_state",
    "customer_ip",
    "product_code",
    "product_name",
    "product_option_name",
    "product_option_value",
    "attribute_name",
    "attribute_value",
    "custom_field_name",
    "custom_field_value",
    "category",
    "sub_token",
];
const TRANSACTION_DATES: &[&str] = &["transaction_date", "date_modified"];
const SUBSCRIPTION: &[&str] = &[
    "is_active",
    "frequency",
    "past_due_amount",
    "paypal_profile_id",
    "last_transaction_id",
    "product_code",
    "product_name",
    "product_option_name",
    "product_option_value",
    "custom_field_name",
    "custom_field_value",
    "category",
];
const SUBSCRIPTION_DATES: &[&str] = &["start_date", "next_transaction_date", "end_date"];

/// How a filter compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// `*_filter`: a wildcard match.
    Match,
    /// `*_filter_begin`: on or after the date.
    Begin,
    /// `*_filter_end`: on or before the date.
    End,
}

/// One filter of a `_list` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The field (`customer_email`, `transaction_date`...).
    pub field: String,
    /// How it compares.
    pub bound: Bound,
    /// The pattern or date.
    pub value: String,
}

/// Case-insensitive match where `*` stands for any run of characters.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.to_lowercase().chars().collect();
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let (mut p, mut t, mut star, mut mark) = (0, 0, None, 0);
    while t < text.len() {
        if p < pattern.len() && pattern[p] != '*' && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some(p);
            mark = t;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            mark += 1;
            t = mark;
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

fn known(action: Action) -> (Vec<&'static str>, &'static [&'static str]) {
    match action {
        Action::CustomerList => (CUSTOMER.to_vec(), &[]),
        Action::TransactionList => ([CUSTOMER, TRANSACTION].concat(), TRANSACTION_DATES),
        Action::SubscriptionList => ([&CUSTOMER[..4], SUBSCRIPTION].concat(), SUBSCRIPTION_DATES),
        _ => (Vec::new(), &[]),
    }
}

fn valid_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn extra<'a>(extra: &'a [Element], name: &str) -> Option<&'a str> {
    extra
        .iter()
        .find(|e| e.name == name)
        .map(|e| e.text.as_str())
}

impl Filter {
    /// The filters among an action's parameters; other parameters are left out.
    ///
    /// # Errors
    /// [`FilterError::Unknown`] for a `*_filter` the action does not have,
    /// [`FilterError::Invalid`] for a date bound that is not `YYYY-MM-DD`.
    pub fn parse_all(
        action: Action,
        params: &[(String, String)],
    ) -> Result<Vec<Filter>, FilterError> {
        let (fields, dates) = known(action);
        let mut out = Vec::new();
        for (name, value) in params {
            let parsed = if let Some(field) = name.strip_suffix("_filter") {
                fields.contains(&field).then_some((field, Bound::Match))
            } else if let Some(field) = name.strip_suffix("_filter_begin") {
                dates.contains(&field).then_some((field, Bound::Begin))
            } else if let Some(field) = name.strip_suffix("_filter_end") {
                dates.contains(&field).then_some((field, Bound::End))
            } else {
                continue;
            };
            let (field, bound) = parsed.ok_or_else(|| FilterError::Unknown(name.clone()))?;
            if bound != Bound::Match && !valid_date(value) {
                return Err(FilterError::Invalid {
                    name: name.clone(),
                    value: value.clone(),
                });
            }
            if !value.is_empty() {
                out.push(Filter {
                    field: field.to_owned(),
                    bound,
                    value: value.clone(),
                });
            }
        }
        Ok(out)
    }

    fn text(&self, values: &[Option<&str>]) -> bool {
        match self.bound {
            Bound::Match => values
                .iter()
                .flatten()
                .any(|v| wildcard_match(&self.value, v)),
            Bound::Begin => values
                .iter()
                .flatten()
                .any(|v| v.get(..10).unwrap_or(v) >= self.value.as_str()),
            Bound::End => values
                .iter()
                .flatten()
                .any(|v| v.get(..10).unwrap_or(v) <= self.value.as_str()),
        }
    }

    fn flag(&self, value: Option<bool>) -> bool {
        let wanted = matches!(self.value.as_str(), "1" | "true");
        value.unwrap_or(false) == wanted
    }

    fn money(&self, value: Option<Decimal>) -> bool {
        match (self.value.parse::<Decimal>(), value) {
            (Ok(wanted), Some(v)) => v == wanted,
            _ => self.text(&[value.map(|v| v.to_string()).as_deref()]),
        }
    }

    fn details(&self, details: &[TransactionDetail]) -> bool {
        let pick = |d: &TransactionDetail| -> Vec<Option<String>> {
            match self.field.as_str() {
                "product_code" => vec![d.product_code.clone()],
                "product_name" => vec![d.product_name.clone()],
                "category" => vec![d.category_code.clone()],
                "product_option_name" => d.options.iter().map(|o| o.name.clone()).collect(),
                "product_option_value" => d.options.iter().map(|o| o.value.clone()).collect(),
                "sub_token" => vec![d.sub_token_url.as_deref().map(sub_token).map(str::to_owned)],
                _ => Vec::new(),
            }
        };
        details.iter().any(|d| {
            let values = pick(d);
            self.text(&values.iter().map(Option::as_deref).collect::<Vec<_>>())
        })
    }

    /// Whether a customer passes this filter.
    pub fn matches_customer(&self, c: &CustomerRecord) -> bool {
        let id = c.customer.id.map(|i| i.to_string());
        let value = match self.field.as_str() {
            "customer_id" => id.as_deref(),
            "customer_email" => c.customer.email.as_deref(),
            "customer_first_name" => c.customer.first_name.as_deref(),
            "customer_last_name" => c.customer.last_name.as_deref(),
            "customer_state" => c.customer.state.as_deref(),
            _ => return false,
        };
        self.text(&[value])
    }

    /// Whether a transaction passes this filter.
    pub fn matches_transaction(&self, t: &Transaction) -> bool {
        let record = CustomerRecord {
            customer: t.customer.clone(),
            ..CustomerRecord::default()
        };
        let id = t.id.map(|i| i.to_string());
        match self.field.as_str() {
            f if f.starts_with("customer_") && f != "customer_ip" => self.matches_customer(&record),
            "transaction_date" => self.text(&[t.transaction_date.as_deref()]),
            "date_modified" => self.text(&[extra(&t.extra, "date_modified")]),
            "is_test" => self.flag(t.is_test),
            "hide_transaction" => self.flag(t.is_hidden),
            "data_is_fed" => self.flag(t.data_is_fed),
            "id" => self.text(&[id.as_deref()]),
            "order_total" => self.money(t.order_total),
            "coupon_code" => self.text(
                &t.discounts
                    .iter()
                    .map(|d| d.code.as_deref())
                    .collect::<Vec<_>>(),
            ),
            "shipping_state" => self.text(&[t.shipping.state.as_deref()]),
            "customer_ip" => self.text(&[extra(&t.extra, "customer_ip")]),
            "attribute_name" => self.text(
                &t.attributes
                    .iter()
                    .map(|a| a.name.as_deref())
                    .collect::<Vec<_>>(),
            ),
            "attribute_value" => self.text(
                &t.attributes
                    .iter()
                    .map(|a| a.value.as_deref())
                    .collect::<Vec<_>>(),
            ),
            "custom_field_name" => self.text(
                &t.custom_fields
                    .iter()
                    .map(|c| c.name.as_deref())
                    .collect::<Vec<_>>(),
            ),
            "custom_field_value" => self.text(
                &t.custom_fields
                    .iter()
                    .map(|c| c.value.as_deref())
                    .collect::<Vec<_>>(),
            ),
            _ => self.details(&t.details),
        }
    }

    /// Whether a subscription passes this filter.
    pub fn matches_subscription(&self, s: &Subscription) -> bool {
        let record = CustomerRecord {
            customer: s.customer.clone(),
            ..CustomerRecord::default()
        };
        match self.field.as_str() {
            f if f.starts_with("customer_") => self.matches_customer(&record),
            "is_active" => self.flag(s.is_active),
            "frequency" => self.text(&[s.frequency.as_deref()]),
            "past_due_amount" => s.past_due_amount.is_some_and(|d| d > Decimal::ZERO),
            "start_date" => self.text(&[s.start_date.as_deref()]),
            "next_transaction_date" => self.text(&[s.next_transaction_date.as_deref()]),
            "end_date" => self.text(&[s.end_date.as_deref()]),
            "paypal_profile_id" => {
                let id = extra(&s.extra, "paypal_profile_id").filter(|v| !v.is_empty());
                if self.value == "all" {
                    id.is_some()
                } else {
                    self.text(&[id])
                }
            }
            "last_transaction_id" => self.text(&[extra(&s.extra, "last_transaction_id")]),
            "custom_field_name" => self.text(
                &s.custom_fields
                    .iter()
                    .map(|c| c.name.as_deref())
                    .collect::<Vec<_>>(),
            ),
            "custom_field_value" => self.text(
                &s.custom_fields
                    .iter()
                    .map(|c| c.value.as_deref())
                    .collect::<Vec<_>>(),
            ),
            _ => {
                let template = s
                    .transaction_template
                    .as_ref()
                    .map(|t| t.details.as_slice())
                    .unwrap_or_default();
                self.details(&s.details) || self.details(template)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("Jo*n", "john"));
        assert!(wildcard_match("*", ""));
        assert!(!wildcard_match("Jo*n", "joan!"));
        assert!(wildcard_match("a*b*c", "aXXbYYc"));
    }
}
