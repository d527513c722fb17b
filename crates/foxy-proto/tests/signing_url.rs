//! Cart link signing and verification: products, bundles, open fields,
//! never-signed fields, tampering.

use foxy_proto::signing::{
    FailureReason, FieldFailure, Secret, SignError, field_hash, sign_url, verify_url,
};

fn secret() -> Secret {
    Secret::new("1")
}

#[test]
fn multi_product_links_use_each_products_code_without_the_prefix() {
    let signed = sign_url(
        &secret(),
        "/cart?code=abc123&name=Shirt&2:code=hat123&2:name=Hat",
    )
    .expect("signs");
    let hat = field_hash(&secret(), "hat123", "", "name", "Hat");
    assert!(signed.contains(&format!("&2:name||{hat}=Hat")), "{signed}");
    let shirt = field_hash(&secret(), "abc123", "", "name", "Shirt");
    assert!(
        signed.contains(&format!("&name||{shirt}=Shirt")),
        "{signed}"
    );
    assert!(verify_url(&secret(), &signed).expect("verifies").is_valid());
}

#[test]
fn bundled_children_hash_the_parent_code() {
    let signed = sign_url(
        &secret(),
        "/cart?code=abc123&name=Shirt&2:code=abc124&2:parent_code=abc123&2:name=Different%20T-Shirt",
    )
    .expect("signs");
    // The vector of hmac_cart_signing: code abc124, parent_code abc123.
    assert!(
        signed.contains(
            "2:name||ca2df56d0a72b3637b688d519939f7f00551f054cede1e35aa57602201e2b75f=Different+T-Shirt"
        ),
        "{signed}"
    );
}

#[test]
fn price_modifiers_are_part_of_the_value() {
    let signed = sign_url(&secret(), "/cart?code=c&color=red%7Bp%2B1.50%7D").expect("signs");
    let hash = field_hash(&secret(), "c", "", "color", "red{p+1.50}");
    assert!(
        signed.ends_with(&format!("color||{hash}=red%7Bp%2B1.50%7D")),
        "{signed}"
    );
}

#[test]
fn open_values_get_the_open_suffix() {
    let signed = sign_url(&secret(), "/cart?code=ABC123&quantity=--OPEN--").expect("signs");
    let hash = field_hash(&secret(), "ABC123", "", "quantity", "--OPEN--");
    assert!(
        signed.ends_with(&format!("quantity||{hash}||open=--OPEN--")),
        "{signed}"
    );
    let customer_value = signed.replace("=--OPEN--", "=7");
    assert!(
        verify_url(&secret(), &customer_value)
            .expect("verifies")
            .is_valid()
    );
}

#[test]
fn never_signed_fields_are_kept_verbatim() {
    let input = "/cart?cart=checkout&fcsid=abc&empty=true&coupon=SAVE&output=json&redirect=x&callback=cb\
                 &locale=fr&template_set=de&customer_email=a%40b&billing_city=X&shipping_state=Y\
                 &h:ref=1&x:note=2&__utmz=3&utm_source=news";
    assert_eq!(sign_url(&secret(), input).expect("nothing to sign"), input);
    let report = verify_url(&secret(), input).expect("verifies");
    assert_eq!(report.checked, 0);
}

#[test]
fn tampered_prices_fail_and_are_named() {
    let signed =
        sign_url(&secret(), "/cart?code=mycode&name=testname&price=123.00").expect("signs");
    let tampered = signed.replace("=123.00", "=1.00");
    let report = verify_url(&secret(), &tampered).expect("verifies");
    assert_eq!(report.checked, 3);
    assert_eq!(
        report.failures,
        [FieldFailure {
            name: "price".into(),
            reason: FailureReason::Mismatch
        }]
    );
    let wrong_key = verify_url(&Secret::new("2"), &signed).expect("verifies");
    assert_eq!(wrong_key.failures.len(), 3);
}

#[test]
fn unsigned_and_codeless_fields_fail_verification() {
    let signed = sign_url(&secret(), "/cart?code=mycode&name=testname").expect("signs");
    let report =
        verify_url(&secret(), &format!("{signed}&price=0.01&3:name=free")).expect("verifies");
    assert_eq!(
        report.failures,
        [
            FieldFailure {
                name: "price".into(),
                reason: FailureReason::Unsigned
            },
            FieldFailure {
                name: "3:name".into(),
                reason: FailureReason::MissingCode
            },
        ]
    );
}

#[test]
fn products_without_code_cannot_be_signed() {
    assert_eq!(
        sign_url(&secret(), "/cart?name=Free&price=0"),
        Err(SignError::MissingCode { product: 1 })
    );
    let err = sign_url(&Secret::new("top-secret"), "/cart?2:name=x").expect_err("no code");
    assert_eq!(err.to_string(), "product 2 has fields to sign but no code");
}
