//! Sentence boundaries for cutting long turns: after `.`, `!`, `?` or `…` (and any closing
//! quotes or brackets) followed by white space and a word that does not start in lower case,
//! and after every line break. This is the part of UAX #29's sentence rules that matters for
//! transcripts (`10.000` and `dll. dan` do not end a sentence), without its general state
//! machine, which was the segmenter's main cost.

/// Byte ranges of the sentences of `text`, covering it entirely (each sentence keeps its
/// trailing white space), in order.
pub fn sentence_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        let boundary = match c {
            '\n' => {
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
                true
            }
            '.' | '!' | '?' | '…' => {
                while chars.peek().is_some_and(|(_, c)| {
                    matches!(
                        c,
                        '.' | '!' | '?' | '…' | '"' | '\'' | ')' | ']' | '”' | '’' | '»'
                    )
                }) {
                    chars.next();
                }
                let mut spaced = false;
                while chars
                    .peek()
                    .is_some_and(|(_, c)| c.is_whitespace() && *c != '\n')
                {
                    chars.next();
                    spaced = true;
                }
                let next_is_lower = chars.peek().is_some_and(|(_, c)| c.is_lowercase());
                spaced && !next_is_lower
            }
            _ => false,
        };
        if boundary {
            let end = chars.peek().map_or(text.len(), |(next, _)| *next);
            if end > start {
                ranges.push((start, end));
            }
            start = end;
        }
    }
    if start < text.len() {
        ranges.push((start, text.len()));
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_ranges(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn splits_after_terminal_punctuation_and_line_breaks() {
        assert_eq!(
            sentences("Data belum valid. Mohon dicek! Apa bisa? \"Bisa.\" Lalu\nbaris baru"),
            [
                "Data belum valid. ",
                "Mohon dicek! ",
                "Apa bisa? ",
                "\"Bisa.\" ",
                "Lalu\n",
                "baris baru"
            ]
        );
    }

    #[test]
    fn keeps_numbers_abbreviations_before_lower_case_and_ellipses_together() {
        assert_eq!(
            sentences("Rp10.000 per bulan. Oke"),
            ["Rp10.000 per bulan. ", "Oke"]
        );
        assert_eq!(
            sentences("bantuan, dll. dan seterusnya"),
            ["bantuan, dll. dan seterusnya"]
        );
        assert_eq!(
            sentences("jadi... Kita lanjut"),
            ["jadi... ", "Kita lanjut"]
        );
        assert_eq!(sentences(""), Vec::<&str>::new());
    }

    #[test]
    fn ranges_cover_the_whole_text() {
        let text = "Satu. Dua!  Tiga?\n\nEmpat …lima. ";
        let ranges = sentence_ranges(text);
        assert_eq!(ranges.first().unwrap().0, 0);
        assert_eq!(ranges.last().unwrap().1, text.len());
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].1, pair[1].0);
        }
    }
}
