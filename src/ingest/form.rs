//! Form exports as CSV or TSV (Google Forms, Microsoft Forms, KoboToolbox, Excel's "Save as
//! CSV"): one row per submission, columns mapped by [`columns`](super::columns). The delimiter
//! is `,`, `;` (Excel in the Indonesian locale) or a tab, whichever the header line uses most.
//!
//! A malformed row (a wrong number of fields, a row longer than
//! [`MAX_LINE_BYTES`]) is reported with its row and line number
//! and skipped; the other rows are read.

use csv::StringRecord;

use super::columns::{clean, is_day_first, record_turn, resolve_columns};
use super::limits::{human_bytes, MAX_LINE_BYTES};
use super::{LineIndex, Piece, ReadOutcome, Reader, SourceFile};
use crate::error::{Error, Result};

/// Reader for `.csv`/`.tsv` form exports.
pub struct FormReader;

impl Reader for FormReader {
    fn format(&self) -> &'static str {
        "form"
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let decoded = source.decoded()?;
        let text: &str = &decoded.text;
        if text.trim().is_empty() {
            return Err(source.error(None, "the file is empty (no text in it)"));
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .delimiter(delimiter(text))
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| source.error(Some(1), format!("the header row cannot be read: {e}")))?
            .iter()
            .map(str::to_string)
            .collect();
        let mapping = source
            .spec()
            .and_then(|s| s.columns.clone())
            .unwrap_or_default();
        let columns = resolve_columns(&headers, &mapping)
            .map_err(|message| source.error(Some(1), message))?;

        let line_index = LineIndex::new(text);
        let mut rows: Vec<(StringRecord, csv::Position, usize)> = Vec::new();
        let mut row_errors = source.decode_warnings(&decoded);
        let mut record = StringRecord::new();
        loop {
            let start = reader.position().clone();
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let end = reader.position().byte() as usize;
                    let length = end.saturating_sub(start.byte() as usize);
                    if length > MAX_LINE_BYTES {
                        row_errors.push(source.error(
                            Some(start.line()),
                            format!(
                                "row {}: is {} long, over the limit of {} for one row; row \
                                 skipped",
                                start.record(),
                                human_bytes(length as u64),
                                human_bytes(MAX_LINE_BYTES as u64)
                            ),
                        ));
                        continue;
                    }
                    rows.push((record.clone(), start, end));
                }
                Err(error) => {
                    let (row, line) = error
                        .position()
                        .map(|p| (p.record(), p.line()))
                        .unwrap_or((start.record(), start.line()));
                    let message = match error.kind() {
                        csv::ErrorKind::UnequalLengths { len, expected_len, .. } => format!(
                            "row {row}: has {len} fields but the header has {expected_len}; row skipped"
                        ),
                        _ => format!("row {row}: {error}; the rest of the file is skipped"),
                    };
                    row_errors.push(Error::bad_input(&source.display_path, Some(line), message));
                    if !matches!(error.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                        break;
                    }
                }
            }
        }

        // An unclosed quote swallows the rest of the file into one field: a truncated export.
        if let Some((_, start, end)) = rows.last() {
            let raw = &text[start.byte() as usize..(*end).min(text.len())];
            if raw.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
                row_errors.push(source.error(
                    Some(start.line()),
                    format!(
                        "row {}: a quoted field is not closed before the end of the file (is \
                         the file truncated?); the row was read up to the end",
                        start.record()
                    ),
                ));
            }
        }

        let day_first = columns
            .timestamp
            .is_some_and(|column| is_day_first(rows.iter().filter_map(|(r, _, _)| r.get(column))));
        let mut turns = Vec::new();
        for (record, start, end) in rows {
            let row_start = start.byte() as usize;
            let row_end = trim_row_end(text, row_start, end);
            let raw_row = &text[row_start..row_end];
            let value = |index: Option<usize>| index.and_then(|i| record.get(i)).and_then(clean);
            let piece = |answer: &str, timestamp: Option<String>| match raw_row.find(answer) {
                Some(found) => Piece {
                    text_start: 0,
                    file_start: row_start + found,
                    file_end: row_start + found + answer.len(),
                    line: line_index.line_of(row_start + found),
                    verbatim: true,
                    timestamp,
                },
                None => Piece {
                    text_start: 0,
                    file_start: row_start,
                    file_end: row_end,
                    line: start.line(),
                    verbatim: false,
                    timestamp,
                },
            };
            turns.extend(record_turn(
                value,
                &columns,
                day_first,
                start.record(),
                piece,
            ));
        }
        Ok(ReadOutcome { turns, row_errors })
    }
}

