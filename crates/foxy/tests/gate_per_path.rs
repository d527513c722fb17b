//! One gate for every request, one test per request path: plain http to a
//! host that is not loopback is refused before anything is sent, on the
//! builder's URLs, both hypermedia clients, a relation followed, a next
//! page, the token endpoint (given or learnt from the home), the legacy
//! API clients and the `/cart` clients.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::{Arc, Mutex};

use foxy::cart_link::{AsyncCartLink, CartLink};
use foxy::legacy::{AsyncLegacyClient, LegacyClient};
use foxy::transport::{AsyncTransport, BoxFuture, Outcome, Transport};
use foxy::{
    AsyncClient, Client, ClientCredentials, Credentials, Error, PolicyError, Query, Tokens,
};
use foxy_proto::Secret;
use foxy_proto::cart_endpoint::Product;
use rust_decimal::Decimal;

const REMOTE: &str = "http://store.example.test";

/// Answers with `answers` in order (then `{}`), recording every URI sent.
#[derive(Clone, Default)]
struct Fake {
    sent: Arc<Mutex<Vec<String>>>,
    answers: Arc<Mutex<Vec<(u16, String)>>>,
}

impl Fake {
    fn answering(answers: &[(u16, &str)]) -> Fake {
        let mut list: Vec<(u16, String)> =
            answers.iter().map(|(s, b)| (*s, (*b).to_owned())).collect();
        list.reverse();
        Fake {
            sent: Arc::default(),
            answers: Arc::new(Mutex::new(list)),
        }
    }

    fn sent(&self) -> Vec<String> {
        self.sent.lock().unwrap().clone()
    }

    fn answer(&self, request: &http::Request<Vec<u8>>) -> Outcome {
        self.sent.lock().unwrap().push(request.uri().to_string());
        let (status, body) = self
            .answers
            .lock()
            .unwrap()
            .pop()
            .unwrap_or((200, "{}".into()));
        let mut response = http::Response::new(body.into_bytes());
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
        Ok(response)
    }
}

impl Transport for Fake {
    fn send(&self, request: http::Request<Vec<u8>>) -> Outcome {
        self.answer(&request)
    }
}

impl AsyncTransport for Fake {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Outcome> {
        let outcome = self.answer(&request);
        Box::pin(async move { outcome })
    }
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// Whether `result` is the policy refusing plain http to the remote host.
fn refused<T: std::fmt::Debug>(result: Result<T, Error>) -> bool {
    matches!(result, Err(Error::Policy(PolicyError::InsecureHttp { ref host })) if host == "store.example.test")
}

fn client(fake: &Fake) -> Client {
    Client::builder()
        .base_url("https://api.example.test/")
        .access_token("t")
        .transport(fake.clone())
        .build()
        .unwrap()
}

#[test]
fn the_builder_refuses_a_plain_http_base_url() {
    let fake = Fake::default();
    let built = Client::builder()
        .base_url(format!("{REMOTE}/"))
        .access_token("t")
        .transport(fake.clone())
        .build();
    assert!(refused(built));
    let built = AsyncClient::builder()
        .base_url(format!("{REMOTE}/"))
        .access_token("t")
        .build();
    assert!(refused(built));
    assert!(fake.sent().is_empty());
}

#[test]
fn the_builder_refuses_a_plain_http_token_endpoint() {
    let built = Client::builder()
        .base_url("https://api.example.test/")
        .token_endpoint(format!("{REMOTE}/token"))
        .refresh_token("id", "secret", "refresh")
        .build();
    assert!(refused(built));
}

#[test]
fn the_blocking_client_refuses_a_plain_http_href() {
    let fake = Fake::default();
    assert!(refused(
        client(&fake).get(format!("{REMOTE}/carts/1"), Query::new())
    ));
    assert!(fake.sent().is_empty());
}

#[test]
fn the_async_client_refuses_a_plain_http_href() {
    let fake = Fake::default();
    let client = AsyncClient::builder()
        .base_url("https://api.example.test/")
        .access_token("t")
        .async_transport(fake.clone())
        .build()
        .unwrap();
    assert!(refused(block_on(
        client.get(format!("{REMOTE}/carts/1"), Query::new())
    )));
    assert!(fake.sent().is_empty());
}

#[test]
fn a_relation_followed_to_a_plain_http_link_is_refused() {
    let home = format!(r#"{{"_links":{{"fx:store":{{"href":"{REMOTE}/stores/1"}}}}}}"#);
    let fake = Fake::answering(&[(200, &home)]);
    assert!(refused(client(&fake).follow("fx:store").get(Query::new())));
    assert_eq!(
        fake.sent(),
        ["https://api.example.test/"],
        "only the home was read"
    );
}

#[test]
fn a_next_page_on_plain_http_is_refused() {
    // No counts, so the walk cannot plan its pages and follows the `next` link.
    let page = format!(
        r#"{{"_links":{{"self":{{"href":"https://api.example.test/carts"}},"next":{{"href":"{REMOTE}/carts?offset=1"}}}},
           "_embedded":{{"fx:carts":[{{"_links":{{"self":{{"href":"https://api.example.test/carts/1"}}}}}}]}}}}"#
    );
    let fake = Fake::answering(&[(200, &page)]);
    let carts: Vec<Result<foxy::model::Cart, Error>> = client(&fake)
        .all("https://api.example.test/carts", Query::new())
        .collect();
    assert_eq!(carts.len(), 2, "{carts:?}");
    assert!(carts[0].is_ok());
    assert!(refused(carts[1].clone()));
    assert_eq!(fake.sent().len(), 1);
}

