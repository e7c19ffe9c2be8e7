#!/usr/bin/env bash
# How the history's costs grow with its size: the SQLite store's targets (issue 20), side by side
# for an empty home and homes of 30,000 and 100,000 sessions.
#
# usage: bench/history.sh [SIZES...]    (from the repository root; default: 0 30000 100000)
#
# Builds grill (release). For each size, bench/gen_history.py writes that many session files of
# the built-in bank (about 4 KB each, as an earlier grill left them), and the first grill run
# moves them into grill.db (timed once: "migrate"). Then each command is timed (median of 5 runs,
# hyperfine) and its peak memory taken (GNU time, one run):
#   finish     a 3-question interview, answers piped in, saved (adds a session each run)
#   rate       `history rate` of one answer of the latest session (its question's latest answer)
#   rate_old   `history rate` of the oldest session's first answer (its card made again)
#   review     `review` of the latest session, one rating piped in
#   history    the list of every session
#   report     the readiness report
#   due        `start --dry-run --focus due`: the due draw
# The ratio column is the time over the empty home's. Needs python3, hyperfine, GNU time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
cargo build --release --quiet
GRILL=$ROOT/target/release/grill
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SIZES=("${@:-0 30000 100000}")
# shellcheck disable=SC2206
SIZES=(${SIZES[*]})
"$GRILL" bank export --format json > "$WORK/bank.json"

# Median wall seconds of a shell command over 5 runs.
median() {
    hyperfine -N --warmup 1 --runs 5 --export-json "$WORK/t.json" "$1" > /dev/null 2>&1 \
        || hyperfine --warmup 1 --runs 5 --export-json "$WORK/t.json" "$1" > /dev/null
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/t.json"
}

# Peak resident memory of one run, in MB.
peak() {
    /usr/bin/time -f '%M' bash -c "$1" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.1f", $1 / 1024}'
}

declare -A BASE
printf '%-10s %9s %10s %8s %10s\n' command sessions time ratio "peak MB"
for n in "${SIZES[@]}"; do
    export GRILL_HOME=$WORK/h$n
    mkdir -p "$GRILL_HOME"
    if [ "$n" -gt 0 ]; then
        python3 bench/gen_history.py "$WORK/bank.json" "$GRILL_HOME" "$n"
        t0=$(date +%s.%N)
        "$GRILL" history list > /dev/null 2>&1
        printf '%-10s %9d %9.2fs\n' migrate "$n" "$(echo "$(date +%s.%N) - $t0" | bc -l)"
    fi
    printf 'one\n---\ntwo\n---\nthree\n' > "$WORK/answers.txt"
    # The session rated: the newest, of other questions than `finish` asks (seed 6, not 5), so
    # its answers stay their questions' latest, as when rating right after an interview.
    "$GRILL" -n 3 --seed 6 --answers "$WORK/answers.txt" --json > "$WORK/last.json" 2>/dev/null
    q=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["question_id"])' "$WORK/last.json")
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/last.json")
    # ... and the oldest session's first answer: a rating of an earlier answer, which makes its
    # question's card again from every answer (in an empty home, the session above).
    "$GRILL" history show 1 --json > "$WORK/first.json"
    q1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["question_id"])' "$WORK/first.json")
    declare -A CMD=(
        [finish]="$GRILL -n 3 --seed 5 --answers $WORK/answers.txt"
        [rate]="$GRILL history rate $id $q good"
        [rate_old]="$GRILL history rate 1 $q1 good"
        [review]="bash -c 'echo good | $GRILL review $id'"
        [history]="$GRILL --no-pager history"
        [report]="$GRILL --no-pager report"
        [due]="$GRILL start --dry-run -n 10 --focus due"
    )
    for c in finish rate rate_old review history report due; do
        t=$(median "${CMD[$c]}")
        m=$(peak "${CMD[$c]} > /dev/null 2>&1")
        [ "$n" -eq "${SIZES[0]}" ] && BASE[$c]=$t
        printf '%-10s %9d %9.3fs %7.2fx %10s\n' "$c" "$n" "$t" "$(echo "$t / ${BASE[$c]}" | bc -l)" "$m"
    done
    unset CMD
done
