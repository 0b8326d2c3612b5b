//! Segmentation: speaker turns to passages. A turn is one passage unless it is long; a long
//! turn is cut at sentence boundaries ([`sentences`]) into passages of about [`TARGET_WORDS`] words,
//! so one passage is about one point and counts are comparable across sources. Each passage
//! keeps exact provenance: file, line, byte range and the timestamp it starts at.

pub mod sentences;

use crate::analyse::words::count_words;

use crate::ingest::{metadata, Piece, SourceFile, Turn};
use crate::passage::{Metadata, Passage, Provenance};

/// A turn longer than this many words is split.
pub const MAX_WORDS: usize = 120;
/// Split passages aim at this many words.
pub const TARGET_WORDS: usize = 80;
/// A trailing piece shorter than this joins the passage before it.
pub const MIN_WORDS: usize = 20;
/// A "sentence" longer than this (a transcript typed without full stops) is cut between words
/// into passages of [`TARGET_WORDS`], so no passage is ever longer than this.
pub const MAX_PASSAGE_WORDS: usize = 400;

/// The stable id of a document: a hash of its key (round and path).
pub fn document_id(key: &str) -> String {
    blake3::hash(key.as_bytes()).to_hex()[..16].to_string()
}

/// Cuts the turns of one source into passages (themes still empty).
pub fn segment(source: &SourceFile, turns: &[Turn]) -> Vec<Passage> {
    let doc_id = document_id(&source.key);
    let mut passages = Vec::new();
    for turn in turns {
        let meta = metadata::resolve(source, turn);
        for (start, end) in split_turn(&turn.text) {
            let seq = passages.len() as u64;
            passages.push(Passage {
                id: format!("{doc_id}-{seq:05}"),
                doc_id: doc_id.clone(),
                seq,
                text: turn.text[start..end].to_string(),
                meta: meta.clone(),
                provenance: provenance(source, turn, start, end),
                themes: Vec::new(),
                evidence: Vec::new(),
            });
        }
    }
    passages
}

/// Byte ranges of the passages of one turn's text, trimmed, never empty.
pub fn split_turn(text: &str) -> Vec<(usize, usize)> {
    let words = count_words(text);
    if words <= MAX_WORDS {
        return trimmed(text, 0, text.len()).into_iter().collect();
    }
    let mut chunks: Vec<(usize, usize, usize)> = Vec::new(); // start, end, words
    let mut current: Option<(usize, usize, usize)> = None;
    for (offset, end) in sentences::sentence_ranges(text) {
        let sentence_words = count_words(&text[offset..end]);
        current = match current {
            Some((start, _, count))
                if count >= MIN_WORDS && count + sentence_words > TARGET_WORDS =>
            {
                chunks.push((start, offset, count));
                Some((offset, end, sentence_words))
            }
            Some((start, _, count)) => Some((start, end, count + sentence_words)),
            None => Some((offset, end, sentence_words)),
        };
    }
    if let Some(last) = current {
        match chunks.last_mut() {
            Some(previous) if last.2 < MIN_WORDS => {
                previous.1 = last.1;
                previous.2 += last.2;
            }
            _ => chunks.push(last),
        }
    }
    chunks
        .into_iter()
        .flat_map(|(start, end, words)| {
            if words > MAX_PASSAGE_WORDS {
                split_between_words(text, start, end)
            } else {
                vec![(start, end)]
            }
        })
        .filter_map(|(start, end)| trimmed(text, start, end))
        .collect()
}

/// Cuts `text[start..end]` between words into runs of [`TARGET_WORDS`] words.
fn split_between_words(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run_start = start;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == TARGET_WORDS {
                    out.push((run_start, at));
                    run_start = at;
                    words = 0;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    out.push((run_start, end));
    out
}

fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let kept = slice.trim().len();
    (kept > 0).then_some((start + lead, start + lead + kept))
}

fn piece_at(turn: &Turn, offset: usize) -> Option<&Piece> {
    let index = turn.pieces.partition_point(|p| p.text_start <= offset);
    turn.pieces.get(index.checked_sub(1)?)
}

