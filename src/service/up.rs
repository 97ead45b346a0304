//! `mockjudge up`: everything on one machine. It builds the missing sandbox images, starts a
//! Redis of its own unless it was given one ([`super::redis`]), runs the API and a worker in
//! this process, and removes its Redis container again on every way out (the data stays in the
//! data folder, with the instructor token it generated on its first run).

use super::Service;
use crate::language::Language;
use crate::sandbox::Sandbox;
use secrecy::SecretString;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tokio_util::sync::CancellationToken;

/// What `up` runs.
pub struct Up {
    /// Where `up` keeps its Redis data and the instructor token.
    pub data_dir: PathBuf,
    /// The API and the worker; its Redis URL is replaced when `own_redis`.
    pub service: Service,
    /// Start a Redis of its own (no Redis URL was given).
    pub own_redis: bool,
}

/// Runs `up` until `shutdown`; `progress` hears each step of the set-up, `listening` the API's
/// address once it accepts connections.
pub async fn run(
    mut up: Up,
    shutdown: CancellationToken,
    mut progress: impl FnMut(String),
    listening: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    // Everything that can fail on its own comes before the Redis container, which must be
    // stopped again on every way out after it.
    let sandbox = Sandbox::connect().await?;
    sandbox.build_images(&Language::ALL, &mut progress).await?;
    let local = if up.own_redis {
        let local = super::redis::start(&sandbox, &up.data_dir, &mut progress).await?;
        up.service.redis_url = local.url.clone();
        Some(local)
    } else {
        None
    };
    let result = up.service.run(shutdown, listening).await;
    if let Some(local) = local {
        local.stop().await;
    }
    result
}

/// `$XDG_DATA_HOME/mockjudge`, or `~/.local/share/mockjudge`.
pub fn default_data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from).unwrap_or_else(|| {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")).unwrap_or_else(std::env::temp_dir)
    });
    base.join("mockjudge")
}

/// The instructor token `up` made on its first run, kept (mode 0600) so it survives restarts.
pub fn stored_admin_token(data_dir: &Path) -> std::io::Result<SecretString> {
    use std::os::unix::fs::OpenOptionsExt;
    let path = data_dir.join("admin-token");
    if let Ok(token) = std::fs::read_to_string(&path) {
        if !token.trim().is_empty() {
            return Ok(token.trim().into());
        }
    }
    let token = format!("mji_{}", hex::encode(rand::random::<[u8; 24]>()));
    let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&path)?;
    std::io::Write::write_all(&mut file, token.as_bytes())?;
    Ok(token.into())
}
