//! How a store presents and ships what it sells: template sets and item categories.

use foxy_proto::Rel;

use crate::model::model;
use crate::values::count::Count;
use crate::values::date::Date;
use crate::values::flag::Flag;
use crate::values::money::{Measure, Money};

model! {
    /// A template set: the templates, language and payment methods a cart uses.
    pub struct TemplateSet (Rel::TEMPLATE_SETS) {
        required {}
        fields {
            /// The full API URI of the cart template.
            cart_template_uri: String,
            /// The full API URI of the cart include template.
            cart_include_template_uri: String,
            /// The full API URI of the checkout template.
            checkout_template_uri: String,
            /// The full API URI of the receipt template.
            receipt_template_uri: String,
            /// The full API URI of the email template.
            email_template_uri: String,
            /// The full API URI of the payment method set.
            payment_method_set_uri: String,
            /// The full API URI of the template configuration.
            template_config_uri: String,
            /// The code carts select it by (`DEFAULT`).
            code: String,
            /// A description.
            description: String,
            /// The language (`english`).
            language: String,
            /// The locale code (`en_US`).
            locale_code: String,
            /// Extra configuration.
            config: String,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:cart_template`: the cart template.
            cart_template_link = Rel::fx("cart_template"),
            /// `fx:checkout_template`: the checkout template.
            checkout_template_link = Rel::fx("checkout_template"),
            /// `fx:receipt_template`: the receipt template.
            receipt_template_link = Rel::fx("receipt_template"),
            /// `fx:email_template`: the email template.
            email_template_link = Rel::fx("email_template"),
            /// `fx:payment_method_set`: the payment method set.
            payment_method_set_link = Rel::fx("payment_method_set"),
            /// `fx:template_config`: the template configuration.
            template_config_link = Rel::fx("template_config"),
        }
        conditional_links {}
    }
}

model! {
    /// An item category: how its items ship, are taxed, discounted and emailed.
    pub struct ItemCategory (Rel::ITEM_CATEGORIES) {
        required {}
        fields {
            /// The full API URI of the admin email template.
            admin_email_template_uri: String,
            /// The full API URI of the customer email template.
            customer_email_template_uri: String,
            /// The code items select it by.
            code: String,
            /// The category's name.
            name: String,
            /// How items are delivered (`shipped`, `downloaded`, `notshipped`, ...).
            item_delivery_type: String,
            /// How often a customer may download (downloadables).
            max_downloads_per_customer: Count,
            /// Hours a download link stays valid.
            max_downloads_time_period: Count,
            /// The declared customs value of an item.
            customs_value: Money,
            /// The weight of an item that has none.
            default_weight: Measure,
            /// The weight unit (`LBS`, `KGS`).
            default_weight_unit: String,
            /// The length unit (`IN`, `CM`).
            default_length_unit: String,
            /// The flat shipping rate.
            shipping_flat_rate: Money,
            /// How the flat rate applies (`per_order`, `per_shipment`, `per_item`).
            shipping_flat_rate_type: String,
            /// The handling fee.
            handling_fee: Money,
            /// The smallest handling fee.
            handling_fee_minimum: Money,
            /// How the fee is computed (`none`, `flat_per_order`, ...).
            handling_fee_type: String,
            /// The handling fee as a percentage.
            handling_fee_percentage: Measure,
            /// The name of the category discount.
            discount_name: String,
            /// The category discount type.
            discount_type: String,
            /// The category discount tiers.
            discount_details: String,
            /// Whether the customer gets the category email.
            send_customer_email: Flag,
            /// Whether the admin gets the category email.
            send_admin_email: Flag,
            /// Where the admin email goes.
            admin_email: String,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:email_templates`: the email templates.
            email_templates_link = Rel::fx("email_templates"),
            /// `fx:tax_item_categories`: the taxes that apply.
            tax_item_categories_link = Rel::fx("tax_item_categories"),
        }
        conditional_links {}
    }
}
