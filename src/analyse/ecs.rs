//! The affix-aware Indonesian stemmer: dictionary-based confix stripping in the
//! Nazief-Adriani / Enhanced Confix Stripping (ECS) family, written for aspirasi from the
//! published descriptions (Nazief & Adriani 1996; Asian et al. 2005 and Asian 2007;
//! Arifin, Mahendra & Ciptaningtyas 2009; Tahitoe & Purwitasari 2010).
//!
//! For a lower-case word:
//! 1. a word in the root dictionary is its own root;
//! 2. a reduplicated word (`anak-anak`, `berlari-lari`) is the root its parts share;
//! 3. inflectional suffixes come off first, particles (`-lah -kah -tah -pun`) then possessives
//!    (`-ku -mu -nya`), then one derivational suffix (`-i -kan -an`, the loanword suffixes
//!    `-isasi -isme -itas -wan -wati`, colloquial `-in`), each remainder looked up;
//! 4. then up to three prefixes (`di- ke- se- ku- kau-`, and `me- pe- be- te-` with their
//!    nasal and `r` variants, the recoding rules of the ECS table: `menulis` -> `tulis`,
//!    `memukul` -> `pukul`, `menyapu` -> `sapu`, `mengirim` -> `kirim`, `bekerja` -> `kerja`),
//!    never the same prefix twice, and never a prefix the suffix forbids (`be-...-i`,
//!    `di-...-an`, `ke-...-i`, `ke-...-kan`, `me-...-an`, `pe-...-kan`, `se-...-i`,
//!    `se-...-kan`, `te-...-an`); each alternative recoding is tried in rule order; words
//!    with the confixes `be-...-lah`, `be-...-an`, `me-...-i`, `di-...-i`, `pe-...-i` and
//!    `ter-...-i` also try the prefix before the suffix (ECS's precedence rule);
//!    colloquial nasal forms (`nulis`, `nyari`, `ngurus`, `ngecek`) and the Jakarta suffix
//!    `-in` are read too, after the standard ones;
//! 5. the suffixes are given back one at a time (ECS's "loop pengembalian akhiran": first
//!    `-kan` as `-k`, then the derivational suffix, the possessive, the particle) and prefix
//!    removal is tried again; every reading that ends in a dictionary root is a candidate,
//!    and the most productive root wins (its weight in the dictionary: `berupa` is `rupa`,
//!    not the rare `upa`), the first in ECS order on a tie;
//! 6. a word whose root is not in the dictionary loses only its particles and possessives
//!    when what stays is still a word of four letters or more (`stuntingnya` -> `stunting`);
//!    otherwise it is kept as it is. Guessing deeper without a dictionary does more harm
//!    than good (`pelangi` is not `pe-langi`).
//!
//! [`EcsStemmer::explain`] returns the steps taken, for `aspirasi stem --explain`.

use std::borrow::Cow;

use super::roots::RootDictionary;
use super::Stemmer;

const PARTICLES: [&str; 4] = ["lah", "kah", "tah", "pun"];
const POSSESSIVES: [&str; 3] = ["nya", "ku", "mu"];
/// Prefix and suffix pairs that never occur together (ECS).
const FORBIDDEN_CONFIXES: [(&str, &str); 9] = [
    ("be", "i"),
    // pe-/per- nouns take -an; a reading `pe-...-kan` is almost always `pe-...k-an`
    // (`peternakan` is ternak + -an).
    ("pe", "kan"),
    ("di", "an"),
    ("ke", "i"),
    ("ke", "kan"),
    ("me", "an"),
    ("se", "i"),
    ("se", "kan"),
    ("te", "an"),
];
/// Shortest remainder an affix may leave.
const MIN_ROOT: usize = 2;
/// Most prefixes one word carries (`mem-per-ke-...` is already rare).
const MAX_PREFIXES: usize = 3;
/// Rule name of menge-/penge- before a one-syllable root (mengecek, pengebom).
const ONE_SYLLABLE_RULE: &str = "menge-/penge- + one syllable";
/// Readings collected before choosing (bounds the work on long words).
const MAX_CANDIDATES: usize = 16;

