#!/usr/bin/env python3
"""Reference figure: accuracy of PySastrawi's stemmer on tests/gold/stem-dev.tsv.

Written for aspirasi (MIT, as the project). It only imports the `Sastrawi` package that
`pip install PySastrawi==1.2.1` installs (MIT licence); nothing of it is copied here.

A pair counts as correct when Sastrawi's stem of the word, lower-cased, equals the gold root
exactly. Prints the accuracy overall and per source (own, sastrawi-test, hunspell-affix).

Usage:
    pip install PySastrawi==1.2.1
    python3 tools/sastrawi_accuracy.py [tests/gold/stem-dev.tsv] [--errors N] [--markdown]
"""

import argparse
import csv
import os
import sys
from collections import OrderedDict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = os.path.join(REPO, "tests", "gold", "stem-dev.tsv")


def read_gold(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for n, r in enumerate(rows, 2):
        if not r.get("word") or not r.get("root") or not r.get("source"):
            sys.exit(f"{path}:{n}: need word, root and source")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", default=GOLD)
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="also print up to N mismatches per source")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    a = ap.parse_args()

    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:
        sys.exit("Sastrawi is not installed: pip install PySastrawi==1.2.1")
    ver = "unknown"
    try:
        from importlib.metadata import PackageNotFoundError, version
        for dist in ("PySastrawi", "Sastrawi"):  # PyPI names of the 1.2.x and 1.0.x releases
            try:
                ver = f"{dist} {version(dist)}"
                break
            except PackageNotFoundError:
                pass
    except ImportError:
        pass
    stemmer = StemmerFactory().create_stemmer()

    rows = read_gold(a.gold)
    stats = OrderedDict()  # source -> [correct, total, errors]
    for r in rows:
        got = stemmer.stem(r["word"]).lower()
        ok = got == r["root"].lower()
        s = stats.setdefault(r["source"], [0, 0, []])
        s[0] += ok
        s[1] += 1
        if not ok:
            s[2].append((r["word"], r["root"], got))

    correct = sum(s[0] for s in stats.values())
    total = sum(s[1] for s in stats.values())
    lines = [(src, c, t) for src, (c, t, _) in stats.items()] + [("all", correct, total)]
    if a.markdown:
        print(f"| source | pairs | correct | accuracy ({ver}) |")
        print("| --- | ---: | ---: | ---: |")
        for src, c, t in lines:
            print(f"| {src} | {t} | {c} | {100.0 * c / t:.1f} % |")
    else:
        print(f"{ver} on {a.gold}")
        for src, c, t in lines:
            print(f"{src:16} {c:5d} / {t:5d} = {100.0 * c / t:5.1f} %")
    if a.errors:
        for src, (_, _, errs) in stats.items():
            print(f"\n# {src}: {len(errs)} mismatches (word, gold root, Sastrawi)")
            for w, root, got in errs[:a.errors]:
                print(f"{w}\t{root}\t{got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
