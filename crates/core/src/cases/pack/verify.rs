//! Checking an evidence pack: every hash in `manifest-sha256.txt`,
//! `tagmanifest-sha256.txt` and `manifest.json`, and no unlisted payload.
//!
//! Invariant: a pack is read only under [`crate::zipguard::PACK_LIMITS`],
//! checked from the central directory before anything is decompressed.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::super::attach::sha256_hex;
use super::super::CaseError;
use crate::i18n::Msg;
use crate::msg;
use crate::zipguard;

/// A problem [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PackProblem {
    /// The file's bytes do not have the hash a manifest lists.
    Mismatch {
        path: String,
        manifest: String,
        expected: String,
        actual: String,
    },
    /// A manifest lists a file the pack does not hold.
    Missing { path: String, manifest: String },
    /// A payload file no manifest lists.
    Extra { path: String },
    /// A manifest line or file that cannot be read (`problem` in English,
    /// `why` the same as a message of the catalogs).
    BadManifest {
        manifest: String,
        problem: String,
        #[serde(skip)]
        why: Msg,
    },
}

/// Where a file is required when no manifest lists it: the BagIt layout
/// (its two manifests) or the pack's own layout (`manifest.json`).
const BAGIT_LAYOUT: &str = "the BagIt layout";
const PACK_LAYOUT: &str = "the pack layout";

impl PackProblem {
    /// The problem as a message of the catalogs, for the user's language.
    pub fn msg(&self) -> Msg {
        match self {
            PackProblem::Mismatch {
                path,
                manifest,
                expected,
                actual,
            } => msg!(
                "case-verify-mismatch",
                path = path.as_str(),
                manifest = manifest.as_str(),
                expected = expected.as_str(),
                actual = actual.as_str()
            ),
            PackProblem::Missing { path, manifest } => {
                let layout = match manifest.as_str() {
                    BAGIT_LAYOUT => msg!("case-verify-bagit-layout"),
                    PACK_LAYOUT => msg!("case-verify-pack-layout"),
                    m => return msg!("case-verify-missing", path = path.as_str(), manifest = m),
                };
                msg!(
                    "case-verify-missing-layout",
                    path = path.as_str(),
                    layout = layout
                )
            }
            PackProblem::Extra { path } => msg!("case-verify-extra", path = path.as_str()),
            PackProblem::BadManifest { manifest, why, .. } => msg!(
                "case-verify-bad-manifest",
                manifest = manifest.as_str(),
                problem = why.clone()
            ),
        }
    }
}

/// Problems as one message, one a line (each line indented by two spaces
/// after the first).
pub(crate) fn problem_lines(problems: &[PackProblem]) -> Msg {
    let mut lines = problems.iter().map(PackProblem::msg);
    let first = lines.next().unwrap_or_else(|| msg!("case-verify-none"));
    lines.fold(first, |acc, next| {
        msg!("case-verify-and", first = acc, next = next)
    })
}

fn bad_manifest(manifest: String, why: Msg) -> PackProblem {
    PackProblem::BadManifest {
        manifest,
        problem: why.render(crate::i18n::Lang::En),
        why,
    }
}

impl std::fmt::Display for PackProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackProblem::Mismatch {
                path,
                manifest,
                expected,
                actual,
            } => write!(
                f,
                "{path}: SHA-256 is {actual}, but {manifest} lists {expected}: the file was changed"
            ),
            PackProblem::Missing { path, manifest } => {
                write!(f, "{path}: listed in {manifest} but not in the pack")
            }
            PackProblem::Extra { path } => {
                write!(f, "{path}: in the pack but in no manifest")
            }
            PackProblem::BadManifest {
                manifest, problem, ..
            } => write!(f, "{manifest}: {problem}"),
        }
    }
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    pub ok: bool,
    /// The bag's top folder.
    pub bag: String,
    /// How many (file, manifest) pairs were checked.
    pub checked: usize,
    pub problems: Vec<PackProblem>,
}

/// Checks a pack file: every hash in manifest-sha256.txt,
/// tagmanifest-sha256.txt and manifest.json, and that no payload file is
/// unlisted.
pub fn verify(path: &Path) -> Result<VerifyReport, CaseError> {
    let read_err = |source| CaseError::ReadFile {
        path: path.to_path_buf(),
        source,
    };
    let cap = zipguard::PACK_LIMITS.max_total;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
        .map_err(read_err)?;
    if bytes.len() as u64 > cap {
        return Err(CaseError::NotAPack {
            path: path.display().to_string(),
            problem: msg!("case-pack-too-large", mib = (cap / 1024 / 1024).to_string()),
        });
    }
    verify_bytes(&bytes, &path.display().to_string())
}

