//! Speaker-turn transcripts as plain text.
//!
//! A turn starts on a line like `[00:12:31] Nama (Instansi): ...`, `00:12:31 Nama: ...`,
//! `Nama (Instansi): ...` or `Nama: ...`; the lines after it that start no turn are more
//! paragraphs of the same turn. Lines before the first turn are the file's header (title,
//! date, place) and are not passages. A file with no turn at all (a letter, a note) is read as
//! paragraphs separated by blank lines, without a speaker.
//!
//! Which `Label:` prefixes are speakers: any with a timestamp or an organisation in brackets,
//! any speaker the manifest knows, roles such as `Moderator` or `Narasumber 2`, and otherwise
//! labels that look like a name (capitalised words) of two words or more or used twice. This
//! keeps "Kesimpulannya: ..." inside a turn.

use std::collections::HashMap;

use super::{LineIndex, Piece, ReadOutcome, Reader, SourceFile, Turn};
use crate::error::{Error, Result};

/// Reader for `.txt`/`.md` transcripts and letters.
pub struct TranscriptReader;

/// The start of a turn parsed from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TurnHead<'a> {
    timestamp: Option<&'a str>,
    name: &'a str,
    organisation: Option<&'a str>,
    /// Byte offset in the line where the spoken text starts.
    text_offset: usize,
}

const ROLES: &[&str] = &[
    "moderator",
    "notulis",
    "narasumber",
    "penanya",
    "peserta",
    "pembicara",
    "mc",
    "pembawa acara",
    "pimpinan rapat",
    "ketua",
    "sekretaris",
];

const NAME_TITLES: &[&str] = &[
    "dr.", "drg.", "ir.", "hj.", "h.", "prof.", "drs.", "bin", "binti",
];

impl Reader for TranscriptReader {
    fn format(&self) -> &'static str {
        "transcript"
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let text = source.text()?;
        if text.trim().is_empty() {
            return Err(Error::bad_input(
                &source.display_path,
                None,
                "the file is empty",
            ));
        }
        let base = source.text_offset();
        let lines = lines_with_offsets(text);
        let heads: Vec<Option<TurnHead>> = lines.iter().map(|(_, l)| parse_head(l)).collect();
        let mut label_counts: HashMap<&str, usize> = HashMap::new();
        for head in heads.iter().flatten() {
            *label_counts.entry(head.name).or_default() += 1;
        }
        let is_speaker = |head: &TurnHead| -> bool {
            head.timestamp.is_some()
                || head.organisation.is_some()
                || source.manifest.speaker(head.name).is_some()
                || is_role(head.name)
                || (looks_like_name(head.name)
                    && (head.name.split_whitespace().count() >= 2
                        || label_counts.get(head.name).copied().unwrap_or(0) >= 2))
        };
        let any_turn = heads.iter().flatten().any(is_speaker);
        let line_index = LineIndex::new(text);
        let mut turns = Vec::new();
        if any_turn {
            let mut current: Option<Turn> = None;
            for ((start, line), head) in lines.iter().zip(&heads) {
                match head.as_ref().filter(|h| is_speaker(h)) {
                    Some(head) => {
                        turns.extend(current.take().filter(|t| !t.text.trim().is_empty()));
                        let mut turn = Turn {
                            speaker: Some(head.name.to_string()),
                            organisation: head.organisation.map(str::to_string),
                            ..Turn::default()
                        };
                        let spoken = &line[head.text_offset..];
                        if !spoken.trim().is_empty() {
                            let (offset, trimmed) = trim_with_offset(spoken);
                            let file_start = base + start + head.text_offset + offset;
                            turn.push_piece(
                                "",
                                trimmed,
                                piece(
                                    &line_index,
                                    file_start - base,
                                    trimmed,
                                    base,
                                    head.timestamp,
                                ),
                            );
                        } else {
                            // The text follows on the next lines; the turn starts here.
                            turn.pieces
                                .push(piece(&line_index, *start, "", base, head.timestamp));
                        }
                        current = Some(turn);
                    }
                    None => {
                        let Some(turn) = current.as_mut() else {
                            continue; // header lines before the first turn
                        };
                        if line.trim().is_empty() {
                            continue;
                        }
                        let (offset, trimmed) = trim_with_offset(line);
                        let mut p = piece(&line_index, start + offset, trimmed, base, None);
                        if turn.text.is_empty() {
                            // Replace the empty placeholder, keeping its timestamp.
                            p.timestamp = turn.pieces.pop().and_then(|old| old.timestamp);
                        }
                        turn.push_piece("\n", trimmed, p);
                    }
                }
            }
            turns.extend(current.filter(|t| !t.text.trim().is_empty()));
        } else {
            let mut paragraph: Option<Turn> = None;
            for (start, line) in &lines {
                if line.trim().is_empty() {
                    turns.extend(paragraph.take());
                    continue;
                }
                let (offset, trimmed) = trim_with_offset(line);
                let p = piece(&line_index, start + offset, trimmed, base, None);
                paragraph
                    .get_or_insert_with(Turn::default)
                    .push_piece("\n", trimmed, p);
            }
            turns.extend(paragraph);
        }
        Ok(ReadOutcome {
            turns,
            row_errors: Vec::new(),
        })
    }
}

