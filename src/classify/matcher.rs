//! Matching lexicon entries in passages, and deciding themes.
//!
//! Entry kinds (see `lexicons/README.md`): analysed words and phrases meet the passage
//! through the one analyser (so `pemberdayaan` matches `berdaya`), with `...` allowing up to
//! [`MAX_GAP`] words between parts of a phrase; exact entries compare the words as written;
//! prefix entries the beginning of a word; regex entries (opt-in) the text itself, on word
//! boundaries.
//!
//! Deciding a theme, for each theme on its own:
//! 1. a match that overlaps one of the theme's exclusion contexts is dropped
//!    (`iklim investasi` vetoes `iklim`);
//! 2. of overlapping matches the longest wins (`perlindungan sosial adaptif` counts once,
//!    not also as `perlindungan sosial`); ties go to the earlier;
//! 3. the weights of the remaining matches are added up; the theme is assigned when the sum
//!    reaches the lexicon's threshold.
//!
//! Themes do not compete: one word may count for several themes (`anak jalanan` is both
//! anak and rehabilitasi_sosial when both lexicons list it). The kept matches of assigned
//! themes are the passage's evidence, with character offsets.

use aho_corasick::AhoCorasick;
use regex::Regex;
use rustc_hash::FxHashMap;

use crate::analyse::lower_into;
use crate::analyse::words::words;
use crate::analyse::Analyzer;
use crate::passage::{Evidence, Passage};

use super::lexicon::EntryKind;
use super::model::{LexiconScore, DECISION};
use super::LexiconSet;

/// How many of the words that weighed most in the theme model are shown as its evidence.
const MODEL_WORDS: usize = 3;
/// Most analysed words a `...` in a phrase may skip.
pub const MAX_GAP: usize = 3;
/// Id of a passage word that no lexicon entry uses.
const NOT_IN_LEXICONS: u32 = u32::MAX;

/// An entry ready to match.
#[derive(Debug, Clone)]
struct CompiledEntry {
    theme: usize,
    pattern: String,
    kind: EntryKind,
    weight: f64,
    /// An exclusion context rather than an entry.
    exclusion: bool,
}

/// An analysed pattern: parts separated by `...`, each a run of vocabulary ids.
#[derive(Debug, Clone)]
struct AnalysedPattern {
    entry: usize,
    parts: Vec<Vec<u32>>,
}

#[derive(Debug, Clone)]
struct ExactPattern {
    entry: usize,
    words: Vec<String>,
    case_sensitive: bool,
}

/// A match before themes are decided: entry index and byte span.
#[derive(Debug, Clone, Copy)]
struct Hit {
    entry: usize,
    start: usize,
    end: usize,
}

/// Classifies passages with a [`LexiconSet`].
#[derive(Debug, Clone)]
pub struct Classifier {
    analyzer: Analyzer,
    lexicons: LexiconSet,
    entries: Vec<CompiledEntry>,
    vocabulary: FxHashMap<String, u32>,
    /// Analysed entries as their terms joined by spaces (`perubahan iklim` -> `ubah iklim`).
    analysed_forms: rustc_hash::FxHashSet<String>,
    /// Analysed patterns by the id of their first word.
    by_first_word: Vec<Vec<AnalysedPattern>>,
    /// Exact patterns by their first word, lower-cased.
    exact: FxHashMap<String, Vec<ExactPattern>>,
    prefixes: Vec<(usize, String)>,
    regexes: Vec<(usize, Regex)>,
    /// The words a regex entry must start with, all regexes at once: one pass over a passage
    /// finds the few regexes worth running (running each over every passage was the
    /// classifier's main cost).
    regex_triggers: Option<RegexTriggers>,
}

/// Which regexes can match where their starting literals occur.
#[derive(Debug, Clone)]
struct RegexTriggers {
    automaton: AhoCorasick,
    /// For each literal of the automaton, the regex it starts.
    regex_of_literal: Vec<usize>,
    /// Each regex anchored at the start of the text it is given (`None`: not anchorable).
    anchored: Vec<Option<Regex>>,
    /// Regexes with no known starting literal: always run over the whole text.
    always: Vec<usize>,
}

