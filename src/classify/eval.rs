//! `aspirasi eval`: the lexicons against passages a person coded. Per theme precision,
//! recall, F1 and support; micro and macro averages; the share of passages with no theme;
//! and the worst false positives and negatives as keyword-in-context lines, so a curator
//! sees why.
//!
//! The gold file is UTF-8 TSV with a header row; the columns named `labels` (theme ids
//! separated by `|`, empty for none) and `text` are read, others ignored. Fields are not
//! quoted (a `"` is an ordinary character).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::report::share as ratio;

use super::Classifier;

/// One coded passage.
#[derive(Debug, Clone)]
pub struct GoldPassage {
    /// 1-based line in the gold file.
    pub line: u64,
    pub labels: BTreeSet<String>,
    pub text: String,
}

/// Scores of one theme.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThemeScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: u64,
    #[serde(skip)]
    pub true_positives: u64,
    #[serde(skip)]
    pub false_positives: u64,
    #[serde(skip)]
    pub false_negatives: u64,
}

impl ThemeScore {
    /// The scores of true positive, false positive and false negative counts.
    pub fn from_counts(
        true_positives: u64,
        false_positives: u64,
        false_negatives: u64,
    ) -> ThemeScore {
        let precision = ratio(true_positives, true_positives + false_positives);
        let recall = ratio(true_positives, true_positives + false_negatives);
        ThemeScore {
            precision,
            recall,
            f1: f1(precision, recall),
            support: true_positives + false_negatives,
            true_positives,
            false_positives,
            false_negatives,
        }
    }
}

/// A misclassified passage shown in context.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub theme: String,
    pub line: u64,
    /// `…left [match] right…` for a false positive; the passage opening for a false negative.
    pub context: String,
}

/// The evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub macro_f1: f64,
    pub micro_f1: f64,
    pub micro_precision: f64,
    pub micro_recall: f64,
    pub passages: u64,
    /// Share of passages the coders gave no theme.
    pub gold_no_theme_share: f64,
    /// Share of passages the lexicons give no theme.
    pub predicted_no_theme_share: f64,
    pub themes: BTreeMap<String, ThemeScore>,
    pub false_positives: Vec<Example>,
    pub false_negatives: Vec<Example>,
}

/// Reads a gold TSV; errors name the file and line.
pub fn read_gold(path: &Path, known_themes: &[&str]) -> Result<Vec<GoldPassage>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        return Err(Error::bad_input(path, Some(1), "the gold file is empty"));
    };
    let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
    let find = |name: &str| {
        columns.iter().position(|c| *c == name).ok_or_else(|| {
            Error::bad_input(
                path,
                Some(1),
                format!("no column named {name:?} in the header {columns:?}"),
            )
        })
    };
    let (labels_at, text_at) = (find("labels")?, find("text")?);
    let mut passages = Vec::new();
    for (index, line) in lines {
        let number = index as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(labels), Some(text)) = (fields.get(labels_at), fields.get(text_at)) else {
            return Err(Error::bad_input(
                path,
                Some(number),
                format!(
                    "has {} fields; the header has {}",
                    fields.len(),
                    columns.len()
                ),
            ));
        };
        let mut set = BTreeSet::new();
        for label in labels.split('|').map(str::trim).filter(|l| !l.is_empty()) {
            if !known_themes.contains(&label) {
                return Err(Error::bad_input(
                    path,
                    Some(number),
                    format!(
                        "unknown theme {label:?}; themes: {}",
                        known_themes.join(", ")
                    ),
                ));
            }
            set.insert(label.to_string());
        }
        passages.push(GoldPassage {
            line: number,
            labels: set,
            text: text.to_string(),
        });
    }
    Ok(passages)
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Keyword in context: up to `width` characters either side of `[match]`.
pub fn keyword_in_context(text: &str, char_start: usize, char_end: usize, width: usize) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let from = char_start.saturating_sub(width);
    let to = (char_end + width).min(chars.len());
    let left: String = chars[from..char_start.min(chars.len())].iter().collect();
    let hit: String = chars[char_start.min(chars.len())..char_end.min(chars.len())]
        .iter()
        .collect();
    let right: String = chars[char_end.min(chars.len())..to].iter().collect();
    format!(
        "{}{left}[{hit}]{right}{}",
        if from > 0 { "…" } else { "" },
        if to < chars.len() { "…" } else { "" }
    )
}

