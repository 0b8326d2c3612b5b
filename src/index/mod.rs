//! The passage index: tantivy on disk. Owns the schema, opening (always registering the
//! Indonesian analyser), turning a [`Passage`] into a document and back, and replacing a
//! document's passages atomically so a re-ingest never duplicates.
//!
//! Fields: `text` (analysed, with positions, stored); the metadata fields (`round`, `session`,
//! `stakeholder`, `speaker`, `organisation`, `region`, `district`, `date`, `month` (`YYYY-MM`,
//! from the date, for calendar-month reports), `file`) and the
//! multi-valued `theme` as raw strings that are indexed (filters), fast (counting) and stored;
//! provenance and evidence stored only.

pub mod evidence_codec;

use std::path::{Path, PathBuf};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::analyse::{register_analyzer, Analyzer, ANALYZER_NAME};
use crate::error::{Error, Result};
use crate::passage::{Metadata, Passage, Provenance};

/// Memory for the index writer (split across its threads).
const WRITER_MEMORY: usize = 200_000_000;

/// Metadata fields that can be filtered and counted, with their index field names.
pub const FACET_FIELDS: [&str; 11] = [
    "round",
    "session",
    "stakeholder",
    "speaker",
    "organisation",
    "region",
    "district",
    "date",
    "month",
    "file",
    "theme",
];

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub passage_id: Field,
    pub doc_id: Field,
    pub doc_hash: Field,
    pub seq: Field,
    pub text: Field,
    pub round: Field,
    pub session: Field,
    pub stakeholder: Field,
    pub speaker: Field,
    pub organisation: Field,
    pub region: Field,
    pub district: Field,
    pub date: Field,
    pub month: Field,
    pub file: Field,
    pub theme: Field,
    pub line: Field,
    pub row: Field,
    pub byte_start: Field,
    pub byte_end: Field,
    pub timestamp: Field,
    pub evidence: Field,
}

/// The schema aspirasi writes.
pub fn schema() -> Schema {
    let mut builder = Schema::builder();
    let text_options = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    builder.add_text_field("passage_id", STRING | STORED);
    builder.add_text_field("doc_id", STRING | STORED | FAST);
    builder.add_text_field("doc_hash", STORED);
    builder.add_u64_field("seq", INDEXED | STORED | FAST);
    builder.add_text_field("text", text_options);
    for name in FACET_FIELDS {
        builder.add_text_field(name, STRING | STORED | FAST);
    }
    for name in ["line", "row", "byte_start", "byte_end"] {
        builder.add_u64_field(name, STORED);
    }
    builder.add_text_field("timestamp", STORED);
    builder.add_text_field("evidence", STORED);
    builder.build()
}

fn fields_of(schema: &Schema, path: &Path) -> Result<Fields> {
    let get = |name: &str| {
        schema.get_field(name).map_err(|_| Error::Config {
            path: path.to_path_buf(),
            message: format!(
                "this index was not written by this version of aspirasi (no field {name:?}); \
                 ingest into a new folder"
            ),
        })
    };
    Ok(Fields {
        passage_id: get("passage_id")?,
        doc_id: get("doc_id")?,
        doc_hash: get("doc_hash")?,
        seq: get("seq")?,
        text: get("text")?,
        round: get("round")?,
        session: get("session")?,
        stakeholder: get("stakeholder")?,
        speaker: get("speaker")?,
        organisation: get("organisation")?,
        region: get("region")?,
        district: get("district")?,
        date: get("date")?,
        month: get("month")?,
        file: get("file")?,
        theme: get("theme")?,
        line: get("line")?,
        row: get("row")?,
        byte_start: get("byte_start")?,
        byte_end: get("byte_end")?,
        timestamp: get("timestamp")?,
        evidence: get("evidence")?,
    })
}

/// A document as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub doc_id: String,
    /// The hash the pipeline stored (see `pipeline`).
    pub hash: String,
    pub file: String,
}

/// An open passage index.
pub struct PassageIndex {
    index: Index,
    fields: Fields,
    path: PathBuf,
    reader: IndexReader,
}

