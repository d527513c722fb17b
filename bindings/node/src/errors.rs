//! The one place where Rust errors become JavaScript errors: [`KINDS`], a
//! table keyed by `foxy::ErrorKind` (every variant of `foxy::Error` has its
//! row: its JavaScript class), and [`CLASSES`], the classes themselves.
//!
//! Every failure reaches JavaScript as an instance of `FoxyError` (an
//! `Error`) or of one of its subclasses, whose `name` is the class's name,
//! whose `code` is a stable code (`FOXY_API`, ...) and whose `kind` is the
//! `foxy::ErrorKind` code (`api`, `missing_link`, ...; the binding's own
//! failures: `verification`, `sandbox`, `internal`). API errors also carry
//! `status`, `messages`, `logrefs` and `meta` (the answer's `ResponseMeta`,
//! its `logref` included), and every error says whether the request may have
//! been processed (`ambiguous`). A failure after a charge may have gone
//! through is an `AmbiguousChargeError` keeping the code of what failed (a
//! `FOXY_API` 500 reading the transaction) with `ambiguous` true and
//! `transaction`, the transaction's href when the API named it (a timeout or
//! a dropped connection keeps its own class). Messages come from the core's
//! `Display`, which never prints tokens or secrets.
//!
//! The classes are made in JavaScript from [`error_classes`] when the
//! package loads (`foxy.js`), which then hands [`register_error_classes`] a
//! function giving a native error its class; [`error_kinds`] lists every
//! `ErrorKind` with its class and code, so a test proves none falls through.

use std::cell::RefCell;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};

use futures::FutureExt;
use napi::bindgen_prelude::{Function, JsObjectValue, Object, ObjectRef, Unknown};
use napi::bindgen_prelude::{PromiseRaw, ToNapiValue};
use napi::{Env, JsValue, Status};
use napi_derive::napi;

use foxy::ErrorKind;
use foxy_proto::datafeed::DatafeedError;
use foxy_proto::signing::SignError;
use foxy_proto::sso::SsoError;
use foxy_proto::webhook::WebhookError;

/// A JavaScript error class of the package (see [`CLASSES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// `FoxyError`, the base of every other.
    Base,
    Api,
    RateLimit,
    Auth,
    TokenRejected,
    Transport,
    Timeout,
    Decode,
    InvalidInput,
    MissingLink,
    Policy,
    Configuration,
    LegacyApi,
    CartEndpoint,
    Usage,
    AmbiguousCharge,
    Verification,
    Sandbox,
    Internal,
}

/// One class: its name, its parent (none for the base) and the `code` its
/// errors carry (an ambiguous charge keeps its cause's).
struct ClassInfo {
    class: Class,
    name: &'static str,
    parent: Option<Class>,
    code: &'static str,
}

/// Every class, parents before children.
const CLASSES: &[ClassInfo] = &[
    ClassInfo {
        class: Class::Base,
        name: "FoxyError",
        parent: None,
        code: "FOXY_ERROR",
    },
    ClassInfo {
        class: Class::Api,
        name: "ApiError",
        parent: Some(Class::Base),
        code: "FOXY_API",
    },
    ClassInfo {
        class: Class::RateLimit,
        name: "RateLimitError",
        parent: Some(Class::Api),
        code: "FOXY_RATE_LIMIT",
    },
    ClassInfo {
        class: Class::Auth,
        name: "AuthError",
        parent: Some(Class::Base),
        code: "FOXY_AUTH",
    },
    ClassInfo {
        class: Class::TokenRejected,
        name: "TokenRejectedError",
        parent: Some(Class::Auth),
        code: "FOXY_TOKEN_REJECTED",
    },
    ClassInfo {
        class: Class::Transport,
        name: "TransportError",
        parent: Some(Class::Base),
        code: "FOXY_TRANSPORT",
    },
    ClassInfo {
        class: Class::Timeout,
        name: "TimeoutError",
        parent: Some(Class::Base),
        code: "FOXY_TIMEOUT",
    },
    ClassInfo {
        class: Class::Decode,
        name: "DecodeError",
        parent: Some(Class::Base),
        code: "FOXY_DECODE",
    },
    ClassInfo {
        class: Class::InvalidInput,
        name: "InvalidInputError",
        parent: Some(Class::Base),
        code: "FOXY_INVALID_INPUT",
    },
    ClassInfo {
        class: Class::MissingLink,
        name: "MissingLinkError",
        parent: Some(Class::InvalidInput),
        code: "FOXY_INVALID_INPUT",
    },
    ClassInfo {
        class: Class::Policy,
        name: "PolicyError",
        parent: Some(Class::InvalidInput),
        code: "FOXY_INVALID_INPUT",
    },
    ClassInfo {
        class: Class::Configuration,
        name: "ConfigurationError",
        parent: Some(Class::InvalidInput),
        code: "FOXY_INVALID_INPUT",
    },
    ClassInfo {
        class: Class::LegacyApi,
        name: "LegacyApiError",
        parent: Some(Class::Base),
        code: "FOXY_LEGACY",
    },
    ClassInfo {
        class: Class::CartEndpoint,
        name: "CartEndpointError",
        parent: Some(Class::Base),
        code: "FOXY_CART_ENDPOINT",
    },
    ClassInfo {
        class: Class::Usage,
        name: "UsageError",
        parent: Some(Class::Base),
        code: "FOXY_USAGE",
    },
    ClassInfo {
        class: Class::AmbiguousCharge,
        name: "AmbiguousChargeError",
        parent: Some(Class::Base),
        code: "FOXY_AMBIGUOUS",
    },
    ClassInfo {
        class: Class::Verification,
        name: "VerificationError",
        parent: Some(Class::Base),
        code: "FOXY_VERIFICATION",
    },
    ClassInfo {
        class: Class::Sandbox,
        name: "SandboxError",
        parent: Some(Class::Base),
        code: "FOXY_SANDBOX",
    },
    ClassInfo {
        class: Class::Internal,
        name: "InternalError",
        parent: Some(Class::Base),
        code: "FOXY_INTERNAL",
    },
];

