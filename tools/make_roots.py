#!/usr/bin/env python3
"""Build lang/id/roots.txt, the root-word dictionary of aspirasi's Indonesian stemmer.

Written for aspirasi (licence of this script: MIT, as the project). The data it reads is
Debian's hunspell-id dictionary (LGPL-3, see lang/id/LICENSE-hunspell-id.txt) and our own
curated list lang/id/roots-extra.txt.

What it does (details and the reasons for each decision are in lang/id/SOURCES.md):

1. Reads the stems of /usr/share/hunspell/id_ID.dic (first line is the entry count; each
   entry is `stem` or `stem/FLAGS`, FLAG long = two characters per flag; the file is
   declared ISO-8859-1 in id_ID.aff, and is in fact plain ASCII).
2. Lower-cases the stems, keeps only words made of the letters a-z (this drops every
   hyphenated entry: reduplications like `anak-anak` and compounds like `bolak-balik`)
   of at least MIN_LEN letters, and drops the stems that id_ID.dic only lists with the
   NEEDAFFIX flag A2 (not words on their own: pseudo-stems such as `lajar` for belajar /
   pelajar / mempelajari, and closed-up compound bases such as `tanggungjawab`).
3. Removes the entries in DERIVED: stems that are a derived form of another entry (prefix,
   suffix, confix, particle or clitic, a few infixes, and loanword suffixes -isasi, -isme,
   -is, -itas, -wan/-wati). Each was chosen by hand from the candidates that
   `--candidates` prints (a rule-based affix analysis over the whole list); every other
   candidate was reviewed and kept as a root on purpose (true roots that merely look
   affixed: pantai, mereka, berita, telur, sepeda, kenang, medan, pelangi ...).
4. Adds the words of lang/id/roots-extra.txt.
5. Writes the sorted, unique list with a `#` comment header.

The output depends only on the two input files and --date, so it is deterministic.

Usage:
    python3 tools/make_roots.py                 # writes lang/id/roots.txt
    python3 tools/make_roots.py --check         # exit 1 if lang/id/roots.txt is stale
    python3 tools/make_roots.py --candidates    # affix-analysis candidates not in DERIVED
    python3 tools/make_roots.py --affix-sample 1500 --seed 7
                                                # (word, stem, flag) pairs from the .aff rules,
                                                # used to draw tests/gold/stem-dev.tsv's
                                                # hunspell-affix pairs
"""

import argparse
import os
import random
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIC = "/usr/share/hunspell/id_ID.dic"
AFF = "/usr/share/hunspell/id_ID.aff"
EXTRA = os.path.join(REPO, "lang", "id", "roots-extra.txt")
OUT = os.path.join(REPO, "lang", "id", "roots.txt")
DATE = "2026-11-27"  # date of the last review of DERIVED / roots-extra.txt; bump when editing
MIN_LEN = 3