/// The delimiter the header line uses most: `,`, `;` or a tab (outside quotes).
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                *n += usize::from(b == *d);
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

fn trim_row_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len()).max(start);
    start + text[start..end].trim_end_matches(['\r', '\n']).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Manifest;
    use std::sync::Arc;

    fn read(text: &str) -> Result<ReadOutcome> {
        FormReader.read(&SourceFile::in_memory(
            "f.csv",
            text.as_bytes().to_vec(),
            Arc::new(Manifest::default()),
        ))
    }

    #[test]
    fn reads_google_forms_rows_with_guessed_columns() {
        let text = "Timestamp,Nama,Instansi/Kelompok,Provinsi,Kabupaten/Kota,Masukan\n\
            1/15/2024 8:04:51,Bu Sumarni,Masyarakat umum,Jawa Tengah,Klaten,\"bansos gak tepat, yg dapet org mampu\"\n\
            1/16/2024 9:00:00,-,,jatim,Malang,\"baris satu\nbaris dua\"\n\
            1/17/2024 9:00:00,Anonim,,Bali,Badung,\n";
        let outcome = read(text).unwrap();
        assert!(outcome.row_errors.is_empty());
        assert_eq!(outcome.turns.len(), 2, "the empty answer is skipped");
        let first = &outcome.turns[0];
        assert_eq!(first.speaker.as_deref(), Some("Bu Sumarni"));
        assert_eq!(first.date.as_deref(), Some("2024-01-15"));
        assert_eq!(first.row, Some(1));
        assert_eq!(first.pieces[0].line, 2);
        let second = &outcome.turns[1];
        assert_eq!(second.speaker, None);
        assert_eq!(second.text, "baris satu\nbaris dua");
        let p = &second.pieces[0];
        assert_eq!(&text[p.file_start..p.file_end], "baris satu\nbaris dua");
    }

    #[test]
    fn a_broken_row_is_reported_and_the_rest_read() {
        let text = "Nama,Masukan\nAni,satu\nBudi,dua,tiga\nCici,empat\n";
        let outcome = read(text).unwrap();
        assert_eq!(outcome.turns.len(), 2);
        let message = outcome.row_errors[0].to_string();
        assert!(message.starts_with("f.csv:3: row 2"), "{message}");
    }

    #[test]
    fn semicolons_and_tabs_are_recognised() {
        let outcome = read("Nama;Masukan\nAni;data, tolong diperbaiki\n").unwrap();
        assert_eq!(outcome.turns[0].text, "data, tolong diperbaiki");
        let outcome = read("Nama\tMasukan\nAni\tsatu; dua\n").unwrap();
        assert_eq!(outcome.turns[0].text, "satu; dua");
    }

    #[test]
    fn an_unclosed_quote_at_the_end_is_reported() {
        let outcome = read("Nama,Masukan\nAni,satu\nBudi,\"dua\r\npotong di sini\n").unwrap();
        assert_eq!(outcome.turns.len(), 2, "what was there is kept");
        assert_eq!(outcome.row_errors.len(), 1);
        let message = outcome.row_errors[0].to_string();
        assert!(
            message.starts_with("f.csv:3: row 2: a quoted field is not closed"),
            "{message}"
        );
        let closed = read("Nama,Masukan\nAni,\"kata \"\"kutip\"\" di sini\"\n").unwrap();
        assert!(closed.row_errors.is_empty(), "doubled quotes are fine");
    }

    #[test]
    fn missing_answer_column_is_a_file_error() {
        let err = read("Nama,Umur\nAni,3\n").err().unwrap();
        assert!(err.to_string().contains("no answer column"), "{err}");
    }
}
