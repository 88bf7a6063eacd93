use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in the flow. A missing tool is its own case
/// so that callers (and tests) fail with a message that says how to fix it.
#[derive(Debug)]
pub enum FlowError {
    /// A required tool is not installed (or the override variable is wrong).
    ToolMissing {
        tool: &'static str,
        env: &'static str,
        detail: String,
    },
    /// A file or process operation failed.
    Io {
        what: String,
        source: std::io::Error,
    },
    /// A tool ran but failed (syntax error, elaboration error, ...).
    ToolFailed {
        tool: &'static str,
        command: String,
        status: Option<i32>,
        log: Option<PathBuf>,
        tail: String,
    },
    /// A tool's output did not have the expected shape.
    Parse { what: String, detail: String },
    /// The RTL directory is incomplete.
    Rtl(String),
    /// A mutant file is malformed or no longer applies to the RTL.
    Mutant { name: String, detail: String },
    /// A script template and its filler disagree.
    Template(String),
}

impl FlowError {
    pub(crate) fn io(what: impl Into<String>, source: std::io::Error) -> Self {
        FlowError::Io {
            what: what.into(),
            source,
        }
    }
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlowError::ToolMissing { tool, env, detail } => write!(
                f,
                "required tool `{tool}` not found ({detail}). Install the project's tools with \
                 `bash scripts/setup.sh` (from the repository root), or point ${env} at the binary."
            ),
            FlowError::Io { what, source } => write!(f, "{what}: {source}"),
            FlowError::ToolFailed {
                tool,
                command,
                status,
                log,
                tail,
            } => {
                write!(f, "{tool} failed (exit status {status:?}): {command}")?;
                if let Some(log) = log {
                    write!(f, "\nlog: {}", log.display())?;
                }
                write!(f, "\n--- last lines of output ---\n{tail}")
            }
            FlowError::Parse { what, detail } => write!(f, "cannot parse {what}: {detail}"),
            FlowError::Rtl(msg) => write!(f, "RTL sources: {msg}"),
            FlowError::Mutant { name, detail } => write!(f, "mutant `{name}`: {detail}"),
            FlowError::Template(msg) => write!(f, "script template: {msg}"),
        }
    }
}

impl std::error::Error for FlowError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FlowError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The last `n` lines of `text`.
pub(crate) fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
