//! Memory and output limits, shown in real boxes: a program over its memory limit gets MLE
//! (whether the cgroup kills it or it finishes), one that floods stdout gets OLE.

mod common;

use common::{fixture, judge_file, sandbox};
use mockjudge::verdict::Verdict;

#[tokio::test]
async fn memory_hogs_get_mle_and_output_floods_get_ole() {
    let sandbox = sandbox().await;
    let problem = fixture("problems/add");
    for (file, expected) in [("mle.c", Verdict::MLE), ("mle.py", Verdict::MLE), ("ole.py", Verdict::OLE)] {
        let result = judge_file(&sandbox, &problem, &fixture(&format!("limits/{file}"))).await;
        assert_eq!(result.verdict, expected, "{file}: {:?}", result.tests.last());
        let first = &result.tests[0];
        if expected == Verdict::MLE {
            // The add problem allows 256 MiB; the reported peak must show the excess.
            assert!(first.memory_kib > 256 << 10, "{file}: peak {} KiB", first.memory_kib);
        }
        assert_eq!(result.tests.len(), 1, "{file}: judging stops at the first rejected test");
    }
}
