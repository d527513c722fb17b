//! The resource kinds the sandbox stores: fields, types, defaults and children.
//!
//! Property names mirror the conformance documents (foxy-elements). Each kind
//! is one static [`Kind`]; the generic engine in [`crate::engine`] reads,
//! writes, filters and renders any of them.

/// The type of a field, used to coerce input and to compare in filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Free text.
    Str,
    /// An integer.
    Int,
    /// An exact decimal (money, weights).
    Dec,
    /// `true`/`false` (input also `1`/`0`).
    Bool,
    /// A date or date-time text, compared by prefix.
    Date,
    /// A link to another resource, rendered `*_uri`, stored as `*_id`; the text is its path segment.
    Ref(&'static str),
}

/// A default value for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Def {
    /// `null`.
    Null,
    /// A string.
    S(&'static str),
    /// A number (exact text).
    N(&'static str),
    /// A boolean.
    B(bool),
}

/// One property of a kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Property name as rendered.
    pub name: &'static str,
    /// Type.
    pub ty: Ty,
    /// Value when not given.
    pub default: Def,
    /// Read only: ignored on input.
    pub read_only: bool,
    /// Stored and filterable but never rendered.
    pub hidden: bool,
}

const fn f(name: &'static str, ty: Ty, default: Def) -> Field {
    Field { name, ty, default, read_only: false, hidden: false }
}
const fn ro(name: &'static str, ty: Ty, default: Def) -> Field {
    Field { name, ty, default, read_only: true, hidden: false }
}
const fn hidden(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, default: Def::Null, read_only: true, hidden: true }
}
const fn s(name: &'static str) -> Field {
    f(name, Ty::Str, Def::S(""))
}

/// A child collection (or single sub-resource) of a kind.
#[derive(Debug)]
pub struct Child {
    /// Relation name without the `fx:` prefix; also the zoom name.
    pub rel: &'static str,
    /// Path segment after the parent's URL.
    pub path: &'static str,
    /// Kind of the children.
    pub kind: &'static Kind,
    /// Link title.
    pub title: &'static str,
}

/// A stored resource kind.
#[derive(Debug)]
pub struct Kind {
    /// Storage key and URL segment of single resources (`/carts/{id}`).
    pub key: &'static str,
    /// Relation of one resource (`cart`).
    pub rel: &'static str,
    /// Relation of the collection (`carts`).
    pub plural: &'static str,
    /// Title of the `self` link.
    pub title: &'static str,
    /// Fields in rendering order.
    pub fields: &'static [Field],
    /// Read-only values computed when rendering (totals), in rendering order.
    pub computed: &'static [(&'static str, Ty)],
    /// Child collections.
    pub children: &'static [Child],
    /// Fields that must be present on create.
    pub required: &'static [&'static str],
}

impl Kind {
    /// A field by name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The type of a filterable or sortable name (fields, computed, id, dates).
    pub fn type_of(&self, name: &str) -> Option<Ty> {
        if name == "id" {
            return Some(Ty::Int);
        }
        if name == "date_created" || name == "date_modified" {
            return Some(Ty::Date);
        }
        if let Some(field) = self.field(name) {
            return Some(field.ty);
        }
        if let Some(base) = name.strip_suffix("_id") {
            let uri = format!("{base}_uri");
            if matches!(self.field(&uri), Some(Field { ty: Ty::Ref(_), .. })) {
                return Some(Ty::Int);
            }
        }
        self.computed.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// A child by relation (zoom) name.
    pub fn child(&self, rel: &str) -> Option<&'static Child> {
        self.children.iter().find(|c| c.rel == rel)
    }
}

/// The name a `Ref` field is stored under (`customer_uri` → `customer_id`).
pub fn ref_id_name(name: &str) -> String {
    format!("{}_id", name.strip_suffix("_uri").unwrap_or(name))
}

const D0: Def = Def::N("0");

/// The user owning the store.
pub static USERS: Kind = Kind {
    key: "users",
    rel: "user",
    plural: "users",
    title: "This User",
    fields: &[s("first_name"), s("last_name"), s("email"), s("phone"),
        f("is_programmer", Ty::Bool, Def::B(true)), f("is_front_end_developer", Ty::Bool, Def::B(false)),
        f("is_designer", Ty::Bool, Def::B(false)), f("is_merchant", Ty::Bool, Def::B(false))],
    computed: &[],
    children: &[Child { rel: "stores", path: "stores", kind: &STORES, title: "Your stores" }],
    required: &["email"],
};