impl RegexTriggers {
    fn build(regexes: &[(usize, Regex)], patterns: &[&str]) -> Option<RegexTriggers> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut regex_of_literal = Vec::new();
        let mut always = Vec::new();
        for (i, pattern) in patterns.iter().enumerate() {
            match starting_literals(pattern) {
                Some(found) if !found.is_empty() => {
                    for literal in found {
                        literals.push(literal);
                        regex_of_literal.push(i);
                    }
                }
                _ => always.push(i),
            }
        }
        debug_assert_eq!(patterns.len(), regexes.len());
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&literals)
            .ok()?;
        let anchored = patterns
            .iter()
            .map(|p| Regex::new(&format!("(?i)^(?:{p}){}", regex_tail())).ok())
            .collect();
        Some(RegexTriggers {
            automaton,
            regex_of_literal,
            anchored,
            always,
        })
    }

    /// Matches `(regex index, start, end)`: each triggered regex tried only where its
    /// starting word occurs, anchored there; the others over the whole text.
    fn matches(&self, text: &str, regexes: &[(usize, Regex)]) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        // Where each regex is worth trying: at the start of a word (a match elsewhere would
        // fail the word-boundary check anyway), once per place.
        let mut tries: Vec<(usize, usize)> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|hit| {
                !text[..hit.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
            .map(|hit| (self.regex_of_literal[hit.pattern().as_usize()], hit.start()))
            .collect();
        tries.sort_unstable();
        tries.dedup();
        let mut unanchored_done: Vec<usize> = Vec::new();
        for (regex, start) in tries {
            match &self.anchored[regex] {
                Some(anchored) => {
                    if let Some(m) = anchored.find(&text[start..]) {
                        found.push((regex, start, start + m.end()));
                    }
                }
                None => {
                    if !self.always.contains(&regex) && !unanchored_done.contains(&regex) {
                        unanchored_done.push(regex);
                        found.extend(
                            regexes[regex]
                                .1
                                .find_iter(text)
                                .map(|m| (regex, m.start(), m.end())),
                        );
                    }
                }
            }
        }
        for &regex in &self.always {
            found.extend(
                regexes[regex]
                    .1
                    .find_iter(text)
                    .map(|m| (regex, m.start(), m.end())),
            );
        }
        found
    }
}

