//! The one place where Rust errors become JavaScript errors.
//!
//! Every failure reaches JavaScript as an `Error` whose `name` is
//! `FoxyError` and whose `code` is one of the stable codes below; API errors
//! also carry `status`, `messages`, `logrefs` and `meta` (the answer's
//! `ResponseMeta`, its `logref` included), and every error says
//! whether the request may have been processed (`ambiguous`). A failure
//! after a charge may have gone through keeps the code of what failed (a
//! `FOXY_API` 500 reading the transaction) with `ambiguous` true and
//! `transaction`, the transaction's href when the API named it. Messages
//! come from the core's `Display`, which never prints tokens or secrets.
//!
//! | code | when |
//! | --- | --- |
//! | `FOXY_API` | the API answered with an error status (`status`, `messages`, `logrefs`) |
//! | `FOXY_RATE_LIMIT` | the API still answered 429 after the retries |
//! | `FOXY_AUTH` | no token, or the token endpoint refused |
//! | `FOXY_TOKEN_REJECTED` | the API rejected the access token (401; `oauthError`, such as `invalid_token`) |
//! | `FOXY_TRANSPORT` | the connection failed or dropped |
//! | `FOXY_TIMEOUT` | no response in time |
//! | `FOXY_DECODE` | a document that cannot be read (or does not fit the typed model) |
//! | `FOXY_INVALID_INPUT` | refused before anything was sent (limit 301, bad URI, bad amount...) |
//! | `FOXY_VERIFICATION` | a signature, webhook or single sign-on token did not check out |
//! | `FOXY_SANDBOX` | the embedded sandbox could not start |
//! | `FOXY_INTERNAL` | a bug in the SDK (including a caught panic) |

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

use futures::FutureExt;
use napi::bindgen_prelude::JsObjectValue;
use napi::bindgen_prelude::{PromiseRaw, ToNapiValue};
use napi::{Env, JsValue, Status};

use foxy_proto::datafeed::DatafeedError;
use foxy_proto::signing::SignError;
use foxy_proto::sso::SsoError;
use foxy_proto::webhook::WebhookError;

/// A failure on its way to JavaScript: a stable code, a message, and the
/// API details when there are some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoxyError {
    code: &'static str,
    message: String,
    status: Option<u16>,
    messages: Vec<String>,
    logrefs: Vec<String>,
    ambiguous: bool,
    /// Rarely set, so boxed: the error stays small.
    extra: Option<Box<Extra>>,
}

/// The details only some errors carry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Extra {
    /// The transaction a charge made, when a later step failed.
    transaction: Option<String>,
    /// The OAuth error code of a rejected token.
    oauth_error: Option<String>,
    /// What the server said besides the body, for an API error.
    meta: Option<foxy::ResponseMeta>,
}

/// The result of everything the binding does before it reaches JavaScript.
pub(crate) type Outcome<T> = Result<T, FoxyError>;

impl FoxyError {
    fn new(code: &'static str, message: impl Into<String>) -> FoxyError {
        FoxyError {
            code,
            message: message.into(),
            status: None,
            messages: Vec::new(),
            logrefs: Vec::new(),
            ambiguous: false,
            extra: None,
        }
    }

    /// Input refused by the binding itself (a value JavaScript cannot express exactly).
    pub(crate) fn invalid_input(message: impl Into<String>) -> FoxyError {
        FoxyError::new("FOXY_INVALID_INPUT", message)
    }

    /// A document that does not fit what was expected.
    pub(crate) fn decode(message: impl Into<String>) -> FoxyError {
        FoxyError::new("FOXY_DECODE", message)
    }

    /// A bug in the binding.
    pub(crate) fn internal(message: impl Into<String>) -> FoxyError {
        FoxyError::new("FOXY_INTERNAL", message)
    }

