#!/usr/bin/env bash
# How scoring one answer grows with its length when the answer repeats its words: the bank's own
# reference, its other wordings and related words, negated, said again and again (the worst
# case found: a try-out's 140 KB answer took 35 s before the related-sense and word-form lookups
# were made linear, 0.03 s after; Q30 has a dunder, `__copy__`, whose parts are looked up too).
#
# usage: bench/long_answers.sh [QUESTION...]    (from the repository root; default: 1 6 30 121)
#
# Builds grill (release). For each question, times `grill score -q N --answer-file FILE` (median of
# 3 runs, hyperfine) at 1x, 4x and 16x a 100-repeat answer, with the milliseconds per 100 KB
# beside it: a flat figure means linear time. Needs python3 and hyperfine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
cargo build --release --quiet
GRILL=$ROOT/target/release/grill
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GRILL_HOME="$WORK/home"
"$GRILL" bank export --format json > "$WORK/bank.json"
QUESTIONS=("${@:-1 6 30 121}")
# shellcheck disable=SC2206
QUESTIONS=(${QUESTIONS[*]})

printf '%-9s %8s %10s %10s %14s\n' question repeats size seconds "ms per 100 KB"
for q in "${QUESTIONS[@]}"; do
    for times in 100 400 1600; do
        python3 - "$WORK/bank.json" "$q" "$times" > "$WORK/answer.txt" <<'PY'
import json, sys
bank = json.load(open(sys.argv[1]))
q = next(q for c in bank["chapters"] for q in c["questions"] if q["id"] == int(sys.argv[2]))
words = " ".join(q["bullets"]) + " " + " ".join(w for ws in q.get("alternatives", {}).values() for w in ws)
print(("not " + words + " quick outcome keep maintain store shop. ") * int(sys.argv[3]))
PY
        size=$(stat -c %s "$WORK/answer.txt")
        hyperfine -N --warmup 1 --runs 3 --export-json "$WORK/t.json" \
            "$GRILL score -q $q --answer-file $WORK/answer.txt" > /dev/null 2>&1
        python3 - "$WORK/t.json" "$q" "$times" "$size" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["results"][0]["median"]
q, times, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
print(f"Q{q:<8} {times:>8} {size / 1000:>8.0f}KB {t:>10.3f} {t * 1000 / (size / 100_000):>14.1f}")
PY
    done
done
