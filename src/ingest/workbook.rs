//! Spreadsheet form exports and submission registers (XLSX, XLSM, XLS, ODS), read with
//! `calamine`. One sheet is read (the manifest's `sheet`, else the first with data); its first
//! non-empty row is the header, and columns are mapped as for CSV
//! ([`columns`](super::columns)). Dates typed as Excel dates become `YYYY-MM-DD`.
//!
//! Zip-based workbooks are checked for zip bombs before calamine inflates anything
//! ([`archive`]); a panic inside calamine on a damaged file is contained
//! ([`guard`](super::guard)). A cell holding an Excel error or a text longer than
//! [`MAX_LINE_BYTES`] in the answer column is a row error; the other rows are read.
//!
//! Provenance: the line is the sheet's row number (1-based, as Excel shows it), the row is the
//! record number below the header; there is no byte range (it is empty).

use std::io::Cursor;

use calamine::{Data, Reader as _};

use super::archive;
use super::columns::{clean, is_day_first, record_turn, resolve_columns};
use super::guard::contain;
use super::limits::{human_bytes, MAX_LINE_BYTES};
use super::{Piece, ReadOutcome, Reader, SourceFile};
use crate::error::{Error, Result};

/// Reader for workbooks.
pub struct WorkbookReader;

impl Reader for WorkbookReader {
    fn format(&self) -> &'static str {
        "xlsx"
    }

    fn text_based(&self) -> bool {
        false
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let fail = |why: String| source.error(None, format!("not a readable workbook: {why}"));
        if source.bytes.starts_with(b"PK") {
            archive::open_checked(&source.bytes).map_err(fail)?;
        }
        let wanted = source.spec().and_then(|s| s.sheet.clone());
        let (sheet, rows) = contain(|| read_sheet(&source.bytes, wanted.as_deref()))
            .map_err(|panic| fail(format!("the file is damaged ({panic})")))?
            .map_err(fail)?;
        let Some(header_at) = rows
            .iter()
            .position(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        else {
            return Err(source.error(None, format!("sheet {sheet:?} is empty")));
        };
        let (header_line, headers) = &rows[header_at];
        let mapping = source
            .spec()
            .and_then(|s| s.columns.clone())
            .unwrap_or_default();
        let columns = resolve_columns(headers, &mapping)
            .map_err(|message| source.error(Some(*header_line), message))?;
        let records = &rows[header_at + 1..];
        let day_first = columns.timestamp.is_some_and(|column| {
            is_day_first(
                records
                    .iter()
                    .filter_map(|(_, r)| r.get(column).map(String::as_str)),
            )
        });
        let mut turns = Vec::new();
        let mut row_errors: Vec<Error> = Vec::new();
        for (number, (line, cells)) in records.iter().enumerate() {
            let record = number as u64 + 1;
            let answer = cells.get(columns.text).map(String::as_str).unwrap_or("");
            if let Some(error) = answer.strip_prefix(CELL_ERROR) {
                row_errors.push(source.error(
                    Some(*line),
                    format!(
                        "row {record}: the answer cell holds the Excel error {error}; row skipped"
                    ),
                ));
                continue;
            }
            if answer.len() > MAX_LINE_BYTES {
                row_errors.push(source.error(
                    Some(*line),
                    format!(
                        "row {record}: the answer is {} long, over the limit of {}; row skipped",
                        human_bytes(answer.len() as u64),
                        human_bytes(MAX_LINE_BYTES as u64)
                    ),
                ));
                continue;
            }
            let value = |index: Option<usize>| {
                index
                    .and_then(|i| cells.get(i))
                    .filter(|v| !v.starts_with(CELL_ERROR))
                    .and_then(|v| clean(v))
            };
            let piece = |_: &str, timestamp: Option<String>| Piece {
                text_start: 0,
                file_start: 0,
                file_end: 0,
                line: *line,
                verbatim: false,
                timestamp,
            };
            turns.extend(record_turn(value, &columns, day_first, record, piece));
        }
        Ok(ReadOutcome { turns, row_errors })
    }
}

/// Marks a cell that holds an Excel error (`#VALUE!`) in the rows [`read_sheet`] returns.
const CELL_ERROR: &str = "\u{0}error:";

/// Rows of a sheet as text, each with its 1-based sheet row number.
type SheetRows = Vec<(u64, Vec<String>)>;

/// The chosen sheet's name and its rows.
fn read_sheet(bytes: &[u8], wanted: Option<&str>) -> Result<(String, SheetRows), String> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("{e} (a legacy .doc, or a damaged file?)"))?;
    let names = workbook.sheet_names();
    let candidates: Vec<String> = match wanted {
        Some(name) => {
            let found = names.iter().find(|n| n.eq_ignore_ascii_case(name.trim()));
            vec![found.cloned().ok_or_else(|| {
                format!("the manifest names sheet {name:?}, but the workbook has {names:?}")
            })?]
        }
        None => names.clone(),
    };
    let mut first_name = None;
    for name in candidates {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| format!("sheet {name:?} cannot be read: {e}"))?;
        first_name.get_or_insert_with(|| name.clone());
        if range.is_empty() {
            continue;
        }
        let first_row = range.start().map_or(0, |(row, _)| row as u64);
        let first_col = range.start().map_or(0, |(_, col)| col as usize);
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                let mut texts = vec![String::new(); first_col];
                texts.extend(cells.iter().map(cell_text));
                (first_row + i as u64 + 1, texts)
            })
            .collect();
        return Ok((name, rows));
    }
    Ok((first_name.unwrap_or_default(), Vec::new()))
}

/// A cell as text: numbers as written, Excel dates as `YYYY-MM-DD HH:MM:SS`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::Error(e) => format!("{CELL_ERROR}{e}"),
        other => other.to_string(),
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD HH:MM:SS`.
fn excel_date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return serial.to_string();
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(45_306.5), "2024-01-15 12:00:00");
        assert_eq!(excel_date(1.0), "1899-12-31 00:00:00");
    }
}
