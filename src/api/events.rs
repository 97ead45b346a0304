//! `GET /v1/submissions/{id}/events`: progress as Server-Sent Events, from the submission's
//! event stream in Redis: `queued`, `running`, `compiling`, `testing` (k of N), `test` (its
//! verdict, time and memory), `finished`. Each event's id is its stream entry id, so a client
//! that reconnects with `Last-Event-ID` continues where it stopped.

use super::auth::Caller;
use super::error::{ApiError, Path};
use super::submissions::load_visible;
use super::AppState;
use crate::store::{Event, Status, Store};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{self, KeepAlive, Sse};
use futures_util::Stream;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

/// How long one read waits for the next event before looking at the record again.
const BLOCK: Duration = Duration::from_secs(10);

#[utoipa::path(get, path = "/v1/submissions/{id}/events", tag = "submissions",
    params(("id" = String, Path), ("Last-Event-ID" = Option<String>, Header, description = "resume after this event")),
    responses((status = 200, description = "text/event-stream of progress events, ending with `finished`", content_type = "text/event-stream", body = String),
        (status = 404, body = super::error::ErrorBody)),
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
            ApiError::bad_request("invalid_last_event_id", "Last-Event-ID must be the id of an event this stream sent")
        })?,
    };
    let conn = state.store.blocking(BLOCK).await?;
    let reader = Reader {
        store: state.store.clone(),
        conn,
        id: record.meta.id,
        after,
        pending: VecDeque::new(),
        finished_before: record.status == Status::Finished,
        done: false,
    };
    let events = futures_util::stream::unfold(reader, |mut r| async move {
        let event = r.next().await?;
        Some((Ok(event), r))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// A stream entry id: `<ms>-<seq>`.
fn is_event_id(id: &str) -> bool {
    id.split_once('-').is_some_and(|(ms, seq)| {
        [ms, seq].iter().all(|p| !p.is_empty() && p.len() <= 20 && p.bytes().all(|b| b.is_ascii_digit()))
    })
}

struct Reader {
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
                self.done = e.kind == "finished";
                return Some(sse::Event::default().id(e.id).event(e.kind).data(e.data.to_string()));
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
                        let data = serde_json::json!({ "verdict": record.result.as_ref().map(|r| r.verdict) });
                        self.pending.push_back(Event { id: "0-1".into(), kind: "finished".into(), data });
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