/// Every `foxy::ErrorKind` and the class its errors get (a refinement may
/// pick a subclass: `RateLimitError` for a 429, `TokenRejectedError` for a
/// rejected token, the cause's class for an ambiguous timeout).
const KINDS: &[(ErrorKind, Class)] = &[
    (ErrorKind::Api, Class::Api),
    (ErrorKind::Auth, Class::Auth),
    (ErrorKind::Input, Class::InvalidInput),
    (ErrorKind::Decode, Class::Decode),
    (ErrorKind::Model, Class::Decode),
    (ErrorKind::MissingLink, Class::MissingLink),
    (ErrorKind::Transport, Class::Transport),
    (ErrorKind::Timeout, Class::Timeout),
    (ErrorKind::Policy, Class::Policy),
    (ErrorKind::Legacy, Class::LegacyApi),
    (ErrorKind::CartEndpoint, Class::CartEndpoint),
    (ErrorKind::InvalidBaseUrl, Class::Configuration),
    (ErrorKind::InvalidTokenEndpoint, Class::Configuration),
    (ErrorKind::UnsupportedMediaType, Class::Configuration),
    (ErrorKind::NoCredentials, Class::Configuration),
    (ErrorKind::TransportSetup, Class::Transport),
    (ErrorKind::DriverMisuse, Class::Usage),
    (ErrorKind::Ambiguous, Class::AmbiguousCharge),
];

/// The class of a kind (`None`: a kind added to `foxy` after this table,
/// which `errorKinds()` reports and the tests refuse).
fn class_of_kind(kind: ErrorKind) -> Option<Class> {
    KINDS.iter().find(|(k, _)| *k == kind).map(|(_, c)| *c)
}

/// The row of `class` (the base's if the table lacked it, which it cannot).
fn info(class: Class) -> &'static ClassInfo {
    CLASSES
        .iter()
        .find(|c| c.class == class)
        .unwrap_or(&CLASSES[0])
}

/// A class as JavaScript builds it at load: its name and its parent's.
#[napi(object)]
pub struct ErrorClass {
    /// The class name (`ApiError`).
    pub name: String,
    /// The parent class name (`FoxyError`); none for `FoxyError` itself.
    pub parent: Option<String>,
    /// The `code` its errors carry.
    pub code: String,
}

/// Every error class, parents first (the package makes them at load).
#[napi]
pub fn error_classes() -> Vec<ErrorClass> {
    CLASSES
        .iter()
        .map(|c| ErrorClass {
            name: c.name.to_owned(),
            parent: c.parent.map(|p| info(p).name.to_owned()),
            code: c.code.to_owned(),
        })
        .collect()
}

/// One kind of error of the Rust client and what JavaScript gets for it.
#[napi(object)]
pub struct ErrorKindInfo {
    /// The `foxy::ErrorKind` code (`missing_link`): the error's `kind`.
    pub kind: String,
    /// The class its errors are instances of (`MissingLinkError`); none:
    /// no row in the table (they would be plain `FoxyError`s).
    pub class_name: Option<String>,
    /// The `code` its errors carry (`FOXY_INVALID_INPUT`).
    pub code: Option<String>,
}

/// Every `foxy::ErrorKind`, with its class and code.
#[napi]
pub fn error_kinds() -> Vec<ErrorKindInfo> {
    ErrorKind::ALL
        .iter()
        .map(|kind| {
            let class = class_of_kind(*kind).map(info);
            ErrorKindInfo {
                kind: kind.code().to_owned(),
                class_name: class.map(|c| c.name.to_owned()),
                code: class.map(|c| c.code.to_owned()),
            }
        })
        .collect()
}

/// An error of `kind` (an `ErrorKind` code, or `verification`, `sandbox`,
/// `internal`) as the package throws it, for testing error handling.
#[napi]
pub fn error_of_kind(env: &Env, kind: String) -> napi::Result<Object<'_>> {
    let class = match kind.as_str() {
        "verification" => Some(Class::Verification),
        "sandbox" => Some(Class::Sandbox),
        "internal" => Some(Class::Internal),
        other => ErrorKind::from_code(other).and_then(class_of_kind),
    };
    let error = match class {
        Some(class) => FoxyError::of(class, kind_code(&kind), format!("an example {kind} error")),
        None => FoxyError::invalid_input(format!("no kind of error is called {kind:?}")),
    };
    error.to_js(env)
}

