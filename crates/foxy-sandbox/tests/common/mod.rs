//! A minimal HTTP client (ureq) for driving the sandbox over loopback.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Duration;

pub mod raw;
pub mod walk;

use foxy_proto::{MediaType, Resource, Value, codec};
use foxy_sandbox::{BackgroundSandbox, Config, Sandbox};

pub const HAL: &str = "application/hal+json";
pub const XML: &str = "application/hal+xml";
pub const SIREN: &str = "application/vnd.siren+json";

pub struct Resp {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// Parses the body by its Content-Type.
    pub fn res(&self) -> Resource {
        let ct = self.header("content-type").unwrap_or_default();
        let media = MediaType::parse(&ct).unwrap_or(MediaType::HalJson);
        codec::parse(media, &self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
    /// The message of an `fx:errors` document.
    pub fn error_message(&self) -> String {
        let res = self.res();
        let errs = res.embedded("fx:errors");
        assert_eq!(errs.len(), 1, "not an error document: {}", self.text());
        assert!(errs[0].property("logref").is_some());
        errs[0]
            .property("message")
            .and_then(Value::as_str)
            .unwrap()
            .to_owned()
    }
    pub fn prop(&self, name: &str) -> String {
        text(self.res().property(name).unwrap_or(&Value::Null))
    }
}

pub fn text(v: &Value) -> String {
    v.scalar_text().unwrap_or_default()
}

pub struct Client {
    pub base: String,
    pub token: Option<String>,
    agent: ureq::Agent,
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .new_agent()
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_owned(),
            token: None,
            agent: agent(),
        }
    }

    /// A client holding an access token from the refresh grant.
    pub fn authed(sb: &BackgroundSandbox) -> Client {
        let mut c = Client::new(sb.base_url());
        let creds = sb.credentials();
        let body = format!(
            "grant_type=refresh_token&refresh_token={}&client_id={}&client_secret={}",
            creds.refresh_token, creds.client_id, creds.client_secret
        );
        let r = c.send(
            "POST",
            "/token",
            &[("content-type", "application/x-www-form-urlencoded")],
            body.into_bytes(),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        c.token = Some(r.prop("access_token"));
        c
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    /// A request to `path` with FOXY-API-VERSION and the bearer token (when held).
    fn request(&self, method: &str, path: &str) -> http::request::Builder {
        let b = http::Request::builder()
            .method(method)
            .uri(self.url(path))
            .header("FOXY-API-VERSION", "1");
        match &self.token {
            Some(t) => b.header("Authorization", format!("Bearer {t}")),
            None => b,
        }
    }

    /// Sends a built request and reads the whole answer.
    fn run(&self, request: http::request::Builder, body: Vec<u8>) -> Resp {
        let resp = self
            .agent
            .run(request.body(body).unwrap())
            .expect("request");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.into_body().read_to_vec().unwrap_or_default();
        Resp {
            status,
            headers,
            body,
        }
    }

    /// Sends a request with FOXY-API-VERSION and the bearer token (when held).
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Resp {
        let b = headers
            .iter()
            .fold(self.request(method, path), |b, (k, v)| b.header(*k, *v));
        self.run(b, body)
    }

    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, &[], Vec::new())
    }

    pub fn get_as(&self, path: &str, accept: &str) -> Resp {
        self.send("GET", path, &[("accept", accept)], Vec::new())
    }

    pub fn json(&self, method: &str, path: &str, body: &str) -> Resp {
        self.send(
            method,
            path,
            &[("content-type", "application/json")],
            body.as_bytes().to_vec(),
        )
    }

    /// POSTs JSON to a collection, asserts 201 and returns the Location.
    pub fn create(&self, path: &str, body: &str) -> String {
        let r = self.json("POST", path, body);
        assert_eq!(r.status, 201, "{}", r.text());
        let loc = r.header("location").expect("Location");
        assert_eq!(r.res().self_href(), Some(loc.as_str()));
        loc
    }

    pub fn store(&self) -> String {
        let home = self.get("/").res();
        home.link("fx:store").expect("fx:store").href.clone()
    }

    pub fn link(&self, href: &str, rel: &str) -> String {
        self.get(href)
            .res()
            .link(rel)
            .unwrap_or_else(|| panic!("no {rel} at {href}"))
            .href
            .clone()
    }
}

pub fn start() -> BackgroundSandbox {
    Sandbox::start_background(Config::default()).expect("sandbox starts")
}

pub fn start_with(config: Config) -> BackgroundSandbox {
    Sandbox::start_background(config).expect("sandbox starts")
}

/// At most 300 characters of `text`, for assertion messages.
pub fn clip_text(text: &str) -> String {
    text.chars().take(300).collect()
}

impl Client {
    /// Sends one header given as raw bytes (not necessarily text).
    pub fn send_raw_header(
        &self,
        method: &str,
        path: &str,
        name: &str,
        value: http::HeaderValue,
        body: Vec<u8>,
    ) -> Resp {
        self.run(self.request(method, path).header(name, value), body)
    }
}
