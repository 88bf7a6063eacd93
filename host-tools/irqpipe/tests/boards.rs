//! boards/: every board's overlay compiles with dtc, its probe-rs chip
//! description deserialises and validates with the probe-rs-target crate,
//! and the addresses in the overlay, memory.x, the probe-rs file and the
//! Vivado Tcl agree with the SVD and with each other.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use irqpipe::boards::{Board, BOARDS};
use probe_rs_target::{ApAddress, Chip, ChipFamily, CoreAccessOptions, CoreType, MemoryRegion};

fn board_dir(b: &Board) -> PathBuf {
    common::repo_root().join("boards").join(b.name)
}

fn svd_map() -> regmap_gen::RegMap {
    regmap_gen::load(&common::repo_root().join(regmap_gen::SVD_PATH)).unwrap()
}

/// Compiles a .dtso with `dtc -@`; fails on any dtc warning too.
fn dtc(src: &Path) -> String {
    // One directory per call: tests run in parallel, and several of them
    // compile the same overlay.
    static CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let board = src.parent().unwrap().file_name().unwrap().to_string_lossy();
    let stem = src.file_stem().unwrap().to_string_lossy();
    let out_dir = common::scratch(&format!("dtc-{board}-{stem}-{n}"));
    let dtbo = out_dir.join(src.with_extension("dtbo").file_name().unwrap());
    let out = Command::new("dtc")
        .args([
            "-@",
            "-I",
            "dts",
            "-O",
            "dtb",
            "-o",
        ])
        .arg(&dtbo)
        .arg(src)
        .output()
        .expect("run dtc (Debian package device-tree-compiler)");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && err.trim().is_empty(),
        "{}: {err}",
        src.display()
    );
    let back = Command::new("dtc")
        .args(["-I", "dtb", "-O", "dts"])
        .arg(&dtbo)
        .output()
        .unwrap();
    String::from_utf8(back.stdout).unwrap()
}

/// The `MEMORY { RAM : ORIGIN = .., LENGTH = .. }` line and the PROVIDEd
/// router base of a memory.x.
fn memory_x(b: &Board) -> (u64, u64, u64) {
    let text = std::fs::read_to_string(board_dir(b).join("memory.x")).unwrap();
    let num = |key: &str, from: &str| -> u64 {
        let at = from
            .find(key)
            .unwrap_or_else(|| panic!("{}: no {key}", b.name))
            + key.len();
        let rest = from[at..].trim_start_matches([' ', '=', '(']);
        let tok: String = rest
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() || *c == 'x')
            .collect();
        u64::from_str_radix(tok.trim_start_matches("0x"), 16).unwrap()
    };
    let ram = &text[text.find("RAM :").expect("a RAM region named RAM")..];
    (
        num("ORIGIN", ram),
        num("LENGTH", ram),
        num("__irq_router_base", &text),
    )
}

#[test]
fn every_board_has_its_files() {
    assert_eq!(BOARDS.len(), 3);
    for b in BOARDS {
        for f in [
            "irq-router.dtso",
            "oob-carveout.dtso",
            "probe-rs.yaml",
            "memory.x",
            "build_bd.tcl",
            "README.md",
        ] {
            assert!(
                board_dir(b).join(f).is_file(),
                "boards/{}/{f} missing",
                b.name
            );
        }
    }
}

