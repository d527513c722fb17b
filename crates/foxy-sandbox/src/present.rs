//! Records to `Resource`s: properties in document order, computed totals, links, zoom.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use foxy_proto::{Link, Map, Number, Rel, Resource, Value};
use jiff::tz::TimeZone;
use rusqlite::Connection;
use rust_decimal::Decimal;

use crate::db::{self, Record};
use crate::error::ApiError;
use crate::kinds::{self, Kind, Ty, ref_id_name};
use crate::links;
use crate::query::{self, Filter, Zoom, value_decimal};

/// What rendering needs besides the database: the base URL and the store.
#[derive(Debug, Clone)]
pub struct Pres {
    /// `http://host:port` as the client addressed the sandbox.
    pub base: String,
    /// The seeded store's id.
    pub store_id: i64,
    /// The store's time zone, read once per request when a date is rendered.
    zone: OnceLock<TimeZone>,
    /// Totals already computed for the carts of an id range (see [`Pres::with_totals`]).
    known_totals: Option<Arc<KnownTotals>>,
}

impl Pres {
    /// Rendering for the store `store_id` at `base`.
    pub fn new(base: String, store_id: i64) -> Pres {
        Pres {
            base,
            store_id,
            zone: OnceLock::new(),
            known_totals: None,
        }
    }

    /// This rendering, with the totals of the carts in `first..=last` read
    /// at once (a page of carts) rather than one cart at a time.
    pub fn with_totals(&self, conn: &Connection, first: i64, last: i64) -> Result<Pres, ApiError> {
        let totals = crate::narrow::cart_totals(conn, first, last)?;
        Ok(Pres {
            known_totals: Some(Arc::new(KnownTotals {
                first,
                last,
                totals,
            })),
            ..self.clone()
        })
    }

    /// A cart's totals: known from [`Pres::with_totals`], else computed.
    fn cart_totals(&self, conn: &Connection, cart: i64) -> Result<Totals, ApiError> {
        match &self.known_totals {
            Some(known) if (known.first..=known.last).contains(&cart) => {
                Ok(known.totals.get(&cart).copied().unwrap_or_default())
            }
            _ => totals(conn, cart),
        }
    }

    /// The store's time zone (its `timezone`; UTC when it names none known).
    pub fn zone(&self, conn: &Connection) -> Result<&TimeZone, ApiError> {
        if let Some(z) = self.zone.get() {
            return Ok(z);
        }
        let timezone = crate::narrow::prop(conn, &kinds::STORES, self.store_id, "timezone")?;
        let z = crate::dates::zone(&db::value_text(timezone.as_ref())).unwrap_or(TimeZone::UTC);
        Ok(self.zone.get_or_init(|| z))
    }
}

/// The totals of every cart of an id range that has items or discounts.
#[derive(Debug)]
struct KnownTotals {
    first: i64,
    last: i64,
    totals: HashMap<i64, Totals>,
}

/// A cart's computed totals.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    /// Σ (price + Σ price_mod) × quantity.
    pub item: Decimal,
    /// Flat zero in the sandbox.
    pub tax: Decimal,
    /// Flat zero in the sandbox.
    pub shipping: Decimal,
    /// Flat zero in the sandbox.
    pub future_shipping: Decimal,
    /// Sum of discount amounts (negative).
    pub discounts: Decimal,
    /// item + tax + shipping + discounts.
    pub order: Decimal,
}

/// A decimal as an exact JSON number.
pub fn num(d: Decimal) -> Value {
    d.normalize()
        .to_string()
        .parse::<Number>()
        .map_or(Value::Null, Value::Number)
}