/// [`verify`] on bytes; `name` is used in messages.
pub fn verify_bytes(bytes: &[u8], name: &str) -> Result<VerifyReport, CaseError> {
    let not_a_pack = |problem: Msg| CaseError::NotAPack {
        path: name.to_owned(),
        problem,
    };
    // Checked from the central directory before anything is decompressed,
    // then read under the caps (zip-slip and zip-bomb safe).
    let files: BTreeMap<String, Vec<u8>> = zipguard::read_all(bytes, &zipguard::PACK_LIMITS)
        .map_err(|e| not_a_pack(msg!("case-pack-unreadable", detail = e.to_string())))?
        .into_iter()
        .collect();
    let root = files
        .keys()
        .find_map(|k| k.strip_suffix("/bagit.txt").filter(|r| !r.contains('/')))
        .map(str::to_owned)
        .ok_or_else(|| not_a_pack(msg!("case-pack-no-bagit")))?;
    let prefix = format!("{root}/");
    let inner: BTreeMap<String, Vec<u8>> = files
        .into_iter()
        .map(|(k, v)| match k.strip_prefix(&prefix) {
            Some(rest) => (rest.to_owned(), v),
            None => (k, v),
        })
        .collect();

    let mut problems = Vec::new();
    let mut checked = 0usize;
    let mut listed_payload: BTreeMap<String, ()> = BTreeMap::new();
    for manifest in ["manifest-sha256.txt", "tagmanifest-sha256.txt"] {
        let Some(text) = inner.get(manifest) else {
            problems.push(PackProblem::Missing {
                path: format!("{prefix}{manifest}"),
                manifest: BAGIT_LAYOUT.into(),
            });
            continue;
        };
        let text = String::from_utf8_lossy(text);
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let Some((hash, path)) = line.split_once(char::is_whitespace) else {
                problems.push(bad_manifest(
                    format!("{manifest}:{}", n + 1),
                    msg!("case-verify-bad-line", line = line),
                ));
                continue;
            };
            let path = path.trim_start();
            if manifest == "manifest-sha256.txt" {
                listed_payload.insert(path.to_owned(), ());
            }
            checked += 1;
            check(&inner, &prefix, path, hash, manifest, &mut problems);
        }
    }
    match inner.get("manifest.json") {
        None => problems.push(PackProblem::Missing {
            path: format!("{prefix}manifest.json"),
            manifest: PACK_LAYOUT.into(),
        }),
        Some(text) => match serde_json::from_slice::<Value>(text) {
            Err(e) => problems.push(bad_manifest(
                "manifest.json".into(),
                msg!("case-verify-bad-json", detail = e.to_string()),
            )),
            Ok(v) => {
                for f in v
                    .get("files")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                {
                    let (Some(path), Some(hash)) = (
                        f.get("path").and_then(Value::as_str),
                        f.get("sha256").and_then(Value::as_str),
                    ) else {
                        problems.push(bad_manifest(
                            "manifest.json".into(),
                            msg!("case-verify-bad-entry", entry = f.to_string()),
                        ));
                        continue;
                    };
                    checked += 1;
                    check(&inner, &prefix, path, hash, "manifest.json", &mut problems);
                }
            }
        },
    }
    for path in inner.keys().filter(|k| k.starts_with("data/")) {
        if !listed_payload.contains_key(path) {
            problems.push(PackProblem::Extra {
                path: format!("{prefix}{path}"),
            });
        }
    }
    Ok(VerifyReport {
        ok: problems.is_empty(),
        bag: root,
        checked,
        problems,
    })
}

fn check(
    files: &BTreeMap<String, Vec<u8>>,
    prefix: &str,
    path: &str,
    hash: &str,
    manifest: &str,
    problems: &mut Vec<PackProblem>,
) {
    match files.get(path) {
        None => problems.push(PackProblem::Missing {
            path: format!("{prefix}{path}"),
            manifest: manifest.to_owned(),
        }),
        Some(bytes) => {
            let actual = sha256_hex(bytes);
            if !actual.eq_ignore_ascii_case(hash) {
                problems.push(PackProblem::Mismatch {
                    path: format!("{prefix}{path}"),
                    manifest: manifest.to_owned(),
                    expected: hash.to_owned(),
                    actual,
                });
            }
        }
    }
}
