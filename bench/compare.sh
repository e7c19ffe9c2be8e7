#!/usr/bin/env bash
# Batch scoring against a naive script, side by side, plus memory and report timings.
#
# usage: bench/compare.sh [RUNS] [LINES]    (from the repository root; defaults 5 and 100000)
#        BASE=path/to/other/grill bench/compare.sh ...   also times that build, in the same turns
#
# Builds grill (release), writes the workloads deterministically into a temporary folder
# (bank-type answers from the embedded bank; Mohler answers repeated when
# ../shared/eval/mohler-dev.jsonl is there), then times grill --jobs 2, grill --jobs 1 and
# bench/naive_score.py in turn RUNS times each and prints medians and ratios (throughput of
# grill over the script's). Then: peak RSS of a 1 GB batch on stdin, time to the first output
# line of a 1M-line file, start-up of `score -q` against `--help`, and `grill report` over 1k,
# 10k and 30k generated sessions in a temporary GRILL_HOME. Needs python3, GNU time
# (/usr/bin/time) and hyperfine. The machine should be otherwise idle; say so if it was not.
set -euo pipefail

RUNS=${1:-5}
LINES=${2:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
cargo build --release --quiet
GRILL=$ROOT/target/release/grill
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$GRILL" bank export --format json > "$WORK/bank.json"
MOHLER=$ROOT/../shared/eval/mohler-dev.jsonl
if [ -f "$MOHLER" ]; then
    python3 bench/gen_workloads.py "$WORK/bank.json" "$WORK" "$LINES" "$MOHLER"
else
    echo "($MOHLER is missing: the Mohler-type workload is skipped)"
    python3 bench/gen_workloads.py "$WORK/bank.json" "$WORK" "$LINES"
fi

# Wall seconds of one run of "$@" with stdin from $IN, output discarded.
seconds() {
    local t0 t1
    t0=$(date +%s.%N)
    "$@" < "$IN" > /dev/null || true
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
}

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

printf '\n%-12s %10s %10s %10s %12s %12s\n' workload "grill -j2" "grill -j1" naive "ratio -j2" "ratio -j1"
for w in bank mohler; do
    [ -f "$WORK/$w.jsonl" ] || continue
    IN=$WORK/$w.jsonl
    : > "$WORK/j2"; : > "$WORK/j1"; : > "$WORK/py"; : > "$WORK/b2"; : > "$WORK/b1"
    for _ in $(seq "$RUNS"); do
        # In turn, so that load on the machine falls on all of them alike.
        seconds "$GRILL" score --batch - --jobs 2 >> "$WORK/j2"
        seconds "$GRILL" score --batch - --jobs 1 >> "$WORK/j1"
        if [ -n "${BASE:-}" ]; then
            seconds "$BASE" score --batch - --jobs 2 >> "$WORK/b2"
            seconds "$BASE" score --batch - --jobs 1 >> "$WORK/b1"
        fi
        seconds python3 bench/naive_score.py "$WORK/bank.json" >> "$WORK/py"
    done
    py=$(median < "$WORK/py")
    for build in j b; do
        [ "$build" = b ] && [ -z "${BASE:-}" ] && continue
        two=$(median < "$WORK/${build}2"); one=$(median < "$WORK/${build}1")
        label=$w; [ "$build" = b ] && label="$w base"
        printf '%-12s %9ss %9ss %9ss %11.2fx %11.2fx\n' "$label" "$two" "$one" "$py" \
            "$(echo "$py / $two" | bc -l)" "$(echo "$py / $one" | bc -l)"
    done
done

# About 1 GB on stdin: the bank workload repeated, streamed through a pipe.
reps=$(( 1000000000 / $(stat -c %s "$WORK/bank.jsonl") + 1 ))
rss=$( { for _ in $(seq "$reps"); do cat "$WORK/bank.jsonl"; done \
    | /usr/bin/time -f '%M' "$GRILL" score --batch - > /dev/null; } 2>&1 | tail -1)
echo
echo "$((reps * $(stat -c %s "$WORK/bank.jsonl") / 1000000)) MB batch on stdin: peak RSS $((rss / 1024)) MB"

# Time to the first output line of a 1M-line file.
for _ in $(seq $(( 1000000 / LINES ))); do cat "$WORK/bank.jsonl"; done > "$WORK/1m.jsonl"
first=$(python3 - "$GRILL" "$WORK/1m.jsonl" <<'PY'
import subprocess, sys, time
times = []
for _ in range(5):
    t = time.monotonic()
    p = subprocess.Popen([sys.argv[1], "score", "--batch", sys.argv[2]], stdout=subprocess.PIPE)
    p.stdout.readline()
    times.append((time.monotonic() - t) * 1000)
    p.kill()
    p.wait()
print(f"{sorted(times)[2]:.0f}")
PY
)
echo "1M-line file: first output line after ${first} ms (median of 5)"

echo
hyperfine -N --warmup 5 --runs 100 --export-markdown /dev/null \
    "$GRILL --help" \
    "$GRILL score -q 6 -a 'pass is a no-op; continue skips to the next iteration'" 2>/dev/null \
    | grep -E 'Time|±|faster' || true

echo
for n in 1000 10000 30000; do
    home=$WORK/home$n
    python3 bench/gen_sessions.py tests/fixtures/home/sessions "$home" "$n"
    GRILL_HOME=$home /usr/bin/time -f "report over $n sessions: %e s, peak RSS %M KB" \
        "$GRILL" --bank tests/fixtures/bank.txt report > /dev/null
done
