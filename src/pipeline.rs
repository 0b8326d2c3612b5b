//! The ingest job, stage by stage: discover -> read -> segment -> classify -> index.
//!
//! Files are prepared in parallel (rayon) and written in one commit at the end, so the index
//! always holds either the state before the run or the state after it. A file whose content,
//! manifest entry, analyser and lexicons are unchanged since the last ingest is skipped; a
//! changed file replaces all its old passages. A file that fails leaves what the index already
//! had of it untouched. A process killed before the commit leaves the index as the last
//! commit left it; running the ingest again finishes the job.
//!
//! Identical content under another name (a file re-sent as `notulen-final.docx`) is not
//! ingested twice: it is listed as skipped, naming the file already in the index (or earlier
//! in the same run) with that content, so theme counts never double.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

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

/// Hears how an ingest run goes (a progress bar, say). Every method has a default that does
/// nothing.
pub trait Progress: Sync {
    /// The files are being found and read from disk.
    fn reading(&self) {}
    /// The files are read; `files` of `bytes` in all are about to be prepared.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// One file is done (ingested, unchanged or failed) with this many passages.
    fn file_done(&self, _bytes: u64, _passages: usize) {}
    /// Everything is prepared; the commit is being written.
    fn committing(&self) {}
    /// The run is over.
    fn finish(&self) {}
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {}

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
    /// Things worth knowing that are not errors (a file read by its content rather than its
    /// name), one line each.
    pub notes: Vec<String>,
    /// Passages in the index after the run.
    pub passages_in_index: u64,
    /// Wall-clock time of the run, in seconds.
    pub seconds: f64,
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
    note: Option<String>,
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
    ingest_paths_observed(index, classifier, paths, options, &NoProgress)
}

