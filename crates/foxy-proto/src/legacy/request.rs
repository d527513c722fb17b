//! Building legacy API requests: `POST https://STORE/api` with a
//! form-urlencoded body of `api_token`, `api_action` and the action's
//! parameters; and reading such a request back (for the sandbox).
//!
//! The token (the store secret) is a [`Secret`]: `Debug` of an [`ApiRequest`]
//! never shows it. The built `http::Request` body does contain it, as it must.
//!
//! ```
//! use foxy_proto::legacy::{Action, ApiRequest};
//! use foxy_proto::signing::Secret;
//!
//! let request = ApiRequest::new("https://example.foxycart.com", Secret::new("t0ken"), Action::TransactionGet)?
//!     .param("transaction_id", "1234567890");
//! assert!(!format!("{request:?}").contains("t0ken"));
//! let http = request.to_http()?;
//! assert_eq!(http.uri(), "https://example.foxycart.com/api");
//! assert_eq!(http.body(), b"api_token=t0ken&api_action=transaction_get&transaction_id=1234567890");
//! let call = ApiRequest::from_form(http.body())?;
//! assert_eq!(call.action(), Action::TransactionGet);
//! # Ok::<(), foxy_proto::legacy::LegacyError>(())
//! ```

use http::{Method, Request, Uri, header};

use super::{Action, LegacyError};
use crate::form::{self, encode_unreserved};
use crate::signing::Secret;

/// One call of the legacy API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    endpoint: Option<Uri>,
    token: Secret,
    action: Action,
    params: Vec<(String, String)>,
}

impl ApiRequest {
    /// A call to the store at `store_url` (`https://example.foxycart.com`;
    /// any path is replaced by `/api`).
    ///
    /// # Errors
    /// [`LegacyError::InvalidUrl`] when `store_url` has no scheme and host.
    pub fn new(store_url: &str, token: Secret, action: Action) -> Result<ApiRequest, LegacyError> {
        let invalid = || LegacyError::InvalidUrl(store_url.to_owned());
        let base: Uri = store_url.parse().map_err(|_| invalid())?;
        let (Some(scheme), Some(authority)) = (base.scheme(), base.authority()) else {
            return Err(invalid());
        };
        let endpoint = Uri::builder()
            .scheme(scheme.clone())
            .authority(authority.clone())
            .path_and_query("/api")
            .build()
            .map_err(|_| invalid())?;
        Ok(ApiRequest {
            endpoint: Some(endpoint),
            token,
            action,
            params: Vec::new(),
        })
    }

    /// Adds an action parameter (a filter, a field to save, ...).
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> ApiRequest {
        self.params.push((name.into(), value.into()));
        self
    }

    /// The action.
    pub fn action(&self) -> Action {
        self.action
    }

    /// The token.
    pub fn token(&self) -> &Secret {
        &self.token
    }

    /// The action parameters, in order.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The first value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The form-urlencoded body: `api_token`, `api_action`, then the parameters.
    pub fn form_body(&self) -> Vec<u8> {
        let head = [
            ("api_token", self.token.expose()),
            ("api_action", self.action.as_str()),
        ];
        let pairs = head
            .into_iter()
            .chain(self.params.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let encoded: Vec<String> = pairs
            .map(|(n, v)| {
                format!(
                    "{}={}",
                    encode_unreserved(n.as_bytes()),
                    encode_unreserved(v.as_bytes())
                )
            })
            .collect();
        encoded.join("&").into_bytes()
    }

    /// The `POST /api` request.
    ///
    /// # Errors
    /// [`LegacyError::InvalidUrl`] for a request read with [`ApiRequest::from_form`]
    /// (it has no endpoint).
    pub fn to_http(&self) -> Result<Request<Vec<u8>>, LegacyError> {
        let endpoint = self
            .endpoint
            .clone()
            .ok_or_else(|| LegacyError::InvalidUrl(String::new()))?;
        Request::builder()
            .method(Method::POST)
            .uri(endpoint)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/xml")
            .body(self.form_body())
            .map_err(|e| LegacyError::InvalidUrl(e.to_string()))
    }

    /// Reads a call from a form-urlencoded body (the sandbox's side).
    ///
    /// # Errors
    /// [`LegacyError::MissingParameter`] without `api_token` or `api_action`,
    /// [`LegacyError::UnknownAction`], [`LegacyError::Encoding`] for a field
    /// that is not UTF-8.
    pub fn from_form(body: &[u8]) -> Result<ApiRequest, LegacyError> {
        let mut token = None;
        let mut action = None;
        let mut params = Vec::new();
        let decode =
            |raw: &[u8]| String::from_utf8(form::decode(raw)).map_err(|_| LegacyError::Encoding);
        for (name, value) in form::raw_pairs(body) {
            let name = decode(name)?;
            let value = decode(value)?;
            match name.as_str() {
                "api_token" => token = Some(Secret::new(value)),
                "api_action" => action = Some(value.parse::<Action>()?),
                _ => params.push((name, value)),
            }
        }
        Ok(ApiRequest {
            endpoint: None,
            token: token.ok_or(LegacyError::MissingParameter("api_token"))?,
            action: action.ok_or(LegacyError::MissingParameter("api_action"))?,
            params,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_without_host_are_rejected() {
        for bad in ["", "example.com", "/api", "not a url"] {
            assert!(matches!(
                ApiRequest::new(bad, Secret::new("t"), Action::CategoryList),
                Err(LegacyError::InvalidUrl(_))
            ));
        }
    }

    #[test]
    fn values_are_form_encoded() {
        let request = ApiRequest::new(
            "https://x.test/ignored",
            Secret::new("a b&c"),
            Action::CustomerList,
        )
        .expect("request")
        .param("customer_email_filter", "*@example.com");
        let http = request.to_http().expect("http");
        assert_eq!(http.method(), Method::POST);
        assert_eq!(http.uri(), "https://x.test/api");
        assert_eq!(
            http.body(),
            b"api_token=a+b%26c&api_action=customer_list&customer_email_filter=%2A%40example.com"
        );
        let back = ApiRequest::from_form(http.body()).expect("parses");
        assert_eq!(back.token().expose(), "a b&c");
        assert_eq!(back.get("customer_email_filter"), Some("*@example.com"));
    }

    #[test]
    fn incomplete_forms_are_errors() {
        assert_eq!(
            ApiRequest::from_form(b"api_action=category_list"),
            Err(LegacyError::MissingParameter("api_token"))
        );
        assert_eq!(
            ApiRequest::from_form(b"api_token=t"),
            Err(LegacyError::MissingParameter("api_action"))
        );
        assert_eq!(
            ApiRequest::from_form(b"api_token=t&api_action=drop_tables"),
            Err(LegacyError::UnknownAction("drop_tables".into()))
        );
    }
}
