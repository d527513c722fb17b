//! The API home (`/`), the user, property helpers, reporting and encode.

use axum::Router;
use axum::body::Bytes;
use axum::extract::Extension;
use axum::http::{StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use foxy_proto::signing::{Secret, sign_html};
use foxy_proto::{Link, Rel, Resource, Value};

use crate::body;

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::kinds;
use crate::render::Ctx;
use crate::routes::{kept, many};
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/property_helpers", get(property_helpers).options(get_only))
        .route("/reporting", get(reporting).options(get_only))
        .route(
            "/encode",
            post(encode).options(|| async { crate::engine::options("POST, OPTIONS") }),
        )
        .route("/users/{id}", kept(&kinds::USERS))
        .route("/users/{id}/stores", many(&kinds::USERS, "stores", true))
}

async fn get_only() -> Response {
    crate::engine::options("GET, HEAD, OPTIONS")
}

async fn home(ctx: Ctx, Extension(auth): Extension<Authenticated>) -> Result<Response, ApiError> {
    let b = &ctx.pres.base;
    let mut res = Resource::new()
        .with_link(
            Rel::SELF,
            Link::new(format!("{b}/")).titled("Your API starting point."),
        )
        .with_link(
            Rel::PROPERTY_HELPERS,
            Link::new(format!("{b}/property_helpers"))
                .titled("Various helpers used for determing valid property values."),
        );
    if auth.0 {
        let user = ctx.state.user_id;
        res.add_link(
            Rel::REPORTING,
            Link::new(format!("{b}/reporting")).titled("The Reporting API Home."),
        );
        res.add_link(
            Rel::ENCODE,
            Link::new(format!("{b}/encode")).titled(
                "POST here to encode a body of html for use with our HMAC cart encryption.",
            ),
        );
        res.add_link(
            Rel::USER,
            Link::new(format!("{b}/users/{user}")).titled("Your API home page."),
        );
        res.add_link(
            Rel::STORE,
            Link::new(format!("{b}/stores/{}", ctx.state.store_id))
                .titled("The current store for your authentication token"),
        );
        res.add_link(
            Rel::STORES,
            Link::new(format!("{b}/users/{user}/stores")).titled("Your stores"),
        );
    }
    let mut token = Link::new(format!("{b}/token")).titled(
        "The OAuth endpoint for obtaining a new access_token using an existing refresh_token.",
    );
    token.media_type = Some("application/json".into());
    res.add_link(Rel::TOKEN, token);
    res.set_property("message", "Welcome to the FoxyCart API!");
    ctx.ok(&res, None)
}

async fn property_helpers(ctx: Ctx) -> Result<Response, ApiError> {
    let b = &ctx.pres.base;
    let mut res = Resource::new().with_link(
        Rel::SELF,
        Link::new(format!("{b}/property_helpers")).titled("Property Helpers"),
    );
    for (rel, link) in crate::described::helpers::home_links(b) {
        res.add_link(rel, link);
    }
    let res = res.with_property(
        "message",
        "Property helpers of the sandbox: languages english; locale en_US; currencies USD.",
    );
    ctx.ok(&res, None)
}

async fn reporting(ctx: Ctx) -> Result<Response, ApiError> {
    let b = &ctx.pres.base;
    let res = Resource::new()
        .with_link(
            Rel::SELF,
            Link::new(format!("{b}/reporting")).titled("The Reporting API Home."),
        )
        .with_property("message", "The sandbox offers no reports.");
    ctx.ok(&res, None)
}

/// Signs the cart links and forms of posted HTML with the store secret: the
/// body is `text/html`, or an `html` property (JSON, XML, form); the answer's
/// `result` holds the signed HTML.
async fn encode(ctx: Ctx, bytes: Bytes) -> Result<Response, ApiError> {
    let is_html = ctx
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.trim_start().starts_with("text/html"));
    let html = if is_html {
        String::from_utf8(bytes.to_vec())
            .map_err(|_| ApiError::bad_request("the HTML is not UTF-8"))?
    } else {
        let doc = body::parse(&ctx.headers, &bytes)?;
        match doc.property("html") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                return Err(ApiError::bad_request(
                    "post the HTML as text/html or in an html property",
                ));
            }
        }
    };
    let secret = Secret::new(ctx.state.config.credentials.store_secret.clone());
    let signed = sign_html(&secret, &html)
        .map_err(|e| ApiError::bad_request(format!("cannot encode: {e}")))?;
    let res = Resource::new()
        .with_link(
            Rel::SELF,
            Link::new(format!("{}/encode", ctx.pres.base)).titled("Encode"),
        )
        .with_property("result", signed);
    ctx.with_status(StatusCode::OK, &res)
}
