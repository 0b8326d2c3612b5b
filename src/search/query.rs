//! The query language planners type, parsed by us into tantivy queries (tantivy's own parser
//! has no prefix or fuzzy syntax and no Indonesian field names):
//!
//! | syntax | meaning |
//! | --- | --- |
//! | `lansia terlantar` | both words (analysed: `memberdayakan` finds `pemberdayaan`) |
//! | `"perubahan iklim"` | the phrase (stopwords in between are skipped alike) |
//! | `lansia OR jompo`, `lansia AND NOT panti`, `-panti`, `( ... )` | boolean logic |
//! | `bansos*` | words whose index term starts with `bansos` |
//! | `stunting~`, `stunting~2` | up to 1 (or 2) typing errors |
//! | `tema:lansia sesi:akademisi provinsi:"Jawa Timur" penutur:"Sri Rahayuningsih"` | fields |
//! | `tanggal:[2024-01-29 TO 2024-01-31]` | ranges on a field (dates are `YYYY-MM-DD`) |
//!
//! Field names in Bahasa Indonesia or English: tema/theme, sesi/session, provinsi/region,
//! kabupaten/district, penutur/speaker, instansi/organisation, kelompok/stakeholder,
//! putaran/round, tanggal/date, berkas/file. Field values ignore case and spacing.
//! Errors say where the query went wrong.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::analyse::Analyzer;
use crate::error::{Error, Result};
use crate::index::PassageIndex;

/// Indonesian and English field names and the index field each means.
pub const FIELD_NAMES: &[(&str, &str)] = &[
    ("tema", "theme"),
    ("theme", "theme"),
    ("sesi", "session"),
    ("session", "session"),
    ("provinsi", "region"),
    ("region", "region"),
    ("kabupaten", "district"),
    ("kota", "district"),
    ("district", "district"),
    ("penutur", "speaker"),
    ("speaker", "speaker"),
    ("instansi", "organisation"),
    ("organisasi", "organisation"),
    ("organisation", "organisation"),
    ("kelompok", "stakeholder"),
    ("stakeholder", "stakeholder"),
    ("putaran", "round"),
    ("round", "round"),
    ("tanggal", "date"),
    ("date", "date"),
    ("bulan", "month"),
    ("month", "month"),
    ("berkas", "file"),
    ("file", "file"),
];

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    /// A clause: optional field, and the value as typed.
    Clause {
        field: Option<String>,
        value: Value,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Word(String),
    Phrase(String),
    Prefix(String),
    Fuzzy(String, u8),
    Range(String, String),
}

fn error(query: &str, message: impl Into<String>) -> Error {
    Error::Query {
        query: query.to_string(),
        message: message.into(),
    }
}

/// Splits a query into tokens.
fn lex(query: &str) -> Result<Vec<Token>> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '(' {
            tokens.push(Token::Open);
            i += 1;
            continue;
        }
        if c == ')' {
            tokens.push(Token::Close);
            i += 1;
            continue;
        }
        if c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
            tokens.push(Token::Not);
            i += 1;
            continue;
        }
        // A word, possibly `field:` followed by a value.
        let mut field = None;
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        if i > start && chars.get(i) == Some(&':') {
            field = Some(chars[start..i].iter().collect::<String>());
            i += 1;
        } else {
            i = start;
        }
        let value = match chars.get(i) {
            Some('"') => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|c| *c == '"')
                    .ok_or_else(|| {
                        error(
                            query,
                            format!("the quote at character {} is not closed", i + 1),
                        )
                    })?;
                let phrase: String = chars[i + 1..i + 1 + close].iter().collect();
                i += close + 2;
                Value::Phrase(phrase)
            }
            Some('[') => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|c| *c == ']')
                    .ok_or_else(|| {
                        error(
                            query,
                            format!("the range at character {} is not closed with ]", i + 1),
                        )
                    })?;
                let inside: String = chars[i + 1..i + 1 + close].iter().collect();
                i += close + 2;
                let (low, high) = inside
                    .split_once(" TO ")
                    .ok_or_else(|| error(query, "a range is written [from TO to]"))?;
                Value::Range(low.trim().to_string(), high.trim().to_string())
            }
            Some(_) => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && chars[i] != '('
                    && chars[i] != ')'
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if field.is_none() {
                    match word.as_str() {
                        "AND" => {
                            tokens.push(Token::And);
                            continue;
                        }
                        "OR" => {
                            tokens.push(Token::Or);
                            continue;
                        }
                        "NOT" => {
                            tokens.push(Token::Not);
                            continue;
                        }
                        _ => {}
                    }
                }
                if let Some(stem) = word.strip_suffix('*') {
                    Value::Prefix(stem.to_string())
                } else if let Some((base, distance)) = word.rsplit_once('~') {
                    let distance = match distance {
                        "" => 1,
                        d => d
                            .parse::<u8>()
                            .ok()
                            .filter(|d| (1..=2).contains(d))
                            .ok_or_else(|| {
                                error(query, format!("{word:?}: fuzzy distance is 1 or 2"))
                            })?,
                    };
                    Value::Fuzzy(base.to_string(), distance)
                } else {
                    Value::Word(word)
                }
            }
            None => {
                return Err(error(
                    query,
                    format!("nothing after {}:", field.unwrap_or_default()),
                ))
            }
        };
        tokens.push(Token::Clause { field, value });
    }
    Ok(tokens)
}

