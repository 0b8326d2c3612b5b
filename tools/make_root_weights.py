#!/usr/bin/env python3
"""Write lang/id/root-weights.txt: how productive each root of lang/id/roots.txt is.

Written for aspirasi (MIT). The weight of a root is the number of affix classes Debian's
hunspell-id dictionary (/usr/share/hunspell/id_ID.dic, LGPL-3) allows its stem: `rasa`
takes many affixes, the rare `asa` two. When a word can be read as two roots (`terasa`:
ter-asa or te-rasa), the stemmer prefers the more productive one. Roots that are not in
hunspell-id (our additions in roots-extra.txt) are left out and weigh 1.

Usage: python3 tools/make_root_weights.py [--check]
Needs: apt-get install hunspell-id
"""

import argparse
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIC = "/usr/share/hunspell/id_ID.dic"
ROOTS = os.path.join(REPO, "lang", "id", "roots.txt")
OUT = os.path.join(REPO, "lang", "id", "root-weights.txt")


def flag_counts(path):
    counts = {}
    with open(path, encoding="iso-8859-1") as dic:
        next(dic)  # entry count
        for line in dic:
            entry = line.strip()
            if not entry:
                continue
            stem, _, flags = entry.partition("/")
            stem = stem.lower()
            # FLAG long: two characters per flag
            count = len(flags) // 2
            counts[stem] = max(counts.get(stem, 0), count)
    return counts


def roots(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            word = line.split("#")[0].split()
            if word:
                yield word[0]


def render(counts):
    lines = [
        "# aspirasi: productivity weight of each root in lang/id/roots.txt (see tools/make_root_weights.py).",
        "# root<TAB>weight, where weight = 1 + the number of affix classes hunspell-id allows the stem.",
        "# Derived from Debian's hunspell-id (LGPL-3, lang/id/LICENSE-hunspell-id.txt). Roots not listed weigh 1.",
    ]
    for root in sorted(set(roots(ROOTS))):
        weight = counts.get(root)
        if weight:
            lines.append(f"{root}\t{weight + 1}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    text = render(flag_counts(DIC))
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{OUT} is stale: run tools/make_root_weights.py", file=sys.stderr)
                sys.exit(1)
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
