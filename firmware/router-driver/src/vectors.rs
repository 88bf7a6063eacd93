//! IPI vector assignment: the protocol between the oob firmware and the
//! in-band glue. The router only knows vector numbers; these give them the
//! meaning Dovetail's IPIs have (see DOVETAIL-NOTES: `irq_send_oob_ipi`,
//! the oob reschedule / timer / call-function IPIs).

/// Oob stage: ask the target's oob scheduler to re-evaluate (Dovetail's
/// RESCHEDULE_OOB_IPI).
pub const OOB_RESCHEDULE: u8 = 0;
/// Oob stage: the target must reprogram its oob tick (TIMER_OOB_IPI).
pub const OOB_TIMER: u8 = 1;
/// Oob stage: run a queued cross-CPU function call (CALL_FUNCTION_OOB_IPI).
pub const OOB_CALL_FUNCTION: u8 = 2;
/// Oob stage: the in-band side posted messages on its channel to the oob core.
pub const OOB_CHANNEL: u8 = 3;

/// In-band stage: the oob core posted messages on its channel to Linux.
pub const INBAND_CHANNEL: u8 = 0;
/// In-band stage: the oob core asks Linux to reschedule (an in-band
/// `irq_work`-style kick after oob activity).
pub const INBAND_RESCHEDULE: u8 = 1;
