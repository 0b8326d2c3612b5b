//! Matching lexicon terms in passages. Terms and passages go through the one analyser; a
//! phrase matches when its terms follow one another (stopwords between them are skipped, as
//! they are not index terms). A theme is assigned when its matches reach the lexicon's
//! threshold; the matches are kept as evidence with character offsets.

use std::collections::HashMap;

use crate::analyse::Analyzer;
use crate::passage::{Evidence, Passage};

use super::LexiconSet;

#[derive(Debug, Clone)]
struct CompiledTerm {
    theme: usize,
    term: String,
    /// Analysed terms after the first.
    rest: Vec<String>,
}

/// Classifies passages with a [`LexiconSet`].
#[derive(Debug, Clone)]
pub struct Classifier {
    analyzer: Analyzer,
    lexicons: LexiconSet,
    by_first_term: HashMap<String, Vec<CompiledTerm>>,
}

impl Classifier {
    /// Compiles the lexicons with `analyzer` (the same one the index uses).
    pub fn new(analyzer: Analyzer, lexicons: LexiconSet) -> Classifier {
        let mut by_first_term: HashMap<String, Vec<CompiledTerm>> = HashMap::new();
        for (theme, lexicon) in lexicons.lexicons().iter().enumerate() {
            for term in &lexicon.terms {
                let mut analysed = analyzer.terms(term).into_iter();
                let Some(first) = analysed.next() else {
                    continue; // only stopwords: `lexicon check` reports it
                };
                let candidates = by_first_term.entry(first).or_default();
                let compiled = CompiledTerm {
                    theme,
                    term: term.clone(),
                    rest: analysed.collect(),
                };
                let duplicate = candidates
                    .iter()
                    .any(|c| c.theme == compiled.theme && c.rest == compiled.rest);
                if !duplicate {
                    candidates.push(compiled);
                }
            }
        }
        Classifier {
            analyzer,
            lexicons,
            by_first_term,
        }
    }

    pub fn lexicons(&self) -> &LexiconSet {
        &self.lexicons
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Every term match in `text`, for all themes, in text order.
    pub fn matches(&self, text: &str) -> Vec<Evidence> {
        let tokens = self.analyzer.analyse(text);
        let mut found = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            let Some(candidates) = self.by_first_term.get(&token.term) else {
                continue;
            };
            for candidate in candidates {
                let end = i + candidate.rest.len();
                let fits = end < tokens.len()
                    && candidate
                        .rest
                        .iter()
                        .zip(&tokens[i + 1..=end])
                        .all(|(want, got)| *want == got.term);
                if !fits {
                    continue;
                }
                let (byte_start, byte_end) = (token.byte_start, tokens[end].byte_end);
                let char_start = text[..byte_start].chars().count();
                let surface = &text[byte_start..byte_end];
                found.push(Evidence {
                    theme: self.lexicons.lexicons()[candidate.theme].id.clone(),
                    term: candidate.term.clone(),
                    char_start,
                    char_end: char_start + surface.chars().count(),
                    surface: surface.to_string(),
                });
            }
        }
        found
    }

    /// The themes `text` reaches the threshold for (in theme order) and their evidence.
    pub fn themes_of(&self, text: &str) -> (Vec<String>, Vec<Evidence>) {
        let evidence = self.matches(text);
        let mut themes = Vec::new();
        for lexicon in self.lexicons.lexicons() {
            let hits = evidence.iter().filter(|e| e.theme == lexicon.id).count();
            if hits as u32 >= lexicon.threshold {
                themes.push(lexicon.id.clone());
            }
        }
        let evidence = evidence
            .into_iter()
            .filter(|e| themes.contains(&e.theme))
            .collect();
        (themes, evidence)
    }

    /// Sets a passage's themes and evidence.
    pub fn classify(&self, passage: &mut Passage) {
        let (themes, evidence) = self.themes_of(&passage.text);
        passage.themes = themes;
        passage.evidence = evidence;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classifier() -> Classifier {
        Classifier::new(Analyzer::indonesian(), LexiconSet::embedded())
    }

    #[test]
    fn phrases_match_across_stopwords_and_keep_char_offsets() {
        let text = "Kami mohon perhatian untuk lansia terlantar di desa.";
        let (themes, evidence) = classifier().themes_of(text);
        assert!(themes.contains(&"lansia".to_string()), "{themes:?}");
        let hit = evidence.iter().find(|e| e.theme == "lansia").unwrap();
        let chars: Vec<char> = text.chars().collect();
        let surface: String = chars[hit.char_start..hit.char_end].iter().collect();
        assert_eq!(surface, hit.surface);
    }

    #[test]
    fn a_passage_without_theme_words_gets_no_theme() {
        let (themes, evidence) = classifier().themes_of("Baik, terima kasih. Silakan, Pak.");
        assert!(themes.is_empty(), "{themes:?}");
        assert!(evidence.is_empty());
    }
}
