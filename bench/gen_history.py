#!/usr/bin/env python3
"""Writes a history of SESSIONS saved sessions of the built-in bank as an earlier grill left
them (one JSON file a session in HOME/sessions), for bench/history.sh; the same bytes each run.

usage: gen_history.py BANK_JSON HOME SESSIONS

Each session has 10 questions drawn with a fixed seed, answered 2 to 90 minutes apart going back
from 2026-12-01, with per-bullet evidence as grill saves it (matched and missed words), so a
session weighs about 4 KB as real ones do; a third of the answers carry a self-rating. The first
grill run moves them into its database, which bench/history.sh times too.
"""
import datetime
import json
import os
import random
import sys

RATINGS = ("again", "hard", "good", "easy")


def bullet_evidence(rng, bullet):
    words = [w.strip(".,;:()`'\"") for w in bullet.split()]
    words = [w for w in words if len(w) > 3][:6] or ["word"]
    cut = rng.randint(0, len(words))
    matched = [{"keyword": w, "word": w.lower(), "how": rng.choice(["exact", "stem", "fuzzy"])}
               for w in words[:cut]]
    return {
        "bullet": bullet,
        "weight": round(1.0 / 4, 3),
        "coverage": round(cut / len(words), 3),
        "matched": matched,
        "missed": words[cut:],
    }


def main():
    bank_path, home, sessions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(bank_path, encoding="utf-8") as f:
        bank = json.load(f)
    questions = [(c["id"], q) for c in bank["chapters"] for q in c["questions"]]
    out = os.path.join(home, "sessions")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(11)
    t = datetime.datetime(2026, 12, 1, 8, 0, 0)
    for n in range(sessions):
        t -= datetime.timedelta(minutes=rng.randint(2, 90))
        sid = f"{t:%Y%m%d-%H%M%S}-{n:012x}"
        items = []
        for chapter, q in rng.sample(questions, 10):
            bullets = [bullet_evidence(rng, b) for b in q["bullets"]]
            score = round(100 * sum(b["coverage"] for b in bullets) / len(bullets), 2)
            item = {
                "question_id": q["id"],
                "chapter": chapter,
                "prompt": q["prompt"],
                "answer": " ".join(m["word"] for b in bullets for m in b["matched"]) or "no idea",
                "outcome": "answered",
                "time_used_ms": rng.randint(5_000, 180_000),
                "assessment": {"score": score, "bullets": bullets},
            }
            if rng.random() < 1 / 3:
                item["rating"] = rng.choice(RATINGS)
            items.append(item)
        record = {
            "format": 2,
            "id": sid,
            "started_at": f"{t:%Y-%m-%dT%H:%M:%S}Z",
            "ended_at": f"{t + datetime.timedelta(minutes=20):%Y-%m-%dT%H:%M:%S}Z",
            "status": "complete",
            "bank": {"title": bank["title"], "hash": "bench"},
            "seed": n,
            "settings": {
                "questions": 10,
                "chapters": [],
                "time_limit_secs": 180,
                "total_limit_secs": None,
                "feedback": "end",
                "focus": "random",
                "input": "file",
            },
            "items": items,
        }
        with open(os.path.join(out, sid + ".json"), "w", encoding="utf-8") as f:
            json.dump(record, f)


if __name__ == "__main__":
    main()
