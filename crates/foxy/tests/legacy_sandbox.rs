//! The legacy XML API client against the sandbox: every action, and the data
//! shared with the hypermedia API.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod legacy_support;

use foxy::Error;
use foxy::error::LegacyError;
use foxy::legacy::{AsyncLegacyClient, LegacyClient};
use foxy::transport::{ReqwestTransport, UreqTransport};
use foxy_proto::Secret;
use foxy_proto::legacy::{Action, ApiResult, AttributeTarget, Lookup, sub_token};
use foxy_sandbox::Config;
use legacy_support::{Hapi, start};
use rust_decimal::Decimal;

const GRACE: &str = "grace.hopper@sandbox.test";

fn client(sb: &foxy_sandbox::BackgroundSandbox) -> LegacyClient<UreqTransport> {
    LegacyClient::new(
        UreqTransport::default(),
        sb.base_url(),
        Secret::new(sb.credentials().store_secret.clone()),
    )
}

#[test]
fn customers_are_shared_with_the_hapi() {
    let sb = start(Config::default());
    let api = client(&sb);
    let hapi = Hapi::new(&sb);
    let grace = api.customer_get(Lookup::Email(GRACE.into())).unwrap();
    assert_eq!(grace.customer.first_name.as_deref(), Some("Grace"));
    assert!(grace.customer.country.is_some());

    let href = hapi.created(
        &format!("/stores/{}/customers", sb.store_id()),
        r#"{"first_name":"Edsger","last_name":"Dijkstra","email":"ewd@sandbox.test"}"#,
    );
    let id: u64 = href.rsplit('/').next().unwrap().parse().unwrap();
    let ewd = api.customer_get(Lookup::Id(id)).unwrap();
    assert_eq!(ewd.customer.email.as_deref(), Some("ewd@sandbox.test"));

    let new_id = api
        .customer_save(
            Lookup::Email("barbara@sandbox.test".into()),
            &[
                ("customer_password", "pa55"),
                ("customer_first_name", "Barbara"),
                ("customer_city", "Boston"),
                ("customer_country", "US"),
            ],
        )
        .unwrap();
    let barbara = api.customer_get(Lookup::Id(new_id)).unwrap();
    assert_eq!(barbara.customer.city.as_deref(), Some("Boston"));
    assert_eq!(barbara.password_hash_type.as_deref(), Some("sha256"));
    let (_, _, doc) = hapi.send("GET", &format!("/customers/{new_id}"), None);
    assert_eq!(
        doc.property("first_name").and_then(|v| v.as_str()),
        Some("Barbara")
    );

    api.customer_save(Lookup::Id(new_id), &[("customer_last_name", "Liskov")])
        .unwrap();
    assert_eq!(
        api.customer_get(Lookup::Id(new_id))
            .unwrap()
            .customer
            .last_name
            .as_deref(),
        Some("Liskov")
    );
    let refused = api.customer_save(Lookup::Email("nopass@sandbox.test".into()), &[]);
    assert!(
        matches!(refused, Err(Error::Legacy(LegacyError::Api { .. }))),
        "{refused:?}"
    );
    assert!(matches!(
        api.customer_get(Lookup::Id(999_999)),
        Err(Error::Legacy(LegacyError::Api { .. }))
    ));

    let listing = api
        .customer_list(&[("customer_email_filter", "*@SANDBOX.test")])
        .unwrap();
    let stats = &listing.statistics;
    assert_eq!(stats.total_name.as_deref(), Some("total_customers"));
    assert_eq!(stats.filtered_total, Some(listing.records.len() as u64));
    assert!(listing.records.len() >= 5);
    let page = api
        .customer_list(&[
            ("customer_first_name_filter", "*a*"),
            ("entries_per_page", "1"),
            ("pagination_start", "2"),
        ])
        .unwrap();
    assert_eq!(
        (page.records.len(), page.statistics.pagination_start),
        (1, Some(2))
    );
    assert!(matches!(
        api.customer_list(&[("shoe_filter", "9")]),
        Err(Error::Legacy(LegacyError::Api { .. }))
    ));

    let me = api
        .customer_address_get(Lookup::Email(GRACE.into()), Lookup::Email("Me".into()))
        .unwrap();
    assert_eq!(me.address_name.as_deref(), Some("Me"));
    let office = api
        .customer_address_save(
            Lookup::Email(GRACE.into()),
            Lookup::Email("Office".into()),
            &[("shipto_city", "Arlington"), ("shipto_first_name", "Grace")],
        )
        .unwrap();
    let again = api
        .customer_address_get(
            Lookup::Id(grace.customer.id.unwrap()),
            Lookup::Id(office.id.unwrap()),
        )
        .unwrap();
    assert_eq!(again.city.as_deref(), Some("Arlington"));
}

