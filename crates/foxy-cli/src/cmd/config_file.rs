//! The profiles file: `$XDG_CONFIG_HOME/foxy/config` (or
//! `~/.config/foxy/config`), one `[NAME]` section per profile with
//! `key = value` lines, written by `foxy login` with mode 0600.
//!
//! ```text
//! [default]
//! base_url = https://api.foxycart.com/
//! client_id = client_abc
//! client_secret = ...
//! refresh_token = ...
//! ```
//!
//! Secrets are read into [`foxy::Secret`]s; errors name the file and the
//! line, never a value.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use foxy::Secret;

use super::CliError;

/// The keys a profile may set, in the order they are written.
const KEYS: [&str; 5] = [
    "base_url",
    "client_id",
    "client_secret",
    "refresh_token",
    "access_token",
];

/// One profile: where the API is and how to authenticate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// The API home URL (production when absent).
    pub base_url: Option<String>,
    /// OAuth client id.
    pub client_id: Option<String>,
    /// OAuth client secret.
    pub client_secret: Option<Secret>,
    /// Refresh token.
    pub refresh_token: Option<Secret>,
    /// A ready access token.
    pub access_token: Option<Secret>,
}

impl Profile {
    /// Sets `key` (one of [`KEYS`]) to `value`.
    fn set(&mut self, key: &str, value: &str) -> bool {
        let value = value.to_owned();
        match key {
            "base_url" => self.base_url = Some(value),
            "client_id" => self.client_id = Some(value),
            "client_secret" => self.client_secret = Some(Secret::new(value)),
            "refresh_token" => self.refresh_token = Some(Secret::new(value)),
            "access_token" => self.access_token = Some(Secret::new(value)),
            _ => return false,
        }
        true
    }

    /// The value of `key`, secrets exposed (for writing the file only).
    fn get(&self, key: &str) -> Option<&str> {
        match key {
            "base_url" => self.base_url.as_deref(),
            "client_id" => self.client_id.as_deref(),
            "client_secret" => self.client_secret.as_ref().map(Secret::expose),
            "refresh_token" => self.refresh_token.as_ref().map(Secret::expose),
            "access_token" => self.access_token.as_ref().map(Secret::expose),
            _ => None,
        }
    }
}

/// The profiles of one file, in file order.
#[derive(Debug, Default)]
pub struct ConfigFile {
    /// Where the file is (or will be written).
    pub path: PathBuf,
    /// Each profile's name and settings.
    pub profiles: Vec<(String, Profile)>,
}

/// The profiles file's location: `$XDG_CONFIG_HOME/foxy/config` when that
/// is an absolute path, else `$HOME/.config/foxy/config`.
pub fn default_path() -> Result<PathBuf, CliError> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = absolute("XDG_CONFIG_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".config")))
        .ok_or_else(|| {
            CliError::input("cannot find the config directory: set XDG_CONFIG_HOME or HOME")
        })?;
    Ok(base.join("foxy").join("config"))
}

/// Whether `name` can name a profile: letters, digits, `-`, `_` and `.`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl ConfigFile {
    /// Reads the file at `path`; a missing file has no profiles.
    pub fn load(path: &Path) -> Result<ConfigFile, CliError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ConfigFile {
                    path: path.to_owned(),
                    profiles: Vec::new(),
                });
            }
            Err(e) => {
                return Err(CliError::failure(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
            }
        };
        Self::parse(path, &text)
    }

    /// Parses the text of the file at `path`.
    fn parse(path: &Path, text: &str) -> Result<ConfigFile, CliError> {
        let mut file = ConfigFile {
            path: path.to_owned(),
            profiles: Vec::new(),
        };
        let bad = |line: usize, what: &str| {
            CliError::input(format!("{}:{}: {what}", path.display(), line + 1))
        };
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.trim();
                if !valid_name(name) {
                    return Err(bad(number, "a profile name is letters, digits, -, _ or ."));
                }
                if file.get(name).is_some() {
                    return Err(bad(number, &format!("profile [{name}] appears twice")));
                }
                file.profiles.push((name.to_owned(), Profile::default()));
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(bad(number, "expected [NAME] or KEY = VALUE"));
            };
            let Some((_, profile)) = file.profiles.last_mut() else {
                return Err(bad(number, "KEY = VALUE before the first [NAME]"));
            };
            if !profile.set(key.trim(), value.trim()) {
                return Err(bad(
                    number,
                    &format!(
                        "unknown key {:?}; expected one of {}",
                        key.trim(),
                        KEYS.join(", ")
                    ),
                ));
            }
        }
        Ok(file)
    }

    /// The profile called `name`, if the file has it.
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p)
    }

    /// Adds or replaces the profile called `name`.
    pub fn put(&mut self, name: &str, profile: Profile) {
        match self.profiles.iter_mut().find(|(n, _)| n == name) {
            Some((_, existing)) => *existing = profile,
            None => self.profiles.push((name.to_owned(), profile)),
        }
    }

    /// The file's text.
    fn render(&self) -> String {
        let mut text = String::from("# foxy profiles, written by `foxy login` (keep private)\n");
        for (name, profile) in &self.profiles {
            let _ = write!(text, "\n[{name}]\n");
            for key in KEYS {
                if let Some(value) = profile.get(key) {
                    let _ = writeln!(text, "{key} = {value}");
                }
            }
        }
        text
    }

    /// Writes the file, readable by its owner only (mode 0600, folder 0700).
    pub fn save(&self) -> Result<(), CliError> {
        let fail = |what: &str, path: &Path, e: std::io::Error| {
            CliError::failure(format!("cannot {what} {}: {e}", path.display()))
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail("create", dir, e))?;
            restrict(dir, 0o700).map_err(|e| fail("protect", dir, e))?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(&self.path)
            .map_err(|e| fail("write", &self.path, e))?;
        // An older file may have been created with wider permissions.
        restrict(&self.path, 0o600).map_err(|e| fail("protect", &self.path, e))?;
        std::io::Write::write_all(&mut file, self.render().as_bytes())
            .map_err(|e| fail("write", &self.path, e))
    }
}

/// Sets the permission bits of `path` (Unix; elsewhere nothing to do).
fn restrict(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let path = Path::new("/x/config");
        let mut file = ConfigFile {
            path: path.to_owned(),
            ..ConfigFile::default()
        };
        let profile = Profile {
            base_url: Some("http://127.0.0.1:9/".into()),
            client_id: Some("id".into()),
            client_secret: Some(Secret::new("s3cr3t")),
            refresh_token: Some(Secret::new("r3fr3sh")),
            access_token: None,
        };
        file.put("work", profile.clone());
        let again = ConfigFile::parse(path, &file.render()).map_err(|e| e.to_string());
        assert_eq!(
            again.map(|f| f.profiles),
            Ok(vec![("work".into(), profile)])
        );
    }

    #[test]
    fn bad_lines_name_the_line_not_the_value() {
        for (text, message) in [
            (
                "client_id = x\n",
                "/x/config:1: KEY = VALUE before the first [NAME]",
            ),
            (
                "[a]\nsecret = hunter2\n",
                "/x/config:2: unknown key \"secret\"",
            ),
            ("[a]\njunk\n", "/x/config:2: expected [NAME] or KEY = VALUE"),
            ("[a]\n[a]\n", "/x/config:2: profile [a] appears twice"),
            ("[a b]\n", "/x/config:1: a profile name is"),
        ] {
            let err = ConfigFile::parse(Path::new("/x/config"), text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.starts_with(message), "{text:?}: {err}");
            assert!(!err.contains("hunter2"));
        }
    }
}
