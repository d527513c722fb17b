//! The operations of a step, made through the blocking client: the generic
//! calls (`home`, `follow`, `get`, `post`, `put`, `patch`, `delete`) and the
//! typed navigation of the store's collections (`list`, `all`).

use foxy::model::typed::TypedResource;
use foxy::proto::codec;
use foxy::proto::query::{Filter, Limit};
use foxy::{Body, Client, Error, Map, Query, Resource, Value};

use super::Run;
use super::refs;

/// The keys a query may have.
const QUERY_KEYS: &[&str] = &["zoom", "fields", "limit", "offset", "order", "filters"];

/// What a successful call gave.
pub enum Done {
    /// A resource (or a page).
    Resource(Box<Resource>),
    /// How many members `all` streamed.
    Count(usize),
}

/// The call's result, or the client's error; the outer `Err` is a fault of
/// the scenario itself (an unknown operation, a bad reference).
pub type Outcome = Result<Done, Error>;

/// Performs the operation `what` of `step`.
pub fn perform(run: &Run, what: &str, step: &Map) -> Result<Outcome, String> {
    let client = &run.client;
    if let Some(key) = step
        .get("query")
        .and_then(Value::as_object)
        .and_then(|q| q.keys().find(|k| !QUERY_KEYS.contains(&k.as_str())))
    {
        return Err(format!("unknown query key `{key}`"));
    }
    let query = match step.get("query") {
        Some(q) => match query(&refs::substitute(run, q)?) {
            Ok(query) => Some(query),
            Err(e) => return Ok(Err(e)),
        },
        None => None,
    };
    let query = || query.clone().unwrap_or_default();
    let resource =
        |result: Result<Resource, Error>| Ok(result.map(|r| Done::Resource(Box::new(r))));
    match what {
        "home" => resource(client.home()),
        "follow" => {
            let rels = rels(step)?;
            let (first, rest) = rels.split_first().ok_or("`rels` is empty")?;
            let mut follow = client.follow(first.as_str());
            for rel in rest {
                follow = follow.follow(rel.as_str());
            }
            resource(follow.get(query()))
        }
        "get" => resource(client.get(target(run, step)?, query())),
        "post" => resource(client.post(target(run, step)?, Body::Json(body(run, step)?))),
        "patch" => {
            let changes = body(run, step)?;
            let changes = changes.as_object().ok_or("`body` is not an object")?;
            resource(client.patch(target(run, step)?, changes))
        }
        "put" => resource(client.put(target(run, step)?, &document(run, step)?)),
        "delete" => resource(client.delete(target(run, step)?)),
        "list" => typed_page(client, &store_collection(step)?, query())
            .map(|r| r.map(|r| Done::Resource(Box::new(r)))),
        "all" => typed_count(client, &store_collection(step)?, query()).map(|r| r.map(Done::Count)),
        other => Err(format!("unknown operation `{other}`")),
    }
}

fn rels(step: &Map) -> Result<Vec<String>, String> {
    let rels = step
        .get("rels")
        .and_then(Value::as_array)
        .ok_or("`rels` is not a list")?;
    rels.iter()
        .map(|r| {
            r.as_str()
                .map(str::to_owned)
                .ok_or_else(|| "a rel is not a string".to_owned())
        })
        .collect()
}

/// The collection of `["fx:store", "fx:NAME"]`, as `NAME`.
fn store_collection(step: &Map) -> Result<String, String> {
    match rels(step)?.as_slice() {
        [store, rel] if store == "fx:store" => rel
            .strip_prefix("fx:")
            .map(str::to_owned)
            .ok_or_else(|| format!("`{rel}` is not an fx: relation")),
        _ => Err("`rels` of list/all must be [\"fx:store\", \"fx:REL\"]".into()),
    }
}

/// The step's `to`, references replaced, `/paths` joined to the base URL.
fn target(run: &Run, step: &Map) -> Result<String, String> {
    let to = step.get("to").ok_or("no `to`")?;
    let to = refs::substitute(run, to)?;
    let to = to.as_str().ok_or("`to` is not a string")?;
    Ok(match to.strip_prefix('/') {
        Some(path) => format!("{}/{path}", run.base),
        None => to.to_owned(),
    })
}

