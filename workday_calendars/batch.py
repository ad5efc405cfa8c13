"""Batch form of the workday arithmetic, vectorised with numpy (dashboards, imports, reports).

numpy is imported lazily: the single-date API works without it.
Tables per calendar (cached on the Calendar): counts[i] = workdays from the first day of the range through day i,
and the sorted workday numbers; the n-th workday after day i is workdays[counts[i] + n - 1], one gather per date.
For a fixed n the composed table nth[i] is cached too, so a batch with one n is a single gather.
"""

from datetime import date

from .deadlines import MAX_EXTENSION, REPLY_WORKDAYS
from .engine import Calendar, OutOfRange

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _np():
    import numpy

    return numpy


def _tables(calendar: Calendar):
    tables = calendar.cache.get("numpy")
    if tables is None:
        np = _np()
        counts = np.asarray(calendar.cumulative_counts(), dtype=np.int64)
        workdays = np.asarray(calendar.workday_ordinals(), dtype=np.int64) - _EPOCH_ORDINAL
        tables = calendar.cache["numpy"] = {"counts": counts, "workdays": workdays, "nth": {}}
    return tables


def _nth_table(calendar: Calendar, n: int):
    """nth[i] = the n-th workday after day i, in days since 1970-01-01 (-1 where it falls outside the range)."""
    tables = _tables(calendar)
    table = tables["nth"].get(n)
    if table is None:
        np = _np()
        positions = tables["counts"] + (n - 1)
        valid = positions < len(tables["workdays"])
        table = np.full(len(positions), -1, dtype=np.int64)
        table[valid] = tables["workdays"][positions[valid]]
        tables["nth"][n] = table
    return table


def _indices(days, calendar: Calendar):
    """Positions of the dates in the calendar's range; raises OutOfRange."""
    np = _np()
    values = np.asarray(days, dtype="datetime64[D]").view(np.int64)
    indices = values - (calendar.base_ordinal - _EPOCH_ORDINAL)
    size = (calendar.last_day - calendar.first_day).days + 1
    if indices.size and (indices.min() < 0 or indices.max() >= size):
        raise OutOfRange(f"日期超出可计算范围（{calendar.first_day}至{calendar.last_day}）")
    return indices


def add_workdays_batch(days, n, *, calendar: Calendar):
    """The n-th workday strictly after each date; ``n`` is an int or an array of ints (>= 0).

    ``days``: a sequence of dates or a numpy datetime64 array. Returns a datetime64[D] array.
    """
    np = _np()
    indices = _indices(days, calendar)
    if np.ndim(n) == 0:
        if n < 0:
            raise ValueError("工作日数不能为负数")
        if n == 0:
            return (indices + (calendar.base_ordinal - _EPOCH_ORDINAL)).view("datetime64[D]")
        result = _nth_table(calendar, int(n))[indices]
    else:
        result = _gather(indices, np.asarray(n, dtype=np.int64), calendar)
    if result.size and result.min() < 0:
        raise OutOfRange(f"结果超出可计算范围（{calendar.first_day}至{calendar.last_day}）")
    return result.view("datetime64[D]")


def _gather(indices, n, calendar: Calendar):
    np = _np()
    if n.size and n.min() < 0:
        raise ValueError("工作日数不能为负数")
    tables = _tables(calendar)
    positions = tables["counts"][indices] + n - 1
    if positions.size and positions.max() >= len(tables["workdays"]):
        return np.full(positions.shape, -1, dtype=np.int64)
    start = (indices + (calendar.base_ordinal - _EPOCH_ORDINAL))
    return np.where(n == 0, start, tables["workdays"][np.maximum(positions, 0)])


def reply_due_batch(received, *, calendar: Calendar, extension=0, paused_workdays=0):
    """Reply due dates for many receipt dates at once: the (20 + extension + paused_workdays)-th workday after each.

    ``extension`` and ``paused_workdays`` are ints or per-row arrays (pauses given as counts of workdays already
    removed, e.g. from stored events). Returns a datetime64[D] array. Explanations and provisional marks come from
    the single-date ``reply_due``.
    """
    np = _np()
    extension = np.asarray(extension, dtype=np.int64)
    if extension.size and (extension.min() < 0 or extension.max() > MAX_EXTENSION):
        raise ValueError(f"延长期限应为0至{MAX_EXTENSION}个工作日")
    n = REPLY_WORKDAYS + extension + np.asarray(paused_workdays, dtype=np.int64)
    if n.ndim == 0:
        n = int(n)
    return add_workdays_batch(received, n, calendar=calendar)


def is_workday_batch(days, *, calendar: Calendar):
    """Boolean array: whether each date is a workday."""
    np = _np()
    indices = _indices(days, calendar)
    counts = _tables(calendar)["counts"]
    previous = np.where(indices > 0, counts[np.maximum(indices - 1, 0)], 0)
    return counts[indices] != previous
