//! Malformed documents give typed errors that say what is wrong and where.

use foxy_proto::codec::{self, DecodeError, DecodeErrorKind, EncodeError, json};
use foxy_proto::{MediaType, Resource, Value};

fn fail(media: MediaType, doc: &[u8]) -> DecodeError {
    match codec::parse(media, doc) {
        Ok(r) => panic!("parsed: {r:?}"),
        Err(e) => e,
    }
}

fn line_col(e: &DecodeError) -> (Option<usize>, Option<usize>) {
    (e.location.line, e.location.column)
}

#[test]
fn truncated_json() {
    let e = fail(
        MediaType::HalJson,
        b"{\n  \"_links\": {\n    \"self\": {\"href\": \"https://a.test/",
    );
    assert_eq!(e.kind, DecodeErrorKind::UnexpectedEnd("closing quote"));
    assert_eq!(line_col(&e), (Some(3), Some(38)));
    assert_eq!(
        e.to_string(),
        "unexpected end of input, expected closing quote at line 3, column 38"
    );
    let e = fail(MediaType::Siren, b"{\"properties\": {\"a\": 1}");
    assert_eq!(e.kind, DecodeErrorKind::UnexpectedEnd("',' or '}'"));
}

#[test]
fn malformed_json() {
    let e = fail(MediaType::HalJson, b"{\"total\": 5,\n \"limit\" 20}");
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnexpectedChar {
            found: '2',
            expected: "':'"
        }
    );
    assert_eq!(line_col(&e), (Some(2), Some(10)));
    let e = fail(MediaType::HalJson, b"{\"price\": 019.99}");
    assert_eq!(e.kind, DecodeErrorKind::InvalidNumber);
    assert_eq!(line_col(&e), (Some(1), Some(12)));
    let e = fail(MediaType::HalJson, b"{\"a\": \"\\x\"}");
    assert_eq!(e.kind, DecodeErrorKind::InvalidEscape);
    let e = fail(MediaType::HalJson, b"{\"a\": \"tab\there\"}");
    assert_eq!(e.kind, DecodeErrorKind::ControlCharacter);
    let e = fail(MediaType::HalJson, b"{} {}");
    assert_eq!(e.kind, DecodeErrorKind::TrailingData);
    assert_eq!(line_col(&e), (Some(1), Some(4)));
    let e = fail(MediaType::HalJson, b"");
    assert_eq!(e.kind, DecodeErrorKind::UnexpectedEnd("a value"));
}

#[test]
fn malformed_xml() {
    let e = fail(
        MediaType::HalXml,
        b"<resource>\n  <total>5</totl>\n</resource>",
    );
    assert!(matches!(e.kind, DecodeErrorKind::MalformedXml(_)), "{e}");
    assert_eq!(e.location.line, Some(2));
    assert_eq!(e.location.path.as_deref(), Some("/resource/total"));
    let e = fail(MediaType::HalXml, b"<resource>\n  <total>5</total>");
    assert!(matches!(e.kind, DecodeErrorKind::UnexpectedEnd(_)), "{e}");
    let e = fail(MediaType::HalXml, b"<cart/>");
    assert_eq!(e.kind, DecodeErrorKind::UnexpectedElement("cart".into()));
    let e = fail(
        MediaType::HalXml,
        b"<resource>loose text<a>1</a></resource>",
    );
    assert_eq!(e.kind, DecodeErrorKind::UnexpectedText("loose text".into()));
    let e = fail(MediaType::HalXml, b"<resource><a>&nbsp;</a></resource>");
    assert_eq!(e.kind, DecodeErrorKind::UnknownEntity("nbsp".into()));
    assert_eq!(e.location.path.as_deref(), Some("/resource/a"));
}

#[test]
fn xml_doctype_and_entities_are_refused() {
    let bomb = b"<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<resource><x>&b;</x></resource>";
    let e = fail(MediaType::HalXml, bomb);
    assert_eq!(e.kind, DecodeErrorKind::DoctypeRefused);
    assert_eq!(line_col(&e), (Some(2), Some(1)));
    let external = b"<!DOCTYPE resource SYSTEM \"file:///etc/passwd\"><resource/>";
    assert_eq!(
        fail(MediaType::HalXml, external).kind,
        DecodeErrorKind::DoctypeRefused
    );
}

