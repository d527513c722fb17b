//! Customers, their saved addresses and their default payment method.

use foxy_proto::Rel;

use crate::attribute::Attribute;
use crate::model::{Extras, model};
use crate::values::date::Date;
use crate::values::flag::Flag;

model! {
    /// A customer of a store (a guest when `is_anonymous`).
    pub struct Customer (Rel::CUSTOMERS) {
        required {}
        fields {
            /// First name.
            first_name: String,
            /// Last name.
            last_name: String,
            /// Email address (the login).
            email: String,
            /// Tax identification number.
            tax_id: String,
            /// A new password (write only).
            password: String,
            /// The password salt, for imported hashes.
            password_salt: String,
            /// The password hash, for imported customers.
            password_hash: String,
            /// The hash algorithm (`md5`, `phpass`, ...).
            password_hash_type: String,
            /// The hash algorithm's configuration.
            password_hash_config: String,
            /// The forgotten-password token.
            forgot_password: String,
            /// When the forgotten-password token was issued.
            forgot_password_timestamp: Date,
            /// When the customer last logged in.
            last_login_date: Date,
            /// Whether this is a guest customer.
            is_anonymous: Flag,
            /// When the customer was created.
            date_created: Date,
            /// When the customer was last modified.
            date_modified: Date,
        }
        embedded {
            /// The customer's attributes, when zoomed.
            attributes: Attribute = Rel::ATTRIBUTES,
            /// The customer's addresses, when zoomed.
            customer_addresses: CustomerAddress = Rel::CUSTOMER_ADDRESSES,
        }
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:attributes`: the customer's attributes.
            attributes_link = Rel::ATTRIBUTES,
            /// `fx:customer_addresses`: the saved addresses.
            customer_addresses_link = Rel::CUSTOMER_ADDRESSES,
            /// `fx:default_billing_address`: the default billing address.
            default_billing_address_link = Rel::fx("default_billing_address"),
            /// `fx:default_shipping_address`: the default shipping address.
            default_shipping_address_link = Rel::fx("default_shipping_address"),
            /// `fx:default_payment_method`: the saved payment method.
            default_payment_method_link = Rel::DEFAULT_PAYMENT_METHOD,
            /// `fx:transactions`: the customer's transactions.
            transactions_link = Rel::TRANSACTIONS,
            /// `fx:subscriptions`: the customer's subscriptions.
            subscriptions_link = Rel::SUBSCRIPTIONS,
        }
        conditional_links {}
    }
}

impl Customer {
    /// A new customer with an email address and a name.
    pub fn new(
        email: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
    ) -> Customer {
        Customer {
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            email: Some(email.into()),
            tax_id: None,
            password: None,
            password_salt: None,
            password_hash: None,
            password_hash_type: None,
            password_hash_config: None,
            forgot_password: None,
            forgot_password_timestamp: None,
            last_login_date: None,
            is_anonymous: None,
            date_created: None,
            date_modified: None,
            attributes: Vec::new(),
            customer_addresses: Vec::new(),
            extras: Extras::declaring(&["first_name", "last_name", "email"]),
        }
    }
}

model! {
    /// A saved address of a customer.
    pub struct CustomerAddress (Rel::CUSTOMER_ADDRESSES) {
        required {}
        fields {
            /// The address's unique name for this customer (`Home`).
            address_name: String,
            /// First name.
            first_name: String,
            /// Last name.
            last_name: String,
            /// Company.
            company: String,
            /// Street address.
            address1: String,
            /// Street address, second line.
            address2: String,
            /// City.
            city: String,
            /// State or region.
            region: String,
            /// Postal code.
            postal_code: String,
            /// Country (ISO 3166-1 alpha-2).
            country: String,
            /// Phone number.
            phone: String,
            /// Whether this is the default billing address.
            is_default_billing: Flag,
            /// Whether this is the default shipping address.
            is_default_shipping: Flag,
            /// Whether the store's address restrictions are skipped.
            ignore_address_restrictions: Flag,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:customer`: the customer.
            customer_link = Rel::CUSTOMER,
        }
        conditional_links {}
    }
}

model! {
    /// A customer's saved payment card (masked).
    pub struct DefaultPaymentMethod (Rel::DEFAULT_PAYMENT_METHOD) {
        required {}
        fields {
            /// Whether the card is saved for later.
            save_cc: Flag,
            /// The card type (`Visa`, `MasterCard`).
            cc_type: String,
            /// The masked card number (`xxxxxxxxxxxx1111`).
            cc_number_masked: String,
            /// Expiry month (`12`).
            cc_exp_month: String,
            /// Expiry year (`2020`).
            cc_exp_year: String,
            /// A new card number (write only).
            cc_number: String,
            /// A new card's security code (write only).
            cc_cvv2: String,
            /// A card token from a hosted field (write only).
            cc_token: String,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:customer`: the customer.
            customer_link = Rel::CUSTOMER,
        }
        conditional_links {}
    }
}
