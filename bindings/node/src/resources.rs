//! Typed resources (`foxy-model`) as plain JavaScript objects with
//! TypeScript types: carts, items, options, attributes, custom fields,
//! customers, addresses, payment methods, transactions, sessions, and pages
//! of collections.
//!
//! Property names are camelCased (`total_order` → `totalOrder`); money and
//! measures are exact decimal strings (`"10.50"`), counts are numbers,
//! flags booleans, dates the text Foxy sent. Every object carries its `href`
//! (the `self` link) and `links` (first href by compact relation), which the
//! client uses to act on it. Going back to Rust, an object is written as a
//! resource and read by the core's typed model, which validates it.

use std::collections::HashMap;

use napi_derive::napi;

use foxy_model::{Collection, Count, Date, Flag, Measure, Model, Money, Visibility};
use foxy_proto::{Link, Number, Rel, Value};

use crate::errors::{FoxyError, Outcome};
use crate::resource::link_map;

/// A whole, non-negative JavaScript number as `u64`.
pub(crate) fn whole_number(name: &str, value: f64) -> Outcome<u64> {
    // 2^53: above it a double no longer holds every whole number.
    const MAX_SAFE: f64 = 9_007_199_254_740_992.0;
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= MAX_SAFE {
        Ok(value as u64)
    } else {
        Err(FoxyError::invalid_input(format!(
            "{name} must be a whole number from 0 to 2^53, got {value}"
        )))
    }
}

/// How one typed field crosses the boundary.
trait Field: Sized {
    /// The JavaScript-side type.
    type Js;
    /// Rust to JavaScript.
    fn to_js(&self) -> Self::Js;
    /// JavaScript to the property value the core model reads.
    fn to_value(js: Self::Js) -> Outcome<Value>;
}

impl Field for String {
    type Js = String;
    fn to_js(&self) -> String {
        self.clone()
    }
    fn to_value(js: String) -> Outcome<Value> {
        Ok(Value::String(js))
    }
}

impl Field for Money {
    type Js = String;
    fn to_js(&self) -> String {
        self.as_str().to_owned()
    }
    fn to_value(js: String) -> Outcome<Value> {
        Ok(Value::Number(js.trim().parse::<Number>()?))
    }
}

impl Field for Measure {
    type Js = String;
    fn to_js(&self) -> String {
        self.as_str().to_owned()
    }
    fn to_value(js: String) -> Outcome<Value> {
        Ok(Value::Number(js.trim().parse::<Number>()?))
    }
}

impl Field for Count {
    type Js = f64;
    fn to_js(&self) -> f64 {
        self.get() as f64
    }
    fn to_value(js: f64) -> Outcome<Value> {
        Ok(Value::Number(Number::from(whole_number("count", js)?)))
    }
}

impl Field for Flag {
    type Js = bool;
    fn to_js(&self) -> bool {
        self.get()
    }
    fn to_value(js: bool) -> Outcome<Value> {
        Ok(Value::Bool(js))
    }
}

impl Field for Date {
    type Js = String;
    fn to_js(&self) -> String {
        self.as_str().to_owned()
    }
    fn to_value(js: String) -> Outcome<Value> {
        Ok(Value::String(js))
    }
}

impl Field for Visibility {
    type Js = String;
    fn to_js(&self) -> String {
        self.as_str().to_owned()
    }
    fn to_value(js: String) -> Outcome<Value> {
        Ok(Value::String(js))
    }
}

