//! The cart: an uncompleted transaction, with its addresses and totals, and
//! the session link created from it.
//!
//! With `?zoom=items,items:item_options,attributes,custom_fields,discounts,applied_coupon_codes`
//! the embedded resources are read into typed lists; a cart built in code
//! with [`Cart::new`] writes the body of a cart PUT.

use foxy_proto::Rel;

use crate::attribute::{Attribute, CustomField};
use crate::discount::{AppliedCouponCode, Discount};
use crate::item::Item;
use crate::model::{Extras, model};
use crate::values::date::Date;
use crate::values::flag::Flag;
use crate::values::money::Money;

model! {
    /// A cart: the items a customer is about to buy, with addresses and totals.
    pub struct Cart (Rel::CARTS) {
        required {}
        fields {
            /// The full API URI of the customer the cart belongs to (`""` for none).
            customer_uri: String,
            /// The customer's email address.
            customer_email: String,
            /// The full API URI of the cart's template set (`""` for the default).
            template_set_uri: String,
            /// The full API URI of the payment method to charge.
            payment_method_uri: String,
            /// The language of the template set.
            language: String,
            /// The locale code (`en_US`).
            locale_code: String,
            /// Whether the customer's shipping address is used (else the billing address ships too).
            use_customer_shipping_address: Flag,
            /// Billing first name.
            billing_first_name: String,
            /// Billing last name.
            billing_last_name: String,
            /// Billing company.
            billing_company: String,
            /// Billing street address.
            billing_address1: String,
            /// Billing street address, second line.
            billing_address2: String,
            /// Billing city.
            billing_city: String,
            /// Billing state or region.
            billing_state: String,
            /// Billing postal code.
            billing_postal_code: String,
            /// Billing country (ISO 3166-1 alpha-2).
            billing_country: String,
            /// Billing phone number.
            billing_phone: String,
            /// Shipping first name.
            shipping_first_name: String,
            /// Shipping last name.
            shipping_last_name: String,
            /// Shipping company.
            shipping_company: String,
            /// Shipping street address.
            shipping_address1: String,
            /// Shipping street address, second line.
            shipping_address2: String,
            /// Shipping city.
            shipping_city: String,
            /// Shipping state or region.
            shipping_state: String,
            /// Shipping postal code.
            shipping_postal_code: String,
            /// Shipping country (ISO 3166-1 alpha-2).
            shipping_country: String,
            /// Shipping phone number.
            shipping_phone: String,
            /// Total of the items (read only).
            total_item_price: Money,
            /// Total tax (read only).
            total_tax: Money,
            /// Total shipping.
            total_shipping: Money,
            /// Shipping of subscription items that ship in the future.
            total_future_shipping: Money,
            /// Order total including items, tax, shipping and discounts (read only).
            total_order: Money,
            /// The currency (`USD`).
            currency_code: String,
            /// When the cart was created (read only).
            date_created: Date,
            /// When the cart was last modified (read only).
            date_modified: Date,
        }
        embedded {
            /// The items, when zoomed (`items`).
            items: Item = Rel::ITEMS,
            /// The cart's attributes, when zoomed (`attributes`).
            attributes: Attribute = Rel::ATTRIBUTES,
            /// The custom fields, when zoomed (`custom_fields`).
            custom_fields: CustomField = Rel::CUSTOM_FIELDS,
            /// The discounts, when zoomed (`discounts`).
            discounts: Discount = Rel::DISCOUNTS,
            /// The coupon codes applied, when zoomed (`applied_coupon_codes`).
            applied_coupon_codes: AppliedCouponCode = Rel::APPLIED_COUPON_CODES,
        }
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:attributes`: the cart's attributes.
            attributes_link = Rel::ATTRIBUTES,
            /// `fx:template_set`: the template set.
            template_set_link = Rel::TEMPLATE_SET,
            /// `fx:customer`: the customer.
            customer_link = Rel::CUSTOMER,
            /// `fx:items`: the items.
            items_link = Rel::ITEMS,
            /// `fx:discounts`: the discounts.
            discounts_link = Rel::DISCOUNTS,
            /// `fx:applied_coupon_codes`: the coupon codes applied.
            applied_coupon_codes_link = Rel::APPLIED_COUPON_CODES,
            /// `fx:custom_fields`: the custom fields.
            custom_fields_link = Rel::CUSTOM_FIELDS,
            /// `fx:create_session`: POST here for a browser session link ([`CartSession`]).
            create_session_link = Rel::CREATE_SESSION,
        }
        conditional_links {
            /// `fx:subscription`: present when the cart has a subscription.
            subscription_link = Rel::SUBSCRIPTION,
            /// `fx:sub_token_url`: present when the cart has a subscription.
            sub_token_url_link = Rel::SUB_TOKEN_URL,
        }
    }
}

/// The properties of a cart built with [`Cart::new`], in the order a cart PUT writes them.
const NEW_CART: &[&str] = &[
    "customer_uri",
    "template_set_uri",
    "language",
    "locale_code",
    "total_item_price",
    "total_tax",
    "total_shipping",
    "total_future_shipping",
    "total_order",
];

impl Cart {
    /// An empty cart for a PUT: customer, template set, language, locale and the
    /// (computed) totals are written as `null` until set; the rest is left out.
    pub fn new() -> Cart {
        Cart {
            customer_uri: None,
            customer_email: None,
            template_set_uri: None,
            payment_method_uri: None,
            language: None,
            locale_code: None,
            use_customer_shipping_address: None,
            billing_first_name: None,
            billing_last_name: None,
            billing_company: None,
            billing_address1: None,
            billing_address2: None,
            billing_city: None,
            billing_state: None,
            billing_postal_code: None,
            billing_country: None,
            billing_phone: None,
            shipping_first_name: None,
            shipping_last_name: None,
            shipping_company: None,
            shipping_address1: None,
            shipping_address2: None,
            shipping_city: None,
            shipping_state: None,
            shipping_postal_code: None,
            shipping_country: None,
            shipping_phone: None,
            total_item_price: None,
            total_tax: None,
            total_shipping: None,
            total_future_shipping: None,
            total_order: None,
            currency_code: None,
            date_created: None,
            date_modified: None,
            items: Vec::new(),
            attributes: Vec::new(),
            custom_fields: Vec::new(),
            discounts: Vec::new(),
            applied_coupon_codes: Vec::new(),
            extras: Extras::declaring(NEW_CART),
        }
    }

    /// The same cart for a customer (the customer's full API URI; `""` for none).
    pub fn with_customer_uri(mut self, customer_uri: impl Into<String>) -> Cart {
        self.customer_uri = Some(customer_uri.into());
        self
    }

    /// The same cart with a template set (its full API URI; `""` for the default).
    pub fn with_template_set_uri(mut self, template_set_uri: impl Into<String>) -> Cart {
        self.template_set_uri = Some(template_set_uri.into());
        self
    }

    /// The same cart with one more item (embedded under `fx:items`).
    pub fn with_item(mut self, item: Item) -> Cart {
        self.items.push(item);
        self
    }

    /// The same cart with one more attribute (embedded under `fx:attributes`).
    pub fn with_attribute(mut self, attribute: Attribute) -> Cart {
        self.attributes.push(attribute);
        self
    }

    /// The same cart with one more custom field (embedded under `fx:custom_fields`).
    pub fn with_custom_field(mut self, field: CustomField) -> Cart {
        self.custom_fields.push(field);
        self
    }
}

impl Default for Cart {
    fn default() -> Self {
        Cart::new()
    }
}

model! {
    /// The result of POSTing to a cart's `fx:create_session` link.
    pub struct CartSession {
        required {
            /// The session id (`fcsid`).
            session_id: String,
            /// The URL that opens the cart in a browser with this session.
            cart_link: String,
        }
        fields {}
        embedded {}
        links {}
        conditional_links {
            /// `fx:cart`: the cart the session was created for.
            cart_resource_link = Rel::CART,
        }
    }
}

#[cfg(test)]
mod tests {
    use foxy_proto::{Link, Resource, Value};

    use super::*;
    use crate::error::ModelError;

    #[test]
    fn links_are_typed_and_conditional_links_optional() {
        let r = Resource::new()
            .with_link(Rel::ITEMS, Link::new("https://api.test/carts/1/items"))
            .with_link(
                Rel::CREATE_SESSION,
                Link::new("https://api.test/carts/1/session"),
            );
        let cart = Cart::from_resource(&r).expect("cart");
        assert_eq!(
            cart.items_link().map(|l| l.href.as_str()),
            Ok("https://api.test/carts/1/items")
        );
        assert!(cart.create_session_link().is_ok());
        let err = cart.store_link().expect_err("absent");
        assert_eq!(
            err,
            ModelError::MissingLink {
                rel: "fx:store".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "link fx:store: not present on this resource"
        );
        assert!(cart.subscription_link().is_none());
        assert!(cart.sub_token_url_link().is_none());
    }

    #[test]
    fn session_needs_both_fields() {
        let ok = Resource::new()
            .with_property("session_id", "abc")
            .with_property("cart_link", "https://shop.test/cart?fcsid=abc");
        let session = CartSession::from_resource(&ok).expect("session");
        assert_eq!(session.session_id, "abc");
        let missing = Resource::new().with_property("session_id", "abc");
        let err = CartSession::from_resource(&missing).expect_err("no link");
        assert_eq!(
            err,
            ModelError::Missing {
                field: "cart_link".into()
            }
        );
        let wrong = ok.with_property("session_id", Value::from(5i64));
        assert!(matches!(
            CartSession::from_resource(&wrong),
            Err(ModelError::WrongType { ref field, .. }) if field == "session_id"
        ));
    }

    #[test]
    fn absent_stays_absent_and_null_stays_null() {
        let r = Resource::new()
            .with_property("total_order", Value::Null)
            .with_property("mystery", "kept");
        let cart = Cart::from_resource(&r).expect("cart");
        assert_eq!(cart.total_order, None);
        assert_eq!(cart.to_resource(), r);
    }
}
