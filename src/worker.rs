//! Workers: take submissions off the queue and judge them in the sandbox.
//!
//! A worker runs `concurrency` slots, each with its own blocking Redis connection and its own
//! consumer name in the group (so that a job one slot lost to another is not mistaken for its
//! own). A slot takes a job only while the worker's Docker daemon answers and has every image,
//! so that while Docker is away submissions wait in the queue instead of failing. While
//! judging, the slot touches the job more often than the visibility timeout; a worker that
//! dies stops touching it and another worker takes it over.
//!
//! Shutdown drains: no slot takes a new job, and until `drain_timeout` has passed running jobs
//! may finish and callbacks be delivered; then the jobs left are cancelled (their boxes
//! removed) and handed back to the queue, and undelivered callbacks are dropped.

use crate::callback;
use crate::catalog::Catalog;
use crate::judge::{self, Event, JudgeError, JudgeOptions, Submission};
use crate::progress::Progress;
use crate::runs;
use crate::sandbox::{self, Sandbox};
use crate::store::queue::{Begin, Finish, Job, CONTAINER_ERRORS, RECLAIMED};
use crate::store::{Record, Store, StoreError, WorkerHealth};
use crate::verdict::{JudgeResult, Verdict};
use crate::view::{Audience, SubmissionView};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The consumer name in the group; unique per worker process.
    pub name: String,
    pub concurrency: usize,
    /// A job not touched for this long is taken over by another worker.
    pub visibility: Duration,
    /// Deliveries after which a submission ends as IE.
    pub max_attempts: u32,
    /// How long running jobs may take to finish after shutdown is asked for.
    pub drain_timeout: Duration,
    pub cache_dir: PathBuf,
    pub max_source_bytes: usize,
    /// The key callbacks are signed with.
    pub callback_secret: secrecy::SecretString,
}

/// How often a worker checks its Docker daemon and reports to Redis; a report lives 5 × this.
const HEALTH_INTERVAL: Duration = Duration::from_secs(2);
/// How often a judging worker touches its job: a worker that stops is noticed a visibility
/// timeout later, and a live one misses five touches in a row before it looks dead.
const HEARTBEAT_EVERY: Duration = Duration::from_secs(2);
/// How long one XREADGROUP waits for a new job before the slot looks around again (for a job
/// gone stale, or shutdown).
const READ_BLOCK: Duration = Duration::from_secs(1);
/// How long a stopping worker waits for the removal of boxes it dropped.
const SETTLE: Duration = Duration::from_secs(20);

#[derive(Clone)]
pub struct Worker {
    store: Store,
    catalog: Catalog,
    config: Arc<WorkerConfig>,
    in_flight: Arc<AtomicUsize>,
    /// Callbacks being delivered, which draining waits for.
    callbacks: TaskTracker,
}

impl Worker {
    pub fn new(store: Store, catalog: Catalog, config: WorkerConfig) -> Worker {
        let in_flight = Arc::new(AtomicUsize::new(0));
        Worker { store, catalog, config: Arc::new(config), in_flight, callbacks: TaskTracker::new() }
    }

    /// Runs until `shutdown` is cancelled, then drains.
    pub async fn run(self, shutdown: CancellationToken) {
        tracing::info!(worker = self.config.name, concurrency = self.config.concurrency, "worker started");
        let drain_over = CancellationToken::new();
        let drain_clock = tokio::spawn({
            let (shutdown, drain_over, timeout) = (shutdown.clone(), drain_over.clone(), self.config.drain_timeout);
            async move {
                shutdown.cancelled().await;
                tokio::time::sleep(timeout).await;
                drain_over.cancel();
            }
        });
        let (ready_tx, ready_rx) = watch::channel(None::<Sandbox>);
        let health = tokio::spawn(self.clone().watch_docker(ready_tx, shutdown.clone()));
        let slots: Vec<_> = (0..self.config.concurrency.max(1))
            .map(|i| {
                let consumer = format!("{}#{i}", self.config.name);
                tokio::spawn(self.clone().slot(consumer, ready_rx.clone(), shutdown.clone(), drain_over.clone()))
            })
            .collect();
        for slot in slots {
            let _ = slot.await;
        }
        let _ = health.await;
        self.callbacks.close();
        tokio::select! {
            _ = self.callbacks.wait() => {}
            _ = drain_over.cancelled() => {
                tracing::warn!(left = self.callbacks.len(), "drain timeout: dropping callbacks not delivered yet");
            }
        }
        drain_clock.abort();
        sandbox::settle(SETTLE).await;
        if let Err(e) = self.store.remove_worker(&self.config.name).await {
            tracing::warn!(error = %e, "could not deregister the worker");
        }
        tracing::info!(worker = self.config.name, "worker stopped");
    }

