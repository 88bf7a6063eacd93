//! Formal proofs of the property groups of `hdl/rtl/irq_router_props.svh`
//! with Yosys' built-in SAT solver, and the mutants that each proof must
//! reject (`hdl/formal/mutants/*.mutant`).
//!
//! A proof is `sat -tempinduct -prove-asserts` (k-induction, k grown until the
//! induction step holds). A mutant is checked with the base case of the same
//! script alone (`-tempinduct-baseonly`, bounded model check from reset),
//! which must find a counterexample: a real trace of the broken RTL, not an
//! induction artefact.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::rtl::{repo_root, Params, RtlSources, PROPS};
use crate::tools::run_yosys_script;
use crate::{fill_template, yosys_path, FlowError, Result, WorkDir};

/// The property groups, one proof each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Property {
    NoLoss,
    NoDeliveryWhenStalled,
    Isolation,
    AxiHold,
    StallOps,
}

impl Property {
    pub const ALL: [Property; 5] = [
        Property::NoLoss,
        Property::NoDeliveryWhenStalled,
        Property::Isolation,
        Property::AxiHold,
        Property::StallOps,
    ];

    /// Name used in the props file, mutant files and reports.
    pub fn name(self) -> &'static str {
        match self {
            Property::NoLoss => "P_no_loss",
            Property::NoDeliveryWhenStalled => "P_no_delivery_when_stalled",
            Property::Isolation => "P_isolation",
            Property::AxiHold => "P_axi_hold",
            Property::StallOps => "P_stall_ops",
        }
    }

    /// Macro that compiles the group in (with `IRQR_PROPS_SELECT`).
    pub fn macro_name(self) -> &'static str {
        match self {
            Property::NoLoss => "IRQR_P_NO_LOSS",
            Property::NoDeliveryWhenStalled => "IRQR_P_NO_DELIVERY",
            Property::Isolation => "IRQR_P_ISOLATION",
            Property::AxiHold => "IRQR_P_AXI_HOLD",
            Property::StallOps => "IRQR_P_STALL_OPS",
        }
    }

    pub fn from_name(name: &str) -> Option<Property> {
        Property::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// k-induction, k up to `max_steps`.
    Prove { max_steps: u32 },
    /// Bounded check from reset over `steps` steps (base case only).
    Bounded { steps: u32 },
}

impl Mode {
    /// The proofs close at k = 2; 8 leaves room for RTL changes.
    pub const PROVE: Mode = Mode::Prove { max_steps: 8 };
    /// The deepest mutant counterexample is 9 steps (reset, a SRC_CFG write,
    /// LOCK, another SRC_CFG write, each through AW/W/B).
    pub const MUTANT: Mode = Mode::Bounded { steps: 12 };
}

/// What Yosys concluded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The induction step held at this length (and the base cases up to it).
    Proven { induction_length: u32 },
    /// No counterexample within this many steps from reset.
    BoundedPass { steps: u32 },
    /// A trace from reset violates an assertion at `step`; `failed` lists
    /// the violated assertions as `file:line`.
    Counterexample { step: u32, failed: Vec<String> },
    /// `max_steps` reached without closing the induction.
    Inconclusive { steps: u32 },
}

/// One proof or bounded check.
#[derive(Clone, Debug)]
pub struct FormalRun {
    pub property: Property,
    pub params: Params,
    pub mode: Mode,
    pub verdict: Verdict,
    pub seconds: f64,
    /// Yosys log, kept with the script and counterexample VCD when the run
    /// did not go as expected (see [`check`]); `None` otherwise.
    pub log: Option<PathBuf>,
}

impl fmt::Display for FormalRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}] {:?}: {:?} in {:.1} s",
            self.property, self.params, self.mode, self.verdict, self.seconds
        )
    }
}

/// Template of the proof script (`hdl/formal/prove.ys.in`).
pub fn script_template() -> Result<String> {
    let p = repo_root().join("hdl/formal/prove.ys.in");
    std::fs::read_to_string(&p).map_err(|e| FlowError::io(format!("read {}", p.display()), e))
}

/// Runs `property` on `src` with `params`. The work directory (script, log,
/// counterexample VCD) is kept, and its log named in [`FormalRun::log`], when
/// the verdict is not the one a correct design gives in that mode (a proof
/// that does not close, a bounded check that finds a counterexample).
pub fn check(
    src: &RtlSources,
    property: Property,
    params: &Params,
    mode: Mode,
) -> Result<FormalRun> {
    check_expecting(src, property, params, mode, false)
}

