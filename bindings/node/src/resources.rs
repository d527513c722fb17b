//! Typed resources (`foxy-model`) as JavaScript classes with TypeScript
//! types: carts, items, options, attributes, custom fields, customers,
//! addresses, payment methods, transactions, sessions, and pages of
//! collections.
//!
//! Each class is a handle on the core model value (see `typed.rs`): its
//! getters and setters read and write the Rust value, so the properties and
//! links it does not model survive a PUT. Property names are camelCased
//! (`total_order` → `totalOrder`); money and measures are exact decimal
//! strings (`"10.50"`), counts are numbers, flags booleans, dates the text
//! Foxy sent. Every object has its `href` (the `self` link) and `links`
//! (first href by compact relation), which the client uses to act on it.
//! Operations take a class instance or its plain form (`CartInit`...),
//! which the core's model validates.

use std::collections::HashMap;

use napi::Env;
use napi::bindgen_prelude::{Array, Either};
use napi_derive::napi;

use foxy_model::{Collection, Count, Date, Flag, Measure, Model, Money, Visibility};
use foxy_proto::{Link, Rel};

use crate::errors::{Outcome, sync};
use crate::resource::link_map;
use crate::typed::{Field, IntoModel, js_model, js_page};

pub(crate) use crate::typed::whole_number;

js_model! {
    #[doc = "A cart: the items a customer is about to buy, with addresses and totals."]
    Cart / CartInit for foxy_model::Cart {
        required {}
        fields {
            #[doc = "The full API URI of the customer the cart belongs to."]
            customer_uri / set_customer_uri: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The customer's email address."]
            customer_email / set_customer_email: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The full API URI of the template set."]
            template_set_uri / set_template_set_uri: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The full API URI of the payment method to charge."]
            payment_method_uri / set_payment_method_uri: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The language of the template set."]
            language / set_language: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The locale code (`en_US`)."]
            locale_code / set_locale_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Whether the customer's shipping address is used."]
            use_customer_shipping_address / set_use_customer_shipping_address: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "Billing first name."]
            billing_first_name / set_billing_first_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing last name."]
            billing_last_name / set_billing_last_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing company."]
            billing_company / set_billing_company: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing street address."]
            billing_address1 / set_billing_address1: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing street address, second line."]
            billing_address2 / set_billing_address2: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing city."]
            billing_city / set_billing_city: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing state or region."]
            billing_state / set_billing_state: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing postal code."]
            billing_postal_code / set_billing_postal_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing country (ISO 3166-1 alpha-2)."]
            billing_country / set_billing_country: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Billing phone number."]
            billing_phone / set_billing_phone: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping first name."]
            shipping_first_name / set_shipping_first_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping last name."]
            shipping_last_name / set_shipping_last_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping company."]
            shipping_company / set_shipping_company: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping street address."]
            shipping_address1 / set_shipping_address1: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping street address, second line."]
            shipping_address2 / set_shipping_address2: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping city."]
            shipping_city / set_shipping_city: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping state or region."]
            shipping_state / set_shipping_state: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping postal code."]
            shipping_postal_code / set_shipping_postal_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping country (ISO 3166-1 alpha-2)."]
            shipping_country / set_shipping_country: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping phone number."]
            shipping_phone / set_shipping_phone: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Total of the items (read only; exact decimal text)."]
            total_item_price / set_total_item_price: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Total tax (read only; exact decimal text)."]
            total_tax / set_total_tax: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Total shipping (exact decimal text)."]
            total_shipping / set_total_shipping: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping of future subscription items (exact decimal text)."]
            total_future_shipping / set_total_future_shipping: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Order total (read only; exact decimal text)."]
            total_order / set_total_order: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The currency (`USD`)."]
            currency_code / set_currency_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the cart was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the cart was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {
            #[doc = "The items, when zoomed (`items`)."]
            items / set_items: Item / ItemInit = Rel::ITEMS, "ReadonlyArray<Item>",
            #[doc = "The cart's attributes, when zoomed (`attributes`)."]
            attributes / set_attributes: Attribute / AttributeInit = Rel::ATTRIBUTES, "ReadonlyArray<Attribute>",
            #[doc = "The custom fields, when zoomed (`custom_fields`)."]
            custom_fields / set_custom_fields: CustomField / CustomFieldInit = Rel::CUSTOM_FIELDS, "ReadonlyArray<CustomField>",
            #[doc = "The discounts, when zoomed (`discounts`)."]
            discounts / set_discounts: Discount / DiscountInit = Rel::DISCOUNTS, "ReadonlyArray<Discount>",
            #[doc = "The applied coupon codes, when zoomed (`applied_coupon_codes`)."]
            applied_coupon_codes / set_applied_coupon_codes: AppliedCouponCode / AppliedCouponCodeInit = Rel::APPLIED_COUPON_CODES, "ReadonlyArray<AppliedCouponCode>",
        }
    }
}

