#!/usr/bin/env python3
"""Generates grill's table of document frequencies (data/wordnet/frequencies.txt) from the glosses
of WordNet 3.0: the fixed weights of inline references' keywords (see src/scoring/weights.rs).

Usage: scripts/gen-frequencies.py [WORDNET_DIR] (default /usr/share/wordnet, Debian's `wordnet-base`).

Each synset's gloss (its definition and examples, the text after `|` in data.noun, data.verb,
data.adj and data.adv) is one document. The glosses are written one a line to a temporary file,
and grill's own analyzer then keys their words, as it keys a bullet's keywords (the Snowball stem
of the WordNet lemma; stopwords and code left out), counting each key once per gloss: the ignored
test `generate_frequency_table` in src/scoring/weights.rs does that and writes the table, so the
keys are grill's by construction. Run it again when the analyzer's keys change (a stopword, a
lemma rule). The output is deterministic: the same database and analyzer give the same bytes.
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def glosses(src):
    for name in ("noun", "verb", "adj", "adv"):
        for line in open(os.path.join(src, f"data.{name}"), encoding="utf-8"):
            if line.startswith("  "):  # the licence at the top of the file
                continue
            _, sep, gloss = line.partition(" | ")
            if sep:
                yield " ".join(gloss.split())


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as fh:
        n = 0
        for g in glosses(src):
            fh.write(g + "\n")
            n += 1
        path = fh.name
    print(f"{n} glosses", file=sys.stderr)
    try:
        subprocess.run(
            ["cargo", "test", "--lib", "generate_frequency_table", "--", "--ignored", "--exact",
             "scoring::weights::tests::generate_frequency_table"],
            cwd=ROOT, env={**os.environ, "GRILL_GLOSSES": path}, check=True)
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
