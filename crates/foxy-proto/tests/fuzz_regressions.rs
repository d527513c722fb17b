//! Inputs the fuzzers found, kept as tests.
//!
//! Each input is also saved under `fuzz/regressions/<target>/`, from where
//! `cargo xtask fuzz` seeds the corpus; [`every_saved_codec_input_round_trips`]
//! replays the codec ones with the fuzz targets' own round-trip assertion.

use std::path::Path;

use foxy_proto::testing::files_with_extensions;
use foxy_proto::{Link, MediaType, Rel, Resource, codec};

/// The fuzz targets' assertion: a parsed document is projected, and writing
/// it then parsing again gives it back; a second write gives the same bytes.
fn assert_round_trips(media: MediaType, input: &[u8]) -> Option<Resource> {
    let parsed = codec::parse(media, input).ok()?;
    assert_eq!(
        codec::project(media, &parsed),
        parsed,
        "{media}: not projected"
    );
    let bytes = codec::write(media, &parsed).ok()?;
    let again = codec::parse(media, &bytes)
        .unwrap_or_else(|e| panic!("{media}: re-read: {e}\n{}", String::from_utf8_lossy(&bytes)));
    assert_eq!(
        again,
        parsed,
        "{media}\n{}",
        String::from_utf8_lossy(&bytes)
    );
    let twice = codec::write(media, &again).expect("written twice");
    assert_eq!(
        String::from_utf8_lossy(&twice),
        String::from_utf8_lossy(&bytes),
        "{media}: a second pass changes the document"
    );
    Some(parsed)
}

/// `parse_hal_json`: a Foxy relation whose name starts with `//` was
/// compacted to `fx://x`, which reads back as a URI of scheme `fx`.
#[test]
fn hal_json_foxy_relation_named_slash_slash_x() {
    let input = br#"{"_links":{"self":{"href":"https://api.foxy.test/stores/8"},"https://api.foxycart.com/rels///x":{"href":"https://api.foxy.test/x"}}}"#;
    let rel = Rel::canonical("https://api.foxycart.com/rels///x");
    let parsed = assert_round_trips(MediaType::HalJson, input).expect("the input parses");
    assert_eq!(
        parsed.link(&rel).map(|l| l.href.as_str()),
        Some("https://api.foxy.test/x")
    );
    let json = codec::write(MediaType::HalJson, &parsed).expect("hal+json");
    assert!(
        !String::from_utf8_lossy(&json).contains("fx://x"),
        "{}",
        String::from_utf8_lossy(&json)
    );
    // Through the other two formats and back, the relation is unchanged.
    for media in [MediaType::HalXml, MediaType::Siren] {
        let other = codec::parse(
            media,
            &codec::write(media, &parsed).expect("written in the other format"),
        )
        .expect("re-read in the other format");
        let back = codec::parse(
            MediaType::HalJson,
            &codec::write(MediaType::HalJson, &other).expect("hal+json again"),
        )
        .expect("re-read as hal+json");
        assert_eq!(
            back.links.keys().collect::<Vec<_>>(),
            [&Rel::SELF, &rel],
            "{media}"
        );
    }
}

/// Every saved input of the three parser targets passes their assertion.
#[test]
fn every_saved_codec_input_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut seen = 0;
    for (target, media) in [
        ("parse_hal_json", MediaType::HalJson),
        ("parse_hal_xml", MediaType::HalXml),
        ("parse_siren", MediaType::Siren),
    ] {
        for path in files_with_extensions(&root.join(target), &[""]) {
            let input = std::fs::read(&path).expect("saved input");
            assert_round_trips(media, &input);
            seen += 1;
        }
    }
    assert!(seen >= 1, "no saved inputs under {}", root.display());
}

/// `cart_link_verify` (an assertion of the target, not of the library): a
/// field that does not decode as UTF-8 and is not signable is kept by
/// `sign_url`, and `verify_url` refuses the link, as documented, signed or not.
#[test]
fn cart_link_with_an_undecodable_unsigned_field() {
    use foxy_proto::signing::{SignError, sign_url, verify_url};
    let secret = foxy_proto::Secret::new("");
    let url = "?=$h:|\u{e}u:%BB+%?+";
    assert_eq!(sign_url(&secret, url).as_deref(), Ok(url));
    for link in [url.to_owned(), sign_url(&secret, url).expect("signs")] {
        assert!(matches!(
            verify_url(&secret, &link),
            Err(SignError::InvalidEncoding { .. })
        ));
    }
}

