//! `aspirasi lexicon train`: trains the theme model (see [`super::model`]) on coded gold
//! files, and measures it honestly first: each gold file in turn is held out, the model is
//! trained on the others, and both the lexicons alone and lexicons with the model are scored
//! on the file held out.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::analyse::Analyzer;

use super::eval::{evaluate, GoldPassage, ThemeScore};
use super::model::{Example, ThemeModel};
use super::{Classifier, LexiconSet};

/// Scores on one held-out gold file.
#[derive(Debug, Clone, Serialize)]
pub struct Fold {
    pub held_out: String,
    pub passages: usize,
    pub lexicons_macro_f1: f64,
    pub lexicons_micro_f1: f64,
    pub model_macro_f1: f64,
    pub model_micro_f1: f64,
    /// Per theme, the scores of the lexicons alone and of the lexicons with the model.
    #[serde(skip)]
    pub themes: BTreeMap<String, (ThemeScore, ThemeScore)>,
}

/// One theme's F1 over every held-out file together (their passages pooled).
#[derive(Debug, Clone, Serialize)]
pub struct PooledTheme {
    pub theme: String,
    pub support: u64,
    pub lexicons_f1: f64,
    pub model_f1: f64,
}

/// What training produced.
pub struct Training {
    /// One fold per gold file, when there were at least two files.
    pub folds: Vec<Fold>,
    /// The model trained on every file.
    pub model: ThemeModel,
}

/// Per theme, F1 over the passages of every held-out file pooled, weakest with the model
/// first: which themes the curators should look at.
pub fn pooled_themes(folds: &[Fold]) -> Vec<PooledTheme> {
    /// True positives, false positives, false negatives.
    type Counts = (u64, u64, u64);
    let add = |sum: &mut Counts, score: &ThemeScore| {
        sum.0 += score.true_positives;
        sum.1 += score.false_positives;
        sum.2 += score.false_negatives;
    };
    let mut counts: BTreeMap<&str, (Counts, Counts)> = BTreeMap::new();
    for fold in folds {
        for (theme, (alone, together)) in &fold.themes {
            let (lexicons, model) = counts.entry(theme.as_str()).or_default();
            add(lexicons, alone);
            add(model, together);
        }
    }
    let score = |(tp, fp, fn_): Counts| ThemeScore::from_counts(tp, fp, fn_);
    let mut pooled: Vec<PooledTheme> = counts
        .into_iter()
        .map(|(theme, (lexicons, model))| PooledTheme {
            theme: theme.to_string(),
            support: score(lexicons).support,
            lexicons_f1: score(lexicons).f1,
            model_f1: score(model).f1,
        })
        .collect();
    pooled.sort_by(|a, b| a.model_f1.total_cmp(&b.model_f1));
    pooled
}