/// The store.
pub static STORES: Kind = Kind {
    key: "stores",
    rel: "store",
    plural: "stores",
    title: "This Store",
    fields: &[s("store_version_uri"), s("store_name"), s("store_domain"),
        f("use_remote_domain", Ty::Bool, Def::B(false)), s("store_url"), s("receipt_continue_url"),
        s("store_email"), s("from_email"), f("use_email_dns", Ty::Bool, Def::B(false)),
        f("bcc_on_receipt_email", Ty::Bool, Def::B(true)), f("smtp_config", Ty::Str, Def::Null),
        s("postal_code"), s("region"), s("country"), f("locale_code", Ty::Str, Def::S("en_US")),
        f("timezone", Ty::Str, Def::S("America/Los_Angeles")),
        f("hide_currency_symbol", Ty::Bool, Def::B(false)), f("hide_decimal_characters", Ty::Bool, Def::B(false)),
        f("use_international_currency_symbol", Ty::Bool, Def::B(false)),
        f("language", Ty::Str, Def::S("english")), s("logo_url"),
        f("checkout_type", Ty::Str, Def::S("default_account")), f("use_webhook", Ty::Bool, Def::B(false)),
        s("webhook_url"), s("webhook_key"), f("use_cart_validation", Ty::Bool, Def::B(false)),
        f("use_single_sign_on", Ty::Bool, Def::B(false)), s("single_sign_on_url"),
        f("customer_password_hash_type", Ty::Str, Def::S("phpass")), s("customer_password_hash_config"),
        f("features_multiship", Ty::Bool, Def::B(false)),
        f("products_require_expires_property", Ty::Bool, Def::B(false)), f("app_session_time", Ty::Int, D0),
        f("shipping_address_type", Ty::Str, Def::S("residential")),
        f("require_signed_shipping_rates", Ty::Bool, Def::B(false)), s("unified_order_entry_password"),
        s("custom_display_id_config"), f("affiliate_id", Ty::Int, D0),
        f("is_maintenance_mode", Ty::Bool, Def::B(false)), ro("is_active", Ty::Bool, Def::B(true)),
        ro("first_payment_date", Ty::Date, Def::Null)],
    computed: &[],
    children: &[
        Child { rel: "customers", path: "customers", kind: &CUSTOMERS, title: "Customers for This Store" },
        Child { rel: "carts", path: "carts", kind: &CARTS, title: "Carts for This Store" },
        Child { rel: "transactions", path: "transactions", kind: &TRANSACTIONS, title: "Transactions for This Store" },
        Child { rel: "item_categories", path: "item_categories", kind: &ITEM_CATEGORIES, title: "Item Categories for This Store" },
        Child { rel: "template_sets", path: "template_sets", kind: &TEMPLATE_SETS, title: "Template Sets for This Store" },
    ],
    required: &["store_name", "store_domain", "store_url", "store_email", "postal_code", "region", "country"],
};

/// Template sets.
pub static TEMPLATE_SETS: Kind = Kind {
    key: "template_sets",
    rel: "template_set",
    plural: "template_sets",
    title: "This Template Set",
    fields: &[s("code"), s("description"), f("language", Ty::Str, Def::S("english")),
        f("locale_code", Ty::Str, Def::S("en_US")), s("config")],
    computed: &[],
    children: &[],
    required: &["code", "description"],
};

/// Item categories.
pub static ITEM_CATEGORIES: Kind = Kind {
    key: "item_categories",
    rel: "item_category",
    plural: "item_categories",
    title: "This Item Category",
    fields: &[s("admin_email_template_uri"), s("customer_email_template_uri"), s("code"), s("name"),
        f("item_delivery_type", Ty::Str, Def::S("notshipped")),
        f("max_downloads_per_customer", Ty::Int, Def::N("3")), f("max_downloads_time_period", Ty::Int, Def::N("24")),
        f("customs_value", Ty::Dec, D0), f("default_weight", Ty::Dec, Def::N("1")),
        f("default_weight_unit", Ty::Str, Def::S("LBS")), f("default_length_unit", Ty::Str, Def::S("IN")),
        f("shipping_flat_rate", Ty::Dec, D0), f("shipping_flat_rate_type", Ty::Str, Def::S("per_order")),
        f("handling_fee", Ty::Dec, D0), f("handling_fee_minimum", Ty::Dec, D0),
        f("handling_fee_type", Ty::Str, Def::S("none")), f("handling_fee_percentage", Ty::Dec, D0),
        f("discount_name", Ty::Str, Def::Null), f("discount_type", Ty::Str, Def::Null),
        f("discount_details", Ty::Str, Def::Null), f("send_customer_email", Ty::Bool, Def::B(false)),
        f("send_admin_email", Ty::Bool, Def::B(false)), f("admin_email", Ty::Str, Def::Null)],
    computed: &[],
    children: &[],
    required: &["code", "name"],
};

