//! [`FileTokenStore`]: tokens in a file that several processes share.
//!
//! Every change runs under an advisory lock on a companion file
//! (`PATH.lock`), and every write goes to a temporary file renamed over
//! `PATH`, so a reader never sees half a record. Both files are created with
//! mode 0600 on Unix. Who refreshes is decided by
//! [`foxy_proto::auth::shared::SharedRecord`]: the first process to find the
//! token expiring takes a lease in the file and refreshes; the others wait
//! and then use the token it published, so many processes sharing one
//! refresh token cause one refresh.

use std::fs::{self, File, OpenOptions};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use foxy_proto::auth::shared::SharedRecord;
use foxy_proto::auth::token::TokenStoreError;
use foxy_proto::auth::{StoreRefresh, TokenStore, Tokens};

/// A [`TokenStore`] in a file, safe to share between processes.
///
/// ```no_run
/// use std::sync::Arc;
/// use foxy::{Client, FileTokenStore};
/// let client = Client::builder()
///     .refresh_token("client_id", "client_secret", "refresh_token")
///     .token_store(Arc::new(FileTokenStore::new("/var/lib/my-app/foxy-tokens.json")))
///     .build()?;
/// # Ok::<(), foxy::Error>(())
/// ```
#[derive(Debug)]
pub struct FileTokenStore {
    path: PathBuf,
    lock_path: PathBuf,
    /// This store's name in leases: the process id and a per-process count.
    owner: String,
}

impl FileTokenStore {
    /// A store at `path` (created on first save; its folder must exist).
    pub fn new(path: impl Into<PathBuf>) -> FileTokenStore {
        static INSTANCES: AtomicU64 = AtomicU64::new(0);
        let path = path.into();
        let mut lock_name = path.clone().into_os_string();
        lock_name.push(".lock");
        FileTokenStore {
            owner: format!(
                "{}-{}",
                std::process::id(),
                INSTANCES.fetch_add(1, Ordering::Relaxed)
            ),
            lock_path: PathBuf::from(lock_name),
            path,
        }
    }

    /// Where the tokens are kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `change` on the record under the lock, writing it back when
    /// `change` says it changed it. With `repair`, an unreadable record is
    /// replaced (publishing tokens mends a corrupt file) instead of failing.
    fn update<T>(
        &self,
        repair: bool,
        change: impl FnOnce(&mut SharedRecord) -> (T, bool),
    ) -> Result<T, TokenStoreError> {
        let lock_file = private(OpenOptions::new().create(true).truncate(false).write(true))
            .open(&self.lock_path)
            .map_err(|e| self.failure("open the lock file of", &e))?;
        let mut lock = fd_lock::RwLock::new(lock_file);
        // Held until the end of this function.
        let _held = lock
            .write()
            .map_err(|e| self.failure("lock the lock file of", &e))?;
        let mut record = match self.read() {
            Ok(record) => record,
            Err(e) if repair => {
                tracing::warn!(target: "foxy::token_file", error = %e, "replacing the token file");
                SharedRecord::default()
            }
            Err(e) => return Err(e),
        };
        let (answer, changed) = change(&mut record);
        if changed {
            self.write(&record)?;
        }
        Ok(answer)
    }

    fn read(&self) -> Result<SharedRecord, TokenStoreError> {
        let mut text = Vec::new();
        match File::open(&self.path) {
            Ok(mut file) => {
                file.read_to_end(&mut text)
                    .map_err(|e| self.failure("read", &e))?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(self.failure("open", &e)),
        }
        SharedRecord::from_json(&text)
            .map_err(|e| TokenStoreError(format!("{}: {e}", self.path.display())))
    }

    fn write(&self, record: &SharedRecord) -> Result<(), TokenStoreError> {
        let mut temporary = self.path.clone().into_os_string();
        temporary.push(format!(".{}.tmp", self.owner));
        let temporary = PathBuf::from(temporary);
        let written = private(OpenOptions::new().create(true).truncate(true).write(true))
            .open(&temporary)
            .and_then(|mut file| {
                file.write_all(&record.to_json())?;
                file.sync_all()
            })
            .and_then(|()| fs::rename(&temporary, &self.path));
        written.map_err(|e| {
            let _ = fs::remove_file(&temporary);
            self.failure("write", &e)
        })
    }

    fn failure(&self, what: &str, error: &std::io::Error) -> TokenStoreError {
        TokenStoreError(format!("cannot {what} {}: {error}", self.path.display()))
    }
}

/// Options that create files readable by their owner only (Unix).
fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options
}

