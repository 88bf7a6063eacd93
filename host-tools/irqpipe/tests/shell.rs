//! irqpipe in a shell: a closed pipe ends it quietly with the conventional
//! status, and the completion scripts it prints work in a real bash.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

/// stdout is a pipe whose reader is already gone, so the first write fails:
/// the tool must die of SIGPIPE like `yes | true` does, without a word.
#[test]
fn a_closed_stdout_ends_the_tool_by_sigpipe_without_a_message() {
    let dir = common::scratch("sigpipe");
    let bit = common::write(&dir, "router.bit", &common::zcu102_bit());
    let bit = bit.to_str().unwrap();
    for args in [
        &["regs", "list"][..],
        &["--help"],
        &["completions", "bash"],
        &["bit", "info", "--json", bit],
    ] {
        let mut fds = [0; 2];
        // SAFETY: a plain pipe; both ends are owned below.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        // SAFETY: closing the read end we own; the write end becomes stdout.
        unsafe { libc::close(fds[0]) };
        let stdout = unsafe { <Stdio as std::os::fd::FromRawFd>::from_raw_fd(fds[1]) };
        let out = common::irqpipe()
            .args(args)
            .stdout(stdout)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(
            out.status.signal(),
            Some(libc::SIGPIPE),
            "{args:?}: {:?}",
            out.status
        );
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

/// The user's case: `irqpipe regs list | head -1` prints one line, no
/// panic, no "internal error"; bash reports 141 (128 + SIGPIPE) when head
/// left before irqpipe was done, 0 when the pipe took everything first.
#[test]
fn regs_list_into_head_is_quiet() {
    let script = format!(
        "'{}' regs list | head -1; echo \"status ${{PIPESTATUS[0]}}\"",
        env!("CARGO_BIN_EXE_irqpipe")
    );
    for _ in 0..5 {
        let out = Command::new("bash").args(["-c", &script]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("GLOBAL.ID"), "{text}");
        assert!(lines[1] == "status 141" || lines[1] == "status 0", "{text}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    }
}

/// The bash script is loaded into a real bash and asked to complete, as
/// the user's Tab key would.
#[test]
fn bash_completion_completes_subcommands_and_options() {
    let out = common::irqpipe()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let dir = common::scratch("completions");
    let script = common::write(&dir, "irqpipe.bash", &out.stdout);
    let complete = |words: &str| -> Vec<String> {
        let cmd = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; \
             _irqpipe irqpipe \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = Command::new("bash").args(["-c", &cmd]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect()
    };
    let top = complete("irqpipe ''");
    for want in ["bit", "log", "regs", "gen", "completions"] {
        assert!(top.iter().any(|w| w == want), "{want} missing: {top:?}");
    }
    assert_eq!(complete("irqpipe bi"), ["bit"]);
    let bit = complete("irqpipe bit ''");
    for want in ["info", "convert", "load"] {
        assert!(bit.iter().any(|w| w == want), "{want} missing: {bit:?}");
    }
    let convert = complete("irqpipe bit convert --f");
    assert!(convert.iter().any(|w| w == "--force"), "{convert:?}");
    let read = complete("irqpipe regs read --b");
    assert!(read.iter().any(|w| w == "--beyond-hwcfg"), "{read:?}");
}

#[test]
fn every_shell_gets_a_script_and_an_unknown_one_is_a_usage_error() {
    for (shell, marker) in [
        ("bash", "complete -F _irqpipe"),
        ("zsh", "#compdef irqpipe"),
        ("fish", "complete -c irqpipe"),
        ("elvish", "irqpipe"),
        ("powershell", "irqpipe"),
    ] {
        let out = common::irqpipe()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(marker),
            "{shell}"
        );
    }
    let out = common::irqpipe()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(i32::from(irqpipe::exit::USAGE)));
}
