//! SubRip subtitles (`.srt`), as transcription services and video editors export them: numbered
//! cues with a `00:00:01,000 --> 00:00:04,000` timing line and one or more lines of text.
//! Voices are the `Nama: ` prefix or a WebVTT-style `<v Nama>` tag some tools write; other
//! markup (`<i>`, `<font>`) is removed. As with WebVTT, consecutive cues of one voice (or
//! without a voice) make one turn, and each cue line is a piece with its start time.

use super::transcript::{text_lines, Line};
use super::vtt::{parse_cue_line, short_time};
use super::{Piece, ReadOutcome, Reader, SourceFile, Turn};
use crate::error::Result;

/// Reader for `.srt` files.
pub struct SrtReader;

impl Reader for SrtReader {
    fn format(&self) -> &'static str {
        "srt"
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let decoded = source.decoded()?;
        let text: &str = &decoded.text;
        let lines = text_lines(text).map_err(|e| e.for_file(source))?;
        let mut turns: Vec<Turn> = Vec::new();
        let mut cue_time: Option<String> = None;
        for Line {
            text: line,
            file_start: line_start,
            number,
            ..
        } in lines
        {
            if line.trim().is_empty() {
                cue_time = None;
                continue;
            }
            if let Some((start, _)) = line.split_once("-->") {
                cue_time = Some(start.trim().replace(',', "."));
                continue;
            }
            if cue_time.is_none() {
                continue; // the cue number (or stray text outside a cue)
            }
            let Some(cue) = parse_cue_line(line) else {
                continue;
            };
            if cue.text.trim().is_empty() {
                continue;
            }
            let piece = Piece {
                text_start: 0,
                file_start: line_start + cue.offset,
                file_end: line_start + cue.offset + cue.source_len,
                line: number,
                verbatim: cue.verbatim,
                timestamp: cue_time.as_deref().map(short_time),
            };
            let speaker = cue.voice.map(str::to_string);
            let continues = turns
                .last()
                .is_some_and(|turn| speaker.is_none() || turn.speaker == speaker);
            if !continues {
                turns.push(Turn {
                    speaker,
                    ..Turn::default()
                });
            }
            if let Some(turn) = turns.last_mut() {
                turn.push_piece(" ", cue.text.trim(), piece);
            }
        }
        if turns.is_empty() {
            return Err(source.error(None, "the SRT file has no subtitle cue with text"));
        }
        Ok(ReadOutcome {
            turns,
            row_errors: source.decode_warnings(&decoded),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Manifest;
    use std::sync::Arc;

    #[test]
    fn cues_with_voices_become_turns_with_times() {
        let text = "1\r\n00:00:01,000 --> 00:00:04,000\r\nModerator: Selamat pagi.\r\n\r\n2\r\n00:00:04,500 --> 00:00:07,000\r\n<i>Kita mulai.</i>\r\n\r\n3\r\n00:01:02,000 --> 00:01:09,000\r\nBu Rina: Lansia di desa kami\r\nbelum terdata.\r\n";
        let source = SourceFile::in_memory(
            "s.srt",
            text.as_bytes().to_vec(),
            Arc::new(Manifest::default()),
        );
        let turns = SrtReader.read(&source).unwrap().turns;
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[0].speaker.as_deref(), Some("Moderator"));
        assert_eq!(turns[0].text, "Selamat pagi. Kita mulai.");
        assert_eq!(turns[1].speaker.as_deref(), Some("Bu Rina"));
        assert_eq!(turns[1].text, "Lansia di desa kami belum terdata.");
        assert_eq!(turns[1].pieces[0].timestamp.as_deref(), Some("00:01:02"));
        assert_eq!(turns[1].pieces[0].line, 11);
        let p = &turns[1].pieces[0];
        assert_eq!(&text[p.file_start..p.file_end], "Lansia di desa kami");
    }
}
