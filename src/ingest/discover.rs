//! Finding what to ingest: walks the paths given on the command line, loads each folder's
//! manifest (the nearest `manifest.toml` in the file's folder or a parent up to the path given)
//! and reads every supported file into a [`SourceFile`]. Problems are collected, never fatal:
//! the caller reports them and ingests the rest.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::manifest::{Manifest, MANIFEST_NAMES};
use super::{reader_for_extension, SourceFile};
use crate::error::{Error, Result};

/// What the walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub sources: Vec<SourceFile>,
    /// Files or manifests that could not be used.
    pub errors: Vec<Error>,
    /// Files passed over on purpose, with the reason (unsupported format, documentation).
    pub skipped: Vec<(String, String)>,
}

/// Walks `paths` (files or folders) in a stable order.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut discovery = Discovery::default();
    let mut manifests: HashMap<PathBuf, Option<Arc<(Manifest, PathBuf)>>> = HashMap::new();
    for root in paths {
        let metadata = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                discovery.errors.push(Error::io(root, e));
                continue;
            }
        };
        let (files, stop_at) = if metadata.is_dir() {
            let mut files = Vec::new();
            walk(root, &mut files, &mut discovery.errors);
            (files, root.clone())
        } else {
            let parent = root.parent().map(Path::to_path_buf).unwrap_or_default();
            (vec![root.clone()], parent)
        };
        let mut manifest_failed = HashMap::new();
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if MANIFEST_NAMES.contains(&name) {
                continue;
            }
            let display = file.to_string_lossy().replace('\\', "/");
            if is_documentation(name) {
                discovery
                    .skipped
                    .push((display, "documentation file, not a source".into()));
                continue;
            }
            let folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
            let manifest = match nearest_manifest(&folder, &stop_at, &mut manifests) {
                Ok(found) => found,
                Err(error) => {
                    if manifest_failed.insert(folder.clone(), ()).is_none() {
                        discovery.errors.push(error);
                    }
                    discovery
                        .skipped
                        .push((display, "its manifest is invalid".into()));
                    continue;
                }
            };
            let (manifest, relative, key) = match manifest {
                Some(found) => {
                    let (manifest, manifest_dir) = (&found.0, &found.1);
                    let relative = file
                        .strip_prefix(manifest_dir)
                        .unwrap_or(&file)
                        .to_string_lossy()
                        .replace('\\', "/");
                    let key = format!("{}/{}", manifest.round.id, relative);
                    (Arc::new(manifest.clone()), relative, key)
                }
                None => {
                    let relative = name.to_string();
                    let absolute = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
                    let key = format!("path:{}", absolute.to_string_lossy());
                    (Arc::new(Manifest::default_for(&folder)), relative, key)
                }
            };
            let listed = manifest.spec_for(&relative).is_some();
            if !listed && reader_for_extension(&relative).is_none() {
                discovery.skipped.push((
                    display,
                    "not a format aspirasi reads (txt, md, vtt, csv)".into(),
                ));
                continue;
            }
            match std::fs::read(&file) {
                Ok(bytes) => discovery.sources.push(SourceFile {
                    display_path: display,
                    key,
                    relative_path: relative,
                    bytes,
                    manifest,
                    disk_path: Some(file.clone()),
                }),
                Err(e) => discovery.errors.push(Error::io(&file, e)),
            }
        }
        if metadata.is_dir() {
            report_missing_listed_files(root, &mut manifests, &mut discovery.errors);
        }
    }
    discovery
}

/// Files a manifest lists that are not there.
fn report_missing_listed_files(
    root: &Path,
    manifests: &mut HashMap<PathBuf, Option<Arc<(Manifest, PathBuf)>>>,
    errors: &mut Vec<Error>,
) {
    let mut seen = Vec::new();
    for (manifest, dir) in manifests.values().flatten().map(|m| (&m.0, &m.1)) {
        if !dir.starts_with(root) || seen.contains(dir) {
            continue;
        }
        seen.push(dir.clone());
        for spec in &manifest.files {
            if !dir.join(&spec.path).exists() {
                errors.push(Error::bad_input(
                    dir.join(&spec.path),
                    None,
                    "listed in the manifest but not found",
                ));
            }
        }
    }
}

fn is_documentation(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["README", "LICENSE", "LICENCE", "SOURCES", "CHANGELOG"]
        .iter()
        .any(|doc| upper.starts_with(doc))
}

/// Files below `dir`, sorted, skipping hidden entries.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(Error::io(dir, e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, errors);
        } else {
            files.push(path);
        }
    }
}

/// The manifest that governs files in `folder`: its own, or the nearest parent's up to
/// `stop_at`. Cached per folder.
fn nearest_manifest(
    folder: &Path,
    stop_at: &Path,
    cache: &mut HashMap<PathBuf, Option<Arc<(Manifest, PathBuf)>>>,
) -> Result<Option<Arc<(Manifest, PathBuf)>>> {
    if let Some(found) = cache.get(folder) {
        return Ok(found.clone());
    }
    let mut found = None;
    for name in MANIFEST_NAMES {
        let candidate = folder.join(name);
        if candidate.is_file() {
            let manifest = Manifest::load(&candidate)?;
            found = Some(Arc::new((manifest, folder.to_path_buf())));
            break;
        }
    }
    if found.is_none() && folder != stop_at && folder.starts_with(stop_at) {
        if let Some(parent) = folder.parent() {
            found = nearest_manifest(parent, stop_at, cache)?;
        }
    }
    cache.insert(folder.to_path_buf(), found.clone());
    Ok(found)
}
