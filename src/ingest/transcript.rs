//! Speaker-turn transcripts as plain text, and the turn logic every text-like reader shares
//! (DOCX minutes, PDF, Markdown hand their lines to [`turns_from_lines`]).
//!
//! A turn starts on a line with a turn head ([`speakers`](super::speakers): `[00:12:31] Nama
//! (Instansi): ...`, `Nama: ...`, `Moderator: ...`); the lines after it that start no turn are
//! more paragraphs of the same turn. Lines before the first turn are the file's header (title,
//! date, place) and are not passages. A file with no turn at all (a letter, a note) is read as
//! paragraphs separated by blank lines, without a speaker.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (old Mac files). A line longer than
//! [`MAX_LINE_BYTES`] makes the file an error.

use std::collections::HashMap;

use super::limits::{human_bytes, MAX_LINE_BYTES};
use super::speakers::SpeakerRules;
use super::{Piece, ReadOutcome, Reader, SourceFile, Turn};
use crate::error::{Error, Result};

/// Reader for `.txt` transcripts and letters.
pub struct TranscriptReader;

/// One line as a reader sees it, with where it stands in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    /// Byte range of the line's source in the file (or in the extracted text).
    pub file_start: usize,
    pub file_end: usize,
    /// 1-based line (paragraph, for DOCX) number.
    pub number: u64,
    /// Whether `text` is the file's bytes at `file_start` exactly (false when markup was
    /// removed: then the whole range is the provenance).
    pub verbatim: bool,
}

impl Reader for TranscriptReader {
    fn format(&self) -> &'static str {
        "transcript"
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let decoded = source.decoded()?;
        let lines = text_lines(&decoded.text).map_err(|e| e.for_file(source))?;
        let turns = turns_from_lines(source, &lines)?;
        Ok(ReadOutcome {
            turns,
            row_errors: source.decode_warnings(&decoded),
        })
    }
}

/// A line over the limit.
#[derive(Debug)]
pub struct LongLine {
    pub number: u64,
    pub bytes: usize,
}

impl LongLine {
    pub fn for_file(&self, source: &SourceFile) -> Error {
        Error::bad_input(
            &source.display_path,
            Some(self.number),
            format!(
                "line {} is {} long, over the limit of {} for one line (is this really a text \
                 file?); file skipped",
                self.number,
                human_bytes(self.bytes as u64),
                human_bytes(MAX_LINE_BYTES as u64)
            ),
        )
    }
}

/// The lines of a text, with their offsets, without the line terminators.
pub fn text_lines(text: &str) -> Result<Vec<Line<'_>>, LongLine> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut number = 1;
    let mut i = 0;
    while i <= bytes.len() {
        let end_here = i == bytes.len() || bytes[i] == b'\n' || bytes[i] == b'\r';
        if !end_here {
            i += 1;
            continue;
        }
        if i - start > MAX_LINE_BYTES {
            return Err(LongLine {
                number,
                bytes: i - start,
            });
        }
        if i < bytes.len() || start < bytes.len() {
            out.push(Line {
                text: &text[start..i],
                file_start: start,
                file_end: i,
                number,
                verbatim: true,
            });
        }
        if i < bytes.len() && bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        i += 1;
        start = i;
        number += 1;
    }
    Ok(out)
}

