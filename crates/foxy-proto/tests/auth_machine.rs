//! OAuth: grant requests, and the authorized-call machine transition by
//! transition on a fake clock.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use foxy_proto::auth::token::{REFRESH_MARGIN, TokenStoreError};
use foxy_proto::auth::{
    Authorized, ClientCredentials, Grant, Refresher, Scope, Secret, SharedTokens, TokenState,
    TokenStore, Tokens, session::REFRESH_POLL,
};
use foxy_proto::error::{AuthError, Error};
use foxy_proto::replay::{Expect, FakeClock, ReplayTransport, response, run};
use foxy_proto::request::{RequestBuilder, UserAgent, to_http1};
use foxy_proto::retry::RetryPolicy;
use foxy_proto::step::{Machine, Step};
use http::Method;

const STORE: &str = "https://api.foxycart.com/stores/8";
const TOKEN: &str = "https://api.foxycart.com/token";
const WALL: u64 = 1_709_164_800;
const REFRESH_BODY: &str = "grant_type=refresh_token&refresh_token=refresh-1\
                            &client_id=client_1&client_secret=shh";

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// Tokens issued at WALL, valid for two hours.
fn tokens(access: &str) -> Tokens {
    Tokens {
        access_token: Secret::new(access),
        refresh_token: Some(Secret::new("refresh-1")),
        expires_at: Some(at(WALL + 7200)),
        lifetime: Some(Duration::from_secs(7200)),
        scope: Some("store_full_access".into()),
    }
}

#[derive(Default)]
struct MemoryStore(Mutex<Vec<Tokens>>);

impl TokenStore for MemoryStore {
    fn load(&self) -> Option<Tokens> {
        self.0.lock().ok()?.last().cloned()
    }
    fn save(&self, tokens: &Tokens) -> Result<(), TokenStoreError> {
        self.0
            .lock()
            .map_err(|_| TokenStoreError("poisoned".into()))?
            .push(tokens.clone());
        Ok(())
    }
}

fn setup(tokens: Option<Tokens>) -> (SharedTokens, Refresher, Arc<MemoryStore>) {
    let store = Arc::new(MemoryStore::default());
    let refresher = Refresher {
        endpoint: TOKEN.into(),
        client: ClientCredentials::new("client_1", "shh"),
        user_agent: UserAgent::sdk(),
        store: store.clone(),
    };
    (
        Arc::new(Mutex::new(TokenState::new(tokens))),
        refresher,
        store,
    )
}

fn call(shared: &SharedTokens, refresher: &Refresher) -> Authorized {
    let request = RequestBuilder::get(STORE).build().expect("valid");
    Authorized::new(
        shared.clone(),
        refresher.clone(),
        request,
        RetryPolicy::default(),
        Box::new(|| 0),
    )
}

fn get_with(token: &str) -> Expect {
    Expect::new(Method::GET, STORE).header("authorization", &format!("Bearer {token}"))
}

fn refresh() -> Expect {
    Expect::new(Method::POST, TOKEN)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(REFRESH_BODY)
}

const NEW_TOKEN: &str = r#"{"access_token":"access-2","expires_in":7200,"token_type":"bearer","scope":"store_full_access"}"#;

#[test]
fn fresh_token_is_sent_as_is() {
    let (shared, refresher, store) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new().then(get_with("access-1"), response(200, &[], "{}"));
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(out.expect("ok").status(), 200);
    replay.finish().expect("script followed");
    assert!(store.load().is_none(), "nothing to save");
}

