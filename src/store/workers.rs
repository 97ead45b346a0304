//! Workers' health reports, for `/readyz`: each expires unless renewed.

use super::{corrupt, key, Result, Store};
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};
use std::time::Duration;

impl Store {
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
