//! Submission records: created and queued in one script, read one by one or a page at a time
//! from the owner's index. Runs before submitting are records too, queued and judged the same
//! way, but no index lists them.

use super::{corrupt, events_key, hex_digest, key, queue, record_key, script, Result, Store};
use crate::catalog::Slug;
use crate::language::Language;
use crate::progress::Status;
use crate::runs::RunInput;
use crate::verdict::JudgeResult;
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How long an idempotency key remembers its submission.
const IDEMPOTENCY_TTL_SECS: u64 = 24 * 3600;
/// The index of every submission.
const ALL: &str = "*";
/// How the instructor token is written as an owner (candidate token ids are random hex).
const INSTRUCTOR: &str = "instructor";

/// Who made a submission: the instructor token, or a candidate token by its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Owner {
    Instructor,
    Candidate(String),
}

impl Owner {
    /// The owner as keys and records write it.
    pub fn key(&self) -> &str {
        match self {
            Owner::Instructor => INSTRUCTOR,
            Owner::Candidate(id) => id,
        }
    }
}

impl From<String> for Owner {
    fn from(key: String) -> Owner {
        if key == INSTRUCTOR { Owner::Instructor } else { Owner::Candidate(key) }
    }
}

impl From<Owner> for String {
    fn from(owner: Owner) -> String {
        owner.key().to_string()
    }
}

/// What is fixed when a submission is created.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub id: Uuid,
    pub owner: Owner,
    pub problem: Slug,
    /// The problem's content hash when the submission was accepted.
    pub problem_version: String,
    pub language: Language,
    /// Unix milliseconds.
    pub created_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Set for a run before submitting: what it runs on. A run is judged like a submission but
    /// kept out of the owner's list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<RunInput>,
    /// The assessment it was made in: it is judged on every test, for a score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Uuid>,
}

/// A submission as stored, without its source.
#[derive(Debug, Clone)]
pub struct Record {
    pub meta: Meta,
    pub status: Status,
    pub attempts: u32,
    pub started_ms: Option<u64>,
    pub finished_ms: Option<u64>,
    /// The problem version the final result was judged with.
    pub judged_version: Option<String>,
    pub result: Option<JudgeResult>,
}

/// A submission about to be created.
pub struct NewSubmission {
    pub meta: Meta,
    pub source: String,
    /// `(key, fingerprint of the request)`: a retry with the same key returns the first one.
    pub idempotency: Option<(String, String)>,
    /// In an assessment: taken only while the session is where it was checked to be.
    pub guard: Option<Guard>,
}

/// What an assessment's submission or run is taken on: the session still at `version` (not
/// moved on, not finished) and the store's clock before `closes_ms`, its section's close.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    pub version: u64,
    pub closes_ms: u64,
}

/// What [`Store::create`] did.
#[derive(Debug)]
pub enum Created {
    New,
    /// The idempotency key was used before, for this submission.
    Existing(Uuid),
    /// The idempotency key was used before with a different request.
    KeyReused,
    /// The guard's section has closed, or the session moved on since it was read.
    Closed,
}

static CREATE: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    script(&format!(
        "{}{}",
        super::assessments::CLOCK,
        r#"
if KEYS[10] ~= '' then
  local f = redis.call('HMGET', KEYS[10], 'state', 'version')
  if f[1] ~= 'started' or f[2] ~= ARGV[7] or clock() >= tonumber(ARGV[8]) then return '!closed' end
  if ARGV[6] == 'listed' then redis.call('ZADD', KEYS[11], clock(), ARGV[1]) end
end
local idem = KEYS[1]
if idem ~= '' then
  local prior = redis.call('GET', idem)
  if prior then return prior end
end
local seq = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], 'meta', ARGV[2], 'source', ARGV[3], 'status', STATUS.queued, 'attempts', 0)
if ARGV[6] == 'listed' then
  for i = 4, 7 do redis.call('ZADD', KEYS[i], seq, ARGV[1]) end
end
redis.call('XADD', KEYS[8], '*', 'type', EVENT.queued, 'data', '{}')
redis.call('XADD', KEYS[9], '*', 'id', ARGV[1])
if idem ~= '' then redis.call('SET', idem, ARGV[1] .. ' ' .. ARGV[4], 'EX', ARGV[5]) end
return ''
"#
    ))
});

