//! Token requests and token responses.
//!
//! Build a request with [`Grant::request`], send it, read the answer with
//! [`parse_token_response`]. Client credentials go in the form body (as
//! Foxy's own SDK sends them) or, with [`ClientAuth::Basic`], in an HTTP
//! Basic `Authorization` header.

use std::time::{Duration, SystemTime};

use base64::Engine;
use http::{HeaderValue, Method, Request, Response, StatusCode, header};
use serde::Deserialize;

use crate::form;
use crate::request::{RequestError, UserAgent, resolve_href};

use super::token::DEFAULT_LIFETIME;
use super::{Scope, Secret, Tokens};

/// How the client proves its identity to the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body (the default).
    #[default]
    Body,
    /// An HTTP Basic `Authorization` header (RFC 6749 §2.3.1).
    Basic,
}

/// An OAuth client's id and secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: Secret,
    /// Where the credentials go.
    pub auth: ClientAuth,
}

impl ClientCredentials {
    /// Credentials sent in the form body.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        ClientCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            auth: ClientAuth::Body,
        }
    }

    /// The same credentials sent as HTTP Basic.
    pub fn basic(mut self) -> Self {
        self.auth = ClientAuth::Basic;
        self
    }
}

/// A way to obtain tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Grant {
    /// Trade a refresh token for a new access token.
    RefreshToken(Secret),
    /// Trade the code from the authorize redirect for tokens.
    AuthorizationCode {
        /// The `code` query parameter of the redirect.
        code: Secret,
        /// The redirect URI used in the authorize URL.
        redirect_uri: String,
    },
    /// Tokens for the client itself.
    ClientCredentials {
        /// The scopes asked for (none: the server's default).
        scopes: Vec<Scope>,
    },
}

impl Grant {
    /// The form fields of the grant, secrets exposed: for the wire only.
    fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            Grant::RefreshToken(token) => vec![
                ("grant_type", "refresh_token".to_owned()),
                ("refresh_token", token.expose().to_owned()),
            ],
            Grant::AuthorizationCode { code, redirect_uri } => vec![
                ("grant_type", "authorization_code".to_owned()),
                ("code", code.expose().to_owned()),
                ("redirect_uri", redirect_uri.clone()),
            ],
            Grant::ClientCredentials { scopes } => {
                let mut fields = vec![("grant_type", "client_credentials".to_owned())];
                if !scopes.is_empty() {
                    let scope: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
                    fields.push(("scope", scope.join(" ")));
                }
                fields
            }
        }
    }

    /// The POST to the token endpoint: form-encoded, `Accept: application/json`,
    /// `FOXY-API-VERSION: 1`, and no bearer token.
    pub fn request(
        &self,
        token_endpoint: &str,
        client: &ClientCredentials,
        user_agent: &UserAgent,
    ) -> Result<Request<Vec<u8>>, RequestError> {
        let mut fields = self.fields();
        if client.auth == ClientAuth::Body {
            fields.push(("client_id", client.client_id.clone()));
            fields.push(("client_secret", client.client_secret.expose().to_owned()));
        }
        let body = form::encode(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let uri = resolve_href(token_endpoint, token_endpoint)?;
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(uri.as_str())
            .header("FOXY-API-VERSION", "1")
            .header(header::ACCEPT, "application/json")
            .header(header::USER_AGENT, user_agent.header_value()?)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body.into_bytes())
            .map_err(|_| RequestError::InvalidUri { href: uri.clone() })?;
        if client.auth == ClientAuth::Basic {
            let pair = format!(
                "{}:{}",
                form::encode_component(&client.client_id),
                form::encode_component(client.client_secret.expose())
            );
            let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
            let mut value = HeaderValue::from_str(&format!("Basic {encoded}")).map_err(|_| {
                RequestError::InvalidHeader {
                    name: "authorization",
                }
            })?;
            value.set_sensitive(true);
            request.headers_mut().insert(header::AUTHORIZATION, value);
        }
        Ok(request)
    }
}

