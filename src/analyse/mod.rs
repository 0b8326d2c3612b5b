//! Indonesian text analysis: the one place that decides what a "word" is and what it means.
//!
//! The same [`Analyzer`] serves three callers, so a query, an indexed passage and a lexicon
//! term are always analysed alike:
//! - indexing and querying, through the tantivy adapter in [`tantivy_adapter`], registered
//!   under [`ANALYZER_NAME`];
//! - lexicon matching in `classify`, which calls [`Analyzer::for_each_token`] directly.
//!
//! The chain, for each word of the text:
//! 1. Unicode word segmentation ([`words`]: UAX #29, with an ASCII fast path);
//! 2. lower-casing and Unicode NFC;
//! 3. stopword removal ([`stopwords`], data in `lang/id/stopwords.txt`);
//! 4. spelling normalisation ([`normalise`]: `yg` -> `yang`, `anak2` -> `anak`; data in
//!    `lang/id/normalisation.txt`), and stopwords again on the result;
//! 5. stemming ([`Stemmer`]; the shipped one is the affix-aware [`ecs::EcsStemmer`] on the
//!    root dictionary [`roots`]), cached per distinct word and thread;
//! 6. hyphenated reduplication (`anak-anak`, `berlari-lari`) becomes one token when both
//!    halves have the same root.
//!
//! Stopwords leave a gap in positions, as tantivy's own stop filter does, so a phrase query
//! skips them the same way on both sides. The surface text is never changed: every token keeps
//! the byte range of the word it came from, for highlighting and evidence.
//!
//! This module knows nothing of tantivy except the adapter.

pub mod ecs;
pub mod normalise;
pub mod roots;
pub mod stem;
pub mod stopwords;
pub mod tantivy_adapter;
pub mod words;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

pub use normalise::{Normalised, Normaliser};
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

/// Distinguishes analysers in the per-thread stem cache.
static NEXT_ANALYZER_ID: AtomicU64 = AtomicU64::new(1);
/// Distinct words cached per thread before the cache starts over.
const STEM_CACHE_LIMIT: usize = 500_000;

/// Roots of the words one thread has seen, for the analyser with the id alongside.
type StemCache = (u64, FxHashMap<Box<str>, Box<str>>);

thread_local! {
    static STEM_CACHE: RefCell<StemCache> = RefCell::new((0, FxHashMap::default()));
}

