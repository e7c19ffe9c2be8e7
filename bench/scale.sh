#!/usr/bin/env bash
# How grill's history commands and ranked draws scale, with figures per session and per question.
#
# usage: bench/scale.sh    (from the repository root)
#
# Builds grill (release). Then, with bench/gen_scale.py (a generated bank and saved sessions over
# it, the same bytes each run), times in a temporary GRILL_HOME:
#   - `report`, `history` and `history --json` over 1k, 10k and 30k sessions of a 200-question
#     bank;
#   - `start --dry-run --focus weak` and `--focus due` (the ranked draws) over banks of 200,
#     2,000, 20,000 and 200,000 questions with 1,000 sessions.
# Each figure is the median of 3 wall-clock runs (hyperfine), with the time per session or per
# question beside it: flat per-unit figures mean linear scaling. Needs python3 and hyperfine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
cargo build --release --quiet
GRILL=$ROOT/target/release/grill
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Median wall seconds of a command (hyperfine, 3 runs after a warm-up), output discarded.
median() {
    hyperfine -N --warmup 1 --runs 3 --export-json "$WORK/t.json" "$1" > /dev/null 2>&1
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/t.json"
}

# One row: label, count, unit, seconds.
row() {
    printf '%-32s %8d %-9s %8.3f s %10.1f µs/%s\n' "$1" "$2" "$3" "$4" \
        "$(echo "$4 * 1000000 / $2" | bc -l)" "$3"
}

printf '%-32s %8s %-9s %10s %13s\n' command count unit time "per unit"
for s in 1000 10000 30000; do
    dir=$WORK/s$s
    python3 bench/gen_scale.py "$dir" 200 "$s"
    export GRILL_HOME=$dir/home
    for args in report history "history --json"; do
        t=$(median "$GRILL --no-pager --bank $dir/bank.txt $args")
        row "$args" "$s" session "$t"
    done
done
for q in 200 2000 20000 200000; do
    dir=$WORK/q$q
    python3 bench/gen_scale.py "$dir" "$q" 1000
    export GRILL_HOME=$dir/home
    for focus in weak due; do
        t=$(median "$GRILL --bank $dir/bank.txt start --dry-run -n 10 --focus $focus")
        row "start --dry-run --focus $focus" "$q" question "$t"
    done
done
