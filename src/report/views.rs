//! More views of the themes, all read from the index: which themes are raised together
//! (co-occurrence), how two rounds differ (compare), and representative quotes.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::classify::LexiconSet;
use crate::error::{Error, Result};
use crate::index::PassageIndex;
use crate::passage::Passage;

use super::grid::Grid;
use super::render::percent;
use super::{ord_map, share, Interner};

/// Per passage: its theme ids (interned) and the value of one dimension.
struct Facts {
    strings: Interner,
    passages: Vec<(Vec<u32>, Option<u32>)>,
}

fn scan(index: &PassageIndex, dimension: Option<&str>, scope: Option<&dyn Query>) -> Result<Facts> {
    let searcher = index.searcher()?;
    let weight = super::scope_weight(index, &searcher, scope)?;
    let mut strings = Interner::default();
    let mut passages = Vec::new();
    let io = |e: std::io::Error| index.error(e.into());
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let themes = fast.str("theme").map_err(|e| index.error(e))?;
        let dim = match dimension {
            Some(d) => fast.str(d).map_err(|e| index.error(e))?,
            None => None,
        };
        let theme_ids = match &themes {
            Some(c) => ord_map(c, &mut strings).map_err(io)?,
            None => Vec::new(),
        };
        let dim_ids = match &dim {
            Some(c) => ord_map(c, &mut strings).map_err(io)?,
            None => Vec::new(),
        };
        let docs = super::scoped_docs(segment, weight.as_deref()).map_err(|e| index.error(e))?;
        for doc in docs {
            let ids = themes
                .as_ref()
                .map(|c| c.term_ords(doc).map(|o| theme_ids[o as usize]).collect())
                .unwrap_or_default();
            let value = dim
                .as_ref()
                .and_then(|c| c.term_ords(doc).next())
                .map(|o| dim_ids[o as usize]);
            passages.push((ids, value));
        }
    }
    Ok(Facts { strings, passages })
}

/// How many passages carry both themes, for every pair (the diagonal: the theme alone).
#[derive(Debug, Clone, Serialize)]
pub struct Cooccurrence {
    pub themes: Vec<String>,
    pub labels: Vec<String>,
    /// `counts[i][j]`: passages with theme i and theme j.
    pub counts: Vec<Vec<u64>>,
}

/// The theme co-occurrence matrix.
pub fn cooccurrence(index: &PassageIndex, lexicons: &LexiconSet) -> Result<Cooccurrence> {
    cooccurrence_in(index, lexicons, None)
}

/// [`cooccurrence`] over the passages `scope` matches only.
pub fn cooccurrence_in(
    index: &PassageIndex,
    lexicons: &LexiconSet,
    scope: Option<&dyn Query>,
) -> Result<Cooccurrence> {
    let facts = scan(index, None, scope)?;
    let ids: Vec<String> = lexicons.lexicons().iter().map(|l| l.id.clone()).collect();
    let position: HashMap<u32, usize> = ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| facts.strings.ids.get(id).map(|s| (*s, i)))
        .collect();
    let mut counts = vec![vec![0u64; ids.len()]; ids.len()];
    for (themes, _) in &facts.passages {
        let here: Vec<usize> = themes
            .iter()
            .filter_map(|t| position.get(t).copied())
            .collect();
        for &a in &here {
            for &b in &here {
                counts[a][b] += 1;
            }
        }
    }
    Ok(Cooccurrence {
        labels: lexicons
            .lexicons()
            .iter()
            .map(|l| l.label.clone())
            .collect(),
        themes: ids,
        counts,
    })
}

impl Cooccurrence {
    pub fn grid(&self) -> Grid {
        let mut headers = vec!["Tema".to_string()];
        headers.extend(self.themes.iter().cloned());
        let mut grid = Grid::new(headers);
        for (i, id) in self.themes.iter().enumerate() {
            let mut row = vec![id.clone()];
            row.extend(self.counts[i].iter().map(u64::to_string));
            grid.push(row);
        }
        grid
    }
}

/// One theme in two rounds.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeChange {
    pub theme: String,
    pub label: String,
    pub passages_before: u64,
    pub share_before: f64,
    pub passages_after: u64,
    pub share_after: f64,
    /// Change in share, in percentage points.
    pub change_points: f64,
}

/// Theme shares in round `before` and round `after`, rising themes first.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub before: String,
    pub after: String,
    pub passages_before: u64,
    pub passages_after: u64,
    pub themes: Vec<ThemeChange>,
}