/// Parses a query string into a tantivy query.
pub struct QueryBuilder<'a> {
    index: &'a PassageIndex,
    analyzer: &'a Analyzer,
    query: &'a str,
    tokens: Vec<Token>,
    at: usize,
}

/// Parses `query` for `index`.
pub fn parse(index: &PassageIndex, analyzer: &Analyzer, query: &str) -> Result<Box<dyn Query>> {
    let tokens = lex(query)?;
    if tokens.is_empty() {
        return Ok(Box::new(AllQuery));
    }
    let mut builder = QueryBuilder {
        index,
        analyzer,
        query,
        tokens,
        at: 0,
    };
    let parsed = builder.or_expression()?;
    if builder.at < builder.tokens.len() {
        return Err(error(query, "a closing parenthesis has no opening one"));
    }
    parsed.ok_or_else(|| error(query, "the query has only stopwords, nothing to search for"))
}

impl QueryBuilder<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn or_expression(&mut self) -> Result<Option<Box<dyn Query>>> {
        let mut alternatives = Vec::new();
        loop {
            if let Some(q) = self.and_expression()? {
                alternatives.push(q);
            }
            if self.peek() == Some(&Token::Or) {
                self.at += 1;
                if matches!(self.peek(), None | Some(Token::Close) | Some(Token::Or)) {
                    return Err(error(self.query, "OR needs something after it"));
                }
                continue;
            }
            break;
        }
        Ok(match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Box::new(BooleanQuery::new(
                alternatives
                    .into_iter()
                    .map(|q| (Occur::Should, q))
                    .collect(),
            ))),
        })
    }

    fn and_expression(&mut self) -> Result<Option<Box<dyn Query>>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        loop {
            match self.peek() {
                None | Some(Token::Close) | Some(Token::Or) => break,
                Some(Token::And) => {
                    self.at += 1;
                    if matches!(self.peek(), None | Some(Token::Close) | Some(Token::Or)) {
                        return Err(error(self.query, "AND needs something after it"));
                    }
                }
                _ => {
                    let (negated, query) = self.unary()?;
                    if let Some(query) = query {
                        clauses.push((if negated { Occur::MustNot } else { Occur::Must }, query));
                    }
                }
            }
        }
        if clauses.is_empty() {
            return Ok(None);
        }
        if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok(Some(if clauses.len() == 1 && clauses[0].0 == Occur::Must {
            clauses
                .pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(AllQuery))
        } else {
            Box::new(BooleanQuery::new(clauses))
        }))
    }

    fn unary(&mut self) -> Result<(bool, Option<Box<dyn Query>>)> {
        if self.peek() == Some(&Token::Not) {
            self.at += 1;
            if matches!(
                self.peek(),
                None | Some(Token::Close) | Some(Token::Or) | Some(Token::And)
            ) {
                return Err(error(self.query, "NOT needs something after it"));
            }
            let (negated, query) = self.unary()?;
            return Ok((!negated, query));
        }
        Ok((false, self.primary()?))
    }

    fn primary(&mut self) -> Result<Option<Box<dyn Query>>> {
        let token = self.tokens[self.at].clone();
        self.at += 1;
        match token {
            Token::Open => {
                let inner = self.or_expression()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(error(self.query, "an opening parenthesis is not closed"));
                }
                self.at += 1;
                Ok(inner)
            }
            Token::Clause { field: None, value } => self.text_clause(value),
            Token::Clause {
                field: Some(name),
                value,
            } => self.field_clause(&name, value).map(Some),
            Token::Close => Err(error(
                self.query,
                "a closing parenthesis has no opening one",
            )),
            Token::And | Token::Or | Token::Not => {
                Err(error(self.query, "an operator is out of place"))
            }
        }
    }

    /// A clause on the passage text.
    fn text_clause(&self, value: Value) -> Result<Option<Box<dyn Query>>> {
        let field = self.index.fields().text;
        match value {
            Value::Word(text) | Value::Phrase(text) => Ok(self.phrase(field, &text)),
            Value::Prefix(prefix) => {
                let lowered = prefix.to_lowercase();
                if lowered.chars().count() < 2 {
                    return Err(error(
                        self.query,
                        format!("{prefix}*: a prefix needs at least two letters"),
                    ));
                }
                let pattern = format!("{}.*", regex_escape(&lowered));
                let query = RegexQuery::from_pattern(&pattern, field)
                    .map_err(|e| error(self.query, e.to_string()))?;
                Ok(Some(Box::new(query)))
            }
            Value::Fuzzy(word, distance) => {
                let terms = self.analyzer.terms(&word);
                let [term] = terms.as_slice() else {
                    return Err(error(
                        self.query,
                        format!("{word}~: fuzzy search takes one word"),
                    ));
                };
                Ok(Some(Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(field, term),
                    distance,
                    true,
                ))))
            }
            Value::Range(..) => Err(error(
                self.query,
                "a range needs a field, e.g. tanggal:[2024-01-01 TO 2024-01-31]",
            )),
        }
    }

    /// Analysed words as a term or phrase query (stopwords leave their gaps).
    fn phrase(&self, field: Field, text: &str) -> Option<Box<dyn Query>> {
        let tokens = self.analyzer.analyse(text);
        match tokens.as_slice() {
            [] => None,
            [one] => Some(Box::new(TermQuery::new(
                Term::from_field_text(field, &one.term),
                IndexRecordOption::WithFreqs,
            ))),
            many => {
                let first = many[0].position;
                Some(Box::new(PhraseQuery::new_with_offset(
                    many.iter()
                        .map(|t| (t.position - first, Term::from_field_text(field, &t.term)))
                        .collect(),
                )))
            }
        }
    }

    /// A clause on a metadata field.
    fn field_clause(&self, name: &str, value: Value) -> Result<Box<dyn Query>> {
        let lowered = name.to_lowercase();
        let Some((_, field_name)) = FIELD_NAMES.iter().find(|(alias, _)| *alias == lowered) else {
            let names: Vec<&str> = FIELD_NAMES.iter().map(|(alias, _)| *alias).collect();
            return Err(error(
                self.query,
                format!("unknown field {name:?}; fields: {}", names.join(", ")),
            ));
        };
        let field = self
            .index
            .facet_field(field_name)
            .ok_or_else(|| error(self.query, format!("the index has no field {field_name}")))?;
        let term = |value: &str| -> Result<Term> {
            let resolved = self
                .index
                .resolve_value(field, value)?
                .unwrap_or_else(|| value.to_string());
            Ok(Term::from_field_text(field, &resolved))
        };
        Ok(match value {
            Value::Word(v) | Value::Phrase(v) => {
                let v = if *field_name == "theme" {
                    v.to_lowercase()
                } else {
                    v
                };
                Box::new(TermQuery::new(term(&v)?, IndexRecordOption::Basic))
            }
            Value::Range(low, high) => {
                let bound = |v: &str| -> Bound<Term> {
                    if v == "*" {
                        Bound::Unbounded
                    } else {
                        Bound::Included(Term::from_field_text(field, v))
                    }
                };
                Box::new(RangeQuery::new(bound(&low), bound(&high)))
            }
            Value::Prefix(p) => {
                let pattern = format!("(?i){}.*", regex_escape(&p));
                Box::new(
                    RegexQuery::from_pattern(&pattern, field)
                        .map_err(|e| error(self.query, e.to_string()))?,
                )
            }
            Value::Fuzzy(..) => {
                return Err(error(
                    self.query,
                    format!("{name}: fuzzy search works on the text only"),
                ))
            }
        })
    }
}

fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_fields_phrases_ranges_prefixes_and_fuzzy_words() {
        let tokens = lex(r#"tema:lansia provinsi:"Jawa Timur" -panti (bansos* OR stunting~2) tanggal:[2024-01-01 TO 2024-01-31]"#).unwrap();
        assert_eq!(tokens.len(), 10, "{tokens:?}");
        assert_eq!(
            tokens[1],
            Token::Clause {
                field: Some("provinsi".into()),
                value: Value::Phrase("Jawa Timur".into())
            }
        );
        assert_eq!(tokens[2], Token::Not);
        assert_eq!(
            tokens[5],
            Token::Clause {
                field: None,
                value: Value::Prefix("bansos".into())
            }
        );
        assert_eq!(
            tokens[7],
            Token::Clause {
                field: None,
                value: Value::Fuzzy("stunting".into(), 2)
            }
        );
        assert!(
            matches!(&tokens[9], Token::Clause { value: Value::Range(a, b), .. } if a == "2024-01-01" && b == "2024-01-31")
        );
    }

    #[test]
    fn bad_syntax_is_explained() {
        for (query, needle) in [
            ("\"perubahan iklim", "not closed"),
            ("tanggal:[2024", "not closed"),
            ("stunting~5", "fuzzy distance"),
            ("tanggal:[a b]", "[from TO to]"),
        ] {
            let err = lex(query).unwrap_err().to_string();
            assert!(err.contains(needle), "{query}: {err}");
        }
    }
}
