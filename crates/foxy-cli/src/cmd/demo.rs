//! `foxy demo`: the SDK's main job, end to end, against an embedded
//! foxy-sandbox on 127.0.0.1 (no network, no account, nothing to set up).
//!
//! Read it as documentation: each numbered step is one or two calls of the
//! blocking `foxy::Client`, and prints what came back.

use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use foxy::model::{Attribute, Cart, Item, ItemOption, Model as _, Money, Store, Visibility};
use foxy::proto::auth::token::TokenStoreError;
use foxy::proto::query::Limit;
use foxy::{Client, Filter, Query, TokenStore, Tokens};
use foxy_sandbox::seed::CUSTOMER_WITH_CARD;
use foxy_sandbox::{Config, Sandbox};

use super::CliError;
use super::connect::api_error;

/// Arguments of `foxy demo` (none).
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Carts per page in step 6: small, so that several pages are walked.
const PAGE_SIZE: u32 = 2;

/// Runs the demo; exit status 0 when every step worked.
pub fn run(_args: Args) -> Result<ExitCode, CliError> {
    let sandbox = Sandbox::start_background(Config::default())
        .map_err(|e| CliError::failure(format!("cannot start the sandbox: {e}")))?;
    println!(
        "foxy demo against a local foxy-sandbox at {}",
        sandbox.base_url()
    );

    // The client: the sandbox's seeded OAuth client and refresh token. The
    // token store only notes when each new access token expires.
    let credentials = sandbox.credentials();
    let expiry = Arc::new(Expiry::default());
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .refresh_token(
            credentials.client_id.as_str(),
            credentials.client_secret.as_str(),
            credentials.refresh_token.as_str(),
        )
        .token_store(expiry.clone())
        .user_agent_suffix("foxy-demo")
        .build()
        .map_err(api_error)?;

    step(
        1,
        "Authenticate (refresh_token grant, on the first request)",
    );
    client.home().map_err(api_error)?;
    println!("   access token {}", expiry.describe());

    step(2, "Read the store (follow fx:store from the API home)");
    let store = client
        .follow("fx:store")
        .get(Query::new())
        .map_err(api_error)?;
    let store = Store::from_resource(&store).map_err(model_error)?;
    println!(
        "   {} ({})",
        text(&store.store_name),
        store.self_href().unwrap_or("?")
    );

    step(3, "Create a cart");
    let cart = client
        .carts()
        .create_and_get(&Cart::new(), Query::new())
        .map_err(api_error)?;
    let href = cart.self_href().unwrap_or_default().to_owned();
    println!("   {href}");

    step(
        4,
        "Fill it with one PUT: 2 items with options, and a cart attribute",
    );
    let mut filled = cart;
    filled.items = vec![
        Item::new("Sprocket", money("12.50")?, 2)
            .with_code("SPR-1")
            .with_option(ItemOption::new("color", "red", money("1.25")?, 0)),
        Item::new("Widget", money("4.99")?, 3)
            .with_code("WID-7")
            .with_option(ItemOption::new("size", "L", money("0.50")?, 0))
            .with_option(ItemOption::new("gift wrap", "yes", money("2.00")?, 0)),
    ];
    filled.attributes = vec![Attribute::new("source", "foxy demo", Visibility::Public)];
    let put = client.carts().put(&filled).map_err(api_error)?;
    println!(
        "   the cart now has {} items and {} attribute",
        put.items.len(),
        put.attributes.len()
    );

    step(
        5,
        "Read it back with zoom=items,items:item_options,attributes",
    );
    let zoom = Query::new()
        .zoom("items,items:item_options,attributes")
        .map_err(CliError::failure)?;
    let cart = client.carts().get(&href, zoom).map_err(api_error)?;
    for item in &cart.items {
        let options: Vec<String> = item
            .item_options
            .iter()
            .map(|o| {
                format!(
                    "{}: {} ({})",
                    text(&o.name),
                    text(&o.value),
                    signed(&o.price_mod)
                )
            })
            .collect();
        println!(
            "   {} x {} ({}) at {}  [{}]",
            item.quantity.as_ref().map_or(0, |q| q.get()),
            text(&item.name),
            text(&item.code),
            amount(&item.price),
            options.join(", ")
        );
    }
    for attribute in &cart.attributes {
        println!(
            "   attribute {} = {}",
            attribute.name,
            text(&attribute.value)
        );
    }
    println!(
        "   items {}, tax {}, shipping {}, total_order {}",
        amount(&cart.total_item_price),
        amount(&cart.total_tax),
        amount(&cart.total_shipping),
        priced(&cart.total_order, &cart.currency_code)
    );

    step(
        6,
        &format!("Page through the store's carts, {PAGE_SIZE} per page"),
    );
    for _ in 0..2 {
        client.carts().create(&Cart::new()).map_err(api_error)?;
    }
    let limit = Limit::new(PAGE_SIZE.into()).map_err(CliError::failure)?;
    let mut walked = 0u32;
    for member in client.carts().all(Query::new().limit(limit)) {
        member.map_err(api_error)?;
        walked += 1;
    }
    println!(
        "   walked {walked} carts (ours and 2 empty ones added for this step) in {} pages",
        walked.div_ceil(PAGE_SIZE)
    );

    step(
        7,
        &format!("Charge the cart to {CUSTOMER_WITH_CARD}'s saved card"),
    );
    let by_email = Query::new().filter(Filter::eq("email", CUSTOMER_WITH_CARD));
    let customers = client.customers().list(by_email).map_err(api_error)?;
    let customer = customers
        .members
        .first()
        .ok_or_else(|| CliError::failure("the seeded customer is missing"))?;
    let transaction = client.carts().charge(&cart, customer).map_err(api_error)?;
    let id = transaction
        .self_href()
        .and_then(|h| h.rsplit('/').next())
        .unwrap_or("?");
    println!(
        "   transaction {id}: status {}, total_order {}, {} items",
        text(&transaction.status),
        priced(&transaction.total_order, &transaction.currency_code),
        transaction.items.len()
    );

    sandbox.shutdown();
    println!("done");
    print!("{NEXT}");
    Ok(ExitCode::SUCCESS)
}

