//! Each submission's progress events: a stream per submission, appended by the worker and the
//! store's scripts, read by SSE and `?wait=true`.

use super::{corrupt, events_key, queue, Result, Store};
use crate::progress::Progress;
use redis::aio::MultiplexedConnection;
use redis::AsyncCommands;
use std::time::Duration;
use uuid::Uuid;

/// Events of a finished submission are kept this long (the record itself is kept).
pub(super) const EVENTS_TTL_SECS: u64 = 24 * 3600;

/// A progress event and its place in the submission's stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The stream entry id, which doubles as the SSE event id.
    pub id: String,
    pub progress: Progress,
}

impl Store {
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
}
