//! The queue: a Redis stream of submission ids with one consumer group, `workers`.
//!
//! Delivery is at-least-once. A worker holds a job by keeping its entry pending and touching it
//! ([`Store::heartbeat`]) more often than the visibility timeout; a job whose worker went quiet
//! (killed, partitioned) is taken over by another worker with `XAUTOCLAIM`. Every attempt is
//! counted on the record, and past the limit the submission ends as IE instead of looping.
//! The final write ([`Store::finish`]) happens once whatever the number of deliveries: a
//! second finisher finds the record finished and only acknowledges.

use super::{events_key, key, now_ms, record_key, stats_key, Result, Store};
use crate::verdict::JudgeResult;
use redis::aio::MultiplexedConnection;
use redis::streams::{StreamAutoClaimReply, StreamReadReply};
use std::time::Duration;
use uuid::Uuid;

const GROUP: &str = "workers";

pub(super) fn stream_key() -> String {
    key(&["submissions"])
}

/// A delivered submission.
#[derive(Debug, Clone)]
pub struct Job {
    /// The stream entry, which stays pending until the job is finished or released.
    pub entry: String,
    pub submission: Uuid,
    /// Taken over from a worker that went quiet.
    pub reclaimed: bool,
}

/// What [`Store::begin`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Begin {
    /// Judge it: this is attempt `n`.
    Run { attempt: u32 },
    /// It was finished already (a late redelivery); it has been acknowledged.
    Done,
    /// It was tried `attempts` times already; finish it as IE. `last_error` is why the last
    /// attempt was handed back, when it was (a worker that died says nothing).
    Exhausted { attempts: u32, last_error: Option<String> },
}

/// How a finished judging is recorded.
pub struct Finish<'a> {
    pub result: &'a JudgeResult,
    /// The problem version judged with.
    pub version: &'a str,
    /// How long judging took, for the histogram; `None` when nothing was judged.
    pub judge_seconds: Option<f64>,
}

/// Upper bounds of the judge-time histogram's buckets, in seconds.
pub const JUDGE_SECONDS_BUCKETS: [f64; 9] = [0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0];

const BEGIN: &str = r#"
local status = redis.call('HGET', KEYS[1], 'status')
if (not status) or status == 'finished' then
  redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
  redis.call('XDEL', KEYS[3], ARGV[2])
  return {-1, ''}
end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts > tonumber(ARGV[3]) then return {-attempts, redis.call('HGET', KEYS[1], 'last_error') or ''} end
redis.call('HSET', KEYS[1], 'status', 'running', 'started_at', ARGV[4], 'worker', ARGV[5])
redis.call('XADD', KEYS[2], '*', 'type', 'running', 'data', '{"attempt":' .. attempts .. '}')
return {attempts, ''}
"#;

const FINISH: &str = r#"
if redis.call('HGET', KEYS[1], 'status') ~= 'finished' then
  redis.call('HSET', KEYS[1], 'status', 'finished', 'result', ARGV[3], 'finished_at', ARGV[4], 'judged_version', ARGV[5])
  redis.call('XADD', KEYS[2], '*', 'type', 'finished', 'data', ARGV[6])
  redis.call('EXPIRE', KEYS[2], ARGV[7])
  redis.call('HINCRBY', KEYS[4], 'verdict:' .. ARGV[8], 1)
  if ARGV[9] ~= '' then
    redis.call('HINCRBYFLOAT', KEYS[4], 'judge_seconds_sum', ARGV[9])
    redis.call('HINCRBY', KEYS[4], 'judge_seconds_count', 1)
    for i = 10, #ARGV do redis.call('HINCRBY', KEYS[4], 'judge_seconds_bucket:' .. ARGV[i], 1) end
  end
  redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
  redis.call('XDEL', KEYS[3], ARGV[2])
  return 1
end
redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[3], ARGV[2])
return 0
"#;

const RELEASE: &str = r#"
redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[3], ARGV[2])
if redis.call('HGET', KEYS[1], 'status') == 'finished' then return 0 end
if ARGV[5] ~= '1' then redis.call('HINCRBY', KEYS[1], 'attempts', -1) end
redis.call('HSET', KEYS[1], 'status', 'queued', 'last_error', ARGV[6])
redis.call('XADD', KEYS[2], '*', 'type', 'queued', 'data', ARGV[4])
redis.call('XADD', KEYS[3], '*', 'id', ARGV[3])
return 1
"#;

impl Store {
    /// Creates the stream and its group if they are missing ("BUSYGROUP" means they exist).
    pub(super) async fn ensure_group(&self) -> Result<()> {
        let created: redis::RedisResult<()> = redis::cmd("XGROUP")
            .arg("CREATE")
            .arg(stream_key())
            .arg(GROUP)
            .arg("0")
            .arg("MKSTREAM")
            .query_async(&mut self.conn())
            .await;
        match created {
            Err(e) if e.code() == Some("BUSYGROUP") => Ok(()),
            other => Ok(other?),
        }
    }

    /// The next job for `consumer`: one whose worker went quiet for `visibility` first, else a
    /// new one, waiting up to `block`. `conn` must come from [`Store::blocking`].
    pub async fn next_job(
        &self,
        conn: &mut MultiplexedConnection,
        consumer: &str,
        visibility: Duration,
        block: Duration,
    ) -> Result<Option<Job>> {
        let claimed: StreamAutoClaimReply = redis::cmd("XAUTOCLAIM")
            .arg(stream_key())
            .arg(GROUP)
            .arg(consumer)
            .arg(visibility.as_millis() as u64)
            .arg("0-0")
            .arg("COUNT")
            .arg(1)
            .query_async(conn)
            .await?;
        if let Some(entry) = claimed.claimed.into_iter().next() {
            return self.job(entry, true).await;
        }
        let read: Option<StreamReadReply> = redis::cmd("XREADGROUP")
            .arg("GROUP")
            .arg(GROUP)
            .arg(consumer)
            .arg("COUNT")
            .arg(1)
            .arg("BLOCK")
            .arg(block.as_millis() as u64)
            .arg("STREAMS")
            .arg(stream_key())
            .arg(">")
            .query_async(conn)
            .await?;
        match read.and_then(|r| r.keys.into_iter().flat_map(|k| k.ids).next()) {
            Some(entry) => self.job(entry, false).await,
            None => Ok(None),
        }
    }

