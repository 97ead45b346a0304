//! The service end to end: real Redis, real `mockjudge serve` and `worker` processes, real
//! Docker boxes. Needs `redis-server` and the sandbox images (`tests/run.sh` sets both up).

#[path = "../common/mod.rs"]
mod common;
mod support;

mod api;
mod assessments;
mod compose;
mod connections;
mod errors;
mod faults;
mod queue;
mod runs;
mod up;
mod worker;
