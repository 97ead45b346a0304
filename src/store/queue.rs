//! The queue: a Redis stream of submission ids with one consumer group, `workers`.
//!
//! Delivery is at-least-once. A worker holds a job by keeping its entry pending and touching it
//! ([`Store::heartbeat`]) more often than the visibility timeout; a job whose worker went quiet
//! (killed, partitioned) is taken over by another worker (`XPENDING … IDLE` finds the oldest
//! such entry however many live ones are pending, `XCLAIM` takes it). A worker that finds its
//! job taken over stops touching it and hands nothing back. Every attempt is counted on the
//! record, and past the limit the submission ends as IE instead of looping. The final write
//! ([`Store::finish`]) happens once whatever the number of deliveries: a second finisher finds
//! the record finished and only acknowledges.

use super::{events_key, key, now_ms, record_key, script, stats_key, Result, Store, StoreError};
use crate::progress::Progress;
use crate::verdict::JudgeResult;
use redis::aio::MultiplexedConnection;
use redis::streams::{StreamClaimReply, StreamReadReply};
use redis::Script;
use std::sync::LazyLock;
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
    /// The consumer (worker) it was delivered to.
    pub consumer: String,
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

// The scripts below that act on a job take KEYS = record, events, stream and
// ARGV = group, entry, consumer, then their own arguments (see `Store::job_script`).

/// Takes over the oldest entry pending for at least ARGV[2] ms, if any.
static RECLAIM: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r#"
local stale = redis.call('XPENDING', KEYS[1], ARGV[1], 'IDLE', ARGV[2], '-', '+', 1)
if #stale == 0 then return {} end
return redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], ARGV[2], stale[1][1])
"#,
    )
});

/// Whether the job's entry is still pending for its consumer (not taken over, not done).
const OWNED: &str = r#"
local function owned()
  return #redis.call('XPENDING', KEYS[3], ARGV[1], ARGV[2], ARGV[2], 1, ARGV[3]) == 1
end
"#;

static HEARTBEAT: LazyLock<Script> = LazyLock::new(|| {
    script(&format!(
        "{OWNED}{}",
        r#"
if not owned() then return 0 end
redis.call('XCLAIM', KEYS[3], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
return 1
"#
    ))
});

/// ARGV[4] = attempt limit, ARGV[5] = now. Returns {0, 0, ''} when finished already,
/// {1, n, ''} to run attempt n, {2, n, last_error} when the n attempts allowed were made.
static BEGIN: LazyLock<Script> = LazyLock::new(|| {
    script(
        r#"
local status = redis.call('HGET', KEYS[1], 'status')
if (not status) or status == STATUS.finished then
  redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
  redis.call('XDEL', KEYS[3], ARGV[2])
  return {0, 0, ''}
end
local made = tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0')
if made >= tonumber(ARGV[4]) then return {2, made, redis.call('HGET', KEYS[1], 'last_error') or ''} end
local attempt = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HSET', KEYS[1], 'status', STATUS.running, 'started_at', ARGV[5], 'worker', ARGV[3])
redis.call('XADD', KEYS[2], '*', 'type', EVENT.running, 'data', '{"attempt":' .. attempt .. '}')
return {1, attempt, ''}
"#,
    )
});

/// KEYS[4] = stats; ARGV[4] = result, [5] = now, [6] = version, [7] = finished event data,
/// [8] = events TTL, [9] = verdict, [10] = judge seconds or '', [11..] = histogram buckets.
static FINISH: LazyLock<Script> = LazyLock::new(|| {
    script(
        r#"
if redis.call('HGET', KEYS[1], 'status') ~= STATUS.finished then
  redis.call('HSET', KEYS[1], 'status', STATUS.finished, 'result', ARGV[4], 'finished_at', ARGV[5], 'judged_version', ARGV[6])
  redis.call('XADD', KEYS[2], '*', 'type', EVENT.finished, 'data', ARGV[7])
  redis.call('EXPIRE', KEYS[2], ARGV[8])
  redis.call('HINCRBY', KEYS[4], 'verdict:' .. ARGV[9], 1)
  if ARGV[10] ~= '' then
    redis.call('HINCRBYFLOAT', KEYS[4], 'judge_seconds_sum', ARGV[10])
    redis.call('HINCRBY', KEYS[4], 'judge_seconds_count', 1)
    for i = 11, #ARGV do redis.call('HINCRBY', KEYS[4], 'judge_seconds_bucket:' .. ARGV[i], 1) end
  end
  redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
  redis.call('XDEL', KEYS[3], ARGV[2])
  return 1
end
redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[3], ARGV[2])
return 0
"#,
    )
});