# ---------------------------------------------------------------------------------------
# Entries of id_ID.dic that are derived forms of another entry (entry -> root it derives
# from). The root must itself stay in the list (checked). Grouped by affix.
# ---------------------------------------------------------------------------------------
DERIVED = {
    # --- suffixes -i / -an / -kan and particles or clitics glued to an entry ---
    "andaipun": "andai", "curigai": "curiga", "serahi": "serah", "lempari": "lempar",
    "rasai": "rasa", "rambuti": "rambut", "marimu": "mari",
    "baringan": "baring", "besaran": "besar", "bordiran": "bordir", "boyongan": "boyong",
    "bubuhan": "bubuh", "centangan": "centang", "cowokan": "cowok", "geraman": "geram",
    "gombalan": "gombal", "kasihan": "kasih", "pabrikan": "pabrik", "praktikan": "praktik",
    "tabuhan": "tabuh", "belengkokan": "belengkok", "makantah": "makan", "bukantah": "bukan",
    "bawakan": "bawa", "belikan": "beli", "bentangkan": "bentang", "biarkan": "biar",
    "bicarakan": "bicara", "camkan": "cam", "canangkan": "canang", "sahkan": "sah",
    "sarikan": "sari",
    "apakah": "apa", "apatah": "apa", "bahuku": "bahu", "dualah": "dua",
    "akalnya": "akal", "getahnya": "getah",
    # --- ke- (and ke- used as the base of ke-an / meN-ke-i forms) ---
    "kehendak": "hendak", "keluar": "luar", "kepulauan": "pulau", "ketahu": "tahu",
    "ketemu": "temu", "ketengah": "tengah", "ketidur": "tidur", "kelipat": "lipat",
    "kesohor": "sohor",
    # --- se- in its productive senses (one, the same, as ... as, whole) ---
    "sehati": "hati", "sedingin": "dingin", "sepedas": "pedas", "setebal": "tebal",
    "setinggi": "tinggi", "serendah": "rendah", "sepenuh": "penuh", "sekebun": "kebun",
    "sejari": "jari", "seimbang": "imbang", "sebelah": "belah", "sesebentar": "sebentar",
    "seyogianya": "yogia", "sesuai": "suai", "setara": "tara", "selaras": "laras",
    "seragam": "ragam",
    # --- peN- / pe- ---
    "pelancar": "lancar", "pelari": "lari", "pelekat": "lekat", "pemuda": "muda",
    "pengerti": "erti", "perompak": "rompak", "pesinden": "sinden", "petinggi": "tinggi",
    # --- meN- ---
    "mengerti": "erti", "mengkaji": "kaji", "menserendahi": "rendah", "merosot": "rosot",
    "merata": "rata", "mendera": "dera", "melarat": "larat",
    # --- per- ---
    "perangkat": "angkat", "perhati": "hati", "persegi": "segi", "pertanda": "tanda",
    "pertua": "tua",
    # --- ber- / be- / bel- / pel- ---
    "berangkat": "angkat", "berlaku": "laku", "beruas": "ruas", "beriang": "riang",
    "belajar": "ajar", "pelajar": "ajar",
    # --- ter- / te- ---
    "tertawa": "tawa", "terentang": "rentang", "terlalu": "lalu",
    # --- infixes -el- -er- -in- (only these three; other infixed words stay roots) ---
    "kinerja": "kerja", "rerata": "rata", "lelembut": "lembut",
    # --- loanword suffix -isasi (transparent only) ---
    "aktualisasi": "aktual", "alkoholisasi": "alkohol", "atomisasi": "atom",
    "betonisasi": "beton", "birokratisasi": "birokratis", "demokratisasi": "demokratis",
    "digitalisasi": "digital", "dramatisasi": "dramatis", "fungsionalisasi": "fungsional",
    "generalisasi": "general", "globalisasi": "global", "humanisasi": "human",
    "idealisasi": "ideal", "imunisasi": "imun", "individualisasi": "individual",
    "internalisasi": "internal", "internasionalisasi": "internasional",
    "inventarisasi": "inventaris", "islamisasi": "islam", "kaderisasi": "kader",
    "kanalisasi": "kanal", "kanibalisasi": "kanibal", "karbonisasi": "karbon",
    "katalogisasi": "katalog", "komersialisasi": "komersial", "komputerisasi": "komputer",
    "konkretisasi": "konkret", "konseptualisasi": "konseptual", "kriminalisasi": "kriminal",
    "kristalisasi": "kristal", "legalisasi": "legal", "liberalisasi": "liberal",
    "marginalisasi": "marginal", "mineralisasi": "mineral", "modernisasi": "modern",
    "moralisasi": "moral", "motorisasi": "motor", "musikalisasi": "musikal",
    "nasionalisasi": "nasional", "netralisasi": "netral",
    "operasionalisasi": "operasional", "otomatisasi": "otomatis", "politisasi": "politis",
    "privatisasi": "privat", "puitisasi": "puitis", "radikalisasi": "radikal",
    "rasionalisasi": "rasional", "regularisasi": "regular", "sekularisasi": "sekular",
    "sentralisasi": "sentral", "sinkronisasi": "sinkron", "sistematisasi": "sistematis",
    "sistemisasi": "sistem", "spiritualisasi": "spiritual", "stabilisasi": "stabil",
    "sterilisasi": "steril", "urbanisasi": "urban", "verbalisasi": "verbal",
    "visualisasi": "visual",
    # --- loanword suffix -isme ---
    "alkoholisme": "alkohol", "amatirisme": "amatir", "banditisme": "bandit",
    "barbarisme": "barbar", "daerahisme": "daerah", "despotisme": "despot",
    "egoisme": "ego", "fatalisme": "fatal", "favoritisme": "favorit",
    "federalisme": "federal", "feodalisme": "feodal", "globalisme": "global",
    "hinduisme": "hindu", "humanisme": "human", "idealisme": "ideal",
    "imperialisme": "imperial", "individualisme": "individual",
    "intelektualisme": "intelektual", "islamisme": "islam", "kanibalisme": "kanibal",
    "kapitalisme": "kapital", "kolonialisme": "kolonial", "liberalisme": "liberal",
    "materialisme": "material", "militerisme": "militer", "modernisme": "modern",
    "moralisme": "moral", "nasionalisme": "nasional", "naturalisme": "natural",
    "nihilisme": "nihil", "optimisme": "optimis", "patriotisme": "patriot",
    "pesimisme": "pesimis", "pluralisme": "plural", "primordialisme": "primordial",
    "profesionalisme": "profesional", "radikalisme": "radikal", "rasionalisme": "rasional",
    "regionalisme": "regional", "sadisme": "sadis", "sektarianisme": "sektarian",
    "sekularisme": "sekular", "simbolisme": "simbol", "spiritualisme": "spiritual",
    "sukuisme": "suku", "terorisme": "teror", "vandalisme": "vandal",
    # --- loanword suffix -is (agent / adherent) where the base is an entry ---
    "idealis": "ideal", "nasionalis": "nasional", "kapitalis": "kapital",
    "liberalis": "liberal", "federalis": "federal", "imperialis": "imperial",
    "kolonialis": "kolonial", "humanis": "human", "materialis": "material",
    "moralis": "moral", "naturalis": "natural", "rasionalis": "rasional",
    "sekularis": "sekular", "individualis": "individual", "fundamentalis": "fundamental",
    # --- loanword suffix -itas (-ivitas -> -if) ---
    "abnormalitas": "abnormal", "aktivitas": "aktif", "agresivitas": "agresif",
    "ambiguitas": "ambigu", "anonimitas": "anonim", "efektivitas": "efektif",
    "ekspresivitas": "ekspresif", "elastisitas": "elastis", "fatalitas": "fatal",
    "fertilitas": "fertil", "formalitas": "formal", "fungsionalitas": "fungsional",
    "heterogenitas": "heterogen", "homogenitas": "homogen", "imunitas": "imun",
    "individualitas": "individual", "infertilitas": "infertil", "intensitas": "intens",
    "kolektivitas": "kolektif", "kompleksitas": "kompleks", "kontinuitas": "kontinu",
    "kreativitas": "kreatif", "kriminalitas": "kriminal", "labilitas": "labil",
    "legalitas": "legal", "loyalitas": "loyal", "mentalitas": "mental",
    "modernitas": "modern", "moralitas": "moral", "netralitas": "netral",
    "objektivitas": "objektif", "orisinalitas": "orisinal", "produktivitas": "produktif",
    "profesionalitas": "profesional", "progresivitas": "progresif",
    "radioaktivitas": "radioaktif", "rasionalitas": "rasional", "reaktivitas": "reaktif",
    "selektivitas": "selektif", "senioritas": "senior", "sensitivitas": "sensitif",
    "seksualitas": "seksual", "soliditas": "solid", "spiritualitas": "spiritual",
    "spontanitas": "spontan", "sportivitas": "sportif", "stabilitas": "stabil",
    "sterilitas": "steril", "totalitas": "total", "validitas": "valid",
    "vitalitas": "vital",
    # --- loanword suffixes -wan / -wati ---
    "angkasawan": "angkasa", "angkasawati": "angkasa", "bahasawan": "bahasa",
    "bendaharawan": "bendahara", "biarawan": "biara", "biarawati": "biara",
    "binaragawan": "binaraga", "budayawan": "budaya", "cendekiawan": "cendekia",
    "dermawan": "derma", "dramawan": "drama", "fisikawan": "fisika",
    "geofisikawan": "geofisika", "gerilyawan": "gerilya", "gerilyawati": "gerilya",
    "hartawan": "harta", "ilmuwan": "ilmu", "jutawan": "juta", "kamerawan": "kamera",
    "karyawan": "karya", "karyawati": "karya", "matematikawan": "matematika",
    "miliarwan": "miliar", "negarawan": "negara", "niagawan": "niaga",
    "olahragawan": "olahraga", "purnakaryawan": "purnakarya", "pustakawan": "pustaka",
    "rekayasawan": "rekayasa", "rimbawan": "rimba", "rohaniwan": "rohani",
    "santriwati": "santri", "sastrawan": "sastra", "sejarawan": "sejarah",
    "seniwati": "seni", "teknologiwan": "teknologi", "usahawan": "usaha",
    "wartawan": "warta", "wartawati": "warta", "wisatawan": "wisata",
    "wisudawan": "wisuda", "wisudawati": "wisuda",
}

