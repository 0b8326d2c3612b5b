//! JSON Lines (`.jsonl`, `.ndjson`): one submission per line as a JSON object, as web forms,
//! chat-bot exports and survey APIs write them. Fields are mapped like CSV columns
//! ([`columns`](super::columns)): the manifest's `[files.columns]` may name a nested field with
//! dots (`pengirim.nama`); unnamed ones are guessed from the top-level keys. Numbers and
//! booleans are read as text, arrays of text are joined with `; `.
//!
//! A line that is not valid JSON, not an object, or longer than [`MAX_LINE_BYTES`] is a row
//! error naming the line; the other lines are read.

use serde_json::{Map, Value};

use super::columns::{is_day_first, record_turn, resolve_columns};
use super::limits::{human_bytes, MAX_LINE_BYTES};
use super::{Piece, ReadOutcome, Reader, SourceFile};
use crate::error::{Error, Result};

/// Reader for JSON Lines files.
pub struct JsonlReader;

impl Reader for JsonlReader {
    fn format(&self) -> &'static str {
        "jsonl"
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let decoded = source.decoded()?;
        let text: &str = &decoded.text;
        let mut row_errors: Vec<Error> = source.decode_warnings(&decoded);
        // (line number, line start, line, object)
        let mut records: Vec<(u64, usize, &str, Map<String, Value>)> = Vec::new();
        let mut offset = 0;
        for (index, raw) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += raw.len();
            let number = index as u64 + 1;
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            if line.len() > MAX_LINE_BYTES {
                row_errors.push(source.error(
                    Some(number),
                    format!(
                        "line {number} is {} long, over the limit of {} for one record; line \
                         skipped",
                        human_bytes(line.len() as u64),
                        human_bytes(MAX_LINE_BYTES as u64)
                    ),
                ));
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(object)) => records.push((number, start, line, object)),
                Ok(_) => row_errors.push(source.error(
                    Some(number),
                    "not a JSON object (one {...} per line is expected); line skipped",
                )),
                Err(e) => row_errors.push(
                    source.error(Some(number), format!("not valid JSON ({e}); line skipped")),
                ),
            }
        }
        if records.is_empty() {
            let why = if row_errors.is_empty() {
                "the file is empty (no JSON record in it)"
            } else {
                "no line holds a readable JSON record"
            };
            return Err(source.error(None, why));
        }
        let mut keys: Vec<String> = Vec::new();
        for (_, _, _, object) in &records {
            for key in object.keys() {
                if !keys.contains(key) {
                    keys.push(key.clone());
                }
            }
        }
        let mut mapping = source
            .spec()
            .and_then(|s| s.columns.clone())
            .unwrap_or_default();
        // Dotted names address nested fields: make them columns of their own.
        for name in [
            &mut mapping.text,
            &mut mapping.speaker,
            &mut mapping.organisation,
            &mut mapping.stakeholder,
            &mut mapping.region,
            &mut mapping.district,
            &mut mapping.timestamp,
        ]
        .into_iter()
        .flatten()
        {
            if !keys.iter().any(|k| k.eq_ignore_ascii_case(name)) && name.contains('.') {
                keys.push(name.clone());
            }
        }
        let columns = resolve_columns(&keys, &mapping)
            .map_err(|message| source.error(records.first().map(|r| r.0), message))?;
        let values: Vec<Vec<Option<String>>> = records
            .iter()
            .map(|(_, _, _, object)| keys.iter().map(|k| field(object, k)).collect())
            .collect();
        let day_first = columns
            .timestamp
            .is_some_and(|c| is_day_first(values.iter().filter_map(|v| v[c].as_deref())));
        let mut turns = Vec::new();
        for ((number, start, line, _), row) in records.iter().zip(&values) {
            let value = |index: Option<usize>| index.and_then(|i| row[i].clone());
            let piece = |answer: &str, timestamp: Option<String>| match line.find(answer) {
                Some(found) => Piece {
                    text_start: 0,
                    file_start: start + found,
                    file_end: start + found + answer.len(),
                    line: *number,
                    verbatim: true,
                    timestamp,
                },
                None => Piece {
                    text_start: 0,
                    file_start: *start,
                    file_end: start + line.len(),
                    line: *number,
                    verbatim: false,
                    timestamp,
                },
            };
            turns.extend(record_turn(value, &columns, day_first, *number, piece));
        }
        Ok(ReadOutcome { turns, row_errors })
    }
}

/// A field's value as text: `key`, or a dotted path into nested objects.
fn field(object: &Map<String, Value>, key: &str) -> Option<String> {
    let value = object.get(key).or_else(|| {
        let mut parts = key.split('.');
        let mut current = object.get(parts.next()?)?;
        for part in parts {
            current = current.as_object()?.get(part)?;
        }
        Some(current)
    })?;
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Null | Value::Object(_) => return None,
    };
    super::columns::clean(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Manifest;
    use std::sync::Arc;

    #[test]
    fn records_fields_and_bad_lines() {
        let text = "{\"nama\": \"Ani\", \"provinsi\": \"Bali\", \"masukan\": \"Lansia perlu pendamping\"}\n\
                    {\"nama\": \"Budi\", \"masukan\": \n\
                    [1, 2]\n\
                    {\"nama\": \"Cici\", \"masukan\": \"Kata \\\"kutip\\\" di sini\", \"waktu\": \"2024-02-03 10:00\"}\n";
        let source = SourceFile::in_memory(
            "k.jsonl",
            text.as_bytes().to_vec(),
            Arc::new(Manifest::default()),
        );
        let outcome = JsonlReader.read(&source).unwrap();
        assert_eq!(outcome.turns.len(), 2);
        assert_eq!(outcome.row_errors.len(), 2);
        assert!(outcome.row_errors[0]
            .to_string()
            .starts_with("k.jsonl:2: not valid JSON"));
        assert!(outcome.row_errors[1]
            .to_string()
            .starts_with("k.jsonl:3: not a JSON object"));
        let first = &outcome.turns[0];
        assert_eq!(first.speaker.as_deref(), Some("Ani"));
        assert_eq!(first.region.as_deref(), Some("Bali"));
        let p = &first.pieces[0];
        assert!(p.verbatim);
        assert_eq!(&text[p.file_start..p.file_end], "Lansia perlu pendamping");
        let second = &outcome.turns[1];
        assert_eq!(second.text, "Kata \"kutip\" di sini");
        assert!(!second.pieces[0].verbatim);
        assert_eq!(second.date.as_deref(), Some("2024-02-03"));
    }
}
