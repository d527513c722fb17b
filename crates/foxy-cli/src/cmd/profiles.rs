//! `foxy profiles`: list the profiles (the built-in `sandbox` and those of
//! the config file) with their base URL and kind of credentials, never a
//! secret. The one a bare `foxy get` would use is marked with `*`.

use std::process::ExitCode;

use super::CliError;
use super::config_file::{self, ConfigFile, Profile};
use super::connect::PRODUCTION;
use super::profile::{self, DEFAULT, GlobalArgs, SANDBOX};

/// Arguments of `foxy profiles` (none).
#[derive(clap::Args, Debug)]
pub struct Args {}

/// What a profile authenticates with, in words (no values but the client id).
fn credentials(profile: &Profile) -> String {
    let mut parts = Vec::new();
    if let Some(id) = &profile.client_id {
        parts.push(format!("client {id}"));
    }
    if profile.client_secret.is_some() {
        parts.push("client secret".to_owned());
    }
    if profile.refresh_token.is_some() {
        parts.push("refresh token".to_owned());
    }
    if profile.access_token.is_some() {
        parts.push("access token".to_owned());
    }
    if parts.is_empty() {
        "no credentials".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Prints one line per profile: marker, name, base URL, credentials.
pub fn run(_args: Args, global: &GlobalArgs) -> Result<ExitCode, CliError> {
    let path = config_file::default_path()?;
    let file = ConfigFile::load(&path)?;
    let active = match global.name()? {
        Some(name) => Some(name),
        None => file.get(DEFAULT).map(|_| DEFAULT.to_owned()),
    };
    let mut rows = vec![(
        SANDBOX.to_owned(),
        profile::SANDBOX_URL.to_owned(),
        "built in: the local sandbox's seeded credentials".to_owned(),
    )];
    for (name, profile) in &file.profiles {
        let url = profile.base_url.as_deref().unwrap_or(PRODUCTION);
        rows.push((name.clone(), url.to_owned(), credentials(profile)));
    }
    let name_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let url_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    for (name, url, creds) in &rows {
        let mark = if active.as_deref() == Some(name.as_str()) {
            '*'
        } else {
            ' '
        };
        println!("{mark} {name:name_width$}  {url:url_width$}  {creds}");
    }
    if file.profiles.is_empty() {
        eprintln!(
            "no profiles in {} yet: `foxy login` writes one",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
