//! `/metrics` in Prometheus' text format. The counters live in Redis (one hash, updated by the
//! scripts that finish jobs and by workers), so any API process reports the whole service,
//! however many workers feed it.

use crate::store::queue::{CONTAINER_ERRORS, JUDGE_SECONDS_BUCKETS, RECLAIMED};
use crate::store::{Store, StoreError};
use crate::verdict::Verdict;
use std::fmt::Write;

const VERDICTS: [Verdict; 8] =
    [Verdict::AC, Verdict::WA, Verdict::OLE, Verdict::MLE, Verdict::TLE, Verdict::RTE, Verdict::CE, Verdict::IE];

pub async fn render(store: &Store) -> Result<String, StoreError> {
    let counters = store.counters().await?;
    let (waiting, in_flight) = store.queue_depth().await?;
    let workers = store.workers().await?;
    let get = |name: &str| counters.get(name).copied().unwrap_or(0.0);
    let mut out = String::new();
    let mut metric = |name: &str, kind: &str, help: &str, samples: &[(String, f64)]| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
        for (labels, value) in samples {
            let _ = writeln!(out, "{name}{labels} {value}");
        }
    };
    metric("mockjudge_queue_depth", "gauge", "Submissions waiting for a worker.", &[(String::new(), waiting as f64)]);
    metric("mockjudge_jobs_in_flight", "gauge", "Submissions a worker holds.", &[(String::new(), in_flight as f64)]);
    metric("mockjudge_workers", "gauge", "Workers that reported in the last 10 s.", &[(String::new(), workers.len() as f64)]);
    let verdicts: Vec<(String, f64)> =
        VERDICTS.iter().map(|v| (format!("{{verdict=\"{v}\"}}"), get(&format!("verdict:{v}")))).collect();
    metric("mockjudge_verdicts_total", "counter", "Final results by verdict.", &verdicts);
    let mut buckets: Vec<(String, f64)> = JUDGE_SECONDS_BUCKETS
        .iter()
        .map(|le| (format!("_bucket{{le=\"{le}\"}}"), get(&format!("judge_seconds_bucket:{le}"))))
        .collect();
    buckets.push(("_bucket{le=\"+Inf\"}".into(), get("judge_seconds_bucket:+Inf")));
    buckets.push(("_sum".into(), get("judge_seconds_sum")));
    buckets.push(("_count".into(), get("judge_seconds_count")));
    // The histogram's series carry suffixes of the metric name.
    let _ = writeln!(out, "# HELP mockjudge_judge_seconds Time from a worker starting a submission to its result.");
    let _ = writeln!(out, "# TYPE mockjudge_judge_seconds histogram");
    for (suffix, value) in &buckets {
        let _ = writeln!(out, "mockjudge_judge_seconds{suffix} {value}");
    }
    let mut metric = |name: &str, help: &str, value: f64| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}");
    };
    metric("mockjudge_container_errors_total", "Sandbox failures of ours (not the program's).", get(CONTAINER_ERRORS));
    metric("mockjudge_reclaimed_jobs_total", "Jobs taken over from a worker that went quiet.", get(RECLAIMED));
    Ok(out)
}
