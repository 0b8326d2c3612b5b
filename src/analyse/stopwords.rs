//! The stopword list: data in `lang/id/stopwords.txt` (one word a line, `#` comments),
//! embedded in the binary so the tool works from any directory.

use rustc_hash::FxHashSet;

const EMBEDDED: &str = include_str!("../../lang/id/stopwords.txt");

/// A set of lower-case words that carry no theme meaning.
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    words: FxHashSet<String>,
    fingerprint: String,
}

impl Stopwords {
    /// The curated list shipped with aspirasi.
    pub fn embedded() -> Stopwords {
        Stopwords::parse(EMBEDDED)
    }

    /// Parses a list: one word a line, blank lines and `#` comments ignored.
    pub fn parse(text: &str) -> Stopwords {
        let words: FxHashSet<String> = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim().to_lowercase())
            .filter(|word| !word.is_empty())
            .collect();
        let mut sorted: Vec<&str> = words.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        let hash = blake3::hash(sorted.join("\n").as_bytes());
        Stopwords {
            fingerprint: hash.to_hex()[..12].to_string(),
            words,
        }
    }

    /// An empty list (for tests and for comparison runs).
    pub fn none() -> Stopwords {
        Stopwords::parse("")
    }

    pub fn contains(&self, lowered_word: &str) -> bool {
        self.words.contains(lowered_word)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Short content hash of the list.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}
