//! The monitor's text log and the end of the run.
//!
//! Under QEMU (feature `semihosting`, run with `-semihosting`) each line goes
//! out through semihosting SYS_WRITE0 to QEMU's own stdout, a channel of its
//! own: UART0 is Linux's console and UART1 carries the oob core's defmt
//! frames. SYSTEM_OFF and SYSTEM_RESET end QEMU through SYS_EXIT (Arm
//! semihosting spec v2). A board build has no debugger to answer `hlt`:
//! lines are dropped, and the power calls go to the platform instead
//! (see README: the PMU firmware's system shutdown/reset).

use core::fmt::Write;

pub const EXIT_PANIC: u32 = 103;

struct Line {
    buf: [u8; 192],
    len: usize,
}

impl Write for Line {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        for &b in s.as_bytes() {
            // Keep room for "\n\0"; a longer line is cut, not overflowed.
            if self.len < self.buf.len() - 2 {
                self.buf[self.len] = b;
                self.len += 1;
            }
        }
        Ok(())
    }
}

/// Writes one line.
pub fn line(args: core::fmt::Arguments) {
    let mut l = Line { buf: [0; 192], len: 0 };
    let _ = l.write_fmt(args);
    l.buf[l.len] = b'\n';
    l.buf[l.len + 1] = 0;
    #[cfg(feature = "semihosting")]
    // SAFETY: SYS_WRITE0 (0x04) reads the NUL-terminated string at x1.
    unsafe {
        core::arch::asm!("hlt #0xf000", inout("x0") 0x04u64 => _, in("x1") l.buf.as_ptr(), options(nostack))
    };
}

/// Ends the run with `code` (QEMU: SYS_EXIT, the process exits with it).
pub fn exit(code: u32) -> ! {
    #[cfg(feature = "semihosting")]
    {
        let block: [u64; 2] = [0x20026, code as u64];
        // SAFETY: SYS_EXIT (0x18); QEMU does not return.
        unsafe { core::arch::asm!("hlt #0xf000", in("x0") 0x18u64, in("x1") block.as_ptr(), options(nostack)) };
    }
    let _ = code;
    crate::power::park()
}
