//! Customers, their addresses and their default payment method.
//!
//! `fx:default_payment_method` is a single sub-resource: a customer without a
//! saved card shows an empty one (`save_cc: false`); PUT or PATCH saves a card
//! (`cc_number` is masked to `cc_number_masked`), DELETE forgets it.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use foxy_proto::{Link, Rel, Resource};
use rusqlite::Connection;

use crate::body;
use crate::db::{self, Record};
use crate::engine::{self, parse_id};
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds::{self, Child};
use crate::present::{self, Pres};
use crate::render::Ctx;
use crate::routes::{many, one};
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    let c = &kinds::CUSTOMERS;
    Router::new()
        .route("/customers/{id}", one(c, true))
        .route(
            "/customers/{id}/addresses",
            many(c, "customer_addresses", true),
        )
        .route(
            "/customer_addresses/{id}",
            one(&kinds::CUSTOMER_ADDRESSES, true),
        )
        .route(
            "/customers/{id}/default_payment_method",
            get(get_pm)
                .put(|ctx: Ctx, Path(id): Path<String>, b: Bytes| put_pm(ctx, id, b, Mode::Replace))
                .patch(|ctx: Ctx, Path(id): Path<String>, b: Bytes| put_pm(ctx, id, b, Mode::Patch))
                .delete(delete_pm)
                .options(|| async { engine::options("GET, HEAD, PATCH, PUT, DELETE, OPTIONS") }),
        )
}

fn pm_child() -> Result<&'static Child, ApiError> {
    kinds::CUSTOMERS
        .child("default_payment_method")
        .ok_or_else(|| ApiError::internal("customers lack a payment method child"))
}

/// The customer's saved payment method, if any.
pub fn payment_method(conn: &Connection, customer: i64) -> Result<Option<Record>, ApiError> {
    Ok(
        db::children(conn, "customers", customer, &kinds::PAYMENT_METHODS)?
            .into_iter()
            .next(),
    )
}

fn render(
    conn: &Connection,
    pres: &Pres,
    customer: &Record,
) -> Result<(Resource, String), ApiError> {
    match payment_method(conn, customer.id)? {
        Some(pm) => {
            let res = present::resource(conn, pres, &pm, &Default::default(), &[], None)?;
            Ok((res, pm.modified.unwrap_or(pm.created)))
        }
        None => {
            let href = format!(
                "{}/customers/{}/default_payment_method",
                pres.base, customer.id
            );
            let mut res = Resource::new()
                .with_link(
                    Rel::SELF,
                    Link::new(href).titled(kinds::PAYMENT_METHODS.title),
                )
                .with_link(
                    Rel::STORE,
                    Link::new(format!("{}/stores/{}", pres.base, pres.store_id))
                        .titled("This Store"),
                )
                .with_link(
                    Rel::CUSTOMER,
                    Link::new(format!("{}/customers/{}", pres.base, customer.id))
                        .titled("This Customer"),
                );
            res.class = vec![kinds::PAYMENT_METHODS.rel.to_owned()];
            for (name, value) in input::defaults(&kinds::PAYMENT_METHODS) {
                res.properties.insert(name, value);
            }
            res.set_property("date_created", foxy_proto::Value::Null);
            res.set_property("date_modified", foxy_proto::Value::Null);
            Ok((
                res,
                customer
                    .modified
                    .clone()
                    .unwrap_or_else(|| customer.created.clone()),
            ))
        }
    }
}

async fn get_pm(ctx: Ctx, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&kinds::CUSTOMERS, &id)?;
    let pres = ctx.pres.clone();
    let (res, modified) = ctx
        .state
        .db
        .run(move |conn| {
            let customer = db::load(conn, &kinds::CUSTOMERS, id)?;
            render(conn, &pres, &customer)
        })
        .await?;
    ctx.ok(&res, Some(&modified))
}

async fn put_pm(ctx: Ctx, id: String, bytes: Bytes, mode: Mode) -> Result<Response, ApiError> {
    let id = parse_id(&kinds::CUSTOMERS, &id)?;
    let (doc, edits) = body::parse_document(&ctx.headers, &bytes)?;
    let pres = ctx.pres.clone();
    let child = pm_child()?;
    let (res, _) = ctx
        .state
        .db
        .run(move |conn| {
            let customer = db::load(conn, &kinds::CUSTOMERS, id)?;
            let pm = match payment_method(conn, id)? {
                Some(pm) => engine::write_record(conn, &pm, &doc.properties, mode)?,
                None => engine::create_record(conn, &customer, child, &doc.properties)?,
            };
            engine::apply_links(conn, pm, &edits)?;
            render(conn, &pres, &customer)
        })
        .await?;
    ctx.with_status(StatusCode::OK, &res)
}

async fn delete_pm(ctx: Ctx, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&kinds::CUSTOMERS, &id)?;
    ctx.state
        .db
        .run(move |conn| {
            db::load(conn, &kinds::CUSTOMERS, id)?;
            if let Some(pm) = payment_method(conn, id)? {
                db::delete(conn, pm.id, kinds::PAYMENT_METHODS.key)?;
            }
            Ok(())
        })
        .await?;
    let href = format!("{}/customers/{id}/default_payment_method", ctx.pres.base);
    let doc = present::message(
        &href,
        kinds::PAYMENT_METHODS.title,
        format!("default payment method of customer {id} deleted successfully."),
    );
    ctx.with_status(StatusCode::OK, &doc)
}
