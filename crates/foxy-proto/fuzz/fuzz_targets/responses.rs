//! Fuzz what the clients read from API responses besides resources: the
//! OAuth token response, error documents (`fx:errors`, in the media type of
//! the `Content-Type`), the /cart endpoint's JSON session, and the
//! `Content-Type` and `Retry-After` headers. Input: the `Content-Type`, a
//! newline, the `Retry-After` value, a newline, the body. Everything gives a
//! value or a typed error.
#![no_main]

use std::time::{Duration, SystemTime};

use foxy_proto::auth::parse_token_response;
use foxy_proto::cart_endpoint::CartSession;
use foxy_proto::error::read_resource;
use foxy_proto::http::{Response, StatusCode, header};
use foxy_proto::retry::parse_retry_after;
use foxy_proto::{ApiProblem, MediaType};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [content_type, retry_after, body] = foxy_proto_fuzz::split_lines::<3>(data);
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let content_type = String::from_utf8_lossy(content_type);
    let media = MediaType::parse(&content_type).unwrap_or(MediaType::HalJson);
    let _ = parse_retry_after(&String::from_utf8_lossy(retry_after), now);
    let _ = ApiProblem::from_bytes(media, body);
    let _ = CartSession::parse(body);
    for status in [
        StatusCode::OK,
        StatusCode::BAD_REQUEST,
        StatusCode::UNAUTHORIZED,
    ] {
        let mut builder = Response::builder().status(status);
        if let Ok(value) = header::HeaderValue::from_str(&content_type) {
            builder = builder.header(header::CONTENT_TYPE, value);
        }
        let Ok(response) = builder.body(body.to_vec()) else {
            return;
        };
        let _ = parse_token_response(&response, now);
        let _ = read_resource(&response, MediaType::HalJson);
    }
});