fn piece(
    line_index: &LineIndex,
    text_offset: usize,
    text: &str,
    base: usize,
    timestamp: Option<&str>,
) -> Piece {
    Piece {
        text_start: 0,
        file_start: base + text_offset,
        file_end: base + text_offset + text.len(),
        line: line_index.line_of(text_offset),
        verbatim: true,
        timestamp: timestamp.map(normalise_timestamp),
    }
}

/// `0:05` -> `00:00:05`? No: `mm:ss` stays minutes; `h:mm:ss` gets two-digit hours.
fn normalise_timestamp(raw: &str) -> String {
    let parts: Vec<&str> = raw.split(':').collect();
    match parts.as_slice() {
        [h, m, s] => format!("{:0>2}:{m}:{s}", h),
        [m, s] => format!("00:{:0>2}:{s}", m),
        _ => raw.to_string(),
    }
}

/// Lines with their byte offsets, without the line terminator.
fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        out.push((start, content));
        start += line.len();
    }
    out
}

fn trim_with_offset(text: &str) -> (usize, &str) {
    let trimmed_start = text.trim_start();
    let offset = text.len() - trimmed_start.len();
    (offset, trimmed_start.trim_end())
}

fn is_time(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses `[hh:mm:ss] Name (Org): text` and its variants; `None` if the line is no turn head.
fn parse_head(line: &str) -> Option<TurnHead<'_>> {
    let leading = line.len() - line.trim_start().len();
    let mut rest = &line[leading..];
    let mut consumed = leading;
    let mut timestamp = None;
    if let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        let candidate = inner[..close].trim();
        if is_time(candidate) {
            timestamp = Some(candidate);
            let after = &inner[close + 1..];
            consumed += 1 + close + 1;
            rest = after;
        }
    } else if let Some((first, _)) = rest.split_once(char::is_whitespace) {
        if is_time(first) {
            timestamp = Some(first);
            consumed += first.len();
            rest = &rest[first.len()..];
        }
    }
    let skipped = rest.len() - rest.trim_start().len();
    consumed += skipped;
    rest = &rest[skipped..];
    let colon = rest.find(':')?;
    if colon == 0 || colon > 100 {
        return None;
    }
    let after_colon = &rest[colon + 1..];
    if !(after_colon.is_empty() || after_colon.starts_with(char::is_whitespace)) {
        return None; // "10:30" inside text, or a URL
    }
    let label = rest[..colon].trim();
    let (name, organisation) = match (label.rfind('('), label.strip_suffix(')')) {
        (Some(open), Some(without_close)) if open > 0 => {
            (label[..open].trim(), Some(without_close[open + 1..].trim()))
        }
        _ => (label, None),
    };
    let plausible = !name.is_empty()
        && name.split_whitespace().count() <= 8
        && !name.contains(['?', '!', ';', '"', '“', '”', '[', ']'])
        && name.chars().any(char::is_alphabetic);
    if !plausible {
        return None;
    }
    Some(TurnHead {
        timestamp,
        name,
        organisation: organisation.filter(|o| !o.is_empty()),
        text_offset: consumed + colon + 1,
    })
}