/// Customers.
pub static CUSTOMERS: Kind = Kind {
    key: "customers",
    rel: "customer",
    plural: "customers",
    title: "This Customer",
    fields: &[ro("last_login_date", Ty::Date, Def::Null), s("first_name"), s("last_name"), s("email"),
        s("tax_id"), f("is_anonymous", Ty::Bool, Def::B(false))],
    computed: &[],
    children: &[
        Child { rel: "customer_addresses", path: "addresses", kind: &CUSTOMER_ADDRESSES, title: "Addresses for This Customer" },
        Child { rel: "default_payment_method", path: "default_payment_method", kind: &PAYMENT_METHODS, title: "Default Payment Method for This Customer" },
    ],
    required: &["email"],
};

/// Customer addresses.
pub static CUSTOMER_ADDRESSES: Kind = Kind {
    key: "customer_addresses",
    rel: "customer_address",
    plural: "customer_addresses",
    title: "This Customer Address",
    fields: &[s("address_name"), s("first_name"), s("last_name"), s("company"), s("address1"),
        s("address2"), s("city"), s("region"), s("postal_code"), s("country"), s("phone"),
        f("is_default_billing", Ty::Bool, Def::B(false)), f("is_default_shipping", Ty::Bool, Def::B(false)),
        f("ignore_address_restrictions", Ty::Bool, Def::B(false))],
    computed: &[],
    children: &[],
    required: &["address_name"],
};

/// A customer's saved payment method.
pub static PAYMENT_METHODS: Kind = Kind {
    key: "payment_methods",
    rel: "default_payment_method",
    plural: "payment_methods",
    title: "This Payment Method",
    fields: &[f("save_cc", Ty::Bool, Def::B(false)), s("cc_type"), s("cc_number_masked"),
        s("cc_exp_month"), s("cc_exp_year")],
    computed: &[],
    children: &[],
    required: &[],
};

/// Carts.
pub static CARTS: Kind = Kind {
    key: "carts",
    rel: "cart",
    plural: "carts",
    title: "This Cart",
    fields: &[f("customer_uri", Ty::Ref("customers"), Def::Null),
        f("template_set_uri", Ty::Ref("template_sets"), Def::Null),
        f("language", Ty::Str, Def::S("english")), f("locale_code", Ty::Str, Def::S("en_US")),
        f("use_customer_shipping_address", Ty::Bool, Def::B(true)),
        s("billing_first_name"), s("billing_last_name"), s("billing_company"), s("billing_address1"),
        s("billing_address2"), s("billing_city"), s("billing_state"), s("billing_postal_code"),
        s("billing_country"), s("billing_phone"), s("shipping_first_name"), s("shipping_last_name"),
        s("shipping_company"), s("shipping_address1"), s("shipping_address2"), s("shipping_city"),
        s("shipping_state"), s("shipping_postal_code"), s("shipping_country"), s("shipping_phone")],
    computed: &[("total_item_price", Ty::Dec), ("total_tax", Ty::Dec), ("total_shipping", Ty::Dec),
        ("total_future_shipping", Ty::Dec), ("total_order", Ty::Dec)],
    children: &[
        Child { rel: "attributes", path: "attributes", kind: &CART_ATTRIBUTES, title: "Attributes for This Cart" },
        Child { rel: "items", path: "items", kind: &ITEMS, title: "The Items for This Cart" },
        Child { rel: "discounts", path: "discounts", kind: &DISCOUNTS, title: "Discounts for this Cart" },
        Child { rel: "applied_coupon_codes", path: "applied_coupon_codes", kind: &APPLIED_COUPON_CODES, title: "Coupon Codes applied to this Cart" },
        Child { rel: "custom_fields", path: "cart_custom_fields", kind: &CUSTOM_FIELDS, title: "The Custom Fields for this Cart" },
    ],
    required: &[],
};

