//! Transactions (completed orders) and subscriptions (recurring ones).

use foxy_proto::Rel;

use crate::attribute::{Attribute, CustomField};
use crate::discount::Discount;
use crate::item::Item;
use crate::model::model;
use crate::values::count::Count;
use crate::values::date::Date;
use crate::values::flag::Flag;
use crate::values::money::Money;

model! {
    /// A transaction: a completed (or attempted) order.
    pub struct Transaction (Rel::TRANSACTIONS) {
        required {}
        fields {
            /// The number shown to the customer.
            display_id: Count,
            /// Whether it was made in test mode.
            is_test: Flag,
            /// Whether it may still be edited.
            is_editable: Flag,
            /// Whether it is hidden in the admin.
            hide_transaction: Flag,
            /// Whether it was delivered to the datafeed.
            data_is_fed: Flag,
            /// The full API URI of its folder (`""` for none).
            folder_uri: String,
            /// When the order was placed.
            transaction_date: Date,
            /// The locale code (`en_US`).
            locale_code: String,
            /// The customer's first name.
            customer_first_name: String,
            /// The customer's last name.
            customer_last_name: String,
            /// The customer's tax identification number.
            customer_tax_id: String,
            /// The customer's email address.
            customer_email: String,
            /// The customer's IP address.
            customer_ip: String,
            /// The country of the IP address.
            ip_country: String,
            /// The customer's browser.
            user_agent: String,
            /// Total of the items.
            total_item_price: Money,
            /// Total tax.
            total_tax: Money,
            /// Total shipping.
            total_shipping: Money,
            /// Shipping of subscription items that ship in the future.
            total_future_shipping: Money,
            /// Order total.
            total_order: Money,
            /// The currency (`USD`).
            currency_code: String,
            /// The currency symbol (`$`).
            currency_symbol: String,
            /// The status (`approved`, `completed`, `declined`, ...).
            status: String,
            /// Where the order came from (`cit_ecommerce`, ...).
            source: String,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {
            /// The items, when zoomed.
            items: Item = Rel::ITEMS,
            /// The attributes, when zoomed.
            attributes: Attribute = Rel::ATTRIBUTES,
            /// The custom fields, when zoomed.
            custom_fields: CustomField = Rel::CUSTOM_FIELDS,
            /// The discounts, when zoomed.
            discounts: Discount = Rel::DISCOUNTS,
        }
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:customer`: the customer.
            customer_link = Rel::CUSTOMER,
            /// `fx:items`: the items.
            items_link = Rel::ITEMS,
            /// `fx:attributes`: the attributes.
            attributes_link = Rel::ATTRIBUTES,
            /// `fx:custom_fields`: the custom fields.
            custom_fields_link = Rel::CUSTOM_FIELDS,
            /// `fx:discounts`: the discounts.
            discounts_link = Rel::DISCOUNTS,
            /// `fx:payments`: the payments.
            payments_link = Rel::fx("payments"),
            /// `fx:receipt`: the receipt page.
            receipt_link = Rel::fx("receipt"),
        }
        conditional_links {
            /// `fx:subscription`: the subscription, for a subscription order.
            subscription_link = Rel::SUBSCRIPTION,
            /// `fx:refund`: POST here to refund, when the gateway allows it.
            refund_link = Rel::fx("refund"),
        }
    }
}

model! {
    /// A subscription: a recurring order billed every `frequency`.
    pub struct Subscription (Rel::SUBSCRIPTIONS) {
        required {}
        fields {
            /// When it starts.
            start_date: Date,
            /// When it next bills.
            next_transaction_date: Date,
            /// When it ends (`0000-00-00` or `null` for never).
            end_date: Date,
            /// How often it bills (`1m`, `2w`, `1y`, `.5m`).
            frequency: String,
            /// The last billing error.
            error_message: String,
            /// The amount past due.
            past_due_amount: Money,
            /// When billing first failed.
            first_failed_transaction_date: Date,
            /// Whether it is active.
            is_active: Flag,
            /// An identifier at a third-party billing system.
            third_party_id: String,
            /// How it is paid (`plastic`, `paypal`, ...).
            payment_type: String,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {
            /// The attributes, when zoomed.
            attributes: Attribute = Rel::ATTRIBUTES,
        }
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:customer`: the customer.
            customer_link = Rel::CUSTOMER,
            /// `fx:attributes`: the attributes.
            attributes_link = Rel::ATTRIBUTES,
            /// `fx:last_transaction`: the most recent transaction.
            last_transaction_link = Rel::fx("last_transaction"),
            /// `fx:transaction_template`: the cart each renewal copies.
            transaction_template_link = Rel::fx("transaction_template"),
            /// `fx:transactions`: every transaction of the subscription.
            transactions_link = Rel::TRANSACTIONS,
        }
        conditional_links {
            /// `fx:sub_token_url`: the customer's link to update the subscription.
            sub_token_url_link = Rel::SUB_TOKEN_URL,
            /// `fx:sub_modification_url`: the customer's link to modify it.
            sub_modification_url_link = Rel::fx("sub_modification_url"),
        }
    }
}
