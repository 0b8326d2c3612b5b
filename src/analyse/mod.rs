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
pub mod words;

use std::sync::Arc;

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

/// An analysed word lent to a callback (no allocation per word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRef<'t> {
    pub term: &'t str,
    pub byte_start: usize,
    pub byte_end: usize,
    pub position: usize,
}

impl TokenRef<'_> {
    pub fn to_owned_token(self) -> AnalysedToken {
        AnalysedToken {
            term: self.term.to_string(),
            byte_start: self.byte_start,
            byte_end: self.byte_end,
            position: self.position,
        }
    }
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

    /// A cursor over the analysed tokens of `text` that allocates nothing per token.
    pub fn tokens<'a>(&'a self, text: &'a str) -> Tokens<'a> {
        Tokens {
            analyzer: self,
            words: words::words(text),
            position: 0,
            lowered: String::new(),
        }
    }

    /// Calls `sink` for each analysed token of `text`, in order.
    pub fn for_each_token(&self, text: &str, mut sink: impl FnMut(TokenRef<'_>)) {
        let mut tokens = self.tokens(text);
        let mut term = String::new();
        while let Some((byte_start, byte_end, position)) = tokens.next_into(&mut term) {
            sink(TokenRef {
                term: &term,
                byte_start,
                byte_end,
                position,
            });
        }
    }

    /// All analysed tokens of `text`.
    pub fn analyse(&self, text: &str) -> Vec<AnalysedToken> {
        let mut tokens = Vec::new();
        self.for_each_token(text, |token| tokens.push(token.to_owned_token()));
        tokens
    }

    /// Only the terms, in order (what a lexicon term or a query word becomes).
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.for_each_token(text, |token| terms.push(token.term.to_string()));
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

/// Analysed tokens of one text, produced on demand (see [`Analyzer::tokens`]).
pub struct Tokens<'a> {
    analyzer: &'a Analyzer,
    words: words::Words<'a>,
    position: usize,
    lowered: String,
}

impl Tokens<'_> {
    /// Moves to the next token: writes its term into `term` and returns its byte range and
    /// position, or `None` at the end of the text.
    pub fn next_into(&mut self, term: &mut String) -> Option<(usize, usize, usize)> {
        for (start, word) in self.words.by_ref() {
            let position = self.position;
            self.position += 1;
            self.lowered.clear();
            if word.is_ascii() {
                self.lowered.push_str(word);
                self.lowered.make_ascii_lowercase();
            } else {
                self.lowered
                    .extend(word.chars().flat_map(char::to_lowercase));
            }
            if self.analyzer.stopwords.contains(&self.lowered) {
                continue;
            }
            term.clear();
            term.push_str(&self.analyzer.stemmer.stem(&self.lowered));
            return Some((start, start + word.len(), position));
        }
        None
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
