//! Redis as the system of record: submission records and their results, each submission's
//! progress events, candidate tokens, idempotency keys and the service's counters. The queue
//! itself (a stream with a consumer group) is in [`queue`].
//!
//! Everything that must happen together happens in one Lua script, so that a crash between two
//! writes cannot leave a submission half-created or finished twice.
//!
//! Keys (all under `mockjudge:`), a module per family:
//! - [`submissions`]: `submission:{id}`, a hash: `meta` (JSON, fixed at creation), `source`,
//!   `status`, `attempts`, `started_at`, `finished_at`, `worker`, `judged_version`, `result`
//!   (JSON); `index:{owner}` and `index:{owner}:{problem}`, sorted sets of ids by creation
//!   order (owner `*` holds every submission); `idempotency:{owner}:{key}`; `seq`.
//! - [`events`]: `events:{id}`, a stream of progress events, read by SSE and `?wait=true`.
//! - [`queue`]: `submissions`, the stream the workers' group reads.
//! - [`assessments`]: `assessment:{id}` and its submissions, `assessments`, `assessments:due`.
//! - [`tokens`]: `token:{sha256}`. [`counters`]: `stats`. [`workers`]: `worker:{name}`, `workers`.

pub mod assessments;
pub mod counters;
pub mod events;
pub mod queue;
pub mod submissions;
pub mod tokens;
pub mod workers;

pub use events::Event;
pub use assessments::{AssessmentRecord, Change};
pub use submissions::{Created, Guard, Meta, NewSubmission, Owner, Record};
pub use tokens::TokenInfo;
pub use workers::WorkerHealth;

use crate::progress;
use redis::aio::{ConnectionManager, ConnectionManagerConfig, MultiplexedConnection};
use sha2::{Digest, Sha256};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use uuid::Uuid;

const PREFIX: &str = "mockjudge:";
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
}

pub fn hex_digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
