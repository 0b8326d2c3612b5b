//! Ingest: from files on disk (or embedded) to speaker turns with provenance.
//!
//! - [`discover`] walks the paths given on the command line, finds each folder's manifest and
//!   loads every supported file into a [`SourceFile`].
//! - A [`Reader`] per format turns a source into [`Turn`]s: [`transcript`] (speaker-turn text),
//!   [`vtt`] (WebVTT with voices), [`form`] (CSV form exports).
//! - [`metadata`] resolves each turn's round, session, speaker, organisation, stakeholder group
//!   and region from the turn itself, the manifest and the defaults.
//!
//! Cutting turns into passages is `segment`'s job, not this module's.

pub mod discover;
pub mod form;
pub mod manifest;
pub mod metadata;
pub mod privacy;
pub mod regions;
pub mod transcript;
pub mod vtt;

use std::path::PathBuf;
use std::sync::Arc;

pub use discover::discover;
pub use manifest::{FileSpec, Manifest};

use crate::error::{Error, Result};

/// A source file's content with everything needed to read it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown to users and stored as provenance.
    pub display_path: String,
    /// Identity of the document across runs: round id and path relative to the manifest
    /// (or the absolute path when there is no manifest).
    pub key: String,
    /// Path relative to the manifest folder (for manifest look-ups).
    pub relative_path: String,
    pub bytes: Vec<u8>,
    pub manifest: Arc<Manifest>,
    /// Where the file is on disk, when it is on disk.
    pub disk_path: Option<PathBuf>,
}

impl SourceFile {
    /// The manifest's entry for this file, if it has one.
    pub fn spec(&self) -> Option<&FileSpec> {
        self.manifest.spec_for(&self.relative_path)
    }

    /// The content as UTF-8 text (a byte-order mark is dropped); other encodings are an error
    /// naming the file and the line of the first bad byte.
    pub fn text(&self) -> Result<&str> {
        let bytes = self
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&self.bytes);
        std::str::from_utf8(bytes).map_err(|e| {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64
                + 1;
            Error::bad_input(
                &self.display_path,
                Some(line),
                "not valid UTF-8 text (save the file as UTF-8)",
            )
        })
    }

    /// Offset of the text returned by [`SourceFile::text`] inside the raw bytes (BOM length).
    pub fn text_offset(&self) -> usize {
        if self.bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        }
    }
}

/// A stretch of a turn's text that stands verbatim in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset in the turn's text where this piece starts.
    pub text_start: usize,
    /// Byte offset in the file where the same text starts.
    pub file_start: usize,
    /// Byte offset in the file where the piece's source ends.
    pub file_end: usize,
    /// 1-based line of `file_start`.
    pub line: u64,
    /// Whether the turn text equals the file bytes byte for byte inside this piece (false
    /// when markup or CSV quoting was removed: then the whole piece is the provenance).
    pub verbatim: bool,
    /// Recording timestamp at the start of this piece, if any.
    pub timestamp: Option<String>,
}

/// One speaker turn (or one form answer): the reader's output unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Turn {
    pub text: String,
    pub pieces: Vec<Piece>,
    pub speaker: Option<String>,
    pub organisation: Option<String>,
    pub stakeholder: Option<String>,
    pub region: Option<String>,
    pub district: Option<String>,
    /// `YYYY-MM-DD` from the row itself (form submissions).
    pub date: Option<String>,
    /// 1-based record number in a form export.
    pub row: Option<u64>,
}

impl Turn {
    /// Appends a piece of text, separated from what is there by `separator`.
    pub(crate) fn push_piece(&mut self, separator: &str, text: &str, mut piece: Piece) {
        if !self.text.is_empty() {
            self.text.push_str(separator);
        }
        piece.text_start = self.text.len();
        self.text.push_str(text);
        self.pieces.push(piece);
    }
}

/// What a reader made of a file: its turns, and row-level problems that did not stop it.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub turns: Vec<Turn>,
    pub row_errors: Vec<Error>,
}

/// A reader for one input format.
pub trait Reader: Sync {
    /// Short format name (`transcript`, `vtt`, `form`).
    fn format(&self) -> &'static str;
    /// Reads a source. A file that cannot be read at all is an `Err`; bad rows in an
    /// otherwise good file go to [`ReadOutcome::row_errors`].
    fn read(&self, source: &SourceFile) -> Result<ReadOutcome>;
}

/// The reader for a source: the manifest's `format`, else the content (`WEBVTT`), else the
/// file extension. `None` for files aspirasi does not read.
pub fn reader_for(source: &SourceFile) -> Result<Option<&'static dyn Reader>> {
    let declared = source.spec().and_then(|spec| spec.format.clone());
    if let Some(format) = declared {
        return match format.as_str() {
            "transcript" | "text" => Ok(Some(&transcript::TranscriptReader)),
            "vtt" | "webvtt" => Ok(Some(&vtt::VttReader)),
            "form" | "csv" => Ok(Some(&form::FormReader)),
            other => Err(Error::bad_input(
                &source.display_path,
                None,
                format!("unknown format {other:?} in the manifest (transcript, vtt or form)"),
            )),
        };
    }
    let starts_vtt = source.bytes[source.text_offset()..].starts_with(b"WEBVTT");
    if starts_vtt {
        return Ok(Some(&vtt::VttReader));
    }
    Ok(reader_for_extension(&source.relative_path))
}

/// The reader chosen by file extension alone.
pub fn reader_for_extension(path: &str) -> Option<&'static dyn Reader> {
    let extension = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("txt") | Some("text") | Some("md") => Some(&transcript::TranscriptReader),
        Some("vtt") => Some(&vtt::VttReader),
        Some("csv") => Some(&form::FormReader),
        _ => None,
    }
}

/// 1-based line numbers for byte offsets of one text.
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    pub(crate) fn line_of(&self, offset: usize) -> u64 {
        self.line_starts.partition_point(|start| *start <= offset) as u64
    }
}
