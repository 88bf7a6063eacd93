//! The router's dt-schema binding (linux-glue/bindings) checked with
//! dtschema, installed from PyPI into a venv under target/ (cached): the
//! document against the meta-schema, its example, and the very router
//! nodes the QEMU tests boot with. A broken node must be rejected, so the
//! check is known to bite.
//!
//! If dtschema cannot be installed (no python3 venv, no PyPI) the test says
//! so loudly and passes; set QEMU_LINUX_REQUIRE_DTSCHEMA=1 to make that a
//! failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use qemu_linux::{cache_root, run, workspace_root, Kernel};

const DTSCHEMA: &str = "dtschema==2026.9";

fn venv() -> Result<PathBuf, String> {
    let dir = cache_root().join("dtschema-venv");
    let stamp = dir.join(".installed");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(DTSCHEMA) {
        return Ok(dir.join("bin"));
    }
    let _ = std::fs::remove_dir_all(&dir);
    run(Command::new("python3").args(["-m", "venv"]).arg(&dir))?;
    run(Command::new(dir.join("bin/pip")).args([
        "install",
        "-q",
        "--disable-pip-version-check",
        DTSCHEMA,
    ]))?;
    std::fs::write(&stamp, DTSCHEMA).map_err(|e| e.to_string())?;
    Ok(dir.join("bin"))
}

fn binding_dir() -> PathBuf {
    workspace_root().join("linux-glue/bindings")
}

/// Preprocesses (for dt-bindings includes) and compiles a DTS.
fn dtb(k: &Kernel, dts: &Path) -> PathBuf {
    let inc = k
        .root
        .join(format!("usr/src/linux-headers-{}-common/include", k.abi));
    let pp = dts.with_extension("pp.dts");
    let out = run(Command::new("aarch64-linux-gnu-cpp")
        .args([
            "-nostdinc",
            "-undef",
            "-D__DTS__",
            "-x",
            "assembler-with-cpp",
            "-P",
            "-I",
        ])
        .arg(&inc)
        .arg(dts))
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&pp, out).unwrap();
    let dtb = dts.with_extension("dtb");
    run(Command::new("dtc")
        .args(["-q", "-O", "dtb", "-o"])
        .arg(&dtb)
        .arg(&pp))
    .unwrap_or_else(|e| panic!("{e}"));
    dtb
}

