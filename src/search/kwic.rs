//! Keyword in context: every occurrence of a word (in all its affixed and informal forms, as
//! the analyser sees them) or phrase, with the words around it and where it stands, in
//! reading order (file, then line).

use std::fmt::Write;

use tantivy::collector::DocSetCollector;
use tantivy::TantivyDocument;

use crate::analyse::Analyzer;
use crate::error::{Error, Result};
use crate::index::PassageIndex;
use crate::passage::Provenance;

use super::query;

/// One occurrence.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    pub left: String,
    /// The occurrence as written.
    pub keyword: String,
    pub right: String,
    pub provenance: Provenance,
    pub speaker: Option<String>,
    pub session: String,
    pub passage_id: String,
}

/// Every occurrence of `term` in passages that pass `filters`, `width` characters of context
/// either side.
pub fn kwic(
    index: &PassageIndex,
    analyzer: &Analyzer,
    term: &str,
    filters: &[(String, String)],
    width: usize,
) -> Result<Vec<Line>> {
    Ok(kwic_limited(index, analyzer, term, filters, width, usize::MAX)?.0)
}

/// [`kwic`] reading at most `max_passages` of the matching passages (the first in index
/// order); also returns how many passages matched in all.
pub fn kwic_limited(
    index: &PassageIndex,
    analyzer: &Analyzer,
    term: &str,
    filters: &[(String, String)],
    width: usize,
    max_passages: usize,
) -> Result<(Vec<Line>, usize)> {
    let wanted = analyzer.terms(term);
    if wanted.is_empty() {
        return Err(Error::Query {
            query: term.to_string(),
            message: "only stopwords: nothing to look for".into(),
        });
    }
    let phrase = format!("\"{}\"", term.replace('"', " "));
    let text_query = query::parse(index, analyzer, &phrase)?;
    let query = super::with_filters(index, Some(text_query), filters)?;
    let searcher = index.searcher()?;
    let mut addresses: Vec<tantivy::DocAddress> = searcher
        .search(&query, &DocSetCollector)
        .map_err(|e| index.error(e))?
        .into_iter()
        .collect();
    let matched = addresses.len();
    addresses.sort();
    addresses.truncate(max_passages);
    let mut lines = Vec::new();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
        let passage = index.to_passage(&doc);
        let tokens = analyzer.analyse(&passage.text);
        for start in 0..tokens.len() {
            let run = &tokens[start..];
            let matches =
                run.len() >= wanted.len() && wanted.iter().zip(run).all(|(w, t)| *w == t.term);
            if !matches {
                continue;
            }
            let (from, to) = (run[0].byte_start, run[wanted.len() - 1].byte_end);
            lines.push(Line {
                left: tail_chars(&passage.text[..from], width),
                keyword: passage.text[from..to].to_string(),
                right: head_chars(&passage.text[to..], width),
                provenance: passage.provenance.clone(),
                speaker: passage.meta.speaker.clone(),
                session: passage.meta.session.clone(),
                passage_id: passage.id.clone(),
            });
        }
    }
    lines.sort_by(|a, b| {
        (
            &a.provenance.file,
            a.provenance.line,
            a.provenance.byte_start,
        )
            .cmp(&(
                &b.provenance.file,
                b.provenance.line,
                b.provenance.byte_start,
            ))
    });
    Ok((lines, matched))
}

fn flat(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

fn tail_chars(text: &str, width: usize) -> String {
    let chars: Vec<char> = flat(text).chars().collect();
    chars[chars.len().saturating_sub(width)..].iter().collect()
}

fn head_chars(text: &str, width: usize) -> String {
    flat(text).chars().take(width).collect()
}

/// Aligned lines: the keywords line up in one column.
pub fn to_text(lines: &[Line], width: usize) -> String {
    let mut out = String::new();
    for line in lines {
        let place = format!("{}:{}", line.provenance.file, line.provenance.line);
        let _ = writeln!(
            out,
            "{:>width$} [{}] {:<width$}  {place}{}",
            line.left,
            line.keyword,
            line.right,
            line.speaker
                .as_ref()
                .map(|s| format!(" · {s}"))
                .unwrap_or_default(),
        );
    }
    let _ = writeln!(out, "{} kemunculan", lines.len());
    out
}

/// CSV with a header row.
pub fn to_csv(lines: &[Line]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::Usage(format!("cannot write CSV: {e}"));
    writer
        .write_record([
            "file",
            "line",
            "timestamp",
            "speaker",
            "session",
            "left",
            "keyword",
            "right",
            "passage_id",
        ])
        .map_err(io)?;
    for line in lines {
        writer
            .write_record([
                line.provenance.file.as_str(),
                &line.provenance.line.to_string(),
                line.provenance.timestamp.as_deref().unwrap_or(""),
                line.speaker.as_deref().unwrap_or(""),
                &line.session,
                &line.left,
                &line.keyword,
                &line.right,
                &line.passage_id,
            ])
            .map_err(io)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))
}
