//! Who starts a turn: recognising turn heads such as `Nama:`, `NAMA (Instansi):`,
//! `[hh:mm:ss] Nama:`, `00:12:31 Nama:`, `Moderator:`, `Narasumber 1:` or `Penanya 2:` at the
//! start of a line, in transcripts, minutes (DOCX, PDF) and Markdown alike.
//!
//! The manifest's `[turns]` table adds role labels and regular expressions for a bureau's own
//! conventions (or switches the built-in heads off); see [`TurnRules`]. Which built-in heads
//! count as speakers is decided per file (see [`SpeakerRules::is_speaker`]): any with a
//! timestamp or an organisation in brackets, any speaker the manifest knows, roles, and
//! otherwise labels that look like a name (capitalised words) of two words or more or used
//! twice, which keeps "Kesimpulannya: ..." inside a turn.

use std::collections::HashMap;

use regex::Regex;

use super::manifest::{Manifest, TurnRules};

/// Role labels that start a turn; a number may follow (`Narasumber 2`).
const ROLES: &[&str] = &[
    "moderator",
    "notulis",
    "narasumber",
    "penanya",
    "peserta",
    "pembicara",
    "penanggap",
    "fasilitator",
    "mc",
    "pembawa acara",
    "pimpinan rapat",
    "ketua",
    "sekretaris",
];

const NAME_TITLES: &[&str] = &[
    "dr.", "drg.", "ir.", "hj.", "h.", "prof.", "drs.", "bin", "binti",
];

/// The start of a turn parsed from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnHead<'a> {
    pub timestamp: Option<&'a str>,
    pub name: &'a str,
    pub organisation: Option<&'a str>,
    /// Byte offset in the line where the spoken text starts.
    pub text_offset: usize,
    /// Matched by one of the manifest's own patterns (always a speaker).
    pub declared: bool,
}

/// The turn-head rules for one file: built in, plus the manifest's.
#[derive(Debug)]
pub struct SpeakerRules<'m> {
    manifest: &'m Manifest,
    roles: Vec<String>,
    patterns: Vec<Regex>,
    builtin: bool,
}

impl<'m> SpeakerRules<'m> {
    /// The rules the manifest asks for (its patterns were checked when it was loaded).
    pub fn new(manifest: &'m Manifest) -> SpeakerRules<'m> {
        let rules = manifest.turns.clone().unwrap_or_default();
        SpeakerRules {
            manifest,
            roles: rules
                .roles
                .iter()
                .map(|r| r.trim().to_lowercase())
                .collect(),
            patterns: rules
                .patterns
                .iter()
                .filter_map(|p| compile_pattern(p).ok())
                .collect(),
            builtin: rules.builtin,
        }
    }

    /// The turn head at the start of `line`, if it has one.
    pub fn head<'a>(&self, line: &'a str) -> Option<TurnHead<'a>> {
        for pattern in &self.patterns {
            if let Some(found) = pattern.captures(line) {
                let name = found.name("name").map(|m| m.as_str().trim())?;
                if name.is_empty() {
                    continue;
                }
                return Some(TurnHead {
                    timestamp: found.name("time").map(|m| m.as_str().trim()),
                    name,
                    organisation: found
                        .name("org")
                        .map(|m| m.as_str().trim())
                        .filter(|o| !o.is_empty()),
                    text_offset: found.get(0).map_or(0, |m| m.end()),
                    declared: true,
                });
            }
        }
        if self.builtin || !self.roles.is_empty() {
            return parse_head(line);
        }
        None
    }

    /// Decides, for the heads of one file, which are speakers.
    pub fn is_speaker(&self, head: &TurnHead, label_counts: &HashMap<&str, usize>) -> bool {
        if head.declared || self.is_role(head.name) {
            return true;
        }
        if !self.builtin {
            return false;
        }
        head.timestamp.is_some()
            || head.organisation.is_some()
            || self.manifest.speaker(head.name).is_some()
            || (looks_like_name(head.name)
                && (head.name.split_whitespace().count() >= 2
                    || label_counts.get(head.name).copied().unwrap_or(0) >= 2))
    }

    fn is_role(&self, name: &str) -> bool {
        let lowered = name.to_lowercase();
        let without_number = lowered
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '.')
            .trim();
        (self.builtin && ROLES.contains(&without_number))
            || self.roles.iter().any(|r| r == without_number)
    }
}

/// Compiles a manifest turn pattern, anchored at the start of a line; it must have a `name`
/// group.
pub fn compile_pattern(pattern: &str) -> Result<Regex, String> {
    let anchored = format!("^(?:{pattern})");
    let regex = Regex::new(&anchored).map_err(|e| e.to_string())?;
    if !regex.capture_names().flatten().any(|n| n == "name") {
        return Err("it needs a group (?P<name>...) for the speaker's name".into());
    }
    Ok(regex)
}