/// dt-validate's complaints (it exits 0 even when it has some).
fn validate(bin: &Path, schema: &Path, dtb: &Path) -> String {
    let out = Command::new(bin.join("dt-validate"))
        .arg("-s")
        .arg(schema)
        .arg(dtb)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Our router nodes on a minimal tree that has what they reference.
fn board_dts(dir: &Path, name: &str, fragments: &[String]) -> PathBuf {
    let mut s = String::from(
        "/dts-v1/;\n/ {\n\tcompatible = \"xlnx,zynqmp\";\n\tmodel = \"test\";\n\
         \t#address-cells = <2>;\n\t#size-cells = <2>;\n\tgpio-keys { };\n\
         \taxi {\n\t\tinterrupt-controller@f9010000 {\n\t\t\tinterrupt-controller;\n\
         \t\t\t#interrupt-cells = <3>;\n\t\t};\n\t};\n",
    );
    // The CPU nodes interrupt-affinity points at, as in Debian's zcu102 tree.
    s.push_str("\tcpus {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <0>;\n");
    for c in 0..4 {
        s.push_str(&format!(
            "\t\tcpu@{c} {{\n\t\t\tdevice_type = \"cpu\";\n\t\t\t\
             compatible = \"arm,cortex-a53\";\n\t\t\treg = <{c}>;\n\t\t\t\
             enable-method = \"psci\";\n\t\t}};\n"
        ));
    }
    s.push_str("\t};\n};\n");
    for (i, f) in fragments.iter().enumerate() {
        let p = dir.join(format!("{name}-{i}.dtsi"));
        std::fs::write(&p, f).unwrap();
        s.push_str(&format!("/include/ \"{}\"\n", p.display()));
    }
    let p = dir.join(format!("{name}.dts"));
    std::fs::write(&p, s).unwrap();
    p
}

#[test]
fn binding_document_example_and_qemu_nodes_validate() {
    let bin = match venv() {
        Ok(b) => b,
        Err(e) if std::env::var_os("QEMU_LINUX_REQUIRE_DTSCHEMA").is_none() => {
            eprintln!("\n*** SKIPPED: dtschema ({DTSCHEMA}) could not be installed, the binding is NOT validated:\n{e}\n");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let dir = cache_root().join("dt-binding");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let yaml = binding_dir().join("interrupt-controller/irqpipe,irq-router.yaml");

    // The document itself, against dtschema's meta-schemas.
    let out = run(Command::new(bin.join("dt-doc-validate"))
        .arg("-u")
        .arg(binding_dir())
        .arg(&yaml))
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.trim().is_empty(), "dt-doc-validate:\n{out}");

    // Processed schema: dtschema's core schemas plus ours.
    let schema = dir.join("processed-schema.json");
    let json = run(Command::new(bin.join("dt-mk-schema"))
        .arg("-j")
        .arg("-u")
        .arg(binding_dir()))
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&schema, json).unwrap();

    // The example in the document.
    let ex = run(Command::new(bin.join("dt-extract-example")).arg(&yaml))
        .unwrap_or_else(|e| panic!("{e}"));
    let ex_dts = dir.join("example.dts");
    std::fs::write(&ex_dts, ex).unwrap();
    let out = validate(&bin, &schema, &dtb(k, &ex_dts));
    assert!(out.trim().is_empty(), "example does not validate:\n{out}");

    // The nodes the QEMU tests boot with.
    let dt = Path::new(env!("CARGO_MANIFEST_DIR")).join("dt");
    let real = std::fs::read_to_string(dt.join("router-real.dtsi")).unwrap();
    let fake = std::fs::read_to_string(dt.join("router-fake.dtsi")).unwrap();
    let wake = std::fs::read_to_string(dt.join("router-wake.dtsi")).unwrap();
    let remap = std::fs::read_to_string(dt.join("router-remap.dtsi")).unwrap();
    // The gpio-keys consumers' own binding lives in the kernel tree, not in
    // dtschema: judge only what concerns the router nodes.
    for (name, frags) in [
        ("qemu", vec![real.clone(), fake, wake]),
        ("remap", vec![remap]),
    ] {
        let out = validate(&bin, &schema, &dtb(k, &board_dts(&dir, name, &frags)));
        let ours: Vec<&str> = out
            .lines()
            .filter(|l| l.contains("interrupt-controller@"))
            .collect();
        assert!(ours.is_empty(), "QEMU router nodes ({name}) do not validate:\n{out}");
    }

    // The QEMU test's deliberately bad nodes: the one without interrupts is
    // also against the binding.
    let bad_nodes = std::fs::read_to_string(dt.join("router-fake-bad.dtsi")).unwrap();
    let out = validate(
        &bin,
        &schema,
        &dtb(k, &board_dts(&dir, "bad-nodes", &[bad_nodes])),
    );
    assert!(
        out.contains("interrupt-controller@fffd0000")
            && out.contains("'interrupts' is a required property"),
        "the node without interrupts was not rejected:\n{out}"
    );
    assert!(
        !out.contains("interrupt-controller@fffe0000"),
        "the other bad node is valid DT:\n{out}"
    );

    // A broken node must be caught: three interrupt cells, no reg-names, a
    // line named after no router CPU, #address-cells other than 0.
    let broken = real
        .replace("#interrupt-cells = <2>;", "#interrupt-cells = <3>;")
        .replace("reg-names = \"global\", \"inband\";", "")
        .replace("\"inband3\"", "\"inband9\"")
        .replace("#address-cells = <0>;", "#address-cells = <1>;");
    assert_ne!(broken, real, "the dtsi changed: update this test's edits");
    let bad = board_dts(&dir, "broken", &[broken]);
    let out = validate(&bin, &schema, &dtb(k, &bad));
    eprintln!("dt-validate on the broken node (expected complaints):\n{out}");
    for what in ["#interrupt-cells", "reg-names", "inband9", "#address-cells"] {
        assert!(
            out.contains("interrupt-controller@a0000000") && out.contains(what),
            "the broken node's {what} was not rejected:\n{out}"
        );
    }
}
