//! The fast tier: the API served in the test's own process, on port 0, against a real
//! `redis-server` of the test's own; no worker, no Docker, no sandbox images. Run it with
//! `cargo test --lib --test api`.

#[path = "../common/mod.rs"]
mod common;

mod app;
mod assessments;
mod errors;
mod limits;
mod pages;
