//! OAuth: `POST /token` (refresh_token, client_credentials, authorization_code) and `GET /authorize`.
//!
//! Clients authenticate with HTTP Basic or `client_id`/`client_secret` in the
//! body. Access tokens live `Config::token_lifetime`; refresh tokens are not
//! reissued by the refresh grant.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use foxy_proto::{Map, Value, codec};

use crate::auth::{self, delete_token, find_token, store_token};
use crate::body;
use crate::error::ApiError;
use crate::render::Ctx;
use crate::state::{AppState, Counters};

/// Lifetime of an authorization code.
const CODE_LIFETIME: std::time::Duration = std::time::Duration::from_secs(600);

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/token",
            post(token).options(|| async { crate::engine::options("POST, OPTIONS") }),
        )
        .route("/authorize", get(authorize))
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn client_auth(headers: &HeaderMap, pairs: &[(String, String)]) -> Option<(String, String)> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        })
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.split_once(':').map(|(a, b)| (a.to_owned(), b.to_owned())));
    basic.or_else(|| {
        Some((
            param(pairs, "client_id")?.to_owned(),
            param(pairs, "client_secret")?.to_owned(),
        ))
    })
}

fn json(status: StatusCode, m: Map) -> Response {
    let mut resp = (status, codec::json::to_vec(&Value::Object(m))).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, ApiError> {
    Counters::bump(&state.counters.token_requests);
    let pairs = body::pairs(&headers, &bytes)?;
    let creds = &state.config.credentials;
    let client_ok = client_auth(&headers, &pairs)
        .is_some_and(|(id, secret)| id == creds.client_id && secret == creds.client_secret);
    if !client_ok {
        return Err(ApiError::oauth(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client authentication failed",
        )
        .with_header(header::WWW_AUTHENTICATE, "Basic realm=\"Foxy Sandbox\""));
    }
    let grant = param(&pairs, "grant_type").unwrap_or("").to_owned();
    let lifetime = state.config.token_lifetime;
    let client_id = creds.client_id.clone();
    let configured_refresh = creds.refresh_token.clone();
    let refresh = param(&pairs, "refresh_token").map(str::to_owned);
    let code = param(&pairs, "code").map(str::to_owned);
    let redirect = param(&pairs, "redirect_uri").map(str::to_owned);
    let g = grant.clone();
    let (access, scope, new_refresh) = state
        .db
        .run(move |conn| match g.as_str() {
            "refresh_token" => {
                let Some(rt) = refresh else {
                    return Err(ApiError::oauth(
                        StatusCode::BAD_REQUEST,
                        "invalid_request",
                        "refresh_token is required",
                    ));
                };
                let known = rt == configured_refresh || find_token(conn, "refresh", &rt)?.is_ok();
                if !known {
                    return Err(ApiError::oauth(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "the refresh token is invalid",
                    ));
                }
                let scope = "store_full_access";
                Ok((
                    store_token(conn, "access", &client_id, scope, Some(lifetime), None)?,
                    scope,
                    None,
                ))
            }
            "client_credentials" => {
                let scope = "client_full_access";
                Ok((
                    store_token(conn, "access", &client_id, scope, Some(lifetime), None)?,
                    scope,
                    None,
                ))
            }
            "authorization_code" => {
                let Some(code) = code else {
                    return Err(ApiError::oauth(
                        StatusCode::BAD_REQUEST,
                        "invalid_request",
                        "code is required",
                    ));
                };
                let row = find_token(conn, "code", &code)?.map_err(|why| {
                    ApiError::oauth(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        format!("the authorization code is {why}"),
                    )
                })?;
                if redirect.is_some() && redirect != row.redirect_uri {
                    return Err(ApiError::oauth(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "redirect_uri does not match",
                    ));
                }
                delete_token(conn, &code)?;
                let scope = "store_full_access";
                let access =
                    store_token(conn, "access", &row.client_id, scope, Some(lifetime), None)?;
                let rt = store_token(conn, "refresh", &row.client_id, &row.scope, None, None)?;
                Ok((access, scope, Some(rt)))
            }
            "" => Err(ApiError::oauth(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "grant_type is required",
            )),
            other => Err(ApiError::oauth(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                format!(
                    "grant_type {:?} is not supported",
                    crate::error::excerpt(other)
                ),
            )),
        })
        .await?;
    let counter = match grant.as_str() {
        "refresh_token" => &state.counters.refresh_grants,
        "client_credentials" => &state.counters.client_credentials_grants,
        _ => &state.counters.authorization_code_grants,
    };
    Counters::bump(counter);
    let mut m = Map::new();
    m.insert("access_token".into(), Value::from(access));
    m.insert("expires_in".into(), Value::from(lifetime.as_secs().max(1)));
    m.insert("token_type".into(), Value::from("bearer"));
    m.insert("scope".into(), Value::from(scope));
    if let Some(rt) = new_refresh {
        m.insert("refresh_token".into(), Value::from(rt));
    }
    Ok(json(StatusCode::OK, m))
}

/// Minimal authorization endpoint: approves at once and redirects with a code.
async fn authorize(ctx: Ctx) -> Result<Response, ApiError> {
    let q = &ctx.query;
    let creds = &ctx.state.config.credentials;
    if param(q, "response_type") != Some("code") {
        return Err(ApiError::bad_request("response_type must be code"));
    }
    if param(q, "client_id") != Some(creds.client_id.as_str()) {
        return Err(ApiError::bad_request("unknown client_id"));
    }
    let redirect = param(q, "redirect_uri").unwrap_or("").to_owned();
    if !(redirect.starts_with("http://") || redirect.starts_with("https://")) {
        return Err(ApiError::bad_request("redirect_uri must be an http(s) URL"));
    }
    let scope = param(q, "scope").unwrap_or("store_full_access").to_owned();
    let client_id = creds.client_id.clone();
    let r = redirect.clone();
    let code = ctx
        .state
        .db
        .run(move |conn| {
            auth::store_token(
                conn,
                "code",
                &client_id,
                &scope,
                Some(CODE_LIFETIME),
                Some(&r),
            )
        })
        .await?;
    let mut target = url::Url::parse(&redirect)
        .map_err(|e| ApiError::bad_request(format!("bad redirect_uri: {e}")))?;
    target.query_pairs_mut().append_pair("code", &code);
    if let Some(s) = param(q, "state") {
        target.query_pairs_mut().append_pair("state", s);
    }
    let mut resp = StatusCode::FOUND.into_response();
    let location = HeaderValue::from_str(target.as_str())
        .map_err(|_| ApiError::bad_request("bad redirect_uri"))?;
    resp.headers_mut().insert(header::LOCATION, location);
    Ok(resp)
}
