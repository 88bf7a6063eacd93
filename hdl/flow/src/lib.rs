//! Lint, synthesis and formal-proof flow for the irq_router RTL (`hdl/rtl`).
//!
//! - [`tools`]: finds Yosys and Verilator (a missing tool is an error that
//!   names `bash scripts/setup.sh`) and runs them;
//! - [`rtl`]: the RTL file list (register package first) and the parameter
//!   sets ([`Params`]);
//! - [`lint`]: `verilator --lint-only -Wall` for one parameter set;
//! - [`synth`]: `synth_xilinx -family xcup` with LUT/FF/CARRY/RAM counts and
//!   logic depth parsed from Yosys' `stat` and `ltp`;
//! - [`formal`]: induction proofs of the property groups of
//!   `hdl/rtl/irq_router_props.svh` with Yosys' `sat`, and the mutants of
//!   `hdl/formal/mutants/` that each proof must reject.
//!
//! Every run works in a fresh directory under the system temp dir, removed
//! afterwards unless the run failed unexpectedly or `ROUTER_FLOW_KEEP=1`.

pub mod formal;
pub mod lint;
pub mod rtl;
pub mod synth;
pub mod tools;

mod error;
mod workdir;

pub use error::FlowError;
pub use rtl::{Params, RtlSources};
pub use workdir::WorkDir;

/// Result of every flow step.
pub type Result<T> = std::result::Result<T, FlowError>;

/// Fills the `@NAME@` fields of a script template. Comment lines (`#`) are
/// left alone; a field left unfilled in a command line is an error, so a
/// template and its filler cannot drift apart silently.
pub fn fill_template(template: &str, fields: &[(&str, String)]) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 1024);
    for line in template.lines() {
        if line.trim_start().starts_with('#') {
            out.push_str(line);
        } else {
            let mut l = line.to_string();
            for (name, value) in fields {
                l = l.replace(&format!("@{name}@"), value);
            }
            if let Some(field) = unfilled_field(&l) {
                return Err(FlowError::Template(format!(
                    "unfilled field @{field}@ in template line `{}`",
                    line.trim()
                )));
            }
            out.push_str(&l);
        }
        out.push('\n');
    }
    Ok(out)
}

/// The first `@NAME@` (upper case, digits, `_`) left in `line`. Other uses
/// of `@` (Yosys' `@selection`) are not fields.
fn unfilled_field(line: &str) -> Option<&str> {
    let mut rest = line;
    while let Some(i) = rest.find('@') {
        let after = &rest[i + 1..];
        let n = after
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(after.len());
        if n > 0 && after[n..].starts_with('@') {
            return Some(&after[..n]);
        }
        rest = after;
    }
    None
}

/// A path as a Yosys command-line word. Yosys splits commands at whitespace
/// and not every pass strips quotes, so a path with whitespace or quotes is
/// refused with a clear error instead of failing obscurely.
pub(crate) fn yosys_path(p: &std::path::Path) -> Result<String> {
    let s = p.display().to_string();
    if s.chars().any(|c| c.is_whitespace() || c == '"' || c == ';') {
        return Err(FlowError::Rtl(format!(
            "path `{s}` contains whitespace, `\"` or `;`, which Yosys scripts cannot take"
        )));
    }
    Ok(s)
}

/// Runs `f` on every item with at most `jobs` items at a time (at least 1),
/// returning the results in item order.
pub fn run_parallel<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}

/// Number of parallel tool runs: `ROUTER_FLOW_JOBS`, else the number of CPUs.
pub fn default_jobs() -> usize {
    std::env::var("ROUTER_FLOW_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_fields_are_filled_outside_comments() {
        let t = "# uses @A@\nread @A@ @B@\n";
        let s = fill_template(t, &[("A", "x".into()), ("B", "y".into())]).unwrap();
        assert_eq!(s, "# uses @A@\nread x y\n");
    }

    #[test]
    fn unfilled_template_field_is_an_error() {
        let e = fill_template("read @A@ @C@\n", &[("A", "x".into())]).unwrap_err();
        assert!(e.to_string().contains("@C@"), "{e}");
        // A Yosys named selection is not a field.
        assert_eq!(
            fill_template("sat -show @fchk\n", &[]).unwrap(),
            "sat -show @fchk\n"
        );
    }

    #[test]
    fn parallel_keeps_order() {
        let v: Vec<u32> = (0..20).collect();
        assert_eq!(
            run_parallel(&v, 3, |x| x * 2),
            v.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
    }
}
