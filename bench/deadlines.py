"""Benchmark: reply due dates through the real engine path, against a day-by-day count measured in the same run.

Run: .venv/bin/python bench/deadlines.py [--size N] [--repeat R]
Needs no database: the calendar is built from the shipped data files (as registry.build_calendar does from the
database). Three cases over --size receipt dates across 2019-2026, each through workday_calendars.deadlines.reply_due
(what services/deadlines.py calls for every request): plain; with one or two pauses (consultation, fee); with pauses
and an extension. The baseline is the obvious implementation: step day by day from the receipt, count the workdays
that fall outside every pause window, stop at 20 (+ extension). Both must agree on every date or the run fails.
"Cold" is a fresh interpreter: import, build the calendar, first call (median of 5 processes).
Goal (issue 2): a single reply_due call at most 5 µs median (plain case).
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))

import common  # noqa: E402

from workday_calendars.datafiles import calendar_from_files  # noqa: E402
from workday_calendars.deadlines import REPLY_WORKDAYS, reply_due  # noqa: E402

GOAL_US = 5.0
COLD = """
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, {root!r})
from datetime import date
from workday_calendars.datafiles import calendar_from_files
from workday_calendars.deadlines import reply_due
imported = time.perf_counter()
calendar = calendar_from_files()
built = time.perf_counter()
reply_due(date(2025, 9, 25), pauses=[(date(2025, 10, 9), date(2025, 10, 30))], extension=10, calendar=calendar)
first = time.perf_counter()
print(json.dumps([imported - started, built - imported, first - built]))
"""


def baseline_due(received, pauses, extension, calendar):
    """Day by day: the (20 + extension)-th workday after receipt outside every pause window (start, end]."""
    n, day = REPLY_WORKDAYS + extension, received
    while n:
        day += timedelta(days=1)
        if calendar.is_workday(day) and not any(start < day <= end for start, end in pauses):
            n -= 1
    return day


def cases(size, seed=20250925):
    rng = random.Random(seed)
    first, span = date(2019, 1, 1), (date(2026, 10, 31) - date(2019, 1, 1)).days
    plain, paused, extended = [], [], []
    for _ in range(size):
        received = first + timedelta(days=rng.randint(0, span))
        pauses = []
        for _ in range(rng.randint(1, 2)):
            start = received + timedelta(days=rng.randint(1, 20))
            pauses.append((start, start + timedelta(days=rng.randint(3, 25))))
        plain.append((received, [], 0))
        paused.append((received, pauses, 0))
        extended.append((received, pauses, rng.randint(1, 20)))
    return {"plain": plain, "pauses": paused, "pauses + extension": extended}


def per_call_us(function, rows, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for received, pauses, extension in rows:
            function(received, pauses, extension)
        times.append(time.perf_counter() - started)
    return statistics.median(times) / len(rows) * 1e6


def cold(runs=5):
    script = COLD.format(root=str(ROOT))
    results = [json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                         check=True).stdout) for _ in range(runs)]
    return [statistics.median(r[i] for r in results) for i in range(3)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="receipt dates per case (default 20000)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per case (default 7)")
    args = parser.parse_args()
    calendar = calendar_from_files()

    def engine(received, pauses, extension):
        return reply_due(received, pauses=pauses, extension=extension, calendar=calendar).due

    def baseline(received, pauses, extension):
        return baseline_due(received, pauses, extension, calendar)

    print(f"{args.size:,} receipt dates per case across 2019-2026; median of {args.repeat} runs; µs per call")
    print(f"{'case':22} {'engine µs':>10} {'baseline µs':>12} {'engine / baseline':>18}")
    failed = False
    figures, warm = [], {}
    for label, rows in cases(args.size).items():
        wrong = sum(engine(*row) != baseline(*row) for row in rows)
        if wrong:
            print(f"MISMATCH: {label}: {wrong} of {len(rows)} due dates differ from the day-by-day count",
                  file=sys.stderr)
            return 1
        ours, theirs = per_call_us(engine, rows, args.repeat), per_call_us(baseline, rows, args.repeat)
        print(f"{label:22} {ours:10.2f} {theirs:12.2f} {ours / theirs:18.2f}x")
        figures.append(common.figure(f"reply_due {label}", ours, "µs", "day-by-day count", theirs,
                                     f"≤ {GOAL_US:.0f} µs" if label == "plain" else ""))
        warm[label] = ours
        failed |= label == "plain" and ours > GOAL_US
    imported, built, first = cold()
    print(f"cold (fresh process, median of 5): import {imported * 1e3:.1f} ms, calendar from the data files "
          f"{built * 1e3:.1f} ms, first call with pauses and extension {first * 1e6:.0f} µs")
    print(f"goal: plain call ≤ {GOAL_US:.0f} µs median: {'MISSED' if failed else 'OK'}")
    figures.append(common.figure("reply_due first call, fresh process", first * 1e6, "µs",
                                 "same case, warm", warm[list(warm)[-1]]))
    common.save("deadlines", figures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