impl TokenStore for FileTokenStore {
    fn load(&self) -> Option<Tokens> {
        match self.read() {
            Ok(record) => record.tokens,
            Err(e) => {
                tracing::warn!(target: "foxy::token_file", error = %e, "ignoring the token file");
                None
            }
        }
    }

    fn save(&self, tokens: &Tokens) -> Result<(), TokenStoreError> {
        self.update(true, |record| {
            record.publish(tokens);
            ((), true)
        })
    }

    fn begin_refresh(
        &self,
        current: Option<&Tokens>,
        now: SystemTime,
    ) -> Result<StoreRefresh, TokenStoreError> {
        self.update(false, |record| {
            let answer = record.begin_refresh(current, &self.owner, now);
            let changed = answer == StoreRefresh::Refresh;
            (answer, changed)
        })
    }

    fn abandon_refresh(&self) {
        let released = self.update(false, |record| {
            let held = record.lease.as_ref().is_some_and(|l| l.owner == self.owner);
            record.abandon(&self.owner);
            ((), held)
        });
        if let Err(e) = released {
            tracing::warn!(target: "foxy::token_file", error = %e, "cannot release the refresh lease");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use foxy_proto::Secret;
    use std::time::{Duration, UNIX_EPOCH};

    fn tokens(access: &str) -> Tokens {
        Tokens {
            access_token: Secret::new(access),
            refresh_token: Some(Secret::new("refresh-file-test")),
            expires_at: Some(UNIX_EPOCH + Duration::from_secs(4_000_000_000)),
            lifetime: Some(Duration::from_secs(7200)),
            scope: None,
        }
    }

    #[test]
    fn saves_privately_and_loads_back() {
        let dir = std::env::temp_dir().join(format!("foxy-token-file-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("tokens.json");
        let store = FileTokenStore::new(&path);
        assert_eq!(store.load(), None, "no file yet");
        store.save(&tokens("access-1")).expect("save");
        assert_eq!(store.load(), Some(tokens("access-1")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A second store (another process) adopts what the first published.
        let other = FileTokenStore::new(&path);
        let answer = other
            .begin_refresh(Some(&tokens("stale")), SystemTime::now())
            .expect("arbitrate");
        assert_eq!(answer, StoreRefresh::Adopt(tokens("access-1")));
        // Leases: the first to ask for its own token refreshes, the other waits.
        let now = SystemTime::now();
        assert_eq!(
            store.begin_refresh(Some(&tokens("access-1")), now),
            Ok(StoreRefresh::Refresh)
        );
        assert_eq!(
            other.begin_refresh(Some(&tokens("access-1")), now),
            Ok(StoreRefresh::Wait)
        );
        store.abandon_refresh();
        assert_eq!(
            other.begin_refresh(Some(&tokens("access-1")), now),
            Ok(StoreRefresh::Refresh)
        );
        fs::write(&path, b"{not json").expect("corrupt");
        assert_eq!(store.load(), None, "a corrupt file is ignored on load");
        let error = store.begin_refresh(None, now).err().map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("not valid")));
        store
            .save(&tokens("mended"))
            .expect("a save mends a corrupt file");
        assert_eq!(store.load(), Some(tokens("mended")));
        let _ = fs::remove_dir_all(&dir);
    }
}
