//! The client (`foxy::AsyncClient` on napi's tokio runtime): options,
//! navigation by relation, and generic requests. Every method returns a
//! Promise and never blocks the event loop.

use std::time::Duration;

use napi::Env;
use napi::bindgen_prelude::{Either, PromiseRaw};
use napi_derive::napi;

use foxy::{AsyncClient, Body, RetryPolicy, Target, Timeouts};

use crate::carts::Carts;
use crate::codec::media;
use crate::customers::Customers;
use crate::described::TypedResource;
use crate::errors::{FoxyError, Outcome, promise, sync};
use crate::number::whole_number;
use crate::query::{QueryOptions, to_query};
use crate::resource::{Resource, from_json, object};
use crate::transactions::Transactions;
use crate::walk::TypedWalk;

/// How to reach the API and authenticate. Give `refreshToken` (with
/// `clientId` and `clientSecret`: Foxy's usual integration credentials),
/// or only `clientId` and `clientSecret` (client credentials grant), or a
/// ready `accessToken`.
#[napi(object, object_to_js = false)]
pub struct ClientOptions {
    /// The API home (default `https://api.foxycart.com/`; a sandbox's `baseUrl`).
    pub base_url: Option<String>,
    /// The OAuth client id.
    pub client_id: Option<String>,
    /// The OAuth client secret (never shown in errors).
    pub client_secret: Option<String>,
    /// A refresh token (never shown in errors).
    pub refresh_token: Option<String>,
    /// A ready access token, used as is and never refreshed.
    pub access_token: Option<String>,
    /// The response format asked for: `hal+json` (default), `hal+xml` or `siren`.
    pub media_type: Option<String>,
    /// Time limit of one request, in milliseconds (default 30 s).
    pub timeout_ms: Option<f64>,
    /// Attempts per call, the first included (default 4; 1 disables retries).
    pub max_attempts: Option<f64>,
    /// Appended to the `User-Agent` (`my-app/1.0`).
    pub user_agent: Option<String>,
    /// A file to keep tokens in (mode 0600), safe to share with other
    /// processes: those sharing a refresh token refresh it once between them.
    pub token_file: Option<String>,
    /// A cassette (`foxy.testing.record(path)` or `foxy.testing.replay(path)`): every
    /// exchange recorded into it, or answered from it with no network.
    pub cassette: Option<&'static crate::testing::Cassette>,
}

/// A Foxy API client. Cheap to share: every method is a Promise running
/// on a background runtime; tokens are refreshed as needed.
#[napi]
pub struct Client {
    client: AsyncClient,
}

fn build(options: ClientOptions) -> Outcome<AsyncClient> {
    let mut builder = AsyncClient::builder();
    if let Some(url) = options.base_url {
        builder = builder.base_url(url);
    }
    builder = match (
        options.access_token,
        options.refresh_token,
        options.client_id,
        options.client_secret,
    ) {
        (Some(token), _, _, _) => builder.access_token(token),
        (None, Some(refresh), Some(id), Some(secret)) => builder.refresh_token(id, secret, refresh),
        (None, None, Some(id), Some(secret)) => builder.client_credentials(id, secret, Vec::new()),
        _ => {
            return Err(FoxyError::invalid_input(
                "credentials needed: accessToken, or clientId and clientSecret (with refreshToken)",
            ));
        }
    };
    if let Some(name) = options.media_type {
        builder = builder.media_type(media(&name)?);
    }
    if let Some(ms) = options.timeout_ms {
        let request = Duration::from_millis(whole_number("timeoutMs", ms)?);
        builder = builder.timeouts(Timeouts {
            request,
            ..Timeouts::default()
        });
    }
    if let Some(attempts) = options.max_attempts {
        let attempts = u32::try_from(whole_number("maxAttempts", attempts)?)
            .map_err(|_| FoxyError::invalid_input("maxAttempts is too large"))?;
        builder = builder.retry_policy(RetryPolicy {
            max_attempts: attempts.max(1),
            ..RetryPolicy::default()
        });
    }
    if let Some(suffix) = options.user_agent {
        builder = builder.user_agent_suffix(suffix);
    }
    if let Some(path) = options.token_file {
        builder = builder.token_store(std::sync::Arc::new(foxy::FileTokenStore::new(path)));
    }
    if let Some(cassette) = options.cassette {
        let timeouts = match options.timeout_ms {
            Some(ms) => Timeouts {
                request: Duration::from_millis(whole_number("timeoutMs", ms)?),
                ..Timeouts::default()
            },
            None => Timeouts::default(),
        };
        builder = cassette.attach(builder, timeouts)?;
    }
    Ok(builder.build_async()?)
}

fn target(from: Option<String>, rels: Either<String, Vec<String>>) -> Target {
    let rels = match rels {
        Either::A(one) => vec![one],
        Either::B(many) => many,
    };
    let start = from.map_or_else(Target::home, Target::href);
    rels.into_iter().fold(start, |t, rel| t.rel(rel))
}