    /// The job an entry names. Only we write the stream, but an entry without a submission id
    /// would otherwise be redelivered forever: it is acknowledged and dropped.
    async fn job(&self, entry: redis::streams::StreamId, reclaimed: bool) -> Result<Option<Job>> {
        let submission = entry.get::<String>("id").and_then(|id| Uuid::parse_str(&id).ok());
        match submission {
            Some(submission) => Ok(Some(Job { entry: entry.id, submission, reclaimed })),
            None => {
                tracing::error!(entry = entry.id, "dropping a queue entry without a submission id");
                let mut pipe = redis::pipe();
                pipe.xack(stream_key(), GROUP, &[&entry.id]).ignore().xdel(stream_key(), &[&entry.id]).ignore();
                let _: () = pipe.query_async(&mut self.conn()).await?;
                Ok(None)
            }
        }
    }

    /// Tells the group `consumer` still works on `job` (resets its idle time).
    pub async fn heartbeat(&self, consumer: &str, job: &Job) -> Result<()> {
        let _: redis::Value = redis::cmd("XCLAIM")
            .arg(stream_key())
            .arg(GROUP)
            .arg(consumer)
            .arg(0)
            .arg(&job.entry)
            .arg("JUSTID")
            .query_async(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Marks a delivered job running and counts the attempt.
    pub async fn begin(&self, job: &Job, worker: &str, max_attempts: u32) -> Result<Begin> {
        let (n, last_error): (i64, String) = redis::Script::new(BEGIN)
            .key(record_key(job.submission))
            .key(events_key(job.submission))
            .key(stream_key())
            .arg(GROUP)
            .arg(&job.entry)
            .arg(max_attempts)
            .arg(now_ms())
            .arg(worker)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(match n {
            -1 => Begin::Done,
            n if n < 0 => Begin::Exhausted {
                attempts: (-n - 1) as u32,
                last_error: (!last_error.is_empty()).then_some(last_error),
            },
            n => Begin::Run { attempt: n as u32 },
        })
    }

    /// Stores the final result, once: returns false when another delivery got there first.
    pub async fn finish(&self, job: &Job, finish: &Finish<'_>) -> Result<bool> {
        let result = serde_json::to_string(finish.result).expect("results serialize");
        let summary = serde_json::json!({
            "verdict": finish.result.verdict,
            "score": finish.result.score,
        });
        let finish_script = redis::Script::new(FINISH);
        let mut script = finish_script.prepare_invoke();
        script
            .key(record_key(job.submission))
            .key(events_key(job.submission))
            .key(stream_key())
            .key(stats_key())
            .arg(GROUP)
            .arg(&job.entry)
            .arg(result)
            .arg(now_ms())
            .arg(finish.version)
            .arg(summary.to_string())
            .arg(super::EVENTS_TTL_SECS)
            .arg(finish.result.verdict.to_string());
        match finish.judge_seconds {
            Some(s) => {
                script.arg(format!("{s:.6}"));
                for le in JUDGE_SECONDS_BUCKETS.iter().filter(|le| s <= **le) {
                    script.arg(le.to_string());
                }
                script.arg("+Inf");
            }
            None => {
                script.arg("");
            }
        }
        let first: i64 = script.invoke_async(&mut self.conn()).await?;
        Ok(first == 1)
    }

    /// Hands a job back to the queue, to the back of the stream, for any worker. The attempt
    /// is forgotten unless `counted` (draining or a lost Docker daemon is not the submission's
    /// doing; a fault that keeps recurring must still end).
    pub async fn release(&self, job: &Job, reason: &str, counted: bool) -> Result<bool> {
        let released: i64 = redis::Script::new(RELEASE)
            .key(record_key(job.submission))
            .key(events_key(job.submission))
            .key(stream_key())
            .arg(GROUP)
            .arg(&job.entry)
            .arg(job.submission.to_string())
            .arg(serde_json::json!({ "requeued": reason }).to_string())
            .arg(if counted { "1" } else { "0" })
            .arg(reason)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(released == 1)
    }

    /// `(waiting, in flight)`: entries no worker has read yet, and entries being judged.
    pub async fn queue_depth(&self) -> Result<(u64, u64)> {
        let groups: Vec<std::collections::HashMap<String, redis::Value>> =
            redis::cmd("XINFO").arg("GROUPS").arg(stream_key()).query_async(&mut self.conn()).await?;
        let group = groups.into_iter().find(|g| g.get("name").and_then(|n| redis::from_redis_value::<String>(n).ok()).as_deref() == Some(GROUP));
        let number = |g: &std::collections::HashMap<String, redis::Value>, field: &str| {
            g.get(field).and_then(|v| redis::from_redis_value::<u64>(v).ok()).unwrap_or(0)
        };
        Ok(group.map_or((0, 0), |g| (number(&g, "lag"), number(&g, "pending"))))
    }
}

/// The stats counter that [`crate::metrics`] reads for reclaimed jobs.
pub const RECLAIMED: &str = "reclaimed_jobs";
/// The stats counter for containers that failed for reasons of our own (not the program's).
pub const CONTAINER_ERRORS: &str = "container_errors";