#[test]
fn wrong_value_types() {
    let e = fail(MediaType::HalJson, br#"{"_links": "https://a.test/"}"#);
    assert_eq!(
        e.kind,
        DecodeErrorKind::WrongType {
            expected: "object",
            found: "string"
        }
    );
    assert_eq!(e.location.path.as_deref(), Some("/_links"));
    assert_eq!(e.to_string(), "expected object, found string at /_links");

    let e = fail(
        MediaType::HalJson,
        br#"{"_embedded": {"fx:items": [{"_links": {"self": {"title": "x"}}}]}}"#,
    );
    assert_eq!(e.kind, DecodeErrorKind::MissingField("href"));
    assert_eq!(
        e.location.path.as_deref(),
        Some("/_embedded/fx:items/0/_links/self")
    );

    let e = fail(
        MediaType::HalJson,
        br#"{"_links": {"next": {"href": "a", "templated": "yes"}}}"#,
    );
    assert_eq!(
        e.kind,
        DecodeErrorKind::WrongType {
            expected: "boolean",
            found: "string"
        }
    );
    assert_eq!(e.location.path.as_deref(), Some("/_links/next/templated"));

    let e = fail(MediaType::HalJson, b"[1, 2]");
    assert_eq!(
        e.kind,
        DecodeErrorKind::WrongType {
            expected: "object",
            found: "array"
        }
    );

    let e = fail(
        MediaType::Siren,
        br#"{"links": [{"rel": "self", "href": "a"}]}"#,
    );
    assert_eq!(
        e.kind,
        DecodeErrorKind::WrongType {
            expected: "array",
            found: "string"
        }
    );
    assert_eq!(e.location.path.as_deref(), Some("/links/0/rel"));

    let e = fail(MediaType::Siren, br#"{"entities": [{"properties": {}}]}"#);
    assert_eq!(e.kind, DecodeErrorKind::MissingField("rel"));
    assert_eq!(e.location.path.as_deref(), Some("/entities/0"));

    let e = fail(
        MediaType::HalXml,
        b"<resource>\n<link rel=\"self\"/></resource>",
    );
    assert_eq!(e.kind, DecodeErrorKind::MissingField("href attribute"));
    assert_eq!(line_col(&e), (Some(2), Some(1)));

    let e = fail(
        MediaType::HalXml,
        br#"<resource><a type="map"/></resource>"#,
    );
    assert!(matches!(
        e.kind,
        DecodeErrorKind::InvalidValue {
            field: "type attribute",
            ..
        }
    ));
}

#[test]
fn nesting_too_deep() {
    let deep = format!("{{\"a\": {}1{}}}", "[".repeat(200), "]".repeat(200));
    let e = fail(MediaType::HalJson, deep.as_bytes());
    assert_eq!(e.kind, DecodeErrorKind::TooDeep(128));
    assert_eq!(line_col(&e), (Some(1), Some(134)));
    // 128 levels are fine.
    let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(json::parse_value(ok.as_bytes()).is_ok());

    let deep_xml = format!(
        "<resource>{}{}</resource>",
        "<a>".repeat(200),
        "</a>".repeat(200)
    );
    let e = fail(MediaType::HalXml, deep_xml.as_bytes());
    assert_eq!(e.kind, DecodeErrorKind::TooDeep(128));
}

#[test]
fn invalid_utf8() {
    let e = fail(MediaType::HalJson, b"{\n \"name\": \"caf\xe9\"}");
    assert_eq!(e.kind, DecodeErrorKind::InvalidUtf8);
    assert_eq!(line_col(&e), (Some(2), Some(14)));
    let e = fail(
        MediaType::HalXml,
        b"<resource><name>caf\xff</name></resource>",
    );
    assert_eq!(e.kind, DecodeErrorKind::InvalidUtf8);
    assert_eq!(line_col(&e), (Some(1), Some(20)));
}

#[test]
fn duplicate_keys() {
    let e = fail(MediaType::HalJson, b"{\"total\": 1,\n \"total\": 2}");
    assert_eq!(e.kind, DecodeErrorKind::DuplicateKey("total".into()));
    assert_eq!(line_col(&e), (Some(2), Some(2)));
    let e = fail(
        MediaType::HalXml,
        b"<resource><total>1</total><total>2</total></resource>",
    );
    assert_eq!(e.kind, DecodeErrorKind::DuplicateKey("total".into()));
}

#[test]
fn lone_surrogate() {
    let e = fail(MediaType::Siren, br#"{"properties": {"a": "\ud800x"}}"#);
    assert_eq!(e.kind, DecodeErrorKind::LoneSurrogate);
}

#[test]
fn unsupported_media_type() {
    let e = fail(MediaType::FormUrlEncoded, b"a=1");
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnsupportedMediaType("application/x-www-form-urlencoded".into())
    );
    assert_eq!(
        e.to_string(),
        "unsupported media type application/x-www-form-urlencoded"
    );
    assert!(matches!(
        codec::write(MediaType::Multipart, &Resource::new()),
        Err(EncodeError::UnsupportedMediaType(_))
    ));
}

#[test]
fn unwritable_resources_are_typed_errors() {
    let r = Resource::new().with_property("_links", Value::from("x"));
    assert!(matches!(
        codec::write(MediaType::HalJson, &r),
        Err(EncodeError::ReservedProperty { .. })
    ));
    let r = Resource::new().with_property("note", Value::from("bell\u{7}"));
    assert_eq!(
        codec::write(MediaType::HalXml, &r),
        Err(EncodeError::InvalidXmlChar {
            code: 7,
            path: "/note".into()
        })
    );
}
