//! Puts link.x and a memory.x on the linker search path. The memory map is
//! QEMU's (firmware/a53/memory.x) unless ZYNQMP_MEMORY_X names a board's
//! memory.x (boards/<board>/memory.x defines the same RAM region).
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let here = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let memory = std::env::var_os("ZYNQMP_MEMORY_X")
        .map(PathBuf::from)
        .unwrap_or_else(|| here.join("../memory.x"));
    std::fs::copy(here.join("link.x"), out.join("link.x")).expect("copy link.x");
    std::fs::copy(&memory, out.join("zynqmp-memory.x"))
        .unwrap_or_else(|e| panic!("copy {}: {e}", memory.display()));
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=link.x");
    println!("cargo:rerun-if-changed={}", memory.display());
    println!("cargo:rerun-if-env-changed=ZYNQMP_MEMORY_X");
}