/// What to try after the demo, printed at its end.
const NEXT: &str = "
What next:
  foxy sandbox                        run the sandbox at http://127.0.0.1:8790/ (Ctrl-C stops it)
  foxy --sandbox get fx:store         then, in another terminal: no setup, no credentials to copy
  foxy --sandbox get fx:store/fx:carts --zoom items --limit 5 -o table
  foxy login                          save your own store's credentials as a profile
  cargo run -p foxy --example blocking
                                      the Rust examples (crates/foxy/examples/)
  docs/CLI.md, docs/CLIENT.md         every command and flag; the Rust client
";

fn step(number: u32, title: &str) {
    println!("{number}. {title}");
}

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

fn amount(value: &Option<Money>) -> String {
    value.as_ref().map(Money::to_string).unwrap_or_default()
}

/// An amount followed by its currency code, when there is one.
fn priced(value: &Option<Money>, currency: &Option<String>) -> String {
    match text(currency) {
        "" => amount(value),
        code => format!("{} {code}", amount(value)),
    }
}

/// A price modifier with its sign (`+1.25`, `-0.50`).
fn signed(value: &Option<Money>) -> String {
    let text = amount(value);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// An exact amount from decimal text.
fn money(text: &str) -> Result<Money, CliError> {
    text.parse().map_err(CliError::failure)
}

fn model_error(err: foxy::model::ModelError) -> CliError {
    CliError::failure(format!("unexpected resource: {err}"))
}

/// A token store that keeps nothing but the expiry of the last token saved,
/// so the demo can show it without ever holding on to the token.
#[derive(Debug, Default)]
struct Expiry(Mutex<Option<SystemTime>>);

impl TokenStore for Expiry {
    fn load(&self) -> Option<Tokens> {
        None
    }

    fn save(&self, tokens: &Tokens) -> Result<(), TokenStoreError> {
        if let Ok(mut expires_at) = self.0.lock() {
            *expires_at = tokens.expires_at;
        }
        Ok(())
    }
}

impl Expiry {
    /// `expires 2026-01-01T12:00:00Z (in 7200 s)`.
    fn describe(&self) -> String {
        let at = self.0.lock().ok().and_then(|at| *at);
        let Some(at) = at else {
            return "obtained (no expiry given)".to_owned();
        };
        let left = at
            .duration_since(SystemTime::now())
            .map_or(0, |d| d.as_secs());
        let when = time::OffsetDateTime::from(at)
            .replace_nanosecond(0)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| "?".to_owned());
        format!("obtained, expires {when} (in {left} s)")
    }
}
