//! The builder's checks: base URL, policy, media type, credentials, secrets.

use super::*;

#[test]
fn refuses_plain_http_off_loopback_and_bad_media() {
    let err = ClientBuilder::new()
        .base_url("http://api.example.test/")
        .access_token("t")
        .context()
        .expect_err("refused");
    assert!(matches!(err, Error::Policy(_)));
    let (ok, _) = ClientBuilder::new()
        .base_url("http://api.example.test")
        .access_token("t")
        .transport_policy(TransportPolicy {
            allow_insecure_http: true,
        })
        .context()
        .expect("opted in");
    assert_eq!(ok.base(), "http://api.example.test/");
    assert!(matches!(
        ClientBuilder::new()
            .access_token("t")
            .media_type(MediaType::Json)
            .context(),
        Err(Error::UnsupportedMediaType(MediaType::Json))
    ));
    assert!(matches!(
        ClientBuilder::new().context(),
        Err(Error::NoCredentials)
    ));
}

#[test]
fn the_base_url_is_checked_when_set() {
    let err = ClientBuilder::new()
        .try_base_url("not a url")
        .expect_err("refused at the setter");
    assert_eq!(
        err,
        Error::InvalidBaseUrl {
            url: "not a url".into()
        }
    );
    assert!(ClientBuilder::new().try_base_url("/relative").is_err());
    let kept = ClientBuilder::new().base_url("::").access_token("t");
    assert!(matches!(kept.context(), Err(Error::InvalidBaseUrl { .. })));
    let uri: http::Uri = "https://api.test".parse().expect("uri");
    let (ctx, _) = ClientBuilder::new()
        .base_uri(uri)
        .access_token("t")
        .context()
        .expect("built");
    assert_eq!(ctx.base(), "https://api.test/");
}

#[test]
fn debug_never_shows_secrets() {
    let builder = ClientBuilder::new().refresh_token("id", "s3cret-client", "s3cret-refresh");
    let text = format!("{builder:?}");
    assert!(!text.contains("s3cret"), "{text}");
    let (ctx, _) = builder.context().expect("built");
    assert_eq!(ctx.token_endpoint(), "https://api.foxycart.com/token");
}
