//! Sandbox images: one per language, tagged with a hash of what goes into it (the Dockerfile,
//! the language's packages and the runner's source), so a change rebuilds and no change skips.
//!
//! Where no registry can be reached the Debian base is made locally with `debootstrap` and
//! `docker import`; where one can, `debian:bookworm-slim` is pulled and used instead.

use super::{Sandbox, SandboxError};
use crate::language::Language;
use bollard::query_parameters::{
    BuildImageOptions, CreateImageOptions, ListImagesOptions, RemoveImageOptions, TagImageOptions,
};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// The Debian base every language image starts from.
pub const BASE_IMAGE: &str = "mockjudge/debian:bookworm";
const REGISTRY_BASE: &str = "debian:bookworm-slim";
const DOCKERFILE: &str = include_str!("../../sandbox/Dockerfile");
/// Every source of the runner: an image's tag changes with any of them, so no image with an
/// older runner is taken for the current one.
const RUNNER_SOURCES: [&str; 10] = [
    include_str!("../../sandbox/runner/Cargo.toml"),
    include_str!("../../sandbox/runner/src/lib.rs"),
    include_str!("../../sandbox/runner/src/main.rs"),
    include_str!("../../sandbox/runner/src/clean.rs"),
    include_str!("../../sandbox/runner/src/http.rs"),
    include_str!("../../sandbox/runner/src/server.rs"),
    include_str!("../../sandbox/runner/src/identity.rs"),
    include_str!("../../sandbox/runner/src/spawn.rs"),
    include_str!("../../sandbox/runner/src/usage.rs"),
    include_str!("../../sandbox/runner/src/watch.rs"),
];
/// Label naming the language an image serves.
const IMAGE_LABEL: &str = "mockjudge.image";

/// The image tag for a language: `mockjudge/<lang>:<content hash>`.
pub fn image_for(lang: Language) -> String {
    let mut hash = Sha256::new();
    hash.update(DOCKERFILE);
    hash.update(lang.toolchain().packages);
    hash.update(lang.toolchain().setup);
    for source in RUNNER_SOURCES {
        hash.update(source);
    }
    format!("mockjudge/{}:{}", lang.name(), &hex::encode(hash.finalize())[..12])
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
    #[error("{0}")]
    Failed(String),
}

impl From<bollard::errors::Error> for BuildError {
    fn from(e: bollard::errors::Error) -> Self {
        BuildError::Sandbox(e.into())
    }
}

/// One language's image and whether it is there.
pub struct ImageStatus {
    pub lang: Language,
    pub image: String,
    pub size_bytes: Option<i64>,
}

impl Sandbox {
    /// Each language's current image, with its size where it exists.
    pub async fn images(&self) -> Vec<ImageStatus> {
        let mut out = Vec::new();
        for lang in Language::ALL {
            let image = image_for(lang);
            let size_bytes = self.docker.inspect_image(&image).await.ok().and_then(|i| i.size);
            out.push(ImageStatus { lang, image, size_bytes });
        }
        out
    }

