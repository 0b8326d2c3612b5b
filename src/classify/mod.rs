//! Classification: which strategic-issue themes a passage speaks to, and the evidence.
//!
//! - [`lexicon`] loads the curated, versioned theme lexicons (`lexicons/*.toml`).
//! - [`matcher`] matches their terms against a passage through the same [`Analyzer`] that
//!   indexes and queries, so a lexicon term and a passage word meet as the same index term.
//!
//! [`Analyzer`]: crate::analyse::Analyzer

pub mod check;
pub mod eval;
pub mod lexicon;
pub mod liwc;
pub mod matcher;
pub mod suggest;

pub use lexicon::{Entry, EntryKind, Lexicon, LexiconSet, THEME_IDS};
pub use matcher::Classifier;
