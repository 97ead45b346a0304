//! The Kattis default grader: combines a group's test and subgroup outcomes into one verdict
//! and score, following the group's `grader_flags`.
//!
//! Verdict: `first_error` (default) or `worst_error`; `always_accept`; `accept_if_any_accepted`.
//! Score: `sum` (default), `avg`, `min`, `max`, clamped to the group's `range`.
//! `ignore_sample` leaves the sample group out of the group's result.

use crate::problem::GroupSettings;
use crate::verdict::Verdict;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub verdict: Verdict,
    pub score: f64,
}

/// One child's outcome, and whether it is the sample group (for `ignore_sample`).
#[derive(Debug, Clone, Copy)]
pub struct Child {
    pub outcome: Outcome,
    pub sample_group: bool,
}

pub fn aggregate(settings: &GroupSettings, children: &[Child]) -> Outcome {
    let counted: Vec<Outcome> = children
        .iter()
        .filter(|c| !(c.sample_group && settings.has_flag("ignore_sample")))
        .map(|c| c.outcome)
        .collect();
    let verdict = if settings.has_flag("always_accept")
        || (settings.has_flag("accept_if_any_accepted") && counted.iter().any(|o| o.verdict.is_accepted()))
    {
        Verdict::AC
    } else if settings.has_flag("worst_error") {
        counted.iter().map(|o| o.verdict).max().unwrap_or(Verdict::AC)
    } else {
        counted.iter().map(|o| o.verdict).find(|v| !v.is_accepted()).unwrap_or(Verdict::AC)
    };
    let scores = counted.iter().map(|o| o.score);
    let score = if counted.is_empty() {
        0.0
    } else if settings.has_flag("min") {
        scores.fold(f64::INFINITY, f64::min)
    } else if settings.has_flag("max") {
        scores.fold(f64::NEG_INFINITY, f64::max)
    } else if settings.has_flag("avg") {
        scores.sum::<f64>() / counted.len() as f64
    } else {
        scores.sum()
    };
    Outcome { verdict, score: score.clamp(settings.range.0, settings.range.1) }
}

/// A test's own outcome: its verdict and the group's accept or reject score (or the
/// validator's score, when it gave one for an accepted output).
pub fn test_outcome(settings: &GroupSettings, verdict: Verdict, validator_score: Option<f64>) -> Outcome {
    let score = if verdict.is_accepted() { validator_score.unwrap_or(settings.accept_score) } else { settings.reject_score };
    Outcome { verdict, score }
}

/// The best score a group can give: every test accepted at its accept score.
pub fn max_score(group: &crate::problem::TestGroup) -> f64 {
    use crate::problem::TestItem;
    let children: Vec<Child> = group
        .items
        .iter()
        .map(|item| match item {
            TestItem::Case(c) => Child {
                outcome: test_outcome(&group.settings, Verdict::AC, None),
                sample_group: c.sample && group.path.is_empty(),
            },
            TestItem::Group(g) => Child {
                outcome: Outcome { verdict: Verdict::AC, score: max_score(g) },
                sample_group: g.path == "sample",
            },
        })
        .collect();
    aggregate(&group.settings, &children).score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(flags: &str) -> GroupSettings {
        GroupSettings { grader_flags: flags.split_whitespace().map(String::from).collect(), ..Default::default() }
    }

    fn child(verdict: Verdict, score: f64) -> Child {
        Child { outcome: Outcome { verdict, score }, sample_group: false }
    }

    #[test]
    fn first_error_is_the_default_and_worst_error_ranks() {
        let kids = [child(Verdict::AC, 1.0), child(Verdict::WA, 0.0), child(Verdict::TLE, 0.0)];
        assert_eq!(aggregate(&settings(""), &kids), Outcome { verdict: Verdict::WA, score: 1.0 });
        assert_eq!(aggregate(&settings("worst_error"), &kids).verdict, Verdict::TLE);
        assert_eq!(aggregate(&settings("accept_if_any_accepted"), &kids).verdict, Verdict::AC);
        assert_eq!(aggregate(&settings("always_accept"), &kids).verdict, Verdict::AC);
    }

    #[test]
    fn scores_aggregate_by_flag_and_clamp_to_the_range() {
        let kids = [child(Verdict::AC, 30.0), child(Verdict::AC, 10.0)];
        assert_eq!(aggregate(&settings(""), &kids).score, 40.0);
        assert_eq!(aggregate(&settings("min"), &kids).score, 10.0);
        assert_eq!(aggregate(&settings("max"), &kids).score, 30.0);
        assert_eq!(aggregate(&settings("avg"), &kids).score, 20.0);
        let capped = GroupSettings { range: (0.0, 25.0), ..settings("") };
        assert_eq!(aggregate(&capped, &kids).score, 25.0);
    }

    #[test]
    fn ignore_sample_leaves_the_sample_group_out() {
        let sample = Child { outcome: Outcome { verdict: Verdict::WA, score: 0.0 }, sample_group: true };
        let kids = [sample, child(Verdict::AC, 5.0)];
        assert_eq!(aggregate(&settings("ignore_sample"), &kids), Outcome { verdict: Verdict::AC, score: 5.0 });
        assert_eq!(aggregate(&settings(""), &kids).verdict, Verdict::WA);
    }
}
