//! Snapshot tests: each query form, serialized as the conventions say.

use foxy_proto::auth::Secret;
use foxy_proto::query::{Filter, Limit, Operator, Query};
use foxy_proto::request::{RequestBuilder, to_http1};

const CUSTOMERS: &str = "https://api.foxycart.com/stores/8/customers";

fn wire(query: Query) -> String {
    let request = RequestBuilder::get(CUSTOMERS)
        .query(query)
        .bearer(Secret::new("secret-token"))
        .build()
        .expect("valid request");
    to_http1(&request, true).replace("\r\n", "\n")
}

fn encoded(query: &Query) -> String {
    query.encode().expect("valid query")
}

#[test]
fn zoom_tree() {
    let q = Query::new()
        .zoom("items:item_options,customer")
        .expect("valid");
    assert_eq!(encoded(&q), "zoom=items,items:item_options,customer");
    insta::assert_snapshot!("query_zoom", wire(q));
}

#[test]
fn exact_partial_and_ranges() {
    let q = Query::new()
        .filter(Filter::eq("first_name", "John"))
        .filter(Filter::partial("last_name", "Jo*n").expect("valid"))
        .filter(Filter::range("order_total", 10, 100).expect("valid"))
        .filter(Filter::range("transaction_date", "2015-01-01", "2015-12-31").expect("valid"));
    assert_eq!(
        encoded(&q),
        "first_name=John&last_name=Jo*n&order_total=10..100&transaction_date=2015-01-01..2015-12-31"
    );
    insta::assert_snapshot!("query_filters", wire(q));
}

#[test]
fn zoomed_and_operator_filters() {
    let q = Query::new()
        .zoom("items:item_options")
        .expect("valid")
        .filter(
            Filter::eq("name", "color")
                .on("items:item_options")
                .expect("valid"),
        )
        .filter(Filter::compare("total_order", Operator::GreaterThan, "50").expect("valid"))
        .filter(
            Filter::eq("name", "red")
                .keyed("color")
                .and_then(|f| f.on("attributes"))
                .expect("valid"),
        );
    assert_eq!(
        encoded(&q),
        "zoom=items,items:item_options&items:item_options:name=color\
         &total_order:greaterthan=50&attributes:name%5Bcolor%5D=red"
    );
    insta::assert_snapshot!("query_zoomed_filters", wire(q));
}

#[test]
fn order_limit_offset_fields() {
    let q = Query::new()
        .order("field1,field2 asc,field3 desc")
        .expect("valid")
        .limit(Limit::new(300).expect("valid"))
        .offset(600)
        .fields("first_name,last_name")
        .expect("valid");
    assert_eq!(
        encoded(&q),
        "order=field1,field2%20asc,field3%20desc&fields=first_name,last_name&limit=300&offset=600"
    );
    insta::assert_snapshot!("query_order_paging_fields", wire(q));
}

#[test]
fn values_are_percent_encoded() {
    let q = Query::new()
        .filter(Filter::eq("email", "jo+test@example.com"))
        .filter(Filter::eq("first_name", "Zoë & Co"));
    assert_eq!(
        encoded(&q),
        "email=jo%2Btest@example.com&first_name=Zo%C3%AB%20%26%20Co"
    );
    let back = Query::parse(&encoded(&q)).expect("parses back");
    assert_eq!(back, q);
}

#[test]
fn limit_301_is_refused_before_any_request() {
    let err = Limit::new(301).expect_err("an error");
    assert_eq!(err.to_string(), "limit must be between 1 and 300, got 301");
    assert!(Query::parse("limit=301").is_err());
    assert!(Query::parse("limit=0").is_err());
}

#[test]
fn cli_forms_parse() {
    let filter: Filter = "items:item_options:name=color".parse().expect("valid");
    let q = Query::new()
        .zoom("items:item_options")
        .expect("valid")
        .filter(filter)
        .order("date_created desc")
        .expect("valid");
    assert_eq!(
        encoded(&q),
        "zoom=items,items:item_options&items:item_options:name=color&order=date_created%20desc"
    );
    assert!("no_equals".parse::<Filter>().is_err());
    assert!(Query::new().order("a upward").is_err());
}