/// Classifies every gold passage and scores the lexicons.
pub fn evaluate(classifier: &Classifier, gold: &[GoldPassage], examples: usize) -> EvalReport {
    let ids: Vec<String> = classifier
        .lexicons()
        .lexicons()
        .iter()
        .map(|l| l.id.clone())
        .collect();
    let mut counts: BTreeMap<String, (u64, u64, u64)> =
        ids.iter().map(|id| (id.clone(), (0, 0, 0))).collect();
    let mut false_positives = Vec::new();
    let mut false_negatives = Vec::new();
    let mut predicted_none = 0;
    let mut gold_none = 0;
    for passage in gold {
        let (themes, evidence) = classifier.themes_of(&passage.text);
        predicted_none += u64::from(themes.is_empty());
        gold_none += u64::from(passage.labels.is_empty());
        for id in &ids {
            let predicted = themes.contains(id);
            let wanted = passage.labels.contains(id);
            let entry = counts.entry(id.clone()).or_default();
            match (predicted, wanted) {
                (true, true) => entry.0 += 1,
                (true, false) => {
                    entry.1 += 1;
                    let hit = evidence.iter().find(|e| e.theme == *id);
                    let context = hit.map_or_else(
                        || passage.text.clone(),
                        |e| keyword_in_context(&passage.text, e.char_start, e.char_end, 40),
                    );
                    false_positives.push(Example {
                        theme: id.clone(),
                        line: passage.line,
                        context,
                    });
                }
                (false, true) => {
                    entry.2 += 1;
                    let opening: String = passage.text.chars().take(100).collect();
                    false_negatives.push(Example {
                        theme: id.clone(),
                        line: passage.line,
                        context: opening,
                    });
                }
                (false, false) => {}
            }
        }
    }
    let mut themes = BTreeMap::new();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut macro_sum = 0.0;
    let mut macro_count = 0;
    for (id, (t, p, n)) in counts {
        tp += t;
        fp += p;
        fn_ += n;
        let score = ThemeScore::from_counts(t, p, n);
        if t + p + n > 0 {
            macro_sum += score.f1;
            macro_count += 1;
        }
        themes.insert(id, score);
    }
    let micro_precision = ratio(tp, tp + fp);
    let micro_recall = ratio(tp, tp + fn_);
    false_positives.truncate(examples);
    false_negatives.truncate(examples);
    EvalReport {
        macro_f1: if macro_count == 0 {
            0.0
        } else {
            macro_sum / macro_count as f64
        },
        micro_f1: f1(micro_precision, micro_recall),
        micro_precision,
        micro_recall,
        passages: gold.len() as u64,
        gold_no_theme_share: ratio(gold_none, gold.len() as u64),
        predicted_no_theme_share: ratio(predicted_none, gold.len() as u64),
        themes,
        false_positives,
        false_negatives,
    }
}