# Entries that look derived (most appear in the --candidates output) and are KEPT as roots on
# purpose. Checked to be present, so a change of policy is visible. Reasons in SOURCES.md.
KEEP = [
    # named in the brief / classic ECS examples
    "pantai", "mereka", "perempuan", "berita", "ketua", "telur", "sepeda", "kenang", "kerja",
    "medan", "pelangi", "bermuda", "demikian", "terima", "tengah",
    # lexicalised derivations whose meaning left the base
    "pegawai", "perlahan", "beberapa", "berantas", "keranjingan", "kemudian", "kepada",
    "kemari", "ketimbang", "sebentar", "sekarang", "sekali", "sekitar", "segenap", "sebab",
    "sedang", "sedikit", "sejarah", "selalu", "selesai", "seluruh", "setuju", "semua",
    "sesuatu", "peluang", "pesawat", "pesisir", "peduli", "pedoman", "pesangon",
    "pemudi", "perangkap", "penjara", "penting", "pendek", "mewah", "menteri",
    "mentah", "mental", "menara", "memang", "mempelai", "terbang", "ternak",
    "terjemah", "terapi", "terang", "teriak", "berani", "berapa", "berkas", "bersih",
    "beruang", "berat", "beras", "kelompok", "kelahi", "kesasar", "sukarelawan", "bangsawan",
    "rupawan", "sosialis", "jurnalis", "spesialis",
    # Arabic-derived adjectives in -i, kept (not the Indonesian -i suffix)
    "alami", "insani", "islami", "hewani", "asasi", "hayati", "ilahi", "badani", "imani",
    # conjunctions with -pun / -kah kept as listed by hunspell-id (all are stopwords anyway)
    "adapun", "ataupun", "maupun", "meskipun", "walaupun", "biarpun", "kalaupun",
    "sungguhpun", "kendatipun", "bagaimanapun", "alangkah", "makanya", "empunya",
    # loanwords whose apparent base is a different word
    "organisasi", "sosialisasi", "realisasi", "lokalisasi", "normalisasi", "mobilisasi",
    "spesialisasi", "harmonisasi", "mekanisme", "organisme", "metabolisme", "komunitas",
    "universitas", "kapasitas", "integritas", "realitas", "mayoritas", "minoritas",
    "ekstremitas", "relativitas", "jurnalisme", "praktis", "kritis", "teknis", "garis",
]

