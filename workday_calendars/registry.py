"""The active Calendar of a region, built from the database and cached in-process.

A cached calendar is reused while its version stamp is unchanged. The stamp has two parts: a generation counter
bumped by every save/delete of a calendar model in this process (``invalidate``), and one cheap query over the
calendar tables (row counts, highest ids, latest history entry) that notices changes made by other processes.
That query runs at most once every ``settings.WORKDAY_CALENDARS_STAMP_SECONDS`` (default 5; 0 = on every lookup):
a calendar edited in another process is seen within those seconds, while every page stops paying a round trip for
a table that changes once a year. Changes that bypass model save/delete and history (``QuerySet.update``, raw SQL)
need ``invalidate()``.
"""

import threading
import time
from datetime import date

from django.conf import settings
from django.db import connection

from .engine import NATIONAL, Calendar

_lock = threading.Lock()
_generation = 0
_cache: dict[str, tuple[tuple, Calendar]] = {}
_stamp: tuple[float, tuple] | None = None  # (monotonic time read, database stamp)


class UnknownRegion(LookupError):
    """No region with that code."""


def invalidate() -> None:
    """Forget every cached calendar (called from the models' save and delete)."""
    global _generation, _stamp
    with _lock:
        _generation += 1
        _cache.clear()
        _stamp = None


def calendar_for_region(code: str = NATIONAL) -> Calendar:
    """The calendar of region ``code`` (national by default); raises UnknownRegion."""
    stamp = (_generation, _recent_database_stamp())
    cached = _cache.get(code)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    calendar = build_calendar(code)
    with _lock:
        if stamp[0] == _generation:
            _cache[code] = (stamp, calendar)
    return calendar


def _recent_database_stamp() -> tuple:
    global _stamp
    seconds = getattr(settings, "WORKDAY_CALENDARS_STAMP_SECONDS", 5)
    now = time.monotonic()
    current = _stamp
    if current is not None and seconds > 0 and now - current[0] < seconds:
        return current[1]
    value = _database_stamp()
    _stamp = (now, value)
    return value


def _database_stamp() -> tuple:
    from .models import CalendarDay, OfficialNotice, Region

    parts = []
    for model in (Region, OfficialNotice, CalendarDay):
        table = connection.ops.quote_name(model._meta.db_table)
        history = connection.ops.quote_name(model.history.model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table}), (SELECT MAX(id) FROM {table}), "
                     f"(SELECT MAX(history_id) FROM {history}), (SELECT MAX(history_date) FROM {history})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def region_chain(code: str) -> list:
    """The region and its ancestors, root last; national is appended when the chain does not end there."""
    from .models import Region

    regions = {region.pk: region for region in Region.objects.all()}
    by_code = {region.code: region for region in regions.values()}
    if code not in by_code:
        raise UnknownRegion(code)
    chain, current, seen = [], by_code[code], set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = regions.get(current.parent_id)
    if chain[-1].code != NATIONAL and NATIONAL in by_code:
        chain.append(by_code[NATIONAL])
    return chain


def build_calendar(code: str = NATIONAL) -> Calendar:
    """Build (without cache) the calendar of region ``code`` from the database."""
    from .models import CalendarDay, OfficialNotice

    chain = region_chain(code)
    root = chain[-1]
    notices = list(OfficialNotice.objects.filter(region__in=chain))
    announced = {n.year for n in notices if n.region_id == root.pk}
    official_notice_ids = {n.pk for n in notices if n.region_id == root.pk}
    days_off: dict[date, str] = {}
    workdays: dict[date, str] = {}
    official_days = []
    rows = CalendarDay.objects.filter(region__in=chain).select_related("notice")
    depth = {region.pk: i for i, region in enumerate(chain)}
    for row in sorted(rows, key=lambda r: -depth[r.region_id]):  # root first, so nearer regions win
        target, other = (workdays, days_off) if row.is_workday else (days_off, workdays)
        other.pop(row.date, None)
        target[row.date] = row.name
        if row.notice_id in official_notice_ids and row.date.year != row.notice.year:
            official_days.append(row.date)
    return Calendar(
        days_off=days_off, workdays=workdays, announced_years=announced, official_days=official_days,
        sources=_sources(notices, chain), region=code,
    )


def _sources(notices, chain) -> dict[int, tuple[str, ...]]:
    order = {region.pk: i for i, region in enumerate(reversed(chain))}
    sources: dict[int, list[str]] = {}
    for notice in sorted(notices, key=lambda n: order[n.region_id]):
        sources.setdefault(notice.year, []).append(notice.source)
    return {year: tuple(items) for year, items in sources.items()}
