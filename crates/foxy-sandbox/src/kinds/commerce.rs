//! Kinds behind the legacy API, webhooks and subscriptions: webhook
//! endpoints, subscriptions, and the attributes of customers, transactions
//! and subscriptions.

use super::{D0, Def, Field, Kind, Ty, f, hidden, ro, s};

/// Webhook endpoints of the store (`fx:webhooks`): JSON webhooks signed with
/// `encryption_key`, sent for `event_resource` events.
pub static WEBHOOKS: Kind = Kind {
    key: "webhooks",
    rel: "webhook",
    plural: "webhooks",
    title: "This Webhook",
    fields: &[
        f("format", Ty::Str, Def::S("json")),
        f("version", Ty::Int, Def::N("2")),
        s("name"),
        s("url"),
        s("query"),
        s("encryption_key"),
        f("event_resource", Ty::Str, Def::S("transaction")),
        f("is_active", Ty::Bool, Def::B(true)),
    ],
    computed: &[],
    children: &[],
    required: &["url", "encryption_key"],
};

/// Subscriptions, created by charging a cart with subscription items.
/// Their template items are `items` records under the subscription.
pub static SUBSCRIPTIONS: Kind = Kind {
    key: "subscriptions",
    rel: "subscription",
    plural: "subscriptions",
    title: "This Subscription",
    fields: &[
        f("customer_uri", Ty::Ref("customers"), Def::Null),
        f("last_transaction_uri", Ty::Ref("transactions"), Def::Null),
        f("start_date", Ty::Date, Def::Null),
        f("next_transaction_date", Ty::Date, Def::Null),
        f("end_date", Ty::Date, Def::S("0000-00-00")),
        f("frequency", Ty::Str, Def::S("1m")),
        f("past_due_amount", Ty::Dec, D0),
        f("is_active", Ty::Bool, Def::B(true)),
        ro("error_message", Ty::Str, Def::S("")),
        ro("payment_type", Ty::Str, Def::S("plastic")),
        hidden("sub_token", Ty::Str),
    ],
    computed: &[],
    children: &[],
    required: &[],
};

const ATTRIBUTE_FIELDS: &[Field] = &[
    s("name"),
    s("value"),
    f("visibility", Ty::Str, Def::S("private")),
];

/// Customer attributes (legacy `attribute_*` with `type=customer`).
pub static CUSTOMER_ATTRIBUTES: Kind = Kind {
    key: "customer_attributes",
    rel: "attribute",
    plural: "attributes",
    title: "This Customer Attribute",
    fields: ATTRIBUTE_FIELDS,
    computed: &[],
    children: &[],
    required: &["name"],
};

/// Transaction attributes (legacy `attribute_*` with `type=transaction`).
pub static TRANSACTION_ATTRIBUTES: Kind = Kind {
    key: "transaction_attributes",
    rel: "attribute",
    plural: "attributes",
    title: "This Transaction Attribute",
    fields: ATTRIBUTE_FIELDS,
    computed: &[],
    children: &[],
    required: &["name"],
};

/// Subscription attributes (legacy `attribute_*` with `type=subscription`).
pub static SUBSCRIPTION_ATTRIBUTES: Kind = Kind {
    key: "subscription_attributes",
    rel: "attribute",
    plural: "attributes",
    title: "This Subscription Attribute",
    fields: ATTRIBUTE_FIELDS,
    computed: &[],
    children: &[],
    required: &["name"],
};