#[test]
fn transactions_subscriptions_and_attributes() {
    let sb = start(Config::default());
    let api = client(&sb);
    let hapi = Hapi::new(&sb);
    let grace = hapi.customer(sb.store_id(), GRACE);
    let txn = hapi.charge(
        sb.store_id(),
        &grace,
        &[
            r#"{"name":"Sprocket","price":10.50,"quantity":2,"code":"spr"}"#,
            r#"{"name":"Club","price":5,"code":"club","subscription_frequency":"1m"}"#,
        ],
    );
    let got = api.transaction_get(txn).unwrap();
    assert_eq!(got.order_total, Some(Decimal::new(2600, 2)));
    assert_eq!(got.customer.email.as_deref(), Some(GRACE));
    assert_eq!(got.details.len(), 2);

    let today = time_today();
    for filters in [
        vec![("id_filter", txn.to_string())],
        vec![("product_code_filter", "SPR".to_owned())],
        vec![
            ("customer_email_filter", "grace*".to_owned()),
            ("transaction_date_filter_begin", today.clone()),
        ],
        vec![("order_total_filter", "26.00".to_owned())],
    ] {
        let pairs: Vec<(&str, &str)> = filters.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let listing = api.transaction_list(&pairs).unwrap();
        assert_eq!(listing.records.len(), 1, "{filters:?}");
    }
    assert!(
        api.transaction_list(&[("product_code_filter", "nope")])
            .unwrap()
            .records
            .is_empty()
    );

    api.transaction_modify(txn, Some(true), Some(true)).unwrap();
    let (_, _, doc) = hapi.send("GET", &format!("/transactions/{txn}"), None);
    assert_eq!(
        doc.property("hide_transaction").and_then(|v| v.as_bool()),
        Some(true)
    );
    assert_eq!(
        api.transaction_list(&[("hide_transaction_filter", "1")])
            .unwrap()
            .records
            .len(),
        1
    );
    api.transaction_send_receipt(txn).unwrap();
    assert!(matches!(
        api.transaction_datafeed(txn),
        Err(Error::Legacy(LegacyError::Api { .. }))
    ));
    assert!(matches!(
        api.subscription_datafeed(),
        Err(Error::Legacy(LegacyError::Api { .. }))
    ));

    let subs = api.subscription_list(&[("is_active_filter", "1")]).unwrap();
    assert_eq!(subs.records.len(), 1);
    let url = got
        .details
        .iter()
        .find_map(|d| d.sub_token_url.clone())
        .unwrap();
    let token = sub_token(&url).to_owned();
    let sub = api.subscription_get(&url).unwrap();
    assert_eq!(sub.frequency.as_deref(), Some("1m"));
    api.subscription_modify(&token, &[("frequency", "2w"), ("past_due_amount", "5.00")])
        .unwrap();
    assert_eq!(
        api.subscription_list(&[("frequency_filter", "2w"), ("past_due_amount_filter", "1")])
            .unwrap()
            .records
            .len(),
        1
    );
    let template = "<transaction_template><transaction_details><transaction_detail>\
        <product_name>Gold Club</product_name><product_price>9.00</product_price>\
        <product_quantity>1</product_quantity><product_code>gold</product_code>\
        </transaction_detail></transaction_details></transaction_template>";
    api.subscription_modify(&token, &[("transaction_template", template)])
        .unwrap();
    let sub = api.subscription_get(&token).unwrap();
    let template = sub.transaction_template.unwrap();
    assert_eq!(template.order_total, Some(Decimal::new(900, 2)));
    assert!(matches!(
        api.subscription_modify(&token, &[("frequency", "3x")]),
        Err(Error::Legacy(LegacyError::Api { .. }))
    ));
    api.subscription_cancel(&token).unwrap();
    let ended = api.subscription_get(&token).unwrap().end_date.unwrap();
    assert!(ended > today, "{ended} after {today}");

    for target in [
        AttributeTarget::Transaction(txn),
        AttributeTarget::Subscription(token.clone()),
        AttributeTarget::Customer(hapi_id(&grace)),
    ] {
        let saved = api
            .attribute_save(
                target.clone(),
                &[("status", "packed"), ("note", "a")],
                false,
            )
            .unwrap();
        assert_eq!(saved.len(), 2);
        let appended = api
            .attribute_save(target.clone(), &[("note", "b")], true)
            .unwrap();
        assert!(appended.iter().any(|a| a.value.as_deref() == Some("ab")));
        assert_eq!(api.attribute_list(target.clone()).unwrap().len(), 2);
        assert_eq!(
            api.attribute_delete(target.clone(), Some("status"))
                .unwrap()
                .len(),
            1
        );
        assert!(api.attribute_delete(target, None).unwrap().is_empty());
    }
    assert_eq!(
        api.attribute_list(AttributeTarget::Transaction(txn))
            .unwrap()
            .len(),
        0
    );
}

