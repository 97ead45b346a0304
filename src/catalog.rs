//! The problems a service offers: every folder under the problems directory that loads and can
//! be judged, each with a version (a hash of its content), reloaded when the folder changes.
//!
//! The API and the workers each hold a catalog of their own, read from their own disk, so that
//! workers on other machines need only a copy of the folder. A submission records the version
//! it was accepted with and the version it was judged with; they differ only when the folder
//! changed in between.

use crate::language::Language;
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

/// A loaded problem and what the service needs of it.
#[derive(Debug)]
pub struct Entry {
    pub problem: Problem,
    /// The first 12 hex digits of a SHA-256 over the folder (without `submissions/`).
    pub version: String,
    pub languages: Vec<Language>,
    pub time_limit: Duration,
    /// The sample tests' input and answer, as shown with the statement.
    pub samples: Vec<(String, String)>,
}

/// One state of the problems folder.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub problems: BTreeMap<Slug, Arc<Entry>>,
    /// Folders that could not be offered, and why (shown in logs).
    pub skipped: Vec<String>,
    fingerprint: u64,
}

/// A handle on the current snapshot; cheap to clone, swapped whole on reload.
#[derive(Clone)]
pub struct Catalog {
    dir: PathBuf,
    // A std lock is fine: it is held only to clone or replace an Arc, never across an await.
    current: Arc<RwLock<Arc<Snapshot>>>,
}

/// A problem's name in URLs, requests and records: its folder's name. Lowercase letters,
/// digits, `-` and `_`, starting with a letter or digit, at most 64 long. A `Slug` that exists
/// is valid, so nothing else (`/`, `..`, spaces) reaches a path or a Redis key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String)]
pub struct Slug(String);

#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a problem slug: lowercase letters, digits, '-' and '_' only")]
pub struct InvalidSlug(String);

