//! The comparison point of the benchmark: instructions a plain Linux kernel
//! spends from its IRQ vector to a device handler and back out, counted by
//! single-stepping the guest through QEMU's gdbstub.
//!
//! The kernel is Debian's arm64 6.1 build that the qemu-linux tests fetch
//! and cache under `target/qemu-linux/kernel-*` (its package ships no
//! symbols: System.map is a stub, so /init reads the addresses from
//! /proc/kallsyms and prints them; `nokaslr` keeps them valid). Booted with
//! `maxcpus=1` on xlnx-zcu102 (Non-secure EL1, QEMU's default), it is
//! stopped at `vectors + 0x280` (IRQ taken from EL1 with SP_EL1), then
//! stepped until `arch_timer_handler_virt` (entry), through the handler to
//! its return address, and on to the `eret` (exit, counted from the
//! handler's `ret`). Exit includes whatever irq_exit does (softirqs, tick
//! work), which is why it varies.

use crate::gdb::Gdb;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One sample: instructions from the vector to the handler's first
/// instruction (exclusive), and from the handler's `ret` to the `eret`
/// (inclusive).
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub entry: u64,
    pub exit: u64,
}

const ERET: u32 = 0xd69f_03e0;

/// The cached Debian kernel tree, if the qemu-linux tests fetched it.
fn kernel_root() -> Result<PathBuf, String> {
    let dir = crate::repo_root().join("target/qemu-linux");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|_| format!("{} does not exist", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("kernel-") && !n.ends_with(".tmp"))
                && p.join(".unpacked").exists()
        })
        .collect();
    found.sort();
    found.pop().ok_or_else(|| format!("no unpacked kernel in {}", dir.display()))
}

fn only_file(dir: &Path, prefix: &str) -> Result<PathBuf, String> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .ok_or_else(|| format!("no {prefix}* in {}", dir.display()))
}

const INIT: &str = r#"#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs dev /dev
echo 0 > /proc/sys/kernel/kptr_restrict
/bin/busybox grep -E ' (vectors|arch_timer_handler_virt)$' /proc/kallsyms |
while read a t n; do echo "KSYM $a $n" > /dev/kmsg; done
echo "KSYM-DONE" > /dev/kmsg
while true; do /bin/busybox sleep 1; done
"#;

fn make_initramfs(busybox: &Path, out: &Path) -> Result<(), String> {
    let stage = out.with_extension("d");
    let _ = std::fs::remove_dir_all(&stage);
    for d in ["bin", "proc", "dev"] {
        std::fs::create_dir_all(stage.join(d)).map_err(|e| e.to_string())?;
    }
    std::fs::copy(busybox, stage.join("bin/busybox")).map_err(|e| e.to_string())?;
    std::fs::write(stage.join("init"), INIT).map_err(|e| e.to_string())?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(stage.join("init"), std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    let mut child = Command::new("cpio")
        .args(["-o", "-H", "newc", "-R", "0:0", "--quiet"])
        .current_dir(&stage)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cpio: {e}"))?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b".\n./bin\n./bin/busybox\n./proc\n./dev\n./init\n")
        .map_err(|e| e.to_string())?;
    let o = child.wait_with_output().map_err(|e| e.to_string())?;
    if !o.status.success() {
        return Err("cpio failed".into());
    }
    std::fs::write(out, o.stdout).map_err(|e| e.to_string())
}

const PC: usize = 32;
const LR: usize = 30;

/// Boots the kernel and takes `samples` measurements of timer interrupts.
pub fn measure(samples: usize) -> Result<Vec<Sample>, String> {
    let root = kernel_root()?;
    let image = only_file(&root.join("boot"), "vmlinuz-")?;
    let dtb = only_file(&root.join("usr/lib"), "linux-image-")?.join("xilinx/zynqmp-zcu102-rev1.0.dtb");
    let dir = qemu_run::scratch_dir("fw-linux-irq");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let initrd = dir.join("initrd.cpio");
    make_initramfs(&root.join("bin/busybox"), &initrd)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    let path = |p: &Path| p.to_str().expect("utf-8 path").to_string();
    let mut qemu = qemu_run::Qemu::zcu102(&dir)
        .args(["-m", "2G", "-kernel", &path(&image), "-initrd", &path(&initrd), "-dtb", &path(&dtb)])
        .args([
            "-append",
            "earlycon=cdns,mmio,0xff000000,115200n8 keep_bootcon console=ttyPS0 nokaslr maxcpus=1",
            "-gdb",
            &format!("tcp:127.0.0.1:{port}"),
        ])
        .spawn()
        .map_err(|e| e.to_string())?;
    let start = Instant::now();
    let log = loop {
        let t = qemu.serial_text(0);
        if t.contains("KSYM-DONE") {
            break t;
        }
        if !qemu.is_running() || start.elapsed() > Duration::from_secs(120) {
            return Err(format!("the kernel did not print its symbols; serial log in {}", dir.display()));
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let sym = |name: &str| -> Result<u64, String> {
        log.lines()
            .find_map(|l| {
                let rest = &l[l.find("KSYM ")? + 5..];
                let (a, n) = rest.split_once(' ')?;
                (n.trim() == name).then(|| u64::from_str_radix(a, 16).ok()).flatten()
            })
            .ok_or_else(|| format!("no address for {name}"))
    };
    let vector = sym("vectors")? + 0x280;
    let handler = sym("arch_timer_handler_virt")?;
    let mut gdb = Gdb::connect(port)?;
    gdb.interrupt()?;
    let mut out = Vec::new();
    let mut attempts = 0;
    while out.len() < samples && attempts < samples * 4 {
        attempts += 1;
        gdb.cmd(&format!("Z0,{vector:x},4"))?;
        let stop = gdb.cmd("c")?;
        gdb.cmd(&format!("z0,{vector:x},4"))?;
        if !stop.starts_with('T') || gdb.reg(PC)? != vector {
            return Err(format!("unexpected stop {stop}"));
        }
        let (mut n, mut pc) = (0u64, vector);
        let (mut entry, mut ret_at, mut ret_addr) = (None, None, 0);
        while n < 1_000_000 {
            let insn = gdb.word(pc)?;
            gdb.cmd("s")?;
            pc = gdb.reg(PC)?;
            n += 1;
            if entry.is_none() && pc == handler {
                entry = Some(n);
                ret_addr = gdb.reg(LR)?;
            } else if entry.is_some() && ret_at.is_none() && pc == ret_addr {
                ret_at = Some(n);
            } else if insn == ERET {
                break;
            }
        }
        // An interrupt other than the virtual timer reaches `eret` without
        // passing the handler: not a sample.
        if let (Some(entry), Some(ret_at)) = (entry, ret_at) {
            out.push(Sample { entry, exit: n - ret_at + 1 });
        }
    }
    drop(qemu);
    if out.len() < samples {
        return Err(format!("only {} timer interrupts in {attempts} stops", out.len()));
    }
    Ok(out)
}
