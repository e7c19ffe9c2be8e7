#!/usr/bin/env python3
"""The naive baseline for bench/compare.sh: exact word overlap, one JSON line out per line in.

Tokenise lowercase words, drop a small stopword list, score = the fraction of the reference's
words present in the answer. A line names a bank question ("question", looked up in the bank
JSON given as the first argument) or carries its "reference" bullets inline.
"""
import json
import re
import sys

STOP = set(
    "a an the and or of to in on at for with by is are was were be been it its this that "
    "as from not no but if then so can do does which what how when".split()
)
WORD = re.compile(r"[a-z0-9_]+")


def words(text):
    return {w for w in WORD.findall(text.lower()) if w not in STOP}


def main():
    bullets = {}
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as f:
            bank = json.load(f)
        for chapter in bank["chapters"]:
            for q in chapter["questions"]:
                bullets[q["id"]] = q["bullets"]
    ref_words = {}
    out = sys.stdout
    for n, line in enumerate(sys.stdin, 1):
        line = line.strip()
        if not line:
            continue
        try:
            item = json.loads(line)
            ref = item.get("reference") or bullets[item["question"]]
            key = tuple(ref)
            want = ref_words.get(key)
            if want is None:
                want = ref_words[key] = words(" ".join(ref))
            have = words(item["answer"])
            score = 100.0 * len(want & have) / len(want) if want else 0.0
            out.write(json.dumps({"id": item.get("id", n), "score": round(score, 2)}) + "\n")
        except (ValueError, KeyError, TypeError) as e:
            out.write(json.dumps({"id": n, "error": str(e)}) + "\n")


if __name__ == "__main__":
    main()
