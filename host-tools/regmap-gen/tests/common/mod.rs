//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The repository root (host-tools/regmap-gen/../..).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

pub fn svd_path() -> PathBuf {
    root().join(regmap_gen::SVD_PATH)
}

pub fn svd_text() -> String {
    std::fs::read_to_string(svd_path()).expect("read the SVD")
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("regmap-gen-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// The `localparam`s of the committed SV package, by name.
pub fn sv_constants() -> BTreeMap<String, u64> {
    let text =
        std::fs::read_to_string(root().join(regmap_gen::SV_PATH)).expect("read the SV package");
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(decl) = line.strip_prefix("localparam ") else {
            continue;
        };
        let (lhs, rhs) = decl.split_once('=').expect("localparam has a value");
        let name = lhs
            .split_whitespace()
            .last()
            .expect("localparam has a name");
        let rhs = rhs.trim().trim_end_matches(';').replace('_', "");
        let value = match rhs.split_once("'h") {
            Some((_, hex)) => u64::from_str_radix(hex, 16),
            None => rhs.parse(),
        }
        .unwrap_or_else(|e| panic!("bad value in `{line}`: {e}"));
        assert!(
            out.insert(name.to_string(), value).is_none(),
            "{name} declared twice"
        );
    }
    out
}
