//! Text PDFs (reports, typed minutes exported to PDF), read with `pdf-extract`. Its text goes
//! through the same turn logic as text transcripts. A scanned PDF has no text layer and is an
//! error saying so (aspirasi does no OCR). `pdf-extract` can panic on damaged files; that
//! panic is contained ([`guard`](super::guard)) and becomes an error for this file.
//!
//! Provenance: lines and byte ranges are in the extracted text.

use super::guard::contain;
use super::transcript::{text_lines, turns_from_lines};
use super::{ReadOutcome, Reader, SourceFile};
use crate::error::Result;

/// Reader for `.pdf` files.
pub struct PdfReader;

impl Reader for PdfReader {
    fn format(&self) -> &'static str {
        "pdf"
    }

    fn text_based(&self) -> bool {
        false
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let text = extract(&source.bytes)
            .map_err(|why| source.error(None, format!("not a readable PDF: {why}")))?;
        if text.trim().is_empty() {
            return Err(source.error(
                None,
                "the PDF has no text layer (a scan?); aspirasi reads text PDFs only, so run \
                 OCR on it first",
            ));
        }
        let lines = text_lines(&text).map_err(|e| e.for_file(source))?;
        let turns = turns_from_lines(source, &lines)?;
        Ok(ReadOutcome {
            turns,
            row_errors: Vec::new(),
        })
    }
}

/// The text of a PDF, pages separated by blank lines; form feeds and NULs removed.
pub fn extract(bytes: &[u8]) -> Result<String, String> {
    let text = contain(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|panic| format!("the PDF is damaged ({panic})"))?
        .map_err(|e| format!("{e}"))?;
    Ok(text.replace('\u{c}', "\n\n").replace('\0', ""))
}
