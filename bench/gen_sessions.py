#!/usr/bin/env python3
"""Writes N saved sessions into GRILL_HOME for bench/compare.sh, the same bytes on every run.

usage: gen_sessions.py FIXTURE_SESSIONS_DIR GRILL_HOME N

Each session is one of the test fixtures' sessions (tests/fixtures/home/sessions) with a new
id and start time, one a day back from 2026-11-30 with several a day, so the report reads N
distinct sessions of the fixture bank (tests/fixtures/bank.txt).
"""
import datetime
import glob
import json
import os
import sys


def main():
    src, home, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    templates = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{src}/*.json"))]
    out = os.path.join(home, "sessions")
    os.makedirs(out, exist_ok=True)
    start = datetime.datetime(2026, 11, 30, 8, 0, 0)
    for i in range(n):
        s = dict(templates[i % len(templates)])
        t = start - datetime.timedelta(minutes=37 * i)
        sid = f"{t:%Y%m%d-%H%M%S}-{i:012x}"
        s["id"] = sid
        s["started_at"] = f"{t:%Y-%m-%dT%H:%M:%S}Z"
        s["ended_at"] = f"{t + datetime.timedelta(minutes=15):%Y-%m-%dT%H:%M:%S}Z"
        with open(os.path.join(out, sid + ".json"), "w", encoding="utf-8") as f:
            json.dump(s, f, indent=2)


if __name__ == "__main__":
    main()
