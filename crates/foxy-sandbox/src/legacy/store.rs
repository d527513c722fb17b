//! `attribute_save`, `attribute_list`, `attribute_delete` (for customers,
//! transactions and subscriptions), `category_list`, `downloadable_list`,
//! `store_template_cache` and `store_includes_get`.
//!
//! The sandbox stores no downloadable files, so `downloadable_list` is always
//! empty; `store_template_cache` records the template URL without fetching it.

use foxy_proto::datafeed::Attribute;
use foxy_proto::datafeed::xml::Element;
use foxy_proto::legacy::{ApiRequest, ApiResponse, Category};
use foxy_proto::{Map, Value};
use rusqlite::Connection;

use super::{LegacyCtx, bit, param, required, success};
use crate::db::{self, Record};
use crate::error::ApiError;
use crate::input::{self, Mode};
use crate::kinds::{self, Kind};
use crate::{feed, subscriptions};

/// The record named by `type` and `identifier`, and its attribute kind.
fn target(conn: &Connection, call: &ApiRequest) -> Result<(Record, &'static Kind), ApiError> {
    let kind = required(call, "type")?;
    let identifier = required(call, "identifier")?;
    let by_id = |k: &'static Kind| -> Result<Record, ApiError> {
        let id = identifier.parse::<i64>().map_err(|_| {
            ApiError::bad_request(format!(
                "identifier {:?} is not a {} id",
                crate::error::excerpt(identifier),
                k.rel
            ))
        })?;
        match db::find(conn, id)? {
            Some(r) if r.kind.key == k.key => Ok(r),
            _ => Err(ApiError::not_found(format!("{} {id} not found", k.rel))),
        }
    };
    match kind {
        "customer" => Ok((by_id(&kinds::CUSTOMERS)?, &kinds::CUSTOMER_ATTRIBUTES)),
        "transaction" => Ok((by_id(&kinds::TRANSACTIONS)?, &kinds::TRANSACTION_ATTRIBUTES)),
        "subscription" => {
            let sub = subscriptions::by_token(conn, identifier)?
                .ok_or_else(|| ApiError::not_found("subscription not found"))?;
            Ok((sub, &kinds::SUBSCRIPTION_ATTRIBUTES))
        }
        other => Err(ApiError::bad_request(format!(
            "type must be transaction, customer or subscription, not {other:?}"
        ))),
    }
}

fn pairs(call: &ApiRequest) -> Result<Vec<(String, String)>, ApiError> {
    if let Some(xml) = param(call, "attributes") {
        let root = Element::parse(xml)
            .map_err(|e| ApiError::bad_request(format!("invalid attributes xml: {e}")))?;
        let mut out = Vec::new();
        for element in root
            .children
            .into_iter()
            .filter(|c| c.name == Attribute::ELEMENT)
        {
            let a = Attribute::from_element(element)
                .map_err(|e| ApiError::bad_request(format!("invalid attribute: {e}")))?;
            let name = a
                .name
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| ApiError::bad_request("every <attribute> needs a <name>"))?;
            out.push((name, a.value.unwrap_or_default()));
        }
        return Ok(out);
    }
    let name = required(call, "name")?;
    Ok(vec![(
        name.to_owned(),
        call.get("value").unwrap_or_default().to_owned(),
    )])
}

fn listing(
    conn: &Connection,
    rec: &Record,
    kind: &Kind,
    message: &str,
) -> Result<ApiResponse, ApiError> {
    let mut answer = success(message);
    answer.attributes = feed::attributes(conn, rec, kind)?;
    Ok(answer)
}

pub(super) fn attribute_save(
    conn: &Connection,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let (rec, kind) = target(conn, call)?;
    let append = bit(call, "append")?.unwrap_or(false);
    for (name, value) in pairs(call)? {
        let existing: Vec<Record> = db::children(conn, rec.kind.key, rec.id, kind)?
            .into_iter()
            .filter(|a| a.text("name") == name)
            .collect();
        let value = match (append, existing.first()) {
            (true, Some(first)) => format!("{}{value}", first.text("value")),
            _ => value,
        };
        for old in &existing {
            db::delete(conn, old.id, kind.key)?;
        }
        let mut body = Map::new();
        body.insert("name".into(), Value::from(name));
        body.insert("value".into(), Value::from(value));
        let props = input::apply(conn, kind, None, &body, Mode::Create)?;
        db::insert(conn, kind, Some((rec.kind.key, rec.id)), &props)?;
    }
    db::touch(conn, rec.id)?;
    listing(conn, &rec, kind, "Attributes Saved")
}

