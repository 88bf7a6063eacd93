//! Cadence UART (Zynq UltraScale+ UART0/UART1).
//!
//! Register offsets and bits: ZynqMP register reference (UG1087, module
//! UART), the same as Linux's `xilinx_uartps.c`: CR 0x00, MR 0x04, IDR 0x0C,
//! BAUDGEN 0x18, SR 0x2C, FIFO 0x30, BAUDDIV 0x34. QEMU drops output unless
//! CR has TXEN set and TXDIS clear (TOOLCHAIN.md).
//!
//! Implements `embedded_io::{Read, Write}`, `embedded_hal_nb::serial::{Read,
//! Write}` and `core::fmt::Write`.

use core::convert::Infallible;
use core::ptr::{read_volatile, write_volatile};
use embedded_hal_nb::nb;

pub const UART0_BASE: usize = 0xFF00_0000;
pub const UART1_BASE: usize = 0xFF01_0000;

const CR: usize = 0x00;
const MR: usize = 0x04;
const IDR: usize = 0x0C;
const BAUDGEN: usize = 0x18;
const SR: usize = 0x2C;
const FIFO: usize = 0x30;
const BAUDDIV: usize = 0x34;

const CR_RXRES: u32 = 1 << 0;
const CR_TXRES: u32 = 1 << 1;
const CR_RXEN: u32 = 1 << 2;
const CR_TXEN: u32 = 1 << 4;
const SR_RXEMPTY: u32 = 1 << 1;
const SR_TXEMPTY: u32 = 1 << 3;
const SR_TXFULL: u32 = 1 << 4;
/// MR: 8 data bits, no parity (PAR = 0b100), 1 stop bit, normal mode.
const MR_8N1: u32 = 0b100 << 3;

/// Baud-rate generator settings: baud = ref_clk / (CD * (BDIV + 1)).
#[derive(Clone, Copy, Debug)]
pub struct Baud {
    pub cd: u16,
    pub bdiv: u8,
}

impl Baud {
    /// Divisors for `baud` from a `ref_hz` reference clock (BDIV fixed at 4,
    /// a value the TRM allows; CD rounded to nearest).
    pub const fn for_rate(ref_hz: u32, baud: u32) -> Baud {
        let bdiv = 4u32;
        let cd = (ref_hz + baud * (bdiv + 1) / 2) / (baud * (bdiv + 1));
        Baud { cd: cd as u16, bdiv: bdiv as u8 }
    }
}

/// One Cadence UART instance (blocking TX/RX, polled).
pub struct Uart {
    base: usize,
}

impl Uart {
    /// # Safety
    /// `base` must be a Cadence UART mapped as device memory, and only one
    /// `Uart` may drive it at a time (or callers serialise, as the logger does).
    pub const unsafe fn new(base: usize) -> Uart {
        Uart { base }
    }

    fn rd(&self, off: usize) -> u32 {
        // SAFETY: per `new`.
        unsafe { read_volatile((self.base + off) as *const u32) }
    }
    fn wr(&self, off: usize, v: u32) {
        // SAFETY: per `new`.
        unsafe { write_volatile((self.base + off) as *mut u32, v) }
    }

    /// Resets the FIFOs, sets 8N1 and the optional divisors (a board's FSBL
    /// usually set them already; QEMU ignores them), enables TX and RX,
    /// and masks the UART's interrupts (it is polled).
    pub fn init(&mut self, baud: Option<Baud>) {
        self.wr(IDR, 0x1FFF);
        self.wr(CR, CR_TXRES | CR_RXRES);
        self.wr(MR, MR_8N1);
        if let Some(b) = baud {
            self.wr(BAUDGEN, b.cd as u32);
            self.wr(BAUDDIV, b.bdiv as u32);
        }
        self.wr(CR, CR_TXEN | CR_RXEN);
    }

    pub fn write_byte(&mut self, b: u8) {
        while self.rd(SR) & SR_TXFULL != 0 {}
        self.wr(FIFO, b as u32);
    }

    pub fn try_read_byte(&mut self) -> Option<u8> {
        if self.rd(SR) & SR_RXEMPTY != 0 {
            None
        } else {
            Some(self.rd(FIFO) as u8)
        }
    }

    /// Waits until the transmitter FIFO has drained.
    pub fn flush_tx(&mut self) {
        while self.rd(SR) & SR_TXEMPTY == 0 {}
    }
}

impl embedded_io::ErrorType for Uart {
    type Error = Infallible;
}

impl embedded_io::Write for Uart {
    fn write(&mut self, buf: &[u8]) -> Result<usize, Infallible> {
        for &b in buf {
            self.write_byte(b);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> Result<(), Infallible> {
        self.flush_tx();
        Ok(())
    }
}

impl embedded_io::Read for Uart {
    /// Blocks for the first byte, then returns what is already in the FIFO.
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Infallible> {
        if buf.is_empty() {
            return Ok(0);
        }
        buf[0] = loop {
            if let Some(b) = self.try_read_byte() {
                break b;
            }
        };
        let mut n = 1;
        while n < buf.len() {
            match self.try_read_byte() {
                Some(b) => buf[n] = b,
                None => break,
            }
            n += 1;
        }
        Ok(n)
    }
}

impl embedded_io::ReadReady for Uart {
    fn read_ready(&mut self) -> Result<bool, Infallible> {
        Ok(self.rd(SR) & SR_RXEMPTY == 0)
    }
}

impl embedded_io::WriteReady for Uart {
    fn write_ready(&mut self) -> Result<bool, Infallible> {
        Ok(self.rd(SR) & SR_TXFULL == 0)
    }
}

impl embedded_hal_nb::serial::ErrorType for Uart {
    type Error = Infallible;
}

impl embedded_hal_nb::serial::Write<u8> for Uart {
    fn write(&mut self, word: u8) -> nb::Result<(), Infallible> {
        if self.rd(SR) & SR_TXFULL != 0 {
            return Err(nb::Error::WouldBlock);
        }
        self.wr(FIFO, word as u32);
        Ok(())
    }
    fn flush(&mut self) -> nb::Result<(), Infallible> {
        if self.rd(SR) & SR_TXEMPTY == 0 {
            return Err(nb::Error::WouldBlock);
        }
        Ok(())
    }
}

impl embedded_hal_nb::serial::Read<u8> for Uart {
    fn read(&mut self) -> nb::Result<u8, Infallible> {
        self.try_read_byte().ok_or(nb::Error::WouldBlock)
    }
}

impl core::fmt::Write for Uart {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        for b in s.bytes() {
            if b == b'\n' {
                self.write_byte(b'\r');
            }
            self.write_byte(b);
        }
        Ok(())
    }
}