WORD = re.compile(r"^[a-z]+$")


# ----------------------------------------------------------------------------- hunspell
def read_dic(path):
    """[(stem, [flags])] of a hunspell .dic with FLAG long (2-character flags)."""
    with open(path, encoding="iso-8859-1") as f:
        lines = f.read().splitlines()
    out = []
    for line in lines[1:]:
        line = line.strip()
        if not line:
            continue
        stem, _, flags = line.partition("/")
        out.append((stem, [flags[i:i + 2] for i in range(0, len(flags), 2)]))
    return out


def _condition(cond, suffix):
    rx = ""
    for part in re.findall(r"\[[^\]]*\]|.", cond):
        if part.startswith("[^"):
            rx += "[^" + part[2:-1].replace("^", "") + "]"
        elif part.startswith("[") or part == ".":
            rx += part
        else:
            rx += re.escape(part)
    return re.compile(rx + "$" if suffix else "^" + rx)


def read_aff(path):
    """{flag: {'kind': 'PFX'|'SFX', 'rules': [(strip, add, contflags, condition)]}}"""
    aff = {}
    with open(path, encoding="iso-8859-1") as f:
        for line in f:
            t = line.split("#", 1)[0].split()
            if len(t) < 3 or t[0] not in ("PFX", "SFX"):
                continue
            kind, flag = t[0], t[1]
            if flag not in aff:  # header line: PFX flag cross_product count
                aff[flag] = {"kind": kind, "rules": []}
                continue
            strip = "" if t[2] == "0" else t[2]
            add = t[3] if len(t) > 3 else ""
            add, _, cont = add.partition("/")
            add = "" if add == "0" else add
            cond = t[4] if len(t) > 4 else "."
            aff[flag]["rules"].append((strip, add, [cont[i:i + 2] for i in range(0, len(cont), 2)],
                                       _condition(cond, kind == "SFX")))
    return aff


