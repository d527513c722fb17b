//! The links of each kind: `self`, the store, the parent, references and children.

use foxy_proto::{Link, Rel};
use rusqlite::Connection;

use crate::db::{self, Record};
use crate::error::ApiError;
use crate::kinds::{self, Kind};
use crate::present::Pres;

/// The canonical URL of a record.
pub fn self_href(p: &Pres, rec: &Record) -> String {
    match (rec.kind.key, rec.parent_of("customers")) {
        ("payment_methods", Some(customer)) => {
            format!("{}/customers/{customer}/default_payment_method", p.base)
        }
        _ => format!("{}/{}/{}", p.base, rec.kind.key, rec.id),
    }
}

/// The URL of a child collection of a record.
pub fn child_href(p: &Pres, rec: &Record, path: &str) -> String {
    format!("{}/{}/{}/{path}", p.base, rec.kind.key, rec.id)
}

fn parent_rel(kind_key: &str) -> Option<(&'static str, &'static str)> {
    match kind_key {
        "carts" => Some(("cart", "This Cart")),
        "transactions" => Some(("transaction", "This Transaction")),
        "items" => Some(("item", "This Item")),
        "customers" => Some(("customer", "This Customer")),
        "users" => Some(("user", "This User")),
        _ => None,
    }
}

fn refs(kind: &Kind) -> &'static [(&'static str, &'static str, &'static str)] {
    match kind.key {
        "carts" => &[
            ("template_set", "template_sets", "This Template Set"),
            ("customer", "customers", "This Customer"),
        ],
        "transactions" => &[("customer", "customers", "This Customer")],
        "items" => &[("item_category", "item_categories", "This Item Category")],
        _ => &[],
    }
}

/// Every link of a record, in document order.
pub fn of(conn: &Connection, p: &Pres, rec: &Record) -> Result<Vec<(Rel, Link)>, ApiError> {
    // Room for every link a kind has (no growing while filling it).
    let mut out = Vec::with_capacity(6 + rec.kind.children.len() + rec.links.len());
    out.push((
        Rel::SELF,
        Link::new(self_href(p, rec)).titled(rec.kind.title),
    ));
    let store = format!("{}/stores/{}", p.base, p.store_id);
    if rec.kind.key != "stores" && rec.kind.key != "users" {
        out.push((Rel::STORE, Link::new(store.clone()).titled("This Store")));
    }
    if let Some((pk, pid)) = &rec.parent {
        if let Some((rel, title)) = parent_rel(pk) {
            out.push((
                Rel::fx(rel),
                Link::new(format!("{}/{pk}/{pid}", p.base)).titled(title),
            ));
        }
    }
    for (rel, target, title) in refs(rec.kind) {
        let id = rec.int(&format!("{rel}_id"));
        if let Some(id) = id {
            out.push((
                Rel::fx(rel),
                Link::new(format!("{}/{target}/{id}", p.base)).titled(*title),
            ));
        }
    }
    for child in rec.kind.children {
        out.push((
            Rel::fx(child.rel),
            Link::new(child_href(p, rec, child.path)).titled(child.title),
        ));
    }
    match rec.kind.key {
        "carts" => out.push((
            Rel::CREATE_SESSION,
            Link::new(child_href(p, rec, "session"))
                .titled("POST here to create a browser session link"),
        )),
        "customers" => {
            out.push((
                Rel::TRANSACTIONS,
                Link::new(format!("{store}/transactions?customer_id={}", rec.id))
                    .titled("Transactions for This Customer"),
            ));
            for addr in db::children(conn, "customers", rec.id, &kinds::CUSTOMER_ADDRESSES)? {
                let href = format!("{}/customer_addresses/{}", p.base, addr.id);
                if addr
                    .props
                    .get("is_default_billing")
                    .and_then(|v| v.as_bool())
                    == Some(true)
                {
                    out.push((
                        Rel::fx("default_billing_address"),
                        Link::new(href.clone()).titled("Default Billing Address"),
                    ));
                }
                if addr
                    .props
                    .get("is_default_shipping")
                    .and_then(|v| v.as_bool())
                    == Some(true)
                {
                    out.push((
                        Rel::fx("default_shipping_address"),
                        Link::new(href).titled("Default Shipping Address"),
                    ));
                }
            }
        }
        _ => {}
    }
    if crate::described::links::wanted(rec) {
        let href = self_href(p, rec);
        let more = crate::described::links::extra(conn, p, rec, &href, &out)?;
        out.extend(more);
    }
    // Extension links (`x:...`), kept as the client sent them.
    for (rel, href) in &rec.links {
        out.push((Rel::expand(rel, &[]), Link::new(href.clone())));
    }
    Ok(out)
}

/// The standard titles of collection links.
pub fn page_title(rel: &str) -> &'static str {
    match rel {
        "first" => "First Page of this Collection",
        "prev" => "Previous Page of this Collection",
        "next" => "Next Page of this Collection",
        "last" => "Last Page of this Collection",
        _ => "This Collection",
    }
}
