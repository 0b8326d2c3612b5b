//! Word segmentation: Unicode word boundaries (UAX #29) as `unicode-segmentation` finds them,
//! with a fast path for ASCII text that gives the same words without the general state
//! machine (most passages are ASCII; the test below holds the two to the same output).

use unicode_segmentation::UnicodeSegmentation;

/// The words of a text with their byte offsets, in order.
pub enum Words<'a> {
    Ascii(AsciiWords<'a>),
    Unicode(unicode_segmentation::UWordBoundIndices<'a>),
}

/// Iterates over the words of `text`.
pub fn words(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(AsciiWords { text, at: 0 })
    } else {
        Words::Unicode(text.split_word_bound_indices())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Words::Ascii(words) => words.next(),
            // Word-bound pieces that contain no letter or digit are spaces and punctuation,
            // as `unicode_word_indices` leaves them out.
            Words::Unicode(pieces) => {
                pieces.find(|(_, piece)| piece.chars().any(char::is_alphanumeric))
            }
        }
    }
}

/// Calls `sink(byte_offset, word)` for every word of `text`, in order.
pub fn for_each_word<'a>(text: &'a str, mut sink: impl FnMut(usize, &'a str)) {
    for (offset, word) in words(text) {
        sink(offset, word);
    }
}

/// Number of words in `text`.
pub fn count_words(text: &str) -> usize {
    words(text).count()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Underscore,
    Other,
}

fn class(byte: u8) -> Class {
    match byte {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Underscore,
        _ => Class::Other,
    }
}

/// Whether `mid` between `before` and `after` keeps one word (UAX #29 WB6-7, WB11-12).
fn joins(before: Class, mid: u8, after: Class) -> bool {
    matches!(
        (before, mid, after),
        (Class::Letter, b'.' | b'\'' | b':', Class::Letter)
            | (Class::Digit, b'.' | b'\'' | b',' | b';', Class::Digit)
    )
}

/// The ASCII fast path: the same words as UAX #29 gives for ASCII text.
pub struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        while i < bytes.len() {
            if class(bytes[i]) == Class::Other {
                i += 1;
                continue;
            }
            let start = i;
            let mut has_alphanumeric = false;
            loop {
                while i < bytes.len() && class(bytes[i]) != Class::Other {
                    has_alphanumeric |= bytes[i] != b'_';
                    i += 1;
                }
                let joined = i + 1 < bytes.len()
                    && joins(class(bytes[i - 1]), bytes[i], class(bytes[i + 1]));
                if !joined {
                    break;
                }
                i += 1;
            }
            if has_alphanumeric {
                self.at = i;
                return Some((start, &self.text[start..i]));
            }
        }
        self.at = bytes.len();
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Words<'a> = Vec<(usize, &'a str)>;

    fn both(text: &str) -> (Words<'_>, Words<'_>) {
        let fast = AsciiWords { text, at: 0 }.collect();
        (fast, text.unicode_word_indices().collect())
    }

    #[test]
    fn the_ascii_path_agrees_with_unicode_segmentation() {
        let samples = [
            "Bantuan Rp10.000,50 untuk 3,5 juta KPM (2025-2029)!",
            "anak-anak, anak2, jum'at, o'clock, Ph.D, S.Sos., dr. Kevin",
            "rasio 1:2 dan jam 10:30; pukul 09.00 WIB; e-KTP; snake_case _x_ __",
            "kata  ...  akhir. 'kutip' \"ganda\" a.b.c 1.2.3 a1b2 3rd x'",
            "",
            "   ",
        ];
        for text in samples {
            let (fast, reference) = both(text);
            assert_eq!(fast, reference, "{text:?}");
        }
    }

    #[test]
    fn the_unicode_path_keeps_only_words() {
        let text = "“Bantuan” — anak‑anak, café 10.000 😀 ok";
        let ours: Vec<_> = words(text).collect();
        let reference: Vec<_> = text.unicode_word_indices().collect();
        assert_eq!(ours, reference);
    }

    #[test]
    fn the_demo_round_segments_alike_on_both_paths() {
        for (_, bytes) in crate::demo::demo_files() {
            let text = std::str::from_utf8(bytes).unwrap();
            for line in text.lines().filter(|l| l.is_ascii()) {
                let (fast, reference) = both(line);
                assert_eq!(fast, reference, "{line:?}");
            }
        }
    }
}
