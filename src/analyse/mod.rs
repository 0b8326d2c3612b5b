//! Indonesian text analysis: the one place that decides what a "word" is.
//!
//! The same [`Analyzer`] serves three callers, so a query, an indexed passage and a lexicon
//! term are always analysed alike:
//! - indexing and querying, through the tantivy adapter in [`tantivy_adapter`], registered
//!   under [`ANALYZER_NAME`];
//! - lexicon matching in `classify`, which calls [`Analyzer::analyse`] directly.
//!
//! The chain: Unicode word segmentation (UAX #29), lower-casing, stopword removal (the list is
//! data, `lang/id/stopwords.txt`), then a [`Stemmer`]. Stopwords leave a gap in positions, as
//! tantivy's own stop filter does, so a phrase query skips them the same way on both sides.
//!
//! This module knows nothing of tantivy except the adapter.

pub mod stem;
pub mod stopwords;
pub mod tantivy_adapter;

use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

pub use stem::{IdentityStemmer, Stemmer};
pub use stopwords::Stopwords;
pub use tantivy_adapter::{register_analyzer, ANALYZER_NAME};

/// One analysed word: its index term and where it stands in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysedToken {
    /// The normalised, stemmed term that is indexed and matched.
    pub term: String,
    /// Byte offsets of the surface word in the analysed text.
    pub byte_start: usize,
    pub byte_end: usize,
    /// Word position, counting stopwords too (they leave gaps).
    pub position: usize,
}

/// The Indonesian analyser. Cheap to clone (its data is shared).
#[derive(Clone)]
pub struct Analyzer {
    stopwords: Arc<Stopwords>,
    stemmer: Arc<dyn Stemmer>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stopwords", &self.stopwords.len())
            .field("stemmer", &self.stemmer.name())
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::indonesian()
    }
}

impl Analyzer {
    /// The shipped analyser: the curated stopword list and the project's default stemmer.
    pub fn indonesian() -> Analyzer {
        Analyzer::new(Stopwords::embedded(), stem::default_stemmer())
    }

    /// An analyser from explicit parts (tests, or a stemmer under evaluation).
    pub fn new(stopwords: Stopwords, stemmer: Arc<dyn Stemmer>) -> Analyzer {
        Analyzer {
            stopwords: Arc::new(stopwords),
            stemmer,
        }
    }

    /// Calls `sink` for each analysed token of `text`, in order.
    pub fn for_each_token(&self, text: &str, mut sink: impl FnMut(AnalysedToken)) {
        let mut lowered = String::new();
        for (position, (start, word)) in text.unicode_word_indices().enumerate() {
            lowered.clear();
            lowered.extend(word.chars().flat_map(char::to_lowercase));
            if self.stopwords.contains(&lowered) {
                continue;
            }
            let term = self.stemmer.stem(&lowered).into_owned();
            sink(AnalysedToken {
                term,
                byte_start: start,
                byte_end: start + word.len(),
                position,
            });
        }
    }

    /// All analysed tokens of `text`.
    pub fn analyse(&self, text: &str) -> Vec<AnalysedToken> {
        let mut tokens = Vec::new();
        self.for_each_token(text, |token| tokens.push(token));
        tokens
    }

    /// Only the terms, in order (what a lexicon term or a query word becomes).
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.for_each_token(text, |token| terms.push(token.term));
        terms
    }

    /// Whether the lower-cased word is on the stopword list.
    pub fn is_stopword(&self, lowered_word: &str) -> bool {
        self.stopwords.contains(lowered_word)
    }

    /// The stemmer's name, recorded in the index so a changed analyser is noticed.
    pub fn stemmer_name(&self) -> &str {
        self.stemmer.name()
    }

    /// A fingerprint of the analysis (stemmer and stopword list), stored with ingested
    /// documents so a re-ingest after an analyser change re-analyses them.
    pub fn fingerprint(&self) -> String {
        format!("{}+{}", self.stemmer.name(), self.stopwords.fingerprint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_drops_stopwords_and_keeps_offsets() {
        let analyzer = Analyzer::indonesian();
        let text = "Bantuan yang TIDAK tepat sasaran";
        let tokens = analyzer.analyse(text);
        let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["bantuan", "tepat", "sasaran"]);
        assert_eq!(&text[tokens[2].byte_start..tokens[2].byte_end], "sasaran");
        // "yang" and "tidak" leave gaps in positions.
        assert_eq!(
            tokens.iter().map(|t| t.position).collect::<Vec<_>>(),
            [0, 3, 4]
        );
    }

    #[test]
    fn acronyms_and_numbers_stay_matchable() {
        let analyzer = Analyzer::indonesian();
        assert_eq!(
            analyzer.terms("Data DTKS 2024 (PKH)"),
            ["data", "dtks", "2024", "pkh"]
        );
    }
}
