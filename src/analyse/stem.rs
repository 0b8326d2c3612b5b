//! The stemmer interface. The analyser calls whatever [`Stemmer`] it was built with; the
//! affix-aware Indonesian stemmer plugs in here by changing [`default_stemmer`] alone.

use std::borrow::Cow;
use std::sync::Arc;

/// Reduces a lower-cased word to its index term.
pub trait Stemmer: Send + Sync {
    /// The root (or the word itself when nothing is stripped).
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str>;
    /// A short name that identifies the algorithm and its data version.
    fn name(&self) -> &str;
}

/// Leaves every word as it is: the foundation's placeholder until the affix-aware stemmer.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityStemmer;

impl Stemmer for IdentityStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(word)
    }

    fn name(&self) -> &str {
        "identity-1"
    }
}

/// The stemmer the shipped analyser uses.
pub fn default_stemmer() -> Arc<dyn Stemmer> {
    Arc::new(IdentityStemmer)
}
