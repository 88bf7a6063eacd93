//! Partitioned mode on the ZCU102: the EL3 monitor and the oob core own CPU 0
//! and a Secure carve-out; Linux owns CPUs 1-3 and the rest of DDR. This
//! crate is the single source of every address and interrupt number the
//! two worlds must agree on. The EL3 monitor (`firmware/a53/el3-monitor`)
//! and the oob image read it at build time (their `memory.x` files are
//! generated from it), and the QEMU tests (`tests/qemu-partitioned`) build
//! the `-device loader` arguments and the device tree from it.
//!
//! QEMU `xlnx-zcu102 -m 2G` maps DDR at 0..0x8000_0000 (TOOLCHAIN.md). The
//! carve-out is the one `boards/zcu102/memory.x` reserves (16 MiB at
//! 0x7800_0000): here the monitor takes its first MiB and the oob image
//! the rest. On a board with TF-A there is no monitor of ours, so the oob
//! image may take the whole carve-out (that is what the board's memory.x
//! does).
#![no_std]

/// A physical address range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub base: u64,
    pub size: u64,
}

impl Region {
    pub const fn end(&self) -> u64 {
        self.base + self.size
    }
    pub const fn contains(&self, addr: u64) -> bool {
        addr >= self.base && addr < self.end()
    }
    /// Whether `[addr, addr + len)` lies wholly inside.
    pub const fn contains_range(&self, addr: u64, len: u64) -> bool {
        addr >= self.base && len <= self.size && addr - self.base <= self.size - len
    }
}

/// All of DDR QEMU gives the machine with `-m 2G`.
pub const DDR: Region = Region { base: 0, size: 0x8000_0000 };

/// The Secure carve-out: Linux's device tree marks it `no-map` in
/// /reserved-memory. Monitor and oob image live here.
pub const SECURE_CARVEOUT: Region = Region { base: 0x7800_0000, size: 0x0100_0000 };
/// The EL3 monitor's image, stacks and data (start of the carve-out).
pub const MONITOR: Region = Region { base: 0x7800_0000, size: 0x0010_0000 };
/// The oob core's image and stacks (the rest of the carve-out).
pub const OOB_IMAGE: Region = Region { base: 0x7810_0000, size: 0x00F0_0000 };

/// The shared channel region: Normal, Inner Shareable, **Non-secure** on
/// both sides (a Secure mapping of the same PA would not be coherent with
/// Linux's: NS is part of the cache tag). One 2 MiB block, so the oob core
/// maps it with a single level-2 descriptor. Linux reserves it `no-map`
/// and the channel module maps it write-back.
pub const SHARED: Region = Region { base: 0x7900_0000, size: 0x0020_0000 };

/// Where the tests load Linux's pieces (QEMU `-device loader`): the raw
/// arm64 Image at a 2 MiB-aligned base (text_offset 0 since Linux 5.8),
/// the DTB and the initramfs after it. The monitor hands the DTB address to
/// Linux in x0.
pub const KERNEL: u64 = 0x0020_0000;
/// Room left for the kernel image, including its BSS (`image_size` in the
/// Image header, 32 MiB for Debian 6.1): the DTB starts above it.
pub const KERNEL_MAX: u64 = 0x03E0_0000;
pub const DTB: u64 = 0x0400_0000;
pub const DTB_MAX: u64 = 0x0010_0000;
pub const INITRD: u64 = 0x0480_0000;
/// Room for the initramfs (the monitor cleans Linux's images up to here).
pub const INITRD_MAX: u64 = 0x0400_0000;

/// The CPU the oob core owns (MPIDR Aff0), and the ones Linux owns. Linux
/// boots on the first of these; its DT lists only them.
pub const OOB_CPU: usize = 0;
pub const LINUX_CPUS: [usize; 3] = [1, 2, 3];
pub const LINUX_BOOT_CPU: usize = 1;
pub const NUM_CPUS: usize = 4;

