//! Cart-side kinds: carts, items, options, attributes, custom fields, discounts, coupon codes, transactions.

use super::{Child, D0, Def, Field, Kind, Ty, f, hidden, ro, s};

/// Carts.
pub static CARTS: Kind = Kind {
    key: "carts",
    rel: "cart",
    plural: "carts",
    title: "This Cart",
    fields: &[
        f("customer_uri", Ty::Ref("customers"), Def::Null),
        f("template_set_uri", Ty::Ref("template_sets"), Def::Null),
        f("language", Ty::Str, Def::S("english")),
        f("locale_code", Ty::Str, Def::S("en_US")),
        f("use_customer_shipping_address", Ty::Bool, Def::B(true)),
        s("billing_first_name"),
        s("billing_last_name"),
        s("billing_company"),
        s("billing_address1"),
        s("billing_address2"),
        s("billing_city"),
        s("billing_state"),
        s("billing_postal_code"),
        s("billing_country"),
        s("billing_phone"),
        s("shipping_first_name"),
        s("shipping_last_name"),
        s("shipping_company"),
        s("shipping_address1"),
        s("shipping_address2"),
        s("shipping_city"),
        s("shipping_state"),
        s("shipping_postal_code"),
        s("shipping_country"),
        s("shipping_phone"),
    ],
    computed: &[
        ("total_item_price", Ty::Dec),
        ("total_tax", Ty::Dec),
        ("total_shipping", Ty::Dec),
        ("total_future_shipping", Ty::Dec),
        ("total_order", Ty::Dec),
    ],
    children: &[
        Child {
            rel: "attributes",
            path: "attributes",
            kind: &CART_ATTRIBUTES,
            title: "Attributes for This Cart",
        },
        Child {
            rel: "items",
            path: "items",
            kind: &ITEMS,
            title: "The Items for This Cart",
        },
        Child {
            rel: "discounts",
            path: "discounts",
            kind: &DISCOUNTS,
            title: "Discounts for this Cart",
        },
        Child {
            rel: "applied_coupon_codes",
            path: "applied_coupon_codes",
            kind: &APPLIED_COUPON_CODES,
            title: "Coupon Codes applied to this Cart",
        },
        Child {
            rel: "custom_fields",
            path: "cart_custom_fields",
            kind: &CUSTOM_FIELDS,
            title: "The Custom Fields for this Cart",
        },
    ],
    required: &[],
};

/// Cart and transaction items.
pub static ITEMS: Kind = Kind {
    key: "items",
    rel: "item",
    plural: "items",
    title: "This Item",
    fields: &[
        f("item_category_uri", Ty::Ref("item_categories"), Def::Null),
        s("name"),
        f("price", Ty::Dec, D0),
        f("quantity", Ty::Int, Def::N("1")),
        f("quantity_min", Ty::Int, D0),
        f("quantity_max", Ty::Int, D0),
        f("weight", Ty::Dec, D0),
        s("code"),
        s("parent_code"),
        f("discount_name", Ty::Str, Def::Null),
        f("discount_type", Ty::Str, Def::Null),
        f("discount_details", Ty::Str, Def::Null),
        f("subscription_frequency", Ty::Str, Def::Null),
        f("subscription_start_date", Ty::Date, Def::Null),
        f("subscription_next_transaction_date", Ty::Date, Def::Null),
        f("subscription_end_date", Ty::Date, Def::Null),
        f("is_future_line_item", Ty::Bool, Def::B(false)),
        s("shipto"),
        s("url"),
        s("image"),
        f("length", Ty::Dec, D0),
        f("width", Ty::Dec, D0),
        f("height", Ty::Dec, D0),
        f("expires", Ty::Int, D0),
    ],
    computed: &[],
    children: &[
        Child {
            rel: "item_options",
            path: "item_options",
            kind: &ITEM_OPTIONS,
            title: "The Item Options for This Item",
        },
        Child {
            rel: "attributes",
            path: "attributes",
            kind: &ITEM_ATTRIBUTES,
            title: "Attributes for This Item",
        },
    ],
    required: &["name"],
};

/// Item options (`price_mod` adds to the item's price).
pub static ITEM_OPTIONS: Kind = Kind {
    key: "item_options",
    rel: "item_option",
    plural: "item_options",
    title: "This Item Option",
    fields: &[
        s("name"),
        s("value"),
        f("price_mod", Ty::Dec, D0),
        f("weight_mod", Ty::Dec, D0),
    ],
    computed: &[],
    children: &[],
    required: &["name", "value"],
};

