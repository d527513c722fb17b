//! The middleware every request passes, as one layer: error documents
//! ([`render::finished`]), size limits ([`limits::refusal`]), panics
//! ([`panics::guarded`]), the request counter and faults
//! ([`faults::inject_then`]), in that order from the outside in.
//!
//! The same steps as five `from_fn` layers, without five boxed futures and
//! five clones of the inner service per request.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use foxy_proto::MediaType;

use crate::faults;
use crate::limits;
use crate::panics;
use crate::render;
use crate::state::{AppState, Counters};

/// Middleware: the whole stack around the router (see the module docs).
pub async fn stack(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let media = render::negotiate(req.headers()).unwrap_or(MediaType::HalJson);
    let resp = match limits::refusal(&req) {
        Some(err) => err.into_response(),
        None => {
            let inner = state.clone();
            panics::guarded(&state, req, move |req| async move {
                Counters::bump(&inner.counters.requests);
                faults::inject_then(&inner, req, next).await
            })
            .await
        }
    };
    render::finished(resp, media).await
}
