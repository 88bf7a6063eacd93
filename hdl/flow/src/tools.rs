//! Finding and running the external tools.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::error::tail;
use crate::{FlowError, Result};

/// The external tools of the flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Yosys,
    Verilator,
}

impl Tool {
    /// Executable name looked up on `PATH`.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Yosys => "yosys",
            Tool::Verilator => "verilator",
        }
    }

    /// Environment variable that overrides the lookup with a path.
    pub fn env_var(self) -> &'static str {
        match self {
            Tool::Yosys => "YOSYS",
            Tool::Verilator => "VERILATOR",
        }
    }
}

/// Finds `tool`: `$YOSYS` / `$VERILATOR` if set, else the first executable
/// of that name on `PATH`. A missing tool is [`FlowError::ToolMissing`],
/// whose message names `bash scripts/setup.sh`.
pub fn find_tool(tool: Tool) -> Result<PathBuf> {
    if let Some(p) = std::env::var_os(tool.env_var()).filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        return if is_executable(&p) {
            Ok(p)
        } else {
            Err(FlowError::ToolMissing {
                tool: tool.name(),
                env: tool.env_var(),
                detail: format!(
                    "${} = {} is not an executable file",
                    tool.env_var(),
                    p.display()
                ),
            })
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let candidate = dir.join(tool.name());
        if is_executable(&candidate) {
            return Ok(candidate);
        }
    }
    Err(FlowError::ToolMissing {
        tool: tool.name(),
        env: tool.env_var(),
        detail: "not on PATH".to_string(),
    })
}

fn is_executable(p: &Path) -> bool {
    match std::fs::metadata(p) {
        #[cfg(unix)]
        Ok(m) => {
            use std::os::unix::fs::PermissionsExt;
            m.is_file() && m.permissions().mode() & 0o111 != 0
        }
        #[cfg(not(unix))]
        Ok(m) => m.is_file(),
        Err(_) => false,
    }
}

/// Runs `tool` with `args` in `cwd` and returns its output whatever its exit
/// status; only a tool that cannot be found or started is an error.
pub fn run<I, S>(tool: Tool, args: I, cwd: &Path) -> Result<Output>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let exe = find_tool(tool)?;
    Command::new(&exe)
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| FlowError::io(format!("start {}", exe.display()), e))
}

/// Runs a Yosys script file; the log goes to `log`. A non-zero exit status
/// is [`FlowError::ToolFailed`] with the end of the log.
pub fn run_yosys_script(script: &Path, log: &Path, cwd: &Path) -> Result<String> {
    let args = [
        OsStr::new("-q"),
        OsStr::new("-l"),
        log.as_os_str(),
        OsStr::new("-s"),
        script.as_os_str(),
    ];
    let out = run(Tool::Yosys, args, cwd)?;
    let text = std::fs::read_to_string(log).unwrap_or_default();
    if !out.status.success() {
        let mut all = text.clone();
        all.push_str(&String::from_utf8_lossy(&out.stderr));
        return Err(FlowError::ToolFailed {
            tool: "yosys",
            command: format!("yosys -q -l {} -s {}", log.display(), script.display()),
            status: out.status.code(),
            log: Some(log.to_path_buf()),
            tail: tail(&all, 25),
        });
    }
    Ok(text)
}

/// `yosys -V` and `verilator --version`, for reports.
pub fn versions() -> Result<String> {
    let tmp = std::env::temp_dir();
    let y = run(Tool::Yosys, ["-V"], &tmp)?;
    let v = run(Tool::Verilator, ["--version"], &tmp)?;
    Ok(format!(
        "{}; {}",
        String::from_utf8_lossy(&y.stdout).trim(),
        String::from_utf8_lossy(&v.stdout).trim()
    ))
}
