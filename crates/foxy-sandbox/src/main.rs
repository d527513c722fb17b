//! `foxy-sandbox`: run the Foxy hAPI emulator on a local address.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use foxy_sandbox::{Config, Credentials, FaultSpec, config};

/// A stateful local emulator of the Foxy.io hypermedia API.
#[derive(Debug, Parser)]
#[command(name = "foxy-sandbox", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8790")]
    addr: SocketAddr,
    /// SQLite file (data survives restarts); in memory when absent.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Access token lifetime in seconds.
    #[arg(long, default_value_t = 7200)]
    token_lifetime: u64,
    /// Random faults, e.g. `429=0.1,503=0.05,latency=0.1:200ms,drop=0.05`.
    #[arg(long, default_value = "")]
    faults: String,
    /// Let random faults hit the token endpoint too.
    #[arg(long)]
    faults_on_token: bool,
    /// Seed of the fault random source.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// OAuth client id.
    #[arg(long, default_value = config::DEFAULT_CLIENT_ID)]
    client_id: String,
    /// OAuth client secret.
    #[arg(long, default_value = config::DEFAULT_CLIENT_SECRET)]
    client_secret: String,
    /// Refresh token of the seeded store.
    #[arg(long, default_value = config::DEFAULT_REFRESH_TOKEN)]
    refresh_token: String,
    /// Store secret (webhook_key: cart signing, legacy API).
    #[arg(long, default_value = config::DEFAULT_STORE_SECRET)]
    store_secret: String,
    /// Require HMAC-signed product fields on `/cart`.
    #[arg(long)]
    require_signed_carts: bool,
    /// Post the RC4 XML datafeed of each new transaction to this URL.
    #[arg(long)]
    datafeed_url: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let faults: FaultSpec = match args.faults.parse() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("foxy-sandbox: invalid --faults: {e}");
            return ExitCode::from(2);
        }
    };
    let config = Config {
        addr: args.addr,
        db_path: args.db,
        token_lifetime: Duration::from_secs(args.token_lifetime),
        faults,
        faults_on_token: args.faults_on_token,
        seed: args.seed,
        credentials: Credentials {
            client_id: args.client_id,
            client_secret: args.client_secret,
            refresh_token: args.refresh_token,
            store_secret: args.store_secret,
        },
        require_signed_carts: args.require_signed_carts,
        datafeed_url: args.datafeed_url,
        ..Config::default()
    };
    let sandbox = match foxy_sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("foxy-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", sandbox.banner());
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
