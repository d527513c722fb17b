//! The connection loop: hyper HTTP/1 connections serving the router, closable on demand.
//!
//! Each connection gets a [`ConnKill`] in its requests' extensions; the
//! `drop` fault fires it and the loop drops the connection without answering.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::faults::ConnKill;
use crate::limits;
use crate::wire::Refusals;

/// Accepts connections until `shutdown` changes, then closes every connection.
pub async fn serve(listener: TcpListener, app: Router, mut shutdown: watch::Receiver<bool>) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    conns.spawn(connection(stream, app.clone()));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            _ = shutdown.changed() => break,
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    conns.abort_all();
    while conns.join_next().await.is_some() {}
}

async fn connection(stream: TcpStream, app: Router) {
    let _ = stream.set_nodelay(true);
    let kill = Arc::new(Notify::new());
    let handle = kill.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(ConnKill(handle.clone()));
        app.clone().oneshot(req.map(Body::new))
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .max_headers(limits::MAX_HEADERS)
        .max_buf_size(limits::READ_BUFFER_BYTES)
        .serve_connection(TokioIo::new(Refusals::new(stream)), service);
    tokio::select! {
        _ = conn => {}
        () = kill.notified() => {}
    }
}
