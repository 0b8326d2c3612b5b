//! Word documents (`.docx`): minutes (notulen) and written submissions. The text of
//! `word/document.xml` is read paragraph by paragraph (`w:p`; runs' `w:t`, `w:tab` as a tab,
//! `w:br`/`w:cr` as a line break; table cells are paragraphs too; the fallback copy of text
//! boxes is skipped so nothing is read twice; deleted tracked changes are not text). The
//! paragraphs then go through the same turn logic as text transcripts, so minutes such as
//! `Bapak X (Dinas Sosial Jatim): ...` become speaker turns.
//!
//! Provenance: the line is the paragraph number; byte ranges are offsets in the extracted text
//! (paragraphs joined by newlines). The container is checked for zip bombs before anything is
//! inflated ([`archive`]).

use quick_xml::events::Event;

use super::archive;
use super::transcript::{turns_from_lines, Line};
use super::{ReadOutcome, Reader, SourceFile};
use crate::error::Result;

/// Reader for `.docx` files.
pub struct DocxReader;

impl Reader for DocxReader {
    fn format(&self) -> &'static str {
        "docx"
    }

    fn text_based(&self) -> bool {
        false
    }

    fn read(&self, source: &SourceFile) -> Result<ReadOutcome> {
        let paragraphs = paragraphs(&source.bytes)
            .map_err(|why| source.error(None, format!("not a readable DOCX: {why}")))?;
        let text = paragraphs.join("\n");
        let mut lines = Vec::new();
        let mut offset = 0;
        for (index, paragraph) in paragraphs.iter().enumerate() {
            for part in paragraph.split('\n') {
                lines.push(Line {
                    text: &text[offset..offset + part.len()],
                    file_start: offset,
                    file_end: offset + part.len(),
                    number: index as u64 + 1,
                    verbatim: true,
                });
                offset += part.len() + 1;
            }
        }
        let turns = turns_from_lines(source, &lines)?;
        Ok(ReadOutcome {
            turns,
            row_errors: Vec::new(),
        })
    }
}

/// The paragraphs of a DOCX, in document order (a paragraph may hold line breaks).
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut container = archive::open_checked(bytes)?;
    let xml = archive::read_entry(&mut container, "word/document.xml")?
        .ok_or("it has no word/document.xml (is it really a Word document?)")?;
    let xml = String::from_utf8(xml).map_err(|_| "word/document.xml is not UTF-8")?;
    parse_document(&xml)
}

fn parse_document(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut open: Vec<String> = Vec::new(); // paragraphs being read (text boxes nest them)
    let mut in_text = false;
    let mut skip_depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "word/document.xml is malformed XML near byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                if skip_depth > 0 || name.as_ref() == "Fallback" {
                    skip_depth += 1;
                    continue;
                }
                match name.as_ref() {
                    "p" => open.push(String::new()),
                    "t" => in_text = true,
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "p" => out.extend(open.pop()),
                    "t" => in_text = false,
                    _ => {}
                }
            }
            Event::Empty(e) if skip_depth == 0 => {
                let mark = match e.local_name().as_ref() {
                    "tab" => "\t",
                    "br" | "cr" => "\n",
                    "noBreakHyphen" => "-",
                    "p" => {
                        out.push(String::new());
                        continue;
                    }
                    _ => continue,
                };
                if let Some(paragraph) = open.last_mut() {
                    paragraph.push_str(mark);
                }
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                if let Some(paragraph) = open.last_mut() {
                    paragraph.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text && skip_depth == 0 => {
                if let Some(paragraph) = open.last_mut() {
                    paragraph.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let (Some(c), Some(paragraph)) = (resolved, open.last_mut()) {
                    paragraph.push(c);
                }
            }
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err("word/document.xml ends inside a paragraph (truncated?)".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_tabs_breaks_and_entities() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>
            <w:p><w:r><w:t>NOTULEN</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Bapak Joko (Dinas Sosial Jatim): </w:t></w:r><w:r><w:t>Data &amp; anggaran</w:t><w:tab/><w:t>perlu</w:t><w:br/><w:t>Moderator: Baik.</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>kotak</w:t></mc:Choice><mc:Fallback><w:t>kotak</w:t></mc:Fallback></mc:AlternateContent></w:r><w:del><w:r><w:delText>hapus</w:delText></w:r></w:del></w:p>
            </w:body></w:document>"#;
        let paragraphs = parse_document(xml).unwrap();
        assert_eq!(
            paragraphs,
            [
                "NOTULEN",
                "Bapak Joko (Dinas Sosial Jatim): Data & anggaran\tperlu\nModerator: Baik.",
                "",
                "kotak"
            ]
        );
        assert!(parse_document("<w:p><w:t>a</w:p>").is_err());
    }
}
