//! Seeded randomness for scenario variation.
//!
//! SplitMix64 is implemented here rather than taken from a crate so that a
//! seed replays the same attempt across dependency upgrades: a stored attempt
//! (seed plus inputs) must always reproduce the same persona lines.

use serde::{Deserialize, Serialize};

/// A small, fast, fully specified pseudo-random generator (SplitMix64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeededRng {
    state: u64,
}

impl SeededRng {
    /// A generator that always produces the same sequence for the same seed.
    pub fn new(seed: u64) -> Self {
        SeededRng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniformly chosen index below `n` (`n` must be non-zero).
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        // Lemire's multiply-shift; bias is negligible for the small n used here.
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// A fresh seed for a new attempt, from the operating system's hasher keys.
///
/// Scripts never see this: only the host picks seeds.
pub fn fresh_seed() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u64(std::process::id() as u64);
    h.finish() >> 11 // keep seeds short enough to type
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_known_values() {
        let mut a = SeededRng::new(1);
        let mut b = SeededRng::new(1);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        // Reference value of SplitMix64 for seed 0: pins the algorithm.
        assert_eq!(SeededRng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = SeededRng::new(42);
        let mut seen = [false; 5];
        for _ in 0..1000 {
            let i = r.below(5);
            seen[i] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }
}