/// Cart and transaction items.
pub static ITEMS: Kind = Kind {
    key: "items",
    rel: "item",
    plural: "items",
    title: "This Item",
    fields: &[f("item_category_uri", Ty::Ref("item_categories"), Def::Null), s("name"),
        f("price", Ty::Dec, D0), f("quantity", Ty::Int, Def::N("1")), f("quantity_min", Ty::Int, D0),
        f("quantity_max", Ty::Int, D0), f("weight", Ty::Dec, D0), s("code"), s("parent_code"),
        f("discount_name", Ty::Str, Def::Null), f("discount_type", Ty::Str, Def::Null),
        f("discount_details", Ty::Str, Def::Null), f("subscription_frequency", Ty::Str, Def::Null),
        f("subscription_start_date", Ty::Date, Def::Null),
        f("subscription_next_transaction_date", Ty::Date, Def::Null),
        f("subscription_end_date", Ty::Date, Def::Null), f("is_future_line_item", Ty::Bool, Def::B(false)),
        s("shipto"), s("url"), s("image"), f("length", Ty::Dec, D0), f("width", Ty::Dec, D0),
        f("height", Ty::Dec, D0), f("expires", Ty::Int, D0)],
    computed: &[],
    children: &[
        Child { rel: "item_options", path: "item_options", kind: &ITEM_OPTIONS, title: "The Item Options for This Item" },
        Child { rel: "attributes", path: "attributes", kind: &ITEM_ATTRIBUTES, title: "Attributes for This Item" },
    ],
    required: &["name"],
};

/// Item options (`price_mod` adds to the item's price).
pub static ITEM_OPTIONS: Kind = Kind {
    key: "item_options",
    rel: "item_option",
    plural: "item_options",
    title: "This Item Option",
    fields: &[s("name"), s("value"), f("price_mod", Ty::Dec, D0), f("weight_mod", Ty::Dec, D0)],
    computed: &[],
    children: &[],
    required: &["name", "value"],
};

const ATTRIBUTE_FIELDS: &[Field] = &[s("name"), s("value"), f("visibility", Ty::Str, Def::S("public"))];

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
    fields: &[s("name"), s("value"), f("is_hidden", Ty::Bool, Def::B(false))],
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
    fields: &[ro("code", Ty::Str, Def::S("")), ro("name", Ty::Str, Def::S("")),
        ro("is_taxable", Ty::Bool, Def::B(false)), ro("is_future_discount", Ty::Bool, Def::B(false)),
        hidden("rule", Ty::Str), hidden("frozen_amount", Ty::Dec)],
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
    fields: &[hidden("customer_id", Ty::Int), ro("is_test", Ty::Bool, Def::B(true)),
        ro("display_id", Ty::Int, D0), f("is_editable", Ty::Bool, Def::B(false)),
        f("hide_transaction", Ty::Bool, Def::B(false)), f("data_is_fed", Ty::Bool, Def::B(false)),
        ro("transaction_date", Ty::Date, Def::Null), ro("locale_code", Ty::Str, Def::S("en_US")),
        ro("customer_first_name", Ty::Str, Def::S("")), ro("customer_last_name", Ty::Str, Def::S("")),
        ro("customer_tax_id", Ty::Str, Def::S("")), ro("customer_email", Ty::Str, Def::S("")),
        ro("customer_ip", Ty::Str, Def::S("127.0.0.1")), ro("total_item_price", Ty::Dec, D0),
        ro("total_tax", Ty::Dec, D0), ro("total_shipping", Ty::Dec, D0),
        ro("total_future_shipping", Ty::Dec, D0), ro("total_order", Ty::Dec, D0),
        ro("currency_code", Ty::Str, Def::S("USD")), ro("currency_symbol", Ty::Str, Def::S("$")),
        f("status", Ty::Str, Def::S("completed")), ro("source", Ty::Str, Def::S("api")),
        ro("type", Ty::Str, Def::S(""))],
    computed: &[],
    children: &[
        Child { rel: "items", path: "items", kind: &ITEMS, title: "The Items for This Transaction" },
        Child { rel: "discounts", path: "discounts", kind: &DISCOUNTS, title: "Discounts for This Transaction" },
        Child { rel: "custom_fields", path: "custom_fields", kind: &CUSTOM_FIELDS, title: "Custom Fields for This Transaction" },
    ],
    required: &[],
};

/// Every kind, for lookups by storage key.
pub static ALL: &[&Kind] = &[&USERS, &STORES, &TEMPLATE_SETS, &ITEM_CATEGORIES, &CUSTOMERS,
    &CUSTOMER_ADDRESSES, &PAYMENT_METHODS, &CARTS, &ITEMS, &ITEM_OPTIONS, &CART_ATTRIBUTES,
    &ITEM_ATTRIBUTES, &CUSTOM_FIELDS, &DISCOUNTS, &APPLIED_COUPON_CODES, &TRANSACTIONS];

/// A kind by storage key.
pub fn by_key(key: &str) -> Option<&'static Kind> {
    ALL.iter().copied().find(|k| k.key == key)
}