/// The report as a terminal table.
pub fn to_table(report: &EvalReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<26} {:>9} {:>7} {:>6} {:>7} {:>4} {:>4} {:>4}",
        "tema", "presisi", "recall", "F1", "support", "TP", "FP", "FN"
    );
    let _ = writeln!(out, "{}", "-".repeat(75));
    for (id, s) in &report.themes {
        let _ = writeln!(
            out,
            "{id:<26} {:>9.3} {:>7.3} {:>6.3} {:>7} {:>4} {:>4} {:>4}",
            s.precision,
            s.recall,
            s.f1,
            s.support,
            s.true_positives,
            s.false_positives,
            s.false_negatives
        );
    }
    let _ = writeln!(out, "{}", "-".repeat(75));
    let _ = writeln!(
        out,
        "micro: presisi {:.3}  recall {:.3}  F1 {:.3}\nmacro F1: {:.3}\n{} bagian; tanpa tema: {:.1}% menurut pengode, {:.1}% menurut leksikon",
        report.micro_precision,
        report.micro_recall,
        report.micro_f1,
        report.macro_f1,
        report.passages,
        100.0 * report.gold_no_theme_share,
        100.0 * report.predicted_no_theme_share
    );
    let _ = writeln!(out, "\nPositif palsu (false positives):");
    for e in &report.false_positives {
        let _ = writeln!(out, "  {:<24} baris {:>4}  {}", e.theme, e.line, e.context);
    }
    let _ = writeln!(out, "\nNegatif palsu (false negatives):");
    for e in &report.false_negatives {
        let _ = writeln!(out, "  {:<24} baris {:>4}  {}", e.theme, e.line, e.context);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::Analyzer;
    use crate::classify::LexiconSet;

    #[test]
    fn scores_are_counted_per_theme_and_averaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.tsv");
        std::fs::write(
            &path,
            "id\tlabels\ttext\n\
             1\tlansia\tBanyak lansia terlantar di desa.\n\
             2\t\tBaik, terima kasih.\n\
             3\tlansia|kesehatan_gizi\tAngka stunting tinggi.\n\
             4\t\tLansia hadir di rapat; kursi lansia di depan.\n",
        )
        .unwrap();
        // The lexicons' own thresholds, so the counts below can be checked by hand.
        let classifier = Classifier::new(
            Analyzer::indonesian(),
            LexiconSet::embedded().without_model(),
        );
        let ids: Vec<&str> = crate::classify::THEME_IDS.to_vec();
        let gold = read_gold(&path, &ids).unwrap();
        let report = evaluate(&classifier, &gold, 10);
        let lansia = &report.themes["lansia"];
        // line 2 and 5: predicted lansia (TP on 2, FP on 5); line 4: missed (FN).
        assert_eq!(
            (
                lansia.true_positives,
                lansia.false_positives,
                lansia.false_negatives
            ),
            (1, 1, 1)
        );
        assert_eq!(lansia.support, 2);
        assert!((lansia.precision - 0.5).abs() < 1e-9 && (lansia.f1 - 0.5).abs() < 1e-9);
        let gizi = &report.themes["kesehatan_gizi"];
        assert_eq!((gizi.precision, gizi.recall, gizi.f1), (1.0, 1.0, 1.0));
        // macro over the two themes seen: (0.5 + 1.0) / 2
        assert!((report.macro_f1 - 0.75).abs() < 1e-9, "{}", report.macro_f1);
        assert!((report.gold_no_theme_share - 0.5).abs() < 1e-9);
        assert_eq!(report.false_positives[0].line, 5);
        assert!(
            report.false_positives[0].context.contains("[Lansia]"),
            "{:?}",
            report.false_positives
        );
    }

    #[test]
    fn bad_gold_files_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.tsv");
        std::fs::write(&path, "labels\ttext\nlansia\tok\nbukan_tema\tx\n").unwrap();
        let err = read_gold(&path, &["lansia"]).unwrap_err().to_string();
        assert!(
            err.contains("gold.tsv:3") && err.contains("bukan_tema"),
            "{err}"
        );
        std::fs::write(&path, "label\ttext\n").unwrap();
        let err = read_gold(&path, &["lansia"]).unwrap_err().to_string();
        assert!(err.contains("no column named \"labels\""), "{err}");
    }

    #[test]
    fn kwic_marks_the_match() {
        assert_eq!(
            keyword_in_context("abc lansia def", 4, 10, 3),
            "…bc [lansia] de…"
        );
    }
}
