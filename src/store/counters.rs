//! The service's counters, one hash that every process adds to, for `/metrics`.

use super::{stats_key, Result, Store};
use redis::AsyncCommands;
use std::collections::HashMap;

impl Store {
    /// Adds to one of the service's counters (see [`crate::metrics`]).
    pub async fn count(&self, counter: &str, by: i64) -> Result<()> {
        let _: i64 = self.conn().hincr(stats_key(), counter, by).await?;
        Ok(())
    }

    pub async fn counters(&self) -> Result<HashMap<String, f64>> {
        let raw: HashMap<String, String> = self.conn().hgetall(stats_key()).await?;
        Ok(raw.into_iter().filter_map(|(k, v)| v.parse().ok().map(|v| (k, v))).collect())
    }
}
