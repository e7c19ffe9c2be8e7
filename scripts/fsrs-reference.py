#!/usr/bin/env python3
# Prints the reference values that src/practice/fsrs.rs tests against.
# Reference values from py-fsrs (pip install fsrs==6.3.2), the FSRS project's Python scheduler.
# grill schedules with one 10-minute learning step and one 10-minute relearning step, without fuzz.
from datetime import datetime, timedelta, timezone
from fsrs import Scheduler, Card, Rating
s = Scheduler(learning_steps=(timedelta(minutes=10),), relearning_steps=(timedelta(minutes=10),), enable_fuzzing=False)
cases = [
  [(3, 0)],
  [(1, 0)],
  [(2, 0)],
  [(4, 0)],
  [(3, 0), (3, 3*86400), (3, 10*86400), (3, 30*86400)],
  [(3, 0), (1, 5*86400), (3, 600), (3, 2*86400)],
  [(1, 0), (1, 600), (2, 900), (3, 86400), (4, 7*86400)],
  [(4, 0), (2, 20*86400), (1, 40*86400), (4, 3600)],
  [(3, 0), (3, 3600), (3, 7200)],
]
t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
for case in cases:
    c = Card(); t = t0; out = []
    for r, dt in case:
        t = t + timedelta(seconds=dt)
        c, _ = s.review_card(c, Rating(r), t)
        out.append((round(c.stability, 4), round(c.difficulty, 4), int((c.due - t).total_seconds())))
    print(case, out)