impl PassageIndex {
    /// Opens the index in `dir`, creating the folder and an empty index if there is none.
    pub fn open_or_create(dir: &Path, analyzer: &Analyzer) -> Result<PassageIndex> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let directory = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| Error::index(dir, e.into()))?;
        let index = Index::open_or_create(directory, schema()).map_err(|e| Error::index(dir, e))?;
        PassageIndex::wrap(index, dir, analyzer)
    }

    /// Opens an existing index; a clear error when `dir` holds none.
    pub fn open(dir: &Path, analyzer: &Analyzer) -> Result<PassageIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::Usage(format!(
                "no aspirasi index in {}: create one with `aspirasi ingest PATH --index {}`",
                dir.display(),
                dir.display()
            )));
        }
        let index = Index::open_in_dir(dir).map_err(|e| Error::index(dir, e))?;
        PassageIndex::wrap(index, dir, analyzer)
    }

    fn wrap(index: Index, dir: &Path, analyzer: &Analyzer) -> Result<PassageIndex> {
        register_analyzer(&index, analyzer);
        let fields = fields_of(&index.schema(), dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Error::index(dir, e))?;
        Ok(PassageIndex {
            index,
            fields,
            path: dir.to_path_buf(),
            reader,
        })
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn fields(&self) -> Fields {
        self.fields
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A searcher on the last commit.
    pub fn searcher(&self) -> Result<tantivy::Searcher> {
        self.reader.reload().map_err(|e| self.error(e))?;
        Ok(self.reader.searcher())
    }

    /// A writer for adding and replacing documents.
    pub fn writer(&self) -> Result<IndexWriter> {
        self.index
            .writer::<TantivyDocument>(WRITER_MEMORY)
            .map_err(|e| self.error(e))
    }

    pub(crate) fn error(&self, e: tantivy::TantivyError) -> Error {
        Error::index(&self.path, e)
    }

    /// The content hash stored with a document's passages and how many passages it has,
    /// if the document is indexed.
    pub fn stored_document(
        &self,
        searcher: &tantivy::Searcher,
        doc_id: &str,
    ) -> Result<Option<(String, usize)>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.doc_id, doc_id),
            IndexRecordOption::Basic,
        );
        let (top, count) = searcher
            .search(&query, &(TopDocs::with_limit(1).order_by_score(), Count))
            .map_err(|e| self.error(e))?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address).map_err(|e| self.error(e))?;
        let hash = doc
            .get_first(self.fields.doc_hash)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        Ok(Some((hash, count)))
    }

    /// Every indexed document: its id, stored hash and file, read from its first passage.
    pub fn documents(&self, searcher: &tantivy::Searcher) -> Result<Vec<StoredDocument>> {
        let query = TermQuery::new(
            Term::from_field_u64(self.fields.seq, 0),
            IndexRecordOption::Basic,
        );
        let addresses = searcher
            .search(&query, &tantivy::collector::DocSetCollector)
            .map_err(|e| self.error(e))?;
        let mut out = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.error(e))?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            out.push(StoredDocument {
                doc_id: text(self.fields.doc_id),
                hash: text(self.fields.doc_hash),
                file: text(self.fields.file),
            });
        }
        Ok(out)
    }

    /// Replaces every passage of `doc_id` by `documents` (in the writer's next commit).
    pub fn replace_document(
        &self,
        writer: &IndexWriter,
        doc_id: &str,
        documents: impl IntoIterator<Item = TantivyDocument>,
    ) -> Result<()> {
        writer.delete_term(Term::from_field_text(self.fields.doc_id, doc_id));
        for document in documents {
            writer.add_document(document).map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    /// The tantivy document for a passage.
    pub fn to_document(&self, passage: &Passage, doc_hash: &str) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.passage_id, &passage.id);
        doc.add_text(f.doc_id, &passage.doc_id);
        doc.add_text(f.doc_hash, doc_hash);
        doc.add_u64(f.seq, passage.seq);
        doc.add_text(f.text, &passage.text);
        let m = &passage.meta;
        doc.add_text(f.round, &m.round);
        doc.add_text(f.session, &m.session);
        doc.add_text(f.stakeholder, &m.stakeholder);
        let optional = [
            (f.speaker, &m.speaker),
            (f.organisation, &m.organisation),
            (f.region, &m.region),
            (f.district, &m.district),
            (f.date, &m.date),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        if let Some(month) = m.date.as_deref().and_then(|d| d.get(..7)) {
            doc.add_text(f.month, month);
        }
        let p = &passage.provenance;
        doc.add_text(f.file, &p.file);
        doc.add_u64(f.line, p.line);
        if let Some(row) = p.row {
            doc.add_u64(f.row, row);
        }
        doc.add_u64(f.byte_start, p.byte_start);
        doc.add_u64(f.byte_end, p.byte_end);
        if let Some(timestamp) = &p.timestamp {
            doc.add_text(f.timestamp, timestamp);
        }
        for theme in &passage.themes {
            doc.add_text(f.theme, theme);
        }
        doc.add_text(f.evidence, evidence_codec::encode(&passage.evidence));
        doc
    }

    /// The passage a stored document holds.
    pub fn to_passage(&self, doc: &TantivyDocument) -> Passage {
        let f = &self.fields;
        let text = |field: Field| -> Option<String> {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let number = |field: Field| doc.get_first(field).and_then(|v| v.as_u64());
        let passage_text = text(f.text).unwrap_or_default();
        Passage {
            id: text(f.passage_id).unwrap_or_default(),
            doc_id: text(f.doc_id).unwrap_or_default(),
            seq: number(f.seq).unwrap_or_default(),
            text: passage_text.clone(),
            meta: Metadata {
                round: text(f.round).unwrap_or_default(),
                session: text(f.session).unwrap_or_default(),
                date: text(f.date),
                speaker: text(f.speaker),
                organisation: text(f.organisation),
                stakeholder: text(f.stakeholder).unwrap_or_default(),
                region: text(f.region),
                district: text(f.district),
            },
            provenance: Provenance {
                file: text(f.file).unwrap_or_default(),
                line: number(f.line).unwrap_or_default(),
                row: number(f.row),
                byte_start: number(f.byte_start).unwrap_or_default(),
                byte_end: number(f.byte_end).unwrap_or_default(),
                timestamp: text(f.timestamp),
            },
            themes: doc
                .get_all(f.theme)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            evidence: text(f.evidence)
                .map(|stored| evidence_codec::decode(&stored, &passage_text))
                .unwrap_or_default(),
        }
    }

    /// Calls `visit` with every passage of the last commit (stored fields read in order).
    pub fn for_each_passage(&self, mut visit: impl FnMut(Passage) -> Result<()>) -> Result<()> {
        let searcher = self.searcher()?;
        for segment in searcher.segment_readers() {
            let store = segment
                .get_store_reader(64)
                .map_err(|e| self.error(e.into()))?;
            for doc_id in segment.doc_ids_alive() {
                let doc: TantivyDocument = store.get(doc_id).map_err(|e| self.error(e))?;
                visit(self.to_passage(&doc))?;
            }
        }
        Ok(())
    }

    /// Number of passages in the last commit.
    pub fn passage_count(&self) -> Result<u64> {
        Ok(self.searcher()?.num_docs())
    }

    /// The field for a facet name (`session`, `region`, `theme` ...).
    pub fn facet_field(&self, name: &str) -> Option<Field> {
        FACET_FIELDS
            .contains(&name)
            .then(|| self.index.schema().get_field(name).ok())
            .flatten()
    }

    /// The indexed value of a facet field that equals `wanted` ignoring case and spacing
    /// (`jawa timur` finds `Jawa Timur`), or `None` when no passage has it.
    pub fn resolve_value(&self, field: Field, wanted: &str) -> Result<Option<String>> {
        let fold = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let wanted = fold(wanted);
        let searcher = self.searcher()?;
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field).map_err(|e| self.error(e))?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(|e| self.error(e.into()))?;
            while stream.advance() {
                if let Ok(value) = std::str::from_utf8(stream.key()) {
                    if fold(value) == wanted {
                        return Ok(Some(value.to_string()));
                    }
                }
            }
        }
        Ok(None)
    }
}