/// Hands the entry back unless another worker took it over meanwhile. ARGV[4] = submission
/// id, [5] = queued event data, [6] = '1' if the attempt counts, [7] = why.
static RELEASE: LazyLock<Script> = LazyLock::new(|| {
    script(&format!(
        "{OWNED}{}",
        r#"
if not owned() then return 0 end
redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[3], ARGV[2])
if redis.call('HGET', KEYS[1], 'status') == STATUS.finished then return 0 end
if ARGV[6] ~= '1' then redis.call('HINCRBY', KEYS[1], 'attempts', -1) end
redis.call('HSET', KEYS[1], 'status', STATUS.queued, 'last_error', ARGV[7])
redis.call('XADD', KEYS[2], '*', 'type', EVENT.queued, 'data', ARGV[5])
redis.call('XADD', KEYS[3], '*', 'id', ARGV[4])
return 1
"#
    ))
});

/// Deletes consumer ARGV[2] unless it still holds entries (a job whose worker was cut off
/// mid-read, which must stay pending for another worker to take over).
static FORGET: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r#"
if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then return 0 end
return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
"#,
    )
});

/// A Redis command's block time: `BLOCK 0` would mean forever.
pub(super) fn block_ms(block: Duration) -> u64 {
    (block.as_millis() as u64).max(1)
}

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
    /// new one, waiting up to `block`. `conn` must come from [`Store::blocking`]. A group lost
    /// with Redis's data is made again.
    pub async fn next_job(
        &self,
        conn: &mut MultiplexedConnection,
        consumer: &str,
        visibility: Duration,
        block: Duration,
    ) -> Result<Option<Job>> {
        match self.try_next_job(conn, consumer, visibility, block).await {
            Err(StoreError::Redis(e)) if e.code() == Some("NOGROUP") => {
                tracing::warn!("the queue's consumer group is gone (Redis lost its data?); making it again");
                self.ensure_group().await?;
                Ok(None)
            }
            other => other,
        }
    }

    async fn try_next_job(
        &self,
        conn: &mut MultiplexedConnection,
        consumer: &str,
        visibility: Duration,
        block: Duration,
    ) -> Result<Option<Job>> {
        let claimed: StreamClaimReply = RECLAIM
            .key(stream_key())
            .arg(GROUP)
            .arg(visibility.as_millis() as u64)
            .arg(consumer)
            .invoke_async(conn)
            .await?;
        if let Some(entry) = claimed.ids.into_iter().next() {
            return self.job(entry, consumer, true).await;
        }
        let read: Option<StreamReadReply> = redis::cmd("XREADGROUP")
            .arg("GROUP")
            .arg(GROUP)
            .arg(consumer)
            .arg("COUNT")
            .arg(1)
            .arg("BLOCK")
            .arg(block_ms(block))
            .arg("STREAMS")
            .arg(stream_key())
            .arg(">")
            .query_async(conn)
            .await?;
        match read.and_then(|r| r.keys.into_iter().flat_map(|k| k.ids).next()) {
            Some(entry) => self.job(entry, consumer, false).await,
            None => Ok(None),
        }
    }

    /// The job an entry names. Only we write the stream, but an entry without a submission id
    /// would otherwise be redelivered forever: it is acknowledged and dropped.
    async fn job(&self, entry: redis::streams::StreamId, consumer: &str, reclaimed: bool) -> Result<Option<Job>> {
        let submission = entry.get::<String>("id").and_then(|id| Uuid::parse_str(&id).ok());
        match submission {
            Some(submission) => Ok(Some(Job { entry: entry.id, submission, reclaimed, consumer: consumer.to_string() })),
            None => {
                tracing::error!(entry = entry.id, "dropping a queue entry without a submission id");
                let mut pipe = redis::pipe();
                pipe.xack(stream_key(), GROUP, &[&entry.id]).ignore().xdel(stream_key(), &[&entry.id]).ignore();
                let _: () = pipe.query_async(&mut self.conn()).await?;
                Ok(None)
            }
        }
    }

    /// Removes a stopping worker slot's consumer from the group, so that the group does not
    /// collect one per slot of every worker that ever ran.
    pub async fn forget_consumer(&self, consumer: &str) -> Result<()> {
        let _: i64 = FORGET.key(stream_key()).arg(GROUP).arg(consumer).invoke_async(&mut self.conn()).await?;
        Ok(())
    }

    /// Tells the group the job's worker still works on it (resets its idle time). False when
    /// another worker has taken it over (or it is done): the caller should stop judging it.
    pub async fn heartbeat(&self, job: &Job) -> Result<bool> {
        let mine: i64 = job_script(&HEARTBEAT, job).invoke_async(&mut self.conn()).await?;
        Ok(mine == 1)
    }

    /// Marks a delivered job running and counts the attempt.
    pub async fn begin(&self, job: &Job, max_attempts: u32) -> Result<Begin> {
        let (kind, attempts, last_error): (u8, u32, String) =
            job_script(&BEGIN, job).arg(max_attempts).arg(now_ms()).invoke_async(&mut self.conn()).await?;
        Ok(match kind {
            0 => Begin::Done,
            1 => Begin::Run { attempt: attempts },
            _ => Begin::Exhausted { attempts, last_error: (!last_error.is_empty()).then_some(last_error) },
        })
    }

    /// Stores the final result, once: returns false when another delivery got there first.
    pub async fn finish(&self, job: &Job, finish: &Finish<'_>) -> Result<bool> {
        let result = serde_json::to_string(finish.result).expect("results serialize");
        let mut script = job_script(&FINISH, job);
        script
            .key(stats_key())
            .arg(result)
            .arg(now_ms())
            .arg(finish.version)
            .arg(Progress::finished(Some(finish.result)).data())
            .arg(super::events::EVENTS_TTL_SECS)
            // A run whose input was refused has no verdict to count (it says IE, which would
            // blame the judge for a candidate's typo).
            .arg(if finish.result.invalid_input.is_some() { "none".to_string() } else { finish.result.verdict.to_string() });
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

    /// Hands a job back to the queue, to the back of the stream, for any worker, unless
    /// another worker has taken it over. `reason` is what the submission's events say; `detail`
    /// joins it in the record's `last_error` (instructors only: it may quote Docker or paths).
    /// The attempt is forgotten unless `counted` (draining or a lost Docker daemon is not the
    /// submission's doing; a fault that keeps recurring must still end).
    pub async fn release(&self, job: &Job, reason: &str, detail: Option<&str>, counted: bool) -> Result<bool> {
        let last_error = match detail {
            Some(d) => format!("{reason}: {d}"),
            None => reason.to_string(),
        };
        let released: i64 = job_script(&RELEASE, job)
            .arg(job.submission.to_string())
            .arg(Progress::Queued { requeued: Some(reason.to_string()) }.data())
            .arg(if counted { "1" } else { "0" })
            .arg(last_error)
            .invoke_async(&mut self.conn())
            .await?;
        Ok(released == 1)
    }

    /// `(waiting, in flight)`: entries no worker has read yet, and entries being judged.
    /// Handled entries are deleted, so the stream holds exactly these two kinds (the group's
    /// `lag` would say the first, but Redis cannot count it once entries are deleted). With the
    /// group gone (Redis lost its data; the next worker read makes it again) nothing is in flight.
    pub async fn queue_depth(&self) -> Result<(u64, u64)> {
        let mut conn = self.conn();
        let len: u64 = redis::cmd("XLEN").arg(stream_key()).query_async(&mut conn).await?;
        let pending: redis::RedisResult<(u64, redis::Value, redis::Value, redis::Value)> =
            redis::cmd("XPENDING").arg(stream_key()).arg(GROUP).query_async(&mut conn).await;
        let in_flight = match pending {
            Err(e) if e.code() == Some("NOGROUP") => 0,
            other => other?.0,
        };
        Ok((len.saturating_sub(in_flight), in_flight))
    }
}

/// An invocation of one of the job scripts above with the keys and leading arguments they
/// all take.
fn job_script(script: &'static Script, job: &Job) -> redis::ScriptInvocation<'static> {
    let mut invocation = script.prepare_invoke();
    invocation
        .key(record_key(job.submission))
        .key(events_key(job.submission))
        .key(stream_key())
        .arg(GROUP)
        .arg(&job.entry)
        .arg(&job.consumer);
    invocation
}

/// The stats counter that [`crate::metrics`] reads for reclaimed jobs.
pub const RECLAIMED: &str = "reclaimed_jobs";
/// The stats counter for containers that failed for reasons of our own (not the program's).
pub const CONTAINER_ERRORS: &str = "container_errors";
