//! Markdown (`.md`) notes and transcripts, parsed with `pulldown-cmark` so that markup never
//! reaches a passage: `**Moderator:** Selamat pagi` is the turn head `Moderator:` followed by
//! its text. Each source line of a paragraph, list item or table cell is a line for the turn
//! logic of [`transcript`](super::transcript); blocks are separated like blank lines. Headings
//! are titles, front matter is metadata and raw HTML is layout: none of them are passages.
//!
//! Provenance: a line whose text stands in the file as written points at it exactly; a line
//! whose markup was removed points at its whole source range.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::transcript::{text_lines, turns_from_lines, Line};
use super::{LineIndex, ReadOutcome, Reader, SourceFile};
use crate::error::Result;

/// Reader for `.md` files.
pub struct MarkdownReader;

/// A line of plain text gathered from Markdown events.
#[derive(Default)]
struct Gathered {
    text: String,
    start: Option<usize>,
    end: usize,
    /// Text events' content differs from the source they came from (entities, code spans).
    rewritten: bool,
}

impl Reader for MarkdownReader {
    fn format(&self) -> &'static str {
        "markdown"
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let decoded = source.decoded()?;
        let text: &str = &decoded.text;
        text_lines(text).map_err(|e| e.for_file(source))?; // the line-length limit
        let gathered = gather(text);
        let index = LineIndex::new(text);
        let lines: Vec<Line> = gathered
            .iter()
            .map(|g| {
                let start = g.start.unwrap_or(g.end);
                Line {
                    text: &g.text,
                    file_start: start,
                    file_end: g.end.max(start),
                    number: index.line_of(start),
                    verbatim: !g.rewritten && text.get(start..g.end) == Some(g.text.as_str()),
                }
            })
            .collect();
        let turns = turns_from_lines(source, &lines)?;
        Ok(ReadOutcome {
            turns,
            row_errors: source.decode_warnings(&decoded),
        })
    }
}

fn gather(text: &str) -> Vec<Gathered> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut lines: Vec<Gathered> = Vec::new();
    let mut current = Gathered::default();
    let mut skip_depth = 0usize;
    let flush = |current: &mut Gathered, lines: &mut Vec<Gathered>| {
        if !current.text.trim().is_empty() {
            lines.push(std::mem::take(current));
        } else {
            *current = Gathered::default();
        }
    };
    let separate = |current: &mut Gathered, lines: &mut Vec<Gathered>| {
        flush(current, lines);
        if lines.last().is_some_and(|l| !l.text.is_empty()) {
            let end = lines.last().map_or(0, |l| l.end);
            lines.push(Gathered {
                end,
                ..Gathered::default()
            });
        }
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                separate(&mut current, &mut lines);
                skip_depth += 1;
            }
            Event::End(TagEnd::Heading(_) | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            _ if skip_depth > 0 => {}
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let code = matches!(event_kind(&t, text, &range), Kind::Rewritten);
                let parts: Vec<&str> = t.split('\n').collect();
                let many = parts.len() > 1;
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        flush(&mut current, &mut lines);
                    }
                    if part.is_empty() {
                        continue;
                    }
                    if current.start.is_none() {
                        current.start = Some(range.start);
                    }
                    current.text.push_str(part);
                    current.end = range.end;
                    current.rewritten |= code || many;
                }
            }
            Event::SoftBreak | Event::HardBreak => flush(&mut current, &mut lines),
            Event::Start(
                Tag::Paragraph
                | Tag::Item
                | Tag::TableCell
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_),
            ) => flush(&mut current, &mut lines),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => separate(&mut current, &mut lines),
            _ => {}
        }
    }
    flush(&mut current, &mut lines);
    lines
}

enum Kind {
    Verbatim,
    Rewritten,
}

/// Whether an event's text is the source's bytes as written.
fn event_kind(t: &str, text: &str, range: &std::ops::Range<usize>) -> Kind {
    if text.get(range.clone()) == Some(t) {
        Kind::Verbatim
    } else {
        Kind::Rewritten
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Manifest;
    use std::sync::Arc;

    #[test]
    fn markup_is_removed_and_turn_heads_survive_it() {
        let text = "---\njudul: catatan\n---\n# Notulen FGD\n\n**Moderator:** Selamat pagi, kita mulai.\n**Bu Rina (PKK):** Posyandu kami *butuh* kader.\nLanjutan kalimat.\n\n- Pak Dedi: setuju\n";
        let source = SourceFile::in_memory(
            "n.md",
            text.as_bytes().to_vec(),
            Arc::new(Manifest::default()),
        );
        let turns = MarkdownReader.read(&source).unwrap().turns;
        let who: Vec<_> = turns.iter().map(|t| t.speaker.clone().unwrap()).collect();
        assert_eq!(who, ["Moderator", "Bu Rina", "Pak Dedi"]);
        assert_eq!(turns[1].organisation.as_deref(), Some("PKK"));
        assert_eq!(
            turns[1].text,
            "Posyandu kami butuh kader.\nLanjutan kalimat."
        );
        assert_eq!(turns[1].pieces[0].line, 7);
        let p = &turns[1].pieces[1];
        assert!(p.verbatim);
        assert_eq!(&text[p.file_start..p.file_end], "Lanjutan kalimat.");
    }
}
