//! The legacy XML API: every action's request, list answers with statistics
//! and records, error answers, and the answer writer.

use foxy_proto::datafeed::Attribute;
use foxy_proto::legacy::{Action, ApiRequest, ApiResponse, ApiResult, LegacyError, Statistics};
use foxy_proto::signing::Secret;

const CUSTOMER_LIST: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<foxydata>
  <result>SUCCESS</result>
  <messages>
    <message>Customers Found</message>
    <message>Page 1 of 1</message>
  </messages>
  <statistics>
    <total_customers>230</total_customers>
    <filtered_total>2</filtered_total>
    <pagination_start>1</pagination_start>
    <pagination_end>2</pagination_end>
  </statistics>
  <customers>
    <customer>
      <customer_id>51</customer_id>
      <last_modified_date>2009-02-10 13:16:11</last_modified_date>
      <customer_first_name>brett</customer_first_name>
      <customer_email>example@example.tld</customer_email>
      <customer_password>9c4fe4ea</customer_password>
      <attributes><attribute><name>tier</name><value>gold</value></attribute></attributes>
      <cc_number_masked>xxxx1111</cc_number_masked>
    </customer>
    <customer>
      <customer_id>52</customer_id>
      <customer_email>other@example.tld</customer_email>
    </customer>
  </customers>
</foxydata>
"#;

#[test]
fn every_action_builds_a_post_to_api() {
    for action in Action::ALL {
        let request = ApiRequest::new("https://example.foxycart.com", Secret::new("tok"), *action)
            .expect("request");
        let http = request.to_http().expect("http");
        assert_eq!(http.method(), http::Method::POST);
        assert_eq!(http.uri(), "https://example.foxycart.com/api");
        assert_eq!(
            http.headers()["content-type"],
            "application/x-www-form-urlencoded"
        );
        let body = String::from_utf8(http.body().clone()).expect("ascii");
        assert_eq!(body, format!("api_token=tok&api_action={action}"));
    }
}

#[test]
fn request_bodies_and_debug() {
    let request = ApiRequest::new(
        "https://secure.example.tld",
        Secret::new("s3cr3t-token"),
        Action::AttributeSave,
    )
    .expect("request")
    .param("type", "customer")
    .param("identifier", "193")
    .param(
        "attributes",
        "<attributes><attribute><name>foo</name><value>bar baz</value></attribute></attributes>",
    );
    let http = request.to_http().expect("http");
    insta::assert_snapshot!(String::from_utf8(http.body().clone()).expect("ascii"));
    let debug = format!("{request:?}");
    assert!(!debug.contains("s3cr3t-token"), "{debug}");
    assert!(debug.contains("AttributeSave"));
}

#[test]
fn list_answers_are_typed() {
    let response = ApiResponse::parse(CUSTOMER_LIST).expect("parses");
    assert_eq!(response.result, ApiResult::Success);
    assert_eq!(response.messages, ["Customers Found", "Page 1 of 1"]);
    assert_eq!(
        response.statistics,
        Some(Statistics {
            total_name: Some("total_customers".into()),
            total: Some(230),
            filtered_total: Some(2),
            pagination_start: Some(1),
            pagination_end: Some(2),
            extra: Vec::new(),
        })
    );
    let first = &response.customers[0];
    assert_eq!(first.customer.id, Some(51));
    assert_eq!(
        first.last_modified_date.as_deref(),
        Some("2009-02-10 13:16:11")
    );
    assert_eq!(
        first.attributes,
        [Attribute {
            name: Some("tier".into()),
            value: Some("gold".into()),
            extra: Vec::new()
        }]
    );
    assert_eq!(first.extra[0].name, "cc_number_masked");
    assert_eq!(
        response.customers[1].customer.email.as_deref(),
        Some("other@example.tld")
    );
    assert_eq!(
        ApiResponse::parse(&response.to_xml()).expect("reparses"),
        response
    );
}

#[test]
fn other_record_kinds() {
    let xml = "<foxydata><result>SUCCESS</result><messages/>\
        <categories><category><id>1</id><code>DEFAULT</code><description>Default</description>\
        <product_delivery_type>shipped</product_delivery_type></category></categories>\
        <downloadables><downloadable><id>4</id><category_id>1</category_id><product_price>9.99</product_price>\
        <file_size>1024</file_size></downloadable></downloadables>\
        <customer_addresses><customer_address><address_id>8</address_id><address_name>Me</address_name>\
        </customer_address></customer_addresses>\
        <transactions><transaction><id>616</id><order_total>27.40</order_total></transaction></transactions>\
        <subscription><id>3</id><frequency>1m</frequency></subscription>\
        <code_block><![CDATA[<script src=\"x.js\"></script>]]></code_block></foxydata>";
    let response = ApiResponse::parse(xml).expect("parses");
    assert_eq!(response.categories[0].code.as_deref(), Some("DEFAULT"));
    assert_eq!(
        response.downloadables[0]
            .product_price
            .map(|d| d.to_string())
            .as_deref(),
        Some("9.99")
    );
    assert_eq!(response.customer_addresses[0].id, Some(8));
    assert_eq!(response.transactions[0].id, Some(616));
    assert_eq!(response.subscriptions[0].frequency.as_deref(), Some("1m"));
    assert_eq!(response.extra[0].text, "<script src=\"x.js\"></script>");
    assert_eq!(
        ApiResponse::parse(&response.to_xml()).expect("reparses"),
        response
    );
}

#[test]
fn errors_and_bad_documents() {
    let xml = "<foxydata><result>ERROR</result><messages><message>Invalid API Key</message></messages></foxydata>";
    let response = ApiResponse::parse(xml).expect("parses");
    assert_eq!(
        response.into_success(),
        Err(LegacyError::Api {
            messages: vec!["Invalid API Key".into()]
        })
    );
    assert!(matches!(
        ApiResponse::parse("<html/>"),
        Err(LegacyError::Document(_))
    ));
    assert!(matches!(
        ApiResponse::parse("<foxydata>"),
        Err(LegacyError::Document(_))
    ));
    let bad = http::Response::new(vec![0xff, 0xfe]);
    assert_eq!(ApiResponse::from_http(&bad), Err(LegacyError::Encoding));
}

#[test]
fn the_writer_produces_customer_get_answers() {
    let xml = "<foxydata><result>SUCCESS</result><messages><message>Customer Found</message></messages>\
        <customer_id>51</customer_id><last_modified_date>2009-02-10 13:16:11</last_modified_date>\
        <customer_first_name>brett</customer_first_name><customer_email>example@example.tld</customer_email>\
        <shipping_first_name/></foxydata>";
    let response = ApiResponse::parse(xml).expect("parses");
    assert!(response.extra.is_empty());
    let written = response.to_http();
    assert_eq!(
        written.headers()["content-type"],
        "application/xml; charset=utf-8"
    );
    insta::assert_snapshot!(String::from_utf8(written.into_body()).expect("utf-8"));
}
