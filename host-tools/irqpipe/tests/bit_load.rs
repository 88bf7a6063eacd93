//! `bit load` end to end against a directory tree that behaves like the
//! kernel's: a thread plays the FPGA manager (and configfs), moving `state`
//! through the names of drivers/fpga/fpga-mgr.c when a firmware name is
//! written, and checking the installed .bin as the ZynqMP PMU firmware v1.0
//! would (byte-swapped words, sync word at word 20). A wrong byte order
//! therefore ends in "write init error", as it would on a board.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use irqpipe::exit;

/// What the fake manager does once the .bin looks right.
#[derive(Clone, Copy)]
enum Outcome {
    Operate,
    Fail(&'static str),
    Hang,
}

struct Fake {
    root: PathBuf,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Fake {
    fn sysfs(&self) -> PathBuf {
        self.root.join("sys")
    }
    fn configfs(&self) -> PathBuf {
        self.root.join("config")
    }
    fn firmware(&self) -> PathBuf {
        self.root.join("lib/firmware")
    }
    fn mgr(&self) -> PathBuf {
        self.sysfs().join("class/fpga_manager/fpga0")
    }
    fn state(&self) -> String {
        std::fs::read_to_string(self.mgr().join("state"))
            .unwrap()
            .trim()
            .to_string()
    }
    fn run(&self, extra: &[&str], bit: &Path) -> Output {
        // Defaults unless the test gives its own.
        let mut defaults = Vec::new();
        for (opt, val) in [("--board", "zcu102"), ("--timeout", "2")] {
            if !extra.contains(&opt) {
                defaults.extend([opt, val]);
            }
        }
        common::irqpipe()
            .args(["bit", "load"])
            .args(&defaults)
            .arg("--sysfs-root")
            .arg(self.sysfs())
            .arg("--configfs-root")
            .arg(self.configfs())
            .arg("--firmware-dir")
            .arg(self.firmware())
            .args(extra)
            .arg(bit)
            .output()
            .unwrap()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What the PMU firmware v1.0 accepts: words byte-swapped, so the
/// bus-width words read BB000000 44002211 and the sync word 665599AA at
/// word 20 (the layout U-Boot's zynqmppl.c checks).
fn pmufw_accepts(bin: &[u8]) -> bool {
    bin.len() >= 84
        && bin.len() % 4 == 0
        && bin[64..68] == [0xbb, 0, 0, 0]
        && bin[80..84] == [0x66, 0x55, 0x99, 0xaa]
}

/// Builds the tree and starts the fake kernel. `manager`: whether
/// class/fpga_manager/fpga0 exists; `overlays`: whether configfs has
/// device-tree/overlays.
fn fake(name: &str, manager: bool, overlays: bool, outcome: Outcome) -> Fake {
    fake_at(
        common::scratch(&format!("load-{name}")),
        manager,
        overlays,
        outcome,
    )
}

fn fake_at(root: PathBuf, manager: bool, overlays: bool, outcome: Outcome) -> Fake {
    let mut f = Fake {
        root,
        stop: Arc::new(AtomicBool::new(false)),
        thread: None,
    };
    std::fs::create_dir_all(f.firmware()).unwrap();
    std::fs::create_dir_all(f.sysfs().join("class/fpga_manager")).unwrap();
    if manager {
        std::fs::create_dir_all(f.mgr()).unwrap();
        std::fs::write(f.mgr().join("name"), "Xilinx ZynqMP FPGA Manager\n").unwrap();
        std::fs::write(f.mgr().join("state"), "unknown\n").unwrap();
        std::fs::write(f.mgr().join("flags"), "").unwrap();
        std::fs::write(f.mgr().join("firmware"), "").unwrap();
    }
    if overlays {
        std::fs::create_dir_all(f.configfs().join("device-tree/overlays")).unwrap();
    }
    let (mgr, fw_dir, ovl) = (
        f.mgr(),
        f.firmware(),
        f.configfs().join("device-tree/overlays"),
    );
    let stop = f.stop.clone();
    let thread = std::thread::spawn(move || {
        let set = |s: &str| {
            if mgr.is_dir() {
                std::fs::write(mgr.join("state"), format!("{s}\n")).unwrap();
            }
        };
        // Loads firmware `name`; returns whether the manager ends operating.
        let program = |name: &str| -> bool {
            set("firmware request");
            let Ok(bin) = std::fs::read(fw_dir.join(name)) else {
                set("firmware request error");
                return false;
            };
            set("write init");
            if !pmufw_accepts(&bin) {
                set("write init error");
                return false;
            }
            set("write");
            std::thread::sleep(Duration::from_millis(30));
            match outcome {
                Outcome::Operate => {
                    set("write complete");
                    set("operating");
                    true
                }
                Outcome::Fail(s) => {
                    set(s);
                    false
                }
                Outcome::Hang => false,
            }
        };
        let mut seen_overlays: Vec<PathBuf> = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            // FPGA manager: a name written to `firmware` starts a load.
            if let Ok(name) = std::fs::read_to_string(mgr.join("firmware")) {
                let name = name.trim().to_string();
                if !name.is_empty() {
                    std::fs::write(mgr.join("firmware"), "").unwrap();
                    program(&name);
                }
            }
            // configfs: a new directory gets dtbo/path/status attributes;
            // a dtbo written into it is applied (fpga-region: firmware-name).
            if let Ok(entries) = std::fs::read_dir(&ovl) {
                for e in entries.flatten() {
                    let dir = e.path();
                    if !seen_overlays.contains(&dir) {
                        std::fs::write(dir.join("path"), "").unwrap();
                        std::fs::write(dir.join("status"), "unapplied\n").unwrap();
                        std::fs::write(dir.join("dtbo"), "").unwrap();
                        seen_overlays.push(dir.clone());
                        continue;
                    }
                    let dtbo = std::fs::read(dir.join("dtbo")).unwrap_or_default();
                    let status = std::fs::read_to_string(dir.join("status")).unwrap_or_default();
                    if dtbo.len() > 4
                        && status.trim() == "unapplied"
                        && dtbo[..4] == [0xd0, 0x0d, 0xfe, 0xed]
                    {
                        let ok = irqpipe::fpga::names_firmware(&dtbo, "irq_router.bin")
                            && program("irq_router.bin");
                        if ok {
                            std::fs::write(dir.join("status"), "applied\n").unwrap();
                        }
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    });
    f.thread = Some(thread);
    f
}

fn bit_file(dir: &Path, bytes: &[u8]) -> PathBuf {
    let p = dir.join("router.bit");
    std::fs::write(&p, bytes).unwrap();
    p
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn manager_load_reaches_operating_and_installs_the_swapped_bin() {
    let f = fake("ok", true, false, Outcome::Operate);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let out = f.run(&[], &bit);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(code(&out), 0, "{}{text}", stderr(&out));
    assert!(text.contains("state:    operating"), "{text}");
    assert!(
        text.contains("manager:  Xilinx ZynqMP FPGA Manager"),
        "{text}"
    );
    assert_eq!(f.state(), "operating");
    assert_eq!(std::fs::read_to_string(f.mgr().join("flags")).unwrap(), "0");
    let bin = std::fs::read(f.firmware().join("irq_router.bin")).unwrap();
    assert!(pmufw_accepts(&bin));
}

#[test]
fn partial_flag_and_custom_firmware_name_are_passed_on() {
    let f = fake("partial", true, false, Outcome::Operate);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let out = f.run(&["--partial", "--firmware-name", "rp0.bin"], &bit);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(f.mgr().join("flags")).unwrap(), "1");
    assert!(f.firmware().join("rp0.bin").is_file());
}

#[test]
fn a_manager_that_ends_in_an_error_state_fails_clearly_and_cleans_up() {
    let f = fake("write-error", true, false, Outcome::Fail("write error"));
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let out = f.run(&[], &bit);
    common::assert_exit(&out, exit::FPGA_ERROR, "\"write error\"");
    assert!(
        !f.firmware().join("irq_router.bin").exists(),
        "failed load left its firmware behind"
    );
}

#[test]
fn a_bin_in_bit_byte_order_is_refused_by_the_fake_pmufw() {
    // Guards the test itself: the emulator really checks the byte order.
    assert!(!pmufw_accepts(&common::zynqmp_payload(10)));
    let bit = common::zcu102_bit();
    let f = irqpipe::bitfile::parse(&bit).unwrap();
    assert!(pmufw_accepts(&irqpipe::bitfile::to_zynqmp_bin(&f)));
}

#[test]
fn a_manager_that_never_finishes_times_out() {
    let f = fake("hang", true, false, Outcome::Hang);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let out = f.run(&["--timeout", "0.5"], &bit);
    common::assert_exit(&out, exit::FPGA_TIMEOUT, "still in state \"write\"");
}

#[test]
fn a_missing_manager_is_reported_before_anything_is_written() {
    let f = fake("no-mgr", false, false, Outcome::Operate);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let out = f.run(&[], &bit);
    common::assert_exit(&out, exit::NO_FPGA_MANAGER, "no FPGA manager at");
    assert_eq!(std::fs::read_dir(f.firmware()).unwrap().count(), 0);
}

#[test]
fn a_manager_without_the_firmware_attribute_points_to_overlays() {
    let f = fake("mainline", true, false, Outcome::Operate);
    std::fs::remove_file(f.mgr().join("firmware")).unwrap();
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let out = f.run(&[], &bit);
    common::assert_exit(&out, exit::NO_FPGA_MANAGER, "--overlay");
}

#[test]
fn wrong_part_truncated_and_corrupted_bitstreams_never_reach_the_manager() {
    let f = fake("bad-bits", true, false, Outcome::Operate);
    let good = common::zcu102_bit();
    let kv = common::make_bit(
        "d;UserID=0XFFFFFFFF",
        "xck26-sfvc784-2LV-c",
        "2026/11/29",
        "18:00:00",
        &common::zynqmp_payload(10),
    );
    let mut corrupt = good.clone();
    corrupt[13] = b'q';
    for (bytes, want, msg) in [
        (kv, exit::WRONG_PART, "xck26"),
        (
            good[..good.len() - 3].to_vec(),
            exit::BIT_TRUNCATED,
            "truncated",
        ),
        (corrupt, exit::BIT_CORRUPT, "corrupted"),
    ] {
        let bit = bit_file(&f.root, &bytes);
        let out = f.run(&[], &bit);
        assert_eq!(code(&out), i32::from(want), "{}", stderr(&out));
        assert!(stderr(&out).contains(msg), "{}", stderr(&out));
        assert_eq!(f.state(), "unknown", "the manager was touched");
        assert_eq!(std::fs::read_dir(f.firmware()).unwrap().count(), 0);
    }
    let out = f.run(&["--board", "zc706"], &bit_file(&f.root, &good));
    assert_eq!(code(&out), i32::from(exit::USAGE));
    assert!(
        stderr(&out).contains("known boards: zcu102, kv260, ultra96v2"),
        "{}",
        stderr(&out)
    );
}

/// The board overlay compiled with dtc, as a user would.
fn dtbo(dir: &Path) -> PathBuf {
    let src = common::repo_root().join("boards/zcu102/irq-router.dtso");
    let out = dir.join("irq-router.dtbo");
    let st = std::process::Command::new("dtc")
        .args([
            "-@",
            "-Wno-interrupt_provider",
            "-I",
            "dts",
            "-O",
            "dtb",
            "-o",
        ])
        .arg(&out)
        .arg(&src)
        .status()
        .expect("dtc");
    assert!(st.success());
    out
}

#[test]
fn overlay_load_applies_the_board_overlay_and_reports_applied_and_operating() {
    let f = fake("overlay", true, true, Outcome::Operate);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let o = dtbo(&f.root);
    let out = f.run(&["--overlay", o.to_str().unwrap()], &bit);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(code(&out), 0, "{}{text}", stderr(&out));
    assert!(
        text.contains("overlay:  applied") && text.contains("state:    operating"),
        "{text}"
    );
    let applied = f.configfs().join("device-tree/overlays/irq_router");
    assert_eq!(
        std::fs::read(applied.join("dtbo")).unwrap(),
        std::fs::read(&o).unwrap()
    );
}

/// How long to let the fake manager run: a failure ends the load as soon as
/// the error state shows, so its wait may be long (a loaded machine is
/// slow); a hang is waited out, so it must be short.
fn timeout_for(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Hang => "0.5",
        _ => "30",
    }
}

/// Loads through the board overlay, expects the load to end in FPGA_ERROR
/// with `msg`, and checks the overlay was removed.
fn overlay_load_fails(name: &str, manager: bool, outcome: Outcome, msg: &str) -> Fake {
    let f = fake(name, manager, true, outcome);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let o = dtbo(&f.root);
    let out = f.run(
        &[
            "--overlay",
            o.to_str().unwrap(),
            "--timeout",
            timeout_for(outcome),
        ],
        &bit,
    );
    common::assert_exit(&out, exit::FPGA_ERROR, msg);
    assert!(
        !f.configfs()
            .join("device-tree/overlays/irq_router")
            .exists(),
        "overlay left behind"
    );
    f
}

#[test]
fn an_overlay_that_fails_is_removed_and_reported() {
    let f = overlay_load_fails(
        "overlay-fail",
        true,
        Outcome::Fail("write error"),
        "ended in state \"write error\"",
    );
    assert!(!f.firmware().join("irq_router.bin").exists());
}

#[test]
fn an_overlay_that_stays_unapplied_times_out_into_a_clear_error() {
    // No manager visible: only the overlay's status can tell.
    overlay_load_fails(
        "overlay-unapplied",
        false,
        Outcome::Hang,
        "not applied (status \"unapplied\")",
    );
}

#[test]
fn overlay_naming_another_firmware_or_missing_configfs_is_refused() {
    let f = fake("overlay-bad", true, false, Outcome::Operate);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let o = dtbo(&f.root);
    let out = f.run(&["--overlay", o.to_str().unwrap()], &bit);
    common::assert_exit(&out, exit::NO_FPGA_MANAGER, "configfs");

    std::fs::create_dir_all(f.configfs().join("device-tree/overlays")).unwrap();
    let out = f.run(
        &[
            "--overlay",
            o.to_str().unwrap(),
            "--firmware-name",
            "other.bin",
        ],
        &bit,
    );
    common::assert_exit(&out, exit::USAGE, "does not name firmware \"other.bin\"");
}

#[test]
fn no_permission_on_sysfs_has_its_own_exit_code() {
    use std::os::unix::fs::PermissionsExt;
    let f = fake_at(
        common::world_dir("load-perm"),
        true,
        false,
        Outcome::Operate,
    );
    let bit = bit_file(&f.root, &common::zcu102_bit());
    // Directories enterable by all, the manager's attributes writable by
    // their owner only (as sysfs has them), the firmware directory writable
    // by all so that only the attributes are refused.
    for d in [&f.root, &f.root.join("lib"), &f.firmware()] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let mode = if common::is_root() { 0o644 } else { 0o444 };
    for a in ["flags", "firmware", "state", "name"] {
        std::fs::set_permissions(f.mgr().join(a), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(&bit, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = common::irqpipe_unprivileged(&f.root)
        .args(["bit", "load", "--board", "zcu102", "--sysfs-root"])
        .arg(f.sysfs())
        .arg("--firmware-dir")
        .arg(f.firmware())
        .arg(&bit)
        .output()
        .expect("setpriv (util-linux)");
    assert_eq!(code(&out), i32::from(exit::PERMISSION), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("permission denied on") && stderr(&out).contains("flags"),
        "{}",
        stderr(&out)
    );
    assert!(
        !f.firmware().join("irq_router.bin").exists(),
        "firmware left behind"
    );
    let root = f.root.clone();
    drop(f);
    let _ = std::fs::remove_dir_all(root);
}

/// The firmware of the last good load, as the user installed it: arbitrary
/// bytes of an odd length and mode, so that a restore must be exact.
fn previous_firmware(f: &Fake) -> (PathBuf, Vec<u8>) {
    use std::os::unix::fs::PermissionsExt;
    let p = f.firmware().join("irq_router.bin");
    let bytes: Vec<u8> = (0..12_345u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&p, &bytes).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    (p, bytes)
}

#[test]
fn a_different_existing_firmware_file_is_kept_without_force() {
    let f = fake("fw-exists", true, false, Outcome::Operate);
    let (p, before) = previous_firmware(&f);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let out = f.run(&[], &bit);
    common::assert_exit(
        &out,
        exit::USAGE,
        "exists and differs from this bitstream's .bin; pass --force",
    );
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert_eq!(f.state(), "unknown", "the manager was touched");
    // The same content again (a repeated load) needs no --force.
    let f = fake("fw-same", true, false, Outcome::Operate);
    let good = common::zcu102_bit();
    let bin = irqpipe::bitfile::to_zynqmp_bin(&irqpipe::bitfile::parse(&good).unwrap());
    std::fs::write(f.firmware().join("irq_router.bin"), &bin).unwrap();
    let out = f.run(&[], &bit_file(&f.root, &good));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn a_failed_load_puts_the_previous_firmware_back_byte_for_byte() {
    use std::os::unix::fs::PermissionsExt;
    for (name, outcome, want) in [
        (
            "fw-restore-error",
            Outcome::Fail("write error"),
            exit::FPGA_ERROR,
        ),
        ("fw-restore-hang", Outcome::Hang, exit::FPGA_TIMEOUT),
    ] {
        let f = fake(name, true, false, outcome);
        let (p, before) = previous_firmware(&f);
        let bit = bit_file(&f.root, &common::zcu102_bit());
        let out = f.run(&["--force", "--timeout", timeout_for(outcome)], &bit);
        assert_eq!(code(&out), i32::from(want), "{}", stderr(&out));
        if let Outcome::Fail(state) = outcome {
            // The fake manager read the new .bin: it really was installed.
            assert_eq!(f.state(), state);
        }
        assert_eq!(std::fs::read(&p).unwrap(), before, "{name}: not restored");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "{name}: the restored file lost its mode");
        assert_eq!(common::leftovers(&f.firmware()), Vec::<String>::new());
    }
    // Through an overlay as well.
    let f = fake(
        "fw-restore-overlay",
        true,
        true,
        Outcome::Fail("write error"),
    );
    let (p, before) = previous_firmware(&f);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let o = dtbo(&f.root);
    let out = f.run(
        &[
            "--force",
            "--overlay",
            o.to_str().unwrap(),
            "--timeout",
            "30",
        ],
        &bit,
    );
    assert_eq!(code(&out), i32::from(exit::FPGA_ERROR), "{}", stderr(&out));
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert_eq!(common::leftovers(&f.firmware()), Vec::<String>::new());
}

#[test]
fn a_successful_forced_load_replaces_the_firmware_and_keeps_no_backup() {
    let f = fake("fw-replace", true, false, Outcome::Operate);
    let (p, _) = previous_firmware(&f);
    let bit = bit_file(&f.root, &common::zcu102_bit());
    let out = f.run(&["--force"], &bit);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(pmufw_accepts(&std::fs::read(&p).unwrap()));
    assert_eq!(common::leftovers(&f.firmware()), Vec::<String>::new());
}
