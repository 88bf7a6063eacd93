//! Bad scenarios are refused with a message that names what is wrong.

use cosim::scenario::Scenario;

const GOOD: &str = r#"
name = "t"
duration_us = 100
[inband]
gap = { kind = "fixed", us = 5 }
critical_section = { kind = "uniform", min_us = 1, max_us = 3 }
handler_cycles = 100
[[sources]]
class = "a"
ids = [0, 1]
stage = "oob"
handler_cycles = 100
rate = { kind = "periodic", period_us = 10 }
"#;

fn err(text: &str) -> String {
    Scenario::from_toml(text)
        .expect_err("must be refused")
        .to_string()
}

#[test]
fn a_good_scenario_converts_to_fabric_cycles() {
    let sc = Scenario::from_toml(GOOD).unwrap();
    assert_eq!(sc.duration, 10_000, "100 µs at the default 100 MHz");
    assert_eq!(sc.sources.len(), 2);
    assert_eq!(
        (sc.sources[0].cpu, sc.sources[1].cpu),
        (0, 1),
        "no cpu: spread over the CPUs"
    );
    assert_eq!(
        sc.sources[0].handler, 9,
        "100 A53 cycles at 1.2 GHz, rounded up to fabric cycles"
    );
}

#[test]
fn the_shipped_scenarios_parse() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            Scenario::load(&p).unwrap_or_else(|e| panic!("{e}"));
            n += 1;
        }
    }
    assert!(n >= 1);
}

#[test]
fn bad_scenarios_name_the_problem() {
    let cases: &[(&str, &str, &str)] = &[
        ("ids = [0, 1]", "ids = [0, 32]", "source 32 does not exist"),
        (
            "ids = [0, 1]",
            "ids = [1, 1]",
            "source 1 is already in class",
        ),
        ("ids = [0, 1]", "ids = []", "ids is empty"),
        (
            "stage = \"oob\"",
            "stage = \"oob\"\ncpu = 4",
            "cpu 4 does not exist",
        ),
        (
            "stage = \"oob\"",
            "stage = \"fiq\"",
            "unknown variant `fiq`",
        ),
        (
            "stage = \"oob\"",
            "stage = \"oob\"\npriority = 4",
            "priority 4 is out of range",
        ),
        (
            "period_us = 10 }",
            "period_us = 0 }",
            "less than one fabric cycle",
        ),
        (
            "period_us = 10 }",
            "period_us = 10, jitter_us = 10 }",
            "jitter_us must be smaller",
        ),
        (
            "min_us = 1, max_us = 3",
            "min_us = 3, max_us = 1",
            "min_us 3 > max_us 1",
        ),
        (
            "duration_us = 100",
            "duration_us = -1",
            "must be a finite, non-negative time",
        ),
        (
            "duration_us = 100",
            "duration_us = 1e9",
            "too long to simulate",
        ),
        (
            "handler_cycles = 100\n[[",
            "handler_cycles = 100\nbogus = 1\n[[",
            "unknown field `bogus`",
        ),
        ("name = \"t\"", "", "missing field `name`"),
        (
            "kind = \"periodic\", period_us = 10",
            "kind = \"poisson\", hz = 0",
            "rate.hz = 0 must be positive",
        ),
    ];
    for (from, to, want) in cases {
        assert!(GOOD.contains(from), "case setup: {from}");
        let msg = err(&GOOD.replacen(from, to, 1));
        assert!(msg.contains(want), "`{to}`: expected \"{want}\" in: {msg}");
    }
    let msg = err("this is not toml");
    assert!(!msg.is_empty());
    let e = Scenario::load(std::path::Path::new("/nonexistent/s.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("cannot read scenario /nonexistent/s.toml"),
        "{e}"
    );
}

/// The duration's limit is fabric time, whatever the fabric clock: 10 s
/// is taken at 100 and at 400 MHz, a microsecond more is refused.
#[test]
fn the_duration_limit_is_ten_seconds_of_fabric_time() {
    for clocks in ["", "[clocks]\nfabric_mhz = 400\ncpu_mhz = 1200\n"] {
        let at = |us: &str| GOOD.replace("duration_us = 100", &format!("duration_us = {us}\n{clocks}"));
        let sc = Scenario::from_toml(&at("10000000")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sc.duration as f64, 1e7 * sc.clocks.fabric_mhz);
        let e = err(&at("10000001"));
        assert!(e.contains("over 10000000 µs (10 s) of fabric time"), "{e}");
    }
}