/// `sso_verify` (an assertion of the target): an empty session id is
/// written (`&fcsid=`) and read back as an empty session id.
#[test]
fn sso_link_with_an_empty_session_id() {
    use foxy_proto::sso::{checkout_url, verify_checkout_url};
    let secret = foxy_proto::Secret::new("fuzzing sso secret");
    let link = checkout_url("store.example", &secret, 0, 1_700_000_000, Some("")).expect("link");
    assert!(link.ends_with("&fcsid="), "{link}");
    let params = verify_checkout_url(&secret, &link, 1_700_000_000).expect("verifies");
    assert_eq!(params.fcsid.as_deref(), Some(""));
    assert_eq!((params.customer_id, params.timestamp), (0, 1_700_000_000));
}

/// `datafeed_decode`: an element with both text and child elements was
/// written with indentation between its children, which read back as part
/// of its text, so the feed changed on the way back.
#[test]
fn datafeed_element_with_text_and_children_round_trips() {
    use foxy_proto::datafeed::FoxyData;
    let input = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/datafeed_decode/nested-foxydata.xml"),
    )
    .expect("saved input");
    let feed = FoxyData::parse(&input).expect("the input parses");
    let again = FoxyData::parse(&feed.to_xml()).expect("written feed parses");
    assert_eq!(again, feed, "{}", feed.to_xml());
    let inner = &feed.extra[0];
    assert_eq!(inner.text, "etra/>aac\u{b}ra%yydata:");
    assert_eq!(inner.children.len(), 2);
}

/// `legacy_response`: `< shipping_first_name/>` (a space after `<`) was read
/// as an element without a name and written back as `</>`; it is not
/// well-formed XML and is refused.
#[test]
fn legacy_element_without_a_name_is_refused() {
    use foxy_proto::legacy::ApiResponse;
    let input = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/legacy_response/empty-element-name.xml"),
    )
    .expect("saved input");
    let text = String::from_utf8(input).expect("utf-8");
    assert!(text.contains("< shipping_first_name/>"));
    assert!(ApiResponse::parse(&text).is_err());
    assert!(foxy_proto::datafeed::xml::Element::parse("<a>< b/></a>").is_err());
    // With the name in its place the same answer reads, and round-trips.
    let fixed = text.replace("< shipping_first_name/>", "<shipping_first_name/>");
    let answer = ApiResponse::parse(&fixed).expect("well-formed answer");
    assert_eq!(
        ApiResponse::parse(&answer.to_xml()).expect("written answer"),
        answer
    );
}

/// `legacy_response` and `datafeed_decode`: element names holding a quote
/// or control characters were read as they came (the reader takes a name to
/// the first space) and written back as a different document. A name must
/// be an XML name.
#[test]
fn legacy_xml_element_names_must_be_xml_names() {
    use foxy_proto::datafeed::FoxyData;
    use foxy_proto::datafeed::xml::Element;
    use foxy_proto::legacy::ApiResponse;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let legacy =
        std::fs::read(dir.join("legacy_response/quote-in-element-name.xml")).expect("input");
    assert!(ApiResponse::parse(&String::from_utf8_lossy(&legacy)).is_err());
    let feed = std::fs::read(dir.join("datafeed_decode/control-chars-in-element-name.xml"))
        .expect("input");
    assert!(FoxyData::parse(&String::from_utf8_lossy(&feed)).is_err());
    for bad in [
        "<reTF-8\"?></reTF-8\"?>",
        "<p\u{0}s/>",
        "<1a/>",
        "<a><-b/></a>",
    ] {
        assert!(Element::parse(bad).is_err(), "{bad:?}");
    }
    for good in ["<foxydata/>", "<_x.y-z/>", "<fx:a/>", "<été/>"] {
        assert!(Element::parse(good).is_ok(), "{good:?}");
    }
}

/// `legacy_response`: an answer whose only customer field is an empty
/// `<customer_id/>` read as a customer record with nothing set, which was
/// written back as no customer at all.
#[test]
fn legacy_answer_with_an_empty_customer_record_round_trips() {
    use foxy_proto::legacy::ApiResponse;
    let answer =
        ApiResponse::parse("<foxydata><result/><customer_id/></foxydata>").expect("answer");
    assert!(answer.customer.is_some());
    let written = answer.to_xml();
    assert_eq!(
        ApiResponse::parse(&written).expect("written answer"),
        answer,
        "{written}"
    );
    let saved = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/legacy_response/empty-customer-id.xml"),
    )
    .expect("saved input");
    if let Ok(answer) = ApiResponse::parse(&String::from_utf8_lossy(&saved)) {
        assert_eq!(
            ApiResponse::parse(&answer.to_xml()).expect("written answer"),
            answer
        );
    }
}