js_model! {
    #[doc = "An item of a cart or a transaction."]
    Item / ItemInit for foxy_model::Item {
        required {}
        fields {
            #[doc = "The full API URI of the item category."]
            item_category_uri / set_item_category_uri: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The name."]
            name / set_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The unit price (exact decimal text)."]
            price / set_price: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "How many."]
            quantity / set_quantity: Count => f64 | "number | undefined" | "value: number | undefined | null",
            #[doc = "The least quantity allowed."]
            quantity_min / set_quantity_min: Count => f64 | "number | undefined" | "value: number | undefined | null",
            #[doc = "The greatest quantity allowed."]
            quantity_max / set_quantity_max: Count => f64 | "number | undefined" | "value: number | undefined | null",
            #[doc = "The unit weight (exact decimal text)."]
            weight / set_weight: Measure => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The product code (SKU)."]
            code / set_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The code of the parent item (bundles)."]
            parent_code / set_parent_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The discount's name."]
            discount_name / set_discount_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The discount's type."]
            discount_type / set_discount_type: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The discount's details."]
            discount_details / set_discount_details: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The subscription frequency (`1m`)."]
            subscription_frequency / set_subscription_frequency: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The subscription start date."]
            subscription_start_date / set_subscription_start_date: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The next transaction date of the subscription."]
            subscription_next_transaction_date / set_subscription_next_transaction_date: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The subscription end date."]
            subscription_end_date / set_subscription_end_date: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Whether this line is billed in the future."]
            is_future_line_item / set_is_future_line_item: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "The ship-to address name (multi-ship)."]
            shipto / set_shipto: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The product page URL."]
            url / set_url: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The product image URL."]
            image / set_image: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Length (exact decimal text)."]
            length / set_length: Measure => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Width (exact decimal text)."]
            width / set_width: Measure => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Height (exact decimal text)."]
            height / set_height: Measure => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Minutes before the item expires from the cart."]
            expires / set_expires: Count => f64 | "number | undefined" | "value: number | undefined | null",
            #[doc = "When the item was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the item was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {
            #[doc = "The options, when zoomed (`items:item_options`)."]
            item_options / set_item_options: ItemOption / ItemOptionInit = Rel::ITEM_OPTIONS, "ReadonlyArray<ItemOption>",
            #[doc = "The attributes, when zoomed (`items:attributes`)."]
            attributes / set_attributes: Attribute / AttributeInit = Rel::ATTRIBUTES, "ReadonlyArray<Attribute>",
        }
    }
}

