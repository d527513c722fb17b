//! Authentication: the `FOXY-API-VERSION` header, bearer tokens, and token storage.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::db::now_ms;
use crate::error::ApiError;
use crate::state::AppState;

/// The header every hAPI request must carry.
pub const VERSION_HEADER: &str = "foxy-api-version";

/// Whether the request carried a valid bearer token (set by [`require`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authenticated(pub bool);

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh unguessable-enough token text with a prefix.
pub fn new_token(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let digest = Sha256::digest(format!("{prefix}:{n}:{nanos}:{}", std::process::id()));
    format!("{prefix}_{}", &hex::encode(digest)[..40])
}

/// Stores a token of `kind` (`access`, `refresh`, `code`).
pub fn store_token(
    conn: &Connection,
    kind: &str,
    client_id: &str,
    scope: &str,
    lifetime: Option<Duration>,
    redirect_uri: Option<&str>,
) -> Result<String, ApiError> {
    let token = new_token(kind);
    let expires = lifetime.map(|d| now_ms() + i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 2));
    conn.execute(
        "INSERT INTO tokens (token, kind, client_id, scope, expires_ms, redirect_uri) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![token, kind, client_id, scope, expires, redirect_uri],
    )?;
    Ok(token)
}

/// A usable stored token.
pub struct TokenRow {
    /// The client it was issued to.
    pub client_id: String,
    /// Its scope.
    pub scope: String,
    /// The redirect URI of an authorization code.
    pub redirect_uri: Option<String>,
}

/// Looks a token of `kind` up: its row, or why it is unusable (`"invalid"`, `"expired"`).
pub fn find_token(
    conn: &Connection,
    kind: &str,
    token: &str,
) -> Result<Result<TokenRow, &'static str>, ApiError> {
    let row = conn
        .prepare_cached(
            "SELECT client_id, scope, expires_ms, redirect_uri FROM tokens WHERE token = ?1 AND kind = ?2",
        )?
        .query_row(
            params![token, kind],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<i64>>(2)?, r.get::<_, Option<String>>(3)?)),
        )
        .optional()?;
    Ok(match row {
        None => Err("invalid"),
        Some((_, _, Some(exp), _)) if exp <= now_ms() => Err("expired"),
        Some((client_id, scope, _, redirect_uri)) => Ok(TokenRow {
            client_id,
            scope,
            redirect_uri,
        }),
    })
}

/// Deletes a token (authorization codes are single use).
pub fn delete_token(conn: &Connection, token: &str) -> Result<(), ApiError> {
    conn.execute("DELETE FROM tokens WHERE token = ?1", [token])?;
    Ok(())
}

/// Middleware for hAPI routes: requires `FOXY-API-VERSION: 1` and a valid bearer
/// token. The API home alone may be read without a token (with fewer links).
pub async fn require(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    match req
        .headers()
        .get(VERSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
    {
        Some("1") => {}
        Some(other) => {
            return ApiError::bad_request(format!(
                "unsupported FOXY-API-VERSION {:?}; use 1",
                crate::error::excerpt(other)
            ))
            .into_response();
        }
        None => {
            return ApiError::bad_request(
                "the FOXY-API-VERSION: 1 header is required on every request",
            )
            .into_response();
        }
    }
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let token = match auth.as_deref().map(str::trim) {
        None if req.uri().path() == "/" => {
            req.extensions_mut().insert(Authenticated(false));
            return next.run(req).await;
        }
        None => return ApiError::invalid_token("no access token was provided").into_response(),
        Some(h) => match h.split_once(' ') {
            Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") && !t.trim().is_empty() => {
                t.trim().to_owned()
            }
            _ => {
                return ApiError::invalid_token("the Authorization header is not a Bearer token")
                    .into_response();
            }
        },
    };
    let looked = state.db.read(|conn| find_token(conn, "access", &token));
    match looked {
        Ok(Ok(_)) => {
            req.extensions_mut().insert(Authenticated(true));
            next.run(req).await
        }
        Ok(Err("expired")) => {
            ApiError::invalid_token("the access token provided has expired").into_response()
        }
        Ok(Err(_)) => {
            ApiError::invalid_token("the access token provided is invalid").into_response()
        }
        Err(e) => e.into_response(),
    }
}