pub(super) fn attribute_list(
    conn: &Connection,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let (rec, kind) = target(conn, call)?;
    listing(conn, &rec, kind, "Attributes Found")
}

pub(super) fn attribute_delete(
    conn: &Connection,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let (rec, kind) = target(conn, call)?;
    let all = bit(call, "all")?.unwrap_or(false);
    let name = param(call, "name");
    if !all && name.is_none() {
        return Err(ApiError::bad_request("name is required unless all=1"));
    }
    let mut removed = 0;
    for a in db::children(conn, rec.kind.key, rec.id, kind)? {
        if all || Some(a.text("name").as_str()) == name {
            db::delete(conn, a.id, kind.key)?;
            removed += 1;
        }
    }
    db::touch(conn, rec.id)?;
    listing(conn, &rec, kind, &format!("Attributes Deleted: {removed}"))
}

pub(super) fn category_list(conn: &Connection, ctx: &LegacyCtx) -> Result<ApiResponse, ApiError> {
    let categories: Vec<Category> =
        db::children(conn, "stores", ctx.store_id, &kinds::ITEM_CATEGORIES)?
            .iter()
            .map(|c| Category {
                id: u64::try_from(c.id).ok(),
                code: Some(c.text("code")),
                description: Some(c.text("name")),
                product_delivery_type: Some(c.text("item_delivery_type")),
                ..Category::default()
            })
            .collect();
    let mut answer = success(format!("Categories Found: {}", categories.len()));
    answer.categories = categories;
    Ok(answer)
}

pub(super) fn downloadable_list(_call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    Ok(success("Downloadables Found: 0"))
}

const TEMPLATE_TYPES: &[&str] = &["cart", "checkout", "receipt", "html_email", "email"];

pub(super) fn template_cache(
    conn: &Connection,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let kind = required(call, "template_type")?;
    if !TEMPLATE_TYPES.contains(&kind) {
        return Err(ApiError::bad_request(format!(
            "template_type must be one of {}, not {kind:?}",
            TEMPLATE_TYPES.join(", ")
        )));
    }
    let is_email = kind.ends_with("email");
    for email_only in ["email_subject", "send_html_email"] {
        if !is_email && param(call, email_only).is_some() {
            return Err(ApiError::bad_request(format!(
                "{email_only} is only valid for email templates"
            )));
        }
    }
    let html = bit(call, "send_html_email")?;
    let key = format!("template_url:{kind}");
    let url = match param(call, "template_url") {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => url.to_owned(),
        Some(url) => {
            return Err(ApiError::bad_request(format!(
                "template_url {url:?} is not an http(s) URL"
            )));
        }
        None => db::meta_get(conn, &key)?.ok_or_else(|| {
            ApiError::bad_request(format!("no template_url given and none saved for {kind}"))
        })?,
    };
    db::meta_set(conn, &key, &url)?;
    if let Some(subject) = param(call, "email_subject") {
        db::meta_set(conn, &format!("email_subject:{kind}"), subject)?;
    }
    if let Some(html) = html {
        db::meta_set(conn, "send_html_email", if html { "1" } else { "0" })?;
    }
    Ok(success(format!("Template {kind} cached from {url}")))
}

pub(super) fn includes_get(ctx: &LegacyCtx, call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let library = param(call, "javascript_library").unwrap_or("jquery");
    let cart = param(call, "cart_type").unwrap_or("colorbox");
    if !matches!(library, "none" | "jquery") || !matches!(cart, "none" | "colorbox") {
        return Err(ApiError::bad_request(
            "javascript_library accepts none or jquery; cart_type accepts none or colorbox",
        ));
    }
    let mut code = String::new();
    if library == "jquery" {
        code.push_str(&format!(
            "<script src=\"{}/static/jquery.js\"></script>\n",
            ctx.base
        ));
    }
    code.push_str(&format!(
        "<script src=\"{}/static/foxycart.js\"></script>\n",
        ctx.base
    ));
    if cart == "colorbox" {
        code.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{}/static/colorbox.css\">\n",
            ctx.base
        ));
    }
    let mut answer = success("Store Includes Found");
    answer.extra.push(Element::with_text("code_block", code));
    let version = if library == "jquery" { "1.9.0" } else { "" };
    answer.extra.push(Element::with_text(
        "javascript_library_version_required",
        version,
    ));
    Ok(answer)
}