/// Compares two rounds.
pub fn compare(
    index: &PassageIndex,
    lexicons: &LexiconSet,
    before: &str,
    after: &str,
) -> Result<Comparison> {
    let facts = scan(index, Some("round"), None)?;
    let round_id = |name: &str| -> Result<u32> {
        facts
            .strings
            .ids
            .get(name)
            .copied()
            .ok_or_else(|| Error::Usage(format!("the index has no round {name:?}")))
    };
    let (b, a) = (round_id(before)?, round_id(after)?);
    let mut totals = (0u64, 0u64);
    let mut per_theme: HashMap<u32, (u64, u64)> = HashMap::new();
    for (themes, round) in &facts.passages {
        let slot = match *round {
            Some(r) if r == b => 0,
            Some(r) if r == a => 1,
            _ => continue,
        };
        if slot == 0 {
            totals.0 += 1;
        } else {
            totals.1 += 1;
        }
        for t in themes {
            let entry = per_theme.entry(*t).or_default();
            if slot == 0 {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }

    let mut themes: Vec<ThemeChange> = lexicons
        .lexicons()
        .iter()
        .map(|lexicon| {
            let (pb, pa) = facts
                .strings
                .ids
                .get(&lexicon.id)
                .and_then(|t| per_theme.get(t))
                .copied()
                .unwrap_or_default();
            let (sb, sa) = (share(pb, totals.0), share(pa, totals.1));
            ThemeChange {
                theme: lexicon.id.clone(),
                label: lexicon.label.clone(),
                passages_before: pb,
                share_before: sb,
                passages_after: pa,
                share_after: sa,
                change_points: 100.0 * (sa - sb),
            }
        })
        .collect();
    themes.sort_by(|x, y| y.change_points.total_cmp(&x.change_points));
    Ok(Comparison {
        before: before.to_string(),
        after: after.to_string(),
        passages_before: totals.0,
        passages_after: totals.1,
        themes,
    })
}

impl Comparison {
    pub fn grid(&self) -> Grid {
        let mut grid = Grid::new(vec![
            "Tema".into(),
            format!("{} bagian", self.before),
            format!("{} %", self.before),
            format!("{} bagian", self.after),
            format!("{} %", self.after),
            "perubahan (poin %)".into(),
            "arah".into(),
        ]);
        grid.text_columns = 1;
        for t in &self.themes {
            let direction = if t.change_points > 0.05 {
                "naik"
            } else if t.change_points < -0.05 {
                "turun"
            } else {
                "tetap"
            };
            grid.push(vec![
                t.label.clone(),
                t.passages_before.to_string(),
                percent(t.share_before),
                t.passages_after.to_string(),
                percent(t.share_after),
                format!("{:+.1}", t.change_points),
                direction.to_string(),
            ]);
        }
        grid
    }
}

/// A representative quote.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub theme: String,
    pub passage: Passage,
    /// Summed weight of the theme's evidence in the passage.
    pub strength: f64,
}

/// Up to `per_theme` quotes for each theme: passages where the theme is strongly matched,
/// that are about few other themes, of a readable length, and from different speakers.
pub fn quotes(index: &PassageIndex, lexicons: &LexiconSet, per_theme: usize) -> Result<Vec<Quote>> {
    let mut chosen = Vec::new();
    for lexicon in lexicons.lexicons() {
        chosen.extend(quotes_for(index, &lexicon.id, per_theme, None)?);
    }
    Ok(chosen)
}

/// [`quotes`] for one theme, among the passages `scope` matches (all without one).
pub fn quotes_for(
    index: &PassageIndex,
    theme: &str,
    per_theme: usize,
    scope: Option<&dyn Query>,
) -> Result<Vec<Quote>> {
    let searcher = index.searcher()?;
    let field = index.fields().theme;
    let mut chosen = Vec::new();
    let lexicon_id = theme.to_string();
    {
        let theme_query: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(field, theme),
            IndexRecordOption::Basic,
        ));
        let query: Box<dyn Query> = match scope {
            Some(scope) => Box::new(BooleanQuery::intersection(vec![
                theme_query,
                scope.box_clone(),
            ])),
            None => theme_query,
        };
        let candidates = searcher
            .search(&query, &TopDocs::with_limit(2_000).order_by_score())
            .map_err(|e| index.error(e))?;
        let mut scored: Vec<(f64, Passage)> = Vec::new();
        for (_, address) in candidates {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
            let passage = index.to_passage(&doc);
            let strength: f64 = passage
                .evidence
                .iter()
                .filter(|e| e.theme == lexicon_id)
                .map(|e| e.weight)
                .sum();
            let words = passage.text.split_whitespace().count();
            let readable = if (15..=90).contains(&words) { 1.0 } else { 0.5 };
            let focus = 1.0 / passage.themes.len().max(1) as f64;
            scored.push((strength * readable * (0.5 + focus), passage));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
        let mut speakers: HashSet<Option<String>> = HashSet::new();
        for (score, passage) in scored {
            if chosen
                .iter()
                .filter(|q: &&Quote| q.theme == lexicon_id)
                .count()
                >= per_theme
            {
                break;
            }
            if !speakers.insert(passage.meta.speaker.clone()) {
                continue;
            }
            chosen.push(Quote {
                theme: lexicon_id.clone(),
                strength: score,
                passage,
            });
        }
    }
    Ok(chosen)
}