    /// Builds the missing images of `langs`, reporting progress lines through `progress`.
    pub async fn build_images(&self, langs: &[Language], progress: &mut dyn FnMut(String)) -> Result<(), BuildError> {
        let mut missing = Vec::new();
        for lang in langs {
            let image = image_for(*lang);
            if self.docker.inspect_image(&image).await.is_ok() {
                progress(format!("{lang}: {image} is up to date"));
            } else {
                missing.push((*lang, image));
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        let runner = runner_binary(progress).await?;
        let runner_bytes = std::fs::read(&runner).map_err(|e| BuildError::Failed(format!("{}: {e}", runner.display())))?;
        for (lang, image) in missing {
            let started = std::time::Instant::now();
            progress(format!("{lang}: building {image} (packages: {})", lang.toolchain().packages));
            self.build_one(lang, &image, &runner_bytes, progress).await?;
            progress(format!("{lang}: built {image} in {:.0} s", started.elapsed().as_secs_f64()));
            self.remove_outdated(lang, &image, progress).await;
        }
        Ok(())
    }

    async fn build_one(&self, lang: Language, image: &str, runner: &[u8], progress: &mut dyn FnMut(String)) -> Result<(), BuildError> {
        let files: [(&str, &[u8], u32); 3] = [
            ("Dockerfile", DOCKERFILE.as_bytes(), 0o644),
            ("setup.sh", lang.toolchain().setup.as_bytes(), 0o644),
            ("mockjudge-runner", runner, 0o755),
        ];
        let args = [("BASE", BASE_IMAGE), ("PACKAGES", lang.toolchain().packages)];
        self.build_image(lang.name(), image, &files, &args, lang.name(), progress).await
    }

    /// Builds `image` from a context of `files` (one of them the Dockerfile) on [`BASE_IMAGE`],
    /// which it makes first if needed. `what` names it in progress lines and the image label.
    pub async fn build_image(
        &self,
        what: &str,
        image: &str,
        files: &[(&str, &[u8], u32)],
        args: &[(&str, &str)],
        label: &str,
        progress: &mut dyn FnMut(String),
    ) -> Result<(), BuildError> {
        self.ensure_base(progress).await?;
        let context = build_context(files).map_err(|e| BuildError::Failed(format!("build context: {e}")))?;
        let options = BuildImageOptions {
            dockerfile: "Dockerfile".into(),
            t: Some(image.to_string()),
            rm: true,
            forcerm: true,
            buildargs: Some(args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()),
            labels: Some(HashMap::from([(IMAGE_LABEL.to_string(), label.to_string())])),
            ..Default::default()
        };
        let mut stream = self.docker.build_image(options, None, Some(bollard::body_full(context.into())));
        while let Some(item) = stream.next().await {
            let info = item.map_err(|e| BuildError::Failed(format!("{what}: {e}")))?;
            if let Some(error) = info.error_detail.and_then(|d| d.message) {
                return Err(BuildError::Failed(format!("{what}: {error}")));
            }
            if let Some(line) = info.stream {
                let line = line.trim_end();
                if line.starts_with("Step ") {
                    progress(format!("{what}: {line}"));
                }
            }
        }
        Ok(())
    }

    /// Removes the language's images from earlier versions (each is hundreds of MiB). One a
    /// running box still uses stays, and goes at a later build.
    async fn remove_outdated(&self, lang: Language, current: &str, progress: &mut dyn FnMut(String)) {
        let filters = HashMap::from([("label".to_string(), vec![format!("{IMAGE_LABEL}={}", lang.name())])]);
        let list = ListImagesOptions { filters: Some(filters), ..Default::default() };
        for image in self.docker.list_images(Some(list)).await.unwrap_or_default() {
            if image.repo_tags.iter().any(|t| t == current) {
                continue;
            }
            if self.docker.remove_image(&image.id, None::<RemoveImageOptions>, None).await.is_ok() {
                progress(format!("{lang}: removed outdated {}", image.repo_tags.join(", ")));
            }
        }
    }

    /// Makes sure the Debian base exists: pulled where a registry answers, else bootstrapped.
    async fn ensure_base(&self, progress: &mut dyn FnMut(String)) -> Result<(), BuildError> {
        if self.docker.inspect_image(BASE_IMAGE).await.is_ok() {
            return Ok(());
        }
        let pull = CreateImageOptions { from_image: Some(REGISTRY_BASE.into()), ..Default::default() };
        let pulled = self.docker.create_image(Some(pull), None, None).collect::<Vec<_>>().await;
        if pulled.iter().all(Result::is_ok) && self.docker.inspect_image(REGISTRY_BASE).await.is_ok() {
            let (repo, tag) = BASE_IMAGE.split_once(':').expect("BASE_IMAGE has a tag");
            let options = TagImageOptions { repo: Some(repo.into()), tag: Some(tag.into()) };
            self.docker.tag_image(REGISTRY_BASE, Some(options)).await?;
            progress(format!("base: pulled {REGISTRY_BASE} as {BASE_IMAGE}"));
            return Ok(());
        }
        progress(format!("base: no registry reachable; bootstrapping {BASE_IMAGE} with debootstrap (about a minute)"));
        self.bootstrap_base(progress).await
    }

    async fn bootstrap_base(&self, progress: &mut dyn FnMut(String)) -> Result<(), BuildError> {
        install_debootstrap(progress).await?;
        let root = tempdir("mockjudge-debootstrap")?;
        let mirror = std::env::var("MOCKJUDGE_DEBIAN_MIRROR").unwrap_or_else(|_| "http://deb.debian.org/debian".into());
        let status = tokio::process::Command::new("debootstrap")
            .args(["--variant=minbase", "bookworm"])
            .arg(&root)
            .arg(&mirror)
            .stdout(Stdio::null())
            .status()
            .await
            .map_err(|e| BuildError::Failed(format!("cannot run debootstrap ({e}); install it with `apt-get install debootstrap` (needs root)")))?;
        if !status.success() {
            let _ = std::fs::remove_dir_all(&root);
            return Err(BuildError::Failed(format!("debootstrap failed ({status}); it needs root and access to {mirror}")));
        }
        let mut tar = tokio::process::Command::new("tar")
            .arg("-C")
            .arg(&root)
            .args(["-c", "."])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| BuildError::Failed(format!("tar: {e}")))?;
        let stdout = tar.stdout.take().expect("piped");
        let body = bollard::body_try_stream(tokio_util::io::ReaderStream::new(stdout));
        let (repo, tag) = BASE_IMAGE.split_once(':').expect("BASE_IMAGE has a tag");
        let import = CreateImageOptions { from_src: Some("-".into()), repo: Some(repo.into()), tag: Some(tag.into()), ..Default::default() };
        let results = self.docker.create_image(Some(import), Some(body), None).collect::<Vec<_>>().await;
        let _ = tar.wait().await;
        let _ = std::fs::remove_dir_all(&root);
        for r in results {
            r?;
        }
        Ok(())
    }
}

/// Installs debootstrap from Debian's packages when it is missing and we may (as root).
async fn install_debootstrap(progress: &mut dyn FnMut(String)) -> Result<(), BuildError> {
    let found = |name: &str| {
        ["/usr/sbin", "/usr/bin", "/sbin", "/bin"].iter().any(|dir| Path::new(dir).join(name).is_file())
    };
    if found("debootstrap") {
        return Ok(());
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 || !found("apt-get") {
        return Err(BuildError::Failed(
            "debootstrap is missing; install it (`apt-get install debootstrap`) and run this as root".into(),
        ));
    }
    progress("base: installing debootstrap with apt-get".into());
    let script = "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap";
    let status = tokio::process::Command::new("sh")
        .args(["-c", script])
        .stdout(Stdio::null())
        .status()
        .await
        .map_err(|e| BuildError::Failed(format!("apt-get: {e}")))?;
    if !status.success() {
        return Err(BuildError::Failed(format!("installing debootstrap failed ({status})")));
    }
    Ok(())
}

fn tempdir(prefix: &str) -> Result<PathBuf, BuildError> {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).map_err(|e| BuildError::Failed(format!("{}: {e}", dir.display())))?;
    Ok(dir)
}

/// A build context: a tar of `(name, bytes, mode)` files.
fn build_context(files: &[(&str, &[u8], u32)]) -> std::io::Result<Vec<u8>> {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, bytes, mode) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(*mode);
        header.set_cksum();
        tar.append_data(&mut header, name, *bytes)?;
    }
    tar.into_inner()
}

