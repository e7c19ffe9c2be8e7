#!/usr/bin/env python3
"""Generates grill's WordNet tables (data/wordnet/) from the WordNet 3.0 database files.

Usage: scripts/gen-wordnet.py [WORDNET_DIR] (default /usr/share/wordnet, Debian's `wordnet-base`).

Writes three sorted text tables that grill embeds and searches in place (a binary search over the
bytes, no parsing at start-up), and WordNet's licence beside them:

- exceptions.txt: `form lemma` per line, sorted by form: WordNet's exception lists for irregular
  forms (`ran run`, `children child`, `better good`); a form in several lists takes the first of
  noun, verb, adjective, adverb.
- words.txt: `word<TAB>pos<TAB>senses<TAB>related` per line, sorted by word (bytes), for every
  single lowercase word of WordNet (a-z only). `pos` is a hex mask of the parts of speech WordNet
  knows it as (1 noun, 2 verb, 4 adjective, 8 adverb), for the detachment rules. `senses` lists
  the synsets of the word's first SENSES senses in each part of speech (most frequent first), and
  `related` the synsets those senses point to by a derivational or similar-to relation; both as
  base-36 numbers joined by commas. Synsets that only one word names or points to are left out
  (no other word could share them), and the rest are numbered by how often they occur, so the
  frequent ones are short.
- exceptions.bloom: a Bloom filter of the exception forms (BLOOM_BITS bits, 3 probes from a
  64-bit FNV-1a hash: bits h, h >> 21 and h >> 42, each modulo BLOOM_BITS), so that the many
  words that are not irregular forms skip the search.
- synsets.txt: `synset<TAB>word,word,...` per line, sorted by the synset's base-36 number as text:
  the words that have the synset among their first SENSES senses, so that a keyword's related
  words are found without looking at every word.

The output is deterministic: re-running on the same database gives the same bytes.
"""
import os
import re
import shutil
import sys
from collections import Counter

SENSES = 3
BLOOM_BITS = 1 << 16


def fnv1a(word):
    h = 0xCBF29CE484222325
    for b in word.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h
POS = [("noun", "n", 1), ("verb", "v", 2), ("adj", "a", 4), ("adv", "r", 8)]
WORD = re.compile(r"^[a-z]{2,}$")


def base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        n, r = divmod(n, 36)
        s = digits[r] + s
        if n == 0:
            return s


def syllables(word):
    """Vowel groups, a silent final e left out ("strange" is one), but a final consonant + "le"
    counted ("idle", "double" are two)."""
    w = word[:-1] if word.endswith("e") and len(word) > 3 else word
    n = len(re.findall(r"[aeiouy]+", w))
    return n + 1 if re.search(r"[^aeiouy]le$", word) else n


def numbers(src):
    """The adjectives that name a number: the words of adjective synsets with a numeral among
    them ("five, 5, v"). "fiver" is a banknote, not more five."""
    found = set()
    for line in open(os.path.join(src, "data.adj"), encoding="utf-8"):
        if line.startswith("  "):
            continue
        f = line.split()
        words = [f[4 + 2 * i] for i in range(int(f[3], 16))]
        if any(w.isdigit() for w in words):
            found.update(words)
    return found