    /// Builds the JavaScript `Error` object.
    fn to_js<'env>(&self, env: &'env Env) -> napi::Result<napi::bindgen_prelude::Object<'env>> {
        let mut error = env.create_error(napi::Error::new(
            Status::GenericFailure,
            self.message.clone(),
        ))?;
        error.set_named_property("name", "FoxyError")?;
        error.set_named_property("code", self.code)?;
        if let Some(status) = self.status {
            error.set_named_property("status", u32::from(status))?;
        }
        error.set_named_property("messages", self.messages.clone())?;
        error.set_named_property("logrefs", self.logrefs.clone())?;
        error.set_named_property("ambiguous", self.ambiguous)?;
        let extra = self.extra.as_deref();
        if let Some(transaction) = extra.and_then(|e| e.transaction.as_deref()) {
            error.set_named_property("transaction", transaction)?;
        }
        if let Some(code) = extra.and_then(|e| e.oauth_error.as_deref()) {
            error.set_named_property("oauthError", code)?;
        }
        if let Some(meta) = crate::resource::ResponseMeta::of(extra.and_then(|e| e.meta.as_ref())) {
            error.set_named_property("meta", meta)?;
        }
        Ok(error)
    }

    /// The `napi::Error` that throws (or rejects with) the JavaScript object.
    pub(crate) fn into_napi(self, env: &Env) -> napi::Error {
        match self.to_js(env) {
            Ok(object) => napi::Error::from(object.to_unknown()),
            Err(e) => e,
        }
    }
}

/// Runs a synchronous body, turning its error and any panic into a thrown `FoxyError`.
pub(crate) fn sync<T>(env: &Env, body: impl FnOnce() -> Outcome<T>) -> napi::Result<T> {
    let outcome = catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|_| Err(FoxyError::internal("a panic was caught in foxy-node")));
    outcome.map_err(|e| e.into_napi(env))
}

/// Runs a future on napi's tokio runtime and returns a Promise settled with
/// its value, or rejected with a `FoxyError` (a panic becomes `FOXY_INTERNAL`).
pub(crate) fn promise<'env, T, F>(env: &'env Env, future: F) -> napi::Result<PromiseRaw<'env, T>>
where
    T: ToNapiValue + Send + 'static,
    F: Future<Output = Outcome<T>> + Send + 'static,
{
    let guarded = async move {
        let outcome = AssertUnwindSafe(future)
            .catch_unwind()
            .await
            .unwrap_or_else(|_| Err(FoxyError::internal("a panic was caught in foxy-node")));
        Ok(outcome)
    };
    env.spawn_future_with_callback(guarded, |env, outcome| {
        outcome.map_err(|e| e.into_napi(env))
    })
}

impl From<foxy::Error> for FoxyError {
    fn from(err: foxy::Error) -> FoxyError {
        let message = err.to_string();
        let ambiguous = err.is_ambiguous();
        if let foxy::Error::Ambiguous { transaction, cause } = err {
            let mut out = FoxyError::from(*cause);
            out.message = message;
            out.ambiguous = true;
            if transaction.is_some() {
                out.extra.get_or_insert_default().transaction = transaction;
            }
            return out;
        }
        let code = match &err {
            foxy::Error::Api(api) if api.status.as_u16() == 429 => "FOXY_RATE_LIMIT",
            foxy::Error::Api(_) => "FOXY_API",
            foxy::Error::Auth(foxy::error::AuthError::Rejected { .. }) => "FOXY_TOKEN_REJECTED",
            foxy::Error::Auth(_) => "FOXY_AUTH",
            foxy::Error::Input(_)
            | foxy::Error::MissingLink { .. }
            | foxy::Error::Policy(_)
            | foxy::Error::InvalidBaseUrl { .. }
            | foxy::Error::InvalidTokenEndpoint { .. }
            | foxy::Error::UnsupportedMediaType(_)
            | foxy::Error::NoCredentials => "FOXY_INVALID_INPUT",
            foxy::Error::Decode(_) | foxy::Error::Model(_) => "FOXY_DECODE",
            foxy::Error::Transport(_) => "FOXY_TRANSPORT",
            foxy::Error::Timeout => "FOXY_TIMEOUT",
            _ => "FOXY_INTERNAL",
        };
        let mut out = FoxyError::new(code, message);
        out.ambiguous = ambiguous;
        if let foxy::Error::Auth(foxy::error::AuthError::Rejected { code, .. }) = &err {
            out.extra.get_or_insert_default().oauth_error = Some(code.clone());
        }
        if let foxy::Error::Api(api) = &err {
            out.status = Some(api.status.as_u16());
            out.messages = api.messages().into_iter().map(str::to_owned).collect();
            out.logrefs = api.logrefs().into_iter().map(str::to_owned).collect();
        }
        if let Some(meta) = err.meta() {
            out.extra.get_or_insert_default().meta = Some(meta.clone());
        }
        out
    }
}