/// Ingests files and folders into `index` with `options`, telling `progress` how it goes.
pub fn ingest_paths_observed(
    index: &PassageIndex,
    classifier: &Classifier,
    paths: &[std::path::PathBuf],
    options: IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestReport> {
    let started = Instant::now();
    progress.reading();
    let discovery = ingest::discover(paths);
    let mut report =
        ingest_sources_observed(index, classifier, discovery.sources, options, progress)?;
    report
        .errors
        .splice(0..0, discovery.errors.iter().map(ToString::to_string));
    report.skipped.splice(0..0, discovery.skipped);
    report.seconds = started.elapsed().as_secs_f64();
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
    sources: Vec<SourceFile>,
    options: IngestOptions,
) -> Result<IngestReport> {
    ingest_sources_observed(index, classifier, sources, options, &NoProgress)
}

/// Ingests sources already in memory with `options`, telling `progress` how it goes.
pub fn ingest_sources_observed(
    index: &PassageIndex,
    classifier: &Classifier,
    mut sources: Vec<SourceFile>,
    options: IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestReport> {
    let started = Instant::now();
    let mut seen = HashSet::new();
    sources.retain(|s| seen.insert(s.key.clone()));
    let mut report = IngestReport::default();
    let searcher = index.searcher()?;
    report.skipped = drop_duplicates(index, &searcher, &mut sources)?;
    let mut writer = index.writer()?;
    progress.start(
        sources.len(),
        sources.iter().map(|s| s.bytes.len() as u64).sum(),
    );
    // Workers hand documents straight to the writer, whose own threads index them while the
    // next files are read.
    let outcomes: Vec<(Result<Prepared>, Vec<Error>)> = sources
        .par_iter()
        .map(|source| {
            let outcome = prepare(source, classifier, index, &searcher, &writer, options);
            let passages = outcome.0.as_ref().map_or(0, |p| p.passages);
            progress.file_done(source.bytes.len() as u64, passages);
            outcome
        })
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
            }
            .noted(prepared.note, &mut report.notes),
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
    progress.committing();
    writer.commit().map_err(|e| index.error(e))?;
    writer.wait_merging_threads().map_err(|e| index.error(e))?;
    report.passages_in_index = index.passage_count()?;
    report.seconds = started.elapsed().as_secs_f64();
    progress.finish();
    Ok(report)
}

impl FileOutcome {
    fn noted(self, note: Option<String>, notes: &mut Vec<String>) -> FileOutcome {
        notes.extend(note);
        self
    }
}

/// Removes sources whose content is already in the index under another name, or earlier in
/// this run, and says which file holds it. Empty files are left for their reader to report.
fn drop_duplicates(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    sources: &mut Vec<SourceFile>,
) -> Result<Vec<(String, String)>> {
    let in_run: HashSet<String> = sources.iter().map(|s| document_id(&s.key)).collect();
    let mut holders: HashMap<String, String> = HashMap::new();
    let mut indexed: HashMap<String, String> = HashMap::new(); // doc id -> content
    for stored in index.documents(searcher)? {
        let Some((_, content)) = stored.hash.split_once(':') else {
            continue;
        };
        if in_run.contains(&stored.doc_id) {
            indexed.insert(stored.doc_id, content.to_string());
        } else {
            holders.insert(
                content.to_string(),
                format!("{}, already in the index", stored.file),
            );
        }
    }
    let contents: Vec<String> = sources.iter().map(|s| content_hash(&s.bytes)).collect();
    // A file already indexed with this content keeps it, whatever order the files come in.
    let keeps: Vec<bool> = sources
        .iter()
        .zip(&contents)
        .map(|(s, c)| indexed.get(&document_id(&s.key)) == Some(c))
        .collect();
    for ((source, content), keep) in sources.iter().zip(&contents).zip(&keeps) {
        if *keep {
            holders.insert(
                content.clone(),
                format!("{}, already in the index", source.display_path),
            );
        }
    }
    let mut skipped = Vec::new();
    let mut position = 0;
    sources.retain(|source| {
        let (content, keep) = (&contents[position], keeps[position]);
        position += 1;
        if keep || source.bytes.iter().all(u8::is_ascii_whitespace) {
            return true;
        }
        match holders.get(content) {
            Some(holder) => {
                skipped.push((
                    source.display_path.clone(),
                    format!("same content as {holder}; not ingested twice"),
                ));
                false
            }
            None => {
                holders.insert(
                    content.clone(),
                    format!("{}, in this run", source.display_path),
                );
                true
            }
        }
    });
    Ok(skipped)
}

/// A hash of a file's bytes alone (whatever its name, manifest or the analyser).
fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_string()
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
    let choice = match reader_for(source) {
        Ok(choice) => choice,
        Err(error) => return (Err(error), Vec::new()),
    };
    let reader = choice.reader;
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
            note: None,
        };
        return (Ok(unchanged), Vec::new());
    }
    let outcome = match reader.read(source) {
        Ok(outcome) => outcome,
        Err(error) => return (Err(error), Vec::new()),
    };
    let mut passages = segment(source, &outcome.turns);
    if reader.text_based() {
        if let Err(error) = offsets_in_file(source, &mut passages) {
            return (Err(error), outcome.row_errors);
        }
    }
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
        note: choice.note,
    };
    (Ok(prepared), outcome.row_errors)
}

/// Readers of text give byte ranges in the text as decoded; store them as ranges in the file
/// on disk (they differ for a byte-order mark, UTF-16 and Windows-1252).
fn offsets_in_file(source: &SourceFile, passages: &mut [crate::Passage]) -> Result<()> {
    let decoded = source.decoded()?;
    if decoded.encoding == (ingest::encoding::TextEncoding::Utf8 { bom: false }) {
        return Ok(());
    }
    let mut offsets: Vec<u64> = passages
        .iter()
        .flat_map(|p| [p.provenance.byte_start, p.provenance.byte_end])
        .collect();
    decoded
        .encoding
        .file_offsets(&source.bytes, &decoded.text, &mut offsets);
    for (passage, range) in passages.iter_mut().zip(offsets.chunks_exact(2)) {
        passage.provenance.byte_start = range[0];
        passage.provenance.byte_end = range[1];
    }
    Ok(())
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
    format!(
        "{}:{}",
        &hasher.finalize().to_hex()[..24],
        content_hash(&source.bytes)
    )
}