/// `legacy_response`: two `<customers/>` containers; the first was read as
/// the list and the second kept as an unknown element, which read back as
/// the list. Every container of a list's name now adds to the list.
#[test]
fn legacy_answer_with_two_list_containers_round_trips() {
    use foxy_proto::legacy::ApiResponse;
    let text = "<foxydata><result/><customers/><customers/></foxydata>";
    let answer = ApiResponse::parse(text).expect("answer");
    assert!(answer.extra.is_empty(), "{answer:?}");
    let written = answer.to_xml();
    assert_eq!(
        ApiResponse::parse(&written).expect("written answer"),
        answer,
        "{written}"
    );
}

/// `legacy_response`: a customer answer repeating the answer's own elements
/// (a second `<messages>`) wrote them back flattened among the customer's
/// fields, where they read back as the answer's messages: the answer
/// changed on every pass.
#[test]
fn legacy_customer_answer_with_repeated_answer_elements_round_trips() {
    use foxy_proto::legacy::ApiResponse;
    let input = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/legacy_response/customer-extras-hoisted.xml"),
    )
    .expect("saved input");
    let answer = ApiResponse::parse(&String::from_utf8_lossy(&input)).expect("an answer");
    let customer = answer.customer.as_ref().expect("a customer answer");
    assert!(
        customer
            .extra
            .iter()
            .filter(|e| e.name == "messages")
            .all(|e| e.children.iter().all(|c| c.name != "message")),
        "every message is the answer's, none is left among the customer's fields"
    );
    let written = answer.to_xml();
    let again = ApiResponse::parse(&written).expect("written answer re-reads");
    assert_eq!(again, answer, "{written}");
    assert_eq!(
        ApiResponse::parse(&again.to_xml()).expect("third pass"),
        again
    );
}

/// `legacy_response`: a customer answer with no id and a second, empty
/// `customer_id` among its unknown fields wrote only that one back, which
/// then read as the (empty) id: the unknown field was lost on the second pass.
#[test]
fn legacy_customer_without_id_keeps_a_repeated_customer_id() {
    use foxy_proto::legacy::ApiResponse;
    let input = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/regressions/legacy_response/customer-id-among-unknown-fields.xml"),
    )
    .expect("saved input");
    let answer = ApiResponse::parse(&String::from_utf8_lossy(&input)).expect("an answer");
    let written = answer.to_xml();
    assert_eq!(
        ApiResponse::parse(&written).expect("re-reads"),
        answer,
        "{written}"
    );
    let simple = ApiResponse::parse(
        "<foxydata><customer_email>a@b.test</customer_email><customer_id/><customer_id/></foxydata>",
    )
    .expect("answer");
    assert_eq!(
        ApiResponse::parse(&simple.to_xml()).expect("re-reads"),
        simple
    );
}

/// `roundtrip_siren`: an embedded resource holding only a `self` link and an
/// empty embedded list was written as a full entity (the empty list made it
/// look like more than a link), while its projection, without the list, was
/// written as an embedded link: the second write differed from the first.
#[test]
fn siren_embedded_link_with_an_empty_embedded_list_writes_the_same_twice() {
    let mut inner = Resource::new().with_link(
        Rel::SELF,
        Link {
            title: Some(String::new()),
            media_type: Some(String::new()),
            ..Link::new("https://demo.api/hapi/users/0")
        },
    );
    inner.class.push(String::new());
    inner.embedded.insert(
        Rel::canonical("https://api.foxycart.com/rels/users"),
        Vec::new(),
    );
    let mut outer = Resource::new();
    outer.embed(
        Rel::canonical("https://api.foxycart.com/rels/attributes"),
        inner,
    );

    let bytes = codec::write(MediaType::Siren, &outer).expect("siren");
    let parsed = codec::parse(MediaType::Siren, &bytes).expect("re-read");
    assert_eq!(parsed, codec::project(MediaType::Siren, &outer));
    let again = codec::write(MediaType::Siren, &parsed).expect("siren again");
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&bytes),
        "writing the projection changes the document"
    );
    assert!(
        String::from_utf8_lossy(&bytes).contains("\"href\": \"https://demo.api/hapi/users/0\""),
        "written as an embedded link: {}",
        String::from_utf8_lossy(&bytes)
    );
}
