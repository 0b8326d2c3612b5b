//! The column mapping shared by record formats (CSV form exports, workbooks, JSON Lines):
//! which column (or field) is the answer and which are metadata. The manifest's
//! `[files.columns]` names them; unset ones are recognised from common Indonesian and English
//! headers (`Masukan`, `Nama`, `Instansi/Kelompok`, `Provinsi`, `Kabupaten/Kota`, `Timestamp` /
//! `Stempel waktu`). Also here: turning one record into a [`Turn`], and reading its date
//! (month-first or day-first, decided once per file from the values themselves).

use super::manifest::ColumnMap;
use super::{Piece, Turn};

const TEXT_HEADERS: &[&str] = &[
    "masukan",
    "aspirasi",
    "saran",
    "usulan",
    "tanggapan",
    "komentar",
    "isi",
    "isi masukan",
    "pesan",
    "pendapat",
    "jawaban",
    "harapan",
    "keluhan",
    "usul",
    "uraian",
    "catatan",
    "message",
    "response",
    "feedback",
    "suggestion",
    "comment",
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
#[derive(Debug, Default, Clone)]
pub struct Columns {
    pub text: usize,
    pub speaker: Option<usize>,
    pub organisation: Option<usize>,
    pub stakeholder: Option<usize>,
    pub region: Option<usize>,
    pub district: Option<usize>,
    pub timestamp: Option<usize>,
}

pub fn resolve_columns(headers: &[String], mapping: &ColumnMap) -> Result<Columns, String> {
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
                })
                .or_else(|| {
                    // A form question as the header: "Apa masukan Anda untuk Renstra?"
                    guesses.iter().filter(|g| !g.contains(' ')).find_map(|g| {
                        folded.iter().position(|h| {
                            h.split(|c: char| !c.is_alphanumeric())
                                .any(|word| word == *g)
                        })
                    })
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
pub fn is_day_first<'a>(values: impl Iterator<Item = &'a str>) -> bool {
    let (mut first_over_12, mut second_over_12) = (false, false);
    for (a, b, _) in values.filter_map(date_parts) {
        first_over_12 |= a > 12 && a <= 31;
        second_over_12 |= b > 12;
    }
    first_over_12 && !second_over_12
}

/// The `YYYY-MM-DD` date of a timestamp cell.
pub fn parse_date(timestamp: &str, day_first: bool) -> Option<String> {
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

/// The turn for one record: `value(column)` gives a cell's trimmed text (`None` when empty).
/// `None` when the answer is empty (an empty answer is no passage).
pub fn record_turn(
    value: impl Fn(Option<usize>) -> Option<String>,
    columns: &Columns,
    day_first: bool,
    row: u64,
    piece: impl FnOnce(&str, Option<String>) -> Piece,
) -> Option<Turn> {
    let answer = value(Some(columns.text))?;
    let timestamp = value(columns.timestamp);
    let mut turn = Turn {
        speaker: value(columns.speaker),
        organisation: value(columns.organisation),
        stakeholder: value(columns.stakeholder),
        region: value(columns.region),
        district: value(columns.district),
        date: timestamp.as_deref().and_then(|t| parse_date(t, day_first)),
        row: Some(row),
        ..Turn::default()
    };
    let piece = piece(&answer, timestamp);
    turn.push_piece("", &answer, piece);
    Some(turn)
}

/// A cell's text as a metadata or answer value: trimmed, `None` when empty or `-`.
pub fn clean(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && value != "-").then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_form_question_as_header_is_recognised_as_the_answer() {
        let headers: Vec<String> = [
            "Stempel waktu",
            "Nama",
            "Apa masukan Anda untuk Renstra 2025-2029?",
        ]
        .map(String::from)
        .to_vec();
        let columns = resolve_columns(&headers, &ColumnMap::default()).unwrap();
        assert_eq!((columns.text, columns.speaker), (2, Some(1)));
        let plain: Vec<String> = ["nama", "jawaban"].map(String::from).to_vec();
        assert_eq!(
            resolve_columns(&plain, &ColumnMap::default()).unwrap().text,
            1
        );
        let none: Vec<String> = ["nama", "umur"].map(String::from).to_vec();
        assert!(resolve_columns(&none, &ColumnMap::default()).is_err());
    }

    #[test]
    fn named_columns_win_and_others_are_guessed() {
        let headers: Vec<String> = ["Waktu", "Nama Lengkap", "Isi", "Prov"]
            .map(String::from)
            .to_vec();
        let mapping = ColumnMap {
            region: Some("prov".into()),
            ..ColumnMap::default()
        };
        let columns = resolve_columns(&headers, &mapping).unwrap();
        assert_eq!(
            (
                columns.text,
                columns.speaker,
                columns.region,
                columns.timestamp
            ),
            (2, Some(1), Some(3), Some(0))
        );
        let missing = ColumnMap {
            text: Some("Jawaban".into()),
            ..ColumnMap::default()
        };
        assert!(resolve_columns(&headers, &missing)
            .unwrap_err()
            .contains("Jawaban"));
    }
}
