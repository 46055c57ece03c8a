//! Warning signs: the red-flag signs a persona line carries (hopelessness,
//! a plan, days without sleep), and what counts as recognising them.

use crate::behaviour::Behaviour;
use crate::red_flag::{RedFlagCategory, Severity};
use serde::{Deserialize, Serialize};

/// A warning sign on a beat, declared with `red_flag: #{ ... }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningSign {
    /// The red-flag category.
    pub category: RedFlagCategory,
    /// How serious.
    pub severity: Severity,
    /// How many trainee turns, starting with the reply to this beat, may
    /// recognise the sign.
    pub window: u32,
    /// Steps that must happen in order within the window. Each step is met
    /// by any one of its behaviours (from a choice's `shows` or the
    /// analyser's labels for free text); one response may meet several steps.
    pub recognise: Vec<Vec<Behaviour>>,
}

impl WarningSign {
    /// How many steps the behaviours of one response complete, starting at
    /// step `done`.
    pub fn advance(&self, done: usize, shown: &[Behaviour]) -> usize {
        let mut done = done;
        while done < self.recognise.len() && self.recognise[done].iter().any(|b| shown.contains(b))
        {
            done += 1;
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_advance_in_order_and_can_stack_in_one_turn() {
        let sign = WarningSign {
            category: RedFlagCategory::SuicideRisk,
            severity: Severity::High,
            window: 2,
            recognise: vec![
                vec![Behaviour::SuicideInquiry],
                vec![Behaviour::Referral, Behaviour::SafetyAction],
            ],
        };
        assert_eq!(
            sign.advance(0, &[Behaviour::Referral]),
            0,
            "referral before asking does not count"
        );
        assert_eq!(sign.advance(0, &[Behaviour::SuicideInquiry]), 1);
        assert_eq!(sign.advance(1, &[Behaviour::SafetyAction]), 2);
        assert_eq!(
            sign.advance(0, &[Behaviour::SuicideInquiry, Behaviour::Referral]),
            2
        );
    }
}