#[test]
fn overlays_compile_and_describe_the_router_where_the_svd_puts_it() {
    let map = svd_map();
    let global = map.peripheral("GLOBAL").unwrap().base;
    let inband = map.peripheral("INBAND").unwrap().base;
    for b in BOARDS {
        let dts = dtc(&board_dir(b).join("irq-router.dtso"));
        assert!(
            dts.contains("firmware-name = \"irq_router.bin\";"),
            "{}: {dts}",
            b.name
        );
        assert!(
            dts.contains("compatible = \"irqpipe,irq-router-1.0\";"),
            "{}",
            b.name
        );
        // The fpga-region and GIC of the kernel's zynqmp.dtsi, resolved at apply time.
        assert!(
            dts.contains("fpga_full = \"/fragment@0:target:0\";"),
            "{}: {dts}",
            b.name
        );
        assert!(dts.contains("gic = \"/fragment@0/__overlay__/interrupt-controller@a0000000:interrupt-parent:0\";"), "{}", b.name);
        let reg = format!("reg = <0x00 {global:#x} 0x00 0x1000 0x00 {inband:#x} 0x00 0x8000>;");
        assert!(dts.contains(&reg), "{}: want {reg} in {dts}", b.name);
        // In-band lines of CPUs 0..3 on pl_ps_irq0[4..7] = GIC IDs 125..128 = SPIs 93..96.
        let spis: Vec<String> = (0..4)
            .map(|c| format!("0x00 {:#x} 0x04", 121 + 4 + c - 32))
            .collect();
        assert!(
            dts.contains(&format!("interrupts = <{}>;", spis.join(" "))),
            "{}: {dts}",
            b.name
        );
        // ... named after their router CPUs, each owned by the core of the
        // same number (the kernel's cpuN labels, resolved at apply time).
        assert!(
            dts.contains("interrupt-names = \"inband0\\0inband1\\0inband2\\0inband3\";"),
            "{}: {dts}",
            b.name
        );
        for c in 0..4 {
            let fixup = format!("cpu{c} = \"/fragment@0/__overlay__/interrupt-controller@a0000000:interrupt-affinity:{}\";", 4 * c);
            assert!(dts.contains(&fixup), "{}: want {fixup} in {dts}", b.name);
        }
        // Linux must never see the OOB pages.
        let oob_base = map.peripheral("OOB").unwrap().base;
        assert!(
            !dts.contains(&format!("{oob_base:#x}")),
            "{}: OOB page in Linux's DT",
            b.name
        );
    }
}

/// Property names of the router node in a decompiled overlay.
fn router_properties(dts: &str) -> Vec<String> {
    let start = dts
        .find("interrupt-controller@a0000000 {")
        .expect("router node");
    let body = &dts[start..];
    let body = &body[..body.find("};").unwrap()];
    body.lines()
        .skip(1)
        .filter_map(|l| {
            let l = l.trim().trim_end_matches(';');
            let name = l.split(" = ").next()?.trim();
            (!name.is_empty()).then(|| name.to_string())
        })
        .collect()
}