#[test]
fn refreshes_five_minutes_before_expiry_and_keeps_the_refresh_token() {
    let (shared, refresher, store) = setup(Some(tokens("access-1")));
    let when = WALL + 7200 - REFRESH_MARGIN.as_secs();
    let mut clock = FakeClock::at_unix(when);
    let mut replay = ReplayTransport::new()
        .then(refresh(), response(200, &[], NEW_TOKEN))
        .then(get_with("access-2"), response(200, &[], "{}"));
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(out.expect("ok").status(), 200);
    replay.finish().expect("script followed");
    let state = shared.lock().expect("lock");
    assert_eq!(state.generation(), 1);
    let current = state.tokens().expect("tokens");
    assert_eq!(current.access_token.expose(), "access-2");
    assert_eq!(
        current.refresh_token.as_ref().map(Secret::expose),
        Some("refresh-1")
    );
    assert_eq!(current.expires_at, Some(at(when + 7200)));
    assert_eq!(store.load().as_ref(), Some(current), "saved to the store");
}

#[test]
fn one_second_earlier_no_refresh() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL + 7200 - REFRESH_MARGIN.as_secs() - 1);
    let mut replay = ReplayTransport::new().then(get_with("access-1"), response(200, &[], "{}"));
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert!(out.is_ok());
    replay.finish().expect("script followed");
}

#[test]
fn a_sixty_second_token_is_used_until_near_expiry_and_refreshed_once() {
    // Issued at WALL for 60 s: the margin is 6 s, so it is sent until
    // WALL + 53 and refreshed (once) by the first call from WALL + 54 on.
    let short = Tokens {
        expires_at: Some(at(WALL + 60)),
        lifetime: Some(Duration::from_secs(60)),
        ..tokens("access-1")
    };
    let (shared, refresher, store) = setup(Some(short));
    let mut replay = ReplayTransport::new();
    let schedule = [0, 5, 10, 20, 30, 40, 50, 53, 55, 56, 60, 90, 108];
    for t in schedule {
        if t == 55 {
            let renewed = r#"{"access_token":"access-2","expires_in":60,"token_type":"bearer"}"#;
            replay = replay.then(refresh(), response(200, &[], renewed));
        }
        let token = if t < 55 { "access-1" } else { "access-2" };
        replay = replay.then(get_with(token), response(200, &[], "{}"));
    }
    for t in schedule {
        let mut clock = FakeClock::at_unix(WALL + t);
        let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
            replay.send(r)
        });
        assert_eq!(out.expect("ok").status(), 200, "call at +{t} s");
    }
    replay.finish().expect("one refresh, at +55 s");
    let saved = store.0.lock().expect("lock").len();
    assert_eq!(saved, 1, "exactly one refresh");
    assert_eq!(shared.lock().expect("lock").generation(), 1);
}

#[test]
fn tokens_issued_inside_their_margin_are_used_once_not_refreshed_forever() {
    let (shared, refresher, store) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL + 7200);
    let instant = r#"{"access_token":"access-2","expires_in":0,"token_type":"bearer"}"#;
    let mut replay = ReplayTransport::new()
        .then(refresh(), response(200, &[], instant))
        .then(get_with("access-2"), response(200, &[], "{}"));
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(out.expect("ok").status(), 200);
    replay.finish().expect("one refresh, then the request");
    assert_eq!(store.0.lock().expect("lock").len(), 1);
}

#[test]
fn invalid_token_refreshes_once_and_replays_once() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL);
    let rejected = response(
        401,
        &[("www-authenticate", r#"Bearer error="invalid_token""#)],
        r#"{"error":"invalid_token","error_description":"The access token provided is invalid"}"#,
    );
    let mut replay = ReplayTransport::new()
        .then(get_with("access-1"), rejected)
        .then(refresh(), response(200, &[], NEW_TOKEN))
        .then(get_with("access-2"), response(200, &[], "{}"));
    let mut machine = call(&shared, &refresher);
    let out = foxy_proto::step::drive(
        &mut machine,
        |r| replay.send(r),
        |d| clock.sleep(d),
        || FakeClock::at_unix(WALL).now(),
    );
    assert_eq!(out.expect("ok").status(), 200);
    assert!(machine.replayed());
    replay.finish().expect("script followed");
}

#[test]
fn a_second_invalid_token_is_an_auth_error_not_a_loop() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL);
    let rejected = || response(401, &[], r#"{"error":"invalid_token"}"#);
    let mut replay = ReplayTransport::new()
        .then(get_with("access-1"), rejected())
        .then(refresh(), response(200, &[], NEW_TOKEN))
        .then(get_with("access-2"), rejected());
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(
        out.expect_err("an error"),
        Error::Auth(AuthError::Rejected {
            code: "invalid_token".into(),
            description: None,
        })
    );
    replay.finish().expect("exactly one replay");
}

