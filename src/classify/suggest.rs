//! `aspirasi lexicon suggest`: the "leftover words" of a theme. Roots and two-word phrases
//! that are frequent in passages with the theme, or next to one in the same document, and
//! rare elsewhere, and that no lexicon entry uses yet. Curators read them as candidates,
//! never as entries to add blindly.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use tantivy::TantivyDocument;

use crate::error::{Error, Result};
use crate::index::PassageIndex;

use super::Classifier;

/// One candidate entry.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// The analysed term or two-term phrase.
    pub term: String,
    /// A surface form it came from.
    pub example: String,
    /// Passages near the theme that contain it.
    pub near: u64,
    /// Other passages that contain it.
    pub elsewhere: u64,
    /// Smoothed log-odds of near versus elsewhere.
    pub score: f64,
}

/// Candidate entries for `theme`, best first.
pub fn suggest(
    index: &PassageIndex,
    classifier: &Classifier,
    theme: &str,
    limit: usize,
    min_count: u64,
) -> Result<Vec<Suggestion>> {
    if classifier.lexicons().get(theme).is_none() {
        return Err(Error::Usage(format!("no lexicon for theme {theme:?}")));
    }
    let searcher = index.searcher()?;
    // Every passage: (doc, seq) -> (has theme, terms and phrases with an example each)
    let mut passages: Vec<(String, u64, bool, HashMap<String, String>)> = Vec::new();
    for segment in searcher.segment_readers() {
        let store = segment
            .get_store_reader(64)
            .map_err(|e| index.error(e.into()))?;
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = store.get(doc_id).map_err(|e| index.error(e))?;
            let passage = index.to_passage(&doc);
            let mut grams: HashMap<String, String> = HashMap::new();
            let tokens = classifier.analyzer().analyse(&passage.text);
            for (i, token) in tokens.iter().enumerate() {
                let surface = &passage.text[token.byte_start..token.byte_end];
                if token.term.chars().any(char::is_alphabetic) && !classifier.covers(&token.term) {
                    grams
                        .entry(token.term.clone())
                        .or_insert_with(|| surface.to_lowercase());
                }
                if let Some(next) = tokens.get(i + 1) {
                    let phrase = format!("{} {}", token.term, next.term);
                    let covered = classifier.covers(&phrase)
                        || (classifier.covers(&token.term) && classifier.covers(&next.term));
                    if !covered && next.position == token.position + 1 {
                        let example = passage.text[token.byte_start..next.byte_end].to_lowercase();
                        grams.entry(phrase).or_insert(example);
                    }
                }
            }
            let has = passage.themes.iter().any(|t| t == theme);
            passages.push((passage.doc_id, passage.seq, has, grams));
        }
    }
    let themed: HashSet<(String, u64)> = passages
        .iter()
        .filter(|p| p.2)
        .map(|p| (p.0.clone(), p.1))
        .collect();
    let is_near = |doc: &String, seq: u64| {
        themed.contains(&(doc.clone(), seq))
            || themed.contains(&(doc.clone(), seq + 1))
            || (seq > 0 && themed.contains(&(doc.clone(), seq - 1)))
    };
    let mut counts: BTreeMap<String, (u64, u64, String)> = BTreeMap::new();
    let (mut near_total, mut other_total) = (0u64, 0u64);
    for (doc, seq, _, grams) in &passages {
        let near = is_near(doc, *seq);
        if near {
            near_total += 1;
        } else {
            other_total += 1;
        }
        for (gram, example) in grams {
            let entry = counts
                .entry(gram.clone())
                .or_insert((0, 0, example.clone()));
            if near {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }
    let log_odds = |k: u64, n: u64| ((k as f64 + 0.5) / ((n - k.min(n)) as f64 + 0.5)).ln();
    let mut suggestions: Vec<Suggestion> = counts
        .into_iter()
        .filter(|(_, (near, _, _))| *near >= min_count)
        .map(|(term, (near, elsewhere, example))| Suggestion {
            score: log_odds(near, near_total) - log_odds(elsewhere, other_total),
            term,
            example,
            near,
            elsewhere,
        })
        .filter(|s| s.score > 0.0)
        .collect();
    suggestions.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.near.cmp(&a.near))
            .then(a.term.cmp(&b.term))
    });
    suggestions.truncate(limit);
    Ok(suggestions)
}
