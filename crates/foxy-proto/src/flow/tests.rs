//! Flows under a fake clock: chained calls, the policy gate, charges.

use http::Method;

use super::test_support::{TestError, context, drive};
use super::{Flow, Next};
use crate::error::Error;
use crate::policy::PolicyError;
use crate::replay::response;
use crate::request::RequestBuilder;

fn two_calls(base: &str) -> Flow<String, TestError> {
    let ctx = context(base);
    let owner = ctx.clone();
    let second = format!("{base}b");
    ctx.flow(
        "first",
        RequestBuilder::get(format!("{base}a")),
        move |first| {
            let a = String::from_utf8_lossy(first.body()).into_owned();
            let call = owner.call(RequestBuilder::get(second))?;
            let then = move |second: http::Response<Vec<u8>>| {
                let b = String::from_utf8_lossy(second.body()).into_owned();
                Ok(Next::Done(format!("{a}{b}")))
            };
            Ok(Next::Call(call, "second".to_owned(), Box::new(then)))
        },
    )
}

#[test]
fn calls_chain_and_each_is_authorized() {
    let (out, sent, slept) = drive(
        two_calls("https://api.test/"),
        vec![response(200, &[], "x"), response(200, &[], "y")],
    );
    assert_eq!(out, Ok("xy".to_owned()));
    assert_eq!(sent, ["GET https://api.test/a", "GET https://api.test/b"]);
    assert_eq!(slept, std::time::Duration::ZERO);
}

#[test]
fn a_get_is_retried_on_503_after_a_back_off() {
    let (out, sent, slept) = drive(
        two_calls("https://api.test/"),
        vec![
            response(503, &[], ""),
            response(200, &[], "x"),
            response(200, &[], "y"),
        ],
    );
    assert_eq!(out, Ok("xy".to_owned()));
    assert_eq!(sent.len(), 3);
    assert!(slept > std::time::Duration::ZERO);
}

#[test]
fn plain_http_off_loopback_is_refused_before_sending() {
    let (out, sent, _) = drive(two_calls("http://api.test/"), vec![]);
    assert!(sent.is_empty(), "{sent:?}");
    assert!(matches!(
        out,
        Err(TestError::Proto(Error::Policy(
            PolicyError::InsecureHttp { .. }
        )))
    ));
}

fn charge_like(base: &str) -> Flow<u16, TestError> {
    let ctx = context(base);
    let call = ctx.call(RequestBuilder::new(Method::POST, format!("{base}carts/1")));
    let next = call.map(|call| {
        Next::Call(
            call.charge(),
            "charge".to_owned(),
            Box::new(|r: http::Response<Vec<u8>>| {
                if r.status().is_success() {
                    Ok(Next::Done(r.status().as_u16()))
                } else {
                    Err(TestError::Proto(Error::Api(
                        crate::error::ApiError::from_response(&r),
                    )))
                }
            }) as super::Then<u16, TestError>,
        )
    });
    Flow::start(ctx.policy(), next.map_err(TestError::from))
}

#[test]
fn a_charge_answered_500_is_ambiguous_and_not_replayed() {
    let (out, sent, _) = drive(
        charge_like("https://api.test/"),
        vec![response(500, &[], "")],
    );
    assert_eq!(sent, ["POST https://api.test/carts/1"]);
    assert!(matches!(out, Err(TestError::Ambiguous(None, _))), "{out:?}");
}

#[test]
fn a_charge_refused_with_429_is_retried_and_not_ambiguous() {
    let (out, sent, slept) = drive(
        charge_like("https://api.test/"),
        vec![
            response(429, &[("retry-after", "1")], ""),
            response(200, &[], ""),
        ],
    );
    assert_eq!(out, Ok(200));
    assert_eq!(sent.len(), 2);
    assert!(slept >= std::time::Duration::from_secs(1));
}
