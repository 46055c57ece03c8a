//! Agreement between the automated grade and a trainer's observation, per
//! competency, over paired trainees: the data needed to calibrate the
//! thresholds.
//!
//! A pair is one trainee and one competency with both an automated level
//! (from a completed assessment attempt) and an observed level, each scored
//! (not `not_assessed`). The records pick which ones
//! ([`crate::records::observation`]). For each competency the report gives
//! the two distributions side by side, the share of exact agreement on the
//! level with Cohen's kappa over the four scored levels, and the same for
//! the pass threshold (competent or better, or not).

use crate::competency::Competency;
use crate::grading::Level;
use crate::observation::rubric::SCORED_LEVELS;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One trainee's automated and observed level of one competency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    /// The trainee.
    pub trainee: Uuid,
    /// The competency.
    pub competency: Competency,
    /// The automated level (moderation applied).
    pub automated: Level,
    /// The observed level.
    pub observed: Level,
}

/// One competency's agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompetencyAgreement {
    /// The competency.
    pub competency: Competency,
    /// Paired trainees.
    pub pairs: u32,
    /// Automated levels: how many `not_yet`, `developing`, `competent`, `exemplary`.
    pub automated: [u32; 4],
    /// Observed levels, counted the same way.
    pub observed: [u32; 4],
    /// Share of pairs with the same level (0–1); none without pairs.
    pub level_agreement: Option<f64>,
    /// Cohen's kappa over the four levels; none without pairs, or when
    /// chance agreement is already total (both sides one single level).
    pub level_kappa: Option<f64>,
    /// Share of pairs on the same side of the pass threshold (competent or better).
    pub threshold_agreement: Option<f64>,
    /// Cohen's kappa on the threshold.
    pub threshold_kappa: Option<f64>,
}

/// Agreement for all 15 competencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementReport {
    /// Trainees with at least one pair.
    pub trainees: u32,
    /// All 15 competencies in framework order.
    pub competencies: Vec<CompetencyAgreement>,
}

/// Cohen's kappa for two raters over `k` categories, from pairs of
/// category indexes: `(p_o - p_e) / (1 - p_e)`, with `p_o` the observed
/// agreement and `p_e` the agreement expected by chance from each rater's
/// own distribution. None without pairs, or when `p_e` is 1.
pub fn cohen_kappa(pairs: &[(usize, usize)], k: usize) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut a = vec![0f64; k];
    let mut b = vec![0f64; k];
    let mut agree = 0f64;
    for &(x, y) in pairs {
        a[x] += 1.0;
        b[y] += 1.0;
        if x == y {
            agree += 1.0;
        }
    }
    let po = agree / n;
    let pe: f64 = a.iter().zip(&b).map(|(x, y)| (x / n) * (y / n)).sum();
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

fn share(pairs: &[(usize, usize)]) -> Option<f64> {
    (!pairs.is_empty())
        .then(|| pairs.iter().filter(|(a, b)| a == b).count() as f64 / pairs.len() as f64)
}

fn index(l: Level) -> Option<usize> {
    SCORED_LEVELS.iter().position(|s| *s == l)
}

/// The report over a set of pairs (pairs with an unscored side are ignored).
pub fn agreement(pairs: &[Pair]) -> AgreementReport {
    let mut trainees: Vec<Uuid> = Vec::new();
    let competencies = Competency::ALL
        .iter()
        .map(|&c| {
            let mut automated = [0u32; 4];
            let mut observed = [0u32; 4];
            let mut levels = Vec::new();
            for p in pairs.iter().filter(|p| p.competency == c) {
                let (Some(a), Some(o)) = (index(p.automated), index(p.observed)) else {
                    continue;
                };
                automated[a] += 1;
                observed[o] += 1;
                levels.push((a, o));
                if !trainees.contains(&p.trainee) {
                    trainees.push(p.trainee);
                }
            }
            let pass = |i: usize| usize::from(SCORED_LEVELS[i].is_competent());
            let threshold: Vec<(usize, usize)> =
                levels.iter().map(|&(a, o)| (pass(a), pass(o))).collect();
            CompetencyAgreement {
                competency: c,
                pairs: levels.len() as u32,
                automated,
                observed,
                level_agreement: share(&levels),
                level_kappa: cohen_kappa(&levels, 4),
                threshold_agreement: share(&threshold),
                threshold_kappa: cohen_kappa(&threshold, 2),
            }
        })
        .collect();
    AgreementReport {
        trainees: trainees.len() as u32,
        competencies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_matches_a_hand_computed_example() {
        // 50 pairs: 20 both yes, 5 yes/no, 10 no/yes, 15 both no.
        // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = 0.4.
        let mut pairs = vec![(1, 1); 20];
        pairs.extend(vec![(1, 0); 5]);
        pairs.extend(vec![(0, 1); 10]);
        pairs.extend(vec![(0, 0); 15]);
        let k = cohen_kappa(&pairs, 2).unwrap();
        assert!((k - 0.4).abs() < 1e-12, "{k}");
        assert_eq!(cohen_kappa(&[], 2), None);
        // Everyone in one category on both sides: chance agreement is total.
        assert_eq!(cohen_kappa(&[(1, 1), (1, 1)], 2), None);
        // Perfect agreement over two categories is 1; systematic
        // disagreement is below 0.
        assert_eq!(cohen_kappa(&[(0, 0), (1, 1)], 2), Some(1.0));
        assert!(cohen_kappa(&[(0, 1), (1, 0)], 2).unwrap() < 0.0);
    }

    #[test]
    fn the_report_counts_levels_side_by_side_and_skips_unscored_pairs() {
        let t = |n: u128| Uuid::from_u128(n);
        let c = Competency::OpenQuestions;
        let pair = |n, a, o| Pair {
            trainee: t(n),
            competency: c,
            automated: a,
            observed: o,
        };
        use Level::*;
        let r = agreement(&[
            pair(1, Competent, Competent),
            pair(2, Competent, Exemplary),
            pair(3, Developing, NotYet),
            pair(4, NotYet, Developing),
            pair(5, NotAssessed, Competent),
        ]);
        assert_eq!(r.trainees, 4);
        let row = &r.competencies[4];
        assert_eq!(row.competency, c);
        assert_eq!(row.pairs, 4);
        assert_eq!(row.automated, [1, 1, 2, 0]);
        assert_eq!(row.observed, [1, 1, 1, 1]);
        assert_eq!(row.level_agreement, Some(0.25));
        // Levels: p_o = 0.25; p_e = .25·.25 + .25·.25 + .5·.25 + 0 = 0.25 → kappa 0.
        assert!(row.level_kappa.unwrap().abs() < 1e-12);
        // Threshold: all four agree (2 pass, 2 not) → 1.
        assert_eq!(row.threshold_agreement, Some(1.0));
        assert_eq!(row.threshold_kappa, Some(1.0));
        assert_eq!(r.competencies[0].pairs, 0);
        assert_eq!(r.competencies[0].level_kappa, None);
    }
}