/// Confixes whose prefix comes off before the suffix (ECS precedence rule).
fn has_precedence_confix(word: &str) -> bool {
    let ends = |s: &str| word.ends_with(s);
    let starts = |p: &str| word.starts_with(p);
    (starts("be") && (ends("lah") || ends("an")))
        || ((starts("me") || starts("di") || starts("pe") || starts("ter")) && ends("i"))
}

/// The stemmer with its root dictionary.
#[derive(Debug, Clone)]
pub struct EcsStemmer {
    roots: RootDictionary,
    name: String,
}

/// One way to read a word as suffixes + rest.
#[derive(Debug, Clone)]
struct SuffixReading {
    rest: String,
    /// Derivational suffix removed, if any (`i`, `kan`, `an`, `isasi`, `isme`).
    derivational: Option<&'static str>,
    /// Whether a rare particle (`-kah`, `-tah`) was removed: `menikah` is no `meni` + `-kah`.
    rare_particle: bool,
    steps: Vec<String>,
}

/// A root some reading of the word reaches.
struct Candidate {
    root: String,
    steps: Vec<String>,
    /// Reached through menge-/penge- before a one-syllable root.
    one_syllable: bool,
}

/// The prefixes removed so far on one reading, and (when tracing) the steps as text.
struct Path {
    tracing: bool,
    steps: Vec<String>,
    one_syllable: usize,
}

impl Path {
    fn new(tracing: bool, steps: Vec<String>) -> Path {
        Path {
            tracing,
            steps,
            one_syllable: 0,
        }
    }

    fn enter(&mut self, what: &str, option: &PrefixOption, word: &str) {
        if self.tracing {
            self.steps.push(format!(
                "{what} {} ({}): {} -> {}",
                option.family, option.rule, word, option.rest
            ));
        }
        if option.rule == ONE_SYLLABLE_RULE {
            self.one_syllable += 1;
        }
    }

    fn leave(&mut self, option: &PrefixOption) {
        if self.tracing {
            self.steps.pop();
        }
        if option.rule == ONE_SYLLABLE_RULE {
            self.one_syllable -= 1;
        }
    }

    fn candidate(&self, root: &str) -> Candidate {
        Candidate {
            root: root.to_string(),
            steps: self.steps.clone(),
            one_syllable: self.one_syllable > 0,
        }
    }
}

/// One prefix-removal alternative.
struct PrefixOption {
    /// Prefix family for the confix and repetition checks (`me`, `pe`, `be`, `te`, ...).
    family: &'static str,
    rule: &'static str,
    rest: String,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_consonant(c: u8) -> bool {
    c.is_ascii_lowercase() && !is_vowel(c)
}

impl EcsStemmer {
    /// The stemmer on the shipped root dictionary.
    pub fn embedded() -> EcsStemmer {
        EcsStemmer::new(RootDictionary::embedded())
    }

    /// The stemmer on the root dictionary in use (`ASPIRASI_ROOTS` or the shipped one).
    pub fn in_use() -> EcsStemmer {
        EcsStemmer::new(RootDictionary::in_use())
    }

    pub fn new(roots: RootDictionary) -> EcsStemmer {
        let name = format!("ecs-1+{}", roots.fingerprint());
        EcsStemmer { roots, name }
    }

    pub fn roots(&self) -> &RootDictionary {
        &self.roots
    }

    /// The root of a lower-case word.
    pub fn root(&self, word: &str) -> String {
        self.stem_traced(word, &mut None)
    }

    /// The root and the steps that led to it.
    pub fn explain(&self, word: &str) -> (String, Vec<String>) {
        let mut steps = Some(Vec::new());
        let root = self.stem_traced(word, &mut steps);
        (root, steps.unwrap_or_default())
    }

