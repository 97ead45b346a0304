//! A Redis of `mockjudge up`'s own, for when no `REDIS_URL` is given: a container from
//! `deploy/redis.Dockerfile` (built on the sandbox images' base, so no registry is needed),
//! append-only, its data in a host folder so that it outlives the container, published on a
//! free loopback port. The container is removed when `up` stops; the data stays.

use crate::sandbox::images::{BuildError, BASE_IMAGE};
use crate::sandbox::Sandbox;
use bollard::models::{ContainerCreateBody, HostConfig, PortBinding};
use bollard::query_parameters::{CreateContainerOptions, RemoveContainerOptions};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

const DOCKERFILE: &str = include_str!("../../deploy/redis.Dockerfile");
const PORT: &str = "6379/tcp";

/// `mockjudge/redis:<hash of its Dockerfile>`.
pub fn image() -> String {
    format!("mockjudge/redis:{}", &hex::encode(Sha256::digest(DOCKERFILE))[..12])
}

/// A running Redis container; [`LocalRedis::stop`] removes it.
pub struct LocalRedis {
    sandbox: Sandbox,
    pub container: String,
    pub url: String,
}

/// Starts Redis with its data in `data_dir`, building the image first if needed.
pub async fn start(sandbox: &Sandbox, data_dir: &Path, progress: &mut dyn FnMut(String)) -> anyhow::Result<LocalRedis> {
    let docker = sandbox.docker();
    let image = image();
    if docker.inspect_image(&image).await.is_err() {
        progress(format!("redis: building {image}"));
        let files: [(&str, &[u8], u32); 1] = [("Dockerfile", DOCKERFILE.as_bytes(), 0o644)];
        sandbox
            .build_image("redis", &image, &files, &[("BASE", BASE_IMAGE)], "redis", progress)
            .await
            .map_err(|e: BuildError| anyhow::anyhow!("building {image}: {e}"))?;
    }
    let redis_dir = data_dir.join("redis");
    std::fs::create_dir_all(&redis_dir).map_err(|e| anyhow::anyhow!("{}: {e}", redis_dir.display()))?;
    let redis_dir = redis_dir.canonicalize()?;
    // One container per data folder: a leftover from a crashed `up` is replaced.
    let name = format!("mockjudge-redis-{}", &hex::encode(Sha256::digest(redis_dir.to_string_lossy().as_bytes()))[..8]);
    let _ = docker.remove_container(&name, Some(RemoveContainerOptions { force: true, ..Default::default() })).await;
    // SAFETY: getuid/getgid have no preconditions.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let host = HostConfig {
        binds: Some(vec![format!("{}:/data", redis_dir.display())]),
        port_bindings: Some(HashMap::from([(
            PORT.to_string(),
            Some(vec![PortBinding { host_ip: Some("127.0.0.1".into()), host_port: Some(String::new()) }]),
        )])),
        ..Default::default()
    };
    let body = ContainerCreateBody {
        image: Some(image.clone()),
        user: Some(format!("{uid}:{gid}")),
        exposed_ports: Some(vec![PORT.to_string()]),
        labels: Some(HashMap::from([("mockjudge.service".to_string(), "redis".to_string())])),
        host_config: Some(host),
        ..Default::default()
    };
    let options = CreateContainerOptions { name: Some(name.clone()), ..Default::default() };
    docker.create_container(Some(options), body).await?;
    let mut redis = LocalRedis { sandbox: sandbox.clone(), container: name.clone(), url: String::new() };
    match published_url(&redis).await {
        Ok(url) => {
            progress(format!("redis: {name} on {url} (data in {})", redis_dir.display()));
            redis.url = url;
            Ok(redis)
        }
        Err(e) => {
            redis.stop().await;
            Err(e)
        }
    }
}

/// Starts the container and waits until Redis answers on its published port.
async fn published_url(redis: &LocalRedis) -> anyhow::Result<String> {
    let docker = redis.sandbox.docker();
    docker.start_container(&redis.container, None).await?;
    let inspect = docker.inspect_container(&redis.container, None).await?;
    let port = inspect
        .network_settings
        .and_then(|n| n.ports)
        .and_then(|p| p.get(PORT).cloned().flatten())
        .and_then(|b| b.into_iter().find_map(|b| b.host_port))
        .ok_or_else(|| anyhow::anyhow!("docker did not publish redis's port"))?;
    let url = format!("redis://127.0.0.1:{port}");
    // Redis replays its append-only file before it answers.
    let client = redis::Client::open(url.as_str())?;
    for _ in 0..100 {
        if let Ok(mut c) = client.get_multiplexed_async_connection().await {
            if redis::cmd("PING").query_async::<String>(&mut c).await.is_ok() {
                return Ok(url);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("redis in container {} did not answer within 10 s", redis.container)
}

impl LocalRedis {
    /// Stops and removes the container (Redis writes its append-only file on SIGTERM).
    pub async fn stop(self) {
        let docker = self.sandbox.docker();
        let _ = docker.stop_container(&self.container, None).await;
        let _ = docker
            .remove_container(&self.container, Some(RemoveContainerOptions { force: true, ..Default::default() }))
            .await;
    }
}