/// The `'static` form of a kind name this binding knows.
fn kind_code(kind: &str) -> &'static str {
    match kind {
        "verification" => "verification",
        "sandbox" => "sandbox",
        "internal" => "internal",
        other => ErrorKind::from_code(other).map_or("internal", ErrorKind::code),
    }
}

thread_local! {
    /// `{ adopt(error) }`, from `foxy.js`: gives a native error its class.
    /// One per JavaScript thread (a worker loads the package again).
    static ADOPT: RefCell<Option<ObjectRef<false>>> = const { RefCell::new(None) };
}

/// Called once by `foxy.js`: `holder.adopt(error)` gives an error made here
/// the prototype of the class its `name` names.
#[napi]
pub fn register_error_classes(holder: Object<'_>) -> napi::Result<()> {
    let reference = holder.create_ref::<false>()?;
    ADOPT.with(|slot| *slot.borrow_mut() = Some(reference));
    Ok(())
}

/// Gives `error` its class through the registered `adopt` (none registered:
/// it stays a plain `Error` with its `name` and `code`).
fn adopt(env: &Env, error: &Object<'_>) -> napi::Result<()> {
    ADOPT.with(|slot| {
        let slot = slot.borrow();
        let Some(reference) = slot.as_ref() else {
            return Ok(());
        };
        let holder = reference.get_value(env)?;
        let adopt: Function<'_, Unknown<'_>, Unknown<'_>> = holder.get_named_property("adopt")?;
        adopt.call(error.to_unknown())?;
        Ok(())
    })
}

/// A failure on its way to JavaScript: a class, a stable code, the kind, a
/// message, and the API details when there are some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoxyError {
    class: Class,
    code: &'static str,
    kind: &'static str,
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
    /// An error of `class` and `kind` with the class's code.
    fn of(class: Class, kind: &'static str, message: impl Into<String>) -> FoxyError {
        FoxyError {
            class,
            code: info(class).code,
            kind,
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
        FoxyError::of(Class::InvalidInput, ErrorKind::Input.code(), message)
    }

    /// A document that does not fit what was expected.
    pub(crate) fn decode(message: impl Into<String>) -> FoxyError {
        FoxyError::of(Class::Decode, ErrorKind::Decode.code(), message)
    }

    /// A signature, webhook or single sign-on token that did not check out.
    fn verification(message: impl Into<String>) -> FoxyError {
        FoxyError::of(Class::Verification, "verification", message)
    }

    /// A bug in the binding.
    pub(crate) fn internal(message: impl Into<String>) -> FoxyError {
        FoxyError::of(Class::Internal, "internal", message)
    }

    /// Builds the JavaScript `Error` object, an instance of its class.
    fn to_js<'env>(&self, env: &'env Env) -> napi::Result<Object<'env>> {
        let mut error = env.create_error(napi::Error::new(
            Status::GenericFailure,
            self.message.clone(),
        ))?;
        error.set_named_property("name", info(self.class).name)?;
        error.set_named_property("code", self.code)?;
        error.set_named_property("kind", self.kind)?;
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
        adopt(env, &error)?;
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
            if !matches!(out.class, Class::Timeout | Class::Transport) {
                out.class = Class::AmbiguousCharge;
            }
            out.kind = ErrorKind::Ambiguous.code();
            out.message = message;
            out.ambiguous = true;
            if transaction.is_some() {
                out.extra.get_or_insert_default().transaction = transaction;
            }
            return out;
        }
        let kind = err.kind();
        let class = match &err {
            foxy::Error::Api(api) if api.status.as_u16() == 429 => Class::RateLimit,
            foxy::Error::Auth(foxy::error::AuthError::Rejected { .. }) => Class::TokenRejected,
            _ => class_of_kind(kind).unwrap_or(Class::Internal),
        };
        let mut out = FoxyError::of(class, kind.code(), message);
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
            _ => FoxyError::verification(format!("webhook rejected: {err}")),
        }
    }
}

impl From<SsoError> for FoxyError {
    fn from(err: SsoError) -> FoxyError {
        match err {
            SsoError::Mismatch | SsoError::Expired { .. } => {
                FoxyError::verification(format!("single sign-on rejected: {err}"))
            }
            _ => FoxyError::invalid_input(err.to_string()),
        }
    }
}

impl From<DatafeedError> for FoxyError {
    fn from(err: DatafeedError) -> FoxyError {
        match err {
            DatafeedError::EmptyKey => FoxyError::invalid_input(err.to_string()),
            DatafeedError::WrongKey => FoxyError::verification(err.to_string()),
            _ => FoxyError::decode(format!("cannot decode the datafeed: {err}")),
        }
    }
}

impl From<foxy_sandbox::Error> for FoxyError {
    fn from(err: foxy_sandbox::Error) -> FoxyError {
        FoxyError::of(
            Class::Sandbox,
            "sandbox",
            format!("cannot start the sandbox: {err}"),
        )
    }
}