#[test]
fn a_rejected_token_with_no_refresh_token_is_rejected_not_missing() {
    let mut only_access = tokens("access-1");
    only_access.refresh_token = None;
    let (shared, refresher, _) = setup(Some(only_access));
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new().then(
        get_with("access-1"),
        response(
            401,
            &[("www-authenticate", r#"Bearer error="invalid_token""#)],
            r#"{"error":"invalid_token","error_description":"The access token provided has expired"}"#,
        ),
    );
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    let err = out.expect_err("an error");
    assert_eq!(
        err,
        Error::Auth(AuthError::Rejected {
            code: "invalid_token".into(),
            description: Some("The access token provided has expired".into()),
        })
    );
    let text = err.to_string();
    assert!(
        text.contains("rejected") && text.contains("invalid_token"),
        "{text}"
    );
    assert!(!text.contains("authorize first"), "{text}");
    assert!(!text.contains("access-1"), "{text}");
    replay
        .finish()
        .expect("one request, nothing to refresh with");
}

#[test]
fn a_refresh_that_times_out_or_gets_5xx_is_retried() {
    let (shared, refresher, store) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL + 7200);
    let mut replay = ReplayTransport::new()
        .then(refresh(), Err(foxy_proto::step::TransportFailure::TimedOut))
        .then(refresh(), response(503, &[], ""))
        .then(refresh(), response(500, &[], ""))
        .then(refresh(), response(200, &[], NEW_TOKEN))
        .then(get_with("access-2"), response(200, &[], "{}"));
    let policy = RetryPolicy {
        max_attempts: 4,
        ..RetryPolicy::default()
    };
    let request = RequestBuilder::get(STORE).build().expect("valid");
    let machine = Authorized::new(
        shared.clone(),
        refresher.clone(),
        request,
        policy,
        Box::new(|| 0),
    );
    let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(out.expect("the GET succeeds").status(), 200);
    replay
        .finish()
        .expect("four refresh attempts, then the GET");
    assert_eq!(store.0.lock().expect("lock").len(), 1);
}

#[test]
fn a_refresh_failing_past_the_budget_is_the_last_error() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL + 7200);
    let policy = RetryPolicy {
        max_attempts: 2,
        ..RetryPolicy::default()
    };
    let mut replay = ReplayTransport::new()
        .then(refresh(), response(502, &[], ""))
        .then(refresh(), Err(foxy_proto::step::TransportFailure::TimedOut));
    let request = RequestBuilder::get(STORE).build().expect("valid");
    let machine = Authorized::new(shared.clone(), refresher, request, policy, Box::new(|| 0));
    let out = run(machine, &mut clock, Duration::ZERO, |r| replay.send(r));
    assert_eq!(out.expect_err("an error"), Error::Timeout);
    replay.finish().expect("two attempts");
    // The lease was released: the next call may refresh at once.
    let mut state = shared.lock().expect("lock");
    let lease = state.begin_refresh(0, Duration::ZERO).expect("released");
    state.abandon_refresh(lease);
}

#[test]
fn a_retry_that_outlives_the_token_refreshes_and_sends_the_new_one() {
    // Valid until WALL + 310 with a 300 s margin: fresh at WALL, stale 10 s later.
    let short = Tokens {
        expires_at: Some(at(WALL + 310)),
        ..tokens("access-1")
    };
    let (shared, refresher, _) = setup(Some(short));
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new()
        .then(
            get_with("access-1"),
            response(503, &[("retry-after", "20")], ""),
        )
        .then(refresh(), response(200, &[], NEW_TOKEN))
        .then(get_with("access-2"), response(200, &[], "{}"));
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(out.expect("ok").status(), 200);
    assert_eq!(clock.slept(), Duration::from_secs(20));
    replay.finish().expect("the retry waited for the refresh");
}