const ATTRIBUTE_FIELDS: &[Field] = &[
    s("name"),
    s("value"),
    f("visibility", Ty::Str, Def::S("public")),
];

/// Cart attributes.
pub static CART_ATTRIBUTES: Kind = Kind {
    key: "cart_attributes",
    rel: "attribute",
    plural: "attributes",
    title: "This Cart Attribute",
    fields: ATTRIBUTE_FIELDS,
    computed: &[],
    children: &[],
    required: &["name"],
};

/// Item attributes.
pub static ITEM_ATTRIBUTES: Kind = Kind {
    key: "item_attributes",
    rel: "attribute",
    plural: "attributes",
    title: "This Item Attribute",
    fields: ATTRIBUTE_FIELDS,
    computed: &[],
    children: &[],
    required: &["name"],
};

/// Cart (and transaction) custom fields.
pub static CUSTOM_FIELDS: Kind = Kind {
    key: "cart_custom_fields",
    rel: "custom_field",
    plural: "custom_fields",
    title: "This Custom Field",
    fields: &[
        s("name"),
        s("value"),
        f("is_hidden", Ty::Bool, Def::B(false)),
    ],
    computed: &[],
    children: &[],
    required: &["name"],
};

/// Discounts of a cart, created by applying a coupon code; `amount` is computed.
pub static DISCOUNTS: Kind = Kind {
    key: "discounts",
    rel: "discount",
    plural: "discounts",
    title: "This Discount",
    fields: &[
        ro("code", Ty::Str, Def::S("")),
        ro("name", Ty::Str, Def::S("")),
        ro("is_taxable", Ty::Bool, Def::B(false)),
        ro("is_future_discount", Ty::Bool, Def::B(false)),
        hidden("rule", Ty::Str),
        hidden("frozen_amount", Ty::Dec),
    ],
    computed: &[("amount", Ty::Dec), ("display", Ty::Str)],
    children: &[],
    required: &[],
};

/// Coupon codes applied to a cart.
pub static APPLIED_COUPON_CODES: Kind = Kind {
    key: "applied_coupon_codes",
    rel: "applied_coupon_code",
    plural: "applied_coupon_codes",
    title: "This Applied Coupon Code",
    fields: &[s("code")],
    computed: &[],
    children: &[],
    required: &["code"],
};

/// Transactions, created by charging a cart.
pub static TRANSACTIONS: Kind = Kind {
    key: "transactions",
    rel: "transaction",
    plural: "transactions",
    title: "This Transaction",
    fields: &[
        hidden("customer_id", Ty::Int),
        ro("is_test", Ty::Bool, Def::B(true)),
        ro("display_id", Ty::Int, D0),
        f("is_editable", Ty::Bool, Def::B(false)),
        f("hide_transaction", Ty::Bool, Def::B(false)),
        f("data_is_fed", Ty::Bool, Def::B(false)),
        ro("transaction_date", Ty::Date, Def::Null),
        ro("locale_code", Ty::Str, Def::S("en_US")),
        ro("customer_first_name", Ty::Str, Def::S("")),
        ro("customer_last_name", Ty::Str, Def::S("")),
        ro("customer_tax_id", Ty::Str, Def::S("")),
        ro("customer_email", Ty::Str, Def::S("")),
        ro("customer_ip", Ty::Str, Def::S("127.0.0.1")),
        ro("total_item_price", Ty::Dec, D0),
        ro("total_tax", Ty::Dec, D0),
        ro("total_shipping", Ty::Dec, D0),
        ro("total_future_shipping", Ty::Dec, D0),
        ro("total_order", Ty::Dec, D0),
        ro("currency_code", Ty::Str, Def::S("USD")),
        ro("currency_symbol", Ty::Str, Def::S("$")),
        f("status", Ty::Str, Def::S("completed")),
        ro("source", Ty::Str, Def::S("api")),
        ro("type", Ty::Str, Def::S("")),
    ],
    computed: &[],
    children: &[
        Child {
            rel: "items",
            path: "items",
            kind: &ITEMS,
            title: "The Items for This Transaction",
        },
        Child {
            rel: "discounts",
            path: "discounts",
            kind: &DISCOUNTS,
            title: "Discounts for This Transaction",
        },
        Child {
            rel: "custom_fields",
            path: "custom_fields",
            kind: &CUSTOM_FIELDS,
            title: "Custom Fields for This Transaction",
        },
    ],
    required: &[],
};