/// The token endpoint refused or answered something unreadable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// An OAuth error response (`invalid_grant`, `invalid_client`...).
    #[error("token request refused ({status}): {error}{}", description_suffix(.description))]
    Refused {
        /// The HTTP status.
        status: StatusCode,
        /// The OAuth `error` code.
        error: String,
        /// The OAuth `error_description`, if any.
        description: Option<String>,
    },
    /// A response that is not a token response.
    #[error("unreadable token response ({status}): {reason}")]
    Malformed {
        /// The HTTP status.
        status: StatusCode,
        /// What is wrong with it.
        reason: String,
    },
}

fn description_suffix(description: &Option<String>) -> String {
    description
        .as_ref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct Wire {
    access_token: Option<String>,
    refresh_token: Option<String>,
    expires_in: Option<serde_json::Value>,
    token_type: Option<String>,
    scope: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// Reads a token endpoint response received at `now` (wall clock).
///
/// `expires_in` (a number or numeric string) sets the expiry; when absent,
/// Foxy's documented 7200 s lifetime is assumed.
pub fn parse_token_response(
    response: &Response<Vec<u8>>,
    now: SystemTime,
) -> Result<Tokens, TokenError> {
    let status = response.status();
    let malformed = |reason: &str| TokenError::Malformed {
        status,
        reason: reason.to_owned(),
    };
    let wire: Wire =
        serde_json::from_slice(response.body()).map_err(|_| malformed("not a JSON object"))?;
    if let Some(error) = wire.error {
        return Err(TokenError::Refused {
            status,
            error,
            description: wire.error_description,
        });
    }
    if !status.is_success() {
        return Err(malformed("error status without an OAuth error"));
    }
    let access = wire
        .access_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| malformed("no access_token"))?;
    if let Some(kind) = &wire.token_type {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err(malformed("token_type is not bearer"));
        }
    }
    let lifetime = match &wire.expires_in {
        None | Some(serde_json::Value::Null) => DEFAULT_LIFETIME,
        Some(serde_json::Value::Number(n)) => {
            Duration::from_secs(n.as_u64().ok_or_else(|| malformed("bad expires_in"))?)
        }
        Some(serde_json::Value::String(s)) => {
            Duration::from_secs(s.trim().parse().map_err(|_| malformed("bad expires_in"))?)
        }
        Some(_) => return Err(malformed("bad expires_in")),
    };
    Ok(Tokens {
        access_token: Secret::new(access),
        refresh_token: wire
            .refresh_token
            .filter(|t| !t.is_empty())
            .map(Secret::new),
        expires_at: now.checked_add(lifetime),
        lifetime: Some(lifetime),
        scope: wire.scope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn response(status: u16, body: &str) -> Response<Vec<u8>> {
        let mut r = Response::new(body.as_bytes().to_vec());
        *r.status_mut() = StatusCode::from_u16(status).expect("status");
        r
    }

    #[test]
    fn reads_tokens_and_expiry() {
        let r = response(
            200,
            r#"{"access_token":"a1","expires_in":"3600","token_type":"Bearer","scope":"store_full_access"}"#,
        );
        let t = parse_token_response(&r, UNIX_EPOCH).expect("tokens");
        assert_eq!(t.access_token.expose(), "a1");
        assert_eq!(t.refresh_token, None);
        assert_eq!(t.expires_at, Some(UNIX_EPOCH + Duration::from_secs(3600)));
        assert_eq!(t.lifetime, Some(Duration::from_secs(3600)));
        let t = parse_token_response(&response(200, r#"{"access_token":"a"}"#), UNIX_EPOCH)
            .expect("tokens");
        assert_eq!(t.expires_at, Some(UNIX_EPOCH + DEFAULT_LIFETIME));
    }

    #[test]
    fn oauth_errors_are_typed_and_secret_free() {
        let r = response(
            400,
            r#"{"error":"invalid_grant","error_description":"The refresh token is invalid."}"#,
        );
        let err = parse_token_response(&r, UNIX_EPOCH).expect_err("an error");
        assert!(matches!(&err, TokenError::Refused { error, .. } if error == "invalid_grant"));
        assert!(parse_token_response(&response(502, "<html>"), UNIX_EPOCH).is_err());
        assert!(parse_token_response(&response(200, "{}"), UNIX_EPOCH).is_err());
        let bad = response(200, r#"{"access_token":"s3cret","token_type":"mac"}"#);
        let err = parse_token_response(&bad, UNIX_EPOCH).expect_err("an error");
        assert!(!format!("{err} {err:?}").contains("s3cret"));
    }
}
