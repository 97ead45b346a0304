//! Assessment sessions: made with their candidate's token in one step, then started, moved
//! through, finished (by the candidate, or at the deadline by whichever process's closer gets
//! there first) by scripts that read the clock where the state is, Redis' `TIME`, so that
//! every API process and worker agrees on what time it is and no check can race a change.
//!
//! Keys: `assessment:{id}`, a hash: `session` (JSON, fixed at creation), `state`, `version`
//! (bumped by every change of state or section), `started_ms`, `deadline_ms`, `finished_ms`,
//! `finish_reason`, `left:{section}`, `opened:{problem}`, `review:{stage}` (JSON);
//! `assessment:{id}:submissions`, the submissions the store took in time, by when;
//! `assessment:{id}:integrity`, what the page noticed (at most [`MAX_INTEGRITY_EVENTS`]);
//! `assessments`, every session by creation; `assessments:due`, started sessions by deadline.

use super::{corrupt, hex_digest, key, Result, Store};
use crate::assessment::session::{Session, State, Timeline};
use crate::catalog::Slug;
use crate::grading::{IntegrityEvent, Review};
use crate::problem::interview::Stage;
use crate::store::TokenInfo;
use redis::AsyncCommands;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Reads the store's clock in a script, in Unix milliseconds.
pub(super) const CLOCK: &str = "local function clock() local t = redis.call('TIME') return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end\n";

pub(super) fn assessment_key(id: Uuid) -> String {
    key(&["assessment", &id.to_string()])
}

pub(super) fn submissions_key(id: Uuid) -> String {
    key(&["assessment", &id.to_string(), "submissions"])
}

fn integrity_key(id: Uuid) -> String {
    key(&["assessment", &id.to_string(), "integrity"])
}

/// The most integrity events a session keeps (the first ones): a page in a loop, or a candidate
/// posting by hand, cannot grow Redis without bound.
pub const MAX_INTEGRITY_EVENTS: usize = 1000;

fn index_key() -> String {
    key(&["assessments"])
}

fn due_key() -> String {
    key(&["assessments", "due"])
}

/// A session and where it stands.
#[derive(Debug, Clone)]
pub struct AssessmentRecord {
    pub session: Session,
    pub state: State,
    /// Bumped by every change of state or section: a submission checked against one version
    /// is refused if the session moved meanwhile.
    pub version: u64,
    /// Once started.
    pub timeline: Option<Timeline>,
    /// `candidate` or `deadline`, once finished.
    pub finish_reason: Option<String>,
    /// When the candidate first opened each problem.
    pub opened: BTreeMap<Slug, u64>,
    pub reviews: BTreeMap<Stage, Review>,
    /// The submissions taken in time, with when, in that order.
    pub submissions: Vec<(Uuid, u64)>,
    pub integrity: Vec<IntegrityEvent>,
}

/// What a change of state found.
#[derive(Debug, PartialEq)]
pub enum Change {
    /// Done (the script answers with the store's time then, which is above 0).
    Done,
    /// Not done: the session is in this state (or the section moved on meanwhile).
    Refused(Option<State>),
}

fn script(body: &str) -> redis::Script {
    redis::Script::new(&format!("{CLOCK}{body}"))
}

static CREATE: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    script(
        r#"
redis.call('HSET', KEYS[1], 'session', ARGV[2], 'state', 'created', 'version', 0)
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('SET', KEYS[3], ARGV[4])
return 1
"#,
    )
});

static START: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    script(
        r#"
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'created' then return {state or '', 0} end
local now = clock()
local deadline = now + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'state', 'started', 'started_ms', now, 'deadline_ms', deadline)
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('ZADD', KEYS[2], deadline, ARGV[1])
return {'started', now}
"#,
    )
});

// Leaves section ARGV[3] (open until ARGV[4]) at version ARGV[2]; the sections after it, ARGV[5]
// milliseconds together, move up, so the deadline may come earlier, never later.
static ADVANCE: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    script(
        r#"
local f = redis.call('HMGET', KEYS[1], 'state', 'version', 'deadline_ms')
local now = clock()
if f[1] ~= 'started' or f[2] ~= ARGV[2] or now >= tonumber(ARGV[4]) then return {f[1] or '', 0} end
local deadline = math.min(tonumber(f[3]), now + tonumber(ARGV[5]))
redis.call('HSET', KEYS[1], 'left:' .. ARGV[3], now, 'deadline_ms', deadline)
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('ZADD', KEYS[2], deadline, ARGV[1])
return {'started', now}
"#,
    )
});

