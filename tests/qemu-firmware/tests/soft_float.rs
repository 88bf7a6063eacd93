//! The FP/SIMD strategy, checked on the images themselves: the firmware is
//! built soft-float, so no instruction in any program touches an FP/SIMD
//! register or FPCR/FPSR — except the `fp` test program's `fp_hold`, which
//! does so on purpose and must be found (so the check can fail). That is
//! what lets the vectors save no FP state (zynqmp-hal/src/vectors.rs).
use object::{Object, ObjectSection, ObjectSymbol, SectionKind};
use qemu_firmware::*;

/// Whether an A64 instruction word uses the FP/SIMD registers or FPCR/FPSR
/// (Arm ARM DDI 0487, C4.1 "A64 instruction set encoding", op0 = bits 28:25).
fn is_fp_simd(insn: u32) -> bool {
    let op0 = (insn >> 25) & 0xF;
    // Data processing, scalar floating-point and Advanced SIMD: op0 = x111.
    let data = op0 & 0b0111 == 0b0111;
    // Loads and stores (op0 = x1x0) with V (bit 26) set: SIMD&FP registers.
    let load_store = op0 & 0b0101 == 0b0100 && insn & (1 << 26) != 0;
    // MRS/MSR (register) of FPCR (S3_3_C4_C4_0) or FPSR (S3_3_C4_C4_1).
    let sysreg = insn >> 22 == 0b11_0101_0100 && (insn >> 20) & 1 == 1 && matches!((insn >> 5) & 0xFFFF, 0xDA20 | 0xDA21);
    data || load_store || sysreg
}

/// (address, enclosing function symbol) of every FP/SIMD instruction in
/// the executable sections of `elf`.
fn fp_simd_instructions(elf: &[u8]) -> Vec<(u64, String)> {
    let f = object::File::parse(elf).expect("ELF");
    let mut syms: Vec<(u64, u64, String)> = f
        .symbols()
        .filter(|s| s.address() != 0 && !s.name().unwrap_or("$").starts_with('$'))
        .map(|s| (s.address(), s.address() + s.size(), s.name().unwrap_or("?").to_string()))
        .collect();
    syms.sort();
    // The function holding `addr`; for assembly labels without a size,
    // the nearest one before it.
    let name = |addr: u64| -> String {
        syms.iter()
            .find(|s| (s.0..s.1).contains(&addr))
            .or_else(|| syms.iter().filter(|s| s.0 <= addr).last())
            .map_or("?".to_string(), |s| s.2.clone())
    };
    let mut found = Vec::new();
    for sec in f.sections().filter(|s| s.kind() == SectionKind::Text) {
        let data = sec.data().expect("section bytes");
        for (i, w) in data.chunks_exact(4).enumerate() {
            let insn = u32::from_le_bytes(w.try_into().unwrap());
            if is_fp_simd(insn) {
                let addr = sec.address() + 4 * i as u64;
                found.push((addr, name(addr)));
            }
        }
    }
    found
}

#[test]
fn decoder_knows_fp_simd_from_integer_instructions() {
    // Encodings from the GNU assembler (aarch64-linux-gnu-as).
    for (insn, text) in [
        (0x9e6703f1, "fmov d17, xzr"),
        (0xad400400, "ldp q0, q1, [x0]"),
        (0x6dbc27e8, "stp d8, d9, [sp, #-64]!"),
        (0xd51b4406, "msr fpcr, x6"),
        (0xd53b4426, "mrs x6, fpsr"),
        (0x4ea11c20, "mov v0.16b, v1.16b"),
        (0x1e202008, "fcmp s0, #0.0"),
    ] {
        assert!(is_fp_simd(insn), "{text} ({insn:#010x}) not recognised");
    }
    for (insn, text) in [
        (0x8b020020, "add x0, x1, x2"),
        (0xa94007e0, "ldp x0, x1, [sp]"),
        (0xb9400c20, "ldr w0, [x1, #12]"),
        (0xd50341df, "msr daifset, #1"),
        (0xd538d080, "mrs x0, tpidr_el1"),
        (0xd69f03e0, "eret"),
        (0xd65f03c0, "ret"),
        (0x885ffc08, "ldaxr w8, [x0]"),
    ] {
        assert!(!is_fp_simd(insn), "{text} ({insn:#010x}) taken for FP/SIMD");
    }
}

#[test]
fn no_program_touches_fp_simd_registers_outside_the_fp_test() {
    let bins = std::fs::read_dir(firmware_dir().join("oob-core/src/bin")).expect("program sources");
    let mut programs: Vec<String> = bins
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    programs.push("oob-core".into());
    programs.sort();
    let mut in_fp_hold = 0;
    for prog in &programs {
        let elf = std::fs::read(elf_path(prog)).unwrap_or_else(|e| panic!("{prog}: {e}"));
        let found = fp_simd_instructions(&elf);
        let (allowed, stray): (Vec<_>, Vec<_>) = found.into_iter().partition(|(_, s)| prog == "fp" && s == "fp_hold");
        assert!(stray.is_empty(), "{prog}: FP/SIMD instructions at {:x?}", stray);
        in_fp_hold += allowed.len();
    }
    // fp_hold: 8 d8-d15 saves/restores, 48 q-pair loads/stores (load the
    // patterns, store before, store after), 8 FPCR/FPSR moves.
    assert_eq!(in_fp_hold, 8 + 48 + 8, "the check must see fp_hold's FP instructions");
}
