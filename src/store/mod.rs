//! Redis as the system of record: submission records and their results, each submission's
//! progress events, candidate tokens, idempotency keys and the service's counters. The queue
//! itself (a stream with a consumer group) is in [`queue`].
//!
//! Everything that must happen together happens in one Lua script, so that a crash between two
//! writes cannot leave a submission half-created or finished twice.
//!
//! Keys (all under `mockjudge:`):
//! - `submission:{id}`: a hash: `meta` (JSON, fixed at creation), `source`, `status`,
//!   `attempts`, `started_at`, `finished_at`, `worker`, `judged_version`, `result` (JSON).
//! - `events:{id}`: a stream of progress events, read by SSE and `?wait=true`.
//! - `index:{owner}` and `index:{owner}:{problem}`: sorted sets of ids by creation order;
//!   owner `*` holds every submission.
//! - `idempotency:{owner}:{key}`, `token:{sha256}`, `stats`, `worker:{name}`, `workers`, `seq`.

pub mod queue;

use crate::language::Language;
use crate::progress::{self, Progress, Status};
use crate::verdict::JudgeResult;
use redis::aio::{ConnectionManager, ConnectionManagerConfig, MultiplexedConnection};
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use uuid::Uuid;

const PREFIX: &str = "mockjudge:";
/// Events of a finished submission are kept this long (the record itself is kept).
const EVENTS_TTL_SECS: u64 = 24 * 3600;
/// How long an idempotency key remembers its submission.
const IDEMPOTENCY_TTL_SECS: u64 = 24 * 3600;
/// The owner of instructors' submissions, and the index of every submission.
pub const INSTRUCTOR: &str = "instructor";
const ALL: &str = "*";
/// Commands on the shared connection never block, so an answer slower than this means trouble.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
    #[error("redis holds a malformed {what}: {message}")]
    Corrupt { what: &'static str, message: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A handle on Redis. Cheap to clone: the shared connection reconnects by itself after Redis
/// restarts; blocking reads get connections of their own ([`Store::blocking`]).
#[derive(Clone)]
pub struct Store {
    client: redis::Client,
    conn: ConnectionManager,
}

/// What is fixed when a submission is created.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub id: Uuid,
    /// The token id that made it ([`INSTRUCTOR`] for the instructor token).
    pub owner: String,
    pub problem: String,
    /// The problem's content hash when the submission was accepted.
    pub problem_version: String,
    pub language: Language,
    /// Unix milliseconds.
    pub created_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
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
}

/// What [`Store::create`] did.
#[derive(Debug)]
pub enum Created {
    New,
    /// The idempotency key was used before, for this submission.
    Existing(Uuid),
    /// The idempotency key was used before with a different request.
    KeyReused,
}

/// A progress event and its place in the submission's stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The stream entry id, which doubles as the SSE event id.
    pub id: String,
    pub progress: Progress,
}

/// A candidate token's identity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
}

pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

fn key(parts: &[&str]) -> String {
    let mut k = PREFIX.to_string();
    k.push_str(&parts.join(":"));
    k
}

fn record_key(id: Uuid) -> String {
    key(&["submission", &id.to_string()])
}

fn events_key(id: Uuid) -> String {
    key(&["events", &id.to_string()])
}

fn stats_key() -> String {
    key(&["stats"])
}

fn corrupt(what: &'static str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt { what, message: e.to_string() }
}

/// A Lua script that may name statuses and events (`STATUS.queued`, `EVENT.finished`).
fn script(body: &str) -> redis::Script {
    redis::Script::new(&format!("{}{body}", progress::lua_names()))
}

static CREATE: std::sync::LazyLock<redis::Script> = std::sync::LazyLock::new(|| {
    script(
        r#"
local idem = KEYS[1]
if idem ~= '' then
  local prior = redis.call('GET', idem)
  if prior then return prior end
end
local seq = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], 'meta', ARGV[2], 'source', ARGV[3], 'status', STATUS.queued, 'attempts', 0)
for i = 4, 7 do redis.call('ZADD', KEYS[i], seq, ARGV[1]) end
redis.call('XADD', KEYS[8], '*', 'type', EVENT.queued, 'data', '{}')
redis.call('XADD', KEYS[9], '*', 'id', ARGV[1])
if idem ~= '' then redis.call('SET', idem, ARGV[1] .. ' ' .. ARGV[4], 'EX', ARGV[5]) end
return ''
"#,
    )
});

