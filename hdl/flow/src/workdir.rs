use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::{FlowError, Result};

/// A fresh scratch directory, removed on drop unless [`WorkDir::keep`] was
/// called or `ROUTER_FLOW_KEEP=1` is set.
#[derive(Debug)]
pub struct WorkDir {
    path: PathBuf,
    keep: bool,
}

impl WorkDir {
    /// Creates `<temp>/router-flow/<tag>-<pid>-<time>-<n>`.
    pub fn new(tag: &str) -> Result<Self> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir()
            .join("router-flow")
            .join(format!("{tag}-{}-{nanos}-{n}", std::process::id()));
        std::fs::create_dir_all(&path)
            .map_err(|e| FlowError::io(format!("create {}", path.display()), e))?;
        let keep = std::env::var("ROUTER_FLOW_KEEP")
            .map(|v| v == "1")
            .unwrap_or(false);
        Ok(WorkDir { path, keep })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Keeps the directory after drop (for logs of a failed run).
    pub fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}