/// The static runner binary: `MOCKJUDGE_RUNNER` if set, else built from this source tree.
async fn runner_binary(progress: &mut dyn FnMut(String)) -> Result<PathBuf, BuildError> {
    if let Ok(path) = std::env::var("MOCKJUDGE_RUNNER") {
        return Ok(PathBuf::from(path));
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !source.join("sandbox/runner/Cargo.toml").is_file() {
        return Err(BuildError::Failed(format!(
            "the runner's source is not at {}; set MOCKJUDGE_RUNNER to a static mockjudge-runner binary",
            source.display()
        )));
    }
    let target = format!("{}-unknown-linux-gnu", std::env::consts::ARCH);
    let target_dir = source.join("target/runner");
    progress(format!("runner: building a static mockjudge-runner for {target}"));
    let status = tokio::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "-p", "mockjudge-runner", "--target", &target])
        .arg("--manifest-path")
        .arg(source.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("RUSTFLAGS", "-C target-feature=+crt-static -C strip=debuginfo")
        .status()
        .await
        .map_err(|e| BuildError::Failed(format!("cannot run cargo to build the runner: {e}")))?;
    if !status.success() {
        return Err(BuildError::Failed(format!("building the runner failed ({status})")));
    }
    Ok(target_dir.join(target).join("release/mockjudge-runner"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_of_the_runner_is_in_the_image_tag() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sandbox/runner/src");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(RUNNER_SOURCES.contains(&text.as_str()), "{} is missing from RUNNER_SOURCES", path.display());
        }
    }
}