/// Quotes as a grid: theme, speaker, where, text.
pub fn quotes_grid(quotes: &[Quote], lexicons: &LexiconSet) -> Grid {
    let labels: BTreeMap<&str, &str> = lexicons
        .lexicons()
        .iter()
        .map(|l| (l.id.as_str(), l.label.as_str()))
        .collect();
    let mut grid = Grid::new(vec![
        "Tema".into(),
        "Penutur".into(),
        "Sumber".into(),
        "Kutipan".into(),
    ]);
    grid.text_columns = 4;
    for quote in quotes {
        let p = &quote.passage;
        let who = p.meta.who();
        grid.push(vec![
            labels
                .get(quote.theme.as_str())
                .copied()
                .unwrap_or(&quote.theme)
                .to_string(),
            who,
            format!("{}:{}", p.provenance.file, p.provenance.line),
            p.text.split_whitespace().collect::<Vec<_>>().join(" "),
        ]);
    }
    grid
}

/// A frequent root or two-word phrase of a theme.
#[derive(Debug, Clone, Serialize)]
pub struct TopTerm {
    pub theme: String,
    /// The analysed root, or two roots joined by a space.
    pub term: String,
    /// How it was written the first time it was seen.
    pub example: String,
    /// Passages with the theme that contain it.
    pub passages: u64,
}

/// The `per_theme` most frequent roots and two-word phrases in each theme's passages
/// (counted once per passage), read from the stored passage texts.
pub fn top_terms(
    index: &PassageIndex,
    lexicons: &LexiconSet,
    analyzer: &crate::analyse::Analyzer,
    per_theme: usize,
) -> Result<Vec<TopTerm>> {
    // theme -> term -> (passages, example)
    let mut counts: HashMap<String, HashMap<String, (u64, String)>> = HashMap::new();
    index.for_each_passage(|passage| {
        if passage.themes.is_empty() {
            return Ok(());
        }
        let grams = analyzer.terms_and_pairs(&passage.text);
        for theme in &passage.themes {
            let per_term = counts.entry(theme.clone()).or_default();
            for (gram, example) in &grams {
                per_term
                    .entry(gram.clone())
                    .or_insert((0, example.clone()))
                    .0 += 1;
            }
        }
        Ok(())
    })?;
    let mut out = Vec::new();
    for lexicon in lexicons.lexicons() {
        let Some(per_term) = counts.remove(&lexicon.id) else {
            continue;
        };
        let mut ranked: Vec<(String, (u64, String))> = per_term.into_iter().collect();
        ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
        out.extend(
            ranked
                .into_iter()
                .take(per_theme)
                .map(|(term, (passages, example))| TopTerm {
                    theme: lexicon.id.clone(),
                    term,
                    example,
                    passages,
                }),
        );
    }
    Ok(out)
}

/// The `limit` most frequent roots and two-word phrases in the passages of one theme, read
/// from at most `max_passages` of them (in index order); also returns how many were read.
pub fn top_terms_for(
    index: &PassageIndex,
    analyzer: &crate::analyse::Analyzer,
    theme: &str,
    limit: usize,
    max_passages: usize,
) -> Result<(Vec<TopTerm>, u64)> {
    let searcher = index.searcher()?;
    let query = TermQuery::new(
        Term::from_field_text(index.fields().theme, theme),
        IndexRecordOption::Basic,
    );
    let mut addresses: Vec<tantivy::DocAddress> = searcher
        .search(&query, &tantivy::collector::DocSetCollector)
        .map_err(|e| index.error(e))?
        .into_iter()
        .collect();
    addresses.sort();
    addresses.truncate(max_passages);
    let mut per_term: HashMap<String, (u64, String)> = HashMap::new();
    for address in &addresses {
        let doc: TantivyDocument = searcher.doc(*address).map_err(|e| index.error(e))?;
        let passage = index.to_passage(&doc);
        for (gram, example) in analyzer.terms_and_pairs(&passage.text) {
            per_term.entry(gram).or_insert((0, example)).0 += 1;
        }
    }
    let mut ranked: Vec<(String, (u64, String))> = per_term.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let terms = ranked
        .into_iter()
        .take(limit)
        .map(|(term, (passages, example))| TopTerm {
            theme: theme.to_string(),
            term,
            example,
            passages,
        })
        .collect();
    Ok((terms, addresses.len() as u64))
}

/// Top terms as a grid: theme, term, example, passages.
pub fn top_terms_grid(terms: &[TopTerm], lexicons: &LexiconSet) -> Grid {
    let mut grid = Grid::new(vec![
        "Tema".into(),
        "Akar / frasa".into(),
        "Contoh".into(),
        "Bagian".into(),
    ]);
    grid.text_columns = 3;
    for term in terms {
        let label = lexicons
            .get(&term.theme)
            .map_or(term.theme.as_str(), |l| l.label.as_str());
        grid.push(vec![
            label.to_string(),
            term.term.clone(),
            term.example.clone(),
            term.passages.to_string(),
        ]);
    }
    grid
}
