//! A request as HTTP/1.1 text, for dry runs, logs and snapshots.

use std::fmt::Write as _;

use http::{Request, header};

/// Form fields whose values are secrets.
const SECRET_FIELDS: [&str; 4] = ["client_secret", "refresh_token", "code", "access_token"];

/// The request as it would go on the wire over HTTP/1.1: request line,
/// `Host`, the headers in order, `Content-Length` when there is a body, a
/// blank line and the body (as UTF-8, lossily).
///
/// With `mask`, credentials are replaced by `****`: the `Authorization`
/// value after its scheme (`Bearer ****`), and secret fields of a
/// form-encoded body (`client_secret`, `refresh_token`, `code`).
pub fn to_http1(request: &Request<Vec<u8>>, mask: bool) -> String {
    let uri = request.uri();
    let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
    let mut out = format!("{} {target} HTTP/1.1\r\n", request.method());
    if let Some(authority) = uri.authority() {
        let _ = write!(out, "Host: {authority}\r\n");
    }
    for (name, value) in request.headers() {
        let text = String::from_utf8_lossy(value.as_bytes());
        let shown = if mask && (name == header::AUTHORIZATION || value.is_sensitive()) {
            match text.split_once(' ') {
                Some((scheme, _)) => format!("{scheme} ****"),
                None => "****".to_owned(),
            }
        } else {
            text.into_owned()
        };
        let _ = write!(out, "{}: {shown}\r\n", canonical_name(name.as_str()));
    }
    let body = request.body();
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes()
                .starts_with(b"application/x-www-form-urlencoded")
        });
    let body_text = if mask && is_form {
        mask_form(&String::from_utf8_lossy(body))
    } else {
        String::from_utf8_lossy(body).into_owned()
    };
    if !body.is_empty() || matches!(request.method().as_str(), "POST" | "PUT" | "PATCH") {
        let _ = write!(out, "Content-Length: {}\r\n", body.len());
    }
    out.push_str("\r\n");
    out.push_str(&body_text);
    out
}

fn mask_form(body: &str) -> String {
    body.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if SECRET_FIELDS.contains(&name) => format!("{name}=****"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `foxy-api-version` → `FOXY-API-VERSION` (as Foxy documents it);
/// other names in Title-Case (`content-type` → `Content-Type`).
fn canonical_name(name: &str) -> String {
    if name.eq_ignore_ascii_case(super::API_VERSION_HEADER) {
        return super::API_VERSION_HEADER.to_owned();
    }
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_credentials() {
        let request = Request::post("https://api.test/token")
            .header("authorization", "Basic abc")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(b"grant_type=refresh_token&refresh_token=r1&client_secret=s1".to_vec())
            .expect("valid");
        let text = to_http1(&request, true);
        assert_eq!(
            text,
            "POST /token HTTP/1.1\r\nHost: api.test\r\nAuthorization: Basic ****\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 58\r\n\r\n\
             grant_type=refresh_token&refresh_token=****&client_secret=****"
        );
        assert!(to_http1(&request, false).contains("client_secret=s1"));
    }
}