def _apply(aff, flag, word):
    a = aff.get(flag)
    if not a:
        return
    for strip, add, cont, rx in a["rules"]:
        if not rx.search(word):
            continue
        if a["kind"] == "SFX":
            if strip and not word.endswith(strip):
                continue
            yield word[:len(word) - len(strip)] + add, cont
        else:
            if strip and not word.startswith(strip):
                continue
            yield add + word[len(strip):], cont


CLITIC_FLAGS = {"l0", "o0", "n0", "nl"}


def expand(aff, stem, flags):
    """{form: flag-path} for one entry: single prefixes, single suffixes, circumfixes
    (suffix rules whose continuation carries the CIRCUMFIX flag A1 plus a prefix flag), and
    one further clitic (-lah -kah -ku -mu -nya) on a suffixed or circumfixed form. Free
    prefix x suffix cross products are not generated: they over-generate badly here."""
    out = {}
    for f in flags:
        a = aff.get(f)
        if not a:
            continue
        if a["kind"] == "PFX":
            for form, cont in _apply(aff, f, stem):
                if "A1" not in cont:
                    out.setdefault(form, f)
            continue
        for form, cont in _apply(aff, f, stem):
            bases = []
            if "A1" in cont:
                for p in cont:
                    if p in aff and aff[p]["kind"] == "PFX":
                        bases += [(f2, f + "+" + p) for f2, _ in _apply(aff, p, form)]
            else:
                bases.append((form, f))
            for b, path in bases:
                out.setdefault(b, path)
                for s in cont:
                    if s in CLITIC_FLAGS:
                        for f3, _ in _apply(aff, s, b):
                            out.setdefault(f3, path + "+" + s)
    return out


# ------------------------------------------------------------------- candidate analysis
VOWELS = "aeiou"


def _nasal(rest):
    """Possible bases after me-/pe- (rest = word without 'me'/'pe')."""
    out = []
    if rest[:1] in ("l", "r", "w", "y"):
        out.append(rest)
    if rest.startswith("m"):
        r = rest[1:]
        if r[:1] in ("b", "f", "v", "p"):
            out.append(r)
        if r[:1] and (r[0] in VOWELS or r[0] == "r"):
            out += ["p" + r, "m" + r]
    if rest.startswith("ny"):
        r = rest[2:]
        if r[:1] in VOWELS:
            out += ["s" + r, "ny" + r]
    elif rest.startswith("ng"):
        r = rest[2:]
        if r[:1] in VOWELS:
            out += [r, "k" + r, "ng" + r]
        if r[:1] in ("g", "h", "k", "q", "x"):
            out.append(r)
        if r.startswith("e"):
            out.append(r[1:])
    elif rest.startswith("n"):
        r = rest[1:]
        if r[:1] in ("c", "d", "j", "z", "t", "s", "y"):
            out.append(r)
        if r[:1] in VOWELS:
            out += ["t" + r, "n" + r]
    return out


