//! Property tests: RC4 and the form encoding invert, and typed datafeeds
//! survive encode → decode.

use foxy_proto::datafeed::{
    self, CustomField, Customer, DetailOption, FoxyData, Subscription, Transaction,
    TransactionDetail, xml::Element,
};
use foxy_proto::signing::Secret;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[^\u{0}-\u{1f}\u{7f}\r]{0,16}")
}

fn money() -> impl Strategy<Value = Option<Decimal>> {
    proptest::option::of((any::<i64>(), 0u32..6).prop_map(|(n, scale)| Decimal::new(n, scale)))
}

fn extra() -> impl Strategy<Value = Vec<Element>> {
    proptest::collection::vec(("[a-z]{1,8}", "[a-zA-Z0-9 &<>]{1,10}"), 0..3).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(n, t)| Element::with_text(format!("x_{n}"), t))
            .collect()
    })
}

fn detail() -> impl Strategy<Value = TransactionDetail> {
    (
        text(),
        money(),
        proptest::option::of(any::<u64>()),
        text(),
        money(),
        text(),
        extra(),
    )
        .prop_map(|(name, price, quantity, code, mod_price, option, extra)| {
            TransactionDetail {
                product_name: name,
                product_price: price,
                product_quantity: quantity,
                product_code: code,
                options: vec![DetailOption {
                    name: option,
                    price_mod: mod_price,
                    ..DetailOption::default()
                }],
                extra,
                ..TransactionDetail::default()
            }
        })
}

fn transaction() -> impl Strategy<Value = Transaction> {
    (
        proptest::option::of(any::<u64>()),
        text(),
        money(),
        proptest::option::of(any::<bool>()),
        text(),
        proptest::collection::vec(detail(), 0..3),
        extra(),
    )
        .prop_map(
            |(id, date, total, is_test, email, details, extra)| Transaction {
                id,
                transaction_date: date,
                order_total: total,
                is_test,
                customer: Customer {
                    email,
                    ..Customer::default()
                },
                custom_fields: vec![CustomField {
                    name: Some("n".into()),
                    ..CustomField::default()
                }],
                details,
                extra,
                ..Transaction::default()
            },
        )
}

fn subscription() -> impl Strategy<Value = Subscription> {
    (
        text(),
        money(),
        proptest::option::of(any::<bool>()),
        proptest::collection::vec(detail(), 0..2),
    )
        .prop_map(|(frequency, past_due, active, details)| Subscription {
            frequency,
            past_due_amount: past_due,
            is_active: active,
            details,
            ..Subscription::default()
        })
}

proptest! {
    #[test]
    fn rc4_inverts(key in proptest::collection::vec(any::<u8>(), 1..64), data in proptest::collection::vec(any::<u8>(), 0..500)) {
        let cipher = datafeed::rc4(&key, &data).expect("rc4");
        prop_assert_eq!(datafeed::rc4(&key, &cipher).expect("rc4"), data);
    }

    #[test]
    fn form_encoding_inverts(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        let encoded = datafeed::url_encode(&data);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_graphic()));
        prop_assert_eq!(datafeed::url_decode(encoded.as_bytes()), data);
    }

    #[test]
    fn datafeeds_round_trip(
        key in "[ -~]{1,32}",
        version in text(),
        transactions in proptest::collection::vec(transaction(), 0..3),
        subscriptions in proptest::collection::vec(subscription(), 0..2),
        extra in extra(),
    ) {
        let key = Secret::new(key);
        let feed = FoxyData { datafeed_version: version, transactions, subscriptions, extra };
        let value = datafeed::encode(&feed, &key).expect("encodes");
        let back = datafeed::decode(value.as_bytes(), &key).expect("decodes");
        prop_assert_eq!(back.to_xml(), feed.to_xml());
        prop_assert_eq!(back, feed);
    }
}
