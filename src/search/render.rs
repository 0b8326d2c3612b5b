//! Search results for people: one block per hit with who, where and a highlighted snippet.
//! Colour only when writing to a terminal; `**` marks the matched words otherwise.

use std::fmt::Write;

use super::{Hit, SearchResults};

/// How matched words are marked in a snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// ANSI bold yellow, for terminals.
    Ansi,
    /// `**word**`, for pipes and files.
    Stars,
}

/// The snippet with its highlights marked.
pub fn marked_snippet(hit: &Hit, style: Highlight) -> String {
    let (open, close) = match style {
        Highlight::Ansi => ("\x1b[1;33m", "\x1b[0m"),
        Highlight::Stars => ("**", "**"),
    };
    let mut out = String::new();
    let mut last = 0;
    for &(start, end) in &hit.highlights {
        out.push_str(&hit.snippet[last..start]);
        out.push_str(open);
        out.push_str(&hit.snippet[start..end]);
        out.push_str(close);
        last = end;
    }
    out.push_str(&hit.snippet[last..]);
    out.replace('\n', " ")
}

/// Human-readable results.
pub fn to_text(results: &SearchResults, offset: usize, style: Highlight, explain: bool) -> String {
    let mut out = String::new();
    let shown = results.hits.len();
    let _ = writeln!(
        out,
        "{} bagian cocok; ditampilkan {}-{}",
        results.total,
        if shown == 0 { 0 } else { offset + 1 },
        offset + shown
    );
    for (i, hit) in results.hits.iter().enumerate() {
        let p = &hit.passage;
        let who = p.meta.who();
        let mut place = format!("{}:{}", p.provenance.file, p.provenance.line);
        if let Some(row) = p.provenance.row {
            let _ = write!(place, " baris data {row}");
        }
        if let Some(ts) = &p.provenance.timestamp {
            let _ = write!(place, " [{ts}]");
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{:>3}. {who} · {} · {}",
            offset + i + 1,
            p.meta.session,
            p.meta.stakeholder
        );
        let _ = writeln!(
            out,
            "     {place}{}",
            p.meta
                .region
                .as_ref()
                .map(|r| format!(" · {r}"))
                .unwrap_or_default()
        );
        if !p.themes.is_empty() {
            let _ = writeln!(out, "     tema: {}", p.themes.join(", "));
        }
        let _ = writeln!(out, "     {}", marked_snippet(hit, style));
        if explain {
            for e in &p.evidence {
                if e.kind == "model" {
                    let _ = writeln!(
                        out,
                        "       bukti {}: {}, kata yang berbobot {:?} (+{}) pada karakter {}-{}",
                        e.theme, e.term, e.surface, e.weight, e.char_start, e.char_end
                    );
                    continue;
                }
                let _ = writeln!(
                    out,
                    "       bukti {}: {:?} ({}, bobot {}) cocok dengan {:?} pada karakter {}-{}",
                    e.theme, e.term, e.kind, e.weight, e.surface, e.char_start, e.char_end
                );
            }
        }
    }
    out
}

/// One JSON object per line per hit.
pub fn to_json_lines(results: &SearchResults) -> String {
    let mut out = String::new();
    for hit in &results.hits {
        let line = serde_json::json!({
            "score": hit.score,
            "id": hit.passage.id,
            "text": hit.passage.text,
            "snippet": hit.snippet,
            "highlights": hit.highlights,
            "meta": hit.passage.meta,
            "provenance": hit.passage.provenance,
            "themes": hit.passage.themes,
            "evidence": hit.passage.evidence,
        });
        let _ = writeln!(out, "{line}");
    }
    out
}
