//! `aspirasi lexicon check`: lints a lexicon set the way a curator needs before a release:
//! entries that analyse to nothing, duplicates within a theme, the same entry in several
//! themes, exclusions that can never fire, and words the stemmer has no root for.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analyse::ecs::EcsStemmer;
use crate::analyse::{Analyzer, Normalised, Normaliser};

use super::lexicon::{EntryKind, Lexicon};
use super::matcher::starting_literals;
use super::{Classifier, LexiconSet};

/// How serious a finding is: errors make the check fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem found in a lexicon.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub theme: String,
    pub entry: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        if self.theme.contains('.') {
            write!(f, "lexicons/{}: {severity}: ", self.theme)?;
        } else {
            write!(f, "lexicons/{}.toml: {severity}: ", self.theme)?;
        }
        if let Some(entry) = &self.entry {
            write!(f, "{entry:?}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Checks every lexicon of `set`.
pub fn check(set: &LexiconSet, analyzer: &Analyzer, stemmer: &EcsStemmer) -> Vec<Finding> {
    let normaliser = Normaliser::embedded();
    let mut findings = Vec::new();
    // analysed form -> (theme, pattern) of its first occurrence, across themes
    let mut seen_anywhere: BTreeMap<String, (String, String)> = BTreeMap::new();
    for lexicon in set.lexicons() {
        let finding = |severity, entry: Option<&str>, message: String| Finding {
            severity,
            theme: lexicon.id.clone(),
            entry: entry.map(str::to_string),
            message,
        };
        let mut seen_here: BTreeMap<String, String> = BTreeMap::new();
        for entry in lexicon.all_entries() {
            let pattern = entry.pattern.as_str();
            let form = match entry.kind {
                EntryKind::Analysed => {
                    let parts: Vec<Vec<String>> = pattern
                        .split("...")
                        .map(|part| analyzer.terms(part))
                        .collect();
                    if parts.iter().any(Vec::is_empty) {
                        findings.push(finding(
                            Severity::Error,
                            Some(pattern),
                            "analyses to nothing (only stopwords, or an empty part around `...`): it can never match".into(),
                        ));
                        continue;
                    }
                    let written = pattern.split("...").flat_map(str::split_whitespace).count();
                    let analysed: usize = parts.iter().map(Vec::len).sum();
                    if written > 1 && analysed == 1 {
                        findings.push(finding(
                            Severity::Warning,
                            Some(pattern),
                            format!(
                                "the other words are stopwords, so this phrase matches every {:?}: write it with kind = \"exact\", or choose other words",
                                parts.concat().join(" ")
                            ),
                        ));
                    } else if written > analysed {
                        findings.push(finding(
                            Severity::Note,
                            Some(pattern),
                            format!(
                                "matches as {:?}: stopwords are skipped",
                                parts
                                    .iter()
                                    .map(|p| p.join(" "))
                                    .collect::<Vec<_>>()
                                    .join(" ... ")
                            ),
                        ));
                    }
                    for word in pattern.split("...").flat_map(str::split_whitespace) {
                        if let Some(message) = unknown_root(word, analyzer, stemmer, &normaliser) {
                            findings.push(finding(Severity::Note, Some(pattern), message));
                        }
                    }
                    parts
                        .iter()
                        .map(|p| p.join(" "))
                        .collect::<Vec<_>>()
                        .join(" ... ")
                }
                EntryKind::Exact => format!("exact:{pattern}"),
                EntryKind::Prefix => format!("prefix:{}", pattern.to_lowercase()),
                EntryKind::Regex => format!("regex:{pattern}"),
            };
            if let Some(first) = seen_here.get(&form) {
                findings.push(finding(
                    Severity::Warning,
                    Some(pattern),
                    format!("duplicate: analyses like {first:?} in the same lexicon"),
                ));
                continue;
            }
            seen_here.insert(form.clone(), pattern.to_string());
            match seen_anywhere.get(&form) {
                Some((theme, first)) if *theme != lexicon.id => findings.push(finding(
                    Severity::Note,
                    Some(pattern),
                    format!("also in theme {theme} (as {first:?}): a match counts for both"),
                )),
                Some(_) => {}
                None => {
                    seen_anywhere.insert(form, (lexicon.id.clone(), pattern.to_string()));
                }
            }
        }
        for exclusion in &lexicon.exclude {
            if pattern_is_empty(exclusion, analyzer) {
                findings.push(finding(
                    Severity::Error,
                    Some(exclusion),
                    "exclusion analyses to nothing: it can never fire".into(),
                ));
            } else if !exclusion_can_fire(lexicon, exclusion, analyzer) {
                if regex_may_start_inside(lexicon, exclusion) {
                    findings.push(finding(
                        Severity::Note,
                        Some(exclusion),
                        "no word entry matches inside it: it vetoes only a regular expression that starts in it".into(),
                    ));
                } else {
                    findings.push(finding(
                        Severity::Warning,
                        Some(exclusion),
                        "exclusion can never fire: no entry of this theme matches inside it".into(),
                    ));
                }
            }
        }
    }
    if let Some(model) = set.model() {
        if model.lexicon_fingerprint != set.lexicon_fingerprint() {
            findings.push(Finding {
                severity: Severity::Warning,
                theme: super::lexicon::MODEL_FILE.to_string(),
                entry: None,
                message: format!(
                    "the theme model was trained with other lexicons ({} here, {} in the model): retrain it with `aspirasi lexicon train`",
                    set.lexicon_fingerprint(),
                    model.lexicon_fingerprint
                ),
            });
        }
    }
    findings.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.theme.cmp(&b.theme)));
    findings
}

