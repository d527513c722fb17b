//! SQLite storage: schema, records with their properties, tokens and metadata.
//!
//! One connection sits behind a mutex; every request's work runs as one
//! transaction holding it, so concurrent writes never interleave. Writes
//! run on a blocking thread ([`Db::run`]); reads, which take microseconds,
//! run on the calling worker ([`Db::read`]).

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use foxy_proto::{Map, Number, Value};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::ApiError;
use crate::kinds::{self, Kind};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    parent_kind TEXT,
    parent_id INTEGER,
    created TEXT NOT NULL,
    modified TEXT
);
CREATE INDEX IF NOT EXISTS records_parent ON records(parent_kind, parent_id, kind);
CREATE INDEX IF NOT EXISTS records_parent_modified ON records(parent_kind, parent_id, kind, modified);
CREATE TABLE IF NOT EXISTS props (
    record_id INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    ty TEXT NOT NULL,
    val TEXT,
    PRIMARY KEY (record_id, name)
);
CREATE INDEX IF NOT EXISTS props_order ON props(record_id, pos, name, ty, val);
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    client_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    expires_ms INTEGER,
    redirect_uri TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY,
    cart_id INTEGER NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS child_counts (
    parent_kind TEXT NOT NULL,
    parent_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (parent_kind, parent_id, kind)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS records_counted AFTER INSERT ON records
WHEN NEW.parent_kind IS NOT NULL AND NEW.parent_id IS NOT NULL BEGIN
    INSERT INTO child_counts VALUES (NEW.parent_kind, NEW.parent_id, NEW.kind, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS records_uncounted AFTER DELETE ON records
WHEN OLD.parent_kind IS NOT NULL AND OLD.parent_id IS NOT NULL BEGIN
    UPDATE child_counts SET n = n - 1
    WHERE parent_kind = OLD.parent_kind AND parent_id = OLD.parent_id AND kind = OLD.kind;
END;
CREATE TRIGGER IF NOT EXISTS records_recounted AFTER UPDATE OF parent_kind, parent_id, kind ON records
BEGIN
    UPDATE child_counts SET n = n - 1
    WHERE parent_kind = OLD.parent_kind AND parent_id = OLD.parent_id AND kind = OLD.kind;
    INSERT INTO child_counts SELECT NEW.parent_kind, NEW.parent_id, NEW.kind, 1
    WHERE NEW.parent_kind IS NOT NULL AND NEW.parent_id IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    event TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL,
    created TEXT NOT NULL
);
";

/// Where pages of children began, so a deep page seeks instead of walking
/// its offset: `(parent, kind, pos)` -> `id`, meaning the child at `pos` (in
/// id order) is the first whose id is at least `id`. Per connection, and
/// dropped for a parent whenever one of its children is written.
const PAGE_MARKS: &str = "
CREATE TEMP TABLE IF NOT EXISTS page_marks (
    parent_kind TEXT NOT NULL,
    parent_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    pos INTEGER NOT NULL,
    id INTEGER NOT NULL,
    PRIMARY KEY (parent_kind, parent_id, kind, pos)
) WITHOUT ROWID;
CREATE TEMP TRIGGER IF NOT EXISTS page_marks_insert AFTER INSERT ON main.records BEGIN
    DELETE FROM page_marks
    WHERE parent_kind = NEW.parent_kind AND parent_id = NEW.parent_id AND kind = NEW.kind;
END;
CREATE TEMP TRIGGER IF NOT EXISTS page_marks_delete AFTER DELETE ON main.records BEGIN
    DELETE FROM page_marks
    WHERE parent_kind = OLD.parent_kind AND parent_id = OLD.parent_id AND kind = OLD.kind;
END;
CREATE TEMP TRIGGER IF NOT EXISTS page_marks_update AFTER UPDATE OF parent_kind, parent_id, kind ON main.records BEGIN
    DELETE FROM page_marks
    WHERE parent_kind = OLD.parent_kind AND parent_id = OLD.parent_id AND kind = OLD.kind;
    DELETE FROM page_marks
    WHERE parent_kind = NEW.parent_kind AND parent_id = NEW.parent_id AND kind = NEW.kind;
END;
";

/// How many prepared statements the connection keeps.
const STATEMENT_CACHE: usize = 256;

/// The database handle shared by all requests.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

/// One stored resource.
#[derive(Debug, Clone)]
pub struct Record {
    /// Numeric id (global across kinds).
    pub id: i64,
    /// Its kind.
    pub kind: &'static Kind,
    /// Parent kind key and id.
    pub parent: Option<(String, i64)>,
    /// Stored properties (fields, hidden fields and extension properties).
    pub props: Map,
    /// The names of its extension properties (`x_...`) in `props`, in
    /// stored order: tagged when written, so reads need not look at every name.
    pub extensions: Vec<String>,
    /// Its extension links (`x:...` relation, href), in stored order.
    pub links: Vec<(String, String)>,
    /// Creation date text.
    pub created: String,
    /// Last modification date text.
    pub modified: Option<String>,
}

impl Record {
    /// The parent id when the parent is of `key`.
    pub fn parent_of(&self, key: &str) -> Option<i64> {
        self.parent
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, id)| *id)
    }

    /// An integer property (stored ids of references).
    pub fn int(&self, name: &str) -> Option<i64> {
        self.props.get(name).and_then(Value::as_i64_lenient)
    }

    /// A string property, empty when absent.
    pub fn text(&self, name: &str) -> String {
        value_text(self.props.get(name))
    }
}

