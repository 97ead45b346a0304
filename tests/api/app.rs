//! zero2prod's `spawn_app`: the API in-process on a free port, with a Redis, copies of the
//! fixture problems `add` and `sum-pair` and of the fixture assessment templates of its own,
//! configured through [`ApiConfig`] directly.

use crate::common::http::{Client, ADMIN};
use crate::common::redis::Redis;
use crate::common::{copy_dir, fixture};
use mockjudge::api::{self, address::TrustedProxies, ApiConfig, AppState};
use mockjudge::catalog::Catalog;
use mockjudge::store::Store;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

pub struct App {
    pub redis: Redis,
    client: Client,
    shutdown: CancellationToken,
    pub tmp: tempfile::TempDir,
}

impl std::ops::Deref for App {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// The settings the tests start from: `serve`'s defaults, with room for fast tests.
fn config() -> ApiConfig {
    ApiConfig {
        admin_token: ADMIN.into(),
        max_source_bytes: mockjudge::judge::DEFAULT_MAX_SOURCE_BYTES,
        max_wait: Duration::from_secs(60),
        rate_limit: 10.0,
        rate_burst: 30,
        address_rate_limit: 100.0,
        address_rate_burst: 300,
        run_rate_limit: 0.2,
        run_rate_burst: 5,
        trusted_proxies: TrustedProxies(Vec::new()),
        max_streams: 4,
        header_timeout: Duration::from_secs(10),
        body_timeout: Duration::from_secs(30),
        max_connections: 256,
        assessments: std::path::PathBuf::new(),
        vendor: std::path::PathBuf::from("/usr/share/javascript"),
    }
}

/// Starts the API with `config()` as `tweak` changes it.
pub async fn spawn_app(tweak: impl FnOnce(&mut ApiConfig)) -> App {
    let tmp = tempfile::tempdir().unwrap();
    for problem in ["add", "sum-pair"] {
        copy_dir(&fixture(&format!("problems/{problem}")), &tmp.path().join("problems").join(problem));
    }
    copy_dir(&fixture("assessments"), &tmp.path().join("assessments"));
    let redis = Redis::start(&tmp.path().join("redis"));
    let store = Store::connect(&redis.url()).await.unwrap();
    let catalog = Catalog::load(&tmp.path().join("problems")).unwrap();
    let mut config = config();
    config.assessments = tmp.path().join("assessments");
    tweak(&mut config);
    let shutdown = CancellationToken::new();
    let state = AppState::new(store, catalog, config, shutdown.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(api::serve(listener, state));
    App { redis, client: Client::new(base), shutdown, tmp }
}
