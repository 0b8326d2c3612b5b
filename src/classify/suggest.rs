//! `aspirasi lexicon suggest`: the "leftover words" of a theme. Roots and two-word phrases
//! that are frequent in passages with the theme, or next to one in the same document, and
//! rare elsewhere, and that no lexicon entry uses yet. Curators read them as candidates,
//! never as entries to add blindly.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

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
    // Every passage: (doc, seq) -> (has theme, uncovered terms and pairs with an example each)
    let covered = |gram: &str| match gram.split_once(' ') {
        Some((a, b)) => classifier.covers(gram) || (classifier.covers(a) && classifier.covers(b)),
        None => classifier.covers(gram),
    };
    let mut passages: Vec<(String, u64, bool, HashMap<String, String>)> = Vec::new();
    index.for_each_passage(|passage| {
        let grams: HashMap<String, String> = classifier
            .analyzer()
            .terms_and_pairs(&passage.text)
            .into_iter()
            .filter(|(gram, _)| !covered(gram))
            .collect();
        let has = passage.themes.iter().any(|t| t == theme);
        passages.push((passage.doc_id, passage.seq, has, grams));
        Ok(())
    })?;
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