fn provenance(source: &SourceFile, turn: &Turn, start: usize, end: usize) -> Provenance {
    let first = piece_at(turn, start);
    let last = piece_at(turn, end.saturating_sub(1)).or(first);
    let (byte_start, line) = match first {
        Some(p) if p.verbatim => {
            let within = &turn.text[p.text_start..start];
            let newlines = within.matches('\n').count() as u64;
            (
                (p.file_start + within.len()).min(p.file_end),
                p.line + newlines,
            )
        }
        Some(p) => (p.file_start, p.line),
        None => (0, 1),
    };
    let byte_end = match last {
        Some(p) if p.verbatim => (p.file_start + (end - p.text_start)).min(p.file_end),
        Some(p) => p.file_end,
        None => 0,
    };
    let first_index = turn.pieces.partition_point(|p| p.text_start <= start);
    let timestamp = turn.pieces[..first_index]
        .iter()
        .rev()
        .find_map(|p| p.timestamp.clone());
    Provenance {
        file: source.display_path.clone(),
        line,
        row: turn.row,
        byte_start: byte_start as u64,
        byte_end: byte_end.max(byte_start) as u64,
        timestamp,
    }
}

/// Metadata shared by every passage of a turn (re-exported for callers that build passages
/// without a reader, such as the benchmark generator).
pub fn metadata_for(source: &SourceFile, turn: &Turn) -> Metadata {
    metadata::resolve(source, turn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::transcript::TranscriptReader;
    use crate::ingest::{Manifest, Reader};
    use std::sync::Arc;

    #[test]
    fn short_turns_stay_whole_and_long_ones_split_at_sentences() {
        assert_eq!(split_turn("  Setuju, Pak.  "), vec![(2, 14)]);
        let sentence =
            "Data penerima bantuan di desa kami belum diperbarui sejak tiga tahun lalu. ";
        let long = sentence.repeat(12); // 12 x 12 words
        let chunks = split_turn(&long);
        assert!(chunks.len() >= 2, "{chunks:?}");
        for (start, end) in &chunks {
            let words = count_words(&long[*start..*end]);
            assert!((MIN_WORDS..=MAX_WORDS).contains(&words), "{words}");
            assert!(long[*start..*end].ends_with('.'));
        }
    }

    #[test]
    fn a_sentence_without_full_stops_is_cut_between_words() {
        let long = "kata ".repeat(1000);
        let chunks = split_turn(&long);
        assert_eq!(chunks.len(), 1000_usize.div_ceil(TARGET_WORDS));
        let counts: Vec<usize> = chunks
            .iter()
            .map(|(start, end)| count_words(&long[*start..*end]))
            .collect();
        assert!(counts.iter().all(|c| *c <= TARGET_WORDS), "{counts:?}");
        assert_eq!(counts.iter().sum::<usize>(), 1000);
    }

    #[test]
    fn passages_point_back_into_the_file() {
        let sentence =
            "Lansia terlantar di kampung kami perlu pendampingan yang rutin setiap minggu. ";
        let text = format!(
            "JUDUL\n\n[00:01:02] Ani (Dinsos): {}\n{}\n",
            sentence.repeat(8),
            sentence.repeat(6)
        );
        let source = SourceFile {
            key: "r/t.txt".into(),
            ..SourceFile::in_memory(
                "t.txt",
                text.as_bytes().to_vec(),
                Arc::new(Manifest::default()),
            )
        };
        let turns = TranscriptReader.read(&source).unwrap().turns;
        let passages = segment(&source, &turns);
        assert!(passages.len() >= 2);
        for passage in &passages {
            let p = &passage.provenance;
            // The byte range covers the source; lines are joined with one newline, so
            // compare the words.
            let source_words: Vec<&str> = text[p.byte_start as usize..p.byte_end as usize]
                .split_whitespace()
                .collect();
            assert_eq!(
                source_words,
                passage.text.split_whitespace().collect::<Vec<_>>()
            );
            assert_eq!(p.timestamp.as_deref(), Some("00:01:02"));
        }
        assert_eq!(passages[0].provenance.line, 3);
        for passage in &passages {
            let start = passage.provenance.byte_start as usize;
            let line = text[..start].matches('\n').count() as u64 + 1;
            assert_eq!(passage.provenance.line, line);
        }
        assert_eq!(passages[1].id, format!("{}-00001", document_id("r/t.txt")));
    }
}
