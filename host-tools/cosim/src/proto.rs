//! What a simulated CPU asks of the simulation kernel, and the answers.
//!
//! Each CPU runs as its own thread executing ordinary, straight-line code
//! (the firmware driver and real-time core, and the Linux-like load), and
//! blocks on every request; the kernel answers one CPU at a time, in
//! simulated-time order, so a run is deterministic.

/// Which interrupts may cut a computation short (the CPU's DAIF mask in the
/// context that computes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mask {
    pub fiq: bool,
    pub irq: bool,
}

impl Mask {
    pub const NONE: Mask = Mask {
        fiq: false,
        irq: false,
    };
    pub const FIQ: Mask = Mask {
        fiq: true,
        irq: false,
    };
    pub const ALL: Mask = Mask {
        fiq: true,
        irq: true,
    };
}

/// The TrustZone world a bus access comes from: its AxPROT[1] on the
/// router's port (spec §8). The oob firmware runs Secure, Linux Non-secure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum World {
    Secure,
    NonSecure,
}

impl World {
    /// AxPROT of a data access from this world.
    pub fn prot(self) -> u8 {
        match self {
            World::Secure => 0b000,
            World::NonSecure => 0b010,
        }
    }
}

/// An exception the kernel delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exception {
    Fiq,
    Irq,
}

/// Operations on the software pipeline's GIC model (software mode only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GicOp {
    /// GICC_IAR: take the highest-priority pending interrupt.
    Ack,
    /// GICC_EOIR.
    Eoi(u32),
    /// GICD_SGIR: an SGI to the CPUs of the mask.
    Sgi { targets: u8, id: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Req {
    /// One router register read (hardware mode), from the Secure (oob) or
    /// Non-secure (Linux) world.
    Read(u32, World),
    /// One router register write (hardware mode), posted: answered at once
    /// with [`Resp::Posted`], carried on the bus after the CPU's earlier
    /// accesses.
    Write(u32, u32, World),
    /// Run for `cycles` fabric cycles; `timer` is the CPU's armed timer
    /// compare value (the generic timer's CVAL), `idle` marks the WFI of a
    /// CPU with nothing left to do once the load has stopped.
    Compute {
        cycles: u64,
        mask: Mask,
        timer: Option<u64>,
        idle: bool,
    },
    /// The handler acknowledged a level source at its device: the line falls.
    DeviceAck(u16),
    Gic(GicOp),
    /// Set-up done (routing programmed, stages unstalled): the load may
    /// start once every CPU says so.
    Ready,
    /// The thread ends.
    Exit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resp {
    /// `edge`: the edge at which the read executed (AR handshake).
    Read {
        value: u32,
        edge: u64,
        now: u64,
    },
    /// `edge`: the edge at which the write executed (the kernel's own
    /// record of a posted write; a CPU never waits for it).
    Written {
        edge: u64,
        now: u64,
    },
    /// The write went into the CPU's write buffer as posted write `id`
    /// (`KernelLog::posted`); the CPU goes on.
    Posted {
        id: usize,
        now: u64,
    },
    /// `remaining` cycles were left when `exception` cut in (None: ran to the end).
    Computed {
        exception: Option<Exception>,
        remaining: u64,
        now: u64,
    },
    Done {
        now: u64,
    },
    /// GICC_IAR's value (1023 when nothing was pending) and the cycle it was read.
    Gic {
        value: u32,
        now: u64,
    },
    /// The load is over and everything drained: the idle CPU exits.
    Stop {
        now: u64,
    },
}

impl Resp {
    pub fn now(&self) -> u64 {
        match *self {
            Resp::Read { now, .. }
            | Resp::Written { now, .. }
            | Resp::Posted { now, .. }
            | Resp::Computed { now, .. }
            | Resp::Done { now }
            | Resp::Gic { now, .. }
            | Resp::Stop { now } => now,
        }
    }
}

/// GIC IDs the software pipeline uses besides the PL sources (0..NSRC).
pub const GIC_SPURIOUS: u32 = 1023;
/// SGI n of the software pipeline (oob IPIs and the in-band doorbell).
pub const GIC_SGI_BASE: u32 = 0x400;
/// The oob tick's PPI in the software pipeline.
pub const GIC_TIMER: u32 = 0x500;
