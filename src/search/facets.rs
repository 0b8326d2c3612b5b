//! Exact facet counts as a tantivy collector: for every matching passage, the values of a few
//! string fast fields are counted by term ordinal per segment and named once at the end, so a
//! million matches cost a pass over columns, not a million string copies.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Cardinality, StrColumn};
use tantivy::{DocId, Score, SegmentReader};

/// Counts, for each of `fields`, how many matching passages have each value.
pub(super) struct FacetCollector<'a> {
    pub fields: &'a [String],
}

pub(super) struct SegmentFacets {
    columns: Vec<Option<StrColumn>>,
    counts: Vec<Vec<u64>>,
    /// Term ordinals of one block of single-valued documents.
    block: Vec<Option<u64>>,
}

impl Collector for FacetCollector<'_> {
    type Fruit = Vec<HashMap<String, u64>>;
    type Child = SegmentFacets;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let columns = self
            .fields
            .iter()
            .map(|field| segment.fast_fields().str(field))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let counts = columns
            .iter()
            .map(|c| vec![0; c.as_ref().map_or(0, |c| c.num_terms())])
            .collect();
        Ok(SegmentFacets {
            columns,
            counts,
            block: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<HashMap<String, u64>>>,
    ) -> tantivy::Result<Vec<HashMap<String, u64>>> {
        let mut merged = vec![HashMap::new(); self.fields.len()];
        for fruit in fruits {
            for (total, counts) in merged.iter_mut().zip(fruit) {
                for (value, n) in counts {
                    *total.entry(value).or_default() += n;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Vec<HashMap<String, u64>>;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (column, counts) in self.columns.iter().zip(&mut self.counts) {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    counts[ord as usize] += 1;
                }
            }
        }
    }

    /// A block at a time: single-valued columns (every field but `theme`) are read with one
    /// batched lookup per block, several times faster than one per document.
    fn collect_block(&mut self, docs: &[DocId]) {
        for (column, counts) in self.columns.iter().zip(&mut self.counts) {
            let Some(column) = column else {
                continue;
            };
            let ords = column.ords();
            if ords.get_cardinality() == Cardinality::Multivalued {
                for doc in docs {
                    for ord in ords.values_for_doc(*doc) {
                        counts[ord as usize] += 1;
                    }
                }
            } else {
                self.block.clear();
                self.block.resize(docs.len(), None);
                ords.first_vals(docs, &mut self.block);
                for ord in self.block.iter().flatten() {
                    counts[*ord as usize] += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut buffer = String::new();
        self.columns
            .iter()
            .zip(self.counts)
            .map(|(column, counts)| {
                let mut named = HashMap::new();
                let Some(column) = column else {
                    return named;
                };
                for (ord, n) in counts.into_iter().enumerate() {
                    if n > 0 && column.ord_to_str(ord as u64, &mut buffer).is_ok() {
                        named.insert(buffer.clone(), n);
                    }
                }
                named
            })
            .collect()
    }
}
