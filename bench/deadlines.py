"""Benchmark: reply due dates for 100,000 receipt dates, batch API vs numpy.busday_offset on the same calendar.

Run: .venv/bin/python bench/deadlines.py [--size N] [--repeat R]
Needs no database: the calendar is built from the shipped data files. numpy gets the same calendar as a
busdaycalendar (weekmask 1111111, every non-workday of the range listed as a holiday), built once outside the timing.
Goals (issue 2): batch time at most 1.0x numpy's; a single-date reply_due call at most 5 µs median.
"""

import argparse
import statistics
import sys
import time
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workday_calendars.batch import reply_due_batch  # noqa: E402
from workday_calendars.datafiles import calendar_from_files  # noqa: E402
from workday_calendars.deadlines import reply_due  # noqa: E402


def receipt_dates(size: int, seed: int = 20250925):
    first, last = np.datetime64("2019-01-01"), np.datetime64("2026-12-31")
    offsets = np.random.default_rng(seed).integers(0, (last - first).astype(int) + 1, size)
    return first + offsets


def median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def single_call_microseconds(calendar, days, repeat: int) -> tuple[float, float]:
    """Median µs per reply_due call (and per add_workdays call) over rounds of 1,000 different dates."""
    sample = [day.item() for day in days[:1000]]

    def reply_round():
        for day in sample:
            reply_due(day, calendar=calendar)

    def add_round():
        for day in sample:
            calendar.add_workdays(day, 20)

    reply = statistics.median(timeit.repeat(reply_round, number=1, repeat=repeat)) / len(sample) * 1e6
    add = statistics.median(timeit.repeat(add_round, number=1, repeat=repeat)) / len(sample) * 1e6
    return reply, add


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    calendar = calendar_from_files()
    days = receipt_dates(args.size)
    busdaycal = np.busdaycalendar(weekmask="1111111", holidays=np.array(calendar.non_workdays(), "datetime64[D]"))

    cold_start = time.perf_counter()
    ours = reply_due_batch(days, calendar=calendar)  # first call also builds the cached numpy tables
    cold = time.perf_counter() - cold_start
    theirs = np.busday_offset(days, 20, roll="backward", busdaycal=busdaycal)
    if not np.array_equal(ours, theirs):
        print(f"MISMATCH on {int((ours != theirs).sum())} of {args.size} dates", file=sys.stderr)
        return 1
    spot = days[0].item()
    assert ours[0].item() == reply_due(spot, calendar=calendar).due

    batch = median_seconds(lambda: reply_due_batch(days, calendar=calendar), args.repeat)
    numpy_time = median_seconds(lambda: np.busday_offset(days, 20, roll="backward", busdaycal=busdaycal), args.repeat)
    reply_us, add_us = single_call_microseconds(calendar, days, args.repeat)

    ratio = batch / numpy_time
    print(f"receipt dates: {args.size:,} across 2019-2026; results agree with numpy.busday_offset; "
          f"median of {args.repeat} runs")
    print(f"batch reply_due_batch:   {batch * 1e3:8.3f} ms   (first call incl. table build {cold * 1e3:.3f} ms)")
    print(f"numpy.busday_offset:     {numpy_time * 1e3:8.3f} ms")
    print(f"ratio batch / numpy:     {ratio:8.3f}x   (goal <= 1.0x) {'OK' if ratio <= 1.0 else 'MISSED'}")
    print(f"single reply_due call:   {reply_us:8.3f} µs   (goal <= 5 µs) {'OK' if reply_us <= 5 else 'MISSED'}")
    print(f"single add_workdays:     {add_us:8.3f} µs")
    return 0 if ratio <= 1.0 and reply_us <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