impl Store {
    /// Connects to `url` (`redis://host:port/db` or `unix:///path/to/redis.sock`).
    pub async fn connect(url: &str) -> Result<Store> {
        let client = redis::Client::open(url)?;
        let config = ConnectionManagerConfig::new()
            .set_response_timeout(RESPONSE_TIMEOUT)
            .set_connection_timeout(Duration::from_secs(5))
            .set_number_of_retries(2)
            .set_max_delay(1000);
        let conn = ConnectionManager::new_with_config(client.clone(), config).await?;
        let store = Store { client, conn };
        store.ensure_group().await?;
        Ok(store)
    }

    /// A connection of its own for commands that block (XREAD, XREADGROUP with BLOCK): Redis
    /// answers one command at a time per connection, so a blocked read would stall every
    /// command pipelined behind it. `block` is the longest BLOCK it will be used with.
    pub async fn blocking(&self, block: Duration) -> Result<MultiplexedConnection> {
        let config = redis::AsyncConnectionConfig::new()
            .set_response_timeout(block + RESPONSE_TIMEOUT)
            .set_connection_timeout(Duration::from_secs(5));
        Ok(self.client.get_multiplexed_async_connection_with_config(&config).await?)
    }

    pub fn conn(&self) -> ConnectionManager {
        self.conn.clone()
    }

    pub async fn ping(&self) -> Result<()> {
        let _: String = redis::cmd("PING").query_async(&mut self.conn()).await?;
        Ok(())
    }

