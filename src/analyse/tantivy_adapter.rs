//! Adapter that lets tantivy use the [`Analyzer`]: a `Tokenizer` registered under
//! [`ANALYZER_NAME`]. Custom analysers are not stored in a tantivy index, so every index that
//! is opened, for writing or reading, must go through [`register_analyzer`].

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::Index;

use super::Analyzer;

/// The name the text field's indexing options refer to.
pub const ANALYZER_NAME: &str = "aspirasi_id";

/// Registers the analyser on an index (must be done on every open).
pub fn register_analyzer(index: &Index, analyzer: &Analyzer) {
    index
        .tokenizers()
        .register(ANALYZER_NAME, text_analyzer(analyzer));
}

/// The analyser as a tantivy `TextAnalyzer`.
pub fn text_analyzer(analyzer: &Analyzer) -> TextAnalyzer {
    TextAnalyzer::from(IndonesianTokenizer {
        analyzer: analyzer.clone(),
    })
}

#[derive(Clone)]
struct IndonesianTokenizer {
    analyzer: Analyzer,
}

/// Streams tokens straight from the analyser's cursor into one reused `Token`.
struct IndonesianTokenStream<'a> {
    tokens: super::Tokens<'a>,
    token: Token,
}

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = IndonesianTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> IndonesianTokenStream<'a> {
        IndonesianTokenStream {
            tokens: self.analyzer.tokens(text),
            token: Token::default(),
        }
    }
}

impl TokenStream for IndonesianTokenStream<'_> {
    fn advance(&mut self) -> bool {
        match self.tokens.next_into(&mut self.token.text) {
            Some((start, end, position)) => {
                self.token.offset_from = start;
                self.token.offset_to = end;
                self.token.position = position;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tantivy_sees_the_same_terms_as_the_analyser() {
        let analyzer = Analyzer::indonesian();
        let mut text_analyzer = text_analyzer(&analyzer);
        let text = "Lansia yang terlantar di desa, “anak-anak” 10.000";
        let mut stream = text_analyzer.token_stream(text);
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((token.text.clone(), token.offset_from, token.position));
        }
        let expected: Vec<_> = analyzer
            .analyse(text)
            .into_iter()
            .map(|t| (t.term, t.byte_start, t.position))
            .collect();
        assert_eq!(seen, expected);
    }
}
