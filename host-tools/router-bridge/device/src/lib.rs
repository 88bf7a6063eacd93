//! The register map of the router bridge's source device
//! (host-tools/router-bridge/src/sources.rs implements it; the table of
//! what each register does is there): written once here for the bridge and
//! for the oob core's `mainjob` image that reads it, as the router's own map
//! comes from its SVD. `no_std`, constants only.
#![no_std]

/// Where the register block sits in the bridge's window (after the
/// router's 128 KiB).
pub const DEVICE_BASE: u32 = 0x2_0000;
pub const DEVICE_SIZE: u32 = 0x1000;
pub const ID: u32 = 0x5352_4344;
pub const REG_ID: u32 = 0x000;
pub const REG_START: u32 = 0x004;
pub const REG_STATUS: u32 = 0x008;
pub const REG_ACK: u32 = 0x00C;
pub const REG_EVENTS: u32 = 0x010;
pub const REG_DRIVEN: u32 = 0x014;
pub const REG_RAISE: u32 = 0x018;
pub const REG_DRIVEN_SRC: u32 = 0x100;
pub const REG_MERGED_SRC: u32 = 0x180;
pub const REG_PLAN_SRC: u32 = 0x200;
pub const REG_TRACE: u32 = 0x01C;
pub const REG_FABRIC_KHZ: u32 = 0x020;
pub const REG_PLAN_LOAD: u32 = 0x024;
pub const REG_PLAN_CALL_GAP: u32 = 0x028;
pub const REG_PLAN_CALL_COST: u32 = 0x02C;
pub const REG_PLAN_MSG_COST: u32 = 0x030;
pub const REG_SEED: u32 = 0x034;
pub const REG_PLAN_TIMERS: u32 = 0x038;
pub const REG_PLAN_TIMER: u32 = 0x280;
/// Oob timers PLAN_TIMER describes (the `mainjob` image's capacity).
pub const MAX_TIMERS: usize = 8;
pub const PLAN_TIMER_USED: u32 = 1 << 31;
/// PLAN_SRC fields: the scenario drives the source; its stage is oob; it is
/// level-triggered; its priority (bits 4..5) and CPU (bits 8..9).
pub const PLAN_USED: u32 = 1 << 0;
pub const PLAN_OOB: u32 = 1 << 1;
pub const PLAN_LEVEL: u32 = 1 << 2;
pub const PLAN_PRIO_LSB: u32 = 4;
pub const PLAN_CPU_LSB: u32 = 8;
pub const STATUS_STARTED: u32 = 1;
pub const STATUS_DONE: u32 = 2;
pub const STATUS_LOAD_OVER: u32 = 4;


/// The firmware's trace words (TRACE writes), which only the record
/// keeps: what the oob core did that no router register shows. Bits 31..28
/// say what, the rest is the kind's.
pub mod trace {
    /// Oob timer `k` (bits 27..24) expired; its tick handler's first line
    /// ran `ticks` (bits 23..0, saturating) generic-timer ticks after the
    /// deadline.
    pub const TIMER: u32 = 1;
    /// A message was posted on the channel to Linux (bits 23..0: its
    /// sequence number, from 0).
    pub const MESSAGE: u32 = 2;
    /// A message could not be posted: the ring to Linux was full.
    pub const MESSAGE_FULL: u32 = 3;
    /// An in-band → oob call ran (bits 23..0: calls run so far, from 1).
    pub const CALL: u32 = 4;
    /// The generic timer's frequency, kHz (bits 23..0), once at start-up:
    /// the unit of TIMER's lateness.
    pub const COUNTER_KHZ: u32 = 5;
    /// The word of a `kind` with its `value` (bits 23..0, masked).
    pub const fn word(kind: u32, value: u32) -> u32 {
        kind << 28 | value & 0xFF_FFFF
    }
    /// TIMER's word: timer `k` (masked to 4 bits), `late` ticks (24 bits).
    pub const fn timer_word(k: u32, late: u32) -> u32 {
        TIMER << 28 | (k & 0xF) << 24 | late & 0xFF_FFFF
    }
    pub const fn kind(w: u32) -> u32 {
        w >> 28
    }
    pub const fn timer(w: u32) -> u32 {
        w >> 24 & 0xF
    }
    pub const fn value(w: u32) -> u32 {
        w & 0xFF_FFFF
    }
}


#[cfg(test)]
mod tests {
    use super::trace::*;

    #[test]
    fn trace_words_decode_to_what_was_encoded() {
        let w = timer_word(5, 0x12_3456);
        assert_eq!((kind(w), timer(w), value(w)), (TIMER, 5, 0x12_3456));
        let w = word(CALL, 0x100_0007);
        assert_eq!((kind(w), value(w)), (CALL, 7));
        assert_eq!(timer_word(16, 1 << 24), TIMER << 28, "k and late are masked, not carried into the kind");
    }
}
