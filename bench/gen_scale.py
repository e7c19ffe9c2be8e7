#!/usr/bin/env python3
"""Writes a bank of Q questions and S saved sessions over it, for bench/scale.sh; the same bytes
on every run.

usage: gen_scale.py OUT_DIR QUESTIONS SESSIONS

OUT_DIR/bank.txt is a text-format bank titled "Scale bank": QUESTIONS questions in chapters of
100, three bullets each. OUT_DIR/home/sessions holds SESSIONS sessions of that bank, one every
37 minutes back from 2026-11-30, each with 10 answered questions drawn with a fixed seed and
scores spread over 0-100, a third of them self-rated, so the weak and due draws have real
memory states to rank.
"""
import datetime
import json
import os
import random
import sys

WORDS = ("thread process lock queue cache index table buffer stream socket parser token "
         "frame scope module object method closure iterator generator decorator context "
         "manager handle signal event loop task future coroutine channel").split()
RATINGS = ("again", "hard", "good", "easy")


def prompt(i):
    r = random.Random(i)
    return f"Q{i}: how does the {r.choice(WORDS)} relate to the {r.choice(WORDS)} ({i})?"


def main():
    out, questions, sessions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(os.path.join(out, "home", "sessions"), exist_ok=True)
    with open(os.path.join(out, "bank.txt"), "w", encoding="utf-8") as f:
        f.write("title: Scale bank\n")
        for i in range(1, questions + 1):
            if (i - 1) % 100 == 0:
                c = (i - 1) // 100 + 1
                f.write(f"\n# c{c}: Chapter {c}\n")
            r = random.Random(i)
            f.write(f"Q{i}. {prompt(i)[len(f'Q{i}: '):]}\n")
            for _ in range(3):
                f.write(f"- The {r.choice(WORDS)} holds a {r.choice(WORDS)} per {r.choice(WORDS)}.\n")
    rng = random.Random(7)
    start = datetime.datetime(2026, 11, 30, 8, 0, 0)
    for n in range(sessions):
        t = start - datetime.timedelta(minutes=37 * n)
        sid = f"{t:%Y%m%d-%H%M%S}-{n:012x}"
        items = []
        for q in rng.sample(range(1, questions + 1), min(10, questions)):
            score = rng.randint(0, 100)
            item = {
                "question_id": q,
                "chapter": f"c{(q - 1) // 100 + 1}",
                "prompt": prompt(q)[len(f"Q{q}: "):],
                "answer": "the thread holds a lock",
                "outcome": "answered",
                "time_used_ms": 60000,
                "assessment": {"score": float(score), "bullets": []},
            }
            if rng.random() < 1 / 3:
                item["rating"] = rng.choice(RATINGS)
            items.append(item)
        record = {
            "format": 2,
            "id": sid,
            "started_at": f"{t:%Y-%m-%dT%H:%M:%S}Z",
            "ended_at": f"{t + datetime.timedelta(minutes=15):%Y-%m-%dT%H:%M:%S}Z",
            "status": "complete",
            "bank": {"title": "Scale bank", "hash": "scale"},
            "seed": n,
            "settings": {
                "questions": len(items),
                "chapters": [],
                "time_limit_secs": 180,
                "total_limit_secs": None,
                "feedback": "end",
                "focus": "random",
                "input": "file",
            },
            "items": items,
        }
        with open(os.path.join(out, "home", "sessions", sid + ".json"), "w", encoding="utf-8") as f:
            json.dump(record, f)


if __name__ == "__main__":
    main()