/// Speaker turns (or paragraphs, when no line starts a turn) from the lines of one source.
pub fn turns_from_lines(source: &SourceFile, lines: &[Line]) -> Result<Vec<Turn>> {
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(Error::bad_input(
            &source.display_path,
            None,
            "the file is empty (no text in it)",
        ));
    }
    let rules = SpeakerRules::new(&source.manifest);
    let heads: Vec<_> = lines.iter().map(|l| rules.head(l.text)).collect();
    let mut label_counts: HashMap<&str, usize> = HashMap::new();
    for head in heads.iter().flatten() {
        *label_counts.entry(head.name).or_default() += 1;
    }
    let is_speaker = |head: &super::speakers::TurnHead| rules.is_speaker(head, &label_counts);
    let any_turn = heads.iter().flatten().any(is_speaker);
    let mut turns = Vec::new();
    if any_turn {
        let mut current: Option<Turn> = None;
        for (line, head) in lines.iter().zip(&heads) {
            match head.as_ref().filter(|h| is_speaker(h)) {
                Some(head) => {
                    turns.extend(current.take().filter(|t| !t.text.trim().is_empty()));
                    let mut turn = Turn {
                        speaker: Some(head.name.to_string()),
                        organisation: head.organisation.map(str::to_string),
                        ..Turn::default()
                    };
                    let spoken = line.text.get(head.text_offset..).unwrap_or("");
                    let timestamp = head.timestamp.map(normalise_timestamp);
                    if !spoken.trim().is_empty() {
                        let (offset, trimmed) = trim_with_offset(spoken);
                        let p = piece(line, head.text_offset + offset, trimmed, timestamp);
                        turn.push_piece("", trimmed, p);
                    } else {
                        // The text follows on the next lines; the turn starts here.
                        turn.pieces.push(piece(line, 0, "", timestamp));
                    }
                    current = Some(turn);
                }
                None => {
                    let Some(turn) = current.as_mut() else {
                        continue; // header lines before the first turn
                    };
                    if line.text.trim().is_empty() {
                        continue;
                    }
                    let (offset, trimmed) = trim_with_offset(line.text);
                    let mut p = piece(line, offset, trimmed, None);
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
        for line in lines {
            if line.text.trim().is_empty() {
                turns.extend(paragraph.take());
                continue;
            }
            let (offset, trimmed) = trim_with_offset(line.text);
            let p = piece(line, offset, trimmed, None);
            paragraph
                .get_or_insert_with(Turn::default)
                .push_piece("\n", trimmed, p);
        }
        turns.extend(paragraph);
    }
    Ok(turns)
}

/// The piece for `text`, found at `offset` in `line`.
fn piece(line: &Line, offset: usize, text: &str, timestamp: Option<String>) -> Piece {
    let (file_start, file_end) = if line.verbatim {
        let start = line.file_start + offset;
        (start, start + text.len())
    } else {
        (line.file_start, line.file_end)
    };
    Piece {
        text_start: 0,
        file_start,
        file_end,
        line: line.number,
        verbatim: line.verbatim,
        timestamp,
    }
}

/// `mm:ss` gets zero hours; `h:mm:ss` gets two-digit hours.
fn normalise_timestamp(raw: &str) -> String {
    let parts: Vec<&str> = raw.split(':').collect();
    match parts.as_slice() {
        [h, m, s] => format!("{:0>2}:{m}:{s}", h),
        [m, s] => format!("00:{:0>2}:{s}", m),
        _ => raw.to_string(),
    }
}

fn trim_with_offset(text: &str) -> (usize, &str) {
    let trimmed_start = text.trim_start();
    let offset = text.len() - trimmed_start.len();
    (offset, trimmed_start.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Manifest;
    use std::sync::Arc;

    fn source(text: &str) -> SourceFile {
        SourceFile::in_memory(
            "t.txt",
            text.as_bytes().to_vec(),
            Arc::new(Manifest::default()),
        )
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
    fn old_mac_line_ends_and_overlong_lines() {
        let text = "Moderator: Mari mulai.\rNarasumber 1: Baik.\r\nPenanya 2: Saya bertanya.";
        let turns = TranscriptReader.read(&source(text)).unwrap().turns;
        assert_eq!(turns.len(), 3);
        assert_eq!(turns[2].pieces[0].line, 3);
        let long = format!("Ani: {}\n", "kata ".repeat(MAX_LINE_BYTES / 5 + 1));
        let err = TranscriptReader.read(&source(&long)).unwrap_err();
        assert!(err.to_string().contains("t.txt:1: line 1 is"), "{err}");
    }

    #[test]
    fn empty_file_is_an_error_naming_it() {
        let err = TranscriptReader.read(&source("  \n")).unwrap_err();
        assert!(err.to_string().starts_with("t.txt"), "{err}");
    }
}