// ARGV[2] = 'candidate': finish now (at the deadline if that has passed); 'deadline': finish
// only if the deadline has passed.
static FINISH: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    script(
        r#"
local f = redis.call('HMGET', KEYS[1], 'state', 'deadline_ms')
if f[1] ~= 'started' then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return {f[1] or '', 0}
end
local now, deadline = clock(), tonumber(f[2])
local at, reason = now, ARGV[2]
if now >= deadline then at, reason = deadline, 'deadline'
elseif reason == 'deadline' then return {'started', 0} end
redis.call('HSET', KEYS[1], 'state', 'finished', 'finished_ms', at, 'finish_reason', reason)
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('ZREM', KEYS[2], ARGV[1])
return {'finished', at}
"#,
    )
});

// Keeps an integrity event (ARGV[1], JSON without its time) while the session runs, stamped
// with the store's clock, up to ARGV[2] of them.
static NOTE: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    script(
        r#"
if redis.call('HGET', KEYS[1], 'state') ~= 'started' then return 0 end
if redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[2]) then return 1 end
local event = cjson.decode(ARGV[1])
event['at_ms'] = clock()
redis.call('RPUSH', KEYS[2], cjson.encode(event))
return 1
"#,
    )
});

static OPEN: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    script(
        r#"
if redis.call('HGET', KEYS[1], 'state') ~= 'started' then return 0 end
return redis.call('HSETNX', KEYS[1], ARGV[1], clock())
"#,
    )
});

fn change((state, at): (String, u64)) -> Change {
    match state.as_str() {
        "started" | "finished" if at > 0 => Change::Done,
        s => Change::Refused(State::parse(s)),
    }
}

impl Store {
    /// The store's clock, in Unix milliseconds: the one every process reads.
    pub async fn clock(&self) -> Result<u64> {
        let (secs, micros): (u64, u64) = redis::cmd("TIME").query_async(&mut self.conn()).await?;
        Ok(secs * 1000 + micros / 1000)
    }

