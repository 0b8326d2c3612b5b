//! Ingest: from files on disk (or embedded) to speaker turns with provenance.
//!
//! - [`discover`](mod@discover) walks the paths given on the command line, finds each folder's manifest and
//!   loads every file worth reading into a [`SourceFile`], refusing what is no regular file
//!   (a FIFO, a device, a broken link) or too big ([`limits`]).
//! - [`sniff`] tells the format from the content first (magic bytes, a zip's directory, the
//!   first lines of text) and from the name second; [`reader_for`] picks the [`Reader`].
//! - Text is converted to UTF-8 by [`encoding`] (UTF-8 with or without BOM, UTF-16 with or
//!   without BOM, Windows-1252/Latin-1), never dropping a character.
//! - A [`Reader`] per format turns a source into [`Turn`]s: [`transcript`] (speaker-turn
//!   text), [`markdown`], [`docx`] (paragraphs and minutes' turns), [`pdf`] (text PDFs),
//!   [`vtt`] and [`srt`] (subtitles with voices), [`form`] (CSV/TSV form exports),
//!   [`workbook`] (XLSX, XLS, ODS) and [`jsonl`] (JSON Lines), the last three sharing the
//!   column mapping of [`columns`]. Turn heads (`Nama (Instansi):`, `Moderator:`) are
//!   [`speakers`]' job, configurable in the manifest. Zip containers are opened through
//!   [`archive`], which refuses zip bombs before inflating; third-party parsers that may panic
//!   on damaged files run inside [`guard`].
//! - [`metadata`] resolves each turn's round, session, speaker, organisation, stakeholder group
//!   and region from the turn itself, the manifest and the defaults; [`privacy`] masks
//!   personal data in every passage, whatever the reader.
//!
//! Provenance: for text formats a passage's byte range is in the file as it is on disk (also
//! for transcoded files, see [`encoding`]) and its line is the file's line. For DOCX the line
//! is the paragraph number and the byte range is in the extracted text (paragraphs joined by
//! newlines); for PDF both are in the extracted text; for workbooks the line is the sheet row
//! and the byte range is empty.
//!
//! Cutting turns into passages is `segment`'s job, not this module's.

pub mod archive;
pub mod columns;
pub mod discover;
pub mod docx;
pub mod encoding;
pub mod form;
pub mod guard;
pub mod jsonl;
pub mod limits;
pub mod manifest;
pub mod markdown;
pub mod metadata;
pub mod pdf;
pub mod privacy;
pub mod regions;
pub mod sniff;
pub mod speakers;
pub mod srt;
pub mod transcript;
pub mod vtt;
pub mod workbook;

use std::path::PathBuf;
use std::sync::Arc;

pub use discover::discover;
pub use manifest::{FileSpec, Manifest};
pub use sniff::Format;

use crate::error::{Error, Result};
use encoding::DecodedText;
use sniff::Content;

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
    /// A source held in memory (tests, the embedded demo).
    pub fn in_memory(name: &str, bytes: Vec<u8>, manifest: Arc<Manifest>) -> SourceFile {
        SourceFile {
            display_path: name.to_string(),
            key: format!("{}/{name}", manifest.round.id),
            relative_path: name.to_string(),
            bytes,
            manifest,
            disk_path: None,
        }
    }

    /// The manifest's entry for this file, if it has one.
    pub fn spec(&self) -> Option<&FileSpec> {
        self.manifest.spec_for(&self.relative_path)
    }

    /// The content converted to UTF-8 ([`encoding`]); binary data is an error naming the file.
    pub fn decoded(&self) -> Result<DecodedText<'_>> {
        encoding::decode(&self.bytes).map_err(|not_text| {
            Error::bad_input(&self.display_path, not_text.line, not_text.message)
        })
    }

    /// The warnings of a decoding, as errors naming this file and the line.
    pub fn decode_warnings(&self, decoded: &DecodedText) -> Vec<Error> {
        decoded
            .warnings
            .iter()
            .map(|(line, message)| Error::bad_input(&self.display_path, Some(*line), message))
            .collect()
    }

    /// An error about this file.
    pub fn error(&self, line: Option<u64>, message: impl Into<String>) -> Error {
        Error::bad_input(&self.display_path, line, message)
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
    /// Short format name (`transcript`, `docx`, `form` ...).
    fn format(&self) -> &'static str;
    /// Reads a source. A file that cannot be read at all is an `Err`; bad rows in an
    /// otherwise good file go to [`ReadOutcome::row_errors`].
    fn read(&self, source: &SourceFile) -> Result<ReadOutcome>;
    /// Whether passages' byte ranges are offsets in the decoded text of the file (and so are
    /// mapped back to the file's own bytes), rather than in text extracted from a container.
    fn text_based(&self) -> bool {
        true
    }
}

/// The reader chosen for a source, and a note when the content overrode the file's name.
pub struct Choice {
    pub reader: &'static dyn Reader,
    pub note: Option<String>,
}

/// The reader for a format.
pub fn reader_of(format: Format) -> &'static dyn Reader {
    match format {
        Format::Transcript => &transcript::TranscriptReader,
        Format::Markdown => &markdown::MarkdownReader,
        Format::Vtt => &vtt::VttReader,
        Format::Srt => &srt::SrtReader,
        Format::Form => &form::FormReader,
        Format::Workbook => &workbook::WorkbookReader,
        Format::Jsonl => &jsonl::JsonlReader,
        Format::Docx => &docx::DocxReader,
        Format::Pdf => &pdf::PdfReader,
    }
}

/// The reader for a source: the manifest's `format`; else the content when it is
/// unmistakable (PDF, DOCX, XLSX, WebVTT, SRT, JSON Lines), whatever the name says; else the
/// extension among the text formats (a transcript when the name has none). Content that is
/// nothing aspirasi reads (binary data, an image, a damaged zip) is an error naming the file.
pub fn reader_for(source: &SourceFile) -> Result<Choice> {
    if let Some(declared) = source.spec().and_then(|spec| spec.format.clone()) {
        let format = Format::from_name(&declared).ok_or_else(|| {
            source.error(
                None,
                format!(
                    "unknown format {declared:?} in the manifest (transcript, markdown, vtt, \
                     srt, form, xlsx, jsonl, docx or pdf)"
                ),
            )
        })?;
        return Ok(Choice {
            reader: reader_of(format),
            note: None,
        });
    }
    let by_name = Format::from_extension(&source.relative_path);
    let format = match sniff::sniff(&source.bytes) {
        Content::Known(format) => format,
        Content::Unreadable(why) => {
            let message = match by_name {
                Some(named) if named.is_container() => {
                    format!("not a readable {}: {why}", named.name().to_uppercase())
                }
                _ => why,
            };
            return Err(source.error(None, message));
        }
        Content::Text => match by_name {
            Some(named) if !named.is_container() => named,
            _ => Format::Transcript,
        },
    };
    let note = match by_name {
        Some(named) if named != format => Some(format!(
            "{}: the name says {} but the content is {}; read as {}",
            source.display_path,
            named.name(),
            format.name(),
            format.name()
        )),
        _ => None,
    };
    Ok(Choice {
        reader: reader_of(format),
        note,
    })
}

/// 1-based line numbers for byte offsets of one text.
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        LineIndex { line_starts }
    }

    pub(crate) fn line_of(&self, offset: usize) -> u64 {
        self.line_starts.partition_point(|start| *start <= offset) as u64
    }
}