fn pattern_is_empty(pattern: &str, analyzer: &Analyzer) -> bool {
    pattern
        .split("...")
        .any(|part| analyzer.terms(part).is_empty())
}

/// Whether some entry of the lexicon matches inside the exclusion's own text.
fn exclusion_can_fire(lexicon: &Lexicon, exclusion: &str, analyzer: &Analyzer) -> bool {
    let mut bare = lexicon.clone();
    bare.exclude.clear();
    bare.threshold = f64::MIN_POSITIVE;
    let classifier = Classifier::new(analyzer.clone(), LexiconSet::from_lexicons(vec![bare]));
    let text = exclusion.replace("...", " ");
    !classifier.matches(&text).is_empty()
}

/// Whether one of the lexicon's regular expressions may start at a word of `exclusion` (and
/// so run into it): its starting literals begin a word there. A regex without a short set of
/// starting literals may start anywhere.
fn regex_may_start_inside(lexicon: &Lexicon, exclusion: &str) -> bool {
    let words: Vec<String> = exclusion
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    lexicon
        .entries
        .iter()
        .filter(|entry| entry.kind == EntryKind::Regex)
        .any(|entry| match starting_literals(&entry.pattern) {
            None => true,
            Some(literals) => literals.iter().any(|literal| {
                let literal = String::from_utf8_lossy(literal).to_lowercase();
                words.iter().any(|word| word.starts_with(literal.as_str()))
            }),
        })
}

/// A note when a word of an analysed entry has no root in the dictionary (it then matches
/// only that form; acronyms are better as `kind = "exact"`).
fn unknown_root(
    word: &str,
    analyzer: &Analyzer,
    stemmer: &EcsStemmer,
    normaliser: &Normaliser,
) -> Option<String> {
    let lowered = word.to_lowercase();
    if analyzer.is_stopword(&lowered) || lowered.chars().any(|c| !c.is_alphabetic()) {
        return None;
    }
    let standard = match normaliser.normalise(&lowered) {
        Normalised::One(standard) => standard.to_string(),
        Normalised::Many(_) => return None,
    };
    let root = stemmer.root(&standard);
    if stemmer.roots().contains(&root) {
        return None;
    }
    Some(format!(
        "{word:?} has no root in the dictionary, so it matches only as {root:?} (an acronym? use kind = \"exact\"; a common root? add it to lang/id/roots-extra.txt)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon "t" with the given entries and exclusions (TOML).
    fn test_lexicon(body: &str) -> Lexicon {
        let header = "id = \"t\"\nversion = \"1\"\nlabel = \"T\"\nlabel_en = \"T\"\n\
                      description = \"\"\ndescription_en = \"\"\n";
        toml::from_str(&format!("{header}{body}")).unwrap()
    }

    #[test]
    fn finds_empty_duplicate_and_dead_exclusion_entries() {
        let lexicon = test_lexicon(
            r#"
            terms = ["yang", "lansia", "lanjut usia", "Lansia", "zzqx", "sudah tua"]
            exclude = ["iklim investasi", "lansia bahagia"]
            "#,
        );
        let set = LexiconSet::from_lexicons(vec![lexicon]);
        let findings = check(&set, &Analyzer::indonesian(), &EcsStemmer::embedded());
        let text: Vec<String> = findings.iter().map(ToString::to_string).collect();
        let has = |needle: &str| text.iter().any(|t| t.contains(needle));
        assert!(has("\"yang\": analyses to nothing"), "{text:#?}");
        assert!(has("\"Lansia\": duplicate"), "{text:#?}");
        assert!(
            has("\"iklim investasi\": exclusion can never fire"),
            "{text:#?}"
        );
        assert!(
            !has("\"lansia bahagia\": exclusion can never fire"),
            "{text:#?}"
        );
        assert!(has("\"zzqx\" has no root"), "{text:#?}");
        assert!(
            has("\"sudah tua\": the other words are stopwords, so this phrase matches every \"tua\""),
            "{text:#?}"
        );
        assert_eq!(findings[0].severity, Severity::Error);
    }

    #[test]
    fn an_exclusion_a_regex_may_run_into_is_not_called_dead() {
        let lexicon = test_lexicon(
            r#"
            exclude = ["anak buah", "anak perusahaan", "iklim usaha"]

            [[entry]]
            pattern = "(anak|bocah)\\w*\\W+(\\w+\\W+){0,3}?kerja"
            kind = "regex"
            "#,
        );
        let set = LexiconSet::from_lexicons(vec![lexicon]);
        let findings = check(&set, &Analyzer::indonesian(), &EcsStemmer::embedded());
        let severity_of = |exclusion: &str| {
            findings
                .iter()
                .find(|f| f.entry.as_deref() == Some(exclusion))
                .map(|f| f.severity)
        };
        assert_eq!(
            severity_of("anak buah"),
            Some(Severity::Note),
            "{findings:#?}"
        );
        assert_eq!(severity_of("anak perusahaan"), Some(Severity::Note));
        assert_eq!(severity_of("iklim usaha"), Some(Severity::Warning));
    }

    #[test]
    fn the_shipped_lexicons_have_no_errors_or_warnings() {
        let findings = check(
            &LexiconSet::embedded(),
            &Analyzer::indonesian(),
            &EcsStemmer::embedded(),
        );
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.severity != Severity::Note)
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
