//! The theme model: a statistical check beside the lexicons, trained on passages people coded.
//!
//! Lexicons alone over-count themes named in passing and miss themes described in words no
//! curator listed. The model learns from the coded gold sets what a passage that *is about* a
//! theme looks like, and decides together with the lexicons:
//!
//! - a **text model** per theme: logistic regression on the passage's character n-grams (2 to
//!   5 characters of each lower-cased word, with its edges marked), weighted by TF-IDF;
//! - a **lexicon model** per theme: logistic regression on what the lexicon matched (score,
//!   score against threshold, share of all themes' scores, distinct entries, strongest entry,
//!   passage length);
//! - passages shorter than the shortest one it was trained on (a greeting, "pengangguran
//!   tinggi bgt") are decided by the lexicons alone;
//! - the theme is assigned when the two probabilities, weighted 0.6 (text) to 0.4
//!   (lexicon), reach 0.4. Share and cut-off were chosen by holding out each of the four
//!   development gold sets of the time in turn; with eight sets, the share, `TEXT_C` and
//!   `KEPT_WEIGHTS` were checked again (see `aspirasi lexicon train`).
//!
//! The model is stored as text (`lexicons/model.tsv`), written by `aspirasi lexicon train`,
//! and records the lexicons' fingerprint it was trained with. Evidence for a theme the model
//! assigns is the lexicon's matches plus the passage words that weighed most in the text
//! model (kind `model`).

use std::collections::BTreeSet;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::analyse::lower_into;
use crate::analyse::words::words;
use crate::error::{Error, Result};

/// Shortest and longest character n-gram of a word.
const GRAM_MIN: usize = 2;
const GRAM_MAX: usize = 5;
/// A gram must occur in this many training passages to be kept.
const MIN_DOCUMENT_FREQUENCY: usize = 2;
/// Inverse regularisation strength of the text model (as in liblinear's `C`).
const TEXT_C: f64 = 30.0;
/// Inverse regularisation strength of the lexicon model.
const LEXICON_C: f64 = 1.0;
/// Largest number of non-zero gram weights kept per theme.
const KEPT_WEIGHTS: usize = 5000;
/// Share of the text model in the combined probability (the lexicon model has the rest).
const TEXT_SHARE: f64 = 0.6;
/// Combined probability from which a theme is assigned.
pub const DECISION: f64 = 0.4;
/// Number of lexicon features.
pub const LEXICON_FEATURES: usize = 9;
/// The word-edge mark in grams (`_ana`, `nak_`).
const EDGE: char = '_';

/// What a lexicon matched for one theme in one passage, thresholds aside.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LexiconScore {
    /// Sum of the weights of the kept matches.
    pub score: f64,
    /// Number of distinct entries among them.
    pub distinct_entries: usize,
    /// The largest weight among them.
    pub strongest: f64,
}

/// A trained theme model.
#[derive(Debug, Clone)]
pub struct ThemeModel {
    /// Tells models apart in the per-thread word cache.
    cache_key: u64,
    /// Theme ids, in the lexicon set's order.
    pub themes: Vec<String>,
    /// Fingerprint of the lexicon set the lexicon features came from.
    pub lexicon_fingerprint: String,
    /// What it was trained on (file names and passage counts), for the record.
    pub trained_on: String,
    /// Words in the shortest training passage: shorter passages are outside what the model
    /// has seen, and the lexicons decide them alone.
    pub min_words: usize,
    /// Gram hash -> gram id; the gram's text by id.
    grams: FxHashMap<u64, u32>,
    gram_text: Vec<String>,
    idf: Vec<f32>,
    /// Every gram's weight for every theme.
    gram_weights: GramWeights,
    text_bias: Vec<f32>,
    /// Per theme: the lexicon features' coefficients, then the bias.
    lexicon_coefficients: Vec<[f32; LEXICON_FEATURES + 1]>,
}

