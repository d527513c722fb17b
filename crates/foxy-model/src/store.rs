//! The API home (bookmark) and the store with its settings.

use foxy_proto::{Rel, Value};

use crate::model::model;
use crate::values::count::Count;
use crate::values::date::Date;
use crate::values::flag::Flag;

model! {
    /// The API home (`GET /`): the bookmark every walk starts from.
    pub struct ApiHome {
        required {}
        fields {
            /// The welcome message.
            message: String,
        }
        embedded {}
        links {
            /// `fx:token`: the OAuth token endpoint.
            token_link = Rel::TOKEN,
            /// `fx:property_helpers`: valid values for properties.
            property_helpers_link = Rel::PROPERTY_HELPERS,
            /// `fx:reporting`: the reporting API home.
            reporting_link = Rel::REPORTING,
            /// `fx:encode`: POST HTML here to HMAC-sign it.
            encode_link = Rel::ENCODE,
        }
        conditional_links {
            /// `fx:store`: the store of a store-scoped token.
            store_link = Rel::STORE,
            /// `fx:stores`: the user's stores, for a user-scoped token.
            stores_link = Rel::STORES,
            /// `fx:user`: the user, for a user-scoped token.
            user_link = Rel::USER,
        }
    }
}

model! {
    /// A store: its identity, email, locale, checkout and webhook settings.
    pub struct Store (Rel::STORES) {
        required {}
        fields {
            /// The full API URI of the store's version.
            store_version_uri: String,
            /// The store's name.
            store_name: String,
            /// The store's subdomain (`acme` for `acme.foxycart.com`) or custom domain.
            store_domain: String,
            /// Whether `store_domain` is a custom domain.
            use_remote_domain: Flag,
            /// The store's website.
            store_url: String,
            /// Where the receipt's continue button leads.
            receipt_continue_url: String,
            /// The store's email address.
            store_email: String,
            /// The sender address of emails.
            from_email: String,
            /// Whether emails are sent through the store's DNS settings.
            use_email_dns: Flag,
            /// Whether the store receives a copy of receipts.
            bcc_on_receipt_email: Flag,
            /// Custom SMTP settings.
            smtp_config: String,
            /// The store's postal code.
            postal_code: String,
            /// The store's state or region.
            region: String,
            /// The store's country.
            country: String,
            /// The locale code (`en_US`).
            locale_code: String,
            /// The timezone (`America/Los_Angeles`).
            timezone: String,
            /// Whether prices hide the currency symbol.
            hide_currency_symbol: Flag,
            /// Whether prices hide decimals.
            hide_decimal_characters: Flag,
            /// Whether prices use the international symbol (`USD`).
            use_international_currency_symbol: Flag,
            /// The default language.
            language: String,
            /// The store's logo.
            logo_url: String,
            /// The checkout type (`default_account`, `guest_only`, ...).
            checkout_type: String,
            /// Whether the JSON webhook is on.
            use_webhook: Flag,
            /// The JSON webhook's URL.
            webhook_url: String,
            /// The key that signs webhooks and the datafeed.
            webhook_key: String,
            /// Whether cart links must be HMAC-signed.
            use_cart_validation: Flag,
            /// Whether single sign-on is on.
            use_single_sign_on: Flag,
            /// The single sign-on URL.
            single_sign_on_url: String,
            /// The customer password hash algorithm.
            customer_password_hash_type: String,
            /// The hash algorithm's configuration (a number or text).
            customer_password_hash_config: Value,
            /// Whether multiship is on.
            features_multiship: Flag,
            /// Whether every product needs an `expires` property.
            products_require_expires_property: Flag,
            /// The cart session lifespan in seconds (0: the default).
            app_session_time: Count,
            /// The default shipping address type (`residential`, `commercial`).
            shipping_address_type: String,
            /// Whether shipping rates must be signed.
            require_signed_shipping_rates: Flag,
            /// The password of the unified order entry.
            unified_order_entry_password: String,
            /// The custom display id settings (an object, or `""` when unset).
            custom_display_id_config: Value,
            /// The affiliate id.
            affiliate_id: Count,
            /// Whether the store is in maintenance mode.
            is_maintenance_mode: Flag,
            /// Whether the store is active (paid).
            is_active: Flag,
            /// When the first payment was made.
            first_payment_date: Date,
            /// When the store was created.
            date_created: Date,
            /// When the store was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:attributes`: the store's attributes.
            attributes_link = Rel::ATTRIBUTES,
            /// `fx:carts`: the store's carts.
            carts_link = Rel::CARTS,
            /// `fx:customers`: the store's customers.
            customers_link = Rel::CUSTOMERS,
            /// `fx:transactions`: the store's transactions.
            transactions_link = Rel::TRANSACTIONS,
            /// `fx:subscriptions`: the store's subscriptions.
            subscriptions_link = Rel::SUBSCRIPTIONS,
            /// `fx:item_categories`: the store's item categories.
            item_categories_link = Rel::ITEM_CATEGORIES,
            /// `fx:coupons`: the store's coupons.
            coupons_link = Rel::COUPONS,
            /// `fx:template_sets`: the store's template sets.
            template_sets_link = Rel::TEMPLATE_SETS,
            /// `fx:users`: the store's users.
            users_link = Rel::fx("users"),
        }
        conditional_links {}
    }
}
