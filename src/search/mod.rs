//! Searching passages: a query in aspirasi's query language ([`query`]: analysed words,
//! `"phrases"`, `AND OR NOT`, prefixes, fuzzy words, Indonesian field names, ranges), metadata
//! and theme filters, ranked hits with highlighted snippets. Rendering for the terminal and
//! JSON is in [`render`].

pub mod context;
mod facets;
pub mod kwic;
pub mod query;
pub mod render;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::PassageIndex;
use crate::passage::Passage;

/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 220;

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Free text query; empty means every passage (filters still apply).
    pub query: String,
    /// `(facet field, value)` pairs that must all hold, e.g. `("theme", "lansia")`.
    pub filters: Vec<(String, String)>,
    pub limit: usize,
    pub offset: usize,
    /// Most relevant first, or in date order.
    pub sort: Sort,
}

/// Order of search hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    /// Oldest first (by the passage's date), then file order.
    Date,
}

/// One ranked passage.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub score: f32,
    pub passage: Passage,
    /// A fragment of the passage around the best matches.
    pub snippet: String,
    /// Byte ranges of highlighted words inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
}

/// Ranked hits and how many passages matched in all.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Runs a search.
pub fn search(index: &PassageIndex, request: &SearchRequest) -> Result<SearchResults> {
    let fields = index.fields();
    let analyzer = crate::analyse::Analyzer::indonesian();
    let text_query: Option<Box<dyn Query>> = if request.query.trim().is_empty() {
        None
    } else {
        Some(query::parse(index, &analyzer, &request.query)?)
    };
    let query = with_filters(
        index,
        text_query.as_ref().map(|q| q.box_clone()),
        &request.filters,
    )?;
    let searcher = index.searcher()?;
    let limit = request.limit.max(1);
    let (top, total): (Vec<(f32, tantivy::DocAddress)>, usize) = match request.sort {
        Sort::Relevance => searcher
            .search(
                &query,
                &(
                    TopDocs::with_limit(limit)
                        .and_offset(request.offset)
                        .order_by_score(),
                    Count,
                ),
            )
            .map_err(|e| index.error(e))?,
        Sort::Date => {
            let (dated, total) = searcher
                .search(
                    &query,
                    &(
                        TopDocs::with_limit(limit)
                            .and_offset(request.offset)
                            .order_by_string_fast_field("date", tantivy::Order::Asc),
                        Count,
                    ),
                )
                .map_err(|e| index.error(e))?;
            (
                dated
                    .into_iter()
                    .map(|(_, address)| (0.0, address))
                    .collect(),
                total,
            )
        }
    };
    let snippets = match &text_query {
        Some(query) => {
            let mut generator = SnippetGenerator::create(&searcher, query.as_ref(), fields.text)
                .map_err(|e| index.error(e))?;
            generator.set_max_num_chars(SNIPPET_CHARS);
            Some(generator)
        }
        None => None,
    };
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
        let passage = index.to_passage(&doc);
        let (snippet, highlights) = match snippets.as_ref().map(|g| g.snippet(&passage.text)) {
            Some(s) if !s.fragment().is_empty() => (
                s.fragment().to_string(),
                s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
            ),
            _ => (leading_chars(&passage.text, SNIPPET_CHARS), Vec::new()),
        };
        hits.push(Hit {
            score,
            passage,
            snippet,
            highlights,
        });
    }
    Ok(SearchResults { total, hits })
}

/// `query` (or every passage) restricted by `(field, value)` filters; values ignore case.
pub fn with_filters(
    index: &PassageIndex,
    query: Option<Box<dyn Query>>,
    filters: &[(String, String)],
) -> Result<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(query) = query {
        clauses.push((Occur::Must, query));
    }
    for (name, value) in filters {
        let field = index.facet_field(name).ok_or_else(|| {
            Error::Usage(format!(
                "cannot filter by {name:?}; filters: {}",
                crate::index::FACET_FIELDS.join(", ")
            ))
        })?;
        // Resolve spelling ("jawa timur" -> "Jawa Timur"); an unknown value matches nothing.
        let resolved = index
            .resolve_value(field, value)?
            .unwrap_or_else(|| value.clone());
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(field, &resolved),
                IndexRecordOption::Basic,
            )),
        ));
    }
    Ok(match clauses.len() {
        0 => Box::new(AllQuery),
        1 if clauses[0].0 == Occur::Must => clauses.remove(0).1,
        _ => Box::new(BooleanQuery::new(clauses)),
    })
}

/// The whole query of a request: its text query (if any) and its filters, as one tantivy query.
pub fn request_query(index: &PassageIndex, request: &SearchRequest) -> Result<Box<dyn Query>> {
    let analyzer = crate::analyse::Analyzer::indonesian();
    let text_query = if request.query.trim().is_empty() {
        None
    } else {
        Some(query::parse(index, &analyzer, &request.query)?)
    };
    with_filters(index, text_query, &request.filters)
}

/// A field and, for each of its values, how many passages have it.
pub type FacetCounts = (String, Vec<(String, u64)>);

/// For every passage `query` matches: how many have each value of each of `fields`
/// (`theme`, `session` ...), largest first. Exact: every match is counted.
pub fn facet_counts(
    index: &PassageIndex,
    request: &SearchRequest,
    fields: &[&str],
) -> Result<Vec<FacetCounts>> {
    let query = request_query(index, request)?;
    let searcher = index.searcher()?;
    let names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    let counted = searcher
        .search(&query, &facets::FacetCollector { fields: &names })
        .map_err(|e| index.error(e))?;
    Ok(names
        .into_iter()
        .zip(counted)
        .map(|(field, counts)| {
            let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (field, counts)
        })
        .collect())
}

fn leading_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
