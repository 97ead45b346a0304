//! Custom output validators (`output_validators/<name>/` or `output_validator/`), run in a box
//! of their own: the problem's code is trusted with the answers but still sandboxed, and the
//! candidate's box never sees them.
//!
//! Kattis' interface: `validator input answer feedback_dir [flags] < output`; exit 42 accepts,
//! 43 rejects, anything else is a judge error. `judgemessage.txt` and `score.txt` in the
//! feedback directory come back with the verdict.
//!
//! A compiled validator is built once per problem and kept in the cache directory, keyed by a
//! hash of its sources and image, so later submissions only copy the binary in.

use super::Check;
use crate::language::Language;
use crate::sandbox::{images, BoxSpec, Sandbox, SandboxBox, SandboxError};
use mockjudge_runner::{Exit, RunSpec, WORK_DIR};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

const ACCEPT: i32 = 42;
const REJECT: i32 = 43;
const MEMORY_BYTES: u64 = 2048 << 20;
const COMPILE_TIME: Duration = Duration::from_secs(60);
const FEEDBACK_CAP: u64 = 64 << 10;

#[derive(Debug, thiserror::Error)]
pub enum ValidatorError {
    #[error("output validator {path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("output validator failed to compile:\n{0}")]
    Compile(String),
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
}

/// A validator ready to be copied into a box: its files, and how to start it.
#[derive(Debug, Clone)]
pub struct Prepared {
    lang: Language,
    files: Vec<(String, Vec<u8>, bool)>,
    argv: Vec<String>,
}