impl Slug {
    pub fn parse(slug: &str) -> Result<Slug, InvalidSlug> {
        let valid = (1..=64).contains(&slug.len())
            && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && slug.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if valid {
            Ok(Slug(slug.to_string()))
        } else {
            Err(InvalidSlug(slug.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = InvalidSlug;

    fn try_from(slug: String) -> Result<Slug, InvalidSlug> {
        Slug::parse(&slug)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

impl std::ops::Deref for Slug {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Slug {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Catalog {
    /// Loads every problem under `dir`. Fails only when `dir` itself cannot be read.
    pub fn load(dir: &Path) -> Result<Catalog, String> {
        let snapshot = scan(dir)?;
        log_snapshot(&snapshot);
        Ok(Catalog { dir: dir.to_path_buf(), current: Arc::new(RwLock::new(Arc::new(snapshot))) })
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.read().expect("catalog lock").clone()
    }

    pub fn get(&self, slug: &str) -> Option<Arc<Entry>> {
        self.snapshot().problems.get(slug).cloned()
    }

    /// Like [`Catalog::get`], but a slug not known yet makes it look at the folder first: a
    /// worker may be handed a problem that the API's catalog took in before its own did.
    pub async fn get_or_reload(&self, slug: &str) -> Option<Arc<Entry>> {
        if let Some(entry) = self.get(slug) {
            return Some(entry);
        }
        self.reload().await;
        self.get(slug)
    }

    /// [`Catalog::refresh`] off the async threads: hashing a changed folder reads every file.
    async fn reload(&self) {
        let me = self.clone();
        let _ = tokio::task::spawn_blocking(move || me.refresh()).await;
    }

    /// Reloads when anything under the folder changed; returns whether it did.
    pub fn refresh(&self) -> bool {
        let old = self.snapshot().fingerprint;
        match fingerprint(&self.dir) {
            Ok(f) if f == old => false,
            Ok(_) => match scan(&self.dir) {
                Ok(snapshot) => {
                    log_snapshot(&snapshot);
                    *self.current.write().expect("catalog lock") = Arc::new(snapshot);
                    true
                }
                Err(e) => {
                    tracing::warn!(error = %e, "problems folder unreadable; keeping the last catalog");
                    false
                }
            },
            Err(e) => {
                tracing::warn!(error = %e, "problems folder unreadable; keeping the last catalog");
                false
            }
        }
    }

    /// Checks for changes every `interval` until `shutdown` resolves.
    pub async fn watch(self, interval: Duration, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                _ = &mut shutdown => return,
                _ = tokio::time::sleep(interval) => {}
            }
            self.reload().await;
        }
    }
}

fn log_snapshot(snapshot: &Snapshot) {
    for (slug, entry) in &snapshot.problems {
        tracing::info!(problem = %slug, version = entry.version, "problem loaded");
    }
    for why in &snapshot.skipped {
        tracing::warn!("problem skipped: {why}");
    }
}

fn scan(dir: &Path) -> Result<Snapshot, String> {
    let fingerprint = fingerprint(dir)?;
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let mut snapshot = Snapshot { fingerprint, ..Default::default() };
    for folder in folders {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let Ok(slug) = Slug::parse(&name) else {
            let why = format!("{}: a folder name must be lowercase letters, digits, '-' or '_'", folder.display());
            snapshot.skipped.push(why);
            continue;
        };
        match entry(&folder) {
            Ok(e) => {
                snapshot.problems.insert(slug, Arc::new(e));
            }
            Err(why) => snapshot.skipped.push(why),
        }
    }
    Ok(snapshot)
}

fn entry(folder: &Path) -> Result<Entry, String> {
    let problem = Problem::load(folder).map_err(|e| e.to_string())?;
    let time_limit = problem.time_limit().ok_or_else(|| {
        format!("{}: no time limit; run `mockjudge verify {}`", folder.display(), folder.display())
    })?;
    let languages = problem.interview.languages();
    let mut samples = Vec::new();
    for case in problem.data.cases().into_iter().filter(|c| c.sample) {
        let read = |p: &Path| std::fs::read(p).map(|b| String::from_utf8_lossy(&b).into_owned());
        let input = read(&case.input).map_err(|e| format!("{}: {e}", case.input.display()))?;
        let answer = read(&case.answer).map_err(|e| format!("{}: {e}", case.answer.display()))?;
        samples.push((input, answer));
    }
    let version = content_hash(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    Ok(Entry { problem, version, languages, time_limit, samples })
}

/// Every file under `dir`, sorted, as paths relative to it.
fn files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let path = e?.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}

fn content_hash(folder: &Path) -> std::io::Result<String> {
    let mut hash = Sha256::new();
    for rel in files(folder)? {
        if rel.starts_with("submissions") {
            continue;
        }
        let bytes = std::fs::read(folder.join(&rel))?;
        hash.update(rel.to_string_lossy().as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(hex::encode(hash.finalize())[..12].to_string())
}

/// Names, sizes and modification times of everything under `dir`: cheap to take every few
/// seconds, and it changes whenever a file is added, removed or written.
fn fingerprint(dir: &Path) -> Result<u64, String> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for rel in files(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let meta = std::fs::metadata(dir.join(&rel)).map_err(|e| format!("{}: {e}", rel.display()))?;
        rel.hash(&mut h);
        meta.len().hash(&mut h);
        meta.modified().unwrap_or(SystemTime::UNIX_EPOCH).hash(&mut h);
    }
    Ok(h.finish())
}

#[cfg(test)]
mod tests {
    use super::{Catalog, Slug};
    use std::path::Path;

    #[tokio::test]
    async fn a_problem_added_since_the_last_reload_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let catalog = Catalog::load(dir.path()).unwrap();
        let add = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/problems/add");
        let copy = std::process::Command::new("cp").arg("-r").arg(add).arg(dir.path()).status().unwrap();
        assert!(copy.success());
        assert!(catalog.get("add").is_none(), "not reloaded yet");
        assert!(catalog.get_or_reload("add").await.is_some());
        assert!(catalog.get_or_reload("nope").await.is_none());
    }

    #[test]
    fn slugs_are_plain_folder_names() {
        for ok in ["two-sum", "lru_cache", "a", "p2"] {
            assert_eq!(Slug::parse(ok).unwrap().as_str(), ok);
        }
        for bad in ["", "..", "a/b", "-x", "Two", "a b", "x%2f", &"a".repeat(65)] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
            assert!(serde_json::from_value::<Slug>(serde_json::json!(bad)).is_err(), "{bad:?}");
        }
    }
}
