//! Stopping the machine. With feature `semihosting` (QEMU, run with
//! `-semihosting`): SYS_EXIT (operation 0x18) through `hlt #0xf000`, whose
//! parameter block is {ADP_Stopped_ApplicationExit = 0x20026, exit code}
//! (Arm semihosting spec v2, SYS_EXIT on AArch64); QEMU exits with that code.
//! Without it (a board, where `hlt` undefined-traps unless a debugger
//! enables halting): park the core in a WFE loop with exceptions masked.

/// Exit code of a fatal (unexpected) exception.
pub const EXIT_FAULT: u32 = 101;
/// Exit code of a panic.
pub const EXIT_PANIC: u32 = 102;

/// Ends the run with `code` (0 = success), after draining the defmt frames
/// every core has completed.
pub fn exit(code: u32) -> ! {
    crate::sync::mask_all();
    crate::logger::drain_final();
    #[cfg(feature = "semihosting")]
    {
        let block: [u64; 2] = [0x20026, code as u64];
        // SAFETY: semihosting call; QEMU does not return from SYS_EXIT.
        unsafe {
            core::arch::asm!("hlt #0xf000", in("w0") 0x18u32, in("x1") block.as_ptr(), options(nostack));
        }
    }
    #[cfg(not(feature = "semihosting"))]
    let _ = code;
    halt()
}

/// Parks this core for good.
pub fn halt() -> ! {
    crate::sync::mask_all();
    loop {
        aarch64_cpu::asm::wfe();
    }
}
