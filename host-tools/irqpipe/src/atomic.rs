//! Every file irqpipe writes goes through this module, so that no command
//! can lose a user's file:
//!
//! - a write goes to a temporary file in the target's directory, is synced,
//!   and only then takes the target's name (rename), so a failure never
//!   leaves half a file;
//! - an existing file is replaced only when the caller says so (the CLI's
//!   `--force`), and never when it is the very file being read;
//! - a file about to be replaced can be kept aside ([`Backup`]) and put back
//!   byte for byte if what replaces it turns out not to work.
//!
//! sysfs and configfs attributes are not files: `fpga` writes them in place,
//! as the kernel requires. A test (`tests/file_safety.rs`) checks that no
//! other module creates files.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// What to do when the target already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Fail with `ErrorKind::AlreadyExists` and leave it untouched.
    Keep,
    /// Replace it (atomically).
    Replace,
}

/// Writes `data` to `path` through a temporary file, calling `progress`
/// with the bytes written so far. On error the temporary file is removed
/// and `path` is untouched.
pub fn write_file(
    path: &Path,
    data: &[u8],
    existing: Existing,
    mut progress: impl FnMut(u64),
) -> std::io::Result<()> {
    if existing == Existing::Keep && path.symlink_metadata().is_ok() {
        return Err(already_exists(path));
    }
    let tmp = sibling(path, "tmp");
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        for chunk in data.chunks(64 * 1024) {
            f.write_all(chunk)?;
            progress(chunk.len() as u64);
        }
        f.sync_all()?;
        drop(f);
        match existing {
            Existing::Replace => std::fs::rename(&tmp, path),
            Existing::Keep => link_new(&tmp, path),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Gives `tmp`'s file the name `path` only if that name is free: a hard
/// link fails atomically on an existing name, where check-then-rename
/// could race. Filesystems without hard links fall back to check + rename.
fn link_new(tmp: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(already_exists(path)),
        Err(_) if path.symlink_metadata().is_ok() => Err(already_exists(path)),
        Err(_) => std::fs::rename(tmp, path),
    }
}

fn already_exists(path: &Path) -> std::io::Error {
    std::io::Error::new(
        ErrorKind::AlreadyExists,
        format!("{} already exists", path.display()),
    )
}

/// True when `a` and `b` name the same existing file (same device and
/// inode: catches `./x`, symlinks and hard links as well as equal paths).
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// `dir/.name.<what>-<pid>`: hidden, unique per process, on the same
/// filesystem as `path` so that a rename is atomic.
fn sibling(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    path.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

/// The previous content of a file that is about to be replaced, kept
/// beside it (a hard link, or a copy where links are not supported) until
/// the caller knows whether the replacement works.
#[derive(Debug)]
pub struct Backup {
    path: PathBuf,
    /// `None`: there was no file, so restoring means removing the new one.
    saved: Option<PathBuf>,
}

impl Backup {
    /// Keeps what is at `path` now (possibly nothing).
    pub fn take(path: &Path) -> std::io::Result<Backup> {
        let saved = match path.symlink_metadata() {
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => return Err(e),
            Ok(_) => {
                let keep = sibling(path, "previous");
                let _ = std::fs::remove_file(&keep);
                if std::fs::hard_link(path, &keep).is_err() {
                    std::fs::copy(path, &keep)?;
                }
                Some(keep)
            }
        };
        Ok(Backup {
            path: path.to_path_buf(),
            saved,
        })
    }

    /// Where the previous content waits (for error messages).
    pub fn saved_at(&self) -> Option<&Path> {
        self.saved.as_deref()
    }

    /// Puts the previous content back (atomically), or removes the new file
    /// if there was none before.
    pub fn restore(self) -> std::io::Result<()> {
        match &self.saved {
            Some(keep) => std::fs::rename(keep, &self.path),
            None => match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        }
    }

    /// The replacement is good: forget the previous content.
    pub fn discard(self) {
        if let Some(keep) = &self.saved {
            let _ = std::fs::remove_file(keep);
        }
    }
}
