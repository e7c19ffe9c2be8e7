#!/usr/bin/env python3
"""Score the probe set (eval/probes.jsonl) with grill and print the table of issue 21.

Usage: python3 eval/probes.py [--probes FILE] [--source S[,S...]] [--by-question] [--json]
                              [--as-bank] [--save FILE] [--against FILE] [-- COMMAND ARG...]

COMMAND gets the whole probe file on stdin and must print one JSON object per line with "id" and
"score" (default: target/release/grill score --batch -).  The whole file is always scored, even with
--source, which only selects the rows that the figures are computed over (grill scores each line on its
own since issue 21; before, it weighed inline references' keywords over the batch's own references).

Prints the mean score per kind of answer (reference, full, keywords, negated, paraphrase, padded), the
padding effect (|score(padded_x) - score(full)| over questions, x = before / after), and each figure
against its target from issue 21.  --by-question adds a row per question; --json prints all of it as one
JSON object instead.  --as-bank scores the indomain rows as the bank questions they copy ("question": N
instead of the inline reference), as `grill start` and `grill score -q N` do: with the bank's alternative
wordings and synonyms, which inline references lack.  --save FILE keeps this run's scores; --against FILE (an earlier --save) prints the
per-kind differences from that run, with a paired 95% interval over resampled questions.

Exit status: 0, unless the command fails (it cannot be run, exits non-zero, leaves rows without an output
line or answers a row with an error), then 1 after printing the failure.
"""
import json
import os
import random
import signal
import subprocess
import sys

KINDS = ["reference", "full", "keywords", "negated", "paraphrase", "padded_before", "padded_after"]
# Rows of the table: the padded kinds are pooled into one row.
TABLE = ["reference", "full", "keywords", "negated", "paraphrase", "padded"]
# Targets of issue 21: (comparison, bound) on the mean score of a kind.
TARGETS = {"reference": (">=", 95.0), "keywords": ("<=", 50.0), "negated": ("<=", 40.0),
           "paraphrase": (">=", 55.0)}
PAD_TARGET = 1.0  # padding changes a score by at most this much (max over questions)
DEFAULT_CMD = ["target/release/grill", "score", "--batch", "-"]
HERE = os.path.dirname(os.path.abspath(__file__))


def usage(msg):
    print(msg, file=sys.stderr)
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    opts = {"probes": os.path.join(HERE, "probes.jsonl"), "source": None, "by_question": False,
            "json": False, "as_bank": False, "save": None, "against": None, "cmd": DEFAULT_CMD}
    if "--" in argv:
        cut = argv.index("--")
        argv, cmd = argv[:cut], argv[cut + 1:]
        if not cmd:
            usage("no command after --")
        opts["cmd"] = cmd
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        if a in ("--by-question", "--json", "--as-bank"):
            opts[a[2:].replace("-", "_")] = True
            i += 1
            continue
        if a in ("--probes", "--source", "--save", "--against"):
            if i + 1 >= len(argv):
                usage(f"{a} needs a value")
            opts[a[2:]] = argv[i + 1]
            i += 2
            continue
        usage(f"unknown argument {a!r}")
    if opts["source"]:
        opts["source"] = [s for s in opts["source"].split(",") if s]
    return opts


def load_probes(path):
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    warnings = []
    by_q = {}
    for r in rows:
        by_q.setdefault(r["qid"], {})[r["kind"]] = r
    for qid, ks in by_q.items():
        missing = [k for k in KINDS if k not in ks]
        if missing:
            warnings.append(f"{qid}: no probe of kind {', '.join(missing)}")
        full = ks.get("full", {}).get("answer")
        for k in ("padded_before", "padded_after"):
            if full and k in ks and full not in ks[k]["answer"]:
                warnings.append(f"{qid}: {k} does not contain the full answer")
    return rows, warnings


def as_bank(row):
    """An indomain row as the bank question it copies: its number instead of its inline reference."""
    if row["source"] != "indomain":
        return row
    out = {k: v for k, v in row.items() if k not in ("prompt", "reference")}
    out["question"] = int(row["qid"].lstrip("q"))
    return out


