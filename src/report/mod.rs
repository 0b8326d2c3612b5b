//! Reports: theme frequencies counted from the index, exactly (every live passage's fast
//! fields are read; nothing is sampled or approximated), optionally broken down by one
//! metadata dimension. Rendering to table, CSV, JSON and Markdown is in [`render`].

pub mod grid;
pub mod html;
pub mod render;
pub mod views;
pub mod xlsx;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocId, SegmentReader};

use crate::classify::LexiconSet;
use crate::error::{Error, Result};
use crate::index::PassageIndex;

/// Dimensions a report can break themes down by, with the index field each reads.
pub const DIMENSIONS: [&str; 9] = [
    "session",
    "stakeholder",
    "region",
    "round",
    "organisation",
    "speaker",
    "date",
    "month",
    "file",
];

/// Shown for passages that have no value for the chosen dimension.
pub const MISSING_VALUE: &str = "(tidak diketahui)";

/// Totals of one dimension value (a report column).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnTotal {
    pub value: String,
    pub passages: u64,
    /// Source documents (files) with at least one passage.
    pub documents: u64,
    pub speakers: u64,
}

/// One theme within one dimension value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cell {
    pub value: String,
    pub passages: u64,
    pub documents: u64,
    pub speakers: u64,
    /// Share of that value's passages that have the theme.
    pub share: f64,
}

/// One theme's counts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThemeRow {
    pub id: String,
    pub label: String,
    pub label_en: String,
    pub passages: u64,
    /// Share of all passages.
    pub share: f64,
    /// Source documents in which it was raised.
    pub documents: u64,
    /// Distinct named speakers who raised it.
    pub speakers: u64,
    pub cells: Vec<Cell>,
}

/// Theme frequencies, overall and by one dimension.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThemeReport {
    pub total_passages: u64,
    pub total_documents: u64,
    pub total_speakers: u64,
    /// Passages with no theme at all.
    pub untagged_passages: u64,
    pub dimension: Option<String>,
    pub columns: Vec<ColumnTotal>,
    pub themes: Vec<ThemeRow>,
}

/// Interns strings to small ids across segments.
#[derive(Default)]
pub(crate) struct Interner {
    pub(crate) ids: HashMap<String, u32>,
    pub(crate) values: Vec<String>,
}

impl Interner {
    fn intern(&mut self, value: &str) -> u32 {
        if let Some(id) = self.ids.get(value) {
            return *id;
        }
        let id = self.values.len() as u32;
        self.ids.insert(value.to_string(), id);
        self.values.push(value.to_string());
        id
    }
}

/// Per segment: global ids for every term ordinal of a string column.
pub(crate) fn ord_map(column: &StrColumn, interner: &mut Interner) -> std::io::Result<Vec<u32>> {
    let mut map = Vec::with_capacity(column.num_terms());
    let mut buffer = String::new();
    for ord in 0..column.num_terms() as u64 {
        column.ord_to_str(ord, &mut buffer)?;
        map.push(interner.intern(&buffer));
    }
    Ok(map)
}

#[derive(Default, Clone)]
struct Tally {
    passages: u64,
    documents: HashSet<u32>,
    speakers: HashSet<u32>,
    earliest_date: Option<u32>,
}

impl Tally {
    fn add(&mut self, document: u32, speaker: Option<u32>) {
        self.passages += 1;
        self.documents.insert(document);
        self.speakers.extend(speaker);
    }
}

/// `part / whole`, 0 for an empty whole.
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The live documents of `segment` that `scope` matches (all live documents without one), in
/// document order.
pub(crate) fn scoped_docs(
    segment: &SegmentReader,
    scope: Option<&dyn Weight>,
) -> tantivy::Result<Vec<DocId>> {
    let Some(weight) = scope else {
        return Ok(segment.doc_ids_alive().collect());
    };
    let alive = segment.alive_bitset();
    let mut docs = Vec::new();
    weight.for_each_no_score(segment, &mut |block| {
        docs.extend(
            block
                .iter()
                .copied()
                .filter(|d| alive.is_none_or(|a| a.is_alive(*d))),
        )
    })?;
    Ok(docs)
}

/// The weight of an optional scope query on `searcher`, for [`scoped_docs`].
pub(crate) fn scope_weight(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    scope: Option<&dyn Query>,
) -> Result<Option<Box<dyn Weight>>> {
    scope
        .map(|q| q.weight(EnableScoring::disabled_from_searcher(searcher)))
        .transpose()
        .map_err(|e| index.error(e))
}

/// Counts themes over every passage in the index, by `dimension` when given.
pub fn theme_report(
    index: &PassageIndex,
    lexicons: &LexiconSet,
    dimension: Option<&str>,
) -> Result<ThemeReport> {
    theme_report_in(index, lexicons, dimension, None)
}

