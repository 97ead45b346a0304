//! Measured complexity: how a program's CPU time grows over a problem's ladder of tests, fitted
//! on a log–log scale and set beside the growth a good solution has.
//!
//! Each rung's time has the program's start-up in it (an interpreter's, a JVM's), which does
//! not grow with `n` and would flatten the slope; it is taken off as the program's fastest test
//! (a sample's, in practice). Rungs with less work than [`MIN_WORK_MS`] left are noise, and
//! rungs that did not finish (a time limit, a crash) say only that the program got slower, so
//! neither is fitted; timed-out rungs are named in the summary. Of the rest, the largest
//! [`FITTED_RUNGS`] are fitted: growth shows at large `n`, and a few milliseconds of a loaded
//! machine's noise on a small rung moved a linear program's slope from 1.0 to 0.4 when every
//! measurable rung was fitted (two-sum's ladder, nine runs here).

use crate::problem::interview::{Complexity, Growth};
use crate::verdict::{JudgeResult, Verdict};
use serde::Serialize;
use utoipa::ToSchema;

/// The least CPU time above start-up that a rung needs to count.
pub const MIN_WORK_MS: u64 = 5;
/// How many of the largest measurable rungs the slope is fitted on.
pub const FITTED_RUNGS: usize = Complexity::MIN_RUNGS;
/// How far the measured slope may exceed the expected one before it is called slower: a
/// log factor, cache effects and timer noise move slopes by a few tenths, a worse algorithm by
/// a whole one (two-sum's linear solution measured 0.6 to 1.2 here, its quadratic one 1.6 to
/// 2.0).
pub const TOLERANCE: f64 = 0.4;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Fit {
    pub expected: Growth,
    /// The slope of ln(time − start-up) against ln(n), when enough rungs could be measured.
    pub exponent: Option<f64>,
    /// The growth whose slope is nearest the measured one.
    pub nearest: Option<Growth>,
    /// Whether the measured slope is at most [`TOLERANCE`] above the expected one.
    pub as_expected: Option<bool>,
    /// "~ n^1.9, expected n: grows faster than expected; timed out from n = 8000".
    pub summary: String,
    /// The start-up taken off every rung: the program's fastest test.
    pub startup_ms: u64,
    pub rungs: Vec<Rung>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rung {
    pub test: String,
    pub n: u64,
    /// None when the test did not run.
    pub verdict: Option<Verdict>,
    pub cpu_ms: Option<u64>,
    /// Whether the fit used it: one of the largest measurable rungs that finished.
    pub fitted: bool,
}

/// Fits `result`'s times over `complexity`'s ladder.
pub fn fit(complexity: &Complexity, result: &JudgeResult) -> Fit {
    let startup_ms = result.tests.iter().map(|t| t.cpu_ms).min().unwrap_or(0);
    let mut rungs: Vec<Rung> = complexity
        .ladder
        .iter()
        .map(|(test, &n)| {
            let ran = result.tests.iter().find(|t| format!("{}/{}", t.group, t.name) == *test);
            let finished = ran.is_some_and(|t| matches!(t.verdict, Verdict::AC | Verdict::WA));
            let fitted = finished && ran.is_some_and(|t| t.cpu_ms >= startup_ms + MIN_WORK_MS);
            Rung { test: test.clone(), n, verdict: ran.map(|t| t.verdict), cpu_ms: ran.map(|t| t.cpu_ms), fitted }
        })
        .collect();
    rungs.sort_by_key(|r| r.n);
    let measurable: Vec<usize> = (0..rungs.len()).filter(|&i| rungs[i].fitted).collect();
    for &i in measurable.iter().rev().skip(FITTED_RUNGS) {
        rungs[i].fitted = false;
    }
    let points: Vec<(f64, f64)> =
        rungs.iter().filter(|r| r.fitted).map(|r| ((r.n as f64).ln(), ((r.cpu_ms.unwrap_or(0) - startup_ms) as f64).ln())).collect();
    let timed_out = rungs.iter().find(|r| r.verdict == Some(Verdict::TLE)).map(|r| r.n);
    let expected = complexity.expected;
    let exponent = (points.len() == FITTED_RUNGS).then(|| slope(&points)).flatten().map(|e| (e * 10.0).round() / 10.0);
    let nearest = exponent.map(|e| {
        Growth::ALL.into_iter().min_by(|a, b| (a.exponent() - e).abs().total_cmp(&(b.exponent() - e).abs())).expect("growths")
    });
    let as_expected = exponent.map(|e| e <= expected.exponent() + TOLERANCE);
    let mut summary = match (exponent, as_expected) {
        (Some(e), Some(ok)) => {
            format!("~ n^{e:.1}, expected {}: {}", expected.name(), if ok { "as expected" } else { "grows faster than expected" })
        }
        _ if timed_out.is_some() => format!("too few rungs finished to measure, expected {}", expected.name()),
        _ => format!("too fast to measure (under {MIN_WORK_MS} ms of work on most rungs), expected {}", expected.name()),
    };
    if let Some(n) = timed_out {
        summary.push_str(&format!("; timed out from n = {n}"));
    }
    Fit { expected, exponent, nearest, as_expected, summary, startup_ms, rungs }
}

/// The least-squares slope of `points`, when their x values differ.
fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::interview::Category;
    use crate::verdict::TestResult;

    fn result(tests: &[(&str, Verdict, u64)]) -> JudgeResult {
        let mut r = JudgeResult::internal_error(String::new());
        r.verdict = Verdict::AC;
        r.tests = tests
            .iter()
            .map(|(name, verdict, cpu_ms)| {
                let (group, name) = name.rsplit_once('/').unwrap();
                TestResult {
                    group: group.into(),
                    name: name.into(),
                    category: Category::Performance,
                    verdict: *verdict,
                    cpu_ms: *cpu_ms,
                    wall_ms: *cpu_ms,
                    memory_kib: 0,
                    score: None,
                    message: None,
                    sample: None,
                }
            })
            .collect();
        r
    }

    fn ladder(expected: Growth) -> Complexity {
        let ladder = [1000, 2000, 4000, 8000, 16000].iter().map(|n| (format!("secret/n{n}"), *n)).collect();
        Complexity { expected, ladder }
    }

    #[test]
    fn a_quadratic_program_measures_about_two_and_is_called_slower_than_linear() {
        // start-up 20 ms, then 10 ms × (n / 1000)^2 of work; the last two rungs time out.
        let r = result(&[
            ("sample/1", Verdict::AC, 20),
            ("secret/n1000", Verdict::AC, 30),
            ("secret/n2000", Verdict::AC, 60),
            ("secret/n4000", Verdict::AC, 180),
            ("secret/n8000", Verdict::TLE, 1000),
            ("secret/n16000", Verdict::TLE, 1000),
        ]);
        let fit = fit(&ladder(Growth::Linear), &r);
        assert_eq!(fit.startup_ms, 20);
        assert_eq!(fit.exponent, Some(2.0));
        assert_eq!(fit.nearest, Some(Growth::Quadratic));
        assert_eq!(fit.as_expected, Some(false));
        assert_eq!(fit.summary, "~ n^2.0, expected n: grows faster than expected; timed out from n = 8000");
        assert_eq!(fit.rungs.iter().filter(|r| r.fitted).count(), 3);
    }

    #[test]
    fn a_linear_program_is_as_expected_and_rungs_under_the_noise_floor_are_left_out() {
        // 2 ms of noise on the 2000 rung: measurable, but not among the three largest.
        let r = result(&[
            ("sample/1", Verdict::AC, 18),
            ("secret/n1000", Verdict::AC, 19),
            ("secret/n2000", Verdict::AC, 25),
            ("secret/n4000", Verdict::AC, 26),
            ("secret/n8000", Verdict::AC, 34),
            ("secret/n16000", Verdict::WA, 50),
        ]);
        let fit = fit(&ladder(Growth::Linear), &r);
        assert_eq!(fit.rungs.iter().map(|r| r.fitted).collect::<Vec<_>>(), [false, false, true, true, true]);
        assert_eq!(fit.exponent, Some(1.0));
        assert_eq!(fit.as_expected, Some(true));
        assert_eq!(fit.summary, "~ n^1.0, expected n: as expected");
    }

    #[test]
    fn too_few_measurable_rungs_give_no_exponent() {
        let fast = result(&[("sample/1", Verdict::AC, 18), ("secret/n16000", Verdict::AC, 30), ("secret/n8000", Verdict::AC, 19)]);
        let fit_fast = fit(&ladder(Growth::Linearithmic), &fast);
        assert_eq!(fit_fast.exponent, None);
        assert_eq!(fit_fast.summary, "too fast to measure (under 5 ms of work on most rungs), expected n log n");
        assert_eq!(fit_fast.rungs[0].verdict, None, "a rung that did not run");
        let slow = result(&[("sample/1", Verdict::AC, 18), ("secret/n1000", Verdict::AC, 300), ("secret/n2000", Verdict::TLE, 1000)]);
        assert_eq!(fit(&ladder(Growth::Linear), &slow).summary, "too few rungs finished to measure, expected n; timed out from n = 2000");
    }
}
