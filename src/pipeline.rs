//! The ingest job, stage by stage: discover -> read -> segment -> classify -> index.
//!
//! Files are prepared in parallel (rayon) and written in one commit at the end, so the index
//! always holds either the state before the run or the state after it. A file whose content,
//! manifest entry, analyser and lexicons are unchanged since the last ingest is skipped; a
//! changed file replaces all its old passages. A file that fails leaves what the index already
//! had of it untouched.

use rayon::prelude::*;
use serde::Serialize;
use tantivy::IndexWriter;

use crate::classify::Classifier;
use crate::error::{Error, Result};
use crate::index::PassageIndex;
use crate::ingest::{self, reader_for, SourceFile};
use crate::segment::{document_id, segment};

/// Bumped when reading, segmenting or storing changes, so older documents are re-ingested.
pub const PIPELINE_VERSION: &str = "3";

/// Choices for an ingest run.
#[derive(Debug, Clone, Copy, Default)]
pub struct IngestOptions {
    /// Store NIK, phone numbers and e-mail addresses as written (masked by default).
    pub keep_personal_data: bool,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// New in the index.
    Added,
    /// Was in the index with other content; its passages were replaced.
    Replaced,
    /// Already in the index exactly as now; nothing written.
    Unchanged,
    /// Could not be read; the index keeps what it had.
    Failed,
}

/// One file's line in the ingest summary.
#[derive(Debug, Clone, Serialize)]
pub struct FileOutcome {
    pub file: String,
    pub format: Option<&'static str>,
    pub status: FileStatus,
    pub passages: usize,
}

/// The summary of an ingest run.
#[derive(Debug, Default, Serialize)]
pub struct IngestReport {
    pub files: Vec<FileOutcome>,
    /// Every problem, one line each, naming file and line or row.
    pub errors: Vec<String>,
    /// Files passed over on purpose, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Passages in the index after the run.
    pub passages_in_index: u64,
}

impl IngestReport {
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn count(&self, status: FileStatus) -> usize {
        self.files.iter().filter(|f| f.status == status).count()
    }

    /// Passages written by this run.
    pub fn passages_written(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.status, FileStatus::Added | FileStatus::Replaced))
            .map(|f| f.passages)
            .sum()
    }
}

/// What preparing one file came to (its documents already handed to the writer).
struct Prepared {
    status: FileStatus,
    format: &'static str,
    passages: usize,
}

/// Ingests files and folders into `index`, masking personal data.
pub fn ingest_paths(
    index: &PassageIndex,
    classifier: &Classifier,
    paths: &[std::path::PathBuf],
) -> Result<IngestReport> {
    ingest_paths_with(index, classifier, paths, IngestOptions::default())
}

/// Ingests files and folders into `index` with `options`.
pub fn ingest_paths_with(
    index: &PassageIndex,
    classifier: &Classifier,
    paths: &[std::path::PathBuf],
    options: IngestOptions,
) -> Result<IngestReport> {
    let discovery = ingest::discover(paths);
    let mut report = ingest_sources_with(index, classifier, discovery.sources, options)?;
    report
        .errors
        .splice(0..0, discovery.errors.iter().map(ToString::to_string));
    report.skipped.extend(discovery.skipped);
    Ok(report)
}

/// Ingests sources already in memory (files found on disk, or the embedded demo round),
/// masking personal data.
pub fn ingest_sources(
    index: &PassageIndex,
    classifier: &Classifier,
    sources: Vec<SourceFile>,
) -> Result<IngestReport> {
    ingest_sources_with(index, classifier, sources, IngestOptions::default())
}