fn check_expecting(
    src: &RtlSources,
    property: Property,
    params: &Params,
    mode: Mode,
    expect_counterexample: bool,
) -> Result<FormalRun> {
    if !src.dir.join(PROPS).is_file() {
        return Err(FlowError::Rtl(format!(
            "no {} in {}",
            PROPS,
            src.dir.display()
        )));
    }
    let mut wd = WorkDir::new(&format!("{}-{}", property.name(), params.nsrc))?;
    let (satmode, steps) = match mode {
        Mode::Prove { max_steps } => ("-tempinduct", max_steps),
        Mode::Bounded { steps } => ("-tempinduct -tempinduct-baseonly", steps),
    };
    let files = src
        .files
        .iter()
        .map(|f| yosys_path(f))
        .collect::<Result<Vec<_>>>()?;
    let script = fill_template(
        &script_template()?,
        &[
            (
                "DEFINES",
                format!("-DIRQR_PROPS_SELECT -D{}", property.macro_name()),
            ),
            ("INCDIR", yosys_path(&src.dir)?),
            ("FILES", files.join(" ")),
            ("CHPARAM", params.yosys_chparam()),
            ("SATMODE", satmode.to_string()),
            ("MAXSTEPS", steps.to_string()),
            // Relative to the work directory (Yosys' cwd).
            ("VCD", "cex.vcd".to_string()),
        ],
    )?;
    let ys = wd.path().join("prove.ys");
    std::fs::write(&ys, script).map_err(|e| FlowError::io(format!("write {}", ys.display()), e))?;
    let log = wd.path().join("prove.log");
    let t0 = Instant::now();
    let text = match run_yosys_script(&ys, &log, wd.path()) {
        Ok(t) => t,
        Err(e) => {
            wd.keep();
            return Err(e);
        }
    };
    let verdict = match parse_sat_log(&text) {
        Ok(v) => v,
        Err(e) => {
            wd.keep();
            return Err(e);
        }
    };
    let expected = if expect_counterexample {
        matches!(verdict, Verdict::Counterexample { .. })
    } else {
        matches!(
            (mode, &verdict),
            (Mode::Prove { .. }, Verdict::Proven { .. })
                | (Mode::Bounded { .. }, Verdict::BoundedPass { .. })
        )
    };
    let log = if expected {
        None
    } else {
        wd.keep();
        Some(log)
    };
    Ok(FormalRun {
        property,
        params: *params,
        mode,
        verdict,
        seconds: t0.elapsed().as_secs_f64(),
        log,
    })
}

/// Reads the verdict from a Yosys `sat -tempinduct` log.
pub fn parse_sat_log(text: &str) -> Result<Verdict> {
    let last_num = |tag: &str| -> u32 {
        text.match_indices(tag)
            .filter_map(|(i, _)| {
                let rest = &text[i + tag.len()..];
                rest[..rest.find(']')?].trim().parse().ok()
            })
            .last()
            .unwrap_or(0)
    };
    if text.contains("Induction step proven: SUCCESS!") {
        return Ok(Verdict::Proven {
            induction_length: last_num("[induction step "),
        });
    }
    if text.contains("model found for base case: FAIL!") {
        return Ok(Verdict::Counterexample {
            step: last_num("[base case "),
            failed: failed_assertions(text),
        });
    }
    if text.contains("proved base case for") && text.contains("SUCCESS!") {
        return Ok(Verdict::BoundedPass {
            steps: last_num("[base case "),
        });
    }
    if text.contains("Reached maximum number of time steps") {
        return Ok(Verdict::Inconclusive {
            steps: last_num("[induction step "),
        });
    }
    Err(FlowError::Parse {
        what: "Yosys sat log".into(),
        detail: "no induction/base-case verdict found".into(),
    })
}

/// Values of an assertion's registered enable and condition in one step.
type EnCheck = (Option<bool>, Option<bool>);

/// Assertions violated in the last step of the counterexample table of a
/// sat log: `$formal$<file>:<line>$<n>_EN` = 1 with `..._CHECK` = 0, reported
/// as `<file name>:<line>`.
fn failed_assertions(text: &str) -> Vec<String> {
    let start = text.rfind("Time Signal Name").unwrap_or(0);
    let mut steps: BTreeMap<u32, BTreeMap<String, EnCheck>> = BTreeMap::new();
    for line in text[start..].lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        if t.len() < 3 {
            continue;
        }
        let Ok(step) = t[0].parse::<u32>() else {
            continue;
        };
        let name = t[1];
        let Some(body) = name.strip_prefix("$formal$") else {
            continue;
        };
        let value = t[2] == "1";
        let (key, is_en) = if let Some(k) = body.strip_suffix("_EN") {
            (k, true)
        } else if let Some(k) = body.strip_suffix("_CHECK") {
            (k, false)
        } else {
            continue;
        };
        let e = steps
            .entry(step)
            .or_default()
            .entry(key.to_string())
            .or_default();
        if is_en {
            e.0 = Some(value);
        } else {
            e.1 = Some(value);
        }
    }
    let Some((_, last)) = steps.into_iter().next_back() else {
        return Vec::new();
    };
    let mut failed: Vec<String> = last
        .into_iter()
        // opt may merge identical enable registers and drop the name: an
        // assertion whose enable is not shown counts as enabled.
        .filter(|(_, v)| v.1 == Some(false) && v.0 != Some(false))
        .map(|(k, _)| {
            // "<path>/irq_router_props.svh:127$5367" -> "irq_router_props.svh:127"
            let k = k.rsplit_once('$').map(|(a, _)| a).unwrap_or(&k);
            k.rsplit('/').next().unwrap_or(k).to_string()
        })
        .collect();
    failed.sort();
    failed.dedup();
    failed
}

