//! `gen`: the register-map code generation, by calling the regmap-gen
//! library (the same code as `cargo run -p regmap-gen`, not a copy).

use std::path::Path;

/// What `gen` did.
#[derive(Debug)]
pub enum GenOutcome {
    /// Files written (`--check` not given): (generated, updated, removed).
    Written {
        files: usize,
        updated: Vec<String>,
        removed: Vec<String>,
    },
    /// `--check` and everything is current.
    Current { files: usize },
    /// `--check` and something is stale; the report lists it.
    Stale { report: String },
}

/// Regenerates (or checks) every output of the SVD under `root`.
pub fn run(root: &Path, check: bool) -> Result<GenOutcome, regmap_gen::Error> {
    let files = regmap_gen::generate_all(&root.join(regmap_gen::SVD_PATH))?;
    if check {
        let s = regmap_gen::check(root, &files)?;
        return Ok(if s.is_clean() {
            GenOutcome::Current { files: files.len() }
        } else {
            GenOutcome::Stale {
                report: s.to_string(),
            }
        });
    }
    // Generated files are meant to be replaced, but never left half-written.
    let s = regmap_gen::write_with(root, &files, |path, bytes| {
        crate::atomic::write_file(path, bytes, crate::atomic::Existing::Replace, |_| {})
    })?;
    let show = |v: &[std::path::PathBuf]| v.iter().map(|p| p.display().to_string()).collect();
    Ok(GenOutcome::Written {
        files: files.len(),
        updated: show(&s.stale),
        removed: show(&s.extra),
    })
}