/// A property as text: a string as it is, a number or a boolean written out,
/// empty for anything else or nothing.
pub fn value_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

impl Db {
    /// Opens (and migrates) the database: a file, or memory when `path` is `None`.
    pub fn open(path: Option<&Path>) -> Result<Db, rusqlite::Error> {
        let conn = match path {
            Some(p) => Connection::open(p)?,
            None => Connection::open_in_memory()?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Every hot path's statements stay prepared (the default keeps 16,
        // fewer than one zoomed cart uses, so they were prepared again).
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(PAGE_MARKS)?;
        tag_extensions(&conn)?;
        count_children(&conn)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` in one transaction on the calling thread; an error or a panic
    /// rolls back (a panic answers 500 and leaves the database usable).
    pub fn run_blocking<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.transaction(f, false)
    }

    /// Runs `f` in one transaction on a blocking thread.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let db = self.clone();
        let panic_before_commit = crate::panics::panic_before_commit();
        tokio::task::spawn_blocking(move || db.transaction(f, panic_before_commit))
            .await
            .map_err(|e| ApiError::internal(format!("database task failed: {e}")))?
    }

    /// Runs `f`, work that only reads, in one transaction on the calling
    /// thread: no hop to a blocking thread and back. Reads take microseconds
    /// and the connection is held as briefly by every request.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.transaction(f, crate::panics::panic_before_commit())
    }

    fn transaction<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
        panic_before_commit: bool,
    ) -> Result<T, ApiError> {
        // A panic is caught below while the guard is held, so the lock is
        // never poisoned by a handler; recover anyway rather than fail forever.
        let guard = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        in_transaction(&guard, f, panic_before_commit)
    }
}

/// Tags the extension properties of a database written before they were
/// tagged (see [`encode`]), once.
fn tag_extensions(conn: &Connection) -> Result<(), rusqlite::Error> {
    const DONE: &str = "extensions_tagged";
    let done: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [DONE], |r| {
            r.get(0)
        })
        .optional()?;
    if done.is_none() {
        conn.execute_batch(
            "BEGIN; \
             UPDATE props SET ty = 'x' || ty WHERE name GLOB 'x_*' AND ty IN ('n', 'b', 'd', 's'); \
             INSERT INTO meta (key, value) VALUES ('extensions_tagged', '1'); \
             COMMIT;",
        )?;
    }
    Ok(())
}

/// Fills `child_counts` (kept by triggers in every write's transaction
/// since) for a database written before it existed, once.
fn count_children(conn: &Connection) -> Result<(), rusqlite::Error> {
    let done: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'children_counted'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if done.is_none() {
        conn.execute_batch(
            "BEGIN; \
             DELETE FROM child_counts; \
             INSERT INTO child_counts SELECT parent_kind, parent_id, kind, COUNT(*) FROM records \
             WHERE parent_kind IS NOT NULL AND parent_id IS NOT NULL GROUP BY 1, 2, 3; \
             INSERT INTO meta (key, value) VALUES ('children_counted', '1'); \
             COMMIT;",
        )?;
    }
    Ok(())
}

/// Runs `f` between `BEGIN` and `COMMIT` (statements kept prepared); an
/// error or a panic rolls back (a panic answers 500 and leaves the database
/// usable).
fn in_transaction<T>(
    guard: &MutexGuard<'_, Connection>,
    f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    panic_before_commit: bool,
) -> Result<T, ApiError> {
    let conn: &Connection = guard;
    conn.prepare_cached("BEGIN DEFERRED")?.execute([])?;
    let out = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let out = f(conn);
        if panic_before_commit && out.is_ok() {
            panic!("panic asked before the commit");
        }
        out
    }));
    match out {
        Ok(Ok(out)) => match conn
            .prepare_cached("COMMIT")
            .and_then(|mut s| s.execute([]))
        {
            Ok(_) => Ok(out),
            Err(e) => {
                rollback(conn)?;
                Err(e.into())
            }
        },
        Ok(Err(e)) => {
            // The request's own error is the one to report.
            let _ = rollback(conn);
            Err(e)
        }
        Err(_) => {
            rollback(conn)?;
            Err(ApiError::internal(
                "the sandbox failed while handling this request (a bug); \
                 its writes were rolled back",
            ))
        }
    }
}

/// Rolls the open transaction back, if SQLite has not already ended it.
fn rollback(conn: &Connection) -> Result<(), rusqlite::Error> {
    if !conn.is_autocommit() {
        conn.prepare_cached("ROLLBACK")?.execute([])?;
    }
    Ok(())
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The current time in Foxy's date format, in UTC as stored
/// (`2012-02-29T13:55:09+0000`; rendered in the store's zone, see [`crate::dates`]).
pub fn now_text() -> String {
    crate::dates::now_utc_text()
}

/// The type tag of an extension link's row in `props` (its `name` the
/// relation, its `val` the href).
const LINK_TAG: &str = "l";

/// Where extension links sit among a record's `props` rows: after every property.
const LINK_POS: i64 = 1 << 40;

/// A value's stored type tag and text. An extension property's tag starts
/// with `x` (`xs`, `xd`, ...), so reading a record finds its extensions
/// without testing every name.
fn encode(name: &str, v: &Value) -> (&'static str, Option<String>) {
    let ext = crate::input::is_extension(name);
    let (plain, tagged, val) = match v {
        Value::Null | Value::Array(_) | Value::Object(_) => ("n", "xn", None),
        Value::Bool(b) => ("b", "xb", Some(if *b { "1" } else { "0" }.to_owned())),
        Value::Number(n) => ("d", "xd", Some(n.to_string())),
        Value::String(s) => ("s", "xs", Some(s.clone())),
    };
    (if ext { tagged } else { plain }, val)
}

/// A stored property's value from its type tag (plain or extension) and text.
pub(crate) fn decode(ty: &str, val: Option<String>) -> Value {
    let ty = ty.strip_prefix('x').unwrap_or(ty);
    match (ty, val) {
        ("b", Some(v)) => Value::Bool(v == "1"),
        ("d", Some(v)) => v.parse::<Number>().map_or(Value::Null, Value::Number),
        ("s", Some(v)) => Value::String(v),
        _ => Value::Null,
    }
}

/// As [`decode`], from the stored text in place.
fn decode_ref(ty: &str, val: Option<&str>) -> Value {
    let ty = ty.strip_prefix('x').unwrap_or(ty);
    match (ty, val) {
        ("b", Some(v)) => Value::Bool(v == "1"),
        ("d", Some(v)) => v.parse::<Number>().map_or(Value::Null, Value::Number),
        ("s", Some(v)) => Value::String(v.to_owned()),
        _ => Value::Null,
    }
}

/// Column `i` of a row as text, without copying it.
fn text_ref<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str, rusqlite::Error> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// What a record's `props` rows hold: properties, extension names, extension links.
type Stored = (Map, Vec<String>, Vec<(String, String)>);

/// A record's stored rows; `room` is how many properties to make room for.
fn load_props(conn: &Connection, id: i64, room: usize) -> Result<Stored, rusqlite::Error> {
    let mut stmt =
        conn.prepare_cached("SELECT name, ty, val FROM props WHERE record_id = ?1 ORDER BY pos")?;
    let mut rows = stmt.query([id])?;
    let mut map = Map::with_capacity(room);
    let mut extensions = Vec::new();
    let mut links = Vec::new();
    while let Some(r) = rows.next()? {
        let name: String = r.get(0)?;
        let ty = text_ref(r, 1)?;
        if ty == LINK_TAG {
            let href: Option<String> = r.get(2)?;
            links.push((name, href.unwrap_or_default()));
            continue;
        }
        if ty.starts_with('x') {
            extensions.push(name.clone());
        }
        // The stored text is read in place: only a string value is copied
        // out of it (a number is parsed from it, a boolean compared).
        let val = match r.get_ref(2)? {
            rusqlite::types::ValueRef::Null => None,
            _ => Some(text_ref(r, 2)?),
        };
        map.insert(name, decode_ref(ty, val));
    }
    Ok((map, extensions, links))
}

/// Replaces a record's properties; its extension links stay as they are.
fn write_props(conn: &Connection, id: i64, props: &Map) -> Result<(), rusqlite::Error> {
    conn.prepare_cached("DELETE FROM props WHERE record_id = ?1 AND ty <> 'l'")?
        .execute([id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO props (record_id, pos, name, ty, val) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pos, (name, value)) in props.iter().enumerate() {
        let (ty, val) = encode(name, value);
        stmt.execute(params![id, pos as i64, name, ty, val])?;
    }
    Ok(())
}

/// Replaces a record's extension links (relation, href) with `links`, in order.
pub fn set_links(conn: &Connection, id: i64, links: &[(String, String)]) -> Result<(), ApiError> {
    conn.prepare_cached("DELETE FROM props WHERE record_id = ?1 AND ty = 'l'")?
        .execute([id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO props (record_id, pos, name, ty, val) VALUES (?1, ?2, ?3, 'l', ?4)",
    )?;
    for (pos, (rel, href)) in (LINK_POS..).zip(links) {
        stmt.execute(params![id, pos, rel, href])?;
    }
    Ok(())
}

type Row = (
    i64,
    String,
    Option<String>,
    Option<i64>,
    String,
    Option<String>,
);

fn to_record(conn: &Connection, row: Row) -> Result<Option<Record>, rusqlite::Error> {
    let (id, kind, pk, pid, created, modified) = row;
    let Some(kind) = kinds::by_key(&kind) else {
        return Ok(None);
    };
    let (props, extensions, links) = load_props(conn, id, kind.fields.len() + 2)?;
    Ok(Some(Record {
        id,
        kind,
        parent: pk.zip(pid),
        props,
        extensions,
        links,
        created,
        modified,
    }))
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

/// Any record by id.
pub fn find(conn: &Connection, id: i64) -> Result<Option<Record>, ApiError> {
    let found = conn
        .prepare_cached(
            "SELECT id, kind, parent_kind, parent_id, created, modified FROM records WHERE id = ?1",
        )?
        .query_row([id], row)
        .optional()?;
    match found {
        Some(r) => Ok(to_record(conn, r)?),
        None => Ok(None),
    }
}

/// A record of `kind` by id, or a 404 error document.
pub fn load(conn: &Connection, kind: &Kind, id: i64) -> Result<Record, ApiError> {
    match find(conn, id)? {
        Some(r) if r.kind.key == kind.key => Ok(r),
        _ => Err(ApiError::not_found(format!("{} {id} not found", kind.rel))),
    }
}

/// The children of `kind` under a parent, oldest first.
pub fn children(
    conn: &Connection,
    parent_kind: &str,
    parent_id: i64,
    kind: &Kind,
) -> Result<Vec<Record>, ApiError> {
    // Without LIMIT and OFFSET: SQLite prepares a statement whose LIMIT is a
    // bound parameter again whenever that parameter changes.
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, parent_kind, parent_id, created, modified \
         FROM records INDEXED BY records_parent WHERE parent_kind = ?1 AND parent_id = ?2 AND kind = ?3 ORDER BY id",
    )?;
    let rows: Vec<Row> = stmt
        .query_map(params![parent_kind, parent_id, kind.key], row)?
        .collect::<Result<_, _>>()?;
    records_of(conn, rows)
}

/// One page of a parent's children in id order, without loading the others:
/// how many there are, the latest `modified` among them, and the records from
/// `offset` on (at most `limit`).
pub fn children_page(
    conn: &Connection,
    parent_kind: &str,
    parent_id: i64,
    kind: &Kind,
    offset: usize,
    limit: usize,
) -> Result<ChildrenPage, ApiError> {
    // The count is stored (`child_counts`, kept by triggers: counting the
    // index entries was a quarter of a page of 100,000 carts); the latest
    // date is one seek in `records_parent_modified`.
    let key = params![parent_kind, parent_id, kind.key];
    let total: i64 = conn
        .prepare_cached(
            "SELECT n FROM child_counts \
             WHERE parent_kind = ?1 AND parent_id = ?2 AND kind = ?3",
        )?
        .query_row(key, |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let modified: Option<String> = conn
        .prepare_cached(
            "SELECT MAX(modified) FROM records \
             WHERE parent_kind = ?1 AND parent_id = ?2 AND kind = ?3",
        )?
        .query_row(key, |r| r.get(0))?;
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    Ok(ChildrenPage {
        total: usize::try_from(total).unwrap_or(0),
        modified,
        records: children_range(conn, parent_kind, parent_id, kind, offset, limit)?,
    })
}

/// The children from `offset` on, at most `limit` of them, in id order.
fn children_range(
    conn: &Connection,
    parent_kind: &str,
    parent_id: i64,
    kind: &Kind,
    offset: i64,
    limit: i64,
) -> Result<Vec<Record>, ApiError> {
    // Seek to the nearest page start known at or before `offset` (keyset),
    // and walk only the rest of the way.
    let key = params![parent_kind, parent_id, kind.key, offset];
    let mark: Option<(i64, i64)> = conn
        .prepare_cached(
            "SELECT pos, id FROM page_marks \
             WHERE parent_kind = ?1 AND parent_id = ?2 AND kind = ?3 AND pos <= ?4 \
             ORDER BY pos DESC LIMIT 1",
        )?
        .query_row(key, |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (from, skip) = mark.map_or((i64::MIN, offset), |(pos, id)| (id, offset - pos));
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, parent_kind, parent_id, created, modified \
         FROM records INDEXED BY records_parent WHERE parent_kind = ?1 AND parent_id = ?2 AND kind = ?3 \
         AND id >= ?4 ORDER BY id LIMIT ?5 OFFSET ?6",
    )?;
    let rows: Vec<Row> = stmt
        .query_map(
            params![parent_kind, parent_id, kind.key, from, limit, skip],
            row,
        )?
        .collect::<Result<_, _>>()?;
    // Marks for this page's start and the next one's (a walk along `next`
    // and a page asked again both seek).
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        let mut mark =
            conn.prepare_cached("INSERT OR REPLACE INTO page_marks VALUES (?1, ?2, ?3, ?4, ?5)")?;
        if skip > 0 {
            mark.execute(params![parent_kind, parent_id, kind.key, offset, first.0])?;
        }
        let len = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        if let (Some(next), Some(id)) = (offset.checked_add(len), last.0.checked_add(1)) {
            mark.execute(params![parent_kind, parent_id, kind.key, next, id])?;
        }
        prune_page_marks(conn, MAX_PAGE_MARKS)?;
    }
    records_of(conn, rows)
}

/// The most page marks a connection keeps: past it they are all dropped
/// (pages stay right without them, the next ones only walk their offset
/// again), so a long load test of many distinct pages holds bounded memory.
const MAX_PAGE_MARKS: i64 = 20_000;

/// Drops every page mark when there are more than `max`.
fn prune_page_marks(conn: &Connection, max: i64) -> Result<(), ApiError> {
    conn.prepare_cached("DELETE FROM page_marks WHERE (SELECT COUNT(*) FROM page_marks) > ?1")?
        .execute([max])?;
    Ok(())
}

/// The records of `rows`, their properties loaded (rows of unknown kinds left out).
fn records_of(conn: &Connection, rows: Vec<Row>) -> Result<Vec<Record>, ApiError> {
    let mut records = Vec::with_capacity(rows.len());
    for r in rows {
        if let Some(rec) = to_record(conn, r)? {
            records.push(rec);
        }
    }
    Ok(records)
}

/// What [`children_page`] returns.
#[derive(Debug)]
pub struct ChildrenPage {
    /// How many children there are in all.
    pub total: usize,
    /// The latest `modified` date among all of them.
    pub modified: Option<String>,
    /// The page's records, in id order.
    pub records: Vec<Record>,
}

/// Inserts a record and returns its id.
pub fn insert(
    conn: &Connection,
    kind: &Kind,
    parent: Option<(&str, i64)>,
    props: &Map,
) -> Result<i64, ApiError> {
    conn.execute(
        "INSERT INTO records (kind, parent_kind, parent_id, created, modified) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![kind.key, parent.map(|p| p.0), parent.map(|p| p.1), now_text()],
    )?;
    let id = conn.last_insert_rowid();
    write_props(conn, id, props)?;
    Ok(id)
}

/// Replaces a record's properties and stamps its modification date.
pub fn update(conn: &Connection, id: i64, props: &Map) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE records SET modified = ?2 WHERE id = ?1",
        params![id, now_text()],
    )?;
    write_props(conn, id, props)?;
    Ok(())
}

/// Marks a record modified (a child changed).
pub fn touch(conn: &Connection, id: i64) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE records SET modified = ?2 WHERE id = ?1",
        params![id, now_text()],
    )?;
    Ok(())
}

/// Deletes a record and, recursively, everything under it.
pub fn delete(conn: &Connection, id: i64, kind_key: &str) -> Result<(), ApiError> {
    let kids: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, kind FROM records WHERE parent_kind = ?1 AND parent_id = ?2")?
        .query_map(params![kind_key, id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (kid, kind) in kids {
        delete(conn, kid, &kind)?;
    }
    conn.execute("DELETE FROM props WHERE record_id = ?1", [id])?;
    conn.execute("DELETE FROM records WHERE id = ?1", [id])?;
    Ok(())
}

/// Counts records of a kind.
pub fn count(conn: &Connection, kind: &Kind) -> Result<i64, ApiError> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM records WHERE kind = ?1",
        [kind.key],
        |r| r.get(0),
    )?)
}

/// A metadata value.
pub fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>, ApiError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Sets a metadata value.
pub fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        params![key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn extension_properties_are_tagged_when_written_and_in_older_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sandbox.db");
        let db = Db::open(Some(&path)).unwrap();
        let mut props = Map::new();
        props.insert("name".into(), Value::from("n"));
        props.insert("x_ref".into(), Value::from("r"));
        let id = db
            .run_blocking(|conn| insert(conn, &kinds::WEBHOOKS, None, &props))
            .unwrap();
        let rec = db.read(|conn| load(conn, &kinds::WEBHOOKS, id)).unwrap();
        assert_eq!(rec.extensions, ["x_ref"]);
        assert_eq!(rec.props.get("x_ref"), Some(&Value::from("r")));
        // A file written before the tags: its extension rows are tagged on open.
        db.run_blocking(|conn| {
            conn.execute_batch(
                "UPDATE props SET ty = 's' WHERE name = 'x_ref'; \
                 DELETE FROM meta WHERE key = 'extensions_tagged';",
            )?;
            Ok(())
        })
        .unwrap();
        drop(db);
        let db = Db::open(Some(&path)).unwrap();
        let rec = db.read(|conn| load(conn, &kinds::WEBHOOKS, id)).unwrap();
        assert_eq!(rec.extensions, ["x_ref"]);
    }

    #[test]
    fn child_counts_follow_every_write_and_are_filled_for_older_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sandbox.db");
        let db = Db::open(Some(&path)).unwrap();
        let counted = |db: &Db| {
            db.read(|conn| {
                let page = children_page(conn, "stores", 1, &kinds::WEBHOOKS, 0, 2)?;
                let real: i64 = conn.query_row(
                    "SELECT COUNT(*) FROM records WHERE parent_kind = 'stores' AND parent_id = 1",
                    [],
                    |r| r.get(0),
                )?;
                assert_eq!(page.total as i64, real);
                Ok(page.total)
            })
            .unwrap()
        };
        assert_eq!(counted(&db), 0);
        let ids: Vec<i64> = (0..5)
            .map(|_| {
                db.run_blocking(|conn| {
                    insert(conn, &kinds::WEBHOOKS, Some(("stores", 1)), &Map::new())
                })
                .unwrap()
            })
            .collect();
        assert_eq!(counted(&db), 5);
        db.run_blocking(|conn| delete(conn, ids[0], "webhooks"))
            .unwrap();
        assert_eq!(counted(&db), 4);
        // A write rolled back leaves the count as it was.
        let failed: Result<(), ApiError> = db.run_blocking(|conn| {
            insert(conn, &kinds::WEBHOOKS, Some(("stores", 1)), &Map::new())?;
            Err(ApiError::bad_request("no"))
        });
        assert!(failed.is_err());
        assert_eq!(counted(&db), 4);
        // A file written before the counts: filled on open.
        db.run_blocking(|conn| {
            conn.execute_batch(
                "DELETE FROM child_counts; DELETE FROM meta WHERE key = 'children_counted';",
            )?;
            Ok(())
        })
        .unwrap();
        drop(db);
        let db = Db::open(Some(&path)).unwrap();
        assert_eq!(counted(&db), 4);
    }

    #[test]
    fn deep_pages_seek_from_marks_and_stay_right_after_writes() {
        let db = Db::open(None).unwrap();
        let add = |db: &Db| {
            db.run_blocking(|conn| insert(conn, &kinds::WEBHOOKS, Some(("stores", 1)), &Map::new()))
                .unwrap()
        };
        let mut ids: Vec<i64> = (0..40).map(|_| add(&db)).collect();
        let page = |db: &Db, offset: usize| -> Vec<i64> {
            db.read(|conn| children_page(conn, "stores", 1, &kinds::WEBHOOKS, offset, 7))
                .unwrap()
                .records
                .iter()
                .map(|r| r.id)
                .collect()
        };
        let check = |db: &Db, ids: &[i64]| {
            // Walks along next, asked again, and from marks further back.
            for offset in (0..45).step_by(7).chain([20, 20, 3, 33, 39, 40]) {
                let want: Vec<i64> = ids.iter().skip(offset).take(7).copied().collect();
                assert_eq!(page(db, offset), want, "offset {offset}");
            }
        };
        check(&db, &ids);
        db.run_blocking(|conn| delete(conn, ids[5], "webhooks"))
            .unwrap();
        ids.remove(5);
        check(&db, &ids);
        ids.push(add(&db));
        check(&db, &ids);
        // A read that fails rolls its marks back with it.
        let failed: Result<(), ApiError> = db.read(|conn| {
            children_page(conn, "stores", 1, &kinds::WEBHOOKS, 14, 7)?;
            Err(ApiError::bad_request("no"))
        });
        assert!(failed.is_err());
        check(&db, &ids);
    }

    #[test]
    fn page_marks_past_the_bound_are_dropped_and_pages_stay_right() {
        let db = Db::open(None).unwrap();
        let ids: Vec<i64> = (0..30)
            .map(|_| {
                db.run_blocking(|conn| {
                    insert(conn, &kinds::WEBHOOKS, Some(("stores", 1)), &Map::new())
                })
                .unwrap()
            })
            .collect();
        let marks = |conn: &Connection| -> Result<i64, ApiError> {
            Ok(conn.query_row("SELECT COUNT(*) FROM page_marks", [], |r| r.get(0))?)
        };
        db.read(|conn| {
            for offset in 0..30 {
                children_page(conn, "stores", 1, &kinds::WEBHOOKS, offset, 1)?;
            }
            assert!(marks(conn)? > 5);
            prune_page_marks(conn, 5)?;
            assert_eq!(marks(conn)?, 0);
            prune_page_marks(conn, 5)?;
            let page = children_page(conn, "stores", 1, &kinds::WEBHOOKS, 12, 3)?;
            let got: Vec<i64> = page.records.iter().map(|r| r.id).collect();
            assert_eq!(got, ids[12..15]);
            Ok(())
        })
        .unwrap();
    }
}