// ---------------------------------------------------------------------------
// Mutants
// ---------------------------------------------------------------------------

/// `hdl/formal/mutants`.
pub fn mutants_dir() -> PathBuf {
    repo_root().join("hdl/formal/mutants")
}

/// A deliberately broken copy of the RTL: in `file`, the text `find` (which
/// must occur exactly once) is replaced by `replace`; `property` must then
/// fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mutant {
    pub name: String,
    pub description: String,
    pub property: Property,
    pub file: String,
    pub find: String,
    pub replace: String,
}

impl Mutant {
    /// Parses the format of `hdl/formal/mutants/*.mutant` (see its README):
    /// `#` comment lines (the description), `proof: <property>`,
    /// `file: <RTL file>`, then `@@find`, the exact text, `@@replace`, the new
    /// text, `@@end`.
    pub fn parse(name: &str, text: &str) -> Result<Mutant> {
        let bad = |d: String| FlowError::Mutant {
            name: name.to_string(),
            detail: d,
        };
        let (head, body) = text
            .split_once("@@find\n")
            .ok_or_else(|| bad("no `@@find` line".into()))?;
        let (find, rest) = body
            .split_once("@@replace\n")
            .ok_or_else(|| bad("no `@@replace` line".into()))?;
        let (replace, _) = rest
            .split_once("@@end")
            .ok_or_else(|| bad("no `@@end` line".into()))?;
        let mut description = Vec::new();
        let (mut property, mut file) = (None, None);
        for line in head.lines() {
            if let Some(c) = line.strip_prefix('#') {
                description.push(c.trim());
            } else if let Some(v) = line.strip_prefix("proof:") {
                let v = v.trim();
                property = Some(
                    Property::from_name(v).ok_or_else(|| bad(format!("unknown proof `{v}`")))?,
                );
            } else if let Some(v) = line.strip_prefix("file:") {
                file = Some(v.trim().to_string());
            } else if !line.trim().is_empty() {
                return Err(bad(format!("unexpected header line `{line}`")));
            }
        }
        let m = Mutant {
            name: name.to_string(),
            description: description.join(" "),
            property: property.ok_or_else(|| bad("no `proof:` line".into()))?,
            file: file.ok_or_else(|| bad("no `file:` line".into()))?,
            find: find.to_string(),
            replace: replace.to_string(),
        };
        if m.find.trim().is_empty() || m.find == m.replace {
            return Err(bad("empty find text, or replacement equal to it".into()));
        }
        if m.file.contains('/') || m.file.contains("..") {
            return Err(bad(format!(
                "`file: {}` must be a plain RTL file name",
                m.file
            )));
        }
        Ok(m)
    }

    /// Copies the RTL of `src` into `dest` with this mutation applied. The
    /// find text must occur exactly once in the target file, so a change of
    /// the RTL that drops it makes the mutant fail loudly here.
    pub fn apply(&self, src: &RtlSources, dest: &Path) -> Result<RtlSources> {
        let bad = |d: String| FlowError::Mutant {
            name: self.name.clone(),
            detail: d,
        };
        let entries = std::fs::read_dir(&src.dir)
            .map_err(|e| FlowError::io(format!("list {}", src.dir.display()), e))?;
        for entry in entries {
            let entry = entry.map_err(|e| FlowError::io("list RTL", e))?;
            if entry.path().is_file() {
                let to = dest.join(entry.file_name());
                std::fs::copy(entry.path(), &to)
                    .map_err(|e| FlowError::io(format!("copy to {}", to.display()), e))?;
            }
        }
        let target = dest.join(&self.file);
        let text = std::fs::read_to_string(&target).map_err(|_| {
            bad(format!(
                "target file {} is not in {}",
                self.file,
                src.dir.display()
            ))
        })?;
        let n = text.matches(&self.find).count();
        if n != 1 {
            return Err(bad(format!(
                "the text to find occurs {n} times in {} (expected exactly once): the RTL changed, \
                 update hdl/formal/mutants/{}.mutant\n--- text ---\n{}",
                self.file, self.name, self.find
            )));
        }
        let mutated = text.replacen(&self.find, &self.replace, 1);
        std::fs::write(&target, mutated)
            .map_err(|e| FlowError::io(format!("write {}", target.display()), e))?;
        RtlSources::from_dir(dest)
    }
}