fn is_role(name: &str) -> bool {
    let lowered = name.to_lowercase();
    let without_number = lowered.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    ROLES.contains(&without_number)
}

fn looks_like_name(name: &str) -> bool {
    name.split_whitespace().all(|word| {
        let lowered = word.to_lowercase();
        NAME_TITLES.contains(&lowered.as_str())
            || word.contains('.')
            || word.chars().next().is_some_and(char::is_uppercase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Manifest;
    use std::sync::Arc;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            display_path: "t.txt".into(),
            key: "r/t.txt".into(),
            relative_path: "t.txt".into(),
            bytes: text.as_bytes().to_vec(),
            manifest: Arc::new(Manifest::default()),
            disk_path: None,
        }
    }

    #[test]
    fn parses_timestamped_heads_with_organisation() {
        let head = parse_head("[00:12:31] Sri Rahayu (Biro Perencanaan): Terima kasih.").unwrap();
        assert_eq!(head.timestamp, Some("00:12:31"));
        assert_eq!(head.name, "Sri Rahayu");
        assert_eq!(head.organisation, Some("Biro Perencanaan"));
        assert!(parse_head("Rapat dimulai pukul 09:30 WIB").is_none());
        assert!(parse_head("Lihat https://example.org").is_none());
    }

    #[test]
    fn reads_turns_header_and_continuation_lines() {
        let text = "NOTULEN RAPAT\n29 Januari 2024\n\n[00:00:40] Budi Santoso (Dinsos): Selamat pagi.\nKesimpulannya: data harus diperbaiki.\n[00:01:10] Ani (Bappeda): Setuju.\n";
        let outcome = TranscriptReader.read(&source(text)).unwrap();
        assert_eq!(outcome.turns.len(), 2);
        let first = &outcome.turns[0];
        assert_eq!(first.speaker.as_deref(), Some("Budi Santoso"));
        assert_eq!(
            first.text,
            "Selamat pagi.\nKesimpulannya: data harus diperbaiki."
        );
        assert_eq!(first.pieces[0].line, 4);
        assert_eq!(first.pieces[1].line, 5);
        assert_eq!(first.pieces[0].timestamp.as_deref(), Some("00:00:40"));
        let p = &first.pieces[1];
        assert_eq!(
            &text[p.file_start..p.file_end],
            "Kesimpulannya: data harus diperbaiki."
        );
    }

    #[test]
    fn plain_name_turns_and_letters_without_turns() {
        let plain =
            "Ani Lestari: Pertama soal data.\nBudi: Ya.\nBudi: Lanjut.\nCatatan: bukan pembicara\n";
        let turns = TranscriptReader.read(&source(plain)).unwrap().turns;
        let speakers: Vec<_> = turns.iter().map(|t| t.speaker.clone().unwrap()).collect();
        assert_eq!(speakers, ["Ani Lestari", "Budi", "Budi"]);
        assert!(turns[2].text.ends_with("Catatan: bukan pembicara"));

        let letter = "Dengan hormat,\nkami usul.\n\nSalam.\n";
        let turns = TranscriptReader.read(&source(letter)).unwrap().turns;
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[0].speaker, None);
        assert_eq!(turns[1].pieces[0].line, 4);
    }

    #[test]
    fn empty_file_is_an_error_naming_it() {
        let err = TranscriptReader.read(&source("  \n")).unwrap_err();
        assert!(err.to_string().starts_with("t.txt"), "{err}");
    }
}