/// One coded passage to learn from.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub labels: BTreeSet<String>,
    /// The lexicon scores of every theme (in model order).
    pub lexicon: Vec<LexiconScore>,
}

/// A passage seen by the text model: its words, what each added to each theme's logit, and
/// the logits. Computed once per passage.
pub struct TextFeatures {
    /// Per word: byte start, byte end, and the range of its grams in the gram list.
    words: Vec<(usize, usize, std::ops::Range<usize>)>,
    /// Per word and theme (word-major): what the word added to the theme's logit.
    contributions: Vec<f32>,
    logits: Vec<f64>,
}

impl TextFeatures {
    /// Words in the passage.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }
}

impl ThemeModel {
    /// The passage's text features.
    pub fn text_features(&self, text: &str) -> TextFeatures {
        let mut word_spans = Vec::new();
        let mut word_grams: Vec<u32> = Vec::new();
        let mut lowered = String::new();
        let mut scratch = GramScratch::default();
        let (values, slots) = THREAD_SCRATCH.with_borrow_mut(|thread| {
            if thread.model != self.cache_key || thread.words.len() >= WORD_CACHE_LIMIT {
                thread.model = self.cache_key;
                thread.words.clear();
            }
            for (start, word) in words(text) {
                lower_into(word, &mut lowered);
                let first = word_grams.len();
                if let Some(ids) = thread.words.get(lowered.as_str()) {
                    word_grams.extend_from_slice(ids);
                } else {
                    for_each_gram(&lowered, &mut scratch, |gram| {
                        if let Some(&id) = self.grams.get(&gram_hash(gram)) {
                            word_grams.push(id);
                        }
                    });
                    thread
                        .words
                        .insert(lowered.clone(), word_grams[first..].into());
                }
                word_spans.push((start, start + word.len(), first..word_grams.len()));
            }
            tf_idf(&word_grams, &self.idf, &mut thread.slot_of)
        });
        // A gram met n times adds 1/n of its value each time, so the words' contributions
        // add up to the logits.
        let shares: Vec<(u32, f32)> = values
            .iter()
            .map(|(id, value, count)| (*id, value / (*count).max(1) as f32))
            .collect();
        let themes = self.themes.len();
        let mut contributions = vec![0.0f32; word_spans.len() * themes];
        for (row, (_, _, grams)) in contributions
            .chunks_exact_mut(themes.max(1))
            .zip(&word_spans)
        {
            for &slot in &slots[grams.clone()] {
                let (id, share) = shares[slot as usize];
                for (sum, weight) in row.iter_mut().zip(self.gram_weights.row(id)) {
                    *sum += weight * share;
                }
            }
        }
        let mut logits: Vec<f64> = self.text_bias.iter().map(|b| f64::from(*b)).collect();
        for row in contributions.chunks_exact(themes.max(1)) {
            for (logit, c) in logits.iter_mut().zip(row) {
                *logit += f64::from(*c);
            }
        }
        TextFeatures {
            words: word_spans,
            contributions,
            logits,
        }
    }

    /// The combined probability of theme `theme` (index in [`ThemeModel::themes`]); the
    /// theme is assigned from [`DECISION`].
    pub fn probability(
        &self,
        theme: usize,
        text: &TextFeatures,
        lexicon: &[LexiconScore],
        thresholds: &[f64],
    ) -> f64 {
        let text_probability = sigmoid(text.logits[theme]);
        let features = lexicon_features(theme, lexicon, thresholds, text.word_count());
        let coefficients = &self.lexicon_coefficients[theme];
        let mut logit = f64::from(coefficients[LEXICON_FEATURES]);
        for (x, c) in features.iter().zip(coefficients) {
            logit += x * f64::from(*c);
        }
        TEXT_SHARE * text_probability + (1.0 - TEXT_SHARE) * sigmoid(logit)
    }