impl From<foxy_proto::query::QueryError> for FoxyError {
    fn from(err: foxy_proto::query::QueryError) -> FoxyError {
        FoxyError::invalid_input(format!("invalid input: {err}"))
    }
}

impl From<foxy_model::ModelError> for FoxyError {
    fn from(err: foxy_model::ModelError) -> FoxyError {
        FoxyError::invalid_input(format!("invalid resource: {err}"))
    }
}

impl From<foxy_proto::NumberError> for FoxyError {
    fn from(err: foxy_proto::NumberError) -> FoxyError {
        FoxyError::invalid_input(format!("invalid number: {err}"))
    }
}

impl From<foxy_proto::MediaTypeError> for FoxyError {
    fn from(err: foxy_proto::MediaTypeError) -> FoxyError {
        FoxyError::invalid_input(err.to_string())
    }
}

impl From<foxy_proto::DecodeError> for FoxyError {
    fn from(err: foxy_proto::DecodeError) -> FoxyError {
        FoxyError::decode(format!("cannot decode the document: {err}"))
    }
}

impl From<foxy_proto::EncodeError> for FoxyError {
    fn from(err: foxy_proto::EncodeError) -> FoxyError {
        FoxyError::invalid_input(format!("cannot write the document: {err}"))
    }
}

impl From<SignError> for FoxyError {
    fn from(err: SignError) -> FoxyError {
        FoxyError::invalid_input(err.to_string())
    }
}

impl From<WebhookError> for FoxyError {
    fn from(err: WebhookError) -> FoxyError {
        match err {
            WebhookError::Build(_) => FoxyError::invalid_input(err.to_string()),
            WebhookError::Body(_) => FoxyError::invalid_input(format!("webhook rejected: {err}")),
            _ => FoxyError::new("FOXY_VERIFICATION", format!("webhook rejected: {err}")),
        }
    }
}

impl From<SsoError> for FoxyError {
    fn from(err: SsoError) -> FoxyError {
        match err {
            SsoError::Mismatch | SsoError::Expired { .. } => FoxyError::new(
                "FOXY_VERIFICATION",
                format!("single sign-on rejected: {err}"),
            ),
            _ => FoxyError::invalid_input(err.to_string()),
        }
    }
}

impl From<DatafeedError> for FoxyError {
    fn from(err: DatafeedError) -> FoxyError {
        match err {
            DatafeedError::EmptyKey => FoxyError::invalid_input(err.to_string()),
            DatafeedError::WrongKey => FoxyError::new("FOXY_VERIFICATION", err.to_string()),
            _ => FoxyError::decode(format!("cannot decode the datafeed: {err}")),
        }
    }
}

impl From<foxy_sandbox::Error> for FoxyError {
    fn from(err: foxy_sandbox::Error) -> FoxyError {
        FoxyError::new("FOXY_SANDBOX", format!("cannot start the sandbox: {err}"))
    }
}
