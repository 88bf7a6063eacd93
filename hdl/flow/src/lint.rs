//! `verilator --lint-only -Wall`.

use crate::rtl::{Params, RtlSources, TOP};
use crate::tools::{self, Tool};
use crate::Result;

/// Outcome of one lint run. A lint that reports anything is not `clean`;
/// that is a result, not an error, so callers can check expected failures
/// (an out-of-range parameter must be rejected).
#[derive(Clone, Debug)]
pub struct LintOutcome {
    pub params: Params,
    pub command: String,
    /// Exit status 0.
    pub success: bool,
    /// stdout and stderr.
    pub output: String,
}

impl LintOutcome {
    /// Success and no message at all.
    pub fn clean(&self) -> bool {
        self.success && self.output.trim().is_empty()
    }
}

/// Lints `src` with `params` and the given `-D` defines (e.g. `FORMAL`).
pub fn lint(src: &RtlSources, params: &Params, defines: &[&str]) -> Result<LintOutcome> {
    let mut args: Vec<String> = vec![
        "--lint-only".into(),
        "-Wall".into(),
        "--top-module".into(),
        TOP.into(),
        format!("-I{}", src.dir.display()),
    ];
    args.extend(params.verilator_args());
    args.extend(defines.iter().map(|d| format!("-D{d}")));
    args.extend(src.files.iter().map(|f| f.display().to_string()));
    let out = tools::run(Tool::Verilator, &args, &src.dir)?;
    let mut output = String::from_utf8_lossy(&out.stdout).into_owned();
    output.push_str(&String::from_utf8_lossy(&out.stderr));
    Ok(LintOutcome {
        params: *params,
        command: format!("verilator {}", args.join(" ")),
        success: out.status.success(),
        output,
    })
}
