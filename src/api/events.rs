//! `GET /v1/submissions/{id}/events`: progress as Server-Sent Events, from the submission's
//! event stream in Redis: `queued`, `running`, `compiling`, `testing` (k of N), `test` (its
//! verdict, time and memory), `finished`. Each event's id is its stream entry id, so a client
//! that reconnects with `Last-Event-ID` continues where it stopped. A stream ends when the
//! server shuts down; the client reconnects the same way.

use super::auth::{Caller, StreamSlot};
use super::error::{ApiError, ErrorCode, Path};
use super::submissions::load_visible;
use super::AppState;
use crate::progress::{Progress, Status};
use crate::store::{Event, Store};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{self, KeepAlive, Sse};
use futures_util::Stream;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How long one read waits for the next event before looking at the record again.
const BLOCK: Duration = Duration::from_secs(10);

#[utoipa::path(get, path = "/v1/submissions/{id}/events", tag = "submissions",
    params(("id" = String, Path), ("Last-Event-ID" = Option<String>, Header, description = "resume after this event")),
    responses((status = 200, description = "progress events (`queued`, `running`, `compiling`, `testing`, `test`, `finished`), each with a JSON object as its data, ending with `finished`", content_type = "text/event-stream", body = String),
        (status = 400, description = "a malformed id or Last-Event-ID", body = super::error::ErrorBody),
        (status = 403, description = "another token's submission", body = super::error::ErrorBody),
        (status = 404, description = "no such submission", body = super::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn stream(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<sse::Event, Infallible>>>, ApiError> {
    let record = load_visible(&state, &caller, &id).await?;
    let after = match headers.get("last-event-id") {
        None => "0".to_string(),
        Some(v) => v.to_str().ok().filter(|id| is_event_id(id)).map(String::from).ok_or_else(|| {
            ApiError::new(ErrorCode::InvalidLastEventId, "Last-Event-ID must be the id of an event this stream sent")
        })?,
    };
    let slot = state.streams.open(&caller)?;
    let conn = state.store.blocking(BLOCK).await?;
    let reader = Reader {
        _slot: slot,
        shutdown: state.shutdown.clone(),
        store: state.store.clone(),
        conn,
        id: record.meta.id,
        after,
        pending: VecDeque::new(),
        finished_before: record.status == Status::Finished,
        done: false,
    };
    let events = futures_util::stream::unfold(reader, |mut r| async move {
        let shutdown = r.shutdown.clone();
        let event = tokio::select! {
            event = r.next() => event?,
            _ = shutdown.cancelled() => return None,
        };
        Some((Ok(event), r))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// A stream entry id: `<ms>-<seq>`, both 64-bit.
fn is_event_id(id: &str) -> bool {
    id.split_once('-').is_some_and(|(ms, seq)| {
        [ms, seq].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u64>().is_ok())
    })
}

struct Reader {
    /// This stream's place among the caller's open streams.
    _slot: Option<StreamSlot>,
    shutdown: CancellationToken,
    store: Store,
    conn: redis::aio::MultiplexedConnection,
    id: uuid::Uuid,
    after: String,
    pending: VecDeque<Event>,
    /// The submission had finished when the client asked: its events may have expired.
    finished_before: bool,
    done: bool,
}

impl Reader {
    async fn next(&mut self) -> Option<sse::Event> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                self.done = e.progress.is_finished();
                return Some(sse::Event::default().id(e.id).event(e.progress.name()).data(e.progress.data()));
            }
            if self.done {
                return None;
            }
            let block = if self.finished_before { Duration::from_millis(1) } else { BLOCK };
            match Store::events(&mut self.conn, self.id, &self.after, block).await {
                Ok(events) if events.is_empty() => {
                    // Nothing new: if the submission finished and its events are gone, say so
                    // from the record.
                    let record = self.store.get(self.id).await.ok().flatten()?;
                    if record.status == Status::Finished && (self.finished_before || self.after == "0") {
                        let progress = Progress::finished(record.result.as_ref());
                        self.pending.push_back(Event { id: "0-1".into(), progress });
                    }
                    self.finished_before = false;
                }
                Ok(events) => {
                    self.after = events.last().map(|e| e.id.clone()).unwrap_or_default();
                    self.pending.extend(events);
                }
                Err(e) => {
                    // The client reconnects with Last-Event-ID and continues.
                    tracing::warn!(error = %e, submission_id = %self.id, "event stream interrupted");
                    return None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_event_id;

    #[test]
    fn event_ids_are_two_64_bit_numbers() {
        for ok in ["0-1", "1732800000000-0", "18446744073709551615-18446744073709551615"] {
            assert!(is_event_id(ok), "{ok}");
        }
        for bad in ["", "0", "-1", "1-", "+1-0", "1-0-0", "a-1", "18446744073709551616-0", "1 -0"] {
            assert!(!is_event_id(bad), "{bad}");
        }
    }
}
