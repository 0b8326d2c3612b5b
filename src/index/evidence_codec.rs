//! How a passage's theme evidence is stored in the index: compactly, because a theme-dense
//! passage has a dozen matches and evidence as JSON objects was three times the size of the
//! passage text (the document store's biggest cost at ingest).
//!
//! One line per match, fields separated by tabs:
//! `theme  kind  weight  char_start  char_end  term`, where `kind` is one letter (`a`nalysed,
//! `e`xact, `p`refix, `r`egex, `m`odel) and `weight` is written only when it is not 1. The matched
//! surface text is not stored: it is cut from the passage text by the character offsets when
//! the passage is read back. Tabs, newlines and backslashes in a term are escaped.
//!
//! Fields written by earlier versions (a JSON array) are still read.

use crate::passage::Evidence;

const KINDS: [(&str, &str); 5] = [
    ("analysed", "a"),
    ("exact", "e"),
    ("prefix", "p"),
    ("regex", "r"),
    ("model", "m"),
];

/// The stored form of `evidence`.
pub fn encode(evidence: &[Evidence]) -> String {
    let mut out = String::with_capacity(evidence.len() * 40);
    for item in evidence {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&escape(&item.theme));
        out.push('\t');
        let kind = KINDS
            .iter()
            .find(|(name, _)| *name == item.kind)
            .map(|(_, letter)| (*letter).to_string())
            .unwrap_or_else(|| escape(&item.kind));
        out.push_str(&kind);
        out.push('\t');
        if (item.weight - 1.0).abs() > f64::EPSILON {
            out.push_str(&item.weight.to_string());
        }
        out.push('\t');
        out.push_str(&item.char_start.to_string());
        out.push('\t');
        out.push_str(&item.char_end.to_string());
        out.push('\t');
        out.push_str(&escape(&item.term));
    }
    out
}

/// The evidence stored for a passage whose text is `text`. Lines that cannot be read are
/// skipped (evidence is an explanation, never needed to count).
pub fn decode(stored: &str, text: &str) -> Vec<Evidence> {
    if stored.starts_with('[') {
        return serde_json::from_str(stored).unwrap_or_default();
    }
    let mut evidence: Vec<Evidence> = stored
        .split('\n')
        .filter_map(|line| {
            let mut fields = line.splitn(6, '\t');
            let theme = unescape(fields.next()?);
            let kind = fields.next()?;
            let kind = KINDS
                .iter()
                .find(|(_, letter)| *letter == kind)
                .map(|(name, _)| (*name).to_string())
                .unwrap_or_else(|| unescape(kind));
            let weight = match fields.next()? {
                "" => 1.0,
                written => written.parse().ok()?,
            };
            let char_start = fields.next()?.parse().ok()?;
            let char_end = fields.next()?.parse().ok()?;
            let term = unescape(fields.next()?);
            Some(Evidence {
                theme,
                term,
                kind,
                weight,
                char_start,
                char_end,
                surface: String::new(),
            })
        })
        .collect();
    fill_surfaces(&mut evidence, text);
    evidence
}

/// Cuts each match's surface text out of `text` by its character offsets, in one walk.
fn fill_surfaces(evidence: &mut [Evidence], text: &str) {
    let mut wanted: Vec<usize> = evidence
        .iter()
        .flat_map(|e| [e.char_start, e.char_end])
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut byte_of = rustc_hash::FxHashMap::default();
    let mut next = wanted.iter().peekable();
    for (chars, (byte, _)) in text.char_indices().chain([(text.len(), ' ')]).enumerate() {
        while next.peek().is_some_and(|c| **c == chars) {
            byte_of.insert(chars, byte);
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
    }
    for item in evidence {
        if let (Some(&start), Some(&end)) =
            (byte_of.get(&item.char_start), byte_of.get(&item.char_end))
        {
            if start <= end {
                item.surface = text[start..end].to_string();
            }
        }
    }
}

fn escape(value: &str) -> String {
    if !value.contains(['\t', '\n', '\r', '\\']) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 4);
    for c in value.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            other => out.push(other),
        }
    }
    out
}

fn unescape(value: &str) -> String {
    if !value.contains('\\') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(
        theme: &str,
        term: &str,
        kind: &str,
        weight: f64,
        span: (usize, usize),
    ) -> Evidence {
        Evidence {
            theme: theme.into(),
            term: term.into(),
            kind: kind.into(),
            weight,
            char_start: span.0,
            char_end: span.1,
            surface: String::new(),
        }
    }

    #[test]
    fn round_trips_with_surfaces_cut_from_the_text() {
        let text = "Lansia télantar di desa, bansos\tterlambat";
        let items = vec![
            evidence("lansia", "lansia ... telantar", "analysed", 1.0, (0, 15)),
            evidence(
                "perlindungan_sosial",
                r"bansos|bpnt\b",
                "regex",
                0.5,
                (25, 31),
            ),
            evidence("x", "odd\tterm\\", "exact", 2.0, (19, 23)),
        ];
        let stored = encode(&items);
        assert!(!stored.contains("surface"), "{stored}");
        let back = decode(&stored, text);
        assert_eq!(back.len(), 3);
        assert_eq!(back[0].surface, "Lansia télantar");
        assert_eq!(back[0].term, "lansia ... telantar");
        assert_eq!(back[0].kind, "analysed");
        assert_eq!(back[0].weight, 1.0);
        assert_eq!(back[1].surface, "bansos");
        assert_eq!(back[1].term, r"bansos|bpnt\b");
        assert_eq!(back[1].kind, "regex");
        assert_eq!(back[1].weight, 0.5);
        assert_eq!(back[2].term, "odd\tterm\\");
        assert_eq!(back[2].surface, "desa");
        assert_eq!(back[2].weight, 2.0);
    }

    #[test]
    fn reads_the_json_of_earlier_versions_and_skips_broken_lines() {
        let json = r#"[{"theme":"anak","term":"anak","kind":"analysed","weight":1.0,"char_start":0,"char_end":4,"surface":"Anak"}]"#;
        assert_eq!(decode(json, "Anak")[0].surface, "Anak");
        assert!(decode("", "text").is_empty());
        assert_eq!(
            decode("anak\ta\t\tx\t4\tanak\nanak\ta\t\t0\t4\tanak", "Anak").len(),
            1
        );
    }

    #[test]
    fn is_much_smaller_than_json() {
        let items: Vec<Evidence> = (0..10)
            .map(|i| {
                evidence(
                    "kemiskinan_pemberdayaan",
                    "miskin",
                    "analysed",
                    1.0,
                    (i, i + 6),
                )
            })
            .collect();
        let json = serde_json::to_string(&items).unwrap_or_default();
        assert!(encode(&items).len() * 3 < json.len());
    }
}