/// Whether `addr` may be a Linux entry point (PSCI CPU_ON): in DDR, outside
/// the Secure carve-out, 4-byte aligned.
pub const fn is_linux_entry(addr: u64) -> bool {
    DDR.contains(addr) && !SECURE_CARVEOUT.contains(addr) && addr % 4 == 0
}

/// oob -> Linux doorbell: a spare SPI that nothing drives on QEMU or on a
/// board with the router (PL_PS_IRQ1[7], UG1085 "System Interrupts": GIC
/// ID 143 = SPI 111). The oob core sets it pending through GICD_ISPENDR (a
/// Secure write may set any interrupt pending); Linux declares it edge
/// triggered in the channel's DT node and owns its group-1 configuration.
pub const DOORBELL_TO_LINUX_SPI: u32 = 111;
/// The same as a GIC interrupt ID.
pub const DOORBELL_TO_LINUX_ID: u32 = 32 + DOORBELL_TO_LINUX_SPI;

/// Linux -> oob doorbell: group-0 SGI 8 to CPU 0. Non-secure software may
/// raise it only because the monitor sets GICD_NSACR's field for it to
/// 0b01 ("NS may generate this group-0 SGI"); SGIs 0-7 stay Linux's.
pub const DOORBELL_TO_OOB_SGI: u32 = 8;

/// Layout of [`SHARED`]: a header, then one ring per direction, each an
/// `rt_core::channel::Ring<RING_SLOTS>` at the given offset.
pub mod shm {
    /// "OOBCHAN1": the header's first word once the oob core has laid out
    /// the region (written last, with release semantics).
    pub const MAGIC: u64 = 0x314e_4148_4342_4f4f;
    /// Layout version in the header; bumped on any change below.
    pub const VERSION: u32 = 1;
    /// Header: magic (u64) at 0, version (u32) at 8, slots per ring (u32)
    /// at 12, ring offsets (u32 each) at 16 (oob -> Linux) and 20 (Linux -> oob).
    pub const HEADER_MAGIC: usize = 0;
    pub const HEADER_VERSION: usize = 8;
    pub const HEADER_SLOTS: usize = 12;
    pub const HEADER_TO_LINUX: usize = 16;
    pub const HEADER_TO_OOB: usize = 20;
    /// Slots per ring (a power of two).
    pub const RING_SLOTS: usize = 64;
    /// oob -> Linux ring (oob produces, Linux consumes).
    pub const TO_LINUX: usize = 0x1000;
    /// Linux -> oob ring (Linux produces, oob consumes).
    pub const TO_OOB: usize = 0x3000;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_nest_and_do_not_overlap() {
        assert_eq!(MONITOR.base, SECURE_CARVEOUT.base);
        assert_eq!(MONITOR.end(), OOB_IMAGE.base);
        assert_eq!(OOB_IMAGE.end(), SECURE_CARVEOUT.end());
        assert!(SHARED.base >= SECURE_CARVEOUT.end());
        assert!(DDR.contains_range(SHARED.base, SHARED.size));
        assert_eq!(SHARED.base % 0x20_0000, 0, "one 2 MiB block");
        assert!(KERNEL + KERNEL_MAX <= DTB && DTB + DTB_MAX <= INITRD && INITRD + INITRD_MAX <= SECURE_CARVEOUT.base);
        assert_eq!(KERNEL % 0x20_0000, 0);
    }

    #[test]
    fn linux_entry_points_exclude_the_carveout() {
        assert!(is_linux_entry(KERNEL));
        assert!(!is_linux_entry(MONITOR.base));
        assert!(!is_linux_entry(OOB_IMAGE.base + 0x100));
        assert!(!is_linux_entry(KERNEL + 2));
        assert!(!is_linux_entry(0x8000_0000));
        assert!(is_linux_entry(SHARED.base - 4) == !SECURE_CARVEOUT.contains(SHARED.base - 4));
    }

    #[test]
    fn range_check_does_not_overflow() {
        assert!(!SHARED.contains_range(u64::MAX - 4, 8));
        assert!(SHARED.contains_range(SHARED.base, SHARED.size));
        assert!(!SHARED.contains_range(SHARED.base, SHARED.size + 1));
    }
}
