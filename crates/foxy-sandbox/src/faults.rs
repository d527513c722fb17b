//! Fault injection: random faults by rate (`--faults`) and one fault per request by header.
//!
//! Grammar (see docs/SANDBOX.md): `SPEC := ENTRY (',' ENTRY)*`, `ENTRY := STATUS '=' RATE
//! | 'drop=' RATE | 'latency=' RATE ':' DURATION`, `STATUS := 429 | 500 | 502 | 503`,
//! `RATE` a decimal in `[0, 1]`, `DURATION := N 'ms' | N 's'`. The header
//! `X-Foxy-Sandbox-Fault` takes one fault: `429`, `500`, `502`, `503`, `drop`
//! or `latency:DURATION`.

use std::str::FromStr;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::sync::Notify;

use crate::error::ApiError;
use crate::state::{AppState, Counters};

/// The request header asking for one fault.
pub const FAULT_HEADER: &str = "x-foxy-sandbox-fault";

/// One fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status (429 carries `Retry-After`).
    Status(u16),
    /// Close the connection without answering.
    Drop,
    /// Wait this long, then answer normally.
    Latency(Duration),
}

/// Random fault rates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultSpec {
    /// Status faults with their rates.
    pub statuses: Vec<(u16, f64)>,
    /// Rate of dropped connections.
    pub drop: f64,
    /// Rate and length of added latency.
    pub latency: Option<(f64, Duration)>,
}

fn duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (num, unit) = if let Some(n) = t.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1000)
    } else {
        (t, 1)
    };
    let n: u64 = num
        .trim()
        .parse()
        .map_err(|_| format!("bad duration {text:?}"))?;
    Ok(Duration::from_millis(n.saturating_mul(unit)))
}

fn rate(text: &str) -> Result<f64, String> {
    let r: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("bad rate {text:?}"))?;
    if (0.0..=1.0).contains(&r) {
        Ok(r)
    } else {
        Err(format!("rate {text} is not within 0..1"))
    }
}

impl FromStr for FaultSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<FaultSpec, String> {
        let mut spec = FaultSpec::default();
        for entry in s.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, value) = entry
                .split_once('=')
                .ok_or_else(|| format!("expected NAME=RATE, got {entry:?}"))?;
            match name.trim() {
                "drop" => spec.drop = rate(value)?,
                "latency" => {
                    let (r, d) = value
                        .split_once(':')
                        .ok_or_else(|| "latency needs RATE:DURATION".to_owned())?;
                    spec.latency = Some((rate(r)?, duration(d)?));
                }
                code @ ("429" | "500" | "502" | "503") => {
                    spec.statuses
                        .push((code.parse().unwrap_or(500), rate(value)?));
                }
                other => return Err(format!("unknown fault {other:?}")),
            }
        }
        let total: f64 = spec.statuses.iter().map(|s| s.1).sum::<f64>() + spec.drop;
        if total > 1.0 {
            return Err(format!(
                "status and drop rates add up to {total}, more than 1"
            ));
        }
        Ok(spec)
    }
}

/// Parses the per-request header value.
pub fn parse_header(value: &str) -> Result<Fault, String> {
    let v = value.trim().to_ascii_lowercase();
    match v.as_str() {
        "drop" => Ok(Fault::Drop),
        "429" | "500" | "502" | "503" => Ok(Fault::Status(v.parse().unwrap_or(500))),
        _ => match v
            .strip_prefix("latency")
            .map(|r| r.trim_start_matches([':', '=']))
        {
            Some(d) => Ok(Fault::Latency(duration(d)?)),
            None => Err(format!("unknown fault {:?}", crate::error::excerpt(value))),
        },
    }
}

/// The seeded random source deciding faults.
pub struct Faults {
    spec: FaultSpec,
    rng: Mutex<StdRng>,
}

impl Faults {
    /// A fault source for a spec and seed.
    pub fn new(spec: FaultSpec, seed: u64) -> Faults {
        Faults {
            spec,
            rng: Mutex::new(StdRng::seed_from_u64(seed)),
        }
    }

