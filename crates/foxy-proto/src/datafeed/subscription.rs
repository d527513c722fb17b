//! The typed records of the subscription datafeed and of the legacy API's
//! subscription calls: subscriptions and their transaction templates.
//!
//! ```
//! use foxy_proto::datafeed::{Subscription, xml::Element};
//!
//! let xml = "<subscription><id>9</id><frequency>1m</frequency><past_due_amount>19.90</past_due_amount>\
//!            <is_active>1</is_active><customer_email>a@b.test</customer_email></subscription>";
//! let sub = Subscription::from_element(Element::parse(xml)?)?;
//! assert_eq!(sub.is_active, Some(true));
//! assert_eq!(sub.past_due_amount.map(|d| d.to_string()).as_deref(), Some("19.90"));
//! assert_eq!(sub.customer.email.as_deref(), Some("a@b.test"));
//! # Ok::<(), foxy_proto::datafeed::DatafeedError>(())
//! ```

use super::fields::{field_read, field_ty, field_write, record};
use super::types::{CustomField, Customer, TransactionDetail};

record! {
    /// One subscription (`<subscription>`).
    pub struct Subscription = "subscription" {
        /// `id`.
        id: number("id"),
        /// `store_id`.
        store_id: number("store_id"),
        /// `sub_token_url`: the link that manages the subscription.
        sub_token_url: text("sub_token_url"),
        /// `start_date` (`YYYY-MM-DD`): the first processing date.
        start_date: text("start_date"),
        /// `next_transaction_date` (`YYYY-MM-DD`).
        next_transaction_date: text("next_transaction_date"),
        /// `end_date` (`YYYY-MM-DD`; `0000-00-00` for none).
        end_date: text("end_date"),
        /// `frequency` (for example `1m`, `2w`, `.5m`).
        frequency: text("frequency"),
        /// `past_due_amount`.
        past_due_amount: money("past_due_amount"),
        /// `is_active`.
        is_active: flag("is_active"),
        /// `transaction_template_id`.
        transaction_template_id: number("transaction_template_id"),
        /// The `customer_*` fields.
        customer: group(Customer),
        /// `transaction_template`: what each processing charges.
        transaction_template: opt(TransactionTemplate),
        /// `transaction_details/transaction_detail`: the subscribed items.
        details: list(TransactionDetail, "transaction_details"),
        /// `custom_fields/custom_field`.
        custom_fields: list(CustomField, "custom_fields"),
    }
}

record! {
    /// The cart a subscription charges each time (`<transaction_template>`).
    pub struct TransactionTemplate = "transaction_template" {
        /// `product_total`.
        product_total: money("product_total"),
        /// `tax_total`.
        tax_total: money("tax_total"),
        /// `shipping_total`.
        shipping_total: money("shipping_total"),
        /// `order_total`.
        order_total: money("order_total"),
        /// `custom_fields/custom_field`.
        custom_fields: list(CustomField, "custom_fields"),
        /// `transaction_details/transaction_detail`.
        details: list(TransactionDetail, "transaction_details"),
    }
}