    /// Makes a session and its candidate's token (stored as its SHA-256 only), together.
    pub async fn create_assessment(&self, session: &Session, token: &str, info: &TokenInfo) -> Result<()> {
        let _: i64 = CREATE
            .key(assessment_key(session.id))
            .key(index_key())
            .key(key(&["token", &hex_digest(token.as_bytes())]))
            .arg(session.id.to_string())
            .arg(serde_json::to_string(session).expect("a session serializes"))
            .arg(session.created_ms)
            .arg(serde_json::to_string(info).expect("token info serializes"))
            .invoke_async(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn assessment(&self, id: Uuid) -> Result<Option<AssessmentRecord>> {
        let fields: HashMap<String, String> = self.conn().hgetall(assessment_key(id)).await?;
        let Some(session) = fields.get("session") else { return Ok(None) };
        let session: Session = serde_json::from_str(session).map_err(|e| corrupt("assessment session", e))?;
        let ms = |name: &str| fields.get(name).and_then(|v| v.parse::<u64>().ok());
        let state = fields.get("state").and_then(|s| State::parse(s)).ok_or_else(|| corrupt("assessment state", "missing"))?;
        let timeline = ms("started_ms").map(|started_ms| Timeline {
            started_ms,
            deadline_ms: ms("deadline_ms").unwrap_or(started_ms),
            finished_ms: ms("finished_ms"),
            left_ms: (0..session.sections.len()).map(|i| ms(&format!("left:{i}"))).collect(),
        });
        let mut opened = BTreeMap::new();
        let mut reviews = BTreeMap::new();
        for (field, value) in &fields {
            if let Some(slug) = field.strip_prefix("opened:").and_then(|s| Slug::parse(s).ok()) {
                opened.insert(slug, value.parse().map_err(|e| corrupt("assessment opened", e))?);
            } else if let Some(stage) = field.strip_prefix("review:") {
                let stage: Stage = serde_json::from_value(serde_json::json!(stage)).map_err(|e| corrupt("assessment review", e))?;
                reviews.insert(stage, serde_json::from_str(value).map_err(|e| corrupt("assessment review", e))?);
            }
        }
        let taken: Vec<(String, u64)> = self.conn().zrange_withscores(submissions_key(id), 0, -1).await?;
        let submissions = taken
            .into_iter()
            .map(|(sub, at)| Uuid::parse_str(&sub).map(|s| (s, at)).map_err(|e| corrupt("assessment submissions", e)))
            .collect::<Result<_>>()?;
        let noted: Vec<String> = self.conn().lrange(integrity_key(id), 0, -1).await?;
        let integrity = noted.iter().map(|e| serde_json::from_str(e).map_err(|e| corrupt("assessment integrity", e))).collect::<Result<_>>()?;
        Ok(Some(AssessmentRecord {
            version: ms("version").unwrap_or(0),
            finish_reason: fields.get("finish_reason").cloned(),
            session,
            state,
            timeline,
            opened,
            reviews,
            submissions,
            integrity,
        }))
    }

    /// Starts the clock: the deadline is `duration_ms` from now.
    pub async fn start_assessment(&self, id: Uuid, duration_ms: u64) -> Result<Change> {
        let done: (String, u64) =
            START.key(assessment_key(id)).key(due_key()).arg(id.to_string()).arg(duration_ms).invoke_async(&mut self.conn()).await?;
        Ok(change(done))
    }

    /// Leaves `section`, open until `closes_ms`, if the session is still at `version`; the
    /// sections after it last `rest_ms` together.
    pub async fn advance_assessment(&self, id: Uuid, version: u64, section: usize, closes_ms: u64, rest_ms: u64) -> Result<Change> {
        let done: (String, u64) = ADVANCE
            .key(assessment_key(id))
            .key(due_key())
            .arg(id.to_string())
            .arg(version)
            .arg(section)
            .arg(closes_ms)
            .arg(rest_ms)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(change(done))
    }

    /// The candidate finishes (at the deadline, if that has passed).
    pub async fn finish_assessment(&self, id: Uuid) -> Result<Change> {
        self.finish_session(id, "candidate").await
    }

    async fn finish_session(&self, id: Uuid, reason: &str) -> Result<Change> {
        let done: (String, u64) =
            FINISH.key(assessment_key(id)).key(due_key()).arg(id.to_string()).arg(reason).invoke_async(&mut self.conn()).await?;
        Ok(change(done))
    }

    /// Finishes every session whose deadline has passed; returns them. Any number of processes
    /// may call this at once: each session finishes once.
    pub async fn close_due(&self) -> Result<Vec<Uuid>> {
        let now = self.clock().await?;
        let due: Vec<String> = self.conn().zrangebyscore_limit(due_key(), "-inf", now, 0, 100).await?;
        let mut closed = Vec::new();
        for id in due {
            let id = Uuid::parse_str(&id).map_err(|e| corrupt("assessments due", e))?;
            if let Change::Done = self.finish_session(id, "deadline").await? {
                closed.push(id);
            }
        }
        Ok(closed)
    }

    /// Notes when the candidate first opened `problem`, while the session is running.
    pub async fn open_problem(&self, id: Uuid, problem: &Slug) -> Result<()> {
        let _: i64 = OPEN.key(assessment_key(id)).arg(format!("opened:{problem}")).invoke_async(&mut self.conn()).await?;
        Ok(())
    }

    /// Keeps `event` (its time is the store's) if the session is running; returns whether it
    /// was running.
    pub async fn note_integrity(&self, id: Uuid, event: &IntegrityEvent) -> Result<bool> {
        let json = serde_json::to_string(event).expect("an integrity event serializes");
        let running: i64 = NOTE
            .key(assessment_key(id))
            .key(integrity_key(id))
            .arg(json)
            .arg(MAX_INTEGRITY_EVENTS)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(running == 1)
    }

    pub async fn set_review(&self, id: Uuid, stage: Stage, review: &Review) -> Result<()> {
        let json = serde_json::to_string(review).expect("a review serializes");
        let _: () = self.conn().hset(assessment_key(id), format!("review:{}", stage.name()), json).await?;
        Ok(())
    }

    /// Every session's id, newest first.
    pub async fn assessment_ids(&self) -> Result<Vec<Uuid>> {
        let ids: Vec<String> = self.conn().zrevrange(index_key(), 0, -1).await?;
        ids.iter().map(|id| Uuid::parse_str(id).map_err(|e| corrupt("assessments", e))).collect()
    }
}
