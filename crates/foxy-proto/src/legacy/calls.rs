//! Typed legacy API calls: each action's parameters in, its typed result out.
//!
//! A [`LegacyCall<T>`] is the action, its parameters and how to read a
//! `SUCCESS` answer into `T`; clients only send [`LegacyCall::request`] and
//! hand the answer to [`LegacyCall::finish`].
//!
//! ```
//! use foxy_proto::legacy::{ApiResponse, LegacyCall, Lookup};
//! use foxy_proto::signing::Secret;
//!
//! let call = LegacyCall::customer_get(Lookup::Email("grace@sandbox.test".into()));
//! let http = call.request("https://example.foxycart.com", Secret::new("k"))?.to_http()?;
//! assert!(http.body().ends_with(b"api_action=customer_get&customer_email=grace%40sandbox.test"));
//! let answer = ApiResponse::parse("<foxydata><result>SUCCESS</result><customer_id>7</customer_id></foxydata>")?;
//! assert_eq!(call.finish(answer)?.customer.id, Some(7));
//! # Ok::<(), foxy_proto::legacy::LegacyError>(())
//! ```

use super::{
    Action, ApiRequest, ApiResponse, CustomerAddress, CustomerRecord, LegacyError, Statistics,
};
use crate::datafeed::{Subscription, Transaction};
use crate::signing::Secret;

/// How a customer (or address) is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// By id (`customer_id`, `address_id`).
    Id(u64),
    /// By email (`customer_email`) or, for addresses, by `address_name`.
    Email(String),
}

/// A page of a `_list` answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing<T> {
    /// The records of this page.
    pub records: Vec<T>,
    /// Totals and paging.
    pub statistics: Statistics,
}

/// One typed call of the legacy API.
pub struct LegacyCall<T> {
    action: Action,
    params: Vec<(String, String)>,
    read: fn(ApiResponse) -> Result<T, LegacyError>,
}

impl<T> std::fmt::Debug for LegacyCall<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LegacyCall")
            .field("action", &self.action)
            .field("params", &self.params)
            .finish()
    }
}

