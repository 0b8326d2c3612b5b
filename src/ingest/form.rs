//! Form exports as CSV (Google Forms, Microsoft Forms, KoboToolbox): one row per submission.
//! The manifest's `[files.columns]` names the answer column and the metadata columns; unset
//! ones are recognised from common Indonesian and English headers (`Masukan`, `Nama`,
//! `Instansi/Kelompok`, `Provinsi`, `Kabupaten/Kota`, `Timestamp` / `Stempel waktu`).
//!
//! A malformed row is reported with its row and line number and skipped; the other rows are
//! read. Dates in the timestamp column may be month-first (Google's US export) or day-first
//! (the Indonesian locale): the order is decided once per file from the values themselves.

use csv::StringRecord;

use super::manifest::ColumnMap;
use super::{LineIndex, Piece, ReadOutcome, Reader, SourceFile, Turn};
use crate::error::{Error, Result};

/// Reader for `.csv` form exports.
pub struct FormReader;

const TEXT_HEADERS: &[&str] = &[
    "masukan",
    "aspirasi",
    "saran",
    "usulan",
    "tanggapan",
    "komentar",
    "isi",
    "text",
    "answer",
];
const SPEAKER_HEADERS: &[&str] = &["nama", "nama lengkap", "name", "full name"];
const ORGANISATION_HEADERS: &[&str] = &[
    "instansi/kelompok",
    "instansi",
    "lembaga",
    "organisasi",
    "kelompok",
    "organisation",
    "organization",
];
const REGION_HEADERS: &[&str] = &["provinsi", "province"];
const DISTRICT_HEADERS: &[&str] = &[
    "kabupaten/kota",
    "kab/kota",
    "kabupaten",
    "kota",
    "district",
];
const TIMESTAMP_HEADERS: &[&str] = &["timestamp", "stempel waktu", "waktu", "tanggal", "date"];

/// Indices of the columns that are used.
#[derive(Debug, Default)]
struct Columns {
    text: usize,
    speaker: Option<usize>,
    organisation: Option<usize>,
    stakeholder: Option<usize>,
    region: Option<usize>,
    district: Option<usize>,
    timestamp: Option<usize>,
}

impl Reader for FormReader {
    fn format(&self) -> &'static str {
        "form"
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let text = source.text()?;
        let base = source.text_offset();
        if text.trim().is_empty() {
            return Err(Error::bad_input(
                &source.display_path,
                None,
                "the file is empty",
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| Error::bad_input(&source.display_path, Some(1), e.to_string()))?
            .clone();
        let mapping = source
            .spec()
            .and_then(|s| s.columns.clone())
            .unwrap_or_default();
        let columns = resolve_columns(&headers, &mapping)
            .map_err(|message| Error::bad_input(&source.display_path, Some(1), message))?;

        let line_index = LineIndex::new(text);
        let mut rows: Vec<(StringRecord, csv::Position, usize)> = Vec::new();
        let mut row_errors = Vec::new();
        let mut record = StringRecord::new();
        loop {
            let start = reader.position().clone();
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let end = reader.position().byte() as usize;
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
                        other => format!("row {row}: {other:?}; row skipped"),
                    };
                    row_errors.push(Error::bad_input(&source.display_path, Some(line), message));
                    if !matches!(error.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                        break;
                    }
                }
            }
        }

        let day_first = columns
            .timestamp
            .is_some_and(|column| is_day_first(rows.iter().filter_map(|(r, _, _)| r.get(column))));
        let mut turns = Vec::new();
        for (record, start, end) in rows {
            let field = |index: Option<usize>| {
                index
                    .and_then(|i| record.get(i))
                    .map(str::trim)
                    .filter(|value| !value.is_empty() && *value != "-")
                    .map(str::to_string)
            };
            let Some(answer) = field(Some(columns.text)) else {
                continue; // an empty answer is no passage
            };
            let row_start = start.byte() as usize;
            let row_end = trim_row_end(text, row_start, end);
            let raw_row = &text[row_start..row_end];
            let timestamp = field(columns.timestamp);
            let piece = match raw_row.find(answer.as_str()) {
                Some(found) => Piece {
                    text_start: 0,
                    file_start: base + row_start + found,
                    file_end: base + row_start + found + answer.len(),
                    line: line_index.line_of(row_start + found),
                    verbatim: true,
                    timestamp: timestamp.clone(),
                },
                None => Piece {
                    text_start: 0,
                    file_start: base + row_start,
                    file_end: base + row_end,
                    line: start.line(),
                    verbatim: false,
                    timestamp: timestamp.clone(),
                },
            };
            let mut turn = Turn {
                speaker: field(columns.speaker),
                organisation: field(columns.organisation),
                stakeholder: field(columns.stakeholder),
                region: field(columns.region),
                district: field(columns.district),
                date: timestamp.as_deref().and_then(|t| parse_date(t, day_first)),
                row: Some(start.record()),
                ..Turn::default()
            };
            turn.push_piece("", &answer, piece);
            turns.push(turn);
        }
        Ok(ReadOutcome { turns, row_errors })
    }
}

