//! The exit codes scripts rely on: distinct, all in the table, all in --help.

mod common;

use irqpipe::exit;

#[test]
fn exit_codes_are_distinct_and_documented() {
    let mut codes: Vec<u8> = exit::TABLE.iter().map(|(c, _, _)| *c).collect();
    let n = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), n, "two failures share an exit code");
    assert_eq!(n, 17);
    let help = common::irqpipe().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for (code, name, _) in exit::TABLE {
        assert!(
            text.contains(&format!("{code:>2}  {name}")),
            "--help misses {name}:\n{text}"
        );
    }
    // Help text is wrapped to the terminal: compare word by word.
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&text).contains(&words(exit::SIGPIPE_NOTE)),
        "--help misses the SIGPIPE note:\n{text}"
    );
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains("SIGPIPE"),
        "README misses the SIGPIPE behaviour"
    );
    for (code, name, _) in exit::TABLE {
        assert!(
            readme.contains(&format!("| {code} | `{name}` |")),
            "README misses {name}"
        );
    }
}

#[test]
fn usage_errors_exit_with_usage() {
    for args in [
        &["bit"][..],
        &["frobnicate"],
        &["bit", "info"],
        &["regs", "read"],
        &["completions"],
        &["completions", "tcsh"],
        &["bit", "convert", "--force"],
    ] {
        let out = common::irqpipe().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(i32::from(exit::USAGE)), "{args:?}");
    }
    let out = common::irqpipe()
        .args(["bit", "load", "x.bit", "--board", "zcu102", "--timeout=0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(i32::from(exit::USAGE)));
}