    fn stem_traced(&self, word: &str, trace: &mut Option<Vec<String>>) -> String {
        let note = |trace: &mut Option<Vec<String>>, step: String| {
            if let Some(steps) = trace {
                steps.push(step);
            }
        };
        if self.roots.contains(word) {
            note(trace, format!("{word}: in the root dictionary"));
            return word.to_string();
        }
        if let Some(base) = word
            .strip_suffix('2')
            .filter(|b| b.len() >= 3 && b.bytes().all(|c| c.is_ascii_lowercase()))
        {
            note(trace, format!("{word}: reduplication written with 2"));
            return self.stem_traced(base, trace);
        }
        if let Some((left, right)) = word.split_once('-') {
            return self.stem_reduplication(word, left, right, trace);
        }
        let stemmable = word.len() > 3 && word.bytes().all(|b| b.is_ascii_lowercase());
        if !stemmable {
            note(trace, format!("{word}: kept (short, or not plain letters)"));
            return word.to_string();
        }
        match self.find_root(word, trace.is_some()) {
            Some((root, steps)) => {
                if let Some(all) = trace {
                    all.extend(steps);
                    all.push(format!("root: {root}"));
                }
                root
            }
            None => {
                let kept = self.fallback(word);
                note(
                    trace,
                    format!("no root in the dictionary: kept {kept} (particles and possessives removed only)"),
                );
                kept
            }
        }
    }

    fn stem_reduplication(
        &self,
        word: &str,
        left: &str,
        right: &str,
        trace: &mut Option<Vec<String>>,
    ) -> String {
        let left_root = self.stem_traced(left, trace);
        let right_root = self.stem_traced(right, trace);
        if let Some(steps) = trace {
            steps.push(format!(
                "{word}: reduplication {left} ({left_root}) - {right} ({right_root})"
            ));
        }
        if left_root == right_root || right == left_root || left.is_empty() || right.is_empty() {
            if left_root.is_empty() {
                right_root
            } else {
                left_root
            }
        } else {
            left_root
        }
    }

    /// Every reading of the word that ends in a dictionary root, in ECS order (suffixes off
    /// and checked, prefixes on the most stripped reading, then suffixes given back); the
    /// most productive root wins, the earlier reading on a tie. Steps are written down only
    /// when `tracing` (for `--explain`); stemming in bulk builds no strings.
    fn find_root(&self, word: &str, tracing: bool) -> Option<(String, Vec<String>)> {
        let mut candidates: Vec<Candidate> = Vec::new();
        if has_precedence_confix(word) {
            // be-...-lah, be-...-an, me-...-i, di-...-i, pe-...-i, ter-...-i: prefix first.
            let mut path = Path::new(tracing, Vec::new());
            self.prefixes_then_suffixes(word, None, 0, &mut path, &mut candidates);
        }
        let readings = suffix_readings(word, tracing);
        for reading in &readings[1..] {
            if self.roots.contains(&reading.rest) {
                // A root under the common clitics (-nya -ku -mu -lah -pun) is certain:
                // merekalah is mereka, ketuanya is ketua.
                if reading.derivational.is_none() && !reading.rare_particle {
                    return Some((reading.rest.clone(), reading.steps.clone()));
                }
                candidates.push(Candidate {
                    root: reading.rest.clone(),
                    steps: reading.steps.clone(),
                    one_syllable: false,
                });
            }
        }
        for reading in readings.iter().rev() {
            let mut path = Path::new(tracing, reading.steps.clone());
            self.strip_prefixes(
                &reading.rest,
                reading.derivational,
                None,
                0,
                &mut path,
                &mut candidates,
            );
        }
        // menge-/penge- before a one-syllable root is the standard spelling for it
        // (mengecek, mengelas), so that reading counts double against a longer root read
        // with meng-k (kecek, kelas); a rare one-syllable root still loses (mengenali is
        // kenal, not nal).
        let rank = |c: &Candidate| {
            u32::from(self.roots.weight(&c.root)) * if c.one_syllable { 2 } else { 1 }
        };
        let mut best: Option<Candidate> = None;
        for candidate in candidates {
            if best.as_ref().is_none_or(|b| rank(&candidate) > rank(b)) {
                best = Some(candidate);
            }
        }
        best.map(|c| (c.root, c.steps))
    }

