//! Finding what to ingest: walks the paths given on the command line, loads each folder's
//! manifest (the nearest `manifest.toml` in the file's folder or a parent up to the path given)
//! and reads every file worth reading into a [`SourceFile`]: files named on the command line,
//! files with a known extension or none, files the manifest lists, and files whose first bytes
//! show a format aspirasi reads (a PDF or DOCX saved under another name). Problems are collected, never fatal: the caller
//! reports them and ingests the rest.
//!
//! Before a file is read, it must be a regular file (a FIFO or device would block or never
//! end; a broken symbolic link or a folder is named as such) no larger than
//! [`MAX_FILE_BYTES`]. Symbolic links to folders are followed once (a link loop is not walked
//! forever). Office lock files (`~$rapat.docx`) are passed over.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::collections::HashSet;
use std::io::Read;

use super::limits::{human_bytes, MAX_FILE_BYTES};
use super::manifest::{Manifest, MANIFEST_NAMES};
use super::sniff::{sniff, Content, Format};
use super::SourceFile;
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
                discovery.errors.push(unreadable(root, e));
                continue;
            }
        };
        let (files, stop_at) = if metadata.is_dir() {
            let mut files = Vec::new();
            let mut visited = HashSet::new();
            walk(root, &mut files, &mut discovery.errors, &mut visited);
            (files, root.clone())
        } else {
            let parent = root.parent().map(Path::to_path_buf).unwrap_or_default();
            (vec![root.clone()], parent)
        };
        // A file named on the command line is read whatever its name: content decides.
        let named = !metadata.is_dir();
        let mut manifest_failed = HashMap::new();
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if MANIFEST_NAMES.contains(&name) {
                continue;
            }
            let display = file.to_string_lossy().replace('\\', "/");
            if is_documentation(name) && !named {
                discovery
                    .skipped
                    .push((display, "documentation file, not a source".into()));
                continue;
            }
            if name.starts_with("~$") {
                discovery
                    .skipped
                    .push((display, "an Office lock file, not a document".into()));
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
            let size = match regular_file(&file) {
                Ok(size) => size,
                Err(error) => {
                    discovery.errors.push(error);
                    continue;
                }
            };
            if size > MAX_FILE_BYTES {
                discovery.errors.push(Error::bad_input(
                    &file,
                    None,
                    format!(
                        "the file is {}, over the limit of {}; split it or ingest it in parts",
                        human_bytes(size),
                        human_bytes(MAX_FILE_BYTES)
                    ),
                ));
                continue;
            }
            if !listed && !named && Format::from_extension(&relative).is_none() {
                if let Some(why) = passed_over(&file, &relative) {
                    if why.starts_with("a legacy") {
                        discovery.errors.push(Error::bad_input(&file, None, why));
                    } else {
                        discovery.skipped.push((display, why));
                    }
                    continue;
                }
            }
            match read_capped(&file) {
                Ok(bytes) => discovery.sources.push(SourceFile {
                    display_path: display,
                    key,
                    relative_path: relative,
                    bytes,
                    manifest,
                    disk_path: Some(file.clone()),
                }),
                Err(e) => discovery.errors.push(unreadable(&file, e)),
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
            let path = dir.join(&spec.path);
            if path.is_dir() {
                errors.push(Error::bad_input(
                    path,
                    None,
                    "listed in the manifest as a file, but it is a folder",
                ));
            } else if std::fs::symlink_metadata(&path).is_err() {
                errors.push(Error::bad_input(
                    path,
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

/// Files below `dir`, sorted, skipping hidden entries; each real folder is walked once.
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<Error>,
    visited: &mut HashSet<PathBuf>,
) {
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(real) {
        return; // a symbolic link back to a folder already walked
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(unreadable(dir, e));
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
            walk(&path, files, errors, visited);
        } else {
            files.push(path);
        }
    }
}

/// An error for a path that cannot be read, saying what it is when that explains why: a
/// broken symbolic link, a folder, something that is no regular file.
fn unreadable(path: &Path, error: std::io::Error) -> Error {
    if let Ok(link) = std::fs::symlink_metadata(path) {
        if link.file_type().is_symlink() && std::fs::metadata(path).is_err() {
            let target = std::fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            return Error::bad_input(
                path,
                None,
                format!("a broken symbolic link (to {target:?}: {error}); skipped"),
            );
        }
        if link.is_dir() {
            return Error::bad_input(path, None, "is a folder where a file was expected");
        }
    }
    Error::io(path, error)
}

/// The size of `path` if it is a regular file (following links); an error naming what it is
/// otherwise.
fn regular_file(path: &Path) -> Result<u64> {
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(path, e))?;
    if metadata.is_dir() {
        return Err(Error::bad_input(
            path,
            None,
            "is a folder where a file was expected",
        ));
    }
    if !metadata.is_file() {
        return Err(Error::bad_input(
            path,
            None,
            "not a regular file (a FIFO, socket or device); skipped",
        ));
    }
    Ok(metadata.len())
}

/// Reads a whole file, but never more than the limit (a file can grow while it is read).
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Why a file with an unknown extension is not read, or `None` when its content shows a
/// format aspirasi reads (or it has no extension, so content decides later).
fn passed_over(path: &Path, relative: &str) -> Option<String> {
    if Format::has_no_extension(relative) {
        return None;
    }
    let extension = relative
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if extension == "doc" {
        return Some(
            "a legacy Word .doc file, which aspirasi does not read; save it as DOCX".into(),
        );
    }
    let mut head = Vec::new();
    let peeked = std::fs::File::open(path)
        .and_then(|f| f.take(8192).read_to_end(&mut head))
        .is_ok();
    let is_ole = head.starts_with(b"\xD0\xCF\x11\xE0");
    if head.starts_with(b"PK") {
        // A zip's directory is at its end: look at the whole file.
        head = read_capped(path).unwrap_or_default();
    }
    match sniff(&head) {
        Content::Known(format) if peeked && !is_ole && format.is_signed() => None,
        _ => Some(
            "not a format aspirasi reads (txt, md, docx, pdf, csv, tsv, xlsx, xls, ods, \
             jsonl, vtt, srt)"
                .into(),
        ),
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