impl Store {
    /// Creates a submission and queues it, in one step.
    pub async fn create(&self, new: &NewSubmission) -> Result<Created> {
        let meta = &new.meta;
        let id = meta.id.to_string();
        let (idem_key, fingerprint) = match &new.idempotency {
            Some((k, f)) => (key(&["idempotency", meta.owner.key(), &hex_digest(k.as_bytes())]), f.as_str()),
            None => (String::new(), ""),
        };
        let meta_json = serde_json::to_string(meta).expect("meta serializes");
        let prior: String = CREATE
            .key(idem_key)
            .key(key(&["seq"]))
            .key(record_key(meta.id))
            .key(key(&["index", meta.owner.key()]))
            .key(key(&["index", meta.owner.key(), &meta.problem]))
            .key(key(&["index", ALL]))
            .key(key(&["index", ALL, &meta.problem]))
            .key(events_key(meta.id))
            .key(queue::stream_key())
            .key(meta.assessment.filter(|_| new.guard.is_some()).map_or(String::new(), super::assessments::assessment_key))
            .key(meta.assessment.map_or(String::new(), super::assessments::submissions_key))
            .arg(&id)
            .arg(meta_json)
            .arg(&new.source)
            .arg(fingerprint)
            .arg(IDEMPOTENCY_TTL_SECS)
            .arg(if meta.run.is_some() { "unlisted" } else { "listed" })
            .arg(new.guard.map_or(0, |g| g.version))
            .arg(new.guard.map_or(0, |g| g.closes_ms))
            .invoke_async(&mut self.conn())
            .await?;
        if prior == "!closed" {
            return Ok(Created::Closed);
        }
        if prior.is_empty() {
            return Ok(Created::New);
        }
        let (prior_id, prior_fingerprint) = prior.split_once(' ').unwrap_or((&prior, ""));
        if prior_fingerprint != fingerprint {
            return Ok(Created::KeyReused);
        }
        Uuid::parse_str(prior_id).map(Created::Existing).map_err(|e| corrupt("idempotency key", e))
    }

    pub async fn get(&self, id: Uuid) -> Result<Option<Record>> {
        let fields: Vec<Option<String>> = self
            .conn()
            .hget(
                record_key(id),
                &["meta", "status", "attempts", "started_at", "finished_at", "judged_version", "result"],
            )
            .await?;
        let [meta, status, attempts, started, finished, judged_version, result]: [Option<String>; 7] =
            fields.try_into().map_err(|_| corrupt("record", "HMGET answered the wrong number of fields"))?;
        let Some(meta) = meta else { return Ok(None) };
        let parse_ms = |v: Option<String>| v.and_then(|s| s.parse().ok());
        Ok(Some(Record {
            meta: serde_json::from_str(&meta).map_err(|e| corrupt("record meta", e))?,
            status: status.as_deref().and_then(Status::parse).unwrap_or(Status::Queued),
            attempts: attempts.and_then(|a| a.parse().ok()).unwrap_or(0),
            started_ms: parse_ms(started),
            finished_ms: parse_ms(finished),
            judged_version,
            result: result.map(|r| serde_json::from_str(&r)).transpose().map_err(|e| corrupt("result", e))?,
        }))
    }

    pub async fn source(&self, id: Uuid) -> Result<Option<String>> {
        Ok(self.conn().hget(record_key(id), "source").await?)
    }

    /// One page of `owner`'s submissions (every one for the instructor), newest first, and the
    /// cursor of the next page.
    pub async fn list(
        &self,
        owner: &Owner,
        problem: Option<&str>,
        limit: usize,
        cursor: Option<u64>,
    ) -> Result<(Vec<Record>, Option<u64>)> {
        let owner = match owner {
            Owner::Instructor => ALL,
            Owner::Candidate(id) => id,
        };
        let index = match problem {
            Some(p) => key(&["index", owner, p]),
            None => key(&["index", owner]),
        };
        let max = cursor.map_or("+inf".to_string(), |c| format!("({c}"));
        let page: Vec<(String, u64)> = redis::cmd("ZREVRANGEBYSCORE")
            .arg(&index)
            .arg(max)
            .arg("-inf")
            .arg("WITHSCORES")
            .arg("LIMIT")
            .arg(0)
            .arg(limit + 1)
            .query_async(&mut self.conn())
            .await?;
        let next = (page.len() > limit).then(|| page[limit - 1].1);
        let mut records = Vec::new();
        for (id, _) in page.into_iter().take(limit) {
            let id = Uuid::parse_str(&id).map_err(|e| corrupt("index", e))?;
            if let Some(r) = self.get(id).await? {
                records.push(r);
            }
        }
        Ok((records, next))
    }
}