fn hapi_id(href: &str) -> u64 {
    href.rsplit('/').next().unwrap().parse().unwrap()
}

fn time_today() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let days = i64::try_from(now / 86_400).unwrap();
    // civil-from-days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn store_actions_and_refusals() {
    let sb = start(Config::default());
    let api = client(&sb);
    let codes: Vec<String> = api
        .category_list()
        .unwrap()
        .into_iter()
        .filter_map(|c| c.code)
        .collect();
    assert!(codes.contains(&"DEFAULT".to_owned()) && codes.contains(&"DOWNLOAD".to_owned()));
    assert!(api.downloadable_list().unwrap().is_empty());
    api.store_template_cache("receipt", Some("https://example.test/receipt.html"))
        .unwrap();
    api.store_template_cache("receipt", None).unwrap();
    assert!(api.store_template_cache("cart", None).is_err());
    assert!(
        api.store_template_cache("poster", Some("https://x.test"))
            .is_err()
    );
    let includes = api
        .store_includes_get(Some("jquery"), Some("colorbox"))
        .unwrap();
    assert!(includes.code_block.contains("<script"));
    assert_eq!(includes.javascript_library_version_required, "1.9.0");

    let wrong = LegacyClient::new(
        UreqTransport::default(),
        sb.base_url(),
        Secret::new("wrong"),
    );
    let answer = wrong.raw(Action::CategoryList, &[]).unwrap();
    assert_eq!(
        (answer.result, answer.messages),
        (ApiResult::Error, vec!["Invalid API token".to_owned()])
    );
    assert!(!format!("{wrong:?}").contains("wrong"));
}

#[test]
fn the_async_client_works_the_same() {
    let sb = start(Config::default());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let api = AsyncLegacyClient::new(
            ReqwestTransport::new(foxy::Timeouts::default()).unwrap(),
            sb.base_url(),
            Secret::new(sb.credentials().store_secret.clone()),
        );
        let grace = api.customer_get(Lookup::Email(GRACE.into())).await.unwrap();
        assert_eq!(grace.customer.last_name.as_deref(), Some("Hopper"));
        assert_eq!(
            api.customer_list(&[])
                .await
                .unwrap()
                .statistics
                .total_name
                .as_deref(),
            Some("total_customers")
        );
    });
}
