//! Priority selection for CLAIM (spec §6): highest priority first (3 is the
//! highest), ties to the lowest ID; sources (ID i < 0x100) therefore win ties
//! against IPIs (ID 0x100 + v).

/// 2-bit priorities of a set of entries, stored as two bit planes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prio<T> {
    pub lo: T,
    pub hi: T,
}

macro_rules! prio_impl {
    ($t:ty) => {
        impl Prio<$t> {
            /// Entries whose priority is exactly `p` (0..=3).
            #[inline]
            pub fn level(&self, p: u32) -> $t {
                let lo = if p & 1 != 0 { self.lo } else { !self.lo };
                let hi = if p & 2 != 0 { self.hi } else { !self.hi };
                lo & hi
            }
            #[inline]
            pub fn get(&self, i: u32) -> u32 {
                (((self.hi >> i) & 1) << 1 | ((self.lo >> i) & 1)) as u32
            }
            #[inline]
            pub fn set(&mut self, i: u32, p: u32) {
                let bit: $t = 1 << i;
                self.lo = (self.lo & !bit) | if p & 1 != 0 { bit } else { 0 };
                self.hi = (self.hi & !bit) | if p & 2 != 0 { bit } else { 0 };
            }
        }
    };
}
prio_impl!(u128);
prio_impl!(u16);

/// The winner of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Winner {
    Source(u32),
    Ipi(u32),
}

impl Winner {
    /// The CLAIM ID of the winner.
    pub fn id(self) -> u32 {
        match self {
            Winner::Source(i) => i,
            Winner::Ipi(v) => crate::regs::ID_IPI_BASE + v,
        }
    }
}

/// Pick the entry to claim among deliverable sources `srcs` and IPIs `ipis`.
#[inline]
pub fn select(
    srcs: u128,
    src_prio: &Prio<u128>,
    ipis: u16,
    ipi_prio: &Prio<u16>,
) -> Option<Winner> {
    if srcs == 0 && ipis == 0 {
        return None;
    }
    for p in (0..4).rev() {
        let s = srcs & src_prio.level(p);
        if s != 0 {
            return Some(Winner::Source(s.trailing_zeros()));
        }
        let v = ipis & ipi_prio.level(p);
        if v != 0 {
            return Some(Winner::Ipi(v.trailing_zeros()));
        }
    }
    unreachable!("every entry has some priority")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_partition() {
        let mut p = Prio::<u16>::default();
        for i in 0..16 {
            p.set(i, i % 4);
        }
        for i in 0..16 {
            assert_eq!(p.get(i), i % 4);
        }
        let all: u16 = (0..4).map(|l| p.level(l)).fold(0, |a, b| a | b);
        assert_eq!(all, 0xFFFF);
        assert_eq!(p.level(3), 0x8888);
    }

    #[test]
    fn order() {
        let mut sp = Prio::<u128>::default();
        let mut ip = Prio::<u16>::default();
        sp.set(5, 2);
        sp.set(9, 2);
        sp.set(100, 3);
        ip.set(0, 3);
        ip.set(1, 2);
        // 100 (prio 3) beats IPI 0 (prio 3) on ID.
        let srcs = 1u128 << 5 | 1 << 9 | 1 << 100;
        assert_eq!(select(srcs, &sp, 0b11, &ip), Some(Winner::Source(100)));
        assert_eq!(
            select(srcs & !(1 << 100), &sp, 0b11, &ip),
            Some(Winner::Ipi(0))
        );
        assert_eq!(
            select(1 << 9 | 1 << 5, &sp, 0b10, &ip),
            Some(Winner::Source(5))
        );
        assert_eq!(select(0, &sp, 0b10, &ip).map(Winner::id), Some(0x101));
        assert_eq!(select(0, &sp, 0, &ip), None);
    }
}