def comparatives(src, exc):
    """`form: adjective` for the -er and -est forms of one-syllable adjectives that WordNet also
    has as nouns or verbs, when more of the adjective's senses are tagged in SemCor than of the
    noun's and verb's together (the tagsense_cnt field of WordNet's index files: a count of
    senses, not of occurrences; a rough sign of the more frequent reading)."""
    tagged, pos = {}, {}
    for name, p, _ in POS:
        for line in open(os.path.join(src, f"index.{name}"), encoding="utf-8"):
            if line.startswith("  "):
                continue
            f = line.split()
            tagged[(f[0], p)] = int(f[5 + int(f[3])])
            pos.setdefault(f[0], set()).add(p)
    cardinal = numbers(src)
    found = {}
    for word in sorted(pos):
        if not WORD.match(word) or word in exc or not pos[word] & {"n", "v"}:
            continue
        for ending, base in (("er", ""), ("est", ""), ("er", "e"), ("est", "e")):
            if not word.endswith(ending):
                continue
            adj = word[: -len(ending)] + base
            if "a" in pos.get(adj, ()) and len(adj) > 2 and adj not in cardinal:
                seen = tagged.get((word, "n"), 0) + tagged.get((word, "v"), 0)
                if syllables(adj) == 1 and tagged[(adj, "a")] > seen:
                    found[word] = adj
                break
    return found


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "wordnet")
    os.makedirs(out, exist_ok=True)

    # Exceptions: the first part of speech that lists a form wins.
    exc = {}
    for name, _, _ in POS:
        for line in open(os.path.join(src, f"{name}.exc"), encoding="utf-8"):
            parts = line.split()
            if len(parts) >= 2 and WORD.match(parts[0]) and WORD.match(parts[1]):
                exc.setdefault(parts[0], parts[1])

    # Comparatives that are also nouns or verbs ("lower", "longer", "cooler"): grill's lemmas
    # leave a noun or verb whole ("number" is not "numb"+"er"), so these are listed as exceptions
    # when the adjective is one syllable (the adjectives that compare by -er, -est) and has more
    # senses tagged in SemCor than the noun and verb (see `comparatives`).
    exc.update(comparatives(src, exc))

    # Pointers of each synset: derivational (+) and similar-to (&) targets.
    pointers = {}
    for name, p, _ in POS:
        for line in open(os.path.join(src, f"data.{name}"), encoding="utf-8"):
            if line.startswith("  "):
                continue
            f = line.split()
            key = (p, f[0])
            wcnt = int(f[3], 16)
            i = 4 + 2 * wcnt
            pcnt = int(f[i])
            i += 1
            targets = []
            for _ in range(pcnt):
                sym, off, tpos = f[i], f[i + 1], f[i + 2]
                i += 4
                if sym in ("+", "&"):
                    targets.append(("a" if tpos == "s" else tpos, off))
            pointers[key] = targets

    words = {}
    for name, p, bit in POS:
        for line in open(os.path.join(src, f"index.{name}"), encoding="utf-8"):
            if line.startswith("  "):
                continue
            f = line.split()
            lemma = f[0]
            if not WORD.match(lemma):
                continue
            synset_cnt = int(f[2])
            offsets = f[-synset_cnt:]
            w = words.setdefault(lemma, {"pos": 0, "senses": [], "related": []})
            w["pos"] |= bit
            for off in offsets[:SENSES]:
                w["senses"].append((p, off))
                for t in pointers.get((p, off), []):
                    if t not in w["related"]:
                        w["related"].append(t)

    # Keep the synsets that two or more words name or point to; number them by frequency.
    count = Counter()
    for w in words.values():
        for s in set(w["senses"]) | set(w["related"]):
            count[s] += 1
    shared = sorted((s for s, c in count.items() if c >= 2), key=lambda s: (-count[s], s))
    number = {s: base36(i) for i, s in enumerate(shared)}

    with open(os.path.join(out, "exceptions.txt"), "w", encoding="utf-8", newline="\n") as fh:
        for form in sorted(exc):
            fh.write(f"{form} {exc[form]}\n")
    bloom = bytearray(BLOOM_BITS // 8)
    for form in exc:
        h = fnv1a(form)
        for bit in (h % BLOOM_BITS, (h >> 21) % BLOOM_BITS, (h >> 42) % BLOOM_BITS):
            bloom[bit // 8] |= 1 << (bit % 8)
    with open(os.path.join(out, "exceptions.bloom"), "wb") as fh:
        fh.write(bytes(bloom))
    with open(os.path.join(out, "words.txt"), "w", encoding="utf-8", newline="\n") as fh:
        for lemma in sorted(words):
            w = words[lemma]
            senses = ",".join(number[s] for s in w["senses"] if s in number)
            related = ",".join(number[s] for s in w["related"] if s in number and s not in w["senses"])
            fh.write(f"{lemma}\t{w['pos']:x}\t{senses}\t{related}\n")

    members = {}
    for lemma in sorted(words):
        for s in words[lemma]["senses"]:
            if s in number:
                members.setdefault(number[s], []).append(lemma)
    with open(os.path.join(out, "synsets.txt"), "w", encoding="utf-8", newline="\n") as fh:
        for key in sorted(members):
            fh.write(f"{key}\t{','.join(members[key])}\n")

    licence = "/usr/share/doc/wordnet-base/copyright"
    text = open(licence, encoding="utf-8").read() if os.path.exists(licence) else ""
    block = text.split("Files: debian/*")[0] if text else ""
    with open(os.path.join(out, "LICENSE"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("The tables in this directory are generated from WordNet 3.0 by scripts/gen-wordnet.py.\n\n")
        fh.write(block.strip() + "\n")
    print(f"{len(exc)} exceptions, {len(words)} words, {len(shared)} shared synsets")


if __name__ == "__main__":
    main()
