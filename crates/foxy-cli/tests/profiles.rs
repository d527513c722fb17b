//! `--sandbox`, `--profile`, `FOXY_PROFILE`, `foxy login` and `foxy
//! profiles`, run as a user would: against `foxy sandbox` on its default
//! address and against background sandboxes, each test with its own config
//! directory.

use std::io::{BufRead as _, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use foxy_sandbox::{BackgroundSandbox, Config, Sandbox};

mod common;

/// Environment variables the command reads; cleared so the tests do not
/// depend on the caller's environment.
const FOXY_ENV: [&str; 6] = [
    "FOXY_BASE_URL",
    "FOXY_CLIENT_ID",
    "FOXY_CLIENT_SECRET",
    "FOXY_REFRESH_TOKEN",
    "FOXY_ACCESS_TOKEN",
    "FOXY_PROFILE",
];

/// A config directory of its own, removed when dropped.
struct ConfigDir(PathBuf);

impl ConfigDir {
    fn new(name: &str) -> ConfigDir {
        let dir = std::env::temp_dir().join(format!("foxy-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        ConfigDir(dir)
    }

    fn file(&self) -> PathBuf {
        self.0.join("foxy").join("config")
    }
}

impl Drop for ConfigDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `foxy` with a clean environment and `config` as its config directory.
fn command(config: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_foxy"));
    for name in FOXY_ENV {
        command.env_remove(name);
    }
    command.env("XDG_CONFIG_HOME", config).env("HOME", config);
    command
}

fn run(config: &Path, args: &[&str]) -> Output {
    command(config).args(args).output().expect("foxy runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts that `out` printed the sandbox's store.
fn assert_store(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    assert!(
        stdout(out).contains("\"store_name\": \"Sandbox Store\""),
        "{}",
        stdout(out)
    );
}

/// Asserts exit status `code` and one line on standard error containing `needle`.
fn assert_error(out: &Output, code: i32, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(needle), "{needle:?} not in {err:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(stdout(out).is_empty(), "{}", stdout(out));
}

/// The seeded secrets, which no output may show.
fn assert_no_secrets(text: &str) {
    let defaults = foxy_sandbox::Credentials::default();
    for secret in [&defaults.client_secret, &defaults.refresh_token] {
        assert!(!text.contains(secret.as_str()), "{secret} in {text}");
    }
}

fn background() -> BackgroundSandbox {
    Sandbox::start_background(Config::default()).expect("the sandbox starts")
}

/// Waits until 127.0.0.1:8790 is free (another test run may hold it for a
/// while); whether it is.
fn default_port_free(limit: Duration) -> bool {
    let start = Instant::now();
    loop {
        if TcpListener::bind("127.0.0.1:8790").is_ok() {
            return true;
        }
        if start.elapsed() > limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Stops the child and reaps it.
fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn foxy_sandbox_on_its_defaults_then_foxy_sandbox_get_fx_store() {
    let config = ConfigDir::new("defaults");
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if !default_port_free(Duration::from_secs(if in_ci { 120 } else { 20 })) {
        assert!(
            !in_ci,
            "127.0.0.1:8790 stayed taken: `foxy sandbox` cannot use its default"
        );
        eprintln!("skipping: 127.0.0.1:8790 is taken (a sandbox of yours?)");
        return;
    }
    let mut child = command(&config.0)
        .arg("sandbox")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("foxy sandbox starts");
    let mut banner = String::new();
    let stdout_pipe = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout_pipe);
    lines.read_line(&mut banner).expect("a banner line");
    assert_eq!(
        banner.trim_end(),
        "foxy-sandbox listening on http://127.0.0.1:8790"
    );
    // Keep draining the rest of the banner so the sandbox never blocks on output.
    std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));

    // Nothing copied, nothing configured: the flag before or after the
    // subcommand, or the profile by name or variable.
    assert_store(&run(&config.0, &["--sandbox", "get", "fx:store"]));
    assert_store(&run(&config.0, &["get", "fx:store", "--sandbox"]));
    assert_store(&run(
        &config.0,
        &["--profile", "sandbox", "get", "fx:store"],
    ));
    let by_env = command(&config.0)
        .env("FOXY_PROFILE", "sandbox")
        .args(["get", "fx:store"])
        .output()
        .expect("foxy runs");
    assert_store(&by_env);
    let table = run(
        &config.0,
        &[
            "--sandbox",
            "get",
            "fx:store/fx:carts",
            "--limit",
            "2",
            "-o",
            "table",
        ],
    );
    assert_eq!(table.status.code(), Some(0), "{}", stderr(&table));
    assert_no_secrets(&(stdout(&table) + &stderr(&table)));
    stop(child);
}

#[test]
fn sandbox_with_base_url_uses_that_address_and_the_sandbox_credentials() {
    let config = ConfigDir::new("base-url");
    let sb = background();
    assert_store(&run(
        &config.0,
        &["get", "fx:store", "--sandbox", "--base-url", sb.base_url()],
    ));
    let by_env = command(&config.0)
        .env("FOXY_BASE_URL", sb.base_url())
        .args(["--sandbox", "get", "fx:store"])
        .output()
        .expect("foxy runs");
    assert_store(&by_env);
}

#[test]
fn a_profile_on_the_command_line_beats_credential_variables_but_not_flags() {
    let config = ConfigDir::new("precedence");
    let sb = background();
    // Production credentials left in the environment do not reach the sandbox.
    let out = command(&config.0)
        .env("FOXY_CLIENT_ID", "client_production")
        .env("FOXY_CLIENT_SECRET", "secret_production")
        .env("FOXY_REFRESH_TOKEN", "refresh_production")
        .args(["--sandbox", "get", "fx:store", "--base-url", sb.base_url()])
        .output()
        .expect("foxy runs");
    assert_store(&out);
    // A flag does: these are not the sandbox's, so authentication fails.
    let out = run(
        &config.0,
        &[
            "--sandbox",
            "get",
            "fx:store",
            "--base-url",
            sb.base_url(),
            "--access-token",
            "not-a-token",
        ],
    );
    assert_error(&out, 1, "access token rejected");
    assert!(!stderr(&out).contains("not-a-token"), "{}", stderr(&out));
}

#[test]
fn an_unreachable_sandbox_says_how_to_start_it() {
    let config = ConfigDir::new("unreachable");
    // A port nothing listens on: bound, then released.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let url = format!("http://127.0.0.1:{port}/");
    let out = run(
        &config.0,
        &["--sandbox", "get", "fx:store", "--base-url", &url],
    );
    assert_error(&out, 1, "start it with `foxy sandbox` in another terminal");
}

#[test]
fn sandbox_takes_no_value_and_only_api_commands_take_it() {
    let config = ConfigDir::new("usage");
    let out = run(&config.0, &["--sandbox=yes", "get", "fx:store"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(
        &config.0,
        &["--sandbox", "convert", "--from", "json", "--to", "xml"],
    );
    assert_error(&out, 2, "`foxy convert` takes neither");
    let out = run(
        &config.0,
        &["--sandbox", "--profile", "work", "get", "fx:store"],
    );
    assert_error(
        &out,
        2,
        "--sandbox and --profile work name two different APIs",
    );
    let help = run(&config.0, &["--help"]);
    assert!(stdout(&help).contains("--sandbox"), "{}", stdout(&help));
    assert!(
        stdout(&help).contains("--profile <NAME>"),
        "{}",
        stdout(&help)
    );
    for command in ["login", "profiles"] {
        assert!(stdout(&help).contains(command), "{}", stdout(&help));
    }
    assert_no_secrets(&stdout(&run(&config.0, &["login", "--help"])));
    assert_no_secrets(&stdout(&run(&config.0, &["get", "--help"])));
}

#[test]
fn plain_get_against_production_without_credentials_is_a_clear_error() {
    let config = ConfigDir::new("plain");
    let out = run(&config.0, &["get", "fx:store"]);
    assert_error(&out, 2, "no credentials: give --client-id");
    let out = run(&config.0, &["--profile", "nope", "get", "fx:store"]);
    assert_error(&out, 2, "no profile \"nope\"");
    assert!(stderr(&out).contains("foxy login --profile nope"));
}

#[test]
fn login_from_flags_writes_a_private_profile_that_get_uses() {
    let config = ConfigDir::new("login");
    let sb = background();
    let credentials = sb.credentials();
    let out = run(
        &config.0,
        &[
            "--profile",
            "local",
            "login",
            "--base-url",
            sb.base_url(),
            "--client-id",
            &credentials.client_id,
            "--client-secret",
            &credentials.client_secret,
            "--refresh-token",
            &credentials.refresh_token,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("saved profile local"),
        "{}",
        stdout(&out)
    );
    assert_no_secrets(&(stdout(&out) + &stderr(&out)));

    let file = config.file();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file)
            .expect("written")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(text.contains("[local]"), "{text}");
    assert!(
        text.contains(&format!("base_url = {}", sb.base_url())),
        "{text}"
    );

    assert_store(&run(&config.0, &["--profile", "local", "get", "fx:store"]));
    assert_store(&run(&config.0, &["get", "fx:store", "--profile", "local"]));
    let by_env = command(&config.0)
        .env("FOXY_PROFILE", "local")
        .args(["get", "fx:store"])
        .output()
        .expect("foxy runs");
    assert_store(&by_env);

    let list = run(&config.0, &["profiles"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    let listing = stdout(&list);
    assert!(listing.contains("sandbox  "), "{listing}");
    let local = listing
        .lines()
        .find(|l| l.split_whitespace().next() == Some("local"))
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(local.contains(sb.base_url()), "{local}");
    assert!(
        local.contains("client client_sandbox, client secret, refresh token"),
        "{local}"
    );
    assert_no_secrets(&listing);

    // A `default` profile is what a bare command uses.
    let out = run(
        &config.0,
        &[
            "login",
            "--base-url",
            sb.base_url(),
            "--client-id",
            &credentials.client_id,
            "--client-secret",
            &credentials.client_secret,
            "--refresh-token",
            &credentials.refresh_token,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_store(&run(&config.0, &["get", "fx:store"]));
    let listing = stdout(&run(&config.0, &["profiles"]));
    assert!(
        listing.lines().any(|l| l.starts_with("* default")),
        "{listing}"
    );
}

#[test]
fn login_prompts_for_what_the_flags_leave_out() {
    let config = ConfigDir::new("prompt");
    let sb = background();
    let c = sb.credentials();
    let answers = format!(
        "{}\n{}\n{}\n",
        c.client_id, c.client_secret, c.refresh_token
    );
    let out = common::output_with_stdin(
        command(&config.0).args(["login", "--profile", "typed", "--base-url", sb.base_url()]),
        answers.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_no_secrets(&(stdout(&out) + &stderr(&out)));
    assert_store(&run(&config.0, &["--profile", "typed", "get", "fx:store"]));

    // Input that ends early is bad input, and nothing is written.
    let out = common::output_with_stdin(
        command(&config.0).args(["login", "--profile", "short", "--base-url", sb.base_url()]),
        b"client_sandbox\n",
    );
    assert_error(&out, 2, "no client secret given");
    let text = std::fs::read_to_string(config.file()).expect("written");
    assert!(!text.contains("[short]"), "{text}");
}

#[test]
fn login_refuses_credentials_the_api_rejects_and_writes_nothing() {
    let config = ConfigDir::new("rejected");
    let sb = background();
    let out = run(
        &config.0,
        &[
            "login",
            "--base-url",
            sb.base_url(),
            "--client-id",
            "client_sandbox",
            "--client-secret",
            "not-the-secret",
            "--refresh-token",
            "refresh_sandbox",
        ],
    );
    assert_error(&out, 1, "not saved: authentication failed");
    assert!(!stderr(&out).contains("not-the-secret"), "{}", stderr(&out));
    assert!(!config.file().exists());
    let out = run(&config.0, &["--profile", "sandbox", "login", "--no-verify"]);
    assert_error(&out, 2, "the profile `sandbox` is built in");
}

#[test]
fn a_broken_config_file_names_the_line_and_hides_the_values() {
    let config = ConfigDir::new("broken");
    std::fs::create_dir_all(config.file().parent().expect("parent")).expect("dir");
    std::fs::write(config.file(), "[work]\nclient_id = x\npassword = hunter2\n").expect("write");
    let out = run(&config.0, &["--profile", "work", "get", "fx:store"]);
    assert_error(&out, 2, "config:3: unknown key \"password\"");
    assert!(!stderr(&out).contains("hunter2"));
}