fn lookup(params: &mut Vec<(String, String)>, id: &str, other: &str, by: Lookup) {
    match by {
        Lookup::Id(n) => params.push((id.into(), n.to_string())),
        Lookup::Email(e) => params.push((other.into(), e)),
    }
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

fn missing(what: &'static str) -> LegacyError {
    LegacyError::MissingParameter(what)
}

impl<T> LegacyCall<T> {
    pub(super) fn new(
        action: Action,
        params: Vec<(String, String)>,
        read: fn(ApiResponse) -> Result<T, LegacyError>,
    ) -> Self {
        LegacyCall {
            action,
            params,
            read,
        }
    }

    /// The action.
    pub fn action(&self) -> Action {
        self.action
    }

    /// The request to the store at `store_url` with the store secret.
    ///
    /// # Errors
    /// [`LegacyError::InvalidUrl`].
    pub fn request(&self, store_url: &str, token: Secret) -> Result<ApiRequest, LegacyError> {
        let mut request = ApiRequest::new(store_url, token, self.action)?;
        for (name, value) in &self.params {
            request = request.param(name.clone(), value.clone());
        }
        Ok(request)
    }

    /// Reads the answer: `Err(LegacyError::Api)` for an `ERROR` result.
    ///
    /// # Errors
    /// [`LegacyError::Api`] with the messages, or a missing record.
    pub fn finish(&self, answer: ApiResponse) -> Result<T, LegacyError> {
        (self.read)(answer.into_success()?)
    }
}

fn unit(_: ApiResponse) -> Result<(), LegacyError> {
    Ok(())
}

impl LegacyCall<ApiResponse> {
    /// Any action with raw parameters; the answer as read.
    pub fn raw(action: Action, params: &[(&str, &str)]) -> Self {
        LegacyCall::new(action, owned(params), Ok)
    }
}

impl LegacyCall<CustomerRecord> {
    /// `customer_get`.
    pub fn customer_get(by: Lookup) -> Self {
        let mut p = Vec::new();
        lookup(&mut p, "customer_id", "customer_email", by);
        LegacyCall::new(Action::CustomerGet, p, |a| {
            a.customer.ok_or(missing("customer"))
        })
    }
}

impl LegacyCall<u64> {
    /// `customer_save` with `customer_*`/`shipping_*`/password fields; the customer id.
    pub fn customer_save(by: Lookup, fields: &[(&str, &str)]) -> Self {
        let mut p = Vec::new();
        lookup(&mut p, "customer_id", "customer_email", by);
        p.extend(owned(fields));
        LegacyCall::new(Action::CustomerSave, p, |a| {
            a.customer
                .and_then(|c| c.customer.id)
                .ok_or(missing("customer_id"))
        })
    }
}

impl LegacyCall<Listing<CustomerRecord>> {
    /// `customer_list` with `*_filter`, `pagination_start`, `entries_per_page`.
    pub fn customer_list(filters: &[(&str, &str)]) -> Self {
        LegacyCall::new(Action::CustomerList, owned(filters), |a| {
            Ok(Listing {
                records: a.customers,
                statistics: a.statistics.unwrap_or_default(),
            })
        })
    }
}

impl LegacyCall<CustomerAddress> {
    /// `customer_address_get` (`address`: `Id` or `Email` holding the address name).
    pub fn customer_address_get(customer: Lookup, address: Lookup) -> Self {
        let mut p = Vec::new();
        lookup(&mut p, "customer_id", "customer_email", customer);
        lookup(&mut p, "address_id", "address_name", address);
        LegacyCall::new(Action::CustomerAddressGet, p, first_address)
    }

    /// `customer_address_save` with `shipto_*` fields.
    pub fn customer_address_save(
        customer: Lookup,
        address: Lookup,
        fields: &[(&str, &str)],
    ) -> Self {
        let mut p = Vec::new();
        lookup(&mut p, "customer_id", "customer_email", customer);
        lookup(&mut p, "address_id", "address_name", address);
        p.extend(owned(fields));
        LegacyCall::new(Action::CustomerAddressSave, p, first_address)
    }
}

fn first_address(a: ApiResponse) -> Result<CustomerAddress, LegacyError> {
    a.customer_addresses
        .into_iter()
        .next()
        .ok_or(missing("customer_address"))
}

impl LegacyCall<Transaction> {
    /// `transaction_get`.
    pub fn transaction_get(id: u64) -> Self {
        LegacyCall::new(
            Action::TransactionGet,
            vec![("transaction_id".into(), id.to_string())],
            |a| {
                a.transactions
                    .into_iter()
                    .next()
                    .ok_or(missing("transaction"))
            },
        )
    }
}

impl LegacyCall<Listing<Transaction>> {
    /// `transaction_list` with the filters of the API documentation.
    pub fn transaction_list(filters: &[(&str, &str)]) -> Self {
        LegacyCall::new(Action::TransactionList, owned(filters), |a| {
            Ok(Listing {
                records: a.transactions,
                statistics: a.statistics.unwrap_or_default(),
            })
        })
    }
}

impl LegacyCall<()> {
    /// `transaction_modify`: set `data_is_fed` and/or `hide_transaction`.
    pub fn transaction_modify(
        id: u64,
        data_is_fed: Option<bool>,
        hide_transaction: Option<bool>,
    ) -> Self {
        let mut p = vec![("transaction_id".to_owned(), id.to_string())];
        for (name, value) in [
            ("data_is_fed", data_is_fed),
            ("hide_transaction", hide_transaction),
        ] {
            if let Some(v) = value {
                p.push((name.into(), if v { "1" } else { "0" }.into()));
            }
        }
        LegacyCall::new(Action::TransactionModify, p, unit)
    }

    /// `transaction_datafeed`: re-send the transaction's datafeed.
    pub fn transaction_datafeed(id: u64) -> Self {
        LegacyCall::new(
            Action::TransactionDatafeed,
            vec![("transaction_id".into(), id.to_string())],
            unit,
        )
    }

    /// `transaction_send_receipt`.
    pub fn transaction_send_receipt(id: u64) -> Self {
        LegacyCall::new(
            Action::TransactionSendReceipt,
            vec![("transaction_id".into(), id.to_string())],
            unit,
        )
    }

    /// `subscription_cancel`.
    pub fn subscription_cancel(sub_token: &str) -> Self {
        LegacyCall::new(
            Action::SubscriptionCancel,
            vec![("sub_token".into(), sub_token.into())],
            unit,
        )
    }

    /// `subscription_modify` with `start_date`, `end_date`,
    /// `next_transaction_date`, `frequency`, `past_due_amount`, `is_active`
    /// or `transaction_template`.
    pub fn subscription_modify(sub_token: &str, changes: &[(&str, &str)]) -> Self {
        let mut p = vec![("sub_token".to_owned(), sub_token.to_owned())];
        p.extend(owned(changes));
        LegacyCall::new(Action::SubscriptionModify, p, unit)
    }

    /// `subscription_datafeed`.
    pub fn subscription_datafeed() -> Self {
        LegacyCall::new(Action::SubscriptionDatafeed, Vec::new(), unit)
    }

    /// `store_template_cache` (`template_url` `None`: the saved URL).
    pub fn store_template_cache(template_type: &str, template_url: Option<&str>) -> Self {
        let mut p = vec![("template_type".to_owned(), template_type.to_owned())];
        if let Some(url) = template_url {
            p.push(("template_url".into(), url.into()));
        }
        LegacyCall::new(Action::StoreTemplateCache, p, unit)
    }
}

impl LegacyCall<Subscription> {
    /// `subscription_get` by `sub_token` (or its URL).
    pub fn subscription_get(sub_token: &str) -> Self {
        LegacyCall::new(
            Action::SubscriptionGet,
            vec![("sub_token".into(), sub_token.into())],
            |a| {
                a.subscriptions
                    .into_iter()
                    .next()
                    .ok_or(missing("subscription"))
            },
        )
    }
}

impl LegacyCall<Listing<Subscription>> {
    /// `subscription_list` with the filters of the API documentation.
    pub fn subscription_list(filters: &[(&str, &str)]) -> Self {
        LegacyCall::new(Action::SubscriptionList, owned(filters), |a| {
            Ok(Listing {
                records: a.subscriptions,
                statistics: a.statistics.unwrap_or_default(),
            })
        })
    }
}
