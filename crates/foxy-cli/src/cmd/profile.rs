//! The global options that choose an API and its credentials: `--sandbox`
//! (the local sandbox with its fixed seeded credentials), `--profile NAME`
//! (a profile of the config file) and `FOXY_PROFILE`.
//!
//! Precedence: `--sandbox`, then `--profile`, then `FOXY_PROFILE`, then the
//! file's `default` profile when it has one. A profile gives the base URL
//! and the credentials; `--base-url` (or `FOXY_BASE_URL`) overrides its
//! base URL, and credential flags, when any is given, replace its
//! credentials as a whole. Credential variables (`FOXY_CLIENT_ID`...) do too,
//! except when `--sandbox` or `--profile` is on the command line.

use foxy::Secret;
use foxy_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REFRESH_TOKEN};

use super::CliError;
use super::config_file::{self, ConfigFile, Profile};

/// The name of the built-in profile of the local sandbox.
pub const SANDBOX: &str = "sandbox";

/// Where `foxy sandbox` listens by default.
pub const SANDBOX_URL: &str = "http://127.0.0.1:8790/";

/// The profile used when none is named, if the file has it.
pub const DEFAULT: &str = "default";

/// The options every command accepts, before or after its name.
#[derive(clap::Args, Debug, Default)]
pub struct GlobalArgs {
    /// Use the local sandbox (http://127.0.0.1:8790/, `foxy sandbox`) with its seeded
    /// credentials; with --base-url, the sandbox at that address.
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Use the profile NAME of the config file (`foxy profiles` lists them; `foxy login`
    /// writes one); also FOXY_PROFILE. `sandbox` is the local sandbox.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
}

/// The local sandbox's profile: its default address and seeded credentials.
pub fn sandbox() -> Profile {
    Profile {
        base_url: Some(SANDBOX_URL.to_owned()),
        client_id: Some(DEFAULT_CLIENT_ID.to_owned()),
        client_secret: Some(Secret::new(DEFAULT_CLIENT_SECRET)),
        refresh_token: Some(Secret::new(DEFAULT_REFRESH_TOKEN)),
        access_token: None,
    }
}

impl GlobalArgs {
    /// Whether `--sandbox` or `--profile` is on the command line (commands
    /// that do not call the API refuse them).
    pub fn given(&self) -> bool {
        self.sandbox || self.profile.is_some()
    }

    /// Refuses `--sandbox` and `--profile` for a command that ignores them.
    pub fn refuse(&self, command: &str) -> Result<(), CliError> {
        if self.given() {
            return Err(CliError::input(format!(
                "--sandbox and --profile choose the API for get, post, put, patch and delete; \
                 `foxy {command}` takes neither"
            )));
        }
        Ok(())
    }

    /// The profile name chosen by the flags or `FOXY_PROFILE`, if any.
    pub fn name(&self) -> Result<Option<String>, CliError> {
        let from_env = std::env::var("FOXY_PROFILE")
            .ok()
            .filter(|name| !name.is_empty());
        let name = match (self.sandbox, self.profile.as_deref()) {
            (true, Some(name)) if name != SANDBOX => {
                return Err(CliError::input(format!(
                    "--sandbox and --profile {name} name two different APIs; give one"
                )));
            }
            (true, _) => Some(SANDBOX.to_owned()),
            (false, Some(name)) => Some(name.to_owned()),
            (false, None) => from_env,
        };
        match name {
            Some(name) if !config_file::valid_name(&name) => Err(CliError::input(format!(
                "{name:?} is not a profile name (letters, digits, -, _ or .)"
            ))),
            name => Ok(name),
        }
    }

    /// The profile to connect with: the sandbox, a named profile (which
    /// must exist), the file's `default` profile, or none.
    pub fn resolve(&self) -> Result<Option<Profile>, CliError> {
        match self.name()? {
            Some(name) if name == SANDBOX => Ok(Some(sandbox())),
            Some(name) => {
                let file = ConfigFile::load(&config_file::default_path()?)?;
                file.get(&name).cloned().map(Some).ok_or_else(|| {
                    CliError::input(format!(
                        "no profile {name:?} in {}: `foxy login --profile {name}` writes one, \
                         `foxy profiles` lists them",
                        file.path.display()
                    ))
                })
            }
            None => {
                let Ok(path) = config_file::default_path() else {
                    return Ok(None);
                };
                Ok(ConfigFile::load(&path)?.get(DEFAULT).cloned())
            }
        }
    }
}