fn body(run: &Run, step: &Map) -> Result<Value, String> {
    refs::substitute(run, step.get("body").ok_or("no `body`")?)
}

/// A PUT's document: `body` as HAL+JSON, or the resource saved as `from`
/// with the properties of `set` replaced.
fn document(run: &Run, step: &Map) -> Result<Resource, String> {
    if let Some(from) = step.get("from") {
        let name = from.as_str().ok_or("`from` is not a string")?;
        let mut resource = run
            .saved
            .get(name)
            .cloned()
            .ok_or_else(|| format!("nothing saved as `{name}`"))?;
        if let Some(set) = step.get("set") {
            let set = refs::substitute(run, set)?;
            for (key, value) in set.as_object().ok_or("`set` is not an object")? {
                resource.set_property(key.clone(), value.clone());
            }
        }
        return Ok(resource);
    }
    codec::hal_json::from_value(body(run, step)?)
        .map_err(|e| format!("`body` is not HAL+JSON: {e}"))
}

/// The scenario's query in the client's type; refusals are client errors.
fn query(spec: &Value) -> Result<Query, Error> {
    let mut query = Query::new();
    let Some(spec) = spec.as_object() else {
        return Ok(query);
    };
    let texts = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .unwrap_or_default()
            .iter()
            .filter_map(Value::scalar_text)
            .collect()
    };
    for (key, value) in spec {
        query = match key.as_str() {
            "zoom" => texts(value).iter().try_fold(query, |q, z| q.zoom(z))?,
            "order" => texts(value).iter().try_fold(query, |q, o| q.order(o))?,
            "fields" => query.fields(&texts(value).join(","))?,
            "limit" => {
                let n = value.as_i64_lenient().unwrap_or(-1);
                query.limit(Limit::new(u64::try_from(n).unwrap_or(u64::MAX))?)
            }
            "offset" => query.offset(
                value
                    .as_i64_lenient()
                    .and_then(|n| u64::try_from(n).ok())
                    .unwrap_or(0),
            ),
            "filters" => {
                let mut q = query;
                for (name, v) in value.as_object().into_iter().flatten() {
                    q = q.filter(Filter::parse_pair(
                        name,
                        &v.scalar_text().unwrap_or_default(),
                    )?);
                }
                q
            }
            _ => query,
        };
    }
    Ok(query)
}

/// Applies `$body` to the typed handle of the store's collection `$name`.
macro_rules! by_collection {
    ($client:expr, $name:expr, |$nav:ident| $body:expr) => {{
        let store = $client.store();
        match $name {
            "carts" => {
                let $nav = store.carts();
                $body
            }
            "customers" => {
                let $nav = store.customers();
                $body
            }
            "transactions" => {
                let $nav = store.transactions();
                $body
            }
            "subscriptions" => {
                let $nav = store.subscriptions();
                $body
            }
            "coupons" => {
                let $nav = store.coupons();
                $body
            }
            "gift_cards" => {
                let $nav = store.gift_cards();
                $body
            }
            "item_categories" => {
                let $nav = store.item_categories();
                $body
            }
            other => return Err(format!("no typed collection `{other}` in this runner")),
        }
    }};
}

fn typed_page(
    client: &Client,
    name: &str,
    query: Query,
) -> Result<Result<Resource, Error>, String> {
    Ok(by_collection!(client, name, |nav| nav
        .list(query)
        .map(TypedResource::into_resource)))
}

fn typed_count(client: &Client, name: &str, query: Query) -> Result<Result<usize, Error>, String> {
    Ok(by_collection!(client, name, |nav| {
        let mut count = 0;
        let mut failure = None;
        for member in nav.all(query) {
            match member {
                Ok(_) => count += 1,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        failure.map_or(Ok(count), Err)
    }))
}
