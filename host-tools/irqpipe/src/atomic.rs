//! Writing output files so that a failure never leaves half a file: write a
//! temporary file in the same directory, sync it, rename it over the target.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `data` to `path` atomically, calling `progress` with the bytes
/// written so far. On error the temporary file is removed and `path` is
/// untouched.
pub fn write_file(path: &Path, data: &[u8], mut progress: impl FnMut(u64)) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        for chunk in data.chunks(64 * 1024) {
            f.write_all(chunk)?;
            progress(chunk.len() as u64);
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `dir/.name.tmp-<pid>`: hidden, unique per process, same filesystem.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}