fn trim_row_end(text: &str, start: usize, end: usize) -> usize {
    let end = end.min(text.len()).max(start);
    start + text[start..end].trim_end_matches(['\r', '\n']).len()
}

fn resolve_columns(headers: &StringRecord, mapping: &ColumnMap) -> Result<Columns, String> {
    let folded: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let find_named = |name: &Option<String>, guesses: &[&str]| -> Result<Option<usize>, String> {
        match name {
            Some(name) => folded
                .iter()
                .position(|h| *h == name.trim().to_lowercase())
                .map(Some)
                .ok_or_else(|| {
                    format!(
                        "the manifest names column {name:?}, but the header has only {:?}",
                        headers.iter().collect::<Vec<_>>()
                    )
                }),
            None => Ok(guesses
                .iter()
                .find_map(|g| folded.iter().position(|h| h == g))
                .or_else(|| {
                    guesses
                        .iter()
                        .find_map(|g| folded.iter().position(|h| h.starts_with(g)))
                })),
        }
    };
    let text = find_named(&mapping.text, TEXT_HEADERS)?.ok_or_else(|| {
        format!(
            "no answer column: name it with `columns.text` in the manifest (header: {:?})",
            headers.iter().collect::<Vec<_>>()
        )
    })?;
    Ok(Columns {
        text,
        speaker: find_named(&mapping.speaker, SPEAKER_HEADERS)?,
        organisation: find_named(&mapping.organisation, ORGANISATION_HEADERS)?,
        stakeholder: find_named(&mapping.stakeholder, &[])?,
        region: find_named(&mapping.region, REGION_HEADERS)?,
        district: find_named(&mapping.district, DISTRICT_HEADERS)?,
        timestamp: find_named(&mapping.timestamp, TIMESTAMP_HEADERS)?,
    })
}

/// Splits the date part of `1/15/2024 8:04:51`, `15/01/2024` or `2024-01-15 08:04`.
fn date_parts(timestamp: &str) -> Option<(u32, u32, u32)> {
    let date = timestamp.split_whitespace().next()?;
    let parts: Vec<u32> = date
        .split(['/', '-', '.'])
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    match parts.as_slice() {
        [a, b, c] => Some((*a, *b, *c)),
        _ => None,
    }
}

/// Whether a column of slash dates is day-first: some first number exceeds 12 and no second
/// number does.
fn is_day_first<'a>(values: impl Iterator<Item = &'a str>) -> bool {
    let (mut first_over_12, mut second_over_12) = (false, false);
    for (a, b, _) in values.filter_map(date_parts) {
        first_over_12 |= a > 12 && a <= 31;
        second_over_12 |= b > 12;
    }
    first_over_12 && !second_over_12
}

/// The `YYYY-MM-DD` date of a timestamp cell.
fn parse_date(timestamp: &str, day_first: bool) -> Option<String> {
    let (a, b, c) = date_parts(timestamp)?;
    let (year, month, day) = if a > 31 {
        (a, b, c)
    } else if day_first {
        (c, b, a)
    } else {
        (c, a, b)
    };
    let valid =
        (1900..=2200).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Manifest;
    use std::sync::Arc;

    fn read(text: &str) -> Result<ReadOutcome> {
        FormReader.read(&SourceFile {
            display_path: "f.csv".into(),
            key: "r/f.csv".into(),
            relative_path: "f.csv".into(),
            bytes: text.as_bytes().to_vec(),
            manifest: Arc::new(Manifest::default()),
            disk_path: None,
        })
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
    fn missing_answer_column_is_a_file_error() {
        let err = read("Nama,Umur\nAni,3\n").err().unwrap();
        assert!(err.to_string().contains("no answer column"), "{err}");
    }

    #[test]
    fn day_first_dates_are_recognised_per_file() {
        let values = ["15/01/2024 08:00:00", "03/02/2024 10:00:00"];
        assert!(is_day_first(values.iter().copied()));
        assert_eq!(parse_date(values[1], true).as_deref(), Some("2024-02-03"));
        assert_eq!(
            parse_date("2024-02-03 10:00", false).as_deref(),
            Some("2024-02-03")
        );
    }
}