    /// Collects the roots reached by removing prefixes from `word` (ECS recoding order).
    fn strip_prefixes(
        &self,
        word: &str,
        derivational: Option<&str>,
        previous: Option<&'static str>,
        depth: usize,
        path: &mut Path,
        found: &mut Vec<Candidate>,
    ) {
        if depth == MAX_PREFIXES || found.len() >= MAX_CANDIDATES {
            return;
        }
        for option in prefix_options(word, depth) {
            if previous == Some(option.family) || option.rest.len() < MIN_ROOT {
                continue;
            }
            let forbidden = depth == 0
                && derivational.is_some_and(|suffix| {
                    FORBIDDEN_CONFIXES.contains(&(option.family, suffix))
                        // the one common exception: ketahui (ke-tahu-i)
                        && !(option.family == "ke" && option.rest == "tahu")
                });
            if forbidden {
                continue;
            }
            path.enter("prefix", &option, word);
            if self.roots.contains(&option.rest) {
                found.push(path.candidate(&option.rest));
            } else {
                self.strip_prefixes(
                    &option.rest,
                    derivational,
                    Some(option.family),
                    depth + 1,
                    path,
                    found,
                );
            }
            path.leave(&option);
        }
    }

    /// For words with a precedence confix: prefixes off first, and after each the suffix
    /// readings of what is left.
    fn prefixes_then_suffixes(
        &self,
        word: &str,
        previous: Option<&'static str>,
        depth: usize,
        path: &mut Path,
        found: &mut Vec<Candidate>,
    ) {
        if depth == MAX_PREFIXES || found.len() >= MAX_CANDIDATES {
            return;
        }
        for option in prefix_options(word, depth) {
            if previous == Some(option.family) || option.rest.len() < MIN_ROOT {
                continue;
            }
            path.enter("prefix first", &option, word);
            if self.roots.contains(&option.rest) {
                found.push(path.candidate(&option.rest));
            } else {
                for reading in &suffix_readings(&option.rest, path.tracing)[1..] {
                    if self.roots.contains(&reading.rest) {
                        let mut candidate = path.candidate(&reading.rest);
                        candidate.steps.extend(reading.steps.iter().cloned());
                        found.push(candidate);
                    }
                }
                self.prefixes_then_suffixes(
                    &option.rest,
                    Some(option.family),
                    depth + 1,
                    path,
                    found,
                );
            }
            path.leave(&option);
        }
    }

    /// Without a dictionary root: only the inflectional suffixes come off, and only when a
    /// word of four letters or more stays.
    fn fallback(&self, word: &str) -> String {
        let mut rest = word;
        for group in [&PARTICLES[..], &POSSESSIVES[..]] {
            if let Some(stripped) = group.iter().find_map(|s| rest.strip_suffix(s)) {
                if stripped.len() >= 4 {
                    rest = stripped;
                }
            }
        }
        rest.to_string()
    }
}

impl Stemmer for EcsStemmer {
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if self.roots.contains(word) {
            return Cow::Borrowed(word);
        }
        Cow::Owned(self.root(word))
    }

    fn name(&self) -> &str {
        &self.name
    }
}

