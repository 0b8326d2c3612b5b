//! WebVTT transcripts as Zoom and Teams write them: cues with `<v Speaker>` voices (or a
//! `Speaker: ` prefix), a few seconds each. Consecutive cues of the same voice make one turn;
//! each cue line is a piece with its start time, so a passage points at the cue it starts in.

use super::{LineIndex, Piece, ReadOutcome, Reader, SourceFile, Turn};
use crate::error::{Error, Result};

/// Reader for `.vtt` files.
pub struct VttReader;

impl Reader for VttReader {
    fn format(&self) -> &'static str {
        "vtt"
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let decoded = source.decoded()?;
        let text: &str = &decoded.text;
        super::transcript::text_lines(text).map_err(|e| e.for_file(source))?; // line limit
        let base = 0;
        if !text.starts_with("WEBVTT") {
            return Err(Error::bad_input(
                &source.display_path,
                Some(1),
                "a WebVTT file must start with the line WEBVTT",
            ));
        }
        let line_index = LineIndex::new(text);
        let mut turns: Vec<Turn> = Vec::new();
        let mut offset = 0;
        let mut cue_time: Option<String> = None;
        let mut in_cue = false;
        let mut skipping_block = false;
        for raw_line in text.split_inclusive('\n') {
            let line_start = offset;
            offset += raw_line.len();
            let line = raw_line.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                in_cue = false;
                skipping_block = false;
                cue_time = None;
                continue;
            }
            if skipping_block {
                continue;
            }
            if !in_cue {
                if line.starts_with("NOTE")
                    || line.starts_with("STYLE")
                    || line.starts_with("REGION")
                {
                    skipping_block = true;
                } else if let Some((start, _)) = line.split_once("-->") {
                    cue_time = Some(start.trim().to_string());
                    in_cue = true;
                } else if line_start == 0 {
                    // the WEBVTT header line
                }
                // else: a cue identifier; the timing line follows.
                continue;
            }
            let number = line_index.line_of(line_start);
            let Some(cue_text) = parse_cue_line(line) else {
                continue;
            };
            if cue_text.text.trim().is_empty() {
                continue;
            }
            let piece = Piece {
                text_start: 0,
                file_start: base + line_start + cue_text.offset,
                file_end: base + line_start + cue_text.offset + cue_text.source_len,
                line: number,
                verbatim: cue_text.verbatim,
                timestamp: cue_time.as_deref().map(short_time),
            };
            let speaker = cue_text.voice.map(str::to_string);
            let continues = turns
                .last()
                .is_some_and(|turn| speaker.is_none() || turn.speaker == speaker);
            if !continues {
                turns.push(Turn {
                    speaker: speaker.clone(),
                    ..Turn::default()
                });
            }
            if let Some(turn) = turns.last_mut() {
                turn.push_piece(" ", cue_text.text.trim(), piece);
            }
        }
        if turns.is_empty() {
            return Err(Error::bad_input(
                &source.display_path,
                None,
                "the WebVTT file has no cue text",
            ));
        }
        Ok(ReadOutcome {
            turns,
            row_errors: source.decode_warnings(&decoded),
        })
    }
}

pub(crate) struct CueText<'a> {
    pub(crate) voice: Option<&'a str>,
    pub(crate) text: String,
    /// Where the text starts in the line, and how many source bytes it spans.
    pub(crate) offset: usize,
    pub(crate) source_len: usize,
    pub(crate) verbatim: bool,
}

/// `<v Name>text</v>`, `<v.loud Name>text`, `Name: text` or plain text.
pub(crate) fn parse_cue_line(line: &str) -> Option<CueText<'_>> {
    if let Some(after) = line.strip_prefix("<v") {
        let close = after.find('>')?;
        let annotation = after[..close].trim_start_matches(|c: char| c != ' ' && c != '\t');
        let voice = annotation.trim();
        let body_offset = 2 + close + 1;
        let body = &line[body_offset..];
        let (clean, verbatim) = strip_tags(body);
        return Some(CueText {
            voice: (!voice.is_empty()).then_some(voice),
            text: clean,
            offset: body_offset,
            source_len: body.len(),
            verbatim,
        });
    }
    let (clean, verbatim) = strip_tags(line);
    if let Some((label, rest)) = line.split_once(": ") {
        let is_label = verbatim
            && !label.is_empty()
            && label.split_whitespace().count() <= 6
            && label.chars().next().is_some_and(char::is_uppercase);
        if is_label {
            let offset = label.len() + 2;
            return Some(CueText {
                voice: Some(label.trim()),
                text: rest.to_string(),
                offset,
                source_len: rest.len(),
                verbatim: true,
            });
        }
    }
    Some(CueText {
        voice: None,
        text: clean,
        offset: 0,
        source_len: line.len(),
        verbatim,
    })
}

/// Removes `<...>` markup; reports whether anything was removed.
fn strip_tags(text: &str) -> (String, bool) {
    if !text.contains('<') {
        return (text.to_string(), true);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let verbatim = out.len() == text.len();
    (out, verbatim)
}

/// `00:12:31.480` -> `00:12:31`.
pub(crate) fn short_time(cue_start: &str) -> String {
    let without_fraction = cue_start.split('.').next().unwrap_or(cue_start);
    if without_fraction.matches(':').count() == 1 {
        format!("00:{without_fraction}")
    } else {
        without_fraction.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Manifest;
    use std::sync::Arc;

    fn read(text: &str) -> Result<ReadOutcome> {
        VttReader.read(&SourceFile::in_memory(
            "z.vtt",
            text.as_bytes().to_vec(),
            Arc::new(Manifest::default()),
        ))
    }

    #[test]
    fn merges_consecutive_cues_of_one_voice() {
        let text = "WEBVTT\n\n1\n00:00:04.120 --> 00:00:09.000\n<v Sri Rahayu>Selamat pagi.</v>\n\n2\n00:00:09.000 --> 00:00:12.000\n<v Sri Rahayu>Kita mulai.</v>\n\nNOTE dilewati\nbaris catatan\n\n3\n00:00:12.500 --> 00:00:15.000\n<v Dr. Andi>Terima kasih, Bu.</v>\n";
        let turns = read(text).unwrap().turns;
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[0].speaker.as_deref(), Some("Sri Rahayu"));
        assert_eq!(turns[0].text, "Selamat pagi. Kita mulai.");
        assert_eq!(turns[0].pieces[1].timestamp.as_deref(), Some("00:00:09"));
        assert_eq!(turns[0].pieces[1].line, 9);
        assert_eq!(turns[1].speaker.as_deref(), Some("Dr. Andi"));
        assert_eq!(turns[1].pieces[0].line, 16);
        assert!(!turns[1].pieces[0].verbatim); // the closing </v> was removed
    }

    #[test]
    fn zoom_prefix_voices_and_missing_header() {
        let text = "WEBVTT\n\n00:01.000 --> 00:03.000\nBudi Santoso: Halo semua\n";
        let turns = read(text).unwrap().turns;
        assert_eq!(turns[0].speaker.as_deref(), Some("Budi Santoso"));
        assert_eq!(turns[0].pieces[0].timestamp.as_deref(), Some("00:00:01"));
        let err = read("1\n00:01.000 --> 00:03.000\nhalo\n").err().unwrap();
        assert!(err.to_string().contains("z.vtt:1"), "{err}");
    }
}