#[test]
fn a_retry_carries_the_token_another_call_installed() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let clock = FakeClock::at_unix(WALL);
    let mut machine = call(&shared, &refresher);
    let Step::Send(first) = machine.poll(clock.now()) else {
        panic!("the first attempt is sent");
    };
    assert_eq!(first.headers()["authorization"], "Bearer access-1");
    machine.feed(response(500, &[], ""), clock.now());
    // During the back-off (none with this jitter), another call got new tokens.
    shared.lock().expect("lock").replace(tokens("access-9"));
    let later = clock.now().advanced(Duration::from_secs(1));
    let Step::Send(second) = machine.poll(later) else {
        panic!("a 500 on a GET is retried");
    };
    assert_eq!(second.headers()["authorization"], "Bearer access-9");
    assert!(second.headers()["authorization"].is_sensitive());
    machine.feed(response(200, &[], "{}"), later);
    let Step::Done(Ok(done)) = machine.poll(later) else {
        panic!("done");
    };
    assert_eq!(done.status(), 200);
}

#[test]
fn other_401s_are_returned_without_refresh() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL);
    let mut replay = ReplayTransport::new().then(
        get_with("access-1"),
        response(401, &[], r#"{"error":"insufficient_scope"}"#),
    );
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    assert_eq!(out.expect("response").status(), 401);
    replay.finish().expect("script followed");
}

#[test]
fn refused_refresh_is_a_typed_error_and_releases_the_lease() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let mut clock = FakeClock::at_unix(WALL + 7200);
    let mut replay = ReplayTransport::new().then(
        refresh(),
        response(
            400,
            &[],
            r#"{"error":"invalid_grant","error_description":"expired"}"#,
        ),
    );
    let out = run(call(&shared, &refresher), &mut clock, Duration::ZERO, |r| {
        replay.send(r)
    });
    let err = out.expect_err("an error");
    assert!(matches!(err, Error::Auth(AuthError::Token(_))), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("refresh-1"));
    replay.finish().expect("script followed");
    let mut state = shared.lock().expect("lock");
    let lease = state.begin_refresh(0, Duration::ZERO);
    assert!(lease.is_some(), "the lease was released");
    if let Some(lease) = lease {
        state.abandon_refresh(lease);
    }
}

#[test]
fn single_flight_waits_for_the_other_refresh() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let clock = FakeClock::at_unix(WALL + 7200);
    let now = clock.now();
    let mut first = call(&shared, &refresher);
    let mut second = call(&shared, &refresher);
    let Step::Send(token_request) = first.poll(now) else {
        panic!("the first call refreshes");
    };
    assert_eq!(token_request.uri(), TOKEN);
    match second.poll(now) {
        Step::Wait(d) => assert_eq!(d, REFRESH_POLL),
        other => panic!("the second call waits, got {other:?}"),
    }
    first.feed(response(200, &[], NEW_TOKEN), now);
    let Step::Send(request) = first.poll(now) else {
        panic!("the first call sends its request");
    };
    assert_eq!(request.headers()["authorization"], "Bearer access-2");
    let later = now.advanced(REFRESH_POLL);
    let Step::Send(request) = second.poll(later) else {
        panic!("the second call uses the new token without refreshing");
    };
    assert_eq!(request.headers()["authorization"], "Bearer access-2");
    assert_eq!(shared.lock().expect("lock").generation(), 1);
}