/// The Indonesian analyser. Cheap to clone (its data is shared).
#[derive(Clone)]
pub struct Analyzer {
    stopwords: Arc<Stopwords>,
    normaliser: Arc<Normaliser>,
    stemmer: Arc<dyn Stemmer>,
    id: u64,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stopwords", &self.stopwords.len())
            .field("normalisations", &self.normaliser.len())
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
    /// The shipped analyser: curated stopwords, the normalisation table and the affix-aware
    /// stemmer. Built once per process and shared.
    pub fn indonesian() -> Analyzer {
        static SHIPPED: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                Analyzer::new(
                    Stopwords::embedded(),
                    Normaliser::embedded(),
                    stem::default_stemmer(),
                )
            })
            .clone()
    }

    /// An analyser from explicit parts (tests, or a stemmer under evaluation).
    pub fn new(
        stopwords: Stopwords,
        normaliser: Normaliser,
        stemmer: Arc<dyn Stemmer>,
    ) -> Analyzer {
        Analyzer {
            stopwords: Arc::new(stopwords),
            normaliser: Arc::new(normaliser),
            stemmer,
            id: NEXT_ANALYZER_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// A cursor over the analysed tokens of `text`.
    pub fn tokens<'a>(&'a self, text: &'a str) -> Tokens<'a> {
        Tokens {
            analyzer: self,
            text,
            words: words::words(text).peekable(),
            position: 0,
            lowered: String::new(),
            pending: VecDeque::new(),
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

    /// The distinct terms of `text` that contain a letter, and the pairs of adjacent terms
    /// (no stopword between), each with the lower-cased text it first came from: what
    /// frequency lists (`lexicon suggest`, `report --top-terms`) count.
    pub fn terms_and_pairs(&self, text: &str) -> std::collections::HashMap<String, String> {
        let tokens = self.analyse(text);
        let mut grams = std::collections::HashMap::new();
        for (i, token) in tokens.iter().enumerate() {
            if !token.term.chars().any(char::is_alphabetic) {
                continue;
            }
            grams
                .entry(token.term.clone())
                .or_insert_with(|| text[token.byte_start..token.byte_end].to_lowercase());
            if let Some(next) = tokens
                .get(i + 1)
                .filter(|n| n.position == token.position + 1)
            {
                grams
                    .entry(format!("{} {}", token.term, next.term))
                    .or_insert_with(|| text[token.byte_start..next.byte_end].to_lowercase());
            }
        }
        grams
    }

    /// Whether the lower-cased word is on the stopword list.
    pub fn is_stopword(&self, lowered_word: &str) -> bool {
        self.stopwords.contains(lowered_word)
    }

    /// The stemmer's name, recorded in the index so a changed analyser is noticed.
    pub fn stemmer_name(&self) -> &str {
        self.stemmer.name()
    }

    /// The stemmer itself (for `aspirasi stem`).
    pub fn stemmer(&self) -> &dyn Stemmer {
        self.stemmer.as_ref()
    }

    /// A fingerprint of the analysis (stemmer, stopwords, normalisation), stored with ingested
    /// documents so a re-ingest after an analyser change re-analyses them.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}+{}+{}",
            self.stemmer.name(),
            self.stopwords.fingerprint(),
            self.normaliser.fingerprint()
        )
    }

    /// Writes the root of a normalised word into `out`, through the per-thread cache.
    fn stem_into(&self, word: &str, out: &mut String) {
        out.clear();
        STEM_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.0 != self.id || cache.1.len() >= STEM_CACHE_LIMIT {
                cache.0 = self.id;
                cache.1.clear();
            }
            if let Some(root) = cache.1.get(word) {
                out.push_str(root);
                return;
            }
            let root = self.stemmer.stem(word);
            out.push_str(&root);
            cache.1.insert(word.into(), root.as_ref().into());
        });
    }
}

/// Analysed tokens of one text, produced on demand (see [`Analyzer::tokens`]).
pub struct Tokens<'a> {
    analyzer: &'a Analyzer,
    text: &'a str,
    words: std::iter::Peekable<words::Words<'a>>,
    position: usize,
    lowered: String,
    /// Tokens already made from a word that normalised to several words.
    pending: VecDeque<(String, usize, usize, usize)>,
}

impl Tokens<'_> {
    /// Moves to the next token: writes its term into `term` and returns its byte range and
    /// position, or `None` at the end of the text.
    pub fn next_into(&mut self, term: &mut String) -> Option<(usize, usize, usize)> {
        if let Some((pending, start, end, position)) = self.pending.pop_front() {
            term.clear();
            term.push_str(&pending);
            return Some((start, end, position));
        }
        while let Some((start, word)) = self.words.next() {
            let position = self.position;
            self.position += 1;
            lower_into(word, &mut self.lowered);
            let analyzer = self.analyzer;
            if analyzer.stopwords.contains(&self.lowered) {
                continue;
            }
            let mut end = start + word.len();
            match analyzer.normaliser.normalise(&self.lowered) {
                Normalised::One(standard) => {
                    if analyzer.stopwords.contains(standard) {
                        continue;
                    }
                    analyzer.stem_into(standard, term);
                }
                Normalised::Many(standards) => {
                    let mut kept = standards
                        .iter()
                        .filter(|w| !analyzer.stopwords.contains(w))
                        .map(|w| {
                            let mut root = String::new();
                            analyzer.stem_into(w, &mut root);
                            root
                        });
                    let Some(first) = kept.next() else {
                        continue;
                    };
                    for (extra, root) in kept.enumerate() {
                        self.pending
                            .push_back((root, start, end, position + extra + 1));
                    }
                    self.position += self.pending.len();
                    term.clear();
                    term.push_str(&first);
                    return Some((start, end, position));
                }
            }
            // `anak-anak`, `berlari-lari`: the second half joins the first when both share a root.
            if self.text.as_bytes().get(end) == Some(&b'-') {
                if let Some(&(next_start, next_word)) = self.words.peek() {
                    if next_start == end + 1 {
                        let mut next_lowered = String::new();
                        lower_into(next_word, &mut next_lowered);
                        let mut next_root = String::new();
                        if let Normalised::One(standard) =
                            analyzer.normaliser.normalise(&next_lowered)
                        {
                            analyzer.stem_into(standard, &mut next_root);
                        }
                        if next_root == *term {
                            self.words.next();
                            end = next_start + next_word.len();
                        }
                    }
                }
            }
            return Some((start, end, position));
        }
        None
    }
}