    /// Draws the faults of one request: an optional latency, then an optional failure.
    pub fn roll(&self) -> (Option<Duration>, Option<Fault>) {
        // No rates at all (the default): nothing to draw, no lock to take.
        if self.spec.statuses.is_empty() && self.spec.drop == 0.0 && self.spec.latency.is_none() {
            return (None, None);
        }
        let Ok(mut rng) = self.rng.lock() else {
            return (None, None);
        };
        let latency = self
            .spec
            .latency
            .and_then(|(r, d)| (rng.random::<f64>() < r).then_some(d));
        let x: f64 = rng.random();
        let mut acc = 0.0;
        for (code, r) in &self.spec.statuses {
            acc += r;
            if x < acc {
                return (latency, Some(Fault::Status(*code)));
            }
        }
        let fault = (x < acc + self.spec.drop).then_some(Fault::Drop);
        (latency, fault)
    }
}

/// Set by the connection loop: closes the connection without a response.
#[derive(Clone)]
pub struct ConnKill(pub Arc<Notify>);

/// Middleware injecting faults (the `/_sandbox` routes are always exempt).
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    inject_then(&state, req, next).await
}

/// What [`inject`] does, callable from another middleware: a fault, or the
/// rest of the stack (`next`).
pub async fn inject_then(state: &AppState, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with("/_sandbox") {
        return next.run(req).await;
    }
    let header = req
        .headers()
        .get(FAULT_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(parse_header);
    let (latency, fault) = match header {
        Some(Ok(Fault::Latency(d))) => (Some(d), None),
        Some(Ok(f)) => (None, Some(f)),
        Some(Err(e)) => return ApiError::bad_request(e).into_response(),
        None if path == "/token" && !state.config.faults_on_token => (None, None),
        None => state.faults.roll(),
    };
    if let Some(d) = latency {
        Counters::bump(&state.counters.faults_injected);
        tokio::time::sleep(d).await;
    }
    match fault {
        None | Some(Fault::Latency(_)) => next.run(req).await,
        Some(Fault::Drop) => {
            Counters::bump(&state.counters.faults_injected);
            if let Some(kill) = req.extensions().get::<ConnKill>() {
                kill.0.notify_one();
                std::future::pending::<()>().await;
            }
            ApiError::internal("connection drop requested outside a connection").into_response()
        }
        Some(Fault::Status(code)) => {
            Counters::bump(&state.counters.faults_injected);
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let err = ApiError::new(status, format!("sandbox fault injected: {status}"));
            let err = match code {
                429 | 503 => err.with_header(header::RETRY_AFTER, "1"),
                _ => err,
            };
            err.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_grammar() {
        let s: FaultSpec = "429=0.1,503=0.05,500=0.02,502=0.02,latency=0.1:200ms,drop=0.05"
            .parse()
            .expect("spec");
        assert_eq!(s.statuses.len(), 4);
        assert_eq!(s.latency, Some((0.1, Duration::from_millis(200))));
        assert!("429=2".parse::<FaultSpec>().is_err());
        assert!("418=0.1".parse::<FaultSpec>().is_err());
        assert!("429=0.6,500=0.6".parse::<FaultSpec>().is_err());
        assert_eq!(
            parse_header("latency:1s"),
            Ok(Fault::Latency(Duration::from_secs(1)))
        );
        assert_eq!(parse_header("drop"), Ok(Fault::Drop));
    }

    #[test]
    fn seeded_rolls_repeat() {
        let spec: FaultSpec = "429=0.5".parse().expect("spec");
        let a: Vec<_> = {
            let f = Faults::new(spec.clone(), 7);
            (0..20).map(|_| f.roll()).collect()
        };
        let b: Vec<_> = {
            let f = Faults::new(spec, 7);
            (0..20).map(|_| f.roll()).collect()
        };
        assert_eq!(a, b);
        assert!(a.iter().any(|r| r.1.is_some()) && a.iter().any(|r| r.1.is_none()));
    }
}