#[test]
fn a_plain_http_token_endpoint_learnt_from_the_home_is_refused() {
    let home = format!(r#"{{"_links":{{"fx:token":{{"href":"{REMOTE}/token"}}}}}}"#);
    let rejected = r#"{"error":"invalid_token","error_description":"expired"}"#;
    let fake = Fake::answering(&[(200, &home), (401, rejected)]);
    let tokens = Tokens {
        access_token: Secret::new("old"),
        refresh_token: Some(Secret::new("refresh")),
        expires_at: None,
        lifetime: None,
        scope: None,
    };
    let client = Client::builder()
        .base_url("https://api.example.test/")
        .credentials(Credentials::Tokens {
            tokens,
            client: Some(ClientCredentials::new("id", "secret")),
        })
        .transport(fake.clone())
        .build()
        .unwrap();
    client.home().unwrap();
    // The API rejects the token; the refresh would go to the learnt
    // endpoint in plain http: refused, the refresh token never sent.
    assert!(refused(
        client.get("https://api.example.test/carts", Query::new())
    ));
    assert_eq!(fake.sent().len(), 2, "{:?}", fake.sent());
}

#[test]
fn the_blocking_legacy_client_refuses_plain_http() {
    let fake = Fake::default();
    let legacy = LegacyClient::new(fake.clone(), REMOTE, Secret::new("s3cret"));
    assert!(refused(legacy.category_list()));
    assert!(refused(
        legacy.raw(foxy_proto::legacy::Action::CustomerList, &[])
    ));
    assert!(fake.sent().is_empty(), "the store secret never left");
}

#[test]
fn the_async_legacy_client_refuses_plain_http() {
    let fake = Fake::default();
    let legacy = AsyncLegacyClient::new(fake.clone(), REMOTE, Secret::new("s3cret"));
    assert!(refused(block_on(legacy.category_list())));
    assert!(fake.sent().is_empty());
}

#[test]
fn the_blocking_cart_link_refuses_plain_http() {
    let fake = Fake::default();
    let mut cart = CartLink::new(fake.clone(), REMOTE);
    assert!(refused(
        cart.add(Product::new("Sprocket", Decimal::new(1000, 2)))
    ));
    assert!(refused(cart.view()));
    assert!(fake.sent().is_empty());
}

#[test]
fn the_async_cart_link_refuses_plain_http() {
    let fake = Fake::default();
    let mut cart = AsyncCartLink::new(fake.clone(), REMOTE);
    assert!(refused(block_on(cart.view())));
    assert!(fake.sent().is_empty());
}