/// Lower case, and for non-ASCII words Unicode NFC, so a decomposed `é` (e + combining
/// accent, as some PDFs and phones write it) meets the composed one.
pub(crate) fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(word.nfc().flat_map(char::to_lowercase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_drops_stopwords_stems_and_keeps_offsets() {
        let analyzer = Analyzer::indonesian();
        let text = "Bantuan yang TIDAK tepat sasaran";
        let tokens = analyzer.analyse(text);
        let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["bantu", "tepat", "sasar"]);
        assert_eq!(&text[tokens[2].byte_start..tokens[2].byte_end], "sasaran");
        // "yang" and "tidak" leave gaps in positions.
        assert_eq!(
            tokens.iter().map(|t| t.position).collect::<Vec<_>>(),
            [0, 3, 4]
        );
    }

    #[test]
    fn affixed_forms_share_one_term() {
        let analyzer = Analyzer::indonesian();
        for word in [
            "pemberdayaan",
            "memberdayakan",
            "diberdayakan",
            "keberdayaan",
            "Berdaya",
        ] {
            assert_eq!(analyzer.terms(word), ["daya"], "{word}");
        }
        assert_eq!(
            analyzer.terms("para penyandang disabilitasnya"),
            analyzer.terms("penyandang disabilitas")
        );
    }

    #[test]
    fn informal_spellings_clitics_and_reduplication() {
        let analyzer = Analyzer::indonesian();
        assert_eq!(
            analyzer.terms("org yg gak dapet bansos"),
            analyzer.terms("orang yang tidak dapat bansos")
        );
        assert_eq!(analyzer.terms("anak2"), ["anak"]);
        let tokens = analyzer.analyse("anak-anak terlantar");
        assert_eq!(tokens[0].term, "anak");
        assert_eq!(
            (tokens[0].byte_start, tokens[0].byte_end),
            (0, 9),
            "one token spans both halves"
        );
        // The normaliser writes the KBBI spelling `telantar`; both spellings meet.
        assert_eq!(tokens[1].term, analyzer.terms("telantar")[0]);
        assert_eq!(analyzer.terms("bantuannya"), ["bantu"]);
    }

    #[test]
    fn composed_and_decomposed_accents_meet() {
        let analyzer = Analyzer::indonesian();
        assert_eq!(analyzer.terms("kafe\u{301}"), analyzer.terms("kaf\u{e9}"));
    }

    #[test]
    fn acronyms_numbers_and_roots_that_look_affixed_stay() {
        let analyzer = Analyzer::indonesian();
        assert_eq!(
            analyzer.terms("Data DTKS 2024 (PKH)"),
            ["data", "dtks", "2024", "pkh"]
        );
        assert_eq!(
            analyzer.terms("pantai perempuan berita ketua"),
            ["pantai", "perempuan", "berita", "ketua"]
        );
    }
}
