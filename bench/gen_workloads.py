#!/usr/bin/env python3
"""Writes the two batch workloads of bench/compare.sh, the same bytes on every run.

usage: gen_workloads.py BANK_JSON OUT_DIR LINES [MOHLER_JSONL]

bank.jsonl: answers to the bank's questions, 40-80 words each, mixing the question's bullet
words with everyday filler, about one word in twelve with a typo (a dropped, doubled or
swapped letter). mohler.jsonl: the graded answers (inline references) repeated to LINES lines.
"""
import json
import random
import re
import sys

FILLER = (
    "so basically you would use this when the program needs it and then it works because "
    "the way python handles things means we get better results in practice most of the time "
    "I think that usually developers prefer doing it like this for clarity and speed"
).split()


def typo(word, rng):
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def main():
    bank_path, out_dir, lines = sys.argv[1], sys.argv[2], int(sys.argv[3])
    mohler = sys.argv[4] if len(sys.argv) > 4 else None
    rng = random.Random(12)
    with open(bank_path, encoding="utf-8") as f:
        bank = json.load(f)
    questions = [q for c in bank["chapters"] for q in c["questions"]]
    with open(f"{out_dir}/bank.jsonl", "w", encoding="utf-8") as out:
        for n in range(lines):
            q = rng.choice(questions)
            pool = re.findall(r"[A-Za-z_][A-Za-z0-9_.()-]*", " ".join(q["bullets"]))
            length = rng.randint(40, 80)
            answer = []
            for _ in range(length):
                w = rng.choice(pool) if rng.random() < 0.55 else rng.choice(FILLER)
                if rng.random() < 1 / 12:
                    w = typo(w, rng)
                answer.append(w)
            line = {"id": f"b{n}", "question": q["id"], "answer": " ".join(answer)}
            out.write(json.dumps(line) + "\n")
    if mohler:
        with open(mohler, encoding="utf-8") as f:
            rows = [l for l in f if l.strip()]
        with open(f"{out_dir}/mohler.jsonl", "w", encoding="utf-8") as out:
            for n in range(lines):
                out.write(rows[n % len(rows)])


if __name__ == "__main__":
    main()
