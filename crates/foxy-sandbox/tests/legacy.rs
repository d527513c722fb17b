//! The legacy XML API over raw HTTP: POST only, the token, form encodings,
//! and answers as `<foxydata>` documents.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Client, start};
use foxy_proto::legacy::{Action, ApiRequest, ApiResponse, ApiResult};
use foxy_proto::signing::Secret;

fn post(c: &Client, content_type: &str, body: Vec<u8>) -> (u16, ApiResponse) {
    let r = c.send("POST", "/api", &[("content-type", content_type)], body);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/xml")
    );
    (
        r.status,
        ApiResponse::parse(&r.text()).unwrap_or_else(|e| panic!("{e}: {}", r.text())),
    )
}

#[test]
fn get_is_refused_with_a_legacy_document() {
    let sb = start();
    let c = Client::new(sb.base_url());
    let r = c.get("/api?api_token=x&api_action=category_list");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow").as_deref(), Some("POST"));
    let answer = ApiResponse::parse(&r.text()).unwrap();
    assert_eq!(answer.result, ApiResult::Error);
    assert!(answer.messages[0].contains("GET"));
}

#[test]
fn tokens_actions_and_encodings() {
    let sb = start();
    let c = Client::new(sb.base_url());
    let secret = sb.credentials().store_secret.clone();
    let form = "application/x-www-form-urlencoded";
    let (status, answer) = post(
        &c,
        form,
        b"api_token=wrong&api_action=category_list".to_vec(),
    );
    assert_eq!(
        (status, answer.result, answer.messages[0].as_str()),
        (200, ApiResult::Error, "Invalid API token")
    );
    let (_, answer) = post(
        &c,
        form,
        format!("api_token={secret}&api_action=drop_tables").into_bytes(),
    );
    assert!(answer.messages[0].contains("drop_tables"));
    let (_, answer) = post(&c, form, b"api_action=category_list".to_vec());
    assert!(answer.messages[0].contains("api_token"));

    let request = ApiRequest::new(
        sb.base_url(),
        Secret::new(secret.clone()),
        Action::CustomerGet,
    )
    .unwrap()
    .param("customer_email", "ada.lovelace@sandbox.test")
    .to_http()
    .unwrap();
    let r = c.send(
        "POST",
        "/api",
        &[("content-type", form)],
        request.into_body(),
    );
    assert!(r.text().starts_with("<?xml"));
    assert!(
        r.text()
            .contains("<customer_first_name>Ada</customer_first_name>"),
        "{}",
        r.text()
    );

    let boundary = "XyZ";
    let mut body = String::new();
    for (name, value) in [
        ("api_token", secret.as_str()),
        ("api_action", "category_list"),
    ] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let (_, answer) = post(
        &c,
        &format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    );
    assert_eq!(answer.result, ApiResult::Success);
    assert_eq!(answer.categories.len(), 3);

    let (_, failed) = post(
        &c,
        form,
        format!("api_token={secret}&api_action=customer_save&customer_email=new%40x.test&customer_country=USA&customer_password=p").into_bytes(),
    );
    assert_eq!(failed.result, ApiResult::Error);
    let (_, lookup) = post(
        &c,
        form,
        format!("api_token={secret}&api_action=customer_get&customer_email=new%40x.test")
            .into_bytes(),
    );
    assert_eq!(
        lookup.result,
        ApiResult::Error,
        "a failed save leaves nothing behind"
    );
}