/// The ways to read `word` as rest + suffixes, from none removed to all removed:
/// [word, -particle, -possessive, -derivational (alternatives)].
fn suffix_readings(word: &str, tracing: bool) -> Vec<SuffixReading> {
    let mut readings = vec![SuffixReading {
        rest: word.to_string(),
        derivational: None,
        rare_particle: false,
        steps: Vec::new(),
    }];
    let mut current = word.to_string();
    let mut steps = Vec::new();
    let mut rare_particle = false;
    for (kind, group) in [
        ("particle", &PARTICLES[..]),
        ("possessive", &POSSESSIVES[..]),
    ] {
        if let Some(suffix) = group
            .iter()
            .find(|s| current.len() > s.len() + MIN_ROOT && current.ends_with(*s))
        {
            current.truncate(current.len() - suffix.len());
            rare_particle |= matches!(*suffix, "kah" | "tah");
            if tracing {
                steps.push(format!("{kind} -{suffix} removed: {current}"));
            }
            readings.push(SuffixReading {
                rest: current.clone(),
                derivational: None,
                rare_particle,
                steps: steps.clone(),
            });
        }
    }
    let derivational: &[(&'static str, usize)] = if current.ends_with("isasi") {
        &[("isasi", 5), ("i", 1)]
    } else if current.ends_with("isme") {
        &[("isme", 4)]
    } else if current.ends_with("itas") {
        &[("itas", 4)]
    } else if current.ends_with("wati") {
        &[("wati", 4), ("i", 1)]
    } else if current.ends_with("kan") {
        // `-kan`, or `-an` after a root ending in k (`masakan` -> `masak`).
        &[("kan", 3), ("an", 2)]
    } else if current.ends_with("wan") {
        &[("an", 2), ("wan", 3)]
    } else if current.ends_with("an") {
        &[("an", 2)]
    } else if current.ends_with('i') {
        &[("i", 1)]
    } else if current.ends_with("in") && !starts_like_standard_prefix(&current) {
        // Jakarta `-in` (bilangin, pikirin) only on words without a standard prefix.
        &[("in", 2)]
    } else {
        &[]
    };
    // Given back in this order (ECS restores `-k` before `-kan`), so listed in reverse.
    let mut options: Vec<SuffixReading> = Vec::new();
    for &(suffix, length) in derivational {
        if current.len() < length + MIN_ROOT + 1 {
            continue;
        }
        let mut rest = current[..current.len() - length].to_string();
        if suffix == "itas" && rest.ends_with('v') {
            // aktivitas -> aktif, produktivitas -> produktif
            rest.pop();
            rest.push('f');
        }
        let mut option_steps = steps.clone();
        if tracing {
            option_steps.push(format!("suffix -{suffix} removed: {rest}"));
        }
        options.push(SuffixReading {
            rest,
            derivational: Some(suffix),
            rare_particle,
            steps: option_steps,
        });
    }
    options.reverse();
    readings.extend(options);
    readings
}

/// The prefix-removal alternatives for `word`, in rule order (ECS table; the recoded
/// alternative after the plain one). `depth` is how many prefixes are already off:
/// colloquial nasal forms only start a word.
fn prefix_options(word: &str, depth: usize) -> Vec<PrefixOption> {
    let b = word.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let from = |i: usize| word.get(i..).unwrap_or("").to_string();
    let with = |head: &str, i: usize| format!("{head}{}", word.get(i..).unwrap_or(""));
    let option = |family, rule, rest| PrefixOption { family, rule, rest };
    let mut options = Vec::new();
    let starts = |p: &str| word.starts_with(p);

    if starts("di") {
        options.push(option("di", "di-", from(2)));
    }
    if starts("ke") {
        options.push(option("ke", "ke-", from(2)));
    }
    if starts("se") {
        options.push(option("se", "se-", from(2)));
    }
    if starts("kau") {
        options.push(option("kau", "kau-", from(3)));
    } else if starts("ku") {
        options.push(option("ku", "ku-", from(2)));
    }

    // be-
    if word == "belajar" || starts("belajar") {
        options.push(option("be", "bel-ajar", from(3)));
    } else if starts("ber") {
        if is_vowel(at(3)) {
            options.push(option("be", "berV: ber-V", from(3)));
            options.push(option("be", "berV: be-rV", from(2)));
        } else if is_consonant(at(3)) && at(3) != b'r' {
            options.push(option("be", "berC: ber-C", from(3)));
        }
    } else if starts("be")
        && is_consonant(at(2))
        && !matches!(at(2), b'r' | b'l')
        && word.get(3..5) == Some("er")
    {
        options.push(option("be", "beC1erC2: be-C1erC2", from(2)));
    }

    // te-
    if starts("ter") {
        if is_vowel(at(3)) {
            options.push(option("te", "terV: ter-V", from(3)));
            options.push(option("te", "terV: te-rV", from(2)));
        } else if is_consonant(at(3)) && at(3) != b'r' {
            options.push(option("te", "terC: ter-C", from(3)));
        }
    } else if starts("te") && is_consonant(at(2)) && at(2) != b'r' && word.get(3..5) == Some("er") {
        options.push(option("te", "teC1erC2: te-C1erC2", from(2)));
    }

    // me-
    if starts("me") {
        let c2 = at(2);
        if matches!(c2, b'l' | b'r' | b'w' | b'y') && is_vowel(at(3)) {
            options.push(option("me", "me{l,r,w,y}V: me-", from(2)));
        } else if starts("mem") {
            let c3 = at(3);
            if matches!(c3, b'b' | b'f' | b'v') {
                options.push(option("me", "mem{b,f,v}: mem-", from(3)));
            } else if starts("mempe") {
                options.push(option("me", "mempe: mem-pe", from(3)));
            } else if c3 == b'p' && (is_vowel(at(4)) || matches!(at(4), b'r' | b'l')) {
                // mempV; and loanwords in pr-/pl-: memproses, memprioritaskan
                options.push(option("me", "memp{V,r,l}: mem-p", from(3)));
            } else if is_vowel(c3) || (c3 == b'r' && is_vowel(at(4))) {
                options.push(option("me", "mem{V,rV}: me-m", from(2)));
                options.push(option("me", "mem{V,rV}: me-p", with("p", 3)));
            }
        } else if starts("meng") {
            let c4 = at(4);
            if matches!(c4, b'g' | b'h' | b'q' | b'k') {
                options.push(option("me", "meng{g,h,q,k}: meng-", from(4)));
            } else if is_vowel(c4) {
                if c4 == b'e' && is_monosyllable(&word[5..]) {
                    // mengecek, mengelas, mengepel: menge- before one-syllable roots
                    options.push(option("me", ONE_SYLLABLE_RULE, from(5)));
                }
                options.push(option("me", "mengV: meng-V", from(4)));
                options.push(option("me", "mengV: meng-kV", with("k", 4)));
            }
        } else if starts("meny") && is_vowel(at(4)) {
            options.push(option("me", "menyV: meny-sV", with("s", 4)));
            options.push(option("me", "menyV: me-nyV", from(2)));
        } else if starts("men") {
            let c3 = at(3);
            if matches!(c3, b'c' | b'd' | b'j' | b's' | b'z' | b't') {
                options.push(option("me", "men{c,d,j,s,z}: men-", from(3)));
            } else if is_vowel(c3) {
                options.push(option("me", "menV: me-nV", from(2)));
                options.push(option("me", "menV: me-tV", with("t", 3)));
            }
        }
    }

    // pe-
    if starts("pe") {
        let c2 = at(2);
        if matches!(c2, b'w' | b'y') && is_vowel(at(3)) {
            options.push(option("pe", "pe{w,y}V: pe-", from(2)));
        } else if starts("pelajar") {
            options.push(option("pe", "pel-ajar", from(3)));
        } else if starts("per") {
            if is_vowel(at(3)) {
                options.push(option("pe", "perV: per-V", from(3)));
                options.push(option("pe", "perV: pe-rV", from(2)));
            } else if is_consonant(at(3)) && at(3) != b'r' {
                options.push(option("pe", "perC: per-C", from(3)));
            }
        } else if starts("pem") {
            let c3 = at(3);
            if matches!(c3, b'b' | b'f' | b'v') {
                options.push(option("pe", "pem{b,f,v}: pem-", from(3)));
            } else if c3 == b'p' && matches!(at(4), b'r' | b'l') {
                options.push(option("pe", "pemp{r,l}: pem-p", from(3)));
            } else if is_vowel(c3) || (c3 == b'r' && is_vowel(at(4))) {
                options.push(option("pe", "pem{V,rV}: pe-m", from(2)));
                options.push(option("pe", "pem{V,rV}: pe-p", with("p", 3)));
            }
        } else if starts("peng") {
            let c4 = at(4);
            if matches!(c4, b'g' | b'h' | b'q' | b'k') {
                options.push(option("pe", "peng{g,h,q,k}: peng-", from(4)));
            } else if is_vowel(c4) {
                if c4 == b'e' && is_monosyllable(&word[5..]) {
                    options.push(option("pe", ONE_SYLLABLE_RULE, from(5)));
                }
                options.push(option("pe", "pengV: peng-V", from(4)));
                options.push(option("pe", "pengV: peng-kV", with("k", 4)));
            }
        } else if starts("peny") && is_vowel(at(4)) {
            options.push(option("pe", "penyV: peny-sV", with("s", 4)));
            options.push(option("pe", "penyV: pe-nyV", from(2)));
        } else if starts("pen") {
            let c3 = at(3);
            if matches!(c3, b'c' | b'd' | b'j' | b'z' | b't' | b's') {
                options.push(option("pe", "pen{c,d,j,z}: pen-", from(3)));
            } else if is_vowel(c3) {
                options.push(option("pe", "penV: pe-nV", from(2)));
                options.push(option("pe", "penV: pe-tV", with("t", 3)));
            }
        } else if c2 == b'l' && is_vowel(at(3)) {
            options.push(option("pe", "pelV: pe-lV", from(2)));
        } else if is_consonant(c2) && !matches!(c2, b'r' | b'w' | b'y' | b'l' | b'm' | b'n') {
            options.push(option("pe", "peC: pe-C", from(2)));
        }
    }
    // Partial reduplication (dwipurwa): rerumputan, tetamu, lelaki, seseorang.
    if depth == 0 && b.len() >= 6 && is_consonant(at(0)) && at(1) == b'e' && at(2) == at(0) {
        options.push(option("Ce", "CeC: partial reduplication", from(2)));
    }
    // Colloquial nasal forms, word-initial only: ngurus, ngirim, nyari, nyambung, nulis,
    // mikir, ngecek.
    if depth == 0 && !starts("me") && !starts("pe") {
        if starts("nge") && is_monosyllable(&word[3..]) {
            options.push(option("N", "nge{1 syllable}: nge-", from(3)));
        } else if starts("ng") && is_vowel(at(2)) {
            options.push(option("N", "ngV: ng-V", from(2)));
            options.push(option("N", "ngV: ng-kV", with("k", 2)));
        } else if starts("ny") && is_vowel(at(2)) {
            options.push(option("N", "nyV: ny-sV", with("s", 2)));
            options.push(option("N", "nyV: ny-cV", with("c", 2)));
        } else if starts("n") && is_vowel(at(1)) {
            options.push(option("N", "nV: n-tV", with("t", 1)));
        } else if starts("m") && is_vowel(at(1)) {
            options.push(option("N", "mV: m-pV", with("p", 1)));
        }
    }
    options
}

/// Whether a word starts like a standard prefix (be-, me-, pe-, te-, di-, ke-, se-).
fn starts_like_standard_prefix(word: &str) -> bool {
    ["be", "me", "pe", "te", "di", "ke", "se"]
        .iter()
        .any(|p| word.starts_with(p))
}

/// One vowel group: `cek`, `las`, `pel`, `bom` (the roots that take menge-/penge-).
fn is_monosyllable(word: &str) -> bool {
    let groups = word
        .as_bytes()
        .split(|b| !is_vowel(*b))
        .filter(|group| !group.is_empty())
        .count();
    groups == 1 && word.len() <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer() -> EcsStemmer {
        EcsStemmer::embedded()
    }

    fn check(pairs: &[(&str, &str)]) {
        let stemmer = stemmer();
        for (word, root) in pairs {
            let (got, steps) = stemmer.explain(word);
            assert_eq!(got, *root, "{word}: {steps:#?}");
        }
    }

    #[test]
    fn nasal_prefixes_with_recoding() {
        check(&[
            ("membaca", "baca"),
            ("memukul", "pukul"),
            ("menulis", "tulis"),
            ("menyapu", "sapu"),
            ("mengambil", "ambil"),
            ("mengirim", "kirim"),
            ("penulis", "tulis"),
            ("penyapu", "sapu"),
            ("pengirim", "kirim"),
            ("pemukul", "pukul"),
            ("menanam", "tanam"),
        ]);
    }

    #[test]
    fn the_empowerment_family_reaches_daya() {
        check(&[
            ("pemberdayaan", "daya"),
            ("memberdayakan", "daya"),
            ("diberdayakan", "daya"),
            ("keberdayaan", "daya"),
            ("berdaya", "daya"),
        ]);
    }

    #[test]
    fn ber_ter_per_di_ke_se_and_confixes() {
        check(&[
            ("bekerja", "kerja"),
            ("belajar", "ajar"),
            ("pembelajaran", "ajar"),
            ("terlantar", "lantar"),
            ("perbaikan", "baik"),
            ("memperbaiki", "baik"),
            ("diketahui", "tahu"),
            ("kesejahteraan", "sejahtera"),
            ("penyandang", "sandang"),
            ("pendataan", "data"),
            ("penyaluran", "salur"),
            ("pemutakhiran", "mutakhir"),
            ("kemiskinan", "miskin"),
            ("penanggulangan", "tanggulang"),
            ("sebaiknya", "baik"),
        ]);
    }

    #[test]
    fn ter_se_ke_an_proclitics_and_loanwords() {
        check(&[
            ("tertulis", "tulis"),
            ("terbawa", "bawa"),
            ("serumah", "rumah"),
            ("kesehatan", "sehat"),
            ("kebersihan", "bersih"),
            ("kubaca", "baca"),
            ("kaubawa", "bawa"),
            ("digitalisasi", "digital"),
            ("modernisasi", "modern"),
            ("produktivitas", "produktif"),
            ("wartawan", "warta"),
            ("memproses", "proses"),
            ("mengecek", "cek"),
        ]);
    }

    #[test]
    fn colloquial_forms_reach_their_roots() {
        check(&[
            ("nulis", "tulis"),
            ("nyari", "cari"),
            ("ngurus", "urus"),
            ("bilangin", "bilang"),
        ]);
    }

    #[test]
    fn particles_possessives_and_reduplication() {
        check(&[
            ("bantuannya", "bantu"),
            ("bukunya", "buku"),
            ("rumahku", "rumah"),
            ("bacalah", "baca"),
            ("anak-anak", "anak"),
            ("anak2", "anak"),
            ("rerumputan", "rumput"),
            ("seseorang", "orang"),
            ("berlari-lari", "lari"),
            ("stuntingnya", "stunting"),
        ]);
    }

    #[test]
    fn roots_that_look_affixed_stay_as_they_are() {
        check(&[
            ("pantai", "pantai"),
            ("mereka", "mereka"),
            ("perempuan", "perempuan"),
            ("berita", "berita"),
            ("ketua", "ketua"),
            ("pkh", "pkh"),
            ("2024", "2024"),
        ]);
    }

    #[test]
    fn explain_names_the_rules() {
        let (root, steps) = stemmer().explain("pemberdayaan");
        assert_eq!(root, "daya");
        let text = steps.join("\n");
        assert!(text.contains("suffix -an removed"), "{text}");
        assert!(text.contains("pem{b,f,v}"), "{text}");
        assert!(text.contains("berC"), "{text}");
    }
}
