//! Random resources survive every writer and parser, modulo `project`.

use foxy_proto::codec::{self, json};
use foxy_proto::{Action, ActionField, Link, Map, MediaType, Number, Rel, Resource, Value};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,10}",
        "[ \t\r\na<>&\"'\\]\\\\/]{0,6}",
        Just(String::new()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z_][a-zA-Z0-9_]{0,8}",
        1 => "[ a-z:1é.-]{0,5}",
        1 => prop::sample::select(vec!["link", "resource", "property", "item", "xmlns", "type", "name"])
            .prop_map(str::to_owned),
    ]
    .prop_filter("hal reserves _links and _embedded", |k| k != "_links" && k != "_embedded")
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,3})?"
            .prop_map(|s| s.parse::<Number>().expect("grammar")),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(Value::Number),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map>())),
        ]
    })
}

fn rel() -> impl Strategy<Value = Rel> {
    // Relation names around the shapes where compaction could go wrong.
    let part = "\\PC{0,6}|[/:fx]{0,5}";
    prop_oneof![
        3 => prop::sample::select(vec![
            "self",
            "next",
            "curies",
            "fx:store",
            "fx:items",
            "https://api.foxycart.com/rels/cart",
            "https://api.foxycart.com/rels///x",
            "fx://x",
            "https://example.com/rels/other",
        ])
        .prop_map(Rel::from),
        1 => part.prop_map(Rel::canonical),
        1 => part.prop_map(|s| Rel::fx(&s)),
        1 => (part, part).prop_map(|(a, b)| Rel::canonical(format!("{a}:{b}"))),
    ]
}

fn link() -> impl Strategy<Value = Link> {
    (
        text(),
        proptest::option::of(text()),
        any::<bool>(),
        proptest::option::of(text()),
        proptest::option::of("[a-z]+/[a-z+]+"),
    )
        .prop_map(|(href, title, templated, name, media_type)| Link {
            href,
            title,
            templated,
            name,
            media_type,
        })
}

fn action() -> impl Strategy<Value = Action> {
    let field = (
        "[a-z_]{1,8}",
        proptest::option::of("[a-z]{1,6}"),
        proptest::option::of(value()),
        proptest::option::of(text()),
    )
        .prop_map(|(name, input_type, value, title)| ActionField {
            name,
            input_type,
            value,
            title,
        });
    (
        "[a-z-]{1,10}",
        prop::collection::vec("[a-z]{1,5}", 0..2),
        proptest::option::of(
            prop::sample::select(vec!["GET", "POST", "PATCH"]).prop_map(str::to_owned),
        ),
        text(),
        proptest::option::of(text()),
        proptest::option::of(Just("application/json".to_owned())),
        prop::collection::vec(field, 0..3),
    )
        .prop_map(
            |(name, class, method, href, title, media_type, fields)| Action {
                name,
                class,
                method,
                href,
                title,
                media_type,
                fields,
            },
        )
}

fn flat_resource() -> impl Strategy<Value = Resource> {
    (
        prop::collection::vec("[a-z]{1,6}", 0..3),
        prop::collection::vec((key(), value()), 0..6),
        prop::collection::vec((rel(), prop::collection::vec(link(), 0..3)), 0..4),
        prop::collection::vec(action(), 0..2),
    )
        .prop_map(|(class, props, links, actions)| Resource {
            class,
            properties: props.into_iter().collect(),
            links: links.into_iter().collect(),
            embedded: Default::default(),
            actions,
            meta: Default::default(),
        })
}

/// Sometimes turns `r` into a collection page (counters, `returned_items`
/// often zero), with or without empty member lists.
fn maybe_page(r: Resource) -> impl Strategy<Value = Resource> {
    let counter = prop_oneof![
        Just(Value::from(0i64)),
        Just(Value::from("0")),
        (0u64..3).prop_map(Value::from),
        Just(Value::from("x")),
    ];
    (
        0..4u8,
        counter,
        prop::collection::vec(rel(), 0..3),
        any::<bool>(),
    )
        .prop_map(move |(kind, returned, empty_rels, members)| {
            let mut r = r.clone();
            if kind == 0 {
                return r;
            }
            r.set_property("total_items", "0");
            r.set_property("returned_items", returned);
            r.set_property("limit", 20i64);
            r.set_property("offset", 0i64);
            if !members {
                r.embedded.clear();
            }
            for rel in empty_rels {
                r.embedded.entry(rel).or_default();
            }
            r
        })
}

fn resource() -> impl Strategy<Value = Resource> {
    let flat = flat_resource().prop_flat_map(maybe_page);
    flat.prop_recursive(2, 12, 3, |inner| {
        (
            flat_resource(),
            prop::collection::vec((rel(), prop::collection::vec(inner, 0..3)), 0..3),
        )
            .prop_map(|(mut r, embedded)| {
                r.embedded = embedded.into_iter().collect();
                r
            })
            .prop_flat_map(maybe_page)
    })
}

fn check(media: MediaType, r: &Resource) -> Result<(), TestCaseError> {
    let bytes = codec::write(media, r).map_err(|e| TestCaseError::fail(format!("write: {e}")))?;
    let back = codec::parse(media, &bytes).map_err(|e| {
        TestCaseError::fail(format!("{media}: {e}\n{}", String::from_utf8_lossy(&bytes)))
    })?;
    prop_assert_eq!(
        back,
        codec::project(media, r),
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_values_round_trip(v in value()) {
        prop_assert_eq!(json::parse_value(&json::to_vec(&v)).ok(), Some(v.clone()));
        prop_assert_eq!(json::parse_value(&json::to_vec_pretty(&v)).ok(), Some(v));
    }

    #[test]
    fn hal_json_round_trips(r in resource()) {
        check(MediaType::HalJson, &r)?;
    }

    #[test]
    fn hal_xml_round_trips(r in resource()) {
        check(MediaType::HalXml, &r)?;
    }

    #[test]
    fn siren_round_trips(r in resource()) {
        check(MediaType::Siren, &r)?;
    }

    #[test]
    fn projection_is_idempotent(r in resource()) {
        for media in MediaType::RESPONSE_FORMATS {
            let once = codec::project(media, &r);
            prop_assert_eq!(codec::project(media, &once), once.clone());
        }
    }

    #[test]
    fn parsers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        for media in MediaType::RESPONSE_FORMATS {
            let _ = codec::parse(media, &bytes);
        }
    }
}
