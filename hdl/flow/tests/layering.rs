//! The HDL layer stands alone: no crate under `hdl/` depends, even
//! transitively, on a crate under `firmware/`. The register offsets the test
//! benches need come from `hdl/regmap/layout`, which sits with the register
//! map, not from the firmware's PAC.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Each workspace package's directory (relative to the root) with the
/// directories of its path dependencies (all kinds, dev included).
fn path_deps(root: &Path) -> BTreeMap<String, Vec<String>> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rel = |p: &Path| -> String {
        p.strip_prefix(root)
            .unwrap_or(p)
            .display()
            .to_string()
    };
    let mut map = BTreeMap::new();
    for pkg in meta["packages"].as_array().unwrap() {
        let manifest = Path::new(pkg["manifest_path"].as_str().unwrap());
        let deps = pkg["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["path"].as_str())
            .map(|p| rel(Path::new(p)))
            .collect();
        map.insert(rel(manifest.parent().unwrap()), deps);
    }
    map
}

#[test]
fn hdl_depends_on_nothing_in_firmware() {
    let root = repo_root();
    let deps = path_deps(&root);
    assert!(
        deps.contains_key("hdl/sim") && deps.contains_key("hdl/regmap/layout"),
        "the hdl crates are in the workspace: {deps:?}"
    );
    for start in deps.keys().filter(|k| k.starts_with("hdl/")) {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(dir) = todo.pop() {
            assert!(
                !dir.starts_with("firmware/"),
                "{start} depends (through path dependencies) on {dir}: \
                 the HDL layer must not depend on the firmware layer"
            );
            if seen.insert(dir.clone()) {
                todo.extend(deps.get(&dir).into_iter().flatten().cloned());
            }
        }
    }
}
