//! What the flow, navigation, charge and legacy tests share: an error type
//! with a charge wrapper, a context with a ready token, a fake-clock run.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::Request;

use super::FlowError;
use crate::MediaType;
use crate::auth::{ClientCredentials, NoStore, Secret, TokenState, Tokens};
use crate::context::{Config, Context};
use crate::error::Error;
use crate::policy::TransportPolicy;
use crate::replay::{FakeClock, run};
use crate::request::UserAgent;
use crate::retry::RetryPolicy;
use crate::step::{Machine, Outcome};

/// A flow error as a client's: a proto error, or one after a charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TestError {
    Proto(Error),
    Ambiguous(Option<String>, Box<TestError>),
}

impl From<Error> for TestError {
    fn from(e: Error) -> Self {
        TestError::Proto(e)
    }
}

impl FlowError for TestError {
    fn after_charge(self, transaction: Option<String>) -> Self {
        match self {
            TestError::Ambiguous(known, cause) => {
                TestError::Ambiguous(known.or(transaction), cause)
            }
            cause => TestError::Ambiguous(transaction, Box::new(cause)),
        }
    }
}

/// Retries quick enough for a fake clock, 4 attempts.
pub(crate) fn quick_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(1),
        deadline: Duration::from_secs(60),
    }
}

/// A context for `base` holding the access token `tok`, no grant.
pub(crate) fn context(base: &str) -> Arc<Context> {
    let tokens = Tokens {
        access_token: Secret::new("tok"),
        refresh_token: None,
        expires_at: None,
        lifetime: None,
        scope: None,
    };
    let config = Config {
        base: base.to_owned(),
        accept: MediaType::HalJson,
        retry: quick_retry(),
        policy: TransportPolicy::default(),
        user_agent: UserAgent::sdk(),
        tokens: Arc::new(Mutex::new(TokenState::new(Some(tokens)))),
        client: ClientCredentials::new("", ""),
        grant: None,
        store: Arc::new(NoStore),
        token_endpoint: None,
    };
    Arc::new(Context::new(config, 7))
}

/// The requests a run sent, as `METHOD uri`.
pub(crate) type Sent = Vec<String>;

/// Runs `machine` on a fake clock, answering with `answers` in order
/// (then `NotSent`); the requests sent and the time slept.
pub(crate) fn drive<M: Machine>(machine: M, answers: Vec<Outcome>) -> (M::Output, Sent, Duration) {
    let mut clock = FakeClock::at_unix(1_700_000_000);
    let mut answers = answers.into_iter();
    let mut sent = Vec::new();
    let out = run(
        machine,
        &mut clock,
        Duration::from_millis(5),
        |r: Request<Vec<u8>>| {
            sent.push(format!("{} {}", r.method(), r.uri()));
            answers
                .next()
                .unwrap_or_else(|| Err(crate::step::TransportFailure::NotSent("no answer".into())))
        },
    );
    (out, sent, clock.slept())
}
