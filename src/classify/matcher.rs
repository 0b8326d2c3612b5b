//! Matching lexicon terms in passages. Terms and passages go through the one analyser; a
//! phrase matches when its terms follow one another (stopwords between them are skipped, as
//! they are not index terms). A theme is assigned when its matches reach the lexicon's
//! threshold; the matches are kept as evidence with character offsets.
//!
//! Lexicon words are numbered once; a passage is scanned as a list of those numbers (words no
//! lexicon uses get none), so matching allocates nothing per word.

use rustc_hash::FxHashMap;

use crate::analyse::Analyzer;
use crate::passage::{Evidence, Passage};

use super::LexiconSet;

/// Id of a passage word that no lexicon term uses.
const NOT_IN_LEXICONS: u32 = u32::MAX;

#[derive(Debug, Clone)]
struct CompiledTerm {
    theme: usize,
    term: String,
    /// Vocabulary ids of the analysed words after the first.
    rest: Vec<u32>,
}

/// Classifies passages with a [`LexiconSet`].
#[derive(Debug, Clone)]
pub struct Classifier {
    analyzer: Analyzer,
    lexicons: LexiconSet,
    /// Every analysed word of every lexicon term, numbered.
    vocabulary: FxHashMap<String, u32>,
    /// Terms by the id of their first word.
    by_first_word: Vec<Vec<CompiledTerm>>,
}

impl Classifier {
    /// Compiles the lexicons with `analyzer` (the same one the index uses).
    pub fn new(analyzer: Analyzer, lexicons: LexiconSet) -> Classifier {
        let mut vocabulary: FxHashMap<String, u32> = FxHashMap::default();
        let mut by_first_word: Vec<Vec<CompiledTerm>> = Vec::new();
        for (theme, lexicon) in lexicons.lexicons().iter().enumerate() {
            for term in &lexicon.terms {
                let ids: Vec<u32> = analyzer
                    .terms(term)
                    .into_iter()
                    .map(|word| {
                        let next = vocabulary.len() as u32;
                        *vocabulary.entry(word).or_insert(next)
                    })
                    .collect();
                let Some((&first, rest)) = ids.split_first() else {
                    continue; // only stopwords: `lexicon check` reports it
                };
                if by_first_word.len() < vocabulary.len() {
                    by_first_word.resize(vocabulary.len(), Vec::new());
                }
                let candidates = &mut by_first_word[first as usize];
                let duplicate = candidates
                    .iter()
                    .any(|c| c.theme == theme && c.rest == rest);
                if !duplicate {
                    candidates.push(CompiledTerm {
                        theme,
                        term: term.clone(),
                        rest: rest.to_vec(),
                    });
                }
            }
        }
        Classifier {
            analyzer,
            lexicons,
            vocabulary,
            by_first_word,
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
        let mut found = Vec::new();
        if self.vocabulary.is_empty() {
            return found;
        }
        let mut words: Vec<(u32, usize, usize)> = Vec::new();
        self.analyzer.for_each_token(text, |token| {
            let id = self
                .vocabulary
                .get(token.term)
                .copied()
                .unwrap_or(NOT_IN_LEXICONS);
            words.push((id, token.byte_start, token.byte_end));
        });
        for (i, &(id, byte_start, _)) in words.iter().enumerate() {
            let Some(candidates) = self.by_first_word.get(id as usize) else {
                continue;
            };
            for candidate in candidates {
                let end = i + candidate.rest.len();
                let fits = end < words.len()
                    && candidate
                        .rest
                        .iter()
                        .zip(&words[i + 1..=end])
                        .all(|(want, got)| *want == got.0);
                if !fits {
                    continue;
                }
                let byte_end = words[end].2;
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
        let text = "“Kami” mohon perhatian untuk lansia terlantar di desa.";
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

    #[test]
    fn an_empty_lexicon_set_classifies_nothing() {
        let empty = Classifier::new(Analyzer::indonesian(), LexiconSet::empty());
        assert!(empty.matches("lansia terlantar").is_empty());
    }
}
