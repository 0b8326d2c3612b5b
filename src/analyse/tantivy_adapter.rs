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

struct IndonesianTokenStream {
    tokens: Vec<Token>,
    current: usize,
}

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = IndonesianTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> IndonesianTokenStream {
        let mut tokens = Vec::new();
        self.analyzer.for_each_token(text, |token| {
            tokens.push(Token {
                offset_from: token.byte_start,
                offset_to: token.byte_end,
                position: token.position,
                text: token.term,
                position_length: 1,
            })
        });
        IndonesianTokenStream {
            tokens,
            current: usize::MAX,
        }
    }
}

impl TokenStream for IndonesianTokenStream {
    fn advance(&mut self) -> bool {
        self.current = self.current.wrapping_add(1);
        self.current < self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.current]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.current]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tantivy_sees_the_same_terms_as_the_analyser() {
        let analyzer = Analyzer::indonesian();
        let mut text_analyzer = text_analyzer(&analyzer);
        let mut stream = text_analyzer.token_stream("Lansia yang terlantar di desa");
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push(token.text.clone());
        }
        assert_eq!(seen, analyzer.terms("Lansia yang terlantar di desa"));
    }
}