    /// For each of `themes`, the words of `text` that pushed it most in the text model,
    /// strongest first, each word once: (byte start, byte end, contribution to the logit).
    pub fn strongest_words(
        &self,
        themes: &[usize],
        text: &str,
        features: &TextFeatures,
        limit: usize,
    ) -> Vec<Vec<(usize, usize, f64)>> {
        let count = self.themes.len();
        themes
            .iter()
            .map(|theme| {
                let mut scored: Vec<(usize, usize, f64)> = features
                    .words
                    .iter()
                    .enumerate()
                    .map(|(word, (start, end, _))| {
                        let c = features.contributions[word * count + theme];
                        (*start, *end, f64::from(c))
                    })
                    .filter(|(_, _, c)| *c > 0.0)
                    .collect();
                scored.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
                let mut strongest: Vec<(usize, usize, f64)> = Vec::new();
                for candidate in scored {
                    if strongest.len() == limit {
                        break;
                    }
                    let word = text[candidate.0..candidate.1].to_lowercase();
                    if !strongest
                        .iter()
                        .any(|s| text[s.0..s.1].to_lowercase() == word)
                    {
                        strongest.push(candidate);
                    }
                }
                strongest
            })
            .collect()
    }

    /// Trains a model on coded passages. `thresholds` are the lexicons' thresholds in theme
    /// order; `trained_on` is recorded in the file.
    pub fn train(
        themes: &[String],
        thresholds: &[f64],
        examples: &[Example],
        lexicon_fingerprint: &str,
        trained_on: &str,
    ) -> ThemeModel {
        let mut document_frequency: FxHashMap<String, usize> = FxHashMap::default();
        let mut lowered = String::new();
        let mut scratch = GramScratch::default();
        for example in examples {
            let mut seen: BTreeSet<String> = BTreeSet::new();
            for (_, word) in words(&example.text) {
                lower_into(word, &mut lowered);
                for_each_gram(&lowered, &mut scratch, |gram| {
                    seen.insert(gram.to_string());
                });
            }
            for gram in seen {
                *document_frequency.entry(gram).or_default() += 1;
            }
        }
        let mut vocabulary: Vec<&String> = document_frequency
            .iter()
            .filter(|(_, df)| **df >= MIN_DOCUMENT_FREQUENCY)
            .map(|(g, _)| g)
            .collect();
        vocabulary.sort_unstable();
        let n = examples.len() as f64;
        let grams: FxHashMap<u64, u32> = vocabulary
            .iter()
            .enumerate()
            .map(|(i, g)| (gram_hash(g), i as u32))
            .collect();
        let gram_text: Vec<String> = vocabulary.iter().map(|g| (*g).clone()).collect();
        let idf: Vec<f32> = vocabulary
            .iter()
            .map(|g| ((1.0 + n) / (1.0 + document_frequency[*g] as f64)).ln() as f32 + 1.0)
            .collect();
        let mut slot_of = Vec::new();
        let rows: Vec<Vec<(u32, f32)>> = examples
            .iter()
            .map(|e| {
                tf_idf(&known_grams(&e.text, &grams), &idf, &mut slot_of)
                    .0
                    .into_iter()
                    .map(|(id, value, _)| (id, value))
                    .collect()
            })
            .collect();
        let word_counts: Vec<usize> = examples.iter().map(|e| words(&e.text).count()).collect();
        let lexicon_rows: Vec<Vec<Vec<(u32, f32)>>> = (0..themes.len())
            .map(|theme| {
                examples
                    .iter()
                    .zip(&word_counts)
                    .map(|(e, words)| {
                        lexicon_features(theme, &e.lexicon, thresholds, *words)
                            .iter()
                            .enumerate()
                            .map(|(i, x)| (i as u32, *x as f32))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let fitted: Vec<(Vec<f32>, f32, [f32; LEXICON_FEATURES + 1])> = themes
            .par_iter()
            .enumerate()
            .map(|(theme, id)| {
                let y: Vec<bool> = examples.iter().map(|e| e.labels.contains(id)).collect();
                let positives = y.iter().filter(|v| **v).count().max(1) as f64;
                let negatives = (y.len() as f64 - positives).max(1.0);
                let balanced: Vec<f64> = y
                    .iter()
                    .map(|&v| {
                        if v {
                            n / (2.0 * positives)
                        } else {
                            n / (2.0 * negatives)
                        }
                    })
                    .collect();
                let (mut weights, bias) = fit_logistic(&rows, idf.len(), &y, &balanced, TEXT_C);
                keep_strongest(&mut weights, KEPT_WEIGHTS);
                let ones = vec![1.0; y.len()];
                let (coefficients, lexicon_bias) =
                    fit_logistic(&lexicon_rows[theme], LEXICON_FEATURES, &y, &ones, LEXICON_C);
                let mut lexicon = [0.0f32; LEXICON_FEATURES + 1];
                lexicon[..LEXICON_FEATURES].copy_from_slice(&coefficients);
                lexicon[LEXICON_FEATURES] = lexicon_bias;
                (weights, bias, lexicon)
            })
            .collect();
        let mut gram_weights = GramWeights::new(themes.len());
        for gram in 0..idf.len() {
            gram_weights.push(
                fitted
                    .iter()
                    .enumerate()
                    .filter(|(_, (weights, _, _))| weights[gram] != 0.0)
                    .map(|(theme, (weights, _, _))| (theme as u16, weights[gram])),
            );
        }
        ThemeModel {
            cache_key: new_cache_key(),
            themes: themes.to_vec(),
            lexicon_fingerprint: lexicon_fingerprint.to_string(),
            trained_on: trained_on.to_string(),
            min_words: word_counts.iter().copied().min().unwrap_or(0),
            grams,
            gram_text,
            idf,
            gram_weights,
            text_bias: fitted.iter().map(|f| f.1).collect(),
            lexicon_coefficients: fitted.iter().map(|f| f.2).collect(),
        }
    }

    /// The model as the text of `lexicons/model.tsv`.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# aspirasi theme model 1: written by `aspirasi lexicon train`; do not edit by hand.\n",
        );
        out.push_str(&format!(
            "trained_on\t{}\n",
            self.trained_on.replace(['\t', '\n'], " ")
        ));
        out.push_str(&format!("lexicons\t{}\n", self.lexicon_fingerprint));
        out.push_str(&format!("min_words\t{}\n", self.min_words));
        out.push_str(&format!("themes\t{}\n", self.themes.join("\t")));
        out.push_str("text_bias");
        for b in &self.text_bias {
            out.push_str(&format!("\t{}", round(*b)));
        }
        out.push('\n');
        for (theme, coefficients) in self.themes.iter().zip(&self.lexicon_coefficients) {
            out.push_str(&format!("lexicon\t{theme}"));
            for c in coefficients {
                out.push_str(&format!("\t{}", round(*c)));
            }
            out.push('\n');
        }
        for (id, gram) in self.gram_text.iter().enumerate() {
            out.push_str(&format!("gram\t{gram}\t{}", round(self.idf[id])));
            for (theme, w) in self.gram_weights.row(id as u32).iter().enumerate() {
                if *w != 0.0 {
                    out.push_str(&format!("\t{theme}:{}", round(*w)));
                }
            }
            out.push('\n');
        }
        out
    }

    /// Reads a model written by [`ThemeModel::to_tsv`]; `origin` names it in errors.
    pub fn parse(text: &str, origin: &std::path::Path) -> Result<ThemeModel> {
        let bad = |line: usize, message: String| Error::Config {
            path: origin.to_path_buf(),
            message: format!("line {line}: {message}"),
        };
        let number = |line: usize, s: &str| {
            s.parse::<f32>()
                .map_err(|_| bad(line, format!("{s:?} is not a number")))
        };
        let mut model = ThemeModel {
            cache_key: new_cache_key(),
            themes: Vec::new(),
            lexicon_fingerprint: String::new(),
            trained_on: String::new(),
            min_words: 0,
            grams: FxHashMap::default(),
            gram_text: Vec::new(),
            idf: Vec::new(),
            gram_weights: GramWeights::new(0),
            text_bias: Vec::new(),
            lexicon_coefficients: Vec::new(),
        };
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            match fields[0] {
                "trained_on" => model.trained_on = fields[1..].join(" "),
                "lexicons" => model.lexicon_fingerprint = fields.get(1).unwrap_or(&"").to_string(),
                "min_words" => {
                    model.min_words = fields
                        .get(1)
                        .and_then(|s| s.parse().ok())
                        .ok_or_else(|| bad(line_number, "min_words needs a whole number".into()))?
                }
                "themes" => {
                    model.themes = fields[1..].iter().map(|s| s.to_string()).collect();
                    model.gram_weights = GramWeights::new(model.themes.len());
                }
                "text_bias" => {
                    model.text_bias = fields[1..]
                        .iter()
                        .map(|s| number(line_number, s))
                        .collect::<Result<_>>()?
                }
                "lexicon" => {
                    if fields.len() != LEXICON_FEATURES + 3 {
                        return Err(bad(
                            line_number,
                            "a lexicon line needs a theme and 10 numbers".into(),
                        ));
                    }
                    let mut coefficients = [0.0f32; LEXICON_FEATURES + 1];
                    for (c, s) in coefficients.iter_mut().zip(&fields[2..]) {
                        *c = number(line_number, s)?;
                    }
                    model.lexicon_coefficients.push(coefficients);
                }
                "gram" => {
                    if fields.len() < 3 {
                        return Err(bad(
                            line_number,
                            "a gram line needs the gram and its idf".into(),
                        ));
                    }
                    if model.themes.is_empty() {
                        return Err(bad(
                            line_number,
                            "a gram line before the themes line".into(),
                        ));
                    }
                    let id = model.idf.len() as u32;
                    model.grams.insert(gram_hash(fields[1]), id);
                    model.gram_text.push(fields[1].to_string());
                    model.idf.push(number(line_number, fields[2])?);
                    let mut weights = Vec::new();
                    for pair in &fields[3..] {
                        let (theme, w) = pair.split_once(':').ok_or_else(|| {
                            bad(line_number, format!("{pair:?} is not theme:weight"))
                        })?;
                        let theme: u16 = theme
                            .parse()
                            .ok()
                            .filter(|t| usize::from(*t) < model.themes.len())
                            .ok_or_else(|| {
                                bad(line_number, format!("{theme:?} is not a theme index"))
                            })?;
                        weights.push((theme, number(line_number, w)?));
                    }
                    model.gram_weights.push(weights);
                }
                other => return Err(bad(line_number, format!("unknown line kind {other:?}"))),
            }
        }
        let themes = model.themes.len();
        if themes == 0
            || model.text_bias.len() != themes
            || model.lexicon_coefficients.len() != themes
        {
            return Err(Error::Config {
                path: origin.to_path_buf(),
                message: "the model's themes, biases and lexicon lines do not agree".into(),
            });
        }
        Ok(model)
    }
}

/// The lexicon features of theme `theme`.
fn lexicon_features(
    theme: usize,
    lexicon: &[LexiconScore],
    thresholds: &[f64],
    words_in_passage: usize,
) -> [f64; LEXICON_FEATURES] {
    let own = lexicon.get(theme).copied().unwrap_or_default();
    let total: f64 = lexicon.iter().map(|s| s.score).sum();
    let top = lexicon.iter().map(|s| s.score).fold(0.0, f64::max);
    let threshold = thresholds.get(theme).copied().unwrap_or(1.0).max(1e-9);
    let words = words_in_passage.max(1) as f64;
    [
        own.score,
        own.score / threshold,
        if own.score + 1e-9 >= threshold {
            1.0
        } else {
            0.0
        },
        own.score / (total + 1e-9),
        own.score / (top + 1e-9),
        own.distinct_entries as f64,
        own.strongest,
        words.ln(),
        own.score / words * 10.0,
    ]
}

/// The ids of the known grams of `text`'s lower-cased words, as they occur.
fn known_grams(text: &str, grams: &FxHashMap<u64, u32>) -> Vec<u32> {
    let mut ids = Vec::new();
    let mut lowered = String::new();
    let mut scratch = GramScratch::default();
    for (_, word) in words(text) {
        lower_into(word, &mut lowered);
        for_each_gram(&lowered, &mut scratch, |gram| {
            if let Some(&id) = grams.get(&gram_hash(gram)) {
                ids.push(id);
            }
        });
    }
    ids
}

/// A gram's key (64-bit FxHash: collisions among some ten thousand grams are negligible).
fn gram_hash(gram: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    gram.hash(&mut hasher);
    hasher.finish()
}

/// What a thread keeps between passages for the model with cache key `model`: the words
/// whose grams it has already looked up (a word's grams are hashed and looked up once, not at
/// every occurrence), and [`tf_idf`]'s table of slots.
struct ThreadScratch {
    model: u64,
    words: FxHashMap<String, Box<[u32]>>,
    slot_of: Vec<u32>,
}
thread_local! {
    static THREAD_SCRATCH: std::cell::RefCell<ThreadScratch> = std::cell::RefCell::new(ThreadScratch {
        model: u64::MAX,
        words: FxHashMap::default(),
        slot_of: Vec::new(),
    });
}
/// Words a thread keeps before it starts its cache afresh.
const WORD_CACHE_LIMIT: usize = 200_000;

/// A key no other model in this process has.
fn new_cache_key() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Every gram's weight for every theme, a row of one weight per theme for each gram. It is
/// read at every gram occurrence at ingest, so it is dense and read without branches (some
/// 20,000 grams and 14 themes: about 1 MB).
#[derive(Debug, Clone)]
struct GramWeights {
    themes: usize,
    rows: Vec<f32>,
}

impl GramWeights {
    fn new(themes: usize) -> GramWeights {
        GramWeights {
            themes,
            rows: Vec::new(),
        }
    }