    /// Creates a submission and queues it, in one step.
    pub async fn create(&self, new: &NewSubmission) -> Result<Created> {
        let meta = &new.meta;
        let id = meta.id.to_string();
        let (idem_key, fingerprint) = match &new.idempotency {
            Some((k, f)) => (key(&["idempotency", &meta.owner, &hex_digest(k.as_bytes())]), f.as_str()),
            None => (String::new(), ""),
        };
        let meta_json = serde_json::to_string(meta).expect("meta serializes");
        let prior: String = CREATE
            .key(idem_key)
            .key(key(&["seq"]))
            .key(record_key(meta.id))
            .key(key(&["index", &meta.owner]))
            .key(key(&["index", &meta.owner, &meta.problem]))
            .key(key(&["index", ALL]))
            .key(key(&["index", ALL, &meta.problem]))
            .key(events_key(meta.id))
            .key(queue::stream_key())
            .arg(&id)
            .arg(meta_json)
            .arg(&new.source)
            .arg(fingerprint)
            .arg(IDEMPOTENCY_TTL_SECS)
            .invoke_async(&mut self.conn())
            .await?;
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

    /// One page of `owner`'s submissions (every one for [`INSTRUCTOR`]), newest first, and the
    /// cursor of the next page.
    pub async fn list(
        &self,
        owner: &str,
        problem: Option<&str>,
        limit: usize,
        cursor: Option<u64>,
    ) -> Result<(Vec<Record>, Option<u64>)> {
        let owner = if owner == INSTRUCTOR { ALL } else { owner };
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

    /// Events of submission `id` after `after` (`0` for all), waiting up to `block` for one.
    /// `conn` must come from [`Store::blocking`].
    pub async fn events(
        conn: &mut MultiplexedConnection,
        id: Uuid,
        after: &str,
        block: Duration,
    ) -> Result<Vec<Event>> {
        let reply: redis::streams::StreamReadReply = redis::cmd("XREAD")
            .arg("COUNT")
            .arg(100)
            .arg("BLOCK")
            .arg(queue::block_ms(block))
            .arg("STREAMS")
            .arg(events_key(id))
            .arg(after)
            .query_async(conn)
            .await?;
        let mut events = Vec::new();
        for entry in reply.keys.into_iter().flat_map(|k| k.ids) {
            let name: String = entry.get("type").unwrap_or_default();
            let data: String = entry.get("data").unwrap_or_else(|| "{}".into());
            let progress = Progress::from_parts(&name, &data).map_err(|e| corrupt("event", e))?;
            events.push(Event { id: entry.id, progress });
        }
        Ok(events)
    }

    /// Appends a progress event.
    pub async fn emit(&self, id: Uuid, progress: &Progress) -> Result<()> {
        let _: String =
            self.conn().xadd(events_key(id), "*", &[("type", progress.name()), ("data", &progress.data())]).await?;
        Ok(())
    }

    /// Registers a candidate token (stored as its SHA-256 only).
    pub async fn add_token(&self, token: &str, info: &TokenInfo) -> Result<()> {
        let json = serde_json::to_string(info).expect("token info serializes");
        let _: () = self.conn().set(key(&["token", &hex_digest(token.as_bytes())]), json).await?;
        Ok(())
    }

    pub async fn token(&self, token: &str) -> Result<Option<TokenInfo>> {
        let json: Option<String> = self.conn().get(key(&["token", &hex_digest(token.as_bytes())])).await?;
        json.map(|j| serde_json::from_str(&j)).transpose().map_err(|e| corrupt("token", e))
    }

    /// Adds to one of the service's counters (see [`crate::metrics`]).
    pub async fn count(&self, counter: &str, by: i64) -> Result<()> {
        let _: i64 = self.conn().hincr(stats_key(), counter, by).await?;
        Ok(())
    }

    pub async fn counters(&self) -> Result<HashMap<String, f64>> {
        let raw: HashMap<String, String> = self.conn().hgetall(stats_key()).await?;
        Ok(raw.into_iter().filter_map(|(k, v)| v.parse().ok().map(|v| (k, v))).collect())
    }

    /// Records a worker's health for `/readyz`; it counts as gone after `ttl`.
    pub async fn report_worker(&self, health: &WorkerHealth, ttl: Duration) -> Result<()> {
        let json = serde_json::to_string(health).expect("health serializes");
        let mut pipe = redis::pipe();
        pipe.set_ex(key(&["worker", &health.name]), json, ttl.as_secs().max(1))
            .ignore()
            .sadd(key(&["workers"]), &health.name)
            .ignore();
        let _: () = pipe.query_async(&mut self.conn()).await?;
        Ok(())
    }

    pub async fn remove_worker(&self, name: &str) -> Result<()> {
        let mut pipe = redis::pipe();
        pipe.del(key(&["worker", name])).ignore().srem(key(&["workers"]), name).ignore();
        let _: () = pipe.query_async(&mut self.conn()).await?;
        Ok(())
    }

    /// The workers that reported recently; forgets the ones that did not.
    pub async fn workers(&self) -> Result<Vec<WorkerHealth>> {
        let names: Vec<String> = self.conn().smembers(key(&["workers"])).await?;
        let mut live = Vec::new();
        for name in names {
            let json: Option<String> = self.conn().get(key(&["worker", &name])).await?;
            match json {
                Some(j) => live.push(serde_json::from_str(&j).map_err(|e| corrupt("worker health", e))?),
                None => {
                    let _: i64 = self.conn().srem(key(&["workers"]), &name).await?;
                }
            }
        }
        live.sort_by(|a: &WorkerHealth, b| a.name.cmp(&b.name));
        Ok(live)
    }
}

/// What a worker last saw of its Docker daemon.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WorkerHealth {
    pub name: String,
    /// `None` when the daemon answers; else why not.
    pub docker_error: Option<String>,
    /// Sandbox images the worker's daemon lacks.
    pub missing_images: Vec<String>,
    pub in_flight: usize,
    pub concurrency: usize,
}

impl WorkerHealth {
    pub fn ready(&self) -> bool {
        self.docker_error.is_none() && self.missing_images.is_empty()
    }
}

pub fn hex_digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