def _prefixes(w):
    out = []
    for p in ("di", "ke", "se", "ku", "kau"):
        if w.startswith(p):
            out.append(w[len(p):])
    for p, pp in (("ber", "be"), ("ter", "te"), ("per", "pe")):
        if w.startswith(p):
            out.append(w[3:])
        if w.startswith(pp + "r"):
            out.append(w[2:])
        if w.startswith(pp) and len(w) > 4 and w[2] != "r" and w[3:5] == "er":
            out.append(w[2:])
    if w.startswith("pe") and len(w) > 4 and w[2] not in VOWELS + "lrwymn":
        out.append(w[2:])
    if w.startswith(("belajar", "pelajar")):
        out.append(w[3:])
    for p in ("me", "pe"):
        if w.startswith(p):
            out += _nasal(w[2:])
    return out


def _suffixes(w):
    res = [w]
    for group in (("lah", "kah", "tah", "pun"), ("ku", "mu", "nya"), ("kan", "an", "i")):
        res += [x[:-len(s)] for x in list(res) for s in group
                if x.endswith(s) and len(x) > len(s) + 2]
    return res


def analyses(w):
    """Every string reachable from w by removing suffixes and up to two prefixes."""
    out = set()
    for st in _suffixes(w):
        out.add(st)
        frontier = [st]
        for _ in range(2):
            frontier = [r for x in frontier for r in _prefixes(x) if len(r) >= 2]
            out.update(frontier)
    out.discard(w)
    return out


# ------------------------------------------------------------------------------- build
def read_extra(path):
    words = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if not WORD.match(line):
                sys.exit(f"{path}:{n}: not a lower-case a-z word: {line!r}")
            words.append(line)
    return words


NEEDAFFIX = "A2"  # id_ID.aff: "NEEDAFFIX A2": a stem with this flag is not a word on its own


def hunspell_roots(dic):
    """(a-z stems of >= MIN_LEN letters, stems among them that only occur with NEEDAFFIX, stats)"""
    entries = read_dic(dic)
    stems = {s.lower() for s, _ in entries}
    kept = {s for s in stems if WORD.match(s) and len(s) >= MIN_LEN}
    standalone = {s.lower() for s, flags in entries if NEEDAFFIX not in flags}
    needaffix = {s for s in kept if s not in standalone}
    stats = {
        "entries": len(entries),
        "distinct_lower": len(stems),
        "hyphenated": sum(1 for s in stems if "-" in s),
        "short": sum(1 for s in stems if WORD.match(s) and len(s) < MIN_LEN),
        "other": sum(1 for s in stems if "-" not in s and not WORD.match(s)),
        "alpha": len(kept),
        "needaffix_removed": len(needaffix),
    }
    return kept, needaffix, stats


def build(dic, extra_path):
    roots, needaffix, stats = hunspell_roots(dic)
    missing = sorted(w for w in DERIVED if w not in roots)
    if missing:
        sys.exit(f"DERIVED entries not in {dic}: {missing}")
    roots -= needaffix
    stats["derived_removed"] = len(set(DERIVED) - needaffix)
    roots -= set(DERIVED)
    stats["hunspell_roots"] = len(roots)
    extra = read_extra(extra_path)
    dup = sorted({w for w in extra if extra.count(w) > 1})
    if dup:
        sys.exit(f"duplicates in {extra_path}: {dup}")
    clash = sorted(w for w in extra if w in DERIVED)
    if clash:
        sys.exit(f"{extra_path} lists words removed as derived: {clash}")
    stats["extra"] = len(extra)
    stats["extra_new"] = len(set(extra) - roots)
    roots |= set(extra)
    bad = sorted(f"{w}->{r}" for w, r in DERIVED.items() if r not in roots)
    if bad:
        sys.exit(f"DERIVED roots that are not in the final list: {bad}")
    absent = sorted(w for w in KEEP if w not in roots)
    if absent:
        sys.exit(f"KEEP words missing from the final list: {absent}")
    stats["total"] = len(roots)
    return sorted(roots), stats


