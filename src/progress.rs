//! A submission's progress in one vocabulary: the statuses its record goes through and the
//! events its stream carries, for the worker that writes them, the store's Lua scripts, the
//! API's SSE and `?wait=true`, alike.
//!
//! Redis keeps an event as two fields, `type` (the variant's name) and `data` (its fields as a
//! JSON object); SSE sends them as the event's name and data. The Lua scripts get the names
//! from here ([`lua_names`]), so no name is spelled twice.

use crate::problem::interview::Category;
use crate::verdict::{JudgeResult, TestResult, Verdict};
use serde::{Deserialize, Serialize};

/// Where a submission's record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Queued,
    Running,
    Finished,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Queued, Status::Running, Status::Finished];

    pub fn name(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Running => "running",
            Status::Finished => "finished",
        }
    }

    /// The status a record holds; `None` for a name no version of ours writes.
    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// One event of a submission's progress, in the order they happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
pub enum Progress {
    /// Waiting for a worker; `requeued` says why a worker handed it back.
    Queued {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        requeued: Option<String>,
    },
    /// A worker started attempt `attempt`.
    Running { attempt: u32 },
    Compiling {},
    /// Test `index` of `total` is starting.
    Testing { index: usize, total: usize },
    /// Test `index` ended (`time_ms` is CPU time).
    Test {
        index: usize,
        group: String,
        name: String,
        #[serde(default)]
        category: Category,
        verdict: Verdict,
        time_ms: u64,
        memory_kib: u64,
    },
    /// The final result's summary; always the last event.
    Finished { verdict: Option<Verdict>, score: Option<f64> },
}

/// Names of the variants without data, for [`lua_names`]; a test checks they match serde's.
const EVENT_NAMES: [&str; 6] = ["queued", "running", "compiling", "testing", "test", "finished"];

impl Progress {
    /// The `finished` event of a result (or of none: a record without one).
    pub fn finished(result: Option<&JudgeResult>) -> Progress {
        Progress::Finished { verdict: result.map(|r| r.verdict), score: result.and_then(|r| r.score) }
    }

    pub fn test(index: usize, t: &TestResult) -> Progress {
        Progress::Test {
            index,
            group: t.group.clone(),
            name: t.name.clone(),
            category: t.category,
            verdict: t.verdict,
            time_ms: t.cpu_ms,
            memory_kib: t.memory_kib,
        }
    }

    /// The event's name: its `type` field in Redis and its SSE event name.
    pub fn name(&self) -> &'static str {
        match self {
            Progress::Queued { .. } => "queued",
            Progress::Running { .. } => "running",
            Progress::Compiling {} => "compiling",
            Progress::Testing { .. } => "testing",
            Progress::Test { .. } => "test",
            Progress::Finished { .. } => "finished",
        }
    }

    /// The event's fields as a JSON object: its `data` in Redis and in SSE.
    pub fn data(&self) -> String {
        let tagged = serde_json::to_value(self).expect("progress serializes");
        tagged.get("data").map_or_else(|| "{}".into(), |d| d.to_string())
    }

    /// The event Redis holds as `type` and `data`.
    pub fn from_parts(name: &str, data: &str) -> Result<Progress, serde_json::Error> {
        let data: serde_json::Value = serde_json::from_str(data)?;
        serde_json::from_value(serde_json::json!({ "type": name, "data": data }))
    }

    pub fn is_finished(&self) -> bool {
        matches!(self, Progress::Finished { .. })
    }
}

/// Lua that defines `STATUS.<name>` and `EVENT.<name>` for every status and event name, to
/// put before a script that writes them.
pub fn lua_names() -> String {
    let table = |names: &mut dyn Iterator<Item = &str>| {
        names.map(|n| format!("{n}='{n}'")).collect::<Vec<_>>().join(", ")
    };
    format!(
        "local STATUS = {{{}}}\nlocal EVENT = {{{}}}\n",
        table(&mut Status::ALL.iter().map(|s| s.name())),
        table(&mut EVENT_NAMES.into_iter())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_of_each() -> Vec<Progress> {
        vec![
            Progress::Queued { requeued: None },
            Progress::Queued { requeued: Some("the worker shut down".into()) },
            Progress::Running { attempt: 2 },
            Progress::Compiling {},
            Progress::Testing { index: 1, total: 3 },
            Progress::Test {
                index: 1,
                group: "sample".into(),
                name: "1".into(),
                category: Category::Edge,
                verdict: Verdict::AC,
                time_ms: 5,
                memory_kib: 900,
            },
            Progress::Finished { verdict: Some(Verdict::WA), score: Some(0.5) },
        ]
    }

    #[test]
    fn every_event_survives_redis_parts_and_its_name_is_serdes() {
        for event in one_of_each() {
            let back = Progress::from_parts(event.name(), &event.data()).unwrap();
            assert_eq!(back, event);
            let tagged = serde_json::to_value(&event).unwrap();
            assert_eq!(tagged["type"], event.name());
            assert!(EVENT_NAMES.contains(&event.name()));
        }
    }

    #[test]
    fn what_the_lua_scripts_write_reads_back() {
        // The scripts write `{}` for queued and build running's data themselves.
        assert_eq!(Progress::from_parts("queued", "{}").unwrap(), Progress::Queued { requeued: None });
        assert_eq!(Progress::from_parts("running", r#"{"attempt":3}"#).unwrap(), Progress::Running { attempt: 3 });
        assert!(Progress::from_parts("finishd", "{}").is_err());
        let names = lua_names();
        assert!(names.contains("local STATUS = {queued='queued', running='running', finished='finished'}"), "{names}");
        assert!(names.contains("finished='finished'}"), "{names}");
    }

    #[test]
    fn statuses_parse_their_own_names_only() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.name()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.name());
        }
        assert_eq!(Status::parse("done"), None);
    }
}
