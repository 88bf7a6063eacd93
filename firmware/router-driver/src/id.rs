//! The IDs CLAIM returns and COMPLETE takes (spec §6).

use irq_router_layout as l;

/// What a CLAIM read handed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Claim {
    /// External source `n`: must be completed once handled.
    Source(u16),
    /// IPI vector `v` of this page's stage: nothing to complete.
    Ipi(u8),
    /// The log held nothing deliverable.
    None,
    /// An ID the interface does not define: a broken or foreign device.
    Invalid(u32),
}

impl Claim {
    pub(crate) fn decode(raw: u32, nsrc: u16, nipi: u8) -> Claim {
        let id = (raw >> l::PAGE_CLAIM_ID_LSB) & ((1 << l::PAGE_CLAIM_ID_WIDTH) - 1);
        if raw >> l::PAGE_CLAIM_ID_WIDTH != 0 {
            // Reserved bits read as zero on a conforming router.
            Claim::Invalid(raw)
        } else if id == l::PAGE_CLAIM_ID_NONE {
            Claim::None
        } else if id < nsrc as u32 {
            Claim::Source(id as u16)
        } else if (l::PAGE_CLAIM_ID_IPI_BASE..l::PAGE_CLAIM_ID_IPI_BASE + nipi as u32).contains(&id)
        {
            Claim::Ipi((id - l::PAGE_CLAIM_ID_IPI_BASE) as u8)
        } else {
            Claim::Invalid(raw)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_decode_by_range() {
        assert_eq!(Claim::decode(0, 32, 8), Claim::Source(0));
        assert_eq!(Claim::decode(31, 32, 8), Claim::Source(31));
        assert_eq!(Claim::decode(32, 32, 8), Claim::Invalid(32));
        assert_eq!(Claim::decode(0x100, 32, 8), Claim::Ipi(0));
        assert_eq!(Claim::decode(0x107, 32, 8), Claim::Ipi(7));
        assert_eq!(Claim::decode(0x108, 32, 8), Claim::Invalid(0x108));
        assert_eq!(Claim::decode(0x3FF, 32, 8), Claim::None);
        assert_eq!(Claim::decode(0x400, 32, 8), Claim::Invalid(0x400));
    }
}