/// [`theme_report`] over the passages `scope` matches only (every passage without one): the
/// report of a search's results.
pub fn theme_report_in(
    index: &PassageIndex,
    lexicons: &LexiconSet,
    dimension: Option<&str>,
    scope: Option<&dyn Query>,
) -> Result<ThemeReport> {
    if let Some(d) = dimension {
        if !DIMENSIONS.contains(&d) {
            return Err(Error::Usage(format!(
                "cannot report by {d:?}; choose one of: {}",
                DIMENSIONS.join(", ")
            )));
        }
    }
    let searcher = index.searcher()?;
    let weight = scope_weight(index, &searcher, scope)?;
    let mut strings = Interner::default();
    let missing = strings.intern(MISSING_VALUE);
    let mut overall = Tally::default();
    let mut untagged = 0;
    let mut by_theme: HashMap<u32, Tally> = HashMap::default();
    let mut by_column: HashMap<u32, Tally> = HashMap::default();
    let mut by_cell: HashMap<(u32, u32), Tally> = HashMap::default();
    let io = |e: std::io::Error| index.error(e.into());
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let open = |name: &str| fast.str(name).map_err(|e| index.error(e));
        let theme_column = open("theme")?;
        let speaker_column = open("speaker")?;
        let date_column = open("date")?;
        let doc_column = open("doc_id")?.ok_or_else(|| {
            Error::Usage(format!(
                "the index in {} was made by an older aspirasi: ingest into a new folder",
                index.path().display()
            ))
        })?;
        let doc_ids = ord_map(&doc_column, &mut strings).map_err(io)?;
        let dim_column = match dimension {
            Some(d) => open(d)?,
            None => None,
        };
        let theme_ids = match &theme_column {
            Some(c) => ord_map(c, &mut strings).map_err(io)?,
            None => Vec::new(),
        };
        let speaker_ids = match &speaker_column {
            Some(c) => ord_map(c, &mut strings).map_err(io)?,
            None => Vec::new(),
        };
        let dim_ids = match &dim_column {
            Some(c) => ord_map(c, &mut strings).map_err(io)?,
            None => Vec::new(),
        };
        let date_ids = match &date_column {
            Some(c) => ord_map(c, &mut strings).map_err(io)?,
            None => Vec::new(),
        };
        let mut themes: Vec<u32> = Vec::new();
        let docs = scoped_docs(segment, weight.as_deref()).map_err(|e| index.error(e))?;
        for doc in docs {
            themes.clear();
            if let Some(c) = &theme_column {
                themes.extend(c.term_ords(doc).map(|o| theme_ids[o as usize]));
            }
            let speaker = speaker_column
                .as_ref()
                .and_then(|c| c.term_ords(doc).next())
                .map(|o| speaker_ids[o as usize]);
            let value = dim_column
                .as_ref()
                .and_then(|c| c.term_ords(doc).next())
                .map_or(missing, |o| dim_ids[o as usize]);
            let date = date_column
                .as_ref()
                .and_then(|c| c.term_ords(doc).next())
                .map(|o| date_ids[o as usize]);
            let document = doc_column
                .term_ords(doc)
                .next()
                .map_or(missing, |o| doc_ids[o as usize]);
            overall.add(document, speaker);
            if themes.is_empty() {
                untagged += 1;
            }
            if dimension.is_some() {
                let column = by_column.entry(value).or_default();
                column.add(document, speaker);
                if let Some(date) = date {
                    let earlier = column
                        .earliest_date
                        .is_none_or(|d| strings.values[date as usize] < strings.values[d as usize]);
                    if earlier {
                        column.earliest_date = Some(date);
                    }
                }
            }
            for &theme in &themes {
                by_theme.entry(theme).or_default().add(document, speaker);
                if dimension.is_some() {
                    by_cell
                        .entry((theme, value))
                        .or_default()
                        .add(document, speaker);
                }
            }
        }
    }

    let mut columns: Vec<(u32, &Tally)> = by_column.iter().map(|(v, t)| (*v, t)).collect();
    let chronological = matches!(
        dimension,
        Some("session") | Some("round") | Some("date") | Some("month")
    );
    columns.sort_by(|a, b| {
        let name = |v: u32| strings.values[v as usize].as_str();
        if chronological {
            let date = |t: &Tally| t.earliest_date.map(|d| strings.values[d as usize].clone());
            (date(a.1), name(a.0)).cmp(&(date(b.1), name(b.0)))
        } else {
            b.1.passages
                .cmp(&a.1.passages)
                .then(name(a.0).cmp(name(b.0)))
        }
    });
    let total = overall.passages;

    let mut themes: Vec<ThemeRow> = lexicons
        .lexicons()
        .iter()
        .map(|lexicon| {
            let theme = strings.ids.get(&lexicon.id).copied();
            let tally = theme
                .and_then(|t| by_theme.get(&t))
                .cloned()
                .unwrap_or_default();
            let cells = columns
                .iter()
                .map(|(value, column)| {
                    let cell = theme
                        .and_then(|t| by_cell.get(&(t, *value)))
                        .cloned()
                        .unwrap_or_default();
                    Cell {
                        value: strings.values[*value as usize].clone(),
                        passages: cell.passages,
                        documents: cell.documents.len() as u64,
                        speakers: cell.speakers.len() as u64,
                        share: share(cell.passages, column.passages),
                    }
                })
                .collect();
            ThemeRow {
                id: lexicon.id.clone(),
                label: lexicon.label.clone(),
                label_en: lexicon.label_en.clone(),
                passages: tally.passages,
                share: share(tally.passages, total),
                documents: tally.documents.len() as u64,
                speakers: tally.speakers.len() as u64,
                cells,
            }
        })
        .collect();
    themes.sort_by_key(|t| std::cmp::Reverse(t.passages));
    Ok(ThemeReport {
        total_passages: total,
        total_documents: overall.documents.len() as u64,
        total_speakers: overall.speakers.len() as u64,
        untagged_passages: untagged,
        dimension: dimension.map(str::to_string),
        columns: columns
            .iter()
            .map(|(value, tally)| ColumnTotal {
                value: strings.values[*value as usize].clone(),
                passages: tally.passages,
                documents: tally.documents.len() as u64,
                speakers: tally.speakers.len() as u64,
            })
            .collect(),
        themes,
    })
}
