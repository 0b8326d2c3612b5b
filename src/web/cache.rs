//! Counts that every dashboard shows are computed once per index commit and kept: each is a
//! pass over a million passages' fast fields (about 0.4 s each on the 1M benchmark index),
//! and the dashboard needs several. The key is the searcher's set of segments with their
//! delete opstamps, which changes exactly when a commit changes what the index holds; a new
//! ingest while the server runs is picked up on the next request.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;

use crate::report::views::{self, Comparison, Cooccurrence, TopTerm};
use crate::report::{theme_report, ThemeReport};
use crate::search::{self, FacetCounts, SearchRequest};

use super::error::WebError;
use super::AppState;

/// Which commit the counts are of.
pub type Generation = BTreeMap<SegmentId, Option<u64>>;

/// Most theme pages whose top terms are kept.
const MAX_TOP_TERMS: usize = 64;
/// Most searches whose filter counts are kept (paging through a search, or coming back to
/// it, does not count again).
const MAX_FACETS: usize = 256;
/// Passages of a theme read for its top terms.
pub const TOP_TERMS_PASSAGES: usize = 5_000;

/// What the dashboard and the theme pages show, for one commit.
pub struct Overview {
    pub by_session: ThemeReport,
    pub by_stakeholder: ThemeReport,
    pub by_region: ThemeReport,
    pub by_round: ThemeReport,
    /// The first round against the last, when the index holds several.
    pub comparison: Option<Comparison>,
    pub cooccurrence: Cooccurrence,
}

/// Top roots and phrases of a theme, and how many of its passages they were read from.
pub type ThemeTerms = (Vec<TopTerm>, u64);

type Slot<T> = Mutex<Option<(Generation, Arc<T>)>>;
/// Values kept by key, all of one commit.
type Keyed<K, V> = Mutex<(Generation, HashMap<K, Arc<V>>)>;

/// The cache the server state holds.
#[derive(Default)]
pub struct Cache {
    overview: Slot<Overview>,
    top_terms: Keyed<String, ThemeTerms>,
    facets: Keyed<FacetKey, Vec<FacetCounts>>,
}

/// A search's query text and filters: what its filter counts depend on.
type FacetKey = (String, Vec<(String, String)>);

fn generation(state: &AppState) -> Result<Generation, WebError> {
    Ok(state.index.searcher()?.generation().segments().clone())
}

impl Cache {
    /// The overview of the current commit, computed if not yet kept. Blocking.
    pub fn overview(&self, state: &AppState) -> Result<Arc<Overview>, WebError> {
        let now = generation(state)?;
        let mut slot = self.overview.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((kept, overview)) = slot.as_ref() {
            if *kept == now {
                return Ok(overview.clone());
            }
        }
        let overview = Arc::new(compute(state)?);
        *slot = Some((now, overview.clone()));
        Ok(overview)
    }

    /// The top terms of `theme` in the current commit. Blocking.
    pub fn top_terms(&self, state: &AppState, theme: &str) -> Result<Arc<ThemeTerms>, WebError> {
        let now = generation(state)?;
        {
            let kept = self.top_terms.lock().unwrap_or_else(|p| p.into_inner());
            if kept.0 == now {
                if let Some(terms) = kept.1.get(theme) {
                    return Ok(terms.clone());
                }
            }
        }
        let terms = Arc::new(views::top_terms_for(
            &state.index,
            &state.analyzer,
            theme,
            20,
            TOP_TERMS_PASSAGES,
        )?);
        let mut kept = self.top_terms.lock().unwrap_or_else(|p| p.into_inner());
        if kept.0 != now || kept.1.len() >= MAX_TOP_TERMS {
            *kept = (now, HashMap::new());
        }
        kept.1.insert(theme.to_string(), terms.clone());
        Ok(terms)
    }
}

impl Cache {
    /// The filter counts of `request` (its query and filters; not its page) in the current
    /// commit. Blocking.
    pub fn facets(
        &self,
        state: &AppState,
        request: &SearchRequest,
        fields: &[&str],
    ) -> Result<Arc<Vec<FacetCounts>>, WebError> {
        let now = generation(state)?;
        let key = (request.query.clone(), request.filters.clone());
        {
            let kept = self.facets.lock().unwrap_or_else(|p| p.into_inner());
            if kept.0 == now {
                if let Some(counts) = kept.1.get(&key) {
                    return Ok(counts.clone());
                }
            }
        }
        let counts = Arc::new(search::facet_counts(&state.index, request, fields)?);
        let mut kept = self.facets.lock().unwrap_or_else(|p| p.into_inner());
        if kept.0 != now || kept.1.len() >= MAX_FACETS {
            *kept = (now, HashMap::new());
        }
        kept.1.insert(key, counts.clone());
        Ok(counts)
    }
}

fn compute(state: &AppState) -> Result<Overview, WebError> {
    let (index, lexicons) = (&state.index, &state.lexicons);
    let by_round = theme_report(index, lexicons, Some("round"))?;
    let comparison = match (by_round.columns.first(), by_round.columns.last()) {
        (Some(first), Some(last)) if by_round.columns.len() > 1 => {
            Some(views::compare(index, lexicons, &first.value, &last.value)?)
        }
        _ => None,
    };
    Ok(Overview {
        by_session: theme_report(index, lexicons, Some("session"))?,
        by_stakeholder: theme_report(index, lexicons, Some("stakeholder"))?,
        by_region: theme_report(index, lexicons, Some("region"))?,
        by_round,
        comparison,
        cooccurrence: views::cooccurrence(index, lexicons)?,
    })
}