    /// Keeps `ready` holding a sandbox while the daemon answers and has every image, and
    /// reports the worker's health to Redis for `/readyz`.
    async fn watch_docker(self, ready: watch::Sender<Option<Sandbox>>, shutdown: CancellationToken) {
        let mut sandbox: Option<Sandbox> = None;
        let mut swept = false;
        loop {
            let mut health = WorkerHealth {
                name: self.config.name.clone(),
                docker_error: None,
                missing_images: Vec::new(),
                in_flight: self.in_flight.load(Ordering::Relaxed),
                concurrency: self.config.concurrency,
            };
            if sandbox.is_none() {
                match Sandbox::connect().await {
                    Ok(s) => sandbox = Some(s),
                    Err(e) => health.docker_error = Some(e.to_string()),
                }
            }
            if let Some(s) = &sandbox {
                match s.health().await {
                    Ok(missing) => health.missing_images = missing,
                    Err(e) => health.docker_error = Some(e),
                }
                if health.docker_error.is_none() && !swept {
                    swept = s.sweep(false).await.is_ok();
                }
            }
            let now_ready = health.ready().then(|| sandbox.clone()).flatten();
            if now_ready.is_some() != ready.borrow().is_some() {
                match (&health.docker_error, health.missing_images.is_empty()) {
                    (None, true) => tracing::info!("docker ready; taking jobs"),
                    (Some(e), _) => tracing::warn!(error = e, "docker unreachable; not taking jobs"),
                    (None, false) => tracing::warn!(missing = ?health.missing_images, "images missing; not taking jobs"),
                }
            }
            ready.send_replace(now_ready);
            if let Err(e) = self.store.report_worker(&health, HEALTH_INTERVAL * 5).await {
                tracing::warn!(error = %e, "could not report worker health");
            }
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = tokio::time::sleep(HEALTH_INTERVAL) => {}
            }
        }
    }

    /// Takes and judges jobs as `consumer` until shutdown; a job still running when
    /// `drain_over` fires is handed back.
    async fn slot(
        self,
        consumer: String,
        mut ready: watch::Receiver<Option<Sandbox>>,
        shutdown: CancellationToken,
        drain_over: CancellationToken,
    ) {
        let mut conn = None;
        while !shutdown.is_cancelled() {
            let sandbox = tokio::select! {
                _ = shutdown.cancelled() => break,
                s = ready.wait_for(|s| s.is_some()) => match s {
                    Ok(s) => s.clone().expect("waited for Some"),
                    Err(_) => break,
                },
            };
            if conn.is_none() {
                match self.store.blocking(READ_BLOCK).await {
                    Ok(c) => conn = Some(c),
                    Err(e) => {
                        tracing::warn!(error = %e, "redis unreachable; retrying");
                        sleep_unless(&shutdown, Duration::from_secs(1)).await;
                        continue;
                    }
                }
            }
            match self.try_execute_job(&sandbox, conn.as_mut().expect("set above"), &consumer, &shutdown, &drain_over).await {
                Ok(_) => {}
                Err(e) => {
                    // Redis failed: a job it interrupted stays pending and is taken over after
                    // the visibility timeout, by this worker or another.
                    tracing::warn!(error = %e, "the queue failed; reconnecting");
                    conn = None;
                    sleep_unless(&shutdown, Duration::from_secs(1)).await;
                }
            }
        }
        if let Err(e) = self.store.forget_consumer(&consumer).await {
            tracing::warn!(error = %e, consumer, "could not remove the slot from the consumer group");
        }
    }

    /// One step of a slot: waits up to [`READ_BLOCK`] for the next job (a stale one first), then
    /// carries it through: begin, judge, and finish or hand back. Stops waiting when `shutdown`
    /// is cancelled; a judging still running when `drain_over` is, is handed back. Tests drive
    /// a worker with it one job at a time. `conn` must come from [`Store::blocking`].
    pub async fn try_execute_job(
        &self,
        sandbox: &Sandbox,
        conn: &mut redis::aio::MultiplexedConnection,
        consumer: &str,
        shutdown: &CancellationToken,
        drain_over: &CancellationToken,
    ) -> anyhow::Result<Outcome> {
        let next = tokio::select! {
            _ = shutdown.cancelled() => return Ok(Outcome::NoJob),
            next = self.store.next_job(conn, consumer, self.config.visibility, READ_BLOCK)
                .instrument(tracing::debug_span!("claim", consumer)) => next?,
        };
        let Some(job) = next else { return Ok(Outcome::NoJob) };
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        let outcome = self.execute(sandbox, &job, drain_over).await;
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
        outcome
    }

    #[tracing::instrument(name = "job", skip_all, fields(submission_id = %job.submission, entry = job.entry))]
    async fn execute(&self, sandbox: &Sandbox, job: &Job, drain_over: &CancellationToken) -> anyhow::Result<Outcome> {
        let store = &self.store;
        if job.reclaimed {
            tracing::warn!("taking over a job whose worker went quiet");
            store.count(RECLAIMED, 1).await?;
        }
        // A record that does not parse would fail every delivery, and then the give-up too.
        let record = match store.get(job.submission).await {
            Err(StoreError::Corrupt { what, message }) => {
                let why = format!("the submission's {what} is unreadable: {message}");
                return self.finish(job, &JudgeResult::internal_error(why), None, None, None).await;
            }
            other => other?,
        };
        let attempt = match store.begin(job, self.config.max_attempts).await? {
            Begin::Done => return Ok(Outcome::AlreadyDone),
            Begin::Exhausted { attempts, last_error } => {
                let tries = if attempts == 1 { "1 attempt".to_string() } else { format!("{attempts} attempts") };
                let why = match last_error {
                    Some(e) => format!("gave up after {tries}; the last one: {e}"),
                    None => format!("gave up after {tries}: each time its worker stopped without a result"),
                };
                return self.finish(job, &JudgeResult::internal_error(why), None, record.as_ref(), None).await;
            }
            Begin::Run { attempt } => attempt,
        };
        let Some(record) = record else { return Ok(Outcome::AlreadyDone) };
        let source = store.source(job.submission).await?.unwrap_or_default();
        tracing::info!(attempt, problem = %record.meta.problem, language = %record.meta.language, "judging");
        let Some(entry) = self.catalog.get_or_reload(&record.meta.problem).await else {
            let why = format!("problem {:?} is not in worker {}'s problems folder", record.meta.problem.as_str(), self.config.name);
            return self.finish(job, &JudgeResult::internal_error(why), None, Some(&record), None).await;
        };
        let submission = Submission::new(record.meta.language, source, self.config.max_source_bytes).map_err(|e| e.to_string());
        let submission = match submission {
            Ok(s) => s,
            Err(why) => return self.finish(job, &JudgeResult::internal_error(why), Some(&entry.version), Some(&record), None).await,
        };

        // An assessment's submission is scored by its share of tests passed: it runs them all.
        let every_test = record.meta.assessment.is_some() && record.meta.run.is_none();
        let options = JudgeOptions { time_limit: entry.time_limit, cache_dir: self.config.cache_dir.clone(), every_test };
        let (events, forwarder) = self.forward_events(job);
        let taken_over = CancellationToken::new();
        let heartbeat = self.heartbeat(job, taken_over.clone());
        let started = Instant::now();
        let mut on_event = move |e: Event| {
            let _ = events.send(e);
        };
        let judging = async {
            match &record.meta.run {
                None => judge::judge(sandbox, &entry.problem, &submission, &options, &mut on_event).await,
                Some(input) => runs::run(sandbox, &entry.problem, &submission, input, &options, &mut on_event).await,
            }
        };
        let outcome = tokio::select! {
            r = judging => Ok(r),
            _ = drain_over.cancelled() => Err(Stopped::Drained),
            _ = taken_over.cancelled() => Err(Stopped::TakenOver),
        };
        heartbeat.abort();
        drop(on_event);
        let _ = forwarder.await;
        let judge_seconds = started.elapsed().as_secs_f64();

        match outcome {
            Err(Stopped::TakenOver) => {
                tracing::warn!("another worker took the job over (this one looked dead to it); stopped judging");
                Ok(Outcome::TakenOver)
            }
            Err(Stopped::Drained) => {
                tracing::warn!("draining: handing the job back");
                store.release(job, "the worker shut down", None, false).await?;
                Ok(Outcome::Released)
            }
            Ok(Ok(result)) if result.verdict == Verdict::IE && !sandbox.answers().await => {
                tracing::warn!(message = result.message, "docker went away mid-judging; handing the job back");
                store.count(CONTAINER_ERRORS, 1).await?;
                store.release(job, "the worker lost its Docker daemon", result.message.as_deref(), false).await?;
                Ok(Outcome::Released)
            }
            Ok(Ok(result)) => {
                if result.verdict == Verdict::IE {
                    store.count(CONTAINER_ERRORS, 1).await?;
                }
                self.finish(job, &result, Some(&entry.version), Some(&record), Some(judge_seconds)).await
            }
            Ok(Err(JudgeError::Sandbox(e))) => {
                store.count(CONTAINER_ERRORS, 1).await?;
                // A daemon that went away does not count as an attempt; anything else does,
                // so that a fault that keeps recurring ends as IE instead of looping.
                let counts = sandbox.answers().await;
                tracing::warn!(error = %e, counted = counts, "sandbox failed; handing the job back");
                store.release(job, "the sandbox failed", Some(&e.to_string()), counts).await?;
                Ok(Outcome::Released)
            }
            Ok(Err(e)) => self.finish(job, &JudgeResult::internal_error(e.to_string()), Some(&entry.version), Some(&record), None).await,
        }
    }

    /// Stores the final result; the first finisher also sends the callback.
    #[tracing::instrument(skip_all, fields(submission_id = %job.submission))]
    async fn finish(
        &self,
        job: &Job,
        result: &JudgeResult,
        version: Option<&str>,
        record: Option<&Record>,
        judge_seconds: Option<f64>,
    ) -> anyhow::Result<Outcome> {
        let finish = Finish { result, version: version.unwrap_or(""), judge_seconds };
        if !self.store.finish(job, &finish).await? {
            tracing::info!("already finished by another delivery");
            return Ok(Outcome::AlreadyDone);
        }
        match &result.invalid_input {
            Some(why) => tracing::info!(invalid_input = why, "finished: the run's input was refused"),
            None => tracing::info!(verdict = %result.verdict, score = result.score, "finished"),
        }
        let url = record.and_then(|r| r.meta.callback_url.clone());
        if let (Some(url), Some(finished)) = (url, self.store.get(job.submission).await?) {
            let body = SubmissionView::new(&finished, Audience::Instructor);
            let secret = self.config.callback_secret.clone();
            self.callbacks.spawn(callback::deliver(url, body, secret).in_current_span());
        }
        Ok(Outcome::Finished(result.verdict))
    }

    /// Sends the judge's progress to the submission's event stream, in order, without making
    /// the judge wait on Redis.
    fn forward_events(&self, job: &Job) -> (tokio::sync::mpsc::UnboundedSender<Event>, tokio::task::JoinHandle<()>) {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Event>();
        let store = self.store.clone();
        let id = job.submission;
        let forwarder = tokio::spawn(
            async move {
                let mut done = 0;
                while let Some(event) = rx.recv().await {
                    let progress = match event {
                        Event::Compiling => Progress::Compiling {},
                        Event::Testing { index, total } => Progress::Testing { index, total },
                        Event::TestDone(t) => {
                            done += 1;
                            Progress::test(done, &t)
                        }
                    };
                    if let Err(e) = store.emit(id, &progress).await {
                        tracing::warn!(error = %e, "could not record a progress event");
                    }
                }
            }
            .in_current_span(),
        );
        (tx, forwarder)
    }

    /// Touches the job every [`HEARTBEAT_EVERY`] (more often for a short visibility timeout)
    /// until aborted; cancels `taken_over` and stops if another worker has the job now.
    fn heartbeat(&self, job: &Job, taken_over: CancellationToken) -> tokio::task::JoinHandle<()> {
        let store = self.store.clone();
        let job = job.clone();
        let every = HEARTBEAT_EVERY.min(self.config.visibility / 5);
        tokio::spawn(
            async move {
                loop {
                    tokio::time::sleep(every).await;
                    match store.heartbeat(&job).await {
                        Ok(true) => {}
                        Ok(false) => return taken_over.cancel(),
                        Err(e) => tracing::warn!(error = %e, "heartbeat failed"),
                    }
                }
            }
            .in_current_span(),
        )
    }
}

/// What one step of a worker ([`Worker::try_execute_job`]) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No job came while it waited (or the worker is stopping).
    NoJob,
    /// It stored the submission's final result, with this verdict.
    Finished(Verdict),
    /// The submission was finished already (by an earlier delivery); the job is acknowledged.
    AlreadyDone,
    /// It handed the job back to the queue (draining, Docker lost, the sandbox failed).
    Released,
    /// Another worker took the job over; this one stopped judging it.
    TakenOver,
}

/// Why judging stopped before the judge was done.
enum Stopped {
    /// The drain timeout ran out.
    Drained,
    /// Another worker took the job over.
    TakenOver,
}

async fn sleep_unless(shutdown: &CancellationToken, d: Duration) {
    tokio::select! {
        _ = shutdown.cancelled() => {}
        _ = tokio::time::sleep(d) => {}
    }
}
