//! Personal data in what the public sends: 16-digit NIK (population numbers), Indonesian phone
//! numbers and e-mail addresses are masked in passage text before anything is stored, so they
//! never reach the index, snippets, reports or exports. Speakers' names stay: they are the
//! metadata the round is read by. `aspirasi ingest --keep-personal-data` turns masking off.

use std::sync::OnceLock;

use regex::Regex;

/// What replaces a NIK.
pub const NIK_MASK: &str = "[NIK]";
/// What replaces a phone number.
pub const PHONE_MASK: &str = "[nomor telepon]";
/// What replaces an e-mail address.
pub const EMAIL_MASK: &str = "[email]";

fn patterns() -> &'static [(Regex, &'static str)] {
    static PATTERNS: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let compile =
            |pattern: &str| Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        vec![
            (
                compile(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b"),
                EMAIL_MASK,
            ),
            // NIK: sixteen digits, possibly grouped by spaces, dots or dashes.
            (
                compile(r"\b\d{4}[ .-]?\d{4}[ .-]?\d{4}[ .-]?\d{4}\b"),
                NIK_MASK,
            ),
            // Mobile numbers: 08.., +628.., 628.., 9 to 13 digits, with separators.
            (
                compile(r"(?:\+62|\b62|\b0)[ .-]?8\d{1,3}(?:[ .-]?\d{2,4}){2,3}\b"),
                PHONE_MASK,
            ),
        ]
    })
}

/// `text` with NIK, phone numbers and e-mail addresses masked, and whether anything was.
pub fn mask(text: &str) -> (String, bool) {
    let mut masked = text.to_string();
    let mut changed = false;
    for (pattern, replacement) in patterns() {
        if pattern.is_match(&masked) {
            masked = pattern.replace_all(&masked, *replacement).into_owned();
            changed = true;
        }
    }
    (masked, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_nik_phones_and_emails_but_not_ordinary_numbers() {
        let (text, changed) = mask(
            "NIK sy 3201234567890123, hp 0812-3456-7890 / +62 813 1234 5678, email budi.s@contoh.co.id",
        );
        assert!(changed);
        assert_eq!(
            text,
            "NIK sy [NIK], hp [nomor telepon] / [nomor telepon], email [email]"
        );
        let (same, changed) =
            mask("Anggaran Rp 4.500.000.000 untuk 2.350 KPM tahun 2024, RT 05 RW 02.");
        assert!(!changed, "{same}");
        assert_eq!(
            mask("NIK 3201 2345 6789 0123 tidak padan").0,
            "NIK [NIK] tidak padan"
        );
    }
}