/// The literals every match of `pattern` starts with (as written, to be compared without
/// regard to ASCII case), or `None` when there is no short finite set.
pub(crate) fn starting_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let seq = extractor.extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty()
        || literals.len() > 64
        || literals.iter().any(|l| l.as_bytes().is_empty())
    {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

impl Classifier {
    /// Compiles the lexicons with `analyzer` (the same one the index uses).
    pub fn new(analyzer: Analyzer, lexicons: LexiconSet) -> Classifier {
        let mut classifier = Classifier {
            analyzer,
            lexicons: lexicons.clone(),
            entries: Vec::new(),
            vocabulary: FxHashMap::default(),
            analysed_forms: Default::default(),
            by_first_word: Vec::new(),
            exact: FxHashMap::default(),
            prefixes: Vec::new(),
            regexes: Vec::new(),
            regex_triggers: None,
        };
        for (theme, lexicon) in lexicons.lexicons().iter().enumerate() {
            for entry in lexicon.all_entries() {
                classifier.add(CompiledEntry {
                    theme,
                    pattern: entry.pattern,
                    kind: entry.kind,
                    weight: entry.weight,
                    exclusion: false,
                });
            }
            for exclusion in &lexicon.exclude {
                classifier.add(CompiledEntry {
                    theme,
                    pattern: exclusion.clone(),
                    kind: EntryKind::Analysed,
                    weight: 0.0,
                    exclusion: true,
                });
            }
        }
        let patterns: Vec<&str> = classifier
            .regexes
            .iter()
            .map(|(entry, _)| classifier.entries[*entry].pattern.as_str())
            .collect();
        classifier.regex_triggers = RegexTriggers::build(&classifier.regexes, &patterns);
        classifier
    }

    fn add(&mut self, entry: CompiledEntry) {
        let index = self.entries.len();
        match entry.kind {
            EntryKind::Analysed => {
                let parts: Vec<Vec<u32>> = entry
                    .pattern
                    .split("...")
                    .map(|part| {
                        self.analyzer
                            .terms(part)
                            .into_iter()
                            .map(|word| {
                                let next = self.vocabulary.len() as u32;
                                *self.vocabulary.entry(word).or_insert(next)
                            })
                            .collect::<Vec<u32>>()
                    })
                    .filter(|part| !part.is_empty())
                    .collect();
                let Some(first) = parts.first().and_then(|p| p.first()).copied() else {
                    return; // only stopwords: `lexicon check` reports it
                };
                if !entry.exclusion && parts.len() == 1 {
                    let form = entry
                        .pattern
                        .split_whitespace()
                        .flat_map(|w| self.analyzer.terms(w))
                        .collect::<Vec<_>>()
                        .join(" ");
                    self.analysed_forms.insert(form);
                }
                if self.by_first_word.len() < self.vocabulary.len() {
                    self.by_first_word.resize(self.vocabulary.len(), Vec::new());
                }
                self.by_first_word[first as usize].push(AnalysedPattern {
                    entry: index,
                    parts,
                });
            }
            EntryKind::Exact => {
                let words: Vec<String> =
                    words(&entry.pattern).map(|(_, w)| w.to_string()).collect();
                let Some(first) = words.first() else {
                    return;
                };
                let case_sensitive = entry.pattern.chars().any(char::is_uppercase);
                self.exact
                    .entry(first.to_lowercase())
                    .or_default()
                    .push(ExactPattern {
                        entry: index,
                        words,
                        case_sensitive,
                    });
            }
            EntryKind::Prefix => {
                let prefix = entry.pattern.trim().trim_end_matches('*').to_lowercase();
                if prefix.is_empty() {
                    return;
                }
                self.prefixes.push((index, prefix));
            }
            EntryKind::Regex => {
                // Checked when the lexicon was loaded; an invalid one is skipped here.
                if let Ok(regex) = Regex::new(&format!("(?i)(?:{}){}", entry.pattern, regex_tail()))
                {
                    self.regexes.push((index, regex));
                }
            }
        }
        self.entries.push(entry);
    }

    pub fn lexicons(&self) -> &LexiconSet {
        &self.lexicons
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Whether an analysed term, or terms joined by a space, is an analysed entry of some
    /// lexicon (for `lexicon suggest`).
    pub fn covers(&self, terms: &str) -> bool {
        self.analysed_forms.contains(terms)
    }

    /// Every entry and exclusion match in `text`, in no particular order.
    fn hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if self.entries.is_empty() {
            return hits;
        }
        // Analysed entries.
        let mut tokens: Vec<(u32, usize, usize)> = Vec::new();
        self.analyzer.for_each_token(text, |token| {
            let id = self
                .vocabulary
                .get(token.term)
                .copied()
                .unwrap_or(NOT_IN_LEXICONS);
            tokens.push((id, token.byte_start, token.byte_end));
        });
        for (i, &(id, start, _)) in tokens.iter().enumerate() {
            let Some(patterns) = self.by_first_word.get(id as usize) else {
                continue;
            };
            for pattern in patterns {
                if let Some(last) = match_parts(&pattern.parts, &tokens, i) {
                    // A `...` gap stays within one sentence; words that must follow one
                    // another stay within one clause ("waktu kerja, anak ..." is not
                    // "pekerja anak").
                    let span = &text[start..tokens[last].2];
                    let breaks = last > i
                        && if pattern.parts.len() > 1 {
                            span.contains(SENTENCE_END)
                        } else {
                            span.contains(CLAUSE_END)
                        };
                    if breaks {
                        continue;
                    }
                    hits.push(Hit {
                        entry: pattern.entry,
                        start,
                        end: tokens[last].2,
                    });
                }
            }
        }
        // Exact and prefix entries, on the words as written.
        if !self.exact.is_empty() || !self.prefixes.is_empty() {
            let surface: Vec<(usize, &str)> = words(text).collect();
            let mut lowered = String::new();
            let mut base_buffer = String::new();
            for (k, &(start, word)) in surface.iter().enumerate() {
                lower_into(word, &mut lowered);
                if let Some(patterns) = self.exact.get(lowered.as_str()) {
                    for pattern in patterns {
                        if let Some(end) = match_exact(pattern, &surface, k) {
                            hits.push(Hit {
                                entry: pattern.entry,
                                start,
                                end,
                            });
                        }
                    }
                } else {
                    // `PKHnya`, `dinikahin`: a one-word exact entry with a clitic or the
                    // colloquial -in ending.
                    for_each_colloquial_base(&lowered, &mut base_buffer, |base| {
                        let Some(patterns) = self.exact.get(base) else {
                            return;
                        };
                        for pattern in patterns.iter().filter(|p| p.words.len() == 1) {
                            let written = word.get(..pattern.words[0].len());
                            if !pattern.case_sensitive || written == Some(pattern.words[0].as_str())
                            {
                                hits.push(Hit {
                                    entry: pattern.entry,
                                    start,
                                    end: start + word.len(),
                                });
                            }
                        }
                    });
                }
                for (entry, prefix) in &self.prefixes {
                    if lowered.starts_with(prefix.as_str()) {
                        hits.push(Hit {
                            entry: *entry,
                            start,
                            end: start + word.len(),
                        });
                    }
                }
            }
        }
        // Regular expressions, on whole words only.
        let regex_matches: Vec<(usize, usize, usize)> = match &self.regex_triggers {
            Some(triggers) if !self.regexes.is_empty() => triggers.matches(text, &self.regexes),
            _ => self
                .regexes
                .iter()
                .enumerate()
                .flat_map(|(i, (_, r))| r.find_iter(text).map(move |m| (i, m.start(), m.end())))
                .collect(),
        };
        for (regex, start, end) in regex_matches {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let bounded = !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
                && end > start;
            if bounded {
                hits.push(Hit {
                    entry: self.regexes[regex].0,
                    start,
                    end,
                });
            }
        }
        hits
    }

    /// Per theme with a match left after its exclusions and overlaps: the kept matches (in
    /// text order) and the sum of their weights.
    fn scored(&self, text: &str) -> Vec<(usize, Vec<Hit>, f64)> {
        let mut hits = self.hits(text);
        let mut scored = Vec::new();
        hits.sort_by_key(|h| (self.entries[h.entry].theme, h.start));
        for group in
            hits.chunk_by(|a, b| self.entries[a.entry].theme == self.entries[b.entry].theme)
        {
            let theme = self.entries[group[0].entry].theme;
            let (exclusions, mut matches): (Vec<Hit>, Vec<Hit>) =
                group.iter().partition(|h| self.entries[h.entry].exclusion);
            matches.retain(|m| !exclusions.iter().any(|x| overlaps(m, x)));
            matches.sort_by(|a, b| {
                (b.end - b.start)
                    .cmp(&(a.end - a.start))
                    .then(a.start.cmp(&b.start))
            });
            let mut kept: Vec<Hit> = Vec::new();
            for candidate in matches {
                if !kept.iter().any(|k| overlaps(k, &candidate)) {
                    kept.push(candidate);
                }
            }
            if kept.is_empty() {
                continue;
            }
            let score: f64 = kept.iter().map(|k| self.entries[k.entry].weight).sum();
            kept.sort_by_key(|k| k.start);
            scored.push((theme, kept, score));
        }
        scored
    }

    fn lexicon_score(&self, kept: &[Hit], score: f64) -> LexiconScore {
        let mut entries: Vec<usize> = kept.iter().map(|k| k.entry).collect();
        entries.sort_unstable();
        entries.dedup();
        LexiconScore {
            score,
            distinct_entries: entries.len(),
            strongest: kept
                .iter()
                .map(|k| self.entries[k.entry].weight)
                .fold(0.0, f64::max),
        }
    }

    /// What each theme's lexicon matched in `text`, thresholds aside (in theme order).
    pub fn lexicon_scores(&self, text: &str) -> Vec<LexiconScore> {
        let mut scores = vec![LexiconScore::default(); self.lexicons.lexicons().len()];
        for (theme, kept, score) in self.scored(text) {
            scores[theme] = self.lexicon_score(&kept, score);
        }
        scores
    }

    /// The themes of `text` (in theme order) and their evidence. Without a theme model a
    /// theme is assigned when its lexicon score reaches the threshold; with one, when the
    /// model's combined probability reaches 0.4 (see [`super::model`]), except in passages
    /// shorter than any the model was trained on.
    pub fn themes_of(&self, text: &str) -> (Vec<String>, Vec<Evidence>) {
        let scored = self.scored(text);
        let lexicons = self.lexicons.lexicons();
        let mut themes = Vec::new();
        // (theme, byte start, byte end, term, kind, weight)
        let mut items: Vec<(usize, usize, usize, String, &str, f64)> = Vec::new();
        let lexicon_items = |theme: usize, kept: &[Hit]| {
            kept.iter()
                .map(|k| {
                    let entry = &self.entries[k.entry];
                    (
                        theme,
                        k.start,
                        k.end,
                        entry.pattern.clone(),
                        entry.kind.name(),
                        entry.weight,
                    )
                })
                .collect::<Vec<_>>()
        };
        // The model's pass over the words also counts them; a passage shorter than any the
        // model was trained on is left to the thresholds.
        let model = self
            .lexicons
            .model()
            .map(|model| (model, model.text_features(text)))
            .filter(|(model, features)| features.word_count() >= model.min_words);
        match model {
            None => {
                for (theme, kept, score) in &scored {
                    if *score + 1e-9 >= lexicons[*theme].threshold {
                        themes.push(*theme);
                        items.extend(lexicon_items(*theme, kept));
                    }
                }
            }
            Some((model, features)) => {
                let mut scores = vec![LexiconScore::default(); lexicons.len()];
                for (theme, kept, score) in &scored {
                    scores[*theme] = self.lexicon_score(kept, *score);
                }
                let thresholds: Vec<f64> = lexicons.iter().map(|l| l.threshold).collect();
                let mut probabilities = Vec::new();
                for theme in 0..lexicons.len() {
                    let probability = model.probability(theme, &features, &scores, &thresholds);
                    if probability < DECISION {
                        continue;
                    }
                    themes.push(theme);
                    probabilities.push(probability);
                    if let Some((_, kept, _)) = scored.iter().find(|(t, _, _)| *t == theme) {
                        items.extend(lexicon_items(theme, kept));
                    }
                }
                let strongest = model.strongest_words(&themes, text, &features, MODEL_WORDS);
                for ((theme, probability), words) in themes.iter().zip(probabilities).zip(strongest)
                {
                    let term = format!("model p={probability:.2}");
                    for (start, end, contribution) in words {
                        let weight = (contribution * 100.0).round() / 100.0;
                        items.push((*theme, start, end, term.clone(), "model", weight));
                    }
                }
            }
        }
        items.sort_by_key(|item| (item.0, item.1));
        // Character offsets for all items in one walk over the text.
        let mut boundaries: Vec<usize> = items.iter().flat_map(|i| [i.1, i.2]).collect();
        boundaries.sort_unstable();
        boundaries.dedup();
        let mut char_at: FxHashMap<usize, usize> = FxHashMap::default();
        let mut wanted = boundaries.iter().peekable();
        for (chars, (byte, _)) in text.char_indices().chain([(text.len(), ' ')]).enumerate() {
            while wanted.peek().is_some_and(|b| **b == byte) {
                char_at.insert(byte, chars);
                wanted.next();
            }
            if wanted.peek().is_none() {
                break;
            }
        }
        let evidence = items
            .into_iter()
            .map(|(theme, start, end, term, kind, weight)| Evidence {
                theme: lexicons[theme].id.clone(),
                term,
                kind: kind.to_string(),
                weight,
                char_start: char_at.get(&start).copied().unwrap_or(0),
                char_end: char_at.get(&end).copied().unwrap_or(0),
                surface: text[start..end].to_string(),
            })
            .collect();
        let themes = themes.into_iter().map(|t| lexicons[t].id.clone()).collect();
        (themes, evidence)
    }

    /// Every kept match of every theme in `text`, whether or not the theme reaches its
    /// threshold (for evaluation and curation).
    pub fn matches(&self, text: &str) -> Vec<Evidence> {
        self.themes_of(text).1
    }

    /// Sets a passage's themes and evidence.
    pub fn classify(&self, passage: &mut Passage) {
        let (themes, evidence) = self.themes_of(&passage.text);
        passage.themes = themes;
        passage.evidence = evidence;
    }
}

/// Whether an exact pattern matches the surface words from `k`; the byte end if so.
fn match_exact(pattern: &ExactPattern, surface: &[(usize, &str)], k: usize) -> Option<usize> {
    let n = pattern.words.len();
    let words = surface.get(k..k + n)?;
    let fits = pattern.words.iter().zip(words).all(|(want, (_, got))| {
        if pattern.case_sensitive {
            got == want
        } else {
            got.to_lowercase() == want.to_lowercase()
        }
    });
    let (last_start, last_word) = words.last()?;
    fits.then_some(last_start + last_word.len())
}

/// What is appended to every regex entry: the match must end a word, optionally after a clitic or
/// the colloquial `-in` (`dipukul` matches in `dipukulin`, `bansos` in `bansosnya`), and
/// among the pattern's alternatives the one that ends a word is taken (`dipukuli`, not the
/// `dipukul` inside it).
fn regex_tail() -> String {
    format!(r"(?:-?(?:{}))?\b", CLITICS.join("|"))
}

/// Endings that may follow a word without making it another word: the clitics (`-nya`,
/// `-lah`, `-kah`, `-pun`, `-ku`, `-mu`, also written with a hyphen) and colloquial `-in`.
const CLITICS: [&str; 7] = ["nya", "lah", "kah", "pun", "ku", "mu", "in"];

/// Calls `visit` with what a lower-cased word may be a clitic or colloquial form of:
/// `pkhnya` -> `pkh`, `dinikahin` -> `dinikah`, `dinikahkan`, `dinikahi` (`buffer` is reused
/// so most words cost no allocation).
fn for_each_colloquial_base(word: &str, buffer: &mut String, mut visit: impl FnMut(&str)) {
    for clitic in CLITICS {
        let Some(base) = word.strip_suffix(clitic) else {
            continue;
        };
        let base = base.strip_suffix('-').unwrap_or(base);
        if base.len() < 3 {
            continue;
        }
        visit(base);
        if clitic == "in" {
            for ending in ["kan", "i"] {
                buffer.clear();
                buffer.push_str(base);
                buffer.push_str(ending);
                visit(buffer);
            }
        }
    }
}

/// What ends a sentence, for `...` gaps.
const SENTENCE_END: [char; 4] = ['.', '!', '?', '\n'];
/// What ends a clause, for words that must follow one another.
const CLAUSE_END: [char; 9] = ['.', '!', '?', '\n', ',', ';', ':', '(', ')'];

fn overlaps(a: &Hit, b: &Hit) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether `parts` match from token `i`: the first part contiguously at `i`, each later part
/// within [`MAX_GAP`] tokens of the previous one. Returns the index of the last token.
fn match_parts(parts: &[Vec<u32>], tokens: &[(u32, usize, usize)], i: usize) -> Option<usize> {
    let fits_at = |part: &[u32], at: usize| {
        at + part.len() <= tokens.len()
            && part
                .iter()
                .zip(&tokens[at..])
                .all(|(want, got)| *want == got.0)
    };
    let first = parts.first()?;
    if !fits_at(first, i) {
        return None;
    }
    let mut next = i + first.len();
    for part in &parts[1..] {
        let found = (next..=next + MAX_GAP).find(|&at| fits_at(part, at))?;
        next = found + part.len();
    }
    Some(next - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Lexicon;

    fn classifier() -> Classifier {
        Classifier::new(Analyzer::indonesian(), LexiconSet::embedded())
    }

    fn custom(toml: &str) -> Classifier {
        let lexicon: Lexicon = toml::from_str(toml).unwrap();
        Classifier::new(
            Analyzer::indonesian(),
            LexiconSet::from_lexicons(vec![lexicon]),
        )
    }

    const HEAD: &str = "id = \"t\"\nversion = \"1\"\nlabel = \"T\"\nlabel_en = \"T\"\ndescription = \"\"\ndescription_en = \"\"\n";

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
        assert!(empty.themes_of("lansia terlantar").0.is_empty());
    }

    #[test]
    fn gapped_phrases_exact_prefix_and_regex_entries() {
        let c = custom(&format!(
            "{HEAD}terms = [\"bantuan ... tepat sasaran\"]\n\
             [[entry]]\npattern = \"KAT\"\nkind = \"exact\"\n\
             [[entry]]\npattern = \"disabilit\"\nkind = \"prefix\"\n\
             [[entry]]\npattern = \"rp ?[0-9.]+ ?(juta|miliar)\"\nkind = \"regex\"\n"
        ));
        let surfaces = |text: &str| -> Vec<String> {
            c.themes_of(text).1.into_iter().map(|e| e.surface).collect()
        };
        assert_eq!(
            surfaces("bantuan PKH tidak tepat sasaran"),
            ["bantuan PKH tidak tepat sasaran"]
        );
        assert!(
            surfaces("bantuan beras dari gudang dinas sosial provinsi akhirnya tepat sasaran")
                .is_empty(),
            "too far apart"
        );
        assert_eq!(surfaces("warga KAT di hulu"), ["KAT"]);
        assert!(
            surfaces("kat pertama").is_empty(),
            "exact with capitals is case-sensitive"
        );
        assert_eq!(surfaces("kaum disabilitas"), ["disabilitas"]);
        assert_eq!(surfaces("anggaran Rp 4 miliar"), ["Rp 4 miliar"]);
    }

    #[test]
    fn regexes_are_triggered_by_their_starting_words() {
        let literals = starting_literals("(anak|bayi)\\w*\\W+(dipukul|disiksa)").unwrap();
        let words: Vec<&str> = literals
            .iter()
            .map(|l| std::str::from_utf8(l).unwrap())
            .collect();
        assert_eq!(words, ["anak", "bayi"]);
        assert!(
            starting_literals("\\w+ku").is_none(),
            "no starting word: always run"
        );
        let c = custom(&format!(
            "{HEAD}[[entry]]\npattern = \"(anak|bayi)\\\\w*\\\\W+(dipukul|disiksa)\"\nkind = \"regex\"\n"
        ));
        assert_eq!(
            c.themes_of("ANAK dipukul").0,
            ["t"],
            "triggers ignore case like the regex"
        );
        assert!(c.themes_of("kucing dipukul").0.is_empty());
    }

    #[test]
    fn clitics_and_colloquial_endings_still_end_a_word() {
        let c = custom(&format!(
            "{HEAD}[[entry]]\npattern = \"(anak)\\\\W+(dipukul|dipukuli)\"\nkind = \"regex\"\n\
             [[entry]]\npattern = \"PKH\"\nkind = \"exact\"\n\
             [[entry]]\npattern = \"dinikahkan\"\nkind = \"exact\"\n"
        ));
        let surfaces = |text: &str| -> Vec<String> {
            c.themes_of(text).1.into_iter().map(|e| e.surface).collect()
        };
        assert_eq!(
            surfaces("anak dipukuli"),
            ["anak dipukuli"],
            "the alternative that ends a word"
        );
        assert_eq!(surfaces("anak dipukulin tiap malam"), ["anak dipukulin"]);
        assert_eq!(surfaces("anak dipukulnya"), ["anak dipukulnya"]);
        assert!(
            surfaces("anak dipukulkan").is_empty(),
            "-kan is not a clitic"
        );
        assert_eq!(surfaces("PKHnya telat"), ["PKHnya"]);
        assert_eq!(surfaces("PKH-nya telat"), ["PKH"]);
        assert!(surfaces("pkhnya telat").is_empty(), "still case-sensitive");
        assert_eq!(surfaces("udah dinikahin"), ["dinikahin"]);
        assert!(surfaces("dinikah").is_empty());
    }

    #[test]
    fn exclusions_veto_and_the_longest_match_wins() {
        let c = custom(&format!(
            "{HEAD}terms = [\"iklim\", \"perubahan iklim\", \"perubahan iklim ekstrem\"]\nexclude = [\"iklim investasi\", \"iklim usaha\"]\n"
        ));
        assert!(c.themes_of("iklim investasi membaik").0.is_empty());
        assert!(c.themes_of("Iklim usaha di daerah").0.is_empty());
        let (themes, evidence) = c.themes_of("perubahan iklim ekstrem melanda");
        assert_eq!(themes, ["t"]);
        assert_eq!(evidence.len(), 1, "{evidence:?}");
        assert_eq!(evidence[0].term, "perubahan iklim ekstrem");
    }

    #[test]
    fn weights_add_up_to_the_threshold() {
        let c = custom(&format!(
            "{HEAD}threshold = 2\n[[entry]]\npattern = \"lansia\"\nweight = 1\n[[entry]]\npattern = \"jompo\"\nweight = 2\n"
        ));
        assert!(c.themes_of("lansia").0.is_empty(), "1 < 2");
        assert_eq!(c.themes_of("lansia dan lansia").0, ["t"], "1 + 1");
        assert_eq!(c.themes_of("panti jompo").0, ["t"]);
    }
}