#[test]
fn overlay_router_nodes_follow_the_linux_glue_binding() {
    let path = common::repo_root()
        .join("linux-glue/bindings/interrupt-controller/irqpipe,irq-router.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let doc: yaml_serde::Value = yaml_serde::from_str(&text).unwrap();
    let keys = |k: &str| -> Vec<String> {
        match &doc[k] {
            yaml_serde::Value::Mapping(m) => m
                .keys()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect(),
            yaml_serde::Value::Sequence(v) => v
                .iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect(),
            _ => panic!("binding has no {k}"),
        }
    };
    let allowed = keys("properties");
    let required = keys("required");
    assert_eq!(doc["additionalProperties"].as_bool(), Some(false));
    for b in BOARDS {
        let props = router_properties(&dtc(&board_dir(b).join("irq-router.dtso")));
        assert!(props.len() >= required.len(), "{}: {props:?}", b.name);
        for p in &props {
            // interrupt-parent is allowed on every node by dtschema's core
            // schemas; dtc adds phandle for the label.
            let generic = p == "interrupt-parent" || p == "phandle";
            assert!(
                generic || allowed.contains(p),
                "{}: property {p} is not in the binding",
                b.name
            );
        }
        for r in &required {
            assert!(
                props.contains(r),
                "{}: required property {r} missing",
                b.name
            );
        }
    }
}

#[test]
fn carveout_overlays_compile_and_match_memory_x() {
    for b in BOARDS {
        let dts = dtc(&board_dir(b).join("oob-carveout.dtso"));
        let (origin, len, _) = memory_x(b);
        let reg = format!("reg = <0x00 {origin:#x} 0x00 {len:#x}>;");
        assert!(dts.contains(&reg), "{}: want {reg} in {dts}", b.name);
        assert!(dts.contains("no-map;"), "{}", b.name);
    }
}

#[test]
fn memory_x_puts_the_firmware_in_ddr_and_the_router_at_the_svd_base() {
    let map = svd_map();
    for b in BOARDS {
        let (origin, len, router) = memory_x(b);
        assert_eq!(router, map.base(), "{}", b.name);
        // Inside the low 2 GiB of DDR that every board has, page-aligned,
        // clear of the PL windows.
        assert!(
            origin % 0x1000 == 0 && len > 0 && origin + len <= 0x8000_0000,
            "{}",
            b.name
        );
        assert!(
            origin + len <= 0x7FF0_0000,
            "{}: overlaps the PMU/TF-A reservation",
            b.name
        );
    }
}

fn chip_family(b: &Board) -> ChipFamily {
    let text = std::fs::read_to_string(board_dir(b).join("probe-rs.yaml")).unwrap();
    let fam: ChipFamily = yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", b.name));
    fam.validate()
        .unwrap_or_else(|e| panic!("{}: probe-rs rejects it: {e}", b.name));
    fam
}

#[test]
fn probe_rs_descriptions_parse_validate_and_describe_four_a53s() {
    for b in BOARDS {
        let fam = chip_family(b);
        let chip_name = b.device.to_ascii_uppercase();
        assert_eq!(fam.name, chip_name);
        assert_eq!(
            fam.manufacturer.and_then(|m| m.get()),
            Some("Xilinx"),
            "{}",
            b.name
        );
        assert_eq!(fam.variants.len(), 1);
        let chip = &fam.variants[0];
        assert_eq!(chip.name, chip_name);
        assert_eq!(chip.cores.len(), 4);
        for (n, core) in chip.cores.iter().enumerate() {
            assert_eq!(core.name, format!("a53_{n}"));
            assert_eq!(core.core_type, CoreType::Armv8a);
            let CoreAccessOptions::Arm(arm) = &core.core_access_options else {
                panic!("{}: core {n} is not an ARM core", b.name)
            };
            assert!(
                matches!(arm.ap, ApAddress::V1(1)),
                "{}: APB-AP is AP 1",
                b.name
            );
            let step = 0x10_0000 * n as u64;
            assert_eq!(
                arm.debug_base,
                Some(0x8041_0000 + step),
                "{} core {n}",
                b.name
            );
            assert_eq!(
                arm.cti_base,
                Some(0x8042_0000 + step),
                "{} core {n}",
                b.name
            );
        }
        // The firmware's carve-out and its RTT scan range lie in a RAM
        // region every core can reach.
        let (origin, len, _) = memory_x(b);
        let ram = chip
            .memory_map
            .iter()
            .filter_map(MemoryRegion::as_ram_region)
            .find(|r| r.range.start <= origin && origin + len <= r.range.end)
            .unwrap_or_else(|| panic!("{}: memory.x RAM is in no RAM region", b.name));
        assert_eq!(ram.cores.len(), 4);
        let rtt = chip.rtt_scan_ranges.as_ref().expect("rtt_scan_ranges");
        assert_eq!(rtt.len(), 1, "{}", b.name);
        assert_eq!(
            (rtt[0].start, rtt[0].end),
            (origin, origin + len),
            "{}",
            b.name
        );
        let ocm = chip
            .memory_map
            .iter()
            .filter_map(MemoryRegion::as_ram_region)
            .any(|r| r.range == (0xFFFC_0000..0x1_0000_0000));
        assert!(ocm, "{}: OCM missing", b.name);
    }
}

#[test]
fn a_broken_description_is_rejected_by_the_same_check() {
    // The checks above must be able to fail: a core type probe-rs does not
    // know, and a memory region naming a core that does not exist.
    let text = std::fs::read_to_string(board_dir(&BOARDS[0]).join("probe-rs.yaml")).unwrap();
    let bad_type = text.replacen("type: armv8a", "type: armv9a", 1);
    assert!(yaml_serde::from_str::<ChipFamily>(&bad_type).is_err());
    let bad_core = text.replacen("      - a53_3\n", "      - a53_9\n", 1);
    assert_ne!(bad_core, text);
    let fam: ChipFamily = yaml_serde::from_str(&bad_core).unwrap();
    assert!(fam.validate().is_err());
    // ARMv8-A cores need their CTI (probe-rs halts them through it).
    let no_cti = text.replacen("      cti_base: 0x80420000\n", "", 1);
    assert_ne!(no_cti, text);
    let fam: ChipFamily = yaml_serde::from_str(&no_cti).unwrap();
    assert!(fam.validate().unwrap_err().contains("cti_base"));
}

#[test]
fn vivado_tcl_builds_for_the_board_part_at_the_svd_base_from_every_rtl_file() {
    let map = svd_map();
    let pkg =
        std::fs::read_to_string(common::repo_root().join("boards/common/package_ip.tcl")).unwrap();
    let mut rtl: Vec<String> = std::fs::read_dir(common::repo_root().join("hdl/rtl"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sv"))
        .collect();
    rtl.sort();
    for f in &rtl {
        assert!(
            pkg.contains(&format!("$rtl_dir/{f}")),
            "package_ip.tcl misses hdl/rtl/{f}"
        );
    }
    for b in BOARDS {
        let tcl = std::fs::read_to_string(board_dir(b).join("build_bd.tcl")).unwrap();
        assert!(
            tcl.contains(&format!("set part       {}", b.vivado_part)),
            "{}",
            b.name
        );
        assert_eq!(irqpipe::bitfile::device_of(b.vivado_part), b.device);
        assert!(
            tcl.contains("NOT RUN IN THIS REPOSITORY'S TESTS"),
            "{}",
            b.name
        );
        assert!(tcl.contains("../common/block_design.tcl"), "{}", b.name);
    }
    // The block design the boards share.
    let common =
        std::fs::read_to_string(common::repo_root().join("boards/common/block_design.tcl"))
            .unwrap();
    assert!(common.contains(&format!("set_property offset {:#X}", map.base()).replace("0X", "0x")));
    assert!(common.contains("NOT RUN IN THIS REPOSITORY'S TESTS"));
    assert!(common.contains("pl_ps_irq0"));
    assert!(common.contains("package_ip.tcl"));
    // The block design instantiates the IP version package_ip.tcl packages.
    let version = pkg
        .lines()
        .find_map(|l| l.strip_prefix("set_property version"))
        .and_then(|l| l.split_whitespace().next())
        .expect("package_ip.tcl sets the IP's version");
    assert!(
        common.contains(&format!("irqpipe.dev:user:irq_router:{version} ")),
        "block_design.tcl must instantiate irq_router:{version}"
    );
}

/// The JTAG IDCODE of each board's device (PS/PL TAP, version nibble 0):
/// UG1085 Table 39-1 as OpenOCD's xilinx_zynqmp.cfg and U-Boot's
/// board/xilinx/zynqmp/zynqmp.c quote it; the K26, absent there, from
/// TF-A's zynqmp_common.c (SILICON_ID_XCK26).
const IDCODES: [(&str, u32); 3] = [
    ("xczu9eg", 0x0473_8093),
    ("xck26", 0x0472_4093),
    ("xczu3eg", 0x0471_0093),
];

/// What a ZynqMP scan chain must say: the Arm DAP (IR 4, the JTAG-DP's
/// IR length in ADIv5) nearest TDO, then the PS/PL TAP (IR 12), and every
/// A53 reached through the DAP.
fn check_scan_chain(chip: &Chip) -> Result<(), String> {
    let chain = chip
        .jtag
        .as_ref()
        .and_then(|j| j.scan_chain.as_ref())
        .ok_or("no jtag.scan_chain")?;
    let got: Vec<(Option<&str>, u8)> = chain
        .iter()
        .map(|e| (e.name.as_deref(), e.ir_len()))
        .collect();
    let want = [(Some("ARM_DAP"), 4), (Some("PS_PL_TAP"), 12)];
    if got != want {
        return Err(format!("scan chain {got:?}, want {want:?}"));
    }
    for core in &chip.cores {
        let CoreAccessOptions::Arm(arm) = &core.core_access_options else {
            return Err(format!("{} is not an ARM core", core.name));
        };
        match arm.jtag_tap {
            Some(t) if chain.get(t).is_some_and(|e| e.ir_len() == 4) => {}
            other => return Err(format!("{}: jtag_tap {other:?} is not the DAP", core.name)),
        }
    }
    Ok(())
}

#[test]
fn probe_rs_descriptions_declare_the_zynqmp_jtag_scan_chain() {
    for b in BOARDS {
        let fam = chip_family(b);
        check_scan_chain(&fam.variants[0]).unwrap_or_else(|e| panic!("{}: {e}", b.name));
        let text = std::fs::read_to_string(board_dir(b).join("probe-rs.yaml")).unwrap();
        let (_, id) = IDCODES.iter().find(|(d, _)| *d == b.device).unwrap();
        assert!(
            text.contains(&format!(
                "IDCODE {id:#010x} for the {}",
                b.device.to_uppercase()
            )),
            "{}: the PS/PL TAP's IDCODE {id:#010x} is not documented",
            b.name
        );
        assert!(text.contains("IDCODE 0x5BA00477"), "{}", b.name);
    }
    // The check fails on a description without a chain, with the TAPs
    // swapped, or with a core on the wrong TAP.
    let text = std::fs::read_to_string(board_dir(&BOARDS[0]).join("probe-rs.yaml")).unwrap();
    let parse = |t: &str| -> Chip {
        let fam: ChipFamily = yaml_serde::from_str(t).unwrap();
        fam.validate().unwrap();
        fam.variants[0].clone()
    };
    let start = text.find("  jtag:\n").unwrap();
    let end = text.find("  memory_map:\n").unwrap();
    let no_chain = format!("{}{}", &text[..start], &text[end..]);
    assert!(check_scan_chain(&parse(&no_chain))
        .unwrap_err()
        .contains("no jtag"));
    let swapped = text
        .replacen(
            "    - name: ARM_DAP\n      ir_len: 4\n",
            "    - name: X\n      ir_len: 99\n",
            1,
        )
        .replacen(
            "    - name: PS_PL_TAP\n      ir_len: 12\n",
            "    - name: ARM_DAP\n      ir_len: 4\n",
            1,
        )
        .replacen(
            "    - name: X\n      ir_len: 99\n",
            "    - name: PS_PL_TAP\n      ir_len: 12\n",
            1,
        );
    assert_ne!(swapped, text);
    assert!(check_scan_chain(&parse(&swapped)).is_err());
    let wrong_tap = text.replacen("      jtag_tap: 0\n", "      jtag_tap: 1\n", 1);
    assert_ne!(wrong_tap, text);
    assert!(check_scan_chain(&parse(&wrong_tap))
        .unwrap_err()
        .contains("a53_0"));
}

/// The ```sh blocks of a README, as (line number, text) of each block.
fn sh_blocks(readme: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(readme).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, l) if l.starts_with("```sh") || l.starts_with("```bash") => {
                current = Some((n + 2, String::new()));
            }
            (Some(_), l) if l.starts_with("```") => blocks.push(current.take().unwrap()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            _ => {}
        }
    }
    assert!(
        current.is_none(),
        "{}: unclosed code block",
        readme.display()
    );
    blocks
}

/// Every shell command in the boards' READMEs is valid shell (bash -n),
/// uses no unquoted glob (failglob in an empty directory), and every
/// irqpipe command in them is accepted by irqpipe's own argument parser.
#[test]
fn readme_commands_are_valid_shell_and_valid_irqpipe_command_lines() {
    use clap::Parser;
    let empty = common::scratch("readme-globs");
    let mut irqpipe_lines = 0;
    for b in BOARDS {
        let readme = board_dir(b).join("README.md");
        let blocks = sh_blocks(&readme);
        assert!(blocks.len() >= 5, "{}: {} sh blocks", b.name, blocks.len());
        for (line, block) in blocks {
            let where_ = format!("boards/{}/README.md:{line}", b.name);
            let out = Command::new("bash")
                .args(["-n", "-c", &block])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{where_}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            // Run each irqpipe command line with irqpipe and sudo replaced by
            // functions that print the words the shell would pass.
            let joined = block.replace("\\\n", " ");
            for cmd in joined.lines().map(str::trim) {
                let Some(rest) = cmd
                    .strip_prefix("sudo ")
                    .or(Some(cmd))
                    .filter(|c| c.starts_with("irqpipe "))
                else {
                    continue;
                };
                let script = format!(
                    "shopt -s failglob; irqpipe() {{ printf '%s\\0' irqpipe \"$@\"; }}; {rest}"
                );
                let out = Command::new("bash")
                    .current_dir(&empty)
                    .args(["-c", &script])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{where_}: `{cmd}`: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let words: Vec<String> = out
                    .stdout
                    .split(|&c| c == 0)
                    .filter(|w| !w.is_empty())
                    .map(|w| String::from_utf8_lossy(w).into_owned())
                    .collect();
                if let Err(e) = irqpipe::cli::Cli::try_parse_from(&words) {
                    panic!("{where_}: `{cmd}` is not an irqpipe command line: {e}");
                }
                irqpipe_lines += 1;
            }
        }
    }
    assert!(
        irqpipe_lines >= 3 * 8,
        "only {irqpipe_lines} irqpipe lines found"
    );
    // The checks can fail: the line this test was written for, and a glob.
    let broken = "irqpipe log --elf x.elf --baud 115200 /dev/ttyUSB1 (PS UART1 on the FTDI)\n";
    let out = Command::new("bash")
        .args(["-n", "-c", broken])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let glob = "shopt -s failglob; echo GLOBAL.SRC_CFG[3].STAGE";
    let out = Command::new("bash")
        .current_dir(&empty)
        .args(["-c", glob])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(irqpipe::cli::Cli::try_parse_from(["irqpipe", "regs", "write", "X"]).is_err());
}