/// Declares the JavaScript object of a typed model and its two conversions.
macro_rules! js_model {
    (
        $(#[doc = $meta:tt])*
        $js:ident for $model:ty {
            required { $( $(#[doc = $rmeta:tt])* $rfield:ident : $rty:ty => $rjs:tt, )* }
            fields { $( $(#[doc = $fmeta:tt])* $field:ident : $fty:ty => $fjs:tt, )* }
            embedded { $( $(#[doc = $emeta:tt])* $efield:ident : $ejs:ident = $erel:expr, )* }
        }
    ) => {
        $(#[doc = $meta])*
        #[napi(object)]
        pub struct $js {
            /// The `self` link: where the resource lives (absent for one not created yet).
            pub href: Option<String>,
            /// The first href of each relation, by compact relation (`fx:items`).
            pub links: Option<HashMap<String, String>>,
            $( $(#[doc = $rmeta])* pub $rfield: $rjs, )*
            $( $(#[doc = $fmeta])* pub $field: Option<$fjs>, )*
            $( $(#[doc = $emeta])* pub $efield: Option<Vec<$ejs>>, )*
        }

        impl $js {
            /// The JavaScript object of a typed model.
            pub(crate) fn from_model(model: &$model) -> $js {
                $js {
                    href: model.self_href().map(str::to_owned),
                    links: Some(link_map(&model.extras().links)),
                    $( $rfield: <$rty as Field>::to_js(&model.$rfield), )*
                    $( $field: model.$field.as_ref().map(<$fty as Field>::to_js), )*
                    $( $efield: Some(model.$efield.iter().map($ejs::from_model).collect()), )*
                }
            }

            /// The typed model of a JavaScript object (validated by the model).
            #[allow(dead_code, reason = "read-only types never go back to Rust")]
            pub(crate) fn into_model(self) -> Outcome<$model> {
                let mut resource = foxy_proto::Resource::new();
                $( resource.set_property(stringify!($rfield), <$rty as Field>::to_value(self.$rfield)?); )*
                $(
                    if let Some(value) = self.$field {
                        resource.set_property(stringify!($field), <$fty as Field>::to_value(value)?);
                    }
                )*
                for (rel, href) in self.links.unwrap_or_default() {
                    resource.add_link(rel.as_str(), Link::new(href));
                }
                if let Some(href) = self.href {
                    resource.links.insert(Rel::SELF, vec![Link::new(href)]);
                }
                $(
                    for member in self.$efield.unwrap_or_default() {
                        resource.embed($erel, member.into_model()?.to_resource());
                    }
                )*
                Ok(<$model>::from_resource(&resource)?)
            }
        }
    };
}

/// Declares the JavaScript object of one page of a collection.
macro_rules! js_page {
    ($(#[doc = $meta:tt])* $page:ident of $js:ident for $model:ty) => {
        $(#[doc = $meta])*
        #[napi(object)]
        pub struct $page {
            /// The members on this page, in order.
            pub members: Vec<$js>,
            /// How many members the whole collection has.
            pub total_items: Option<f64>,
            /// How many members this page has.
            pub returned_items: Option<f64>,
            /// The page size.
            pub limit: Option<f64>,
            /// The index of this page's first member.
            pub offset: Option<f64>,
            /// The href of the next page, when there is one.
            pub next: Option<String>,
        }

        impl From<Collection<$model>> for $page {
            fn from(page: Collection<$model>) -> $page {
                let count = |c: Option<u64>| c.map(|n| Count::new(n).to_js());
                $page {
                    members: page.members.iter().map($js::from_model).collect(),
                    total_items: count(page.total_items()),
                    returned_items: count(page.returned_items()),
                    limit: count(page.limit()),
                    offset: count(page.offset()),
                    next: page.has_more().then(|| page.next_href().map(str::to_owned)).flatten(),
                }
            }
        }
    };
}

js_model! {
    #[doc = "A cart: the items a customer is about to buy, with addresses and totals."]
    Cart for foxy_model::Cart {
        required {}
        fields {
            #[doc = "The full API URI of the customer the cart belongs to."]
            customer_uri: String => String,
            #[doc = "The customer's email address."]
            customer_email: String => String,
            #[doc = "The full API URI of the template set."]
            template_set_uri: String => String,
            #[doc = "The full API URI of the payment method to charge."]
            payment_method_uri: String => String,
            #[doc = "The language of the template set."]
            language: String => String,
            #[doc = "The locale code (`en_US`)."]
            locale_code: String => String,
            #[doc = "Whether the customer's shipping address is used."]
            use_customer_shipping_address: Flag => bool,
            #[doc = "Billing first name."]
            billing_first_name: String => String,
            #[doc = "Billing last name."]
            billing_last_name: String => String,
            #[doc = "Billing company."]
            billing_company: String => String,
            #[doc = "Billing street address."]
            billing_address1: String => String,
            #[doc = "Billing street address, second line."]
            billing_address2: String => String,
            #[doc = "Billing city."]
            billing_city: String => String,
            #[doc = "Billing state or region."]
            billing_state: String => String,
            #[doc = "Billing postal code."]
            billing_postal_code: String => String,
            #[doc = "Billing country (ISO 3166-1 alpha-2)."]
            billing_country: String => String,
            #[doc = "Billing phone number."]
            billing_phone: String => String,
            #[doc = "Shipping first name."]
            shipping_first_name: String => String,
            #[doc = "Shipping last name."]
            shipping_last_name: String => String,
            #[doc = "Shipping company."]
            shipping_company: String => String,
            #[doc = "Shipping street address."]
            shipping_address1: String => String,
            #[doc = "Shipping street address, second line."]
            shipping_address2: String => String,
            #[doc = "Shipping city."]
            shipping_city: String => String,
            #[doc = "Shipping state or region."]
            shipping_state: String => String,
            #[doc = "Shipping postal code."]
            shipping_postal_code: String => String,
            #[doc = "Shipping country (ISO 3166-1 alpha-2)."]
            shipping_country: String => String,
            #[doc = "Shipping phone number."]
            shipping_phone: String => String,
            #[doc = "Total of the items (read only; exact decimal text)."]
            total_item_price: Money => String,
            #[doc = "Total tax (read only; exact decimal text)."]
            total_tax: Money => String,
            #[doc = "Total shipping (exact decimal text)."]
            total_shipping: Money => String,
            #[doc = "Shipping of future subscription items (exact decimal text)."]
            total_future_shipping: Money => String,
            #[doc = "Order total (read only; exact decimal text)."]
            total_order: Money => String,
            #[doc = "The currency (`USD`)."]
            currency_code: String => String,
            #[doc = "When the cart was created (read only)."]
            date_created: Date => String,
            #[doc = "When the cart was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {
            #[doc = "The items, when zoomed (`items`)."]
            items: Item = Rel::ITEMS,
            #[doc = "The cart's attributes, when zoomed (`attributes`)."]
            attributes: Attribute = Rel::ATTRIBUTES,
            #[doc = "The custom fields, when zoomed (`custom_fields`)."]
            custom_fields: CustomField = Rel::CUSTOM_FIELDS,
            #[doc = "The discounts, when zoomed (`discounts`)."]
            discounts: Discount = Rel::DISCOUNTS,
            #[doc = "The applied coupon codes, when zoomed (`applied_coupon_codes`)."]
            applied_coupon_codes: AppliedCouponCode = Rel::APPLIED_COUPON_CODES,
        }
    }
}

js_model! {
    #[doc = "An item of a cart or a transaction."]
    Item for foxy_model::Item {
        required {}
        fields {
            #[doc = "The full API URI of the item category."]
            item_category_uri: String => String,
            #[doc = "The name."]
            name: String => String,
            #[doc = "The unit price (exact decimal text)."]
            price: Money => String,
            #[doc = "How many."]
            quantity: Count => f64,
            #[doc = "The least quantity allowed."]
            quantity_min: Count => f64,
            #[doc = "The greatest quantity allowed."]
            quantity_max: Count => f64,
            #[doc = "The unit weight (exact decimal text)."]
            weight: Measure => String,
            #[doc = "The product code (SKU)."]
            code: String => String,
            #[doc = "The code of the parent item (bundles)."]
            parent_code: String => String,
            #[doc = "The discount's name."]
            discount_name: String => String,
            #[doc = "The discount's type."]
            discount_type: String => String,
            #[doc = "The discount's details."]
            discount_details: String => String,
            #[doc = "The subscription frequency (`1m`)."]
            subscription_frequency: String => String,
            #[doc = "The subscription start date."]
            subscription_start_date: Date => String,
            #[doc = "The next transaction date of the subscription."]
            subscription_next_transaction_date: Date => String,
            #[doc = "The subscription end date."]
            subscription_end_date: Date => String,
            #[doc = "Whether this line is billed in the future."]
            is_future_line_item: Flag => bool,
            #[doc = "The ship-to address name (multi-ship)."]
            shipto: String => String,
            #[doc = "The product page URL."]
            url: String => String,
            #[doc = "The product image URL."]
            image: String => String,
            #[doc = "Length (exact decimal text)."]
            length: Measure => String,
            #[doc = "Width (exact decimal text)."]
            width: Measure => String,
            #[doc = "Height (exact decimal text)."]
            height: Measure => String,
            #[doc = "Minutes before the item expires from the cart."]
            expires: Count => f64,
            #[doc = "When the item was created (read only)."]
            date_created: Date => String,
            #[doc = "When the item was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {
            #[doc = "The options, when zoomed (`items:item_options`)."]
            item_options: ItemOption = Rel::ITEM_OPTIONS,
            #[doc = "The attributes, when zoomed (`items:attributes`)."]
            attributes: Attribute = Rel::ATTRIBUTES,
        }
    }
}

js_model! {
    #[doc = "An option of an item (size, color...), which may change its price."]
    ItemOption for foxy_model::ItemOption {
        required {}
        fields {
            #[doc = "The option's name (`color`)."]
            name: String => String,
            #[doc = "The option's value (`red`)."]
            value: String => String,
            #[doc = "Added to the item's unit price (exact decimal text)."]
            price_mod: Money => String,
            #[doc = "Added to the item's unit weight (exact decimal text)."]
            weight_mod: Measure => String,
            #[doc = "When the option was created (read only)."]
            date_created: Date => String,
            #[doc = "When the option was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A name/value attribute of a cart, an item, a customer..."]
    Attribute for foxy_model::Attribute {
        required {
            #[doc = "The name."]
            name: String => String,
        }
        fields {
            #[doc = "The value."]
            value: String => String,
            #[doc = "Who may see it: `public`, `private` or `restricted`."]
            visibility: Visibility => String,
            #[doc = "When the attribute was created (read only)."]
            date_created: Date => String,
            #[doc = "When the attribute was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A custom field of a cart or a transaction (checkout form data)."]
    CustomField for foxy_model::CustomField {
        required {
            #[doc = "The name."]
            name: String => String,
        }
        fields {
            #[doc = "The value."]
            value: String => String,
            #[doc = "Whether it is hidden from the customer."]
            is_hidden: Flag => bool,
            #[doc = "When the field was created (read only)."]
            date_created: Date => String,
            #[doc = "When the field was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A discount applied to a cart or a transaction."]
    Discount for foxy_model::Discount {
        required {}
        fields {
            #[doc = "The coupon code that gave it."]
            code: String => String,
            #[doc = "The amount (exact decimal text, negative for a reduction)."]
            amount: Money => String,
            #[doc = "The name."]
            name: String => String,
            #[doc = "How it is displayed."]
            display: String => String,
            #[doc = "Whether it is taxable."]
            is_taxable: Flag => bool,
            #[doc = "Whether it applies to future subscription payments."]
            is_future_discount: Flag => bool,
            #[doc = "When it was created (read only)."]
            date_created: Date => String,
            #[doc = "When it was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A coupon code applied to a cart."]
    AppliedCouponCode for foxy_model::AppliedCouponCode {
        required {}
        fields {
            #[doc = "The code."]
            code: String => String,
            #[doc = "When it was applied (read only)."]
            date_created: Date => String,
            #[doc = "When it was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A customer of the store."]
    Customer for foxy_model::Customer {
        required {}
        fields {
            #[doc = "First name."]
            first_name: String => String,
            #[doc = "Last name."]
            last_name: String => String,
            #[doc = "Email address."]
            email: String => String,
            #[doc = "Tax id."]
            tax_id: String => String,
            #[doc = "A new password (write only)."]
            password: String => String,
            #[doc = "The password salt."]
            password_salt: String => String,
            #[doc = "The password hash."]
            password_hash: String => String,
            #[doc = "The password hash type."]
            password_hash_type: String => String,
            #[doc = "The password hash configuration."]
            password_hash_config: String => String,
            #[doc = "A temporary password."]
            forgot_password: String => String,
            #[doc = "When the temporary password was issued."]
            forgot_password_timestamp: Date => String,
            #[doc = "When the customer last logged in."]
            last_login_date: Date => String,
            #[doc = "Whether the customer checked out as a guest."]
            is_anonymous: Flag => bool,
            #[doc = "When the customer was created (read only)."]
            date_created: Date => String,
            #[doc = "When the customer was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {
            #[doc = "The attributes, when zoomed (`attributes`)."]
            attributes: Attribute = Rel::ATTRIBUTES,
            #[doc = "The saved addresses, when zoomed (`customer_addresses`)."]
            customer_addresses: CustomerAddress = Rel::CUSTOMER_ADDRESSES,
        }
    }
}

js_model! {
    #[doc = "A saved address of a customer."]
    CustomerAddress for foxy_model::CustomerAddress {
        required {}
        fields {
            #[doc = "The address's name (`Home`)."]
            address_name: String => String,
            #[doc = "First name."]
            first_name: String => String,
            #[doc = "Last name."]
            last_name: String => String,
            #[doc = "Company."]
            company: String => String,
            #[doc = "Street address."]
            address1: String => String,
            #[doc = "Street address, second line."]
            address2: String => String,
            #[doc = "City."]
            city: String => String,
            #[doc = "State or region."]
            region: String => String,
            #[doc = "Postal code."]
            postal_code: String => String,
            #[doc = "Country (ISO 3166-1 alpha-2)."]
            country: String => String,
            #[doc = "Phone number."]
            phone: String => String,
            #[doc = "Whether it is the default billing address."]
            is_default_billing: Flag => bool,
            #[doc = "Whether it is the default shipping address."]
            is_default_shipping: Flag => bool,
            #[doc = "Whether address restrictions are ignored."]
            ignore_address_restrictions: Flag => bool,
            #[doc = "When it was created (read only)."]
            date_created: Date => String,
            #[doc = "When it was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A customer's saved card."]
    DefaultPaymentMethod for foxy_model::DefaultPaymentMethod {
        required {}
        fields {
            #[doc = "Whether a card is saved."]
            save_cc: Flag => bool,
            #[doc = "The card type (`Visa`)."]
            cc_type: String => String,
            #[doc = "The masked number (`xxxxxxxxxxxx4242`)."]
            cc_number_masked: String => String,
            #[doc = "Expiry month."]
            cc_exp_month: String => String,
            #[doc = "Expiry year."]
            cc_exp_year: String => String,
            #[doc = "A new card number (write only; stored masked)."]
            cc_number: String => String,
            #[doc = "The card's security code (write only)."]
            cc_cvv2: String => String,
            #[doc = "A payment token."]
            cc_token: String => String,
            #[doc = "When it was created (read only)."]
            date_created: Date => String,
            #[doc = "When it was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {}
    }
}

js_model! {
    #[doc = "A completed order."]
    Transaction for foxy_model::Transaction {
        required {}
        fields {
            #[doc = "The id shown to the customer."]
            display_id: Count => f64,
            #[doc = "Whether it was a test transaction."]
            is_test: Flag => bool,
            #[doc = "Whether it can still be edited."]
            is_editable: Flag => bool,
            #[doc = "Whether it is hidden in the admin."]
            hide_transaction: Flag => bool,
            #[doc = "Whether the datafeed was delivered."]
            data_is_fed: Flag => bool,
            #[doc = "The folder it is filed in."]
            folder_uri: String => String,
            #[doc = "When it happened."]
            transaction_date: Date => String,
            #[doc = "The locale code."]
            locale_code: String => String,
            #[doc = "Customer first name."]
            customer_first_name: String => String,
            #[doc = "Customer last name."]
            customer_last_name: String => String,
            #[doc = "Customer tax id."]
            customer_tax_id: String => String,
            #[doc = "Customer email."]
            customer_email: String => String,
            #[doc = "Customer IP address."]
            customer_ip: String => String,
            #[doc = "Country of the IP address."]
            ip_country: String => String,
            #[doc = "The browser's user agent."]
            user_agent: String => String,
            #[doc = "Total of the items (exact decimal text)."]
            total_item_price: Money => String,
            #[doc = "Total tax (exact decimal text)."]
            total_tax: Money => String,
            #[doc = "Total shipping (exact decimal text)."]
            total_shipping: Money => String,
            #[doc = "Shipping of future subscription items (exact decimal text)."]
            total_future_shipping: Money => String,
            #[doc = "Order total (exact decimal text)."]
            total_order: Money => String,
            #[doc = "The currency (`USD`)."]
            currency_code: String => String,
            #[doc = "The currency symbol (`$`)."]
            currency_symbol: String => String,
            #[doc = "The status (`completed`)."]
            status: String => String,
            #[doc = "Where it came from."]
            source: String => String,
            #[doc = "When it was created (read only)."]
            date_created: Date => String,
            #[doc = "When it was last modified (read only)."]
            date_modified: Date => String,
        }
        embedded {
            #[doc = "The items, when zoomed (`items`)."]
            items: Item = Rel::ITEMS,
            #[doc = "The attributes, when zoomed (`attributes`)."]
            attributes: Attribute = Rel::ATTRIBUTES,
            #[doc = "The custom fields, when zoomed (`custom_fields`)."]
            custom_fields: CustomField = Rel::CUSTOM_FIELDS,
            #[doc = "The discounts, when zoomed (`discounts`)."]
            discounts: Discount = Rel::DISCOUNTS,
        }
    }
}

js_model! {
    #[doc = "A browser session for a cart (from `carts.createSession`)."]
    CartSession for foxy_model::CartSession {
        required {
            #[doc = "The session id (`fcsid`)."]
            session_id: String => String,
            #[doc = "The URL that opens the cart in a browser with this session."]
            cart_link: String => String,
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
