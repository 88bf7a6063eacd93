//! Links every program of this crate with zynqmp-hal's link.x (put on the
//! search path by zynqmp-hal's build.rs) and defmt's defmt.x.
fn main() {
    println!("cargo:rustc-link-arg-bins=-Tlink.x");
    println!("cargo:rustc-link-arg-bins=-Tdefmt.x");
}