/// Trains on `gold` (each file with its passages) with the lexicons of `set`.
pub fn train(
    set: &LexiconSet,
    analyzer: &Analyzer,
    gold: &[(PathBuf, Vec<GoldPassage>)],
    cross_validate: bool,
) -> Training {
    let lexicons_only = set.clone().without_model();
    let classifier = Classifier::new(analyzer.clone(), lexicons_only.clone());
    let themes: Vec<String> = set.lexicons().iter().map(|l| l.id.clone()).collect();
    let thresholds: Vec<f64> = set.lexicons().iter().map(|l| l.threshold).collect();
    let examples: Vec<Vec<Example>> = gold
        .iter()
        .map(|(_, passages)| {
            passages
                .iter()
                .map(|p| Example {
                    text: p.text.clone(),
                    labels: p.labels.clone(),
                    lexicon: classifier.lexicon_scores(&p.text),
                })
                .collect()
        })
        .collect();
    let name = |path: &PathBuf| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    };
    let fit = |files: &[usize]| {
        let chosen: Vec<Example> = files
            .iter()
            .flat_map(|i| examples[*i].iter().cloned())
            .collect();
        let trained_on = files
            .iter()
            .map(|i| format!("{} ({})", name(&gold[*i].0), examples[*i].len()))
            .collect::<Vec<_>>()
            .join(", ");
        ThemeModel::train(
            &themes,
            &thresholds,
            &chosen,
            lexicons_only.lexicon_fingerprint(),
            &trained_on,
        )
    };
    let mut folds = Vec::new();
    if cross_validate && gold.len() > 1 {
        for held_out in 0..gold.len() {
            let others: Vec<usize> = (0..gold.len()).filter(|i| *i != held_out).collect();
            let model = fit(&others);
            let with_model =
                Classifier::new(analyzer.clone(), lexicons_only.clone().with_model(model));
            let passages = &gold[held_out].1;
            let alone = evaluate(&classifier, passages, 0);
            let together = evaluate(&with_model, passages, 0);
            folds.push(Fold {
                held_out: name(&gold[held_out].0),
                passages: passages.len(),
                lexicons_macro_f1: alone.macro_f1,
                lexicons_micro_f1: alone.micro_f1,
                model_macro_f1: together.macro_f1,
                model_micro_f1: together.micro_f1,
                themes: alone
                    .themes
                    .into_iter()
                    .filter_map(|(theme, a)| {
                        let t = together.themes.get(&theme)?.clone();
                        Some((theme, (a, t)))
                    })
                    .collect(),
            });
        }
    }
    let all: Vec<usize> = (0..gold.len()).collect();
    Training {
        folds,
        model: fit(&all),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn passage(line: u64, labels: &[&str], text: &str) -> GoldPassage {
        GoldPassage {
            line,
            labels: labels
                .iter()
                .map(|s| s.to_string())
                .collect::<BTreeSet<_>>(),
            text: text.to_string(),
        }
    }

    /// A theme the lexicons never name is learned from coded passages: "pak ogah"
    /// (informal traffic wardens who ask drivers for coins) is no lexicon entry, yet after
    /// training on passages about it the model assigns rehabilitasi_sosial to a new one, and
    /// names those words as its evidence.
    /// Pooled F1 adds the counts of every fold before dividing (it is not a mean of the
    /// folds' F1), and lists the weakest theme first.
    #[test]
    fn pooled_themes_add_the_folds_counts() {
        let fold = |themes: Vec<(&str, ThemeScore, ThemeScore)>| Fold {
            held_out: "x.tsv".into(),
            passages: 10,
            lexicons_macro_f1: 0.0,
            lexicons_micro_f1: 0.0,
            model_macro_f1: 0.0,
            model_micro_f1: 0.0,
            themes: themes
                .into_iter()
                .map(|(t, a, b)| (t.to_string(), (a, b)))
                .collect(),
        };
        let folds = [
            fold(vec![
                (
                    "anak",
                    ThemeScore::from_counts(2, 0, 2),
                    ThemeScore::from_counts(3, 1, 1),
                ),
                (
                    "lansia",
                    ThemeScore::from_counts(2, 0, 0),
                    ThemeScore::from_counts(1, 0, 1),
                ),
            ]),
            fold(vec![(
                "anak",
                ThemeScore::from_counts(1, 1, 0),
                ThemeScore::from_counts(1, 0, 0),
            )]),
        ];
        let pooled = pooled_themes(&folds);
        let names: Vec<&str> = pooled.iter().map(|p| p.theme.as_str()).collect();
        assert_eq!(names, ["lansia", "anak"]);
        let anak = &pooled[1];
        assert_eq!(anak.support, 5);
        assert!((anak.lexicons_f1 - 6.0 / 9.0).abs() < 1e-12);
        assert!((anak.model_f1 - 0.8).abs() < 1e-12);
        assert!((pooled[0].model_f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn the_model_learns_words_no_lexicon_lists() {
        let mut gold = Vec::new();
        for i in 0..30 {
            gold.push(passage(
                i,
                &["rehabilitasi_sosial"],
                &format!("semalam ada pak ogah di lampu merah simpang {i}"),
            ));
            gold.push(passage(
                100 + i,
                &[],
                &format!("semalam ada lampu merah baru di simpang {i}"),
            ));
        }
        let set = LexiconSet::embedded().without_model();
        let analyzer = Analyzer::indonesian();
        let training = train(&set, &analyzer, &[(PathBuf::from("a.tsv"), gold)], false);
        assert!(training.folds.is_empty());
        let text = "tadi pagi banyak sekali pak ogah di perempatan jalan besar";
        let lexicons_only = Classifier::new(analyzer.clone(), set.clone());
        assert!(lexicons_only.themes_of(text).0.is_empty());
        let written = training.model.to_tsv();
        let model = ThemeModel::parse(&written, std::path::Path::new("model.tsv")).unwrap();
        assert_eq!(model.to_tsv(), written, "the file reads back as written");
        let with_model = Classifier::new(analyzer, set.with_model(model));
        let (themes, evidence) = with_model.themes_of(text);
        assert_eq!(themes, ["rehabilitasi_sosial"]);
        let mut model_words: Vec<(f64, &str)> = evidence
            .iter()
            .filter(|e| e.kind == "model")
            .map(|e| (e.weight, e.surface.as_str()))
            .collect();
        model_words.sort_by(|a, b| b.0.total_cmp(&a.0));
        let strongest: Vec<&str> = model_words.iter().take(2).map(|w| w.1).collect();
        assert_eq!(strongest, ["ogah", "pak"], "{evidence:#?}");
        assert!(with_model
            .themes_of("tadi pagi ada lampu merah baru di perempatan jalan besar")
            .0
            .is_empty());
    }
}
