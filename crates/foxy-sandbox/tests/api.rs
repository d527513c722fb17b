//! hAPI routes over real HTTP: home, auth, media types, errors, caching.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::time::Duration;

use common::{Client, HAL, SIREN, XML, start, start_with};
use foxy_sandbox::Config;

#[test]
fn home_requires_version_header_and_lists_links() {
    let sb = start();
    let anon = Client::new(sb.base_url());
    let r = anon.send("GET", "/", &[], Vec::new());
    assert_eq!(r.status, 200);
    let home = r.res();
    assert!(home.link("fx:token").is_some());
    assert!(
        home.link("fx:store").is_none(),
        "anonymous home hides the store"
    );

    let agent = common::agent();
    let raw = agent.get(format!("{}/", sb.base_url())).call().unwrap();
    assert_eq!(raw.status().as_u16(), 400);
    let body = raw.into_body().read_to_string().unwrap();
    assert!(
        body.contains("fx:errors") && body.contains("FOXY-API-VERSION"),
        "{body}"
    );

    let c = Client::authed(&sb);
    let home = c.get("/").res();
    for rel in [
        "fx:store",
        "fx:token",
        "fx:property_helpers",
        "fx:user",
        "fx:stores",
        "fx:reporting",
        "fx:encode",
    ] {
        let link = home.link(rel).unwrap_or_else(|| panic!("{rel}"));
        assert!(link.href.starts_with(sb.base_url()), "{rel} {}", link.href);
        assert!(link.title.is_some());
    }
    assert_eq!(
        home.property("message").and_then(|v| v.as_str()),
        Some("Welcome to the FoxyCart API!")
    );
    let raw = c.get("/").text();
    assert!(raw.contains("\"curies\"") && raw.contains("https://api.foxycart.com/rels/{rel}"));
    for rel in [
        "fx:user",
        "fx:stores",
        "fx:property_helpers",
        "fx:reporting",
    ] {
        let href = home.link(rel).unwrap().href.clone();
        assert_eq!(c.get(&href).status, 200, "{rel}");
    }
    let html =
        r#"<a href="https://sandbox.foxycart.com/cart?name=Sprocket&price=10&code=SKU1">Buy</a>"#;
    let r = c.send(
        "POST",
        "/encode",
        &[("content-type", "text/html")],
        html.as_bytes().to_vec(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let signed = r.prop("result");
    assert!(signed.contains("||") && signed.contains("Buy"), "{signed}");
    let r = c.json("POST", "/encode", &format!("{{\"html\":{html:?}}}"));
    assert_eq!(r.prop("result"), signed);
    assert_eq!(c.json("POST", "/encode", "{}").status, 400);
}

#[test]
fn bearer_tokens_are_checked() {
    let sb = start();
    let mut c = Client::new(sb.base_url());
    c.token = Some("nope".into());
    let r = c.get("/");
    assert_eq!(r.status, 401);
    assert_eq!(r.prop("error"), "invalid_token");
    assert!(!r.prop("error_description").is_empty());
    assert!(
        r.header("www-authenticate")
            .unwrap()
            .contains("invalid_token")
    );
    c.token = None;
    let store = format!("{}/stores/{}", sb.base_url(), sb.store_id());
    let r = c.get(&store);
    assert_eq!(r.status, 401);
    assert_eq!(r.prop("error"), "invalid_token");
    let c = Client::authed(&sb);
    assert_eq!(c.get(&store).status, 200);
}

#[test]
fn expired_tokens_are_rejected() {
    let sb = start_with(Config::default().with_token_lifetime(Duration::from_millis(300)));
    let c = Client::authed(&sb);
    let store = c.store();
    assert_eq!(c.get(&store).status, 200);
    std::thread::sleep(Duration::from_millis(450));
    let r = c.get(&store);
    assert_eq!(r.status, 401);
    assert_eq!(r.prop("error"), "invalid_token");
    assert!(r.prop("error_description").contains("expired"));
}

#[test]
fn token_endpoint_grants() {
    let sb = start();
    let creds = sb.credentials().clone();
    let c = Client::new(sb.base_url());
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let body = |s: String| s.into_bytes();

    let r = c.send(
        "POST",
        "/token",
        &form,
        body(format!(
            "grant_type=refresh_token&refresh_token={}&client_id={}&client_secret={}",
            creds.refresh_token, creds.client_id, creds.client_secret
        )),
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(r.prop("expires_in"), "7200");
    assert_eq!(r.prop("token_type"), "bearer");
    assert!(
        r.res().property("refresh_token").is_none(),
        "refresh tokens are not reissued"
    );

    use base64::Engine as _;
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", creds.client_id, creds.client_secret));
    let auth = format!("Basic {basic}");
    let r = c.send(
        "POST",
        "/token",
        &[form[0], ("authorization", &auth)],
        body("grant_type=client_credentials".into()),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.prop("scope"), "client_full_access");

    let r = c.send(
        "POST",
        "/token",
        &form,
        body(format!(
            "grant_type=client_credentials&client_id={}&client_secret=wrong",
            creds.client_id
        )),
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.prop("error"), "invalid_client");
    let r = c.send(
        "POST",
        "/token",
        &[form[0], ("authorization", &auth)],
        body("grant_type=refresh_token&refresh_token=bogus".into()),
    );
    assert_eq!((r.status, r.prop("error").as_str()), (400, "invalid_grant"));
    let r = c.send(
        "POST",
        "/token",
        &[form[0], ("authorization", &auth)],
        body("grant_type=password".into()),
    );
    assert_eq!(
        (r.status, r.prop("error").as_str()),
        (400, "unsupported_grant_type")
    );

    // authorization_code: /authorize redirects with a code, /token exchanges it once.
    let r = c.get(&format!(
        "/authorize?response_type=code&client_id={}&redirect_uri=http%3A%2F%2Fapp.test%2Fcb&state=xyz",
        creds.client_id
    ));
    assert_eq!(r.status, 302);
    let loc = url::Url::parse(&r.header("location").unwrap()).unwrap();
    let q: Vec<(String, String)> = loc.query_pairs().into_owned().collect();
    assert!(q.contains(&("state".into(), "xyz".into())));
    let code = q.iter().find(|(k, _)| k == "code").unwrap().1.clone();
    let exchange = format!(
        "grant_type=authorization_code&code={code}&redirect_uri=http%3A%2F%2Fapp.test%2Fcb"
    );
    let r = c.send(
        "POST",
        "/token",
        &[form[0], ("authorization", &auth)],
        body(exchange.clone()),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let issued_refresh = r.prop("refresh_token");
    assert!(!issued_refresh.is_empty());
    let r = c.send(
        "POST",
        "/token",
        &[form[0], ("authorization", &auth)],
        body(exchange),
    );
    assert_eq!((r.status, r.prop("error").as_str()), (400, "invalid_grant"));
    let r = c.send(
        "POST",
        "/token",
        &[form[0], ("authorization", &auth)],
        body(format!(
            "grant_type=refresh_token&refresh_token={issued_refresh}"
        )),
    );
    assert_eq!(r.status, 200);
    // JSON bodies are accepted too.
    let r = c.send(
        "POST",
        "/token",
        &[
            ("content-type", "application/json"),
            ("authorization", &auth),
        ],
        br#"{"grant_type":"client_credentials"}"#.to_vec(),
    );
    assert_eq!(r.status, 200);

    let stats = sb.stats();
    assert_eq!(stats.token_requests, 9);
    assert_eq!(stats.refresh_grants, 2);
    let via_http = c.get("/_sandbox/stats");
    assert_eq!(via_http.prop("token_requests"), "9");

    // The grants route counts the successful grants of each type: two
    // refresh_token, one authorization_code (its replay failed), two
    // client_credentials (form and JSON).
    let grants = c.get("/_sandbox/grants");
    assert_eq!(grants.status, 200);
    assert_eq!(
        grants.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        grants.text(),
        r#"{"refresh_token":2,"client_credentials":2,"authorization_code":1}"#
    );
    assert_eq!(stats.client_credentials_grants, 2);
    assert_eq!(stats.authorization_code_grants, 1);
    // A refused grant counts nothing; a reset of the stats resets them.
    let r = c.send(
        "POST",
        "/token",
        &form,
        body("grant_type=refresh_token&refresh_token=nope&client_id=x&client_secret=y".into()),
    );
    assert_eq!(r.status / 100, 4);
    assert_eq!(c.get("/_sandbox/grants").prop("refresh_token"), "2");
    assert_eq!(
        c.send("DELETE", "/_sandbox/stats", &[], Vec::new()).status,
        200
    );
    assert_eq!(
        c.get("/_sandbox/grants").text(),
        r#"{"refresh_token":0,"client_credentials":0,"authorization_code":0}"#
    );
}

#[test]
fn three_media_types_carry_the_same_cart() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    c.create(
        &format!("{cart}/items"),
        r#"{"name":"Sprocket","price":"19.99","quantity":3}"#,
    );
    let hal = c.get_as(&format!("{cart}?zoom=items"), HAL);
    let xml = c.get_as(&format!("{cart}?zoom=items"), XML);
    let siren = c.get_as(&format!("{cart}?zoom=items"), SIREN);
    assert_eq!(hal.header("content-type").as_deref(), Some(HAL));
    assert_eq!(xml.header("content-type").as_deref(), Some(XML));
    assert_eq!(siren.header("content-type").as_deref(), Some(SIREN));
    assert!(
        xml.text()
            .contains("rel=\"https://api.foxycart.com/rels/item\""),
        "{}",
        xml.text()
    );
    for r in [&hal, &xml, &siren] {
        let res = r.res();
        assert_eq!(res.self_href(), Some(cart.as_str()));
        assert_eq!(common::text(res.property("total_order").unwrap()), "59.97");
        assert!(res.link("fx:items").is_some());
        assert!(res.link("fx:create_session").is_some());
    }
    assert_eq!(hal.res().embedded("fx:items").len(), 1);
    // Content-Type picks the format when Accept is absent.
    let r = c.send("GET", &cart, &[("content-type", XML)], Vec::new());
    assert_eq!(r.header("content-type").as_deref(), Some(XML));
    // Unknown Accept: 406 error document.
    let r = c.get_as(&cart, "text/csv");
    assert_eq!(r.status, 406);
    r.error_message();
}

#[test]
fn request_bodies_in_every_encoding() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let items = format!("{cart}/items");
    let xml = b"<?xml version=\"1.0\"?><resource><name>Xml Widget</name><price>2.50</price><quantity>2</quantity></resource>";
    let r = c.send(
        "POST",
        &items,
        &[("content-type", "application/xml")],
        xml.to_vec(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let r = c.send(
        "POST",
        &items,
        &[("content-type", "application/x-www-form-urlencoded")],
        b"name=Form+Widget&price=1.10&quantity=1".to_vec(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let mp = b"--BOUND\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nMultipart Widget\r\n--BOUND\r\nContent-Disposition: form-data; name=\"price\"\r\n\r\n0.40\r\n--BOUND--\r\n";
    let r = c.send(
        "POST",
        &items,
        &[("content-type", "multipart/form-data; boundary=BOUND")],
        mp.to_vec(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let total = c.get(&cart).prop("total_item_price");
    assert_eq!(total, "6.5");
    let r = c.send(
        "POST",
        &items,
        &[("content-type", "text/csv")],
        b"name,price".to_vec(),
    );
    assert_eq!(r.status, 415);
    r.error_message();
    let r = c.send(
        "POST",
        &items,
        &[("content-type", "application/json")],
        b"{not json".to_vec(),
    );
    assert_eq!(r.status, 400);
}

#[test]
fn error_documents() {
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    let r = c.get("/no/such/route");
    assert_eq!(r.status, 404);
    r.error_message();
    let r = c.get("/carts/999999");
    assert_eq!(r.status, 404);
    assert!(r.error_message().contains("not found"));
    let r = c.get("/carts/abc");
    assert_eq!(r.status, 404);
    // The description allows no POST to a store; DELETE it allows, and the
    // sandbox refuses to delete its only store.
    let r = c.send("POST", &store, &[], Vec::new());
    assert_eq!(r.status, 405);
    let allow = r.header("allow").unwrap();
    assert!(
        allow.contains("GET") && allow.contains("PATCH") && !allow.contains("POST"),
        "{allow}"
    );
    r.error_message();
    let r = c.send("DELETE", &store, &[], Vec::new());
    assert_eq!(r.status, 403);
    assert!(r.error_message().contains("cannot be deleted"));
    let r = c.send("OPTIONS", &store, &[], Vec::new());
    assert_eq!(r.status, 200);
    assert!(r.header("allow").unwrap().contains("PUT"));
    let carts = c.link(&store, "fx:carts");
    let r = c.get(&format!("{carts}?limit=301"));
    assert_eq!(r.status, 400);
    assert!(r.error_message().contains("limit"));
    let r = c.get(&format!("{carts}?limit=abc"));
    assert_eq!(r.status, 400);
    let r = c.get(&format!("{carts}?no_such_field=1"));
    assert_eq!(r.status, 400);
    let r = c.get(&format!("{carts}?order=bogus"));
    assert_eq!(r.status, 400);
    let cart = c.create(&carts, "{}");
    let items = format!("{cart}/items");
    for bad in [
        r#"{"name":"x","quantity":-1}"#,
        r#"{"name":"x","quantity":"many"}"#,
        r#"{"name":"x","price":"cheap"}"#,
        r#"{"price":1}"#,
    ] {
        let r = c.json("POST", &items, bad);
        assert_eq!(r.status, 400, "{bad}");
        r.error_message();
    }
    let r = c.json(
        "PATCH",
        &cart,
        r#"{"customer_uri":"http://x/customers/999999"}"#,
    );
    assert_eq!(r.status, 400);
    // Errors follow Accept.
    let r = c.get_as("/carts/999999", XML);
    assert_eq!(r.header("content-type").as_deref(), Some(XML));
    assert!(
        r.text().contains("https://api.foxycart.com/rels/errors"),
        "{}",
        r.text()
    );
}

#[test]
fn etags_and_conditional_requests() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let r = c.get(&cart);
    let etag = r.header("etag").unwrap();
    assert!(r.header("last-modified").unwrap().ends_with("GMT"));
    let r = c.send("GET", &cart, &[("if-none-match", &etag)], Vec::new());
    assert_eq!(r.status, 304);
    assert!(r.body.is_empty());
    c.create(&format!("{cart}/items"), r#"{"name":"A","price":1}"#);
    let r = c.send("GET", &cart, &[("if-none-match", &etag)], Vec::new());
    assert_eq!(r.status, 200);
    assert_ne!(r.header("etag").unwrap(), etag);
    let head = c.send("HEAD", &cart, &[], Vec::new());
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(head.header("etag").is_some());
}

/// Foxy's TypeScript SDK (and `fetch` given a string) sends JSON typed
/// `text/plain;charset=UTF-8` or untyped; the API reads it as JSON.
#[test]
fn text_plain_and_untyped_bodies_are_read_as_json() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let items = format!("{cart}/items");
    let json = br#"{"name":"Plain Widget","price":"1.25","quantity":2}"#;
    for ct in [
        "text/plain;charset=UTF-8",
        "Text/Plain",
        "text/plain; format=flowed",
    ] {
        let r = c.send("POST", &items, &[("content-type", ct)], json.to_vec());
        assert_eq!(r.status, 201, "{ct}: {}", r.text());
        let item = r.header("location").expect("Location");
        assert_eq!(c.get(&item).prop("name"), "Plain Widget");
    }
    let r = c.send("POST", &items, &[], json.to_vec());
    assert_eq!(r.status, 201, "untyped: {}", r.text());
    let item = r.header("location").expect("Location");
    let r = c.send(
        "PATCH",
        &item,
        &[("content-type", "text/plain;charset=UTF-8")],
        br#"{"quantity":5}"#.to_vec(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(c.get(&item).prop("quantity"), "5");
    assert_eq!(c.get(&cart).prop("total_item_price"), "13.75");

    // The token endpoint too.
    let creds = sb.credentials();
    let body = format!(
        r#"{{"grant_type":"refresh_token","refresh_token":"{}","client_id":"{}","client_secret":"{}"}}"#,
        creds.refresh_token, creds.client_id, creds.client_secret
    );
    let anon = Client::new(sb.base_url());
    let r = anon.send(
        "POST",
        "/token",
        &[("content-type", "text/plain;charset=UTF-8")],
        body.into_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!r.prop("access_token").is_empty());
}

/// A `text/plain` or untyped body that is not JSON is refused with 415 and an
/// error document; other unknown types stay 415.
#[test]
fn text_plain_bodies_that_are_not_json_are_refused() {
    let sb = start();
    let c = Client::authed(&sb);
    let carts = c.link(&c.store(), "fx:carts");
    let cart = c.create(&carts, "{}");
    let items = format!("{cart}/items");
    let before = c.get(&cart).prop("total_item_price");
    for headers in [
        &[("content-type", "text/plain;charset=UTF-8")][..],
        &[][..],
        &[("content-type", "text/html")][..],
        &[("content-type", "image/png")][..],
    ] {
        let r = c.send("POST", &items, headers, b"name=Widget&price=1".to_vec());
        assert_eq!(r.status, 415, "{headers:?}: {}", r.text());
        let msg = r.error_message();
        assert!(msg.contains("application/json"), "{msg}");
    }
    assert_eq!(c.get(&cart).prop("total_item_price"), before);
}