impl Default for TurnRules {
    fn default() -> Self {
        TurnRules {
            roles: Vec::new(),
            patterns: Vec::new(),
            builtin: true,
        }
    }
}

fn is_time(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses `[hh:mm:ss] Name (Org): text` and its variants; `None` if the line is no turn head.
pub fn parse_head(line: &str) -> Option<TurnHead<'_>> {
    let leading = line.len() - line.trim_start().len();
    let mut rest = &line[leading..];
    let mut consumed = leading;
    let mut timestamp = None;
    let bracket = rest
        .strip_prefix('[')
        .map(|inner| (inner, ']'))
        .or_else(|| rest.strip_prefix('(').map(|inner| (inner, ')')));
    if let Some((inner, closer)) = bracket {
        if let Some(close) = inner.find(closer) {
            let candidate = inner[..close].trim();
            if is_time(candidate) {
                timestamp = Some(candidate);
                consumed += 1 + close + 1;
                rest = &inner[close + 1..];
            }
        }
    } else if let Some((first, _)) = rest.split_once(char::is_whitespace) {
        if is_time(first) {
            timestamp = Some(first);
            consumed += first.len();
            rest = &rest[first.len()..];
        }
    }
    let skipped = rest.len() - rest.trim_start().len();
    consumed += skipped;
    rest = &rest[skipped..];
    let colon = rest.find(':')?;
    if colon == 0 || colon > 100 {
        return None;
    }
    let after_colon = &rest[colon + 1..];
    if !(after_colon.is_empty() || after_colon.starts_with(char::is_whitespace)) {
        return None; // "10:30" inside text, or a URL
    }
    let label = rest[..colon].trim();
    let (name, organisation) = match (label.rfind('('), label.strip_suffix(')')) {
        (Some(open), Some(without_close)) if open > 0 => {
            (label[..open].trim(), Some(without_close[open + 1..].trim()))
        }
        _ => (label, None),
    };
    let plausible = !name.is_empty()
        && name.split_whitespace().count() <= 8
        && !name.contains(['?', '!', ';', '"', '“', '”', '[', ']', '(', ')'])
        && name.chars().any(char::is_alphabetic);
    if !plausible {
        return None;
    }
    Some(TurnHead {
        timestamp,
        name,
        organisation: organisation.filter(|o| !o.is_empty()),
        text_offset: consumed + colon + 1,
        declared: false,
    })
}

fn looks_like_name(name: &str) -> bool {
    name.split_whitespace().all(|word| {
        let lowered = word.to_lowercase();
        NAME_TITLES.contains(&lowered.as_str())
            || word.contains('.')
            || word.chars().next().is_some_and(char::is_uppercase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_common_heads() {
        let head = parse_head("[00:12:31] Sri Rahayu (Biro Perencanaan): Terima kasih.").unwrap();
        assert_eq!(head.timestamp, Some("00:12:31"));
        assert_eq!(head.name, "Sri Rahayu");
        assert_eq!(head.organisation, Some("Biro Perencanaan"));
        let head = parse_head("BUDI SANTOSO (DINSOS JATIM): Data kami").unwrap();
        assert_eq!(
            (head.name, head.organisation),
            ("BUDI SANTOSO", Some("DINSOS JATIM"))
        );
        assert_eq!(
            parse_head("(01:02) Ani: ya").unwrap().timestamp,
            Some("01:02")
        );
        assert!(parse_head("Rapat dimulai pukul 09:30 WIB").is_none());
        assert!(parse_head("Lihat https://example.org").is_none());
    }

    #[test]
    fn roles_with_numbers_and_manifest_rules() {
        let manifest = Manifest::default();
        let rules = SpeakerRules::new(&manifest);
        let counts = HashMap::new();
        for line in ["Moderator: mari", "Narasumber 1: baik", "Penanya 2: saya"] {
            let head = rules.head(line).unwrap();
            assert!(rules.is_speaker(&head, &counts), "{line}");
        }
        let kesimpulan = rules.head("Kesimpulannya: data").unwrap();
        assert!(!rules.is_speaker(&kesimpulan, &counts));

        let manifest = Manifest {
            turns: Some(TurnRules {
                roles: vec!["Perwakilan Desa".into()],
                patterns: vec![r"(?P<name>[A-Z][a-z]+) >> ".into()],
                builtin: false,
            }),
            ..Manifest::default()
        };
        let rules = SpeakerRules::new(&manifest);
        let head = rules.head("Wati >> usul saya").unwrap();
        assert_eq!((head.name, head.text_offset), ("Wati", 8));
        assert!(rules.is_speaker(&head, &counts));
        let role = rules.head("Perwakilan Desa 3: ya").unwrap();
        assert!(rules.is_speaker(&role, &counts));
        let builtin_off = rules.head("Moderator: mari").unwrap();
        assert!(!rules.is_speaker(&builtin_off, &counts));
        assert!(compile_pattern("(?P<nama>x)").is_err());
    }
}
