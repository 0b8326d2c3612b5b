//! A passage in its document: the passages around it, in order, so a reader sees what was said
//! before and after. Only a window around the passage is read (a long transcript can have
//! thousands of passages).

use std::ops::Bound;

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::error::Result;
use crate::index::PassageIndex;
use crate::passage::Passage;

/// The passage and its neighbours in its document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InContext {
    /// The passage asked for.
    pub passage: Passage,
    /// The window of its document, in order, the passage included.
    pub passages: Vec<Passage>,
    /// Passages in the whole document.
    pub document_passages: usize,
}

/// The passage with id `passage_id` and up to `window` passages either side of it, or `None`
/// when the index has no such passage.
pub fn in_context(
    index: &PassageIndex,
    passage_id: &str,
    window: u64,
) -> Result<Option<InContext>> {
    let fields = index.fields();
    let searcher = index.searcher()?;
    let by_id = TermQuery::new(
        Term::from_field_text(fields.passage_id, passage_id),
        IndexRecordOption::Basic,
    );
    let top = searcher
        .search(&by_id, &TopDocs::with_limit(1).order_by_score())
        .map_err(|e| index.error(e))?;
    let Some((_, address)) = top.first() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(*address).map_err(|e| index.error(e))?;
    let passage = index.to_passage(&doc);
    let in_document: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_field_text(fields.doc_id, &passage.doc_id),
        IndexRecordOption::Basic,
    ));
    let document_passages = searcher
        .search(in_document.as_ref(), &Count)
        .map_err(|e| index.error(e))?;
    let near: Box<dyn Query> = Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(
            fields.seq,
            passage.seq.saturating_sub(window),
        )),
        Bound::Included(Term::from_field_u64(
            fields.seq,
            passage.seq.saturating_add(window),
        )),
    ));
    let addresses = searcher
        .search(
            &BooleanQuery::intersection(vec![in_document, near]),
            &DocSetCollector,
        )
        .map_err(|e| index.error(e))?;
    let mut passages = Vec::with_capacity(addresses.len());
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| index.error(e))?;
        passages.push(index.to_passage(&doc));
    }
    passages.sort_by_key(|p| p.seq);
    Ok(Some(InContext {
        passage,
        passages,
        document_passages,
    }))
}