#[test]
fn a_dropped_call_releases_its_lease() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let now = FakeClock::at_unix(WALL + 7200).now();
    let mut first = call(&shared, &refresher);
    let Step::Send(_) = first.poll(now) else {
        panic!("refresh starts");
    };
    drop(first);
    let mut second = call(&shared, &refresher);
    let Step::Send(request) = second.poll(now) else {
        panic!("the next call refreshes at once");
    };
    assert_eq!(request.uri(), TOKEN);
}

#[test]
fn no_token_is_an_auth_error() {
    let (shared, refresher, _) = setup(None);
    let mut clock = FakeClock::at_unix(WALL);
    let out = run(
        call(&shared, &refresher),
        &mut clock,
        Duration::ZERO,
        |_| response(200, &[], "{}"),
    );
    assert_eq!(out.expect_err("an error"), Error::Auth(AuthError::NoToken));
    let mut expired = tokens("a");
    expired.refresh_token = None;
    let (shared, refresher, _) = setup(Some(expired));
    let mut clock = FakeClock::at_unix(WALL + 9000);
    let out = run(
        call(&shared, &refresher),
        &mut clock,
        Duration::ZERO,
        |_| response(200, &[], "{}"),
    );
    assert_eq!(out.expect_err("an error"), Error::Auth(AuthError::NoToken));
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let (shared, refresher, _) = setup(Some(tokens("access-1")));
    let text = format!(
        "{refresher:?} {:?} {:?}",
        shared.lock().expect("lock"),
        call(&shared, &refresher)
    );
    for secret in ["access-1", "refresh-1", "shh"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

fn wire(grant: Grant, client: &ClientCredentials) -> String {
    let request = grant
        .request(TOKEN, client, &UserAgent::sdk())
        .expect("valid");
    assert!(
        request
            .headers()
            .get("authorization")
            .is_none_or(|v| v.is_sensitive())
    );
    to_http1(&request, false).replace("\r\n", "\n")
}

#[test]
fn grant_requests() {
    let body = ClientCredentials::new("client_1", "shh");
    insta::assert_snapshot!(
        "grant_refresh_token_body_auth",
        wire(Grant::RefreshToken(Secret::new("refresh-1")), &body)
    );
    insta::assert_snapshot!(
        "grant_authorization_code_basic_auth",
        wire(
            Grant::AuthorizationCode {
                code: Secret::new("code-9"),
                redirect_uri: "https://app.test/callback".into(),
            },
            &body.clone().basic()
        )
    );
    insta::assert_snapshot!(
        "grant_client_credentials",
        wire(
            Grant::ClientCredentials {
                scopes: vec![Scope::ClientFullAccess],
            },
            &body
        )
    );
}

#[test]
fn a_client_credentials_grant_is_retried_an_authorization_code_is_not() {
    use foxy_proto::auth::Exchange;
    use foxy_proto::step::TransportFailure;
    let grants = [
        (Grant::ClientCredentials { scopes: Vec::new() }, 3),
        (
            Grant::AuthorizationCode {
                code: Secret::new("code-9"),
                redirect_uri: "https://app.test/callback".into(),
            },
            1,
        ),
    ];
    for (grant, sends) in grants {
        let (shared, refresher, _) = setup(None);
        let mut clock = FakeClock::at_unix(WALL);
        let token = || Expect::new(Method::POST, TOKEN);
        let mut replay = ReplayTransport::new()
            .then(token(), Err(TransportFailure::TimedOut))
            .then(token(), response(502, &[], ""))
            .then(token(), response(200, &[], NEW_TOKEN));
        let exchange = Exchange::new(
            shared.clone(),
            grant.clone(),
            refresher,
            RetryPolicy::default(),
            Box::new(|| 0),
        );
        let out = run(exchange, &mut clock, Duration::ZERO, |r| replay.send(r));
        assert_eq!(replay.served(), sends, "{grant:?}");
        if sends == 3 {
            assert_eq!(out, Ok(()));
            replay.finish().expect("three attempts");
        } else {
            // A code is good for one use: a timed-out exchange is not repeated.
            assert_eq!(out, Err(Error::Timeout));
        }
    }
}