def package_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "hunspell-id"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def render(roots, stats, date, version):
    head = [
        "# aspirasi: Indonesian root-word dictionary for the affix-aware stemmer.",
        "# One root per line, lower case a-z, sorted, unique. "
        "Lines starting with '#' are comments.",
        "# Generated by tools/make_roots.py -- do not edit by hand; "
        "edit lang/id/roots-extra.txt",
        "# or the DERIVED / KEEP lists in the script and regenerate. "
        "Rules: lang/id/SOURCES.md.",
        f"# Date: {date}",
        f"# Source 1: Debian package hunspell-id {version} "
        "(/usr/share/hunspell/id_ID.dic, from",
        "#   libreoffice-dictionaries dictionaries/id, Copyright (C) 2017 Ali Ahmadi; "
        "affix file by",
        "#   Benitius Brevoort). Licence: LGPL-3 as stated by Debian's copyright file; "
        "full notice in",
        "#   lang/id/LICENSE-hunspell-id.txt. This list (the stems, cleaned) is a derived "
        "work under",
        "#   the same licence.",
        "# Source 2: lang/id/roots-extra.txt, written for aspirasi (MIT, as the project).",
        f"# Counts: {stats['entries']} .dic entries; {stats['alpha']} distinct a-z stems "
        f"of >= {MIN_LEN} letters; {stats['needaffix_removed']} dropped as NEEDAFFIX-only stems;",
        f"#   {stats['derived_removed']} more removed as derived forms; "
        f"{stats['hunspell_roots']} from hunspell-id + {stats['extra_new']} new from "
        f"roots-extra.txt = {stats['total']} roots.",
    ]
    return "\n".join(head + roots) + "\n"


def cmd_candidates(dic):
    roots, needaffix, _ = hunspell_roots(dic)
    roots -= needaffix
    keep = set(KEEP)
    for w in sorted(roots):
        if w in DERIVED or w in keep:
            continue
        bases = sorted(b for b in analyses(w) if b in roots and len(b) >= MIN_LEN)
        if bases:
            print(f"{w}\t{' '.join(bases)}")


def cmd_affix_sample(dic, aff_path, n, seed):
    """Sample about n (word, stem, flag-path) triples from the .aff expansion of stems that
    stay roots (words that are themselves roots are skipped). Every affix flag gets a share
    proportional to the square root of how many forms it yields (at least 2), so common flags
    dominate but every flag appears; about one in six of a flag's share carries a clitic
    (-lah -kah -ku -mu -nya). Deterministic for a given seed."""
    roots, needaffix, _ = hunspell_roots(dic)
    roots -= needaffix | set(DERIVED)
    aff = read_aff(aff_path)
    pools = {}  # primary flag -> (plain forms, forms with a clitic)
    for stem, flags in read_dic(dic):
        s = stem.lower()
        if s not in roots or stem != s:
            continue
        for form, path in sorted(expand(aff, s, flags).items()):
            if WORD.match(form) and form not in roots:
                parts = path.split("+")
                plain, clitic = pools.setdefault(parts[0], ([], []))
                (clitic if parts[-1] in CLITIC_FLAGS and len(parts) > 1 else plain).append(
                    (form, s, path))
    rng = random.Random(seed)
    weight = {f: (len(p) + len(c)) ** 0.5 for f, (p, c) in pools.items()}
    total = sum(weight.values())
    out = []
    for f in sorted(pools):
        plain, clitic = pools[f]
        rng.shuffle(plain)
        rng.shuffle(clitic)
        quota = max(2, round(n * weight[f] / total))
        k = min(len(clitic), quota // 6)
        out += clitic[:k] + plain[:quota - k]
    for form, s, p in sorted(out):
        print(f"{form}\t{s}\t{p}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dic", default=DIC)
    ap.add_argument("--aff", default=AFF)
    ap.add_argument("--extra", default=EXTRA)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--date", default=DATE)
    ap.add_argument("--check", action="store_true", help="compare with --out, do not write")
    ap.add_argument("--candidates", action="store_true")
    ap.add_argument("--affix-sample", type=int, metavar="N")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    if a.candidates:
        return cmd_candidates(a.dic)
    if a.affix_sample:
        return cmd_affix_sample(a.dic, a.aff, a.affix_sample, a.seed)
    roots, stats = build(a.dic, a.extra)
    text = render(roots, stats, a.date, package_version())
    if a.check:
        with open(a.out, encoding="utf-8") as f:
            same = f.read() == text
        print("up to date" if same else f"{a.out} is stale: run tools/make_roots.py")
        return 0 if same else 1
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {a.out}: " + ", ".join(f"{k}={v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
