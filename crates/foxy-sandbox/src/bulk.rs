//! Bulk seeding: many carts at once, straight into the database.
//!
//! Creating 100,000 carts through the HTTP API takes minutes; the paging and
//! memory benchmarks need them in seconds. [`seed_carts`] stores the first
//! cart exactly as a `POST /stores/{id}/carts` with the same body would
//! (defaults, the default template set), then copies its stored properties
//! to every other new cart, all in one transaction. The carts collection
//! then serves them like any other cart (filters, order, `limit` up to 300).
//!
//! ```no_run
//! # fn demo() -> Result<(), foxy_sandbox::Error> {
//! let sandbox = foxy_sandbox::Sandbox::start_background(foxy_sandbox::Config::default())?;
//! if let Some(first) = sandbox.seed_carts(10_000)? {
//!     println!("carts {first}.. in {}/stores/{}/carts", sandbox.base_url(), sandbox.store_id());
//! }
//! # Ok(()) }
//! ```

use foxy_proto::{Map, Value};
use rusqlite::{Connection, params};

use crate::db::{self, Db, now_text};
use crate::engine;
use crate::error::{ApiError, Error};
use crate::input::{self, Mode};
use crate::kinds;
use crate::{BackgroundSandbox, Sandbox};

/// Inserts `count` empty carts into the store `store_id` in the current
/// transaction; returns the id of the first (the others follow in id order).
///
/// Each cart is stored as `POST /stores/{store_id}/carts` with the body
/// `{"billing_first_name": "Bulk", "billing_last_name": "Cart"}` would store it.
/// `count == 0` inserts nothing and returns `Ok(None)`.
pub fn seed_carts(conn: &Connection, store_id: i64, count: u64) -> Result<Option<i64>, ApiError> {
    seed_carts_with_items(conn, store_id, count, 0)
}