#[napi]
impl Client {
    /// A client; throws `FOXY_INVALID_INPUT` for missing credentials or a bad option.
    #[napi(constructor)]
    pub fn new(env: Env, options: ClientOptions) -> napi::Result<Client> {
        sync(&env, || {
            Ok(Client {
                client: build(options)?,
            })
        })
    }

    /// The store's carts, their items, options, attributes and custom fields.
    #[napi(getter)]
    pub fn carts(&self) -> Carts {
        Carts::new(self.client.clone())
    }

    /// The store's customers, their addresses and payment methods.
    #[napi(getter)]
    pub fn customers(&self) -> Customers {
        Customers::new(self.client.clone())
    }

    /// The store's transactions.
    #[napi(getter)]
    pub fn transactions(&self) -> Transactions {
        Transactions::new(self.client.clone())
    }

    /// The API home document.
    #[napi]
    pub fn home<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Resource>> {
        let client = self.client.clone();
        promise(env, async move { Ok(client.home().await?.into()) })
    }

    /// GETs the resource at the end of a relation path from the API home (or
    /// from `from`, an href): what `client.follow(rels).get(query)` does
    /// (`getPath(['fx:store', 'fx:carts'], { limit: 5 })`). Hrefs on the way are cached.
    #[napi]
    pub fn get_path<'env>(
        &self,
        env: &'env Env,
        rels: Either<String, Vec<String>>,
        query: Option<QueryOptions>,
        from: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Resource>> {
        let client = self.client.clone();
        promise(env, async move {
            let query = to_query(query)?;
            Ok(client.get(target(from, rels), query).await?.into())
        })
    }

    /// Walks the described collection at the end of a relation path (from
    /// `from`, or the API home), page by page, one page ahead: what
    /// `client.store().coupons.all(query)` iterates. Its members, of the
    /// relation `member` (`'coupon'`), are embedded under `membersRel` (`'fx:coupons'`).
    #[napi]
    pub fn walk(
        &self,
        rels: Either<String, Vec<String>>,
        members_rel: String,
        member: String,
        query: Option<QueryOptions>,
        from: Option<String>,
    ) -> TypedWalk {
        TypedWalk::new(
            self.client.clone(),
            target(from, rels),
            to_query(query),
            &members_rel,
            &member,
        )
    }

    /// The href a relation path resolves to, without requesting it.
    #[napi]
    pub fn resolve<'env>(
        &self,
        env: &'env Env,
        rels: Either<String, Vec<String>>,
        from: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let client = self.client.clone();
        promise(env, async move {
            Ok(client.at(target(from, rels)).href().await?)
        })
    }

    /// GET an href (absolute, or relative to the base URL) with a query.
    #[napi]
    pub fn get<'env>(
        &self,
        env: &'env Env,
        href: String,
        query: Option<QueryOptions>,
    ) -> napi::Result<PromiseRaw<'env, Resource>> {
        let client = self.client.clone();
        promise(env, async move {
            let query = to_query(query)?;
            Ok(client.get(href, query).await?.into())
        })
    }

    /// POST a JSON body; returns the answer (for a creation, a message whose
    /// `href` is the new resource).
    #[napi]
    pub fn post<'env>(
        &self,
        env: &'env Env,
        href: String,
        body: serde_json::Value,
    ) -> napi::Result<PromiseRaw<'env, Resource>> {
        let client = self.client.clone();
        promise(env, async move {
            let body = Body::Json(from_json(body)?);
            Ok(client.post(href, body).await?.into())
        })
    }

    /// PATCH the given properties of the resource at `href`.
    #[napi]
    pub fn patch<'env>(
        &self,
        env: &'env Env,
        href: String,
        changes: serde_json::Map<String, serde_json::Value>,
    ) -> napi::Result<PromiseRaw<'env, Resource>> {
        let client = self.client.clone();
        promise(env, async move {
            let changes = object(changes)?;
            Ok(client.patch(href, &changes).await?.into())
        })
    }

    /// PUT a whole document to `href`: a typed resource read and changed
    /// through its setters (everything it read goes back, described or not),
    /// or a `Resource` (for example one built with `parseResource`).
    #[napi]
    pub fn put<'env>(
        &self,
        env: &'env Env,
        href: String,
        document: Either<&TypedResource, &Resource>,
    ) -> napi::Result<PromiseRaw<'env, Resource>> {
        let client = self.client.clone();
        let document = match document {
            Either::A(typed) => typed.inner().clone(),
            Either::B(resource) => resource.inner().clone(),
        };
        promise(
            env,
            async move { Ok(client.put(href, &document).await?.into()) },
        )
    }

    /// DELETE the resource at `href`; returns the answer.
    #[napi]
    pub fn delete<'env>(
        &self,
        env: &'env Env,
        href: String,
    ) -> napi::Result<PromiseRaw<'env, Resource>> {
        let client = self.client.clone();
        promise(env, async move { Ok(client.delete(href).await?.into()) })
    }
}