/// Ingests sources already in memory with `options`.
pub fn ingest_sources_with(
    index: &PassageIndex,
    classifier: &Classifier,
    mut sources: Vec<SourceFile>,
    options: IngestOptions,
) -> Result<IngestReport> {
    let mut seen = std::collections::HashSet::new();
    sources.retain(|s| seen.insert(s.key.clone()));
    let mut report = IngestReport::default();
    let searcher = index.searcher()?;
    let mut writer = index.writer()?;
    // Workers hand documents straight to the writer, whose own threads index them while the
    // next files are read.
    let outcomes: Vec<(Result<Prepared>, Vec<Error>)> = sources
        .par_iter()
        .map(|source| prepare(source, classifier, index, &searcher, &writer, options))
        .collect();
    for (source, (outcome, row_errors)) in sources.iter().zip(outcomes) {
        report
            .errors
            .extend(row_errors.iter().map(ToString::to_string));
        let outcome = match outcome {
            Ok(prepared) => FileOutcome {
                file: source.display_path.clone(),
                format: Some(prepared.format),
                status: prepared.status,
                passages: prepared.passages,
            },
            Err(error) => {
                report.errors.push(error.to_string());
                FileOutcome {
                    file: source.display_path.clone(),
                    format: None,
                    status: FileStatus::Failed,
                    passages: 0,
                }
            }
        };
        report.files.push(outcome);
    }
    writer.commit().map_err(|e| index.error(e))?;
    writer.wait_merging_threads().map_err(|e| index.error(e))?;
    report.passages_in_index = index.passage_count()?;
    Ok(report)
}

/// Reads, segments and classifies one file and replaces its passages in the writer, unless
/// the index already holds it exactly as it is.
fn prepare(
    source: &SourceFile,
    classifier: &Classifier,
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    writer: &IndexWriter,
    options: IngestOptions,
) -> (Result<Prepared>, Vec<Error>) {
    let reader = match reader_for(source) {
        Ok(Some(reader)) => reader,
        Ok(None) => {
            let error = Error::bad_input(
                &source.display_path,
                None,
                "not a format aspirasi reads (txt, md, vtt, csv)",
            );
            return (Err(error), Vec::new());
        }
        Err(error) => return (Err(error), Vec::new()),
    };
    let doc_id = document_id(&source.key);
    let doc_hash = document_hash(source, classifier, options);
    let stored = match index.stored_document(searcher, &doc_id) {
        Ok(stored) => stored,
        Err(error) => return (Err(error), Vec::new()),
    };
    if let Some((_, passages)) = stored.as_ref().filter(|(hash, _)| *hash == doc_hash) {
        let unchanged = Prepared {
            status: FileStatus::Unchanged,
            format: reader.format(),
            passages: *passages,
        };
        return (Ok(unchanged), Vec::new());
    }
    let outcome = match reader.read(source) {
        Ok(outcome) => outcome,
        Err(error) => return (Err(error), Vec::new()),
    };
    let mut passages = segment(source, &outcome.turns);
    for passage in &mut passages {
        if !options.keep_personal_data {
            passage.text = ingest::privacy::mask(&passage.text).0;
        }
        classifier.classify(passage);
    }
    let documents = passages.iter().map(|p| index.to_document(p, &doc_hash));
    if let Err(error) = index.replace_document(writer, &doc_id, documents) {
        return (Err(error), outcome.row_errors);
    }
    let prepared = Prepared {
        status: if stored.is_some() {
            FileStatus::Replaced
        } else {
            FileStatus::Added
        },
        format: reader.format(),
        passages: passages.len(),
    };
    (Ok(prepared), outcome.row_errors)
}

/// Everything that decides a document's passages: content, manifest, analysis, lexicons.
fn document_hash(source: &SourceFile, classifier: &Classifier, options: IngestOptions) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(PIPELINE_VERSION.as_bytes());
    hasher.update(if options.keep_personal_data {
        b"keep"
    } else {
        b"mask"
    });
    hasher.update(source.display_path.as_bytes());
    hasher.update(&source.bytes);
    let manifest = toml::to_string(source.manifest.as_ref()).unwrap_or_default();
    hasher.update(manifest.as_bytes());
    hasher.update(classifier.analyzer().fingerprint().as_bytes());
    hasher.update(classifier.lexicons().fingerprint().as_bytes());
    hasher.finalize().to_hex()[..24].to_string()
}
