//! Charging a cart: PATCH its `customer_uri`, POST it (the charge), GET the
//! transaction with its items.
//!
//! The POST is retried only when the server provably did not process it
//! (refused connection, 429, rejected token). Once it may have charged (a
//! success, a 5xx, a dropped connection, a timeout), any failure, the GET
//! of the transaction's included, goes through
//! [`FlowError::after_charge`] with the transaction's href when the answer
//! named it: the caller must check before charging again.

use std::sync::Arc;

use http::Response;

use crate::context::Context;
use crate::created::location;
use crate::error::Error;
use crate::flow::{Flow, FlowError, Next};
use crate::navigation::{Intent, Target, send_then};
use crate::query::Query;
use crate::request::RequestBuilder;
use crate::{Map, Value};

/// The charge of the cart at `cart` to the customer at `customer_uri`; the
/// transaction's answer is read by `read`.
pub fn charge<T: 'static, E: FlowError>(
    ctx: &Arc<Context>,
    cart: Target,
    customer_uri: &str,
    read: impl FnOnce(&Context, Response<Vec<u8>>) -> Result<T, E> + Send + 'static,
) -> Flow<T, E> {
    let mut changes = Map::new();
    changes.insert("customer_uri".to_owned(), Value::from(customer_uri));
    let owner = ctx.clone();
    let next = send_then(ctx, cart, Intent::Patch(changes), move |href, patched| {
        owner.read(&patched)?;
        let call = owner.call(RequestBuilder::new(http::Method::POST, href.clone()))?;
        let then = move |charged| {
            let transaction = location(&owner, &href, &charged)?;
            let reader = owner.clone();
            let query = Query::new().zoom("items").map_err(Error::from)?;
            let next = send_then(
                &owner,
                Target::href(transaction.clone()),
                Intent::Get(query),
                move |_, r| read(&reader, r).map(Next::Done),
            )?;
            Ok(next.after_charge(transaction))
        };
        Ok(Next::Call(
            call.charge(),
            "charge".to_owned(),
            Box::new(then),
        ))
    });
    Flow::start(ctx.policy(), next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::test_support::{TestError, context, drive};
    use crate::replay::response;
    use crate::step::TransportFailure;

    const CART: &str = "https://api.test/carts/1";
    const CREATED: &str = r#"{"_links":{"self":{"href":"https://api.test/transactions/7"}}}"#;
    const TRANSACTION: &str =
        r#"{"_links":{"self":{"href":"https://api.test/transactions/7"}},"id":7}"#;

    fn flow() -> Flow<crate::Resource, TestError> {
        let ctx = context("https://api.test/");
        charge(
            &ctx,
            Target::href(CART),
            "https://api.test/customers/3",
            |ctx, r| Ok(ctx.read(&r)?),
        )
    }

    #[test]
    fn patch_then_post_then_get_the_transaction() {
        let (out, sent, _) = drive(
            flow(),
            vec![
                response(200, &[], "{}"),
                response(201, &[], CREATED),
                response(200, &[], TRANSACTION),
            ],
        );
        assert!(out.expect("charged").property("id").is_some());
        assert_eq!(
            sent,
            [
                format!("PATCH {CART}"),
                format!("POST {CART}"),
                "GET https://api.test/transactions/7?zoom=items".to_owned()
            ]
        );
    }

    #[test]
    fn a_charge_that_may_have_landed_is_never_replayed() {
        for answer in [
            response(500, &[], ""),
            Err(TransportFailure::Dropped("reset".into())),
            Err(TransportFailure::TimedOut),
        ] {
            let (out, sent, _) = drive(flow(), vec![response(200, &[], "{}"), answer]);
            assert_eq!(sent.len(), 2, "{sent:?}");
            assert!(matches!(out, Err(TestError::Ambiguous(None, _))), "{out:?}");
        }
    }

    #[test]
    fn a_failure_after_the_charge_names_the_transaction() {
        let (out, sent, _) = drive(
            flow(),
            vec![
                response(200, &[], "{}"),
                response(201, &[("location", "/transactions/7")], "{}"),
                response(404, &[], ""),
            ],
        );
        assert_eq!(sent.len(), 3);
        match out {
            Err(TestError::Ambiguous(Some(t), _)) => {
                assert_eq!(t, "https://api.test/transactions/7");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_refused_charge_is_retried_and_a_refused_patch_charges_nothing() {
        let (out, sent, slept) = drive(
            flow(),
            vec![
                response(200, &[], "{}"),
                response(429, &[("retry-after", "2")], ""),
                response(201, &[], CREATED),
                response(200, &[], TRANSACTION),
            ],
        );
        assert!(out.is_ok(), "{out:?}");
        assert_eq!(sent.len(), 4);
        assert!(
            slept >= std::time::Duration::from_secs(1),
            "capped by max_delay"
        );
        let (out, sent, _) = drive(flow(), vec![response(422, &[], "{}")]);
        assert_eq!(sent.len(), 1);
        assert!(matches!(
            out,
            Err(TestError::Proto(crate::error::Error::Api(_)))
        ));
    }
}