js_model! {
    #[doc = "An option of an item (size, color...), which may change its price."]
    ItemOption / ItemOptionInit for foxy_model::ItemOption {
        required {}
        fields {
            #[doc = "The option's name (`color`)."]
            name / set_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The option's value (`red`)."]
            value / set_value: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Added to the item's unit price (exact decimal text)."]
            price_mod / set_price_mod: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Added to the item's unit weight (exact decimal text)."]
            weight_mod / set_weight_mod: Measure => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the option was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the option was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A name/value attribute of a cart, an item, a customer..."]
    Attribute / AttributeInit for foxy_model::Attribute {
        required {
            #[doc = "The name."]
            name / set_name: String => String,
        }
        fields {
            #[doc = "The value."]
            value / set_value: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Who may see it: `public`, `private` or `restricted`."]
            visibility / set_visibility: Visibility => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the attribute was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the attribute was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A custom field of a cart or a transaction (checkout form data)."]
    CustomField / CustomFieldInit for foxy_model::CustomField {
        required {
            #[doc = "The name."]
            name / set_name: String => String,
        }
        fields {
            #[doc = "The value."]
            value / set_value: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Whether it is hidden from the customer."]
            is_hidden / set_is_hidden: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "When the field was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the field was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A discount applied to a cart or a transaction."]
    Discount / DiscountInit for foxy_model::Discount {
        required {}
        fields {
            #[doc = "The coupon code that gave it."]
            code / set_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The amount (exact decimal text, negative for a reduction)."]
            amount / set_amount: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The name."]
            name / set_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "How it is displayed."]
            display / set_display: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Whether it is taxable."]
            is_taxable / set_is_taxable: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "Whether it applies to future subscription payments."]
            is_future_discount / set_is_future_discount: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "When it was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A coupon code applied to a cart."]
    AppliedCouponCode / AppliedCouponCodeInit for foxy_model::AppliedCouponCode {
        required {}
        fields {
            #[doc = "The code."]
            code / set_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it was applied (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A customer of the store."]
    Customer / CustomerInit for foxy_model::Customer {
        required {}
        fields {
            #[doc = "First name."]
            first_name / set_first_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Last name."]
            last_name / set_last_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Email address."]
            email / set_email: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Tax id."]
            tax_id / set_tax_id: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "A new password (write only)."]
            password / set_password: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The password salt."]
            password_salt / set_password_salt: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The password hash."]
            password_hash / set_password_hash: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The password hash type."]
            password_hash_type / set_password_hash_type: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The password hash configuration."]
            password_hash_config / set_password_hash_config: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "A temporary password."]
            forgot_password / set_forgot_password: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the temporary password was issued."]
            forgot_password_timestamp / set_forgot_password_timestamp: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the customer last logged in."]
            last_login_date / set_last_login_date: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Whether the customer checked out as a guest."]
            is_anonymous / set_is_anonymous: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "When the customer was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When the customer was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {
            #[doc = "The attributes, when zoomed (`attributes`)."]
            attributes / set_attributes: Attribute / AttributeInit = Rel::ATTRIBUTES, "ReadonlyArray<Attribute>",
            #[doc = "The saved addresses, when zoomed (`customer_addresses`)."]
            customer_addresses / set_customer_addresses: CustomerAddress / CustomerAddressInit = Rel::CUSTOMER_ADDRESSES, "ReadonlyArray<CustomerAddress>",
        }
    }
}

js_model! {
    #[doc = "A saved address of a customer."]
    CustomerAddress / CustomerAddressInit for foxy_model::CustomerAddress {
        required {}
        fields {
            #[doc = "The address's name (`Home`)."]
            address_name / set_address_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "First name."]
            first_name / set_first_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Last name."]
            last_name / set_last_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Company."]
            company / set_company: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Street address."]
            address1 / set_address1: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Street address, second line."]
            address2 / set_address2: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "City."]
            city / set_city: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "State or region."]
            region / set_region: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Postal code."]
            postal_code / set_postal_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Country (ISO 3166-1 alpha-2)."]
            country / set_country: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Phone number."]
            phone / set_phone: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Whether it is the default billing address."]
            is_default_billing / set_is_default_billing: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "Whether it is the default shipping address."]
            is_default_shipping / set_is_default_shipping: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "Whether address restrictions are ignored."]
            ignore_address_restrictions / set_ignore_address_restrictions: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "When it was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A customer's saved card."]
    DefaultPaymentMethod / DefaultPaymentMethodInit for foxy_model::DefaultPaymentMethod {
        required {}
        fields {
            #[doc = "Whether a card is saved."]
            save_cc / set_save_cc: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "The card type (`Visa`)."]
            cc_type / set_cc_type: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The masked number (`xxxxxxxxxxxx4242`)."]
            cc_number_masked / set_cc_number_masked: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Expiry month."]
            cc_exp_month / set_cc_exp_month: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Expiry year."]
            cc_exp_year / set_cc_exp_year: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "A new card number (write only; stored masked)."]
            cc_number / set_cc_number: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The card's security code (write only)."]
            cc_cvv2 / set_cc_cvv2: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "A payment token."]
            cc_token / set_cc_token: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A completed order."]
    Transaction / TransactionInit for foxy_model::Transaction {
        required {}
        fields {
            #[doc = "The id shown to the customer."]
            display_id / set_display_id: Count => f64 | "number | undefined" | "value: number | undefined | null",
            #[doc = "Whether it was a test transaction."]
            is_test / set_is_test: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "Whether it can still be edited."]
            is_editable / set_is_editable: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "Whether it is hidden in the admin."]
            hide_transaction / set_hide_transaction: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "Whether the datafeed was delivered."]
            data_is_fed / set_data_is_fed: Flag => bool | "boolean | undefined" | "value: boolean | undefined | null",
            #[doc = "The folder it is filed in."]
            folder_uri / set_folder_uri: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it happened."]
            transaction_date / set_transaction_date: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The locale code."]
            locale_code / set_locale_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Customer first name."]
            customer_first_name / set_customer_first_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Customer last name."]
            customer_last_name / set_customer_last_name: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Customer tax id."]
            customer_tax_id / set_customer_tax_id: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Customer email."]
            customer_email / set_customer_email: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Customer IP address."]
            customer_ip / set_customer_ip: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Country of the IP address."]
            ip_country / set_ip_country: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The browser's user agent."]
            user_agent / set_user_agent: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Total of the items (exact decimal text)."]
            total_item_price / set_total_item_price: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Total tax (exact decimal text)."]
            total_tax / set_total_tax: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Total shipping (exact decimal text)."]
            total_shipping / set_total_shipping: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Shipping of future subscription items (exact decimal text)."]
            total_future_shipping / set_total_future_shipping: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Order total (exact decimal text)."]
            total_order / set_total_order: Money => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The currency (`USD`)."]
            currency_code / set_currency_code: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The currency symbol (`$`)."]
            currency_symbol / set_currency_symbol: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "The status (`completed`)."]
            status / set_status: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "Where it came from."]
            source / set_source: String => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it was created (read only)."]
            date_created / set_date_created: Date => String | "string | undefined" | "value: string | undefined | null",
            #[doc = "When it was last modified (read only)."]
            date_modified / set_date_modified: Date => String | "string | undefined" | "value: string | undefined | null",
        }
        embedded {
            #[doc = "The items, when zoomed (`items`)."]
            items / set_items: Item / ItemInit = Rel::ITEMS, "ReadonlyArray<Item>",
            #[doc = "The attributes, when zoomed (`attributes`)."]
            attributes / set_attributes: Attribute / AttributeInit = Rel::ATTRIBUTES, "ReadonlyArray<Attribute>",
            #[doc = "The custom fields, when zoomed (`custom_fields`)."]
            custom_fields / set_custom_fields: CustomField / CustomFieldInit = Rel::CUSTOM_FIELDS, "ReadonlyArray<CustomField>",
            #[doc = "The discounts, when zoomed (`discounts`)."]
            discounts / set_discounts: Discount / DiscountInit = Rel::DISCOUNTS, "ReadonlyArray<Discount>",
        }
    }
}