/// As [`seed_carts`], each cart with `items` items, each stored as
/// `POST /carts/{id}/items` with `{"name": "Bulk Item", "price": "9.99",
/// "quantity": 1, "code": "bulk-N"}` (N from 1 to `items`) would store it.
pub fn seed_carts_with_items(
    conn: &Connection,
    store_id: i64,
    count: u64,
    items: u32,
) -> Result<Option<i64>, ApiError> {
    if count == 0 {
        return Ok(None);
    }
    let kind = &kinds::CARTS;
    let mut body = Map::new();
    body.insert("billing_first_name".into(), Value::from("Bulk"));
    body.insert("billing_last_name".into(), Value::from("Cart"));
    let mut props = input::apply(conn, kind, None, &body, Mode::Create)?;
    engine::prepare(conn, kind, None, &body, &mut props)?;
    let first = db::insert(conn, kind, Some(("stores", store_id)), &props)?;
    let templates = item_templates(conn, first, items)?;
    let created = now_text();
    let mut record = conn.prepare_cached(
        "INSERT INTO records (kind, parent_kind, parent_id, created, modified) \
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?;
    let mut copy = conn.prepare_cached(
        "INSERT INTO props (record_id, pos, name, ty, val) \
         SELECT ?1, pos, name, ty, val FROM props WHERE record_id = ?2",
    )?;
    for _ in 1..count {
        record.execute(params![kind.key, "stores", store_id, created])?;
        let cart = conn.last_insert_rowid();
        copy.execute(params![cart, first])?;
        for template in &templates {
            record.execute(params![kinds::ITEMS.key, kind.key, cart, created])?;
            copy.execute(params![conn.last_insert_rowid(), template])?;
        }
    }
    Ok(Some(first))
}

/// Stores the `items` items of the first bulk cart; their ids are the
/// templates the other carts' items copy.
fn item_templates(conn: &Connection, cart: i64, items: u32) -> Result<Vec<i64>, ApiError> {
    let kind = &kinds::ITEMS;
    (1..=items)
        .map(|n| {
            let mut body = Map::new();
            body.insert("name".into(), Value::from("Bulk Item"));
            body.insert("price".into(), Value::from("9.99"));
            body.insert("quantity".into(), Value::from(1i64));
            body.insert("code".into(), Value::from(format!("bulk-{n}")));
            let mut props = input::apply(conn, kind, None, &body, Mode::Create)?;
            engine::prepare(conn, kind, None, &body, &mut props)?;
            db::insert(conn, kind, Some((kinds::CARTS.key, cart)), &props)
        })
        .collect()
}

/// Seeds `count` carts of `items` items each in one transaction of `db`.
pub(crate) fn seed(db: &Db, store_id: i64, count: u64, items: u32) -> Result<Option<i64>, Error> {
    db.run_blocking(|conn| seed_carts_with_items(conn, store_id, count, items))
        .map_err(|e| Error::Seed(e.message))
}

impl Sandbox {
    /// Adds `count` carts to the seeded store in one transaction (see
    /// [`seed_carts`]); returns the first new cart's id (`None` for zero).
    ///
    /// Blocks the calling thread while it writes (a few seconds per
    /// 100,000 carts in a release build); requests wait for it meanwhile.
    pub fn seed_carts(&self, count: u64) -> Result<Option<i64>, Error> {
        seed(&self.state.db, self.state.store_id, count, 0)
    }
}

impl BackgroundSandbox {
    /// Adds `count` carts to the seeded store in one transaction (see
    /// [`seed_carts`]); returns the first new cart's id (`None` for zero).
    pub fn seed_carts(&self, count: u64) -> Result<Option<i64>, Error> {
        seed(&self.state.db, self.state.store_id, count, 0)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Sandbox};

    fn get(url: &str, token: &str) -> foxy_proto::Resource {
        let mut response = ureq::get(url)
            .header("Authorization", &format!("Bearer {token}"))
            .header("FOXY-API-VERSION", "1")
            .call()
            .expect("GET succeeds");
        let body = response.body_mut().read_to_vec().expect("a body");
        foxy_proto::codec::hal_json::parse(&body).expect("HAL+JSON")
    }

    fn token(base: &str, credentials: &crate::Credentials) -> String {
        let mut response = ureq::post(format!("{base}/token"))
            .send_form([
                ("grant_type", "refresh_token"),
                ("refresh_token", credentials.refresh_token.as_str()),
                ("client_id", credentials.client_id.as_str()),
                ("client_secret", credentials.client_secret.as_str()),
            ])
            .expect("token grant");
        let body = response.body_mut().read_to_string().expect("token body");
        let value = foxy_proto::codec::json::parse_value(body.as_bytes()).expect("token json");
        value
            .as_object()
            .and_then(|m| m.get("access_token"))
            .and_then(foxy_proto::Value::as_str)
            .expect("access_token")
            .to_owned()
    }

    #[test]
    fn bulk_carts_are_served_by_the_collection() {
        let sandbox = Sandbox::start_background(Config::default()).expect("sandbox starts");
        assert_eq!(sandbox.seed_carts(0).expect("nothing to seed"), None);
        let first = sandbox
            .seed_carts(650)
            .expect("seeded")
            .expect("a first id");
        let base = sandbox.base_url().to_owned();
        let token = token(&base, sandbox.credentials());
        let carts = format!("{base}/stores/{}/carts", sandbox.store_id());
        let page = get(&format!("{carts}?limit=300&offset=600"), &token);
        let text = |r: &foxy_proto::Resource, name: &str| match r.properties.get(name) {
            Some(foxy_proto::Value::String(s)) => s.clone(),
            Some(foxy_proto::Value::Number(n)) => n.to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(text(&page, "total_items"), "650");
        assert_eq!(text(&page, "returned_items"), "50");
        let cart = get(&format!("{base}/carts/{}", first + 649), &token);
        assert_eq!(text(&cart, "billing_first_name"), "Bulk");
        assert_eq!(text(&cart, "total_order"), "0");
        assert!(text(&cart, "template_set_uri").contains("/template_sets/"));
    }
}
