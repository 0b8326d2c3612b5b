//! Text PDFs (reports, typed minutes exported to PDF), read with `pdf-extract`. Its text goes
//! through the same turn logic as text transcripts. A scanned PDF has no text layer and is an
//! error saying so (aspirasi does no OCR). `pdf-extract` can panic on damaged files; that
//! panic is contained ([`guard`](super::guard)) and becomes an error for this file.
//!
//! A PDF's streams are deflated like zip entries, so a PDF can be a decompression bomb too.
//! Before any text is extracted, every Flate stream is inflated once with a cap (`lopdf` finds
//! them, `flate2` inflates) and held to the zip limits of [`limits`](super::limits): per
//! stream, in all, and the compression ratio.
//!
//! Provenance: lines and byte ranges are in the extracted text.

use std::io::Read;

use lopdf::{Document, Object};

use super::guard::contain;
use super::limits::{
    human_bytes, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_RATIO, MAX_ZIP_TOTAL_BYTES, RATIO_CHECK_FROM,
};
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
    contain(|| check_streams(bytes)).map_err(|panic| format!("the PDF is damaged ({panic})"))??;
    let text = contain(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|panic| format!("the PDF is damaged ({panic})"))?
        .map_err(|e| format!("{e}"))?;
    Ok(text.replace('\u{c}', "\n\n").replace('\0', ""))
}

/// Inflates every Flate stream once with a cap; an error when one is too big or too
/// compressed, or all together are too big.
fn check_streams(bytes: &[u8]) -> Result<(), String> {
    let document = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let mut total: u64 = 0;
    for (id, object) in &document.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        let flate = match stream.dict.get(b"Filter") {
            Ok(Object::Name(name)) => name == b"FlateDecode",
            Ok(Object::Array(filters)) => filters
                .iter()
                .any(|f| matches!(f, Object::Name(name) if name == b"FlateDecode")),
            _ => false,
        };
        if !flate {
            continue;
        }
        let mut decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
        // A damaged stream is pdf-extract's to report; count what inflates before it breaks.
        let inflated = std::io::copy(
            &mut (&mut decoder).take(MAX_ZIP_ENTRY_BYTES + 1),
            &mut std::io::sink(),
        )
        .unwrap_or(0);
        let compressed = stream.content.len() as u64;
        let ratio = inflated / compressed.max(1);
        if inflated > MAX_ZIP_ENTRY_BYTES || (inflated >= RATIO_CHECK_FROM && ratio > MAX_ZIP_RATIO)
        {
            return Err(format!(
                "stream {} {} inflates to {} from {} ({ratio}:1; the limits are {} per stream \
                 and {MAX_ZIP_RATIO}:1); is it a decompression bomb?",
                id.0,
                id.1,
                if inflated > MAX_ZIP_ENTRY_BYTES {
                    format!("more than {}", human_bytes(MAX_ZIP_ENTRY_BYTES))
                } else {
                    human_bytes(inflated)
                },
                human_bytes(compressed),
                human_bytes(MAX_ZIP_ENTRY_BYTES)
            ));
        }
        total += inflated;
        if total > MAX_ZIP_TOTAL_BYTES {
            return Err(format!(
                "its streams inflate to more than {} in all; is it a decompression bomb?",
                human_bytes(MAX_ZIP_TOTAL_BYTES)
            ));
        }
    }
    Ok(())
}