def run(cmd, path, bank=False):
    if bank:
        rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        data = "".join(json.dumps(as_bank(r)) + "\n" for r in rows).encode("utf-8")
    else:
        data = open(path, "rb").read()
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, None, f"could not run {' '.join(cmd)}: {e}"
    got, errors = {}, {}
    for line in proc.stdout.decode("utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            return None, None, f"the command printed a line that is not JSON: {line[:200]!r}"
        if "score" in obj:
            got[str(obj.get("id"))] = float(obj["score"])
        else:
            errors[str(obj.get("id"))] = obj.get("error")
    if proc.returncode != 0 and not (proc.returncode == 1 and errors):
        tail = proc.stderr.decode("utf-8", errors="replace")[-2000:]
        return None, None, f"{tail}\ncommand failed with exit code {proc.returncode}: {' '.join(cmd)}"
    return got, errors, None


def mean(v):
    return sum(v) / len(v) if v else float("nan")


def met(kind, value):
    if kind not in TARGETS or value != value:
        return None
    op, bound = TARGETS[kind]
    return value >= bound if op == ">=" else value <= bound


def summarize(rows, scores):
    """Figures over the rows that have a score; rows grouped by question."""
    by_q = {}
    for r in rows:
        if r["id"] in scores:
            by_q.setdefault(r["qid"], {})[r["kind"]] = scores[r["id"]]
    kinds = {}
    for k in TABLE:
        members = ("padded_before", "padded_after") if k == "padded" else (k,)
        per_q = {q: [s[m] for m in members if m in s] for q, s in by_q.items()}
        vals = [v for vs in per_q.values() for v in vs]
        entry = {"n": len(vals), "mean": mean(vals), "min": min(vals) if vals else None,
                 "max": max(vals) if vals else None}
        if k in TARGETS:
            op, bound = TARGETS[k]
            entry["target"] = f"{op} {bound:g}"
            entry["met"] = met(k, entry["mean"])
            entry["answers_beyond"] = sum(1 for vs in per_q.values() for v in vs
                                            if not (v >= bound if op == ">=" else v <= bound))
        kinds[k] = entry
    full_mean = kinds["full"]["mean"]
    for k in TABLE:
        kinds[k]["vs_full"] = kinds[k]["mean"] - full_mean
    deltas = {"padded_before": [], "padded_after": []}
    for q, s in by_q.items():
        for k in deltas:
            if k in s and "full" in s:
                deltas[k].append(s[k] - s["full"])
    both = deltas["padded_before"] + deltas["padded_after"]
    pad = {"n": len(both), "mean_abs": mean([abs(d) for d in both]),
           "max_abs": max((abs(d) for d in both), default=float("nan")),
           "mean_signed": mean(both), "over_target": sum(1 for d in both if abs(d) > PAD_TARGET),
           "target": f"max <= {PAD_TARGET:g}",
           "met": (max((abs(d) for d in both), default=0.0) <= PAD_TARGET) if both else None}
    for k, ds in deltas.items():
        pad[k] = {"mean_abs": mean([abs(d) for d in ds]),
                  "max_abs": max((abs(d) for d in ds), default=float("nan")), "mean_signed": mean(ds)}
    return {"questions": len(by_q), "kinds": kinds, "padding": pad}, by_q


def fmt(v, w=6, signed=False):
    if v is None or v != v:
        return "-".rjust(w)
    return (f"{v:+.1f}" if signed else f"{v:.1f}").rjust(w)


def status(flag):
    return "-" if flag is None else ("met" if flag else "MISSED")


def print_table(summary, title):
    print(title)
    print(f"{'answer':<22}{'n':>5}{'mean':>7}{'min':>7}{'max':>7}{'vs full':>9}  {'target':<9}{'status':<8} beyond target")
    for k in TABLE:
        e = summary["kinds"][k]
        name = "padded (before+after)" if k == "padded" else k
        beyond = (f"{e['answers_beyond']} of {e['n']} answers" if "target" in e else "")
        vs = "" if k == "full" else fmt(e["vs_full"], 9, True)
        print(f"{name:<22}{e['n']:>5}{fmt(e['mean'], 7)}{fmt(e['min'], 7)}{fmt(e['max'], 7)}{vs:>9}  "
              f"{e.get('target', '-'):<9}{status(e.get('met')):<8} {beyond}")
    p = summary["padding"]
    print(f"padding effect |score(padded) - score(full)| over {p['n']} padded answers: "
          f"mean {p['mean_abs']:.1f}, max {p['max_abs']:.1f} (signed mean {p['mean_signed']:+.1f}); "
          f"target {p['target']}: {status(p['met'])}, {p['over_target']} of {p['n']} change by more")
    for k in ("padded_before", "padded_after"):
        q = p[k]
        print(f"  {k[7:]:<7} the full answer: mean |change| {q['mean_abs']:.1f}, max {q['max_abs']:.1f}, "
              f"signed mean {q['mean_signed']:+.1f}")


def print_by_question(by_q, meta):
    cols = ["reference", "full", "keywords", "negated", "paraphrase"]
    print(f"\n{'question':<34}{'source':<12}" + "".join(f"{c[:9]:>10}" for c in cols)
          + f"{'pad<':>8}{'pad>':>8}")
    for q, s in by_q.items():
        line = f"{q:<34}{meta[q]:<12}" + "".join(fmt(s.get(c), 10) for c in cols)
        for k in ("padded_before", "padded_after"):
            d = s[k] - s["full"] if k in s and "full" in s else None
            line += fmt(d, 8, True)
        print(line)
    print("(pad< / pad>: score of the padded answer minus the full answer's, text before / after it)")


def paired(rows, now, old, boots=400):
    """Per-kind mean differences (now - old) over the rows both runs scored, with a paired 95% interval
    from resampling questions."""
    ids = [r for r in rows if r["id"] in now and r["id"] in old]
    groups = {}
    for r in ids:
        groups.setdefault(r["qid"], []).append(r)
    keys = sorted(groups)

    def figures(qs):
        rs = [r for q in qs for r in groups[q]]
        s_now, _ = summarize(rs, now)
        s_old, _ = summarize(rs, old)
        out = {}
        for k in TABLE:
            out[k] = (s_old["kinds"][k]["mean"], s_now["kinds"][k]["mean"])
        out["padding mean |change|"] = (s_old["padding"]["mean_abs"], s_now["padding"]["mean_abs"])
        out["padding max |change|"] = (s_old["padding"]["max_abs"], s_now["padding"]["max_abs"])
        return out

    base = figures(keys)
    rng = random.Random(7)
    samples = {k: [] for k in base}
    for _ in range(boots):
        f = figures(rng.choices(keys, k=len(keys)))
        for k, (a, b) in f.items():
            if a == a and b == b:
                samples[k].append(b - a)
    result = {}
    for k, (a, b) in base.items():
        v = sorted(samples[k])
        lo, hi = (v[int(0.025 * len(v))], v[int(0.975 * len(v)) - 1]) if v else (float("nan"),) * 2
        result[k] = {"before": a, "now": b, "diff": b - a, "ci": [lo, hi],
                     "verdict": "real" if lo > 0 or hi < 0 else "within noise"}
    return {"rows": len(ids), "questions": len(keys), "figures": result}


def main():
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    opts = parse_args(sys.argv[1:])
    rows, warnings = load_probes(opts["probes"])
    got, errors, failure = run(opts["cmd"], opts["probes"], opts["as_bank"])
    out = sys.stderr if opts["json"] else sys.stdout
    if failure:
        print(failure, file=out)
        sys.exit(1)
    missing = [r["id"] for r in rows if r["id"] not in got and r["id"] not in errors]
    if missing:
        print(f"{len(missing)} probes got no output line, e.g. {missing[:3]}", file=out)
        sys.exit(1)
    if opts["save"]:
        with open(opts["save"], "w", encoding="utf-8") as f:
            json.dump({"probes": os.path.relpath(opts["probes"]), "command": opts["cmd"], "scores": got},
                      f, indent=0, sort_keys=True)
            f.write("\n")
    sources = {}
    for r in rows:
        sources[r["source"]] = sources.get(r["source"], 0) + (r["kind"] == "full")
    if opts["source"]:
        unknown = [s for s in opts["source"] if s not in sources]
        if unknown:
            usage(f"unknown --source {', '.join(unknown)}; the probes have {', '.join(sources)}")
        rows = [r for r in rows if r["source"] in opts["source"]]
    summary, by_q = summarize(rows, got)
    meta = {r["qid"]: r["source"] for r in rows}
    against = None
    if opts["against"]:
        old = json.load(open(opts["against"], encoding="utf-8"))
        old = old.get("scores", old)
        against = paired(rows, got, {str(k): float(v) for k, v in old.items()})
    chosen = opts["source"] or list(sources)
    counts = ", ".join(f"{s} {sources[s]}" for s in chosen)
    if opts["json"]:
        res = {"command": opts["cmd"], "probes": os.path.relpath(opts["probes"]), "sources": chosen,
               **summary, "by_question": by_q, "errors": errors, "warnings": warnings}
        if against:
            res["against"] = against
        print(json.dumps(res, indent=1))
    else:
        for w in warnings:
            print(f"warning: {w}")
        n = sum(1 for r in rows if r["id"] in got)
        mode = "; indomain rows as bank questions" if opts["as_bank"] else ""
        print_table(summary, f"probes: {n} answers to {summary['questions']} questions ({counts}{mode}); "
                             f"command: {' '.join(opts['cmd'])}")
        if opts["by_question"]:
            print_by_question(by_q, meta)
        if against:
            print(f"\nagainst {opts['against']} ({against['rows']} answers both runs scored, "
                  f"{against['questions']} questions; paired 95% interval over resampled questions):")
            for k, f in against["figures"].items():
                print(f"  {k:<24} {fmt(f['before'])} -> {fmt(f['now'])}  {fmt(f['diff'], 7, True)}  "
                      f"({f['ci'][0]:+.1f} .. {f['ci'][1]:+.1f}: {f['verdict']})")
    if errors:
        first = list(errors.items())[:3]
        print(f"{len(errors)} probes got an error instead of a score (left out of the figures), e.g. {first}",
              file=out)
        sys.exit(1)


if __name__ == "__main__":
    main()
