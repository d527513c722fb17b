//! Driving the sandbox's hAPI from the legacy and /cart tests: tokens,
//! customers, carts and charges over the crate's own `UreqTransport`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use foxy::Transport;
use foxy::transport::UreqTransport;
use foxy_proto::{MediaType, Resource, Value, codec};
use foxy_sandbox::{BackgroundSandbox, Config, Sandbox};

pub struct Hapi {
    pub base: String,
    token: String,
    transport: UreqTransport,
}

pub fn start(config: Config) -> BackgroundSandbox {
    Sandbox::start_background(config).expect("sandbox starts")
}

impl Hapi {
    pub fn new(sb: &BackgroundSandbox) -> Hapi {
        let transport = UreqTransport::default();
        let c = sb.credentials();
        let body = format!(
            "grant_type=refresh_token&refresh_token={}&client_id={}&client_secret={}",
            c.refresh_token, c.client_id, c.client_secret
        );
        let request = http::Request::post(format!("{}/token", sb.base_url()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.into_bytes())
            .unwrap();
        let response = transport.send(request).unwrap();
        let doc = codec::parse(MediaType::Json, response.body()).unwrap();
        let token = doc
            .property("access_token")
            .and_then(Value::as_str)
            .unwrap()
            .to_owned();
        Hapi {
            base: sb.base_url().to_owned(),
            token,
            transport,
        }
    }

    pub fn send(
        &self,
        method: &str,
        path: &str,
        json: Option<&str>,
    ) -> (u16, http::HeaderMap, Resource) {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        let request = http::Request::builder()
            .method(method)
            .uri(url)
            .header("FOXY-API-VERSION", "1")
            .header("authorization", format!("Bearer {}", self.token))
            .header("content-type", "application/json")
            .body(json.unwrap_or_default().as_bytes().to_vec())
            .unwrap();
        let response = self.transport.send(request).unwrap();
        let status = response.status().as_u16();
        let doc = codec::parse(MediaType::HalJson, response.body())
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(response.body())));
        (status, response.headers().clone(), doc)
    }

    pub fn created(&self, path: &str, json: &str) -> String {
        let (status, headers, doc) = self.send("POST", path, Some(json));
        assert_eq!(status, 201, "{doc:?}");
        headers
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    }

    pub fn customer(&self, store: i64, email: &str) -> String {
        let (_, _, doc) = self.send(
            "GET",
            &format!("/stores/{store}/customers?email={email}"),
            None,
        );
        doc.embedded("fx:customers")[0]
            .self_href()
            .unwrap()
            .to_owned()
    }

    /// Charges a new cart of `customer` holding `items` (JSON objects); the transaction id.
    pub fn charge(&self, store: i64, customer: &str, items: &[&str]) -> u64 {
        let cart = self.created(
            &format!("/stores/{store}/carts"),
            &format!(r#"{{"customer_uri":"{customer}"}}"#),
        );
        for item in items {
            self.created(&format!("{cart}/items"), item);
        }
        let location = self.created(&cart, "");
        location.rsplit('/').next().unwrap().parse().unwrap()
    }
}
