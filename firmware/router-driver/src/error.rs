//! Driver errors.

use core::fmt;
use irq_router_layout as l;

/// Why [`crate::Router::probe`] refused the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeError {
    /// GLOBAL.ID is not "IRQR": nothing, or something else, answers there.
    NotARouter { id: u32 },
    /// A router of an interface major version this driver does not speak.
    Version { major: u16, minor: u16 },
    /// HWCFG holds parameters no router of this interface can have.
    BadHwcfg { hwcfg: u32 },
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ProbeError::NotARouter { id } => write!(
                f,
                "no irq_router here: ID reads {id:#010x}, expected {:#010x} (\"IRQR\")",
                l::GLOBAL_ID_RESET
            ),
            ProbeError::Version { major, minor } => write!(
                f,
                "irq_router interface version {major}.{minor} is not supported (driver speaks {}.{} and later {}.x)",
                crate::router::SUPPORTED_MAJOR,
                crate::router::MIN_MINOR,
                crate::router::SUPPORTED_MAJOR
            ),
            ProbeError::BadHwcfg { hwcfg } => {
                write!(f, "irq_router HWCFG {hwcfg:#010x} describes an impossible instance")
            }
        }
    }
}

/// Sticky flags of GLOBAL.ERR: what the router rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct ErrFlags(pub u32);

impl ErrFlags {
    pub const BAD_CPU: ErrFlags = ErrFlags(1 << l::GLOBAL_ERR_BAD_CPU_LSB);
    pub const BAD_VECTOR: ErrFlags = ErrFlags(1 << l::GLOBAL_ERR_BAD_VECTOR_LSB);
    pub const LOCKED: ErrFlags = ErrFlags(1 << l::GLOBAL_ERR_LOCKED_LSB);
    pub const BAD_COMPLETE: ErrFlags = ErrFlags(1 << l::GLOBAL_ERR_BAD_COMPLETE_LSB);
    pub const BAD_KEY: ErrFlags = ErrFlags(1 << l::GLOBAL_ERR_BAD_KEY_LSB);
    /// A Non-secure write that would have changed oob state was refused.
    pub const DENIED: ErrFlags = ErrFlags(1 << l::GLOBAL_ERR_DENIED_LSB);

    pub fn contains(self, f: ErrFlags) -> bool {
        self.0 & f.0 == f.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// A request the driver refused, or the router rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// A source number at or beyond NSRC.
    NoSuchSource(u16),
    /// A CPU at or beyond NCPU.
    NoSuchCpu(u8),
    /// An IPI vector at or beyond NIPI.
    NoSuchVector(u8),
    /// The router refused the write (LOCK set, ...): the flags it raised.
    Rejected(ErrFlags),
    /// LOCK is set: oob routing is frozen until reset.
    Locked,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::NoSuchSource(n) => write!(f, "source {n} does not exist on this router"),
            Error::NoSuchCpu(c) => write!(f, "CPU {c} is not served by this router"),
            Error::NoSuchVector(v) => write!(f, "IPI vector {v} does not exist on this router"),
            Error::Rejected(e) => write!(f, "the router rejected the write (ERR = {:#x})", e.0),
            Error::Locked => write!(f, "the router is locked: oob routing is frozen until reset"),
        }
    }
}
