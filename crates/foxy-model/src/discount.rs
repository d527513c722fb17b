//! Coupons and what they leave on a cart: discounts and applied coupon codes.

use foxy_proto::{Rel, Value};

use crate::model::{Extras, model};
use crate::values::count::Count;
use crate::values::date::Date;
use crate::values::flag::Flag;
use crate::values::money::Money;

model! {
    /// A discount applied to a cart or transaction (from a coupon or a category).
    pub struct Discount (Rel::DISCOUNTS) {
        required {}
        fields {
            /// The coupon code that produced it.
            code: String,
            /// The discount amount (negative: money off).
            amount: Money,
            /// The discount's name.
            name: String,
            /// The amount formatted for display (`-1.00`).
            display: String,
            /// Whether the discount is applied before tax.
            is_taxable: Flag,
            /// Whether it applies to a future subscription payment.
            is_future_discount: Flag,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
        }
        conditional_links {
            /// `fx:customer`: the customer, when there is one.
            customer_link = Rel::CUSTOMER,
            /// `fx:transaction`: the transaction, once the cart was bought.
            transaction_link = Rel::TRANSACTION,
            /// `fx:coupon`: the coupon, for a coupon discount.
            coupon_link = Rel::fx("coupon"),
        }
    }
}

model! {
    /// A coupon code applied to a cart.
    pub struct AppliedCouponCode (Rel::APPLIED_COUPON_CODES) {
        required {}
        fields {
            /// The code.
            code: String,
            /// When it was applied.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:cart`: the cart.
            cart_link = Rel::CART,
            /// `fx:coupon`: the coupon the code belongs to.
            coupon_link = Rel::fx("coupon"),
            /// `fx:coupon_code`: the code resource.
            coupon_code_link = Rel::fx("coupon_code"),
        }
        conditional_links {}
    }
}

impl AppliedCouponCode {
    /// A code to apply (POST to a cart's `fx:applied_coupon_codes`).
    pub fn new(code: impl Into<String>) -> AppliedCouponCode {
        AppliedCouponCode {
            code: Some(code.into()),
            date_created: None,
            date_modified: None,
            extras: Extras::declaring(&["code"]),
        }
    }
}

model! {
    /// A coupon: a discount rule with codes, limits and restrictions.
    pub struct Coupon (Rel::COUPONS) {
        required {}
        fields {
            /// The coupon's name.
            name: String,
            /// When it starts to apply.
            start_date: Date,
            /// When it stops applying.
            end_date: Date,
            /// How often it may be used in all (0: no limit).
            number_of_uses_allowed: Count,
            /// How often it was used.
            number_of_uses_to_date: Count,
            /// How often each code may be used (0: no limit).
            number_of_uses_allowed_per_code: Count,
            /// Item options it is restricted to (`{"color": ["red"]}`).
            item_option_restrictions: Value,
            /// The discount type (`quantity_percentage`, ...).
            coupon_discount_type: String,
            /// The discount tiers (`repeat|6-10`).
            coupon_discount_details: String,
            /// Whether it applies automatically to matching customers.
            customer_auto_apply: Flag,
            /// Customer attributes it is restricted to.
            customer_attribute_restrictions: String,
            /// Customer subscriptions it is restricted to.
            customer_subscription_restrictions: String,
            /// Whether it combines with other coupons.
            combinable: Flag,
            /// Whether several of its codes may be used in one cart.
            multiple_codes_allowed: Flag,
            /// Product codes it is restricted to (`abc123,fun_*,-foobar`).
            product_code_restrictions: String,
            /// Whether category discounts are excluded.
            exclude_category_discounts: Flag,
            /// Whether line item discounts are excluded.
            exclude_line_item_discounts: Flag,
            /// Whether the discount is applied before tax.
            is_taxable: Flag,
            /// When it was created.
            date_created: Date,
            /// When it was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:attributes`: the coupon's attributes.
            attributes_link = Rel::ATTRIBUTES,
            /// `fx:coupon_codes`: the coupon's codes.
            coupon_codes_link = Rel::fx("coupon_codes"),
            /// `fx:coupon_item_categories`: the categories it applies to.
            coupon_item_categories_link = Rel::fx("coupon_item_categories"),
            /// `fx:generate_codes`: POST here to generate codes.
            generate_codes_link = Rel::fx("generate_codes"),
        }
        conditional_links {}
    }
}