/// The amount of a discount rule (`flat:-5`, `percent:10`) for an item total.
pub fn discount_amount(rule: &str, item_total: Decimal) -> Decimal {
    let (kind, arg) = rule.split_once(':').unwrap_or(("", ""));
    let arg = query::decimal(arg).unwrap_or_default();
    let amount = match kind {
        "flat" => -arg.abs().min(item_total.max(Decimal::ZERO)),
        "percent" => -(item_total * arg / Decimal::ONE_HUNDRED),
        _ => Decimal::ZERO,
    };
    amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Computes a cart's totals from its items, options and discounts.
pub fn totals(conn: &Connection, cart_id: i64) -> Result<Totals, ApiError> {
    let all = crate::narrow::cart_totals(conn, cart_id, cart_id)?;
    Ok(all.get(&cart_id).copied().unwrap_or_default())
}

/// Every value of a record: stored fields (rendered and hidden), computed values, dates, id.
pub fn values(conn: &Connection, p: &Pres, rec: &Record) -> Result<Map, ApiError> {
    values_from(conn, p, rec, rec.props.clone())
}

/// [`values`] from `props`, the record's stored properties moved out of it:
/// each stored value moves into the result with its name (no copy of either).
fn values_from(conn: &Connection, p: &Pres, rec: &Record, mut props: Map) -> Result<Map, ApiError> {
    // Room for every stored value, the computed ones and the dates: the map
    // never grows (rehashing it was a visible share of a zoomed cart).
    let mut m = Map::with_capacity(props.len() + rec.kind.fields.len() / 4 + 12);
    for field in rec.kind.fields {
        if let Ty::Ref(target) = field.ty {
            let id_name = ref_id_name(field.name);
            // The id stays among `props` (a field of that name may follow),
            // or was already moved by one before.
            let id = props
                .get(&id_name)
                .or_else(|| m.get(&id_name))
                .and_then(Value::as_i64_lenient);
            let uri = id.map_or(String::new(), |id| format!("{}/{target}/{id}", p.base));
            m.insert(field.name.to_owned(), Value::String(uri));
            m.insert(id_name, id.map_or(Value::Null, Value::from));
        } else {
            match props.swap_remove_entry(field.name) {
                Some((name, v)) => m.insert(name, v),
                None => m.insert(field.name.to_owned(), Value::Null),
            };
        }
    }
    // Extension properties (`x_...`), kept as the client sent them (their
    // names recorded when written).
    for name in &rec.extensions {
        if let Some((name, v)) = props.swap_remove_entry(name.as_str()) {
            m.insert(name, v);
        }
    }
    match rec.kind.key {
        "carts" => {
            let t = p.cart_totals(conn, rec.id)?;
            for (name, v) in [
                ("total_item_price", t.item),
                ("total_tax", t.tax),
                ("total_shipping", t.shipping),
                ("total_future_shipping", t.future_shipping),
                ("total_order", t.order),
            ] {
                m.insert(name.to_owned(), num(v));
            }
        }
        "discounts" => {
            let frozen = props
                .get("frozen_amount")
                .or_else(|| m.get("frozen_amount"))
                .and_then(value_decimal);
            let amount = match frozen {
                Some(a) => a,
                None => match rec.parent_of("carts") {
                    Some(cart) => {
                        let rule = db::value_text(props.get("rule").or_else(|| m.get("rule")));
                        discount_amount(&rule, totals(conn, cart)?.item)
                    }
                    None => Decimal::ZERO,
                },
            };
            m.insert("amount".into(), num(amount));
            m.insert("display".into(), Value::String(format!("{amount:.2}")));
        }
        _ => {}
    }
    let zone = p.zone(conn)?;
    for field in rec.kind.fields.iter().filter(|f| f.ty == Ty::Date) {
        if let Some(Value::String(s)) = m.get_mut(field.name) {
            *s = crate::dates::localize(s, zone);
            // A subscription's dates are date-times in the API (the day's start).
            if rec.kind.key == "subscriptions" && field.name != "end_date" {
                if let Some(full) = crate::dates::midnight(s, zone) {
                    *s = full;
                }
            }
        }
    }
    m.insert(
        "date_created".into(),
        Value::String(crate::dates::localize(&rec.created, zone)),
    );
    m.insert(
        "date_modified".into(),
        rec.modified.as_deref().map_or(Value::Null, |d| {
            Value::String(crate::dates::localize(d, zone))
        }),
    );
    m.insert("id".into(), Value::from(rec.id));
    Ok(m)
}

/// Whether a value name is rendered (not hidden, not a stored reference id, not `id`).
fn rendered(kind: &Kind, name: &str) -> bool {
    if name == "id" {
        return false;
    }
    let field = kind.field(name);
    if field.is_some_and(|f| f.hidden) {
        return false;
    }
    // A subscription links its customer and last transaction (`fx:customer`,
    // `fx:last_transaction`); it has no `*_uri` properties.
    if kind.key == "subscriptions" && name.ends_with("_uri") {
        return false;
    }
    // A stored reference id (`customer_id` of `customer_uri`) is not rendered.
    field.is_some() || !(name.ends_with("_id") && kind.type_of(name) == Some(Ty::Int))
}

/// Whether a record (or a descendant along the filter path) satisfies a filter.
pub fn satisfies(
    conn: &Connection,
    p: &Pres,
    rec: &Record,
    vals: &Map,
    f: &Filter,
) -> Result<bool, ApiError> {
    let Some((first, rest)) = f.path.split_first() else {
        let ty = rec.kind.type_of(&f.field).unwrap_or(Ty::Str);
        return Ok(query::matches_op(ty, vals, &f.field, &f.value, f.op));
    };
    let Some(child) = rec.kind.child(first) else {
        return Ok(false);
    };
    let sub = Filter {
        path: rest.to_vec(),
        field: f.field.clone(),
        value: f.value.clone(),
        op: f.op,
    };
    for kid in db::children(conn, rec.kind.key, rec.id, child.kind)? {
        let kv = values(conn, p, &kid)?;
        if satisfies(conn, p, &kid, &kv, &sub)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Renders one record, with the zoomed children (filtered by `filters` on their paths).
pub fn resource(
    conn: &Connection,
    p: &Pres,
    rec: &Record,
    zoom: &Zoom,
    filters: &[Filter],
    fields: Option<&[String]>,
) -> Result<Resource, ApiError> {
    let links = links::of(conn, p, rec)?;
    build(
        conn,
        p,
        rec,
        rec.props.clone(),
        links,
        zoom,
        filters,
        fields,
    )
}

/// [`resource`] of a record no longer needed: its stored values move into
/// the resource instead of being copied.
pub fn resource_owned(
    conn: &Connection,
    p: &Pres,
    mut rec: Record,
    zoom: &Zoom,
    filters: &[Filter],
    fields: Option<&[String]>,
) -> Result<Resource, ApiError> {
    let links = links::of(conn, p, &rec)?;
    // A described zoom reads the record's stored references: keep them then.
    let plain = zoom
        .keys()
        .all(|name| rec.kind.child(name).is_some() || single_zoom(&rec, name).is_some());
    let props = if plain {
        std::mem::take(&mut rec.props)
    } else {
        rec.props.clone()
    };
    build(conn, p, &rec, props, links, zoom, filters, fields)
}

/// The resource of `rec` from its stored values `props` and its `links`.
#[allow(clippy::too_many_arguments)]
fn build(
    conn: &Connection,
    p: &Pres,
    rec: &Record,
    props: Map,
    links: Vec<(Rel, Link)>,
    zoom: &Zoom,
    filters: &[Filter],
    fields: Option<&[String]>,
) -> Result<Resource, ApiError> {
    let mut vals = values_from(conn, p, rec, props)?;
    let mut res = Resource::new();
    res.class = vec![rec.kind.rel.to_owned()];
    // A generated kind renders what its relation describes, nothing more.
    let described = crate::described::catalog()
        .generated_relation(rec.kind)
        .map(|r| move |name: &str| r.property(name).is_some());
    // The ids a zoom on a single reference follows, read before the values
    // move into the resource.
    let zoomed_ids: Vec<(&str, i64)> = zoom
        .keys()
        .filter(|name| single_zoom(rec, name).is_some())
        .filter_map(|name| {
            vals.get(&format!("{name}_id"))
                .and_then(Value::as_i64_lenient)
                .map(|id| (name.as_str(), id))
        })
        .collect();
    // The values' map becomes the resource's, trimmed in place (in order):
    // no second map built and hashed per record.
    vals.retain(|name, _| {
        rendered(rec.kind, name)
            && fields.is_none_or(|fs| fs.contains(name))
            && (described.as_ref().is_none_or(|d| d(name)) || crate::input::is_extension(name))
    });
    res.properties = vals;
    for (rel, link) in links {
        res.add_link(rel, link);
    }
    for (name, sub) in zoom.iter() {
        let child_filters: Vec<Filter> = filters
            .iter()
            .filter(|f| f.path.first() == Some(name))
            .map(|f| Filter {
                path: f.path[1..].to_vec(),
                field: f.field.clone(),
                value: f.value.clone(),
                op: f.op,
            })
            .collect();
        if let Some(child) = rec.kind.child(name) {
            let rel = Rel::fx(child.rel);
            res.embedded.entry(rel.clone()).or_default();
            for kid in db::children(conn, rec.kind.key, rec.id, child.kind)? {
                // The values are only needed to filter (`resource` computes its own).
                let mut keep = true;
                if !child_filters.is_empty() {
                    let kv = values(conn, p, &kid)?;
                    for f in &child_filters {
                        keep &= satisfies(conn, p, &kid, &kv, f)?;
                    }
                }
                if keep {
                    res.embed(
                        rel.clone(),
                        resource_owned(conn, p, kid, sub, &child_filters, None)?,
                    );
                }
            }
        } else if let Some(target) = single_zoom(rec, name) {
            let id = zoomed_ids
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, id)| *id);
            if let Some(id) = id {
                if let Ok(other) = db::load(conn, target, id) {
                    res.embed(
                        Rel::fx(name),
                        resource_owned(conn, p, other, sub, &[], None)?,
                    );
                }
            }
        } else if let Some(kids) = crate::described::links::zoomed(conn, rec, name)? {
            let rel = Rel::fx(name);
            res.embedded.entry(rel.clone()).or_default();
            for kid in kids {
                res.embed(rel.clone(), resource_owned(conn, p, kid, sub, &[], None)?);
            }
        }
    }
    Ok(res)
}

fn single_zoom(rec: &Record, name: &str) -> Option<&'static Kind> {
    match (rec.kind.key, name) {
        ("carts" | "transactions", "customer") => Some(&kinds::CUSTOMERS),
        ("carts", "template_set") => Some(&kinds::TEMPLATE_SETS),
        ("items", "item_category") => Some(&kinds::ITEM_CATEGORIES),
        _ => None,
    }
}

/// A `self`-linked acknowledgement (`{_links: {self}, message}`) for creates and deletes.
pub fn message(href: &str, title: &str, text: String) -> Resource {
    Resource::new()
        .with_link(Rel::SELF, Link::new(href).titled(title))
        .with_property("message", text)
}