    fn row(&self, gram: u32) -> &[f32] {
        let start = gram as usize * self.themes;
        &self.rows[start..start + self.themes]
    }

    /// Appends the next gram's row, from its non-zero (theme index, weight) pairs.
    fn push(&mut self, weights: impl IntoIterator<Item = (u16, f32)>) {
        let start = self.rows.len();
        self.rows.resize(start + self.themes, 0.0);
        for (theme, weight) in weights {
            self.rows[start + usize::from(theme)] = weight;
        }
    }
}

/// Reused buffers for [`for_each_gram`].
#[derive(Default)]
struct GramScratch {
    padded: String,
    starts: Vec<usize>,
}

/// Calls `visit` with every gram of `word` (already lower case), edges marked.
fn for_each_gram(word: &str, scratch: &mut GramScratch, mut visit: impl FnMut(&str)) {
    let GramScratch { padded, starts } = scratch;
    padded.clear();
    padded.push(EDGE);
    padded.push_str(word);
    padded.push(EDGE);
    starts.clear();
    starts.extend(padded.char_indices().map(|(i, _)| i));
    starts.push(padded.len());
    let chars = starts.len() - 1;
    for n in GRAM_MIN..=GRAM_MAX {
        for i in 0..chars.saturating_sub(n - 1) {
            visit(&padded[starts[i]..starts[i + n]]);
        }
    }
}

/// Sublinear TF times IDF of the grams `ids` (repeated as they occur), L2-normalised:
/// (gram id, value, occurrences) in order of first occurrence, and for every occurrence the
/// index of its gram in that list. `slot_of` is a reusable table (one entry per gram of the
/// vocabulary `idf`), so that counting needs neither sorting nor hashing.
fn tf_idf(ids: &[u32], idf: &[f32], slot_of: &mut Vec<u32>) -> (Vec<(u32, f32, u32)>, Vec<u32>) {
    const UNSEEN: u32 = u32::MAX;
    if slot_of.len() != idf.len() {
        slot_of.clear();
        slot_of.resize(idf.len(), UNSEEN);
    }
    let mut values: Vec<(u32, f32, u32)> = Vec::new();
    let slots: Vec<u32> = ids
        .iter()
        .map(|&id| {
            let slot = &mut slot_of[id as usize];
            if *slot == UNSEEN {
                *slot = values.len() as u32;
                values.push((id, 0.0, 0));
            }
            values[*slot as usize].2 += 1;
            *slot
        })
        .collect();
    let mut norm = 0.0f32;
    for (id, value, count) in &mut values {
        slot_of[*id as usize] = UNSEEN;
        let tf = if *count == 1 {
            1.0
        } else {
            1.0 + (*count as f32).ln()
        };
        *value = tf * idf[*id as usize];
        norm += *value * *value;
    }
    let norm = norm.sqrt();
    if norm > 0.0 {
        for value in &mut values {
            value.1 /= norm;
        }
    }
    (values, slots)
}

/// L2-regularised logistic regression, `C` as in liblinear: minimises
/// `|w|²/2 + C Σ s_i log(1 + exp(-y_i (w·x_i + b)))`, by full-batch Adam.
fn fit_logistic(
    rows: &[Vec<(u32, f32)>],
    dimensions: usize,
    y: &[bool],
    sample_weights: &[f64],
    c: f64,
) -> (Vec<f32>, f32) {
    const ITERATIONS: usize = 600;
    const RATE: f64 = 0.05;
    let n = rows.len().max(1) as f64;
    let mut w = vec![0.0f64; dimensions + 1];
    let mut m = vec![0.0f64; dimensions + 1];
    let mut v = vec![0.0f64; dimensions + 1];
    let mut gradient = vec![0.0f64; dimensions + 1];
    let (beta1, beta2) = (0.9f64, 0.999f64);
    for step in 1..=ITERATIONS {
        for (g, wi) in gradient.iter_mut().zip(&w).take(dimensions) {
            *g = wi / (c * n);
        }
        gradient[dimensions] = 0.0;
        for ((row, &label), &s) in rows.iter().zip(y).zip(sample_weights) {
            let z = w[dimensions]
                + row
                    .iter()
                    .map(|(j, x)| w[*j as usize] * f64::from(*x))
                    .sum::<f64>();
            let g = s * (sigmoid(z) - if label { 1.0 } else { 0.0 }) / n;
            for (j, x) in row {
                gradient[*j as usize] += g * f64::from(*x);
            }
            gradient[dimensions] += g;
        }
        let rate = RATE * (1.0 - beta2.powi(step as i32)).sqrt() / (1.0 - beta1.powi(step as i32));
        for j in 0..=dimensions {
            m[j] = beta1 * m[j] + (1.0 - beta1) * gradient[j];
            v[j] = beta2 * v[j] + (1.0 - beta2) * gradient[j] * gradient[j];
            w[j] -= rate * m[j] / (v[j].sqrt() + 1e-8);
        }
    }
    let bias = w.pop().unwrap_or(0.0) as f32;
    (w.into_iter().map(|x| x as f32).collect(), bias)
}

/// Zeroes all but the `keep` largest weights by magnitude.
fn keep_strongest(weights: &mut [f32], keep: usize) {
    if weights.len() <= keep {
        return;
    }
    let mut magnitudes: Vec<f32> = weights.iter().map(|w| w.abs()).collect();
    let cut = weights.len() - keep;
    magnitudes.select_nth_unstable_by(cut, f32::total_cmp);
    let floor = magnitudes[cut];
    for w in weights.iter_mut() {
        if w.abs() < floor {
            *w = 0.0;
        }
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Four decimals are plenty for a weight, and keep the file small.
fn round(x: f32) -> String {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r}")
    }
}
