//! rt-core on the A53: tasks started by oob timers on the generic timer,
//! dispatched at interrupt exit with preemption, a call-function and a
//! reschedule oob IPI from another core, and the oob -> in-band channel
//! drained by the other core on its doorbell IPI.
use qemu_firmware::*;

fn stat(r: &FwRun, task: &str, key: &str) -> u64 {
    field(&r.line(&format!("rtcore: task {task} ")).message, key).unwrap_or_else(|| panic!("{task} {key}"))
}

#[test]
fn rt_core_tasks_timers_ipis_and_channel() {
    // Guest time follows retired instructions (-icount): the 2.5 ms spin of
    // telemetry and the 5 ms periods then do not depend on how busy the host
    // is (under host load a period could elapse inside the spin and spawn an
    // extra run before the task cancels its timer).
    let r = run("rtcore", SECURE, "secure", &["-icount", "shift=0,sleep=off"]);
    assert_eq!(r.code(), 0, "{}", r.dump());
    assert!(!r.log.iter().any(|l| l.level.as_deref() == Some("error")), "{}", r.dump());
    // Periodic tasks cancel their own timer after a fixed number of runs.
    assert_eq!(stat(&r, "control", "runs"), 50, "{}", r.dump());
    assert_eq!(stat(&r, "telemetry", "runs"), 10, "{}", r.dump());
    // A timer that fired while its task was still pending is coalesced into
    // one run (rt-core's spawn semantics), so fired >= runs; missed periods
    // depend on how late the host let QEMU run and are only reported.
    assert!(stat(&r, "control", "timer_fired") >= 50);
    assert!(stat(&r, "telemetry", "timer_fired") >= 10);
    assert_eq!(stat(&r, "oneshot", "runs"), 1);
    assert_eq!(stat(&r, "oneshot", "timer_fired"), 1);
    assert_eq!(stat(&r, "remote", "runs"), 1, "spawn + RESCHEDULE IPI from core 1");
    let p = &r.line("rtcore: preemptions=").message;
    assert!(field(p, "preemptions").unwrap() >= 1, "{p}");
    assert!(field(p, "control_inside_telemetry").unwrap() >= 1, "control never preempted telemetry: {p}");
    assert_eq!(field(p, "runs_after_cancel"), Some(0), "{p}");
    assert_eq!(r.line("rtcore: call_function").message, "rtcore: call_function arg=0xc0ffee on core 0");
    assert_eq!(
        r.line("rtcore: channel").message,
        "rtcore: channel received=10 out_of_order=0 doorbells>0=true core1_ready=true"
    );
}