/// Reads a validator's sources and, for compiled languages, builds it (or takes it from cache).
pub async fn prepare(sandbox: &Sandbox, path: &Path, cache: &Path) -> Result<Prepared, ValidatorError> {
    let invalid = |message: String| ValidatorError::Invalid { path: path.to_path_buf(), message };
    let sources = read_sources(path).map_err(|e| invalid(e.to_string()))?;
    let lang = [Language::Cpp, Language::C, Language::Rust, Language::Go, Language::Python, Language::JavaScript]
        .into_iter()
        .find(|l| sources.iter().any(|(name, _)| Language::from_path(Path::new(name)).ok() == Some(*l)))
        .ok_or_else(|| invalid("no source in a supported language (C++, C, Rust, Go, Python, JavaScript)".into()))?;
    let of_lang: Vec<String> = sources
        .iter()
        .filter(|(name, _)| Language::from_path(Path::new(name)).ok() == Some(lang))
        .map(|(name, _)| name.clone())
        .collect();
    let interpreted = matches!(lang, Language::Python | Language::JavaScript);
    if interpreted {
        let entry = ["validate.py", "validator.py", "validate.js", "validator.js"]
            .into_iter()
            .find(|n| of_lang.iter().any(|f| f == n))
            .map(str::to_string)
            .or_else(|| (of_lang.len() == 1).then(|| of_lang[0].clone()))
            .ok_or_else(|| invalid("several scripts and none named validate.*".into()))?;
        let interpreter = if lang == Language::Python { "python3" } else { "node" };
        let files = sources.into_iter().map(|(n, b)| (n, b, false)).collect();
        return Ok(Prepared { lang, files, argv: vec![interpreter.into(), format!("{WORK_DIR}/{entry}")] });
    }

    let image = images::image_for(lang);
    let mut hash = Sha256::new();
    hash.update(&image);
    for (name, bytes) in &sources {
        hash.update(name);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let cached = cache.join("validators").join(hex::encode(hash.finalize()));
    let binary = match std::fs::read(&cached) {
        Ok(binary) => binary,
        Err(_) => {
            let binary = compile(sandbox, lang, &image, &sources, &of_lang).await?;
            if let Some(dir) = cached.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            // Write then rename, so that a concurrent judge never reads half a binary.
            let partial = cached.with_extension(format!("tmp{}", std::process::id()));
            if std::fs::write(&partial, &binary).is_ok() {
                let _ = std::fs::rename(&partial, &cached);
            }
            binary
        }
    };
    Ok(Prepared { lang, files: vec![("validator".into(), binary, true)], argv: vec![format!("{WORK_DIR}/validator")] })
}

/// Every regular file of the validator (a folder, or a single file), by name.
fn read_sources(path: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let paths: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    paths
        .into_iter()
        .map(|p| Ok((p.file_name().unwrap_or_default().to_string_lossy().into_owned(), std::fs::read(&p)?)))
        .collect()
}

async fn compile(sandbox: &Sandbox, lang: Language, image: &str, sources: &[(String, Vec<u8>)], units: &[String]) -> Result<Vec<u8>, ValidatorError> {
    let spec = BoxSpec { image: image.to_string(), lang: lang.name().into(), memory_bytes: MEMORY_BYTES, service_dir_bytes: None, role: "validator" };
    let mut sbox = sandbox.open(&spec).await?;
    let result = async {
        for (name, bytes) in sources {
            sbox.write(name, bytes, false).await?;
        }
        let mut argv: Vec<String> = match lang {
            Language::Cpp => ["g++", "-O2", "-std=gnu++17", "-o", "validator"].map(String::from).to_vec(),
            Language::C => ["gcc", "-O2", "-std=gnu11", "-o", "validator"].map(String::from).to_vec(),
            Language::Rust => ["rustc", "-O", "--edition", "2021", "-o", "validator"].map(String::from).to_vec(),
            _ => ["go", "build", "-o", "validator"].map(String::from).to_vec(),
        };
        argv.extend(units.iter().cloned());
        if lang == Language::C {
            argv.push("-lm".into());
        }
        let out = sbox
            .run(RunSpec {
                argv,
                env: lang.env(),
                cpu_ms: COMPILE_TIME.as_millis() as u64,
                wall_ms: 2 * COMPILE_TIME.as_millis() as u64,
                memory_bytes: MEMORY_BYTES,
                stdout_cap: FEEDBACK_CAP,
                stderr_cap: FEEDBACK_CAP,
                collect: vec!["validator".into()],
                collect_cap: 256 << 20,
                ..Default::default()
            })
            .await?;
        match (out.report.exit, out.files.into_iter().next()) {
            (Exit::Exited { code: 0 }, Some((_, binary))) => Ok(binary),
            _ => Err(ValidatorError::Compile(
                String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned(),
            )),
        }
    }
    .await;
    sbox.close().await;
    result
}

/// A box with the validator in it, checking one output after another.
pub struct ValidatorBox {
    sbox: SandboxBox,
    argv: Vec<String>,
    env: Vec<(String, String)>,
}

impl ValidatorBox {
    pub async fn open(sandbox: &Sandbox, prepared: &Prepared) -> Result<ValidatorBox, SandboxError> {
        let lang = prepared.lang;
        let spec = BoxSpec { image: images::image_for(lang), lang: lang.name().into(), memory_bytes: MEMORY_BYTES, service_dir_bytes: None, role: "validator" };
        let mut sbox = sandbox.open(&spec).await?;
        for (name, bytes, executable) in &prepared.files {
            if let Err(e) = sbox.write(name, bytes, *executable).await {
                sbox.close().await;
                return Err(e);
            }
        }
        if let Err(e) = sbox.seal().await {
            sbox.close().await;
            return Err(e);
        }
        Ok(ValidatorBox { sbox, argv: prepared.argv.clone(), env: lang.env() })
    }

    /// Judges one output. An exit other than 42 or 43 is the validator's failure (an error).
    /// The files go into the box's work directory; the validator runs in its scratch
    /// directory, which is its feedback directory.
    pub async fn check(&mut self, input: &[u8], answer: &[u8], output: &[u8], flags: &[String], time: Duration) -> Result<Check, SandboxError> {
        self.sbox.write("in", input, false).await?;
        self.sbox.write("ans", answer, false).await?;
        self.sbox.write("out", output, false).await?;
        let mut argv = self.argv.clone();
        argv.extend([format!("{WORK_DIR}/in"), format!("{WORK_DIR}/ans"), "./".into()]);
        argv.extend(flags.iter().cloned());
        let ran = self
            .sbox
            .run(RunSpec {
                argv,
                env: self.env.clone(),
                stdin: Some("out".into()),
                cpu_ms: time.as_millis() as u64,
                wall_ms: 2 * time.as_millis() as u64,
                memory_bytes: MEMORY_BYTES,
                stdout_cap: FEEDBACK_CAP,
                stderr_cap: FEEDBACK_CAP,
                collect: vec!["judgemessage.txt".into(), "score.txt".into()],
                collect_cap: FEEDBACK_CAP,
                ..Default::default()
            })
            .await?;
        let file = |name: &str| {
            ran.files.iter().find(|(n, _)| n == name).map(|(_, b)| String::from_utf8_lossy(b).trim().to_string())
        };
        let message = file("judgemessage.txt").filter(|m| !m.is_empty());
        match ran.report.exit {
            Exit::Exited { code: ACCEPT } => {
                // A score must be a finite number: NaN or infinity would poison every sum.
                let score = match file("score.txt").filter(|s| !s.is_empty()) {
                    None => None,
                    Some(s) => Some(s.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| {
                        SandboxError::Refused(format!("output validator wrote score.txt {s:?}, which is not a finite number"))
                    })?),
                };
                Ok(Check { accepted: true, message, score })
            }
            Exit::Exited { code: REJECT } => Ok(Check { accepted: false, message, score: None }),
            exit => {
                let stderr = String::from_utf8_lossy(&ran.stderr);
                Err(SandboxError::Refused(format!(
                    "output validator ended with {exit:?} (expected exit 42 or 43){}{}",
                    if stderr.trim().is_empty() { "" } else { ": " },
                    stderr.trim()
                )))
            }
        }
    }

    pub async fn close(self) {
        self.sbox.close().await;
    }
}
