//! The actions (`api_action` values) of the legacy XML API.
//!
//! ```
//! use foxy_proto::legacy::Action;
//!
//! assert_eq!(Action::CustomerGet.as_str(), "customer_get");
//! assert_eq!("transaction_list".parse::<Action>()?, Action::TransactionList);
//! assert_eq!(Action::ALL.len(), 22);
//! # Ok::<(), foxy_proto::legacy::LegacyError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use super::LegacyError;

macro_rules! actions {
    ($( $(#[$meta:meta])* $variant:ident = $name:literal, )*) => {
        /// An `api_action` of the legacy XML API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Action {
            $( $(#[$meta])* $variant, )*
        }

        impl Action {
            /// Every action, in the order of the API documentation.
            pub const ALL: &'static [Action] = &[$( Action::$variant, )*];

            /// The `api_action` value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Action::$variant => $name, )*
                }
            }
        }
    };
}

actions! {
    /// `customer_get`: one customer by `customer_id` or `customer_email`.
    CustomerGet = "customer_get",
    /// `customer_save`: create or update a customer.
    CustomerSave = "customer_save",
    /// `customer_list`: customers matching the filters.
    CustomerList = "customer_list",
    /// `customer_address_get`: one multi-ship address of a customer.
    CustomerAddressGet = "customer_address_get",
    /// `customer_address_save`: create or update a multi-ship address.
    CustomerAddressSave = "customer_address_save",
    /// `transaction_get`: one transaction by `transaction_id`.
    TransactionGet = "transaction_get",
    /// `transaction_list`: transactions matching the filters.
    TransactionList = "transaction_list",
    /// `transaction_modify`: set `data_is_fed` or `hide_transaction`.
    TransactionModify = "transaction_modify",
    /// `transaction_datafeed`: re-send a transaction's datafeed.
    TransactionDatafeed = "transaction_datafeed",
    /// `transaction_send_receipt`: re-send a transaction's receipt email.
    TransactionSendReceipt = "transaction_send_receipt",
    /// `subscription_get`: one subscription by `sub_token`.
    SubscriptionGet = "subscription_get",
    /// `subscription_cancel`: end a subscription the next day.
    SubscriptionCancel = "subscription_cancel",
    /// `subscription_modify`: change dates, frequency, amounts or template.
    SubscriptionModify = "subscription_modify",
    /// `subscription_list`: subscriptions matching the filters.
    SubscriptionList = "subscription_list",
    /// `subscription_datafeed`: re-send the subscription datafeed.
    SubscriptionDatafeed = "subscription_datafeed",
    /// `attribute_save`: attach name/value pairs to a record.
    AttributeSave = "attribute_save",
    /// `attribute_list`: the attributes of a record.
    AttributeList = "attribute_list",
    /// `attribute_delete`: remove attributes of a record.
    AttributeDelete = "attribute_delete",
    /// `category_list`: all categories.
    CategoryList = "category_list",
    /// `downloadable_list`: all downloadables.
    DownloadableList = "downloadable_list",
    /// `store_template_cache`: cache a template from a URL.
    StoreTemplateCache = "store_template_cache",
    /// `store_includes_get`: the store's JavaScript and CSS includes.
    StoreIncludesGet = "store_includes_get",
}

impl Action {
    /// Whether the action only reads (`*_get`, `*_list`), so that sending
    /// it again after the server may have seen it changes nothing.
    ///
    /// Every other action writes, and none is replayed once it may have
    /// reached the store: `subscription_modify` and `subscription_cancel`
    /// change what a customer will be charged, `transaction_send_receipt`
    /// and the `*_datafeed` actions send mail or feeds again, `customer_save`
    /// by email may create a second customer.
    pub fn is_read(self) -> bool {
        matches!(
            self,
            Action::CustomerGet
                | Action::CustomerList
                | Action::CustomerAddressGet
                | Action::TransactionGet
                | Action::TransactionList
                | Action::SubscriptionGet
                | Action::SubscriptionList
                | Action::AttributeList
                | Action::CategoryList
                | Action::DownloadableList
                | Action::StoreIncludesGet
        )
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Action {
    type Err = LegacyError;

    fn from_str(name: &str) -> Result<Action, LegacyError> {
        Action::ALL
            .iter()
            .copied()
            .find(|action| action.as_str() == name)
            .ok_or_else(|| LegacyError::UnknownAction(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for action in Action::ALL {
            assert_eq!(action.as_str().parse::<Action>(), Ok(*action));
            assert_eq!(action.to_string(), action.as_str());
        }
        assert_eq!(
            "nope".parse::<Action>(),
            Err(LegacyError::UnknownAction("nope".into()))
        );
    }

    #[test]
    fn only_gets_and_lists_are_reads() {
        for action in Action::ALL {
            let name = action.as_str();
            let reads = name.ends_with("_get") || name.ends_with("_list");
            assert_eq!(action.is_read(), reads, "{name}");
        }
        assert!(!Action::SubscriptionModify.is_read());
        assert!(!Action::TransactionSendReceipt.is_read());
    }
}