/// All mutants of `dir`, sorted by name.
pub fn load_mutants(dir: &Path) -> Result<Vec<Mutant>> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| FlowError::io(format!("list {}", dir.display()), e))?;
    for entry in entries {
        let path = entry.map_err(|e| FlowError::io("list mutants", e))?.path();
        if path.extension().is_some_and(|e| e == "mutant") {
            let name = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| FlowError::io(format!("read {}", path.display()), e))?;
            out.push(Mutant::parse(&name, &text)?);
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Applies `mutant` to a copy of `src` and runs its property in `mode`.
pub fn check_mutant(
    src: &RtlSources,
    mutant: &Mutant,
    params: &Params,
    mode: Mode,
) -> Result<FormalRun> {
    let mut wd = WorkDir::new(&format!("mutant-{}", mutant.name))?;
    let mutated = mutant.apply(src, wd.path())?;
    let run = check_expecting(&mutated, mutant.property, params, mode, true);
    // A surviving mutant keeps its RTL copy next to the kept proof log.
    if !matches!(&run, Ok(r) if matches!(r.verdict, Verdict::Counterexample { .. })) {
        wd.keep();
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: &str = "# Breaks\n# things.\nproof: P_axi_hold\nfile: a.sv\n@@find\n  x = 1;\n@@replace\n  x = 2;\n@@end\n";

    #[test]
    fn mutant_format() {
        let m = Mutant::parse("m", M).unwrap();
        assert_eq!(m.property, Property::AxiHold);
        assert_eq!(m.file, "a.sv");
        assert_eq!(m.find, "  x = 1;\n");
        assert_eq!(m.replace, "  x = 2;\n");
        assert_eq!(m.description, "Breaks things.");
        assert!(Mutant::parse("m", &M.replace("P_axi_hold", "P_nope")).is_err());
        assert!(Mutant::parse("m", &M.replace("@@end", "")).is_err());
        assert!(Mutant::parse("m", &M.replace("x = 2", "x = 1")).is_err());
    }

    #[test]
    fn mutant_whose_text_is_gone_is_an_error() {
        let src = RtlSources::project().unwrap();
        let wd = WorkDir::new("mutant-unit").unwrap();
        let m = Mutant {
            name: "gone".into(),
            description: String::new(),
            property: Property::NoLoss,
            file: "irq_router.sv".into(),
            find: "this text is not in the RTL\n".into(),
            replace: "x\n".into(),
        };
        let e = m.apply(&src, wd.path()).unwrap_err().to_string();
        assert!(e.contains("occurs 0 times"), "{e}");
    }

    #[test]
    fn sat_verdicts() {
        let proven =
            "[base case 2] x\n[induction step 2] Solving\nInduction step proven: SUCCESS!\n";
        assert_eq!(
            parse_sat_log(proven).unwrap(),
            Verdict::Proven {
                induction_length: 2
            }
        );
        let bounded = "[base case 3] S\nReached maximum number of time steps -> proved base case for 3 steps: SUCCESS!\n";
        assert_eq!(
            parse_sat_log(bounded).unwrap(),
            Verdict::BoundedPass { steps: 3 }
        );
        let cex = "[base case 4] S\nSAT temporal induction proof finished - model found for base case: FAIL!\n\
                   \x20 Time Signal Name  Dec Hex Bin\n\
                   \x20 init $formal$/x/irq_router_props.svh:127$53_EN 0 0 0\n\
                   \x20    4 $formal$/x/irq_router_props.svh:127$53_CHECK 0 0 0\n\
                   \x20    4 $formal$/x/irq_router_props.svh:127$53_EN 1 1 1\n\
                   \x20    4 $formal$/x/irq_router_props.svh:130$54_CHECK 1 1 1\n\
                   \x20    4 $formal$/x/irq_router_props.svh:130$54_EN 1 1 1\n";
        assert_eq!(
            parse_sat_log(cex).unwrap(),
            Verdict::Counterexample {
                step: 4,
                failed: vec!["irq_router_props.svh:127".into()]
            }
        );
        assert!(parse_sat_log("ERROR: syntax").is_err());
    }
}