js_model! {
    #[doc = "A browser session for a cart (from `carts.createSession`)."]
    CartSession / CartSessionInit for foxy_model::CartSession {
        required {
            #[doc = "The session id (`fcsid`)."]
            session_id / set_session_id: String => String,
            #[doc = "The URL that opens the cart in a browser with this session."]
            cart_link / set_cart_link: String => String,
        }
        fields {}
        embedded {}
    }
}

js_page! {
    #[doc = "One page of carts."]
    CartPage of Cart for foxy_model::Cart
}
js_page! {
    #[doc = "One page of items."]
    ItemPage of Item for foxy_model::Item
}
js_page! {
    #[doc = "One page of item options."]
    ItemOptionPage of ItemOption for foxy_model::ItemOption
}
js_page! {
    #[doc = "One page of attributes."]
    AttributePage of Attribute for foxy_model::Attribute
}
js_page! {
    #[doc = "One page of custom fields."]
    CustomFieldPage of CustomField for foxy_model::CustomField
}
js_page! {
    #[doc = "One page of customers."]
    CustomerPage of Customer for foxy_model::Customer
}
js_page! {
    #[doc = "One page of customer addresses."]
    CustomerAddressPage of CustomerAddress for foxy_model::CustomerAddress
}
js_page! {
    #[doc = "One page of transactions."]
    TransactionPage of Transaction for foxy_model::Transaction
}
