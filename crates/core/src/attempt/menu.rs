//! The menu: the order a beat's choices are shown in.
//!
//! Choices are shuffled so that the best answer is not always in the same
//! place, but by the attempt's seed and the visit number alone, so the seed
//! plus the inputs still replay an attempt exactly. A pinned choice (such as
//! "I'd rather not say") keeps its declared place.

use crate::rng::SeededRng;
use crate::scenario::beat::Beat;

/// The shown order of a beat's menu: declared indices (0-based) shuffled by
/// the attempt's seed and the visit number, pinned choices kept in place.
pub(super) fn shuffled(beat: &Beat, seed: u64, visit: u32) -> Vec<usize> {
    let n = beat.choices.len();
    let mut order: Vec<usize> = (0..n).collect();
    let free: Vec<usize> = (0..n).filter(|i| !beat.choices[*i].pinned).collect();
    // FNV-1a over the beat id keeps the mix stable across Rust releases.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in beat.id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut rng = SeededRng::new(seed ^ h ^ (u64::from(visit) << 48));
    let mut slots = free.clone();
    for i in (1..slots.len()).rev() {
        let j = rng.below(i + 1);
        slots.swap(i, j);
    }
    for (pos, declared) in free.iter().zip(slots) {
        order[*pos] = declared;
    }
    order
}
