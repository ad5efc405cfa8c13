"""The Calendar value object: which days are workdays, and fast counting over them.

A Calendar is built from explicit days off and workdays (the official notices, regional rows) and the set of years
whose State Council notice is announced. Years in range without a notice get the statutory holidays (see
``statutory``) and no make-up workdays; every day of such a year is *unofficial*, and results that depend on it are
provisional. Everything is precomputed over a fixed range (2018-01-01..2035-12-31 by default) so that the n-th
workday after a date is two list look-ups.

Counting rule (domain.md §4): "n workdays after D" is the n-th workday strictly after D; a pause (S, E) removes the
workdays d with S < d <= E from the count.
"""

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from .statutory import statutory_days_off
from .zh import zh_date

FIRST_DAY = date(2018, 1, 1)
LAST_DAY = date(2035, 12, 31)
NATIONAL = "national"


class OutOfRange(ValueError):
    """A date (or a result) lies outside the range the calendar covers."""


@dataclass(frozen=True)
class HolidayBlock:
    """Consecutive days off of one or more holidays (weekend days inside the block included)."""

    name: str
    first: date
    last: date
    official: bool

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Pause:
    """A window (start, end]: workdays d with start < d <= end are not counted."""

    start: date
    end: date
    label: str = ""


def as_pause(value) -> Pause:
    """Accept a Pause, a (start, end) or a (start, end, label) tuple."""
    if isinstance(value, Pause):
        pause = value
    else:
        pause = Pause(*value)
    if pause.end < pause.start:
        raise ValueError(f"暂停期间的结束日{zh_date(pause.end)}早于开始日{zh_date(pause.start)}")
    return pause


class Calendar:
    """Workdays of one region over a fixed range of dates. Immutable once built."""

    __slots__ = (
        "region", "first_day", "last_day", "announced_years", "sources",
        "_base", "_flags", "_cum", "_workdays", "_unofficial_cum", "_names", "_blocks", "_block_lasts",
        "_make_ups", "_key", "cache",
    )

    def __init__(
        self,
        *,
        days_off: Mapping[date, str],
        workdays: Mapping[date, str],
        announced_years: Iterable[int],
        official_days: Iterable[date] = (),
        sources: Mapping[int, tuple[str, ...]] | None = None,
        region: str = NATIONAL,
        first_day: date = FIRST_DAY,
        last_day: date = LAST_DAY,
        fallback: Callable[[int], Mapping[date, str]] = statutory_days_off,
    ):
        clash = set(days_off) & set(workdays)
        if clash:
            raise ValueError(f"both a day off and a workday: {sorted(clash)}")
        self.region = region
        self.first_day = first_day
        self.last_day = last_day
        self.announced_years = frozenset(announced_years)
        self.sources = dict(sources or {})
        self._base = first_day.toordinal()
        off = self._with_fallback(days_off, workdays, fallback)
        self._names = {day.toordinal(): name for day, name in [*off.items(), *workdays.items()]}
        self._build_counts(off, workdays)
        self._build_official(official_days)
        self._blocks = _group_blocks(off, self._is_official_day)
        self._block_lasts = [block.last.toordinal() for block in self._blocks]
        self._make_ups = [o for o in self._workdays if date.fromordinal(o).weekday() >= 5]
        self._key = (region, first_day, last_day, bytes(self._flags), self._unofficial_cum[-1], self.announced_years)

    # --- construction -------------------------------------------------------------------------------------------
    def _with_fallback(self, days_off, workdays, fallback) -> dict[date, str]:
        off = dict(days_off)
        for year in range(self.first_day.year, self.last_day.year + 1):
            if year in self.announced_years:
                continue
            for day, name in fallback(year).items():
                if day not in workdays and self.first_day <= day <= self.last_day:
                    off.setdefault(day, name)
        return off

    def _build_counts(self, off, workdays) -> None:
        size = (self.last_day - self.first_day).days + 1
        first_weekday = self.first_day.weekday()
        off_set = {day.toordinal() for day in off}
        work_set = {day.toordinal() for day in workdays}
        flags = bytearray(size)
        for i in range(size):
            ordinal = self._base + i
            flags[i] = ordinal in work_set or ((first_weekday + i) % 7 < 5 and ordinal not in off_set)
        self._flags = flags
        self._cum = list(accumulate(flags))
        self._workdays = [self._base + i for i, flag in enumerate(flags) if flag]

    def _build_official(self, official_days) -> None:
        extra = {day.toordinal() for day in official_days}
        size = len(self._flags)
        unofficial = (
            0 if date.fromordinal(self._base + i).year in self.announced_years or self._base + i in extra else 1
            for i in range(size)
        )
        self._unofficial_cum = list(accumulate(unofficial))

    def _is_official_day(self, day: date) -> bool:
        return not self._unofficial_between(day.toordinal() - 1, day.toordinal())

    # --- value object ---------------------------------------------------------------------------------------------
    def __eq__(self, other):
        return isinstance(other, Calendar) and self._key == other._key

    def __hash__(self):
        return hash(self._key)

    def __repr__(self):
        return f"<Calendar {self.region} {self.first_day}..{self.last_day} announced={sorted(self.announced_years)}>"

    # --- primitives ---------------------------------------------------------------------------------------------
    def index(self, day: date) -> int:
        """Position of ``day`` in the range; raises OutOfRange."""
        i = day.toordinal() - self._base
        if i < 0 or i >= len(self._flags):
            raise OutOfRange(self._range_message(day))
        return i

    def _range_message(self, day: date) -> str:
        return f"日期{zh_date(day)}超出可计算范围（{zh_date(self.first_day)}至{zh_date(self.last_day)}）"

    def is_workday(self, day: date) -> bool:
        return bool(self._flags[self.index(day)])

    def workdays_between(self, after: date, through: date) -> int:
        """Number of workdays d with after < d <= through (negative when through < after)."""
        return self._cum[self.index(through)] - self._cum[self.index(after)]

    def add_workdays(self, day: date, n: int, pauses: Iterable = ()) -> date:
        """The n-th workday strictly after ``day``, not counting workdays inside the pause windows."""
        if n < 0:
            raise ValueError("工作日数不能为负数")
        i = self.index(day)
        if n == 0:
            return day
        position = self._cum[i] + n
        if pauses:
            position = self._skip_pauses(self._base + i, position, pauses)
        return self.workday_at(position)

    def add_workdays_official(self, day: date, n: int) -> tuple[date, bool]:
        """(the n-th workday after ``day``, whether every day counted is official): one call for the hot path."""
        i = day.toordinal() - self._base
        if n <= 0 or i < 0 or i >= len(self._cum):
            due = self.add_workdays(day, n)
            return due, self.is_official_span(day, due)
        position = self._cum[i] + n
        if position > len(self._workdays):
            self.workday_at(position)  # raises OutOfRange
        due = self._workdays[position - 1]
        return date.fromordinal(due), self._unofficial_cum[due - self._base] == self._unofficial_cum[i]

    def workday_at(self, position: int) -> date:
        """The workday with 1-based ``position`` in the range."""
        if position > len(self._workdays):
            raise OutOfRange(f"计算结果晚于可计算范围的末日{zh_date(self.last_day)}")
        return date.fromordinal(self._workdays[position - 1])

    def _count_at(self, ordinal: int) -> int:
        i = min(ordinal - self._base, len(self._cum) - 1)
        return self._cum[i] if i >= 0 else 0

    def _skip_pauses(self, start: int, position: int, pauses: Iterable) -> int:
        for low, high in merged_pauses(pauses):
            low = max(low, start)
            if low >= high:
                continue
            if position > len(self._workdays):
                break
            if self._workdays[position - 1] <= low:
                break  # the due date comes before this pause (and all later ones)
            position += self._count_at(high) - self._count_at(low)
        return position

    def first_workday_on_or_after(self, day: date) -> date:
        i = self.index(day)
        return day if self._flags[i] else self.workday_at(self._cum[i] + 1)

    # --- officialness ---------------------------------------------------------------------------------------------
    def _unofficial_between(self, after: int, through: int) -> int:
        cum, base, last = self._unofficial_cum, self._base, len(self._unofficial_cum) - 1
        high = cum[min(through - base, last)] if through >= base else 0
        low = cum[min(after - base, last)] if after >= base else 0
        return high - low

    def is_official_span(self, after: date, through: date) -> bool:
        """Whether every day d with after < d <= through comes from an announced notice."""
        return not self._unofficial_between(after.toordinal(), through.toordinal())

    def unofficial_years(self, after: date, through: date) -> tuple[int, ...]:
        """Years with unofficial days among the days d with after < d <= through."""
        low, high = after.toordinal(), through.toordinal()
        if high <= low or not self._unofficial_between(low, high):
            return ()
        years = []
        for year in range(after.year, through.year + 1):
            year_low = max(low, date(year, 1, 1).toordinal() - 1)
            year_high = min(high, date(year, 12, 31).toordinal())
            if self._unofficial_between(year_low, year_high):
                years.append(year)
        return tuple(years)

    # --- descriptions ---------------------------------------------------------------------------------------------
    def name_of(self, day: date) -> str:
        """The holiday name of a listed day off or make-up workday, else ''."""
        return self._names.get(day.toordinal(), "")

    def blocks_between(self, after: date, through: date) -> list[HolidayBlock]:
        """Holiday blocks with at least one day d with after < d <= through."""
        found = []
        for block in self._blocks[bisect_right(self._block_lasts, after.toordinal()):]:
            if block.first > through:
                break
            found.append(block)
        return found

    def make_up_workdays_between(self, after: date, through: date) -> list[date]:
        """Weekend days that are workdays, d with after < d <= through."""
        low = bisect_right(self._make_ups, after.toordinal())
        high = bisect_right(self._make_ups, through.toordinal())
        return [date.fromordinal(o) for o in self._make_ups[low:high]]

    def days_off_in_year(self, year: int) -> list[date]:
        """Monday-to-Friday dates of ``year`` that are not workdays."""
        return [d for d in _days_of_year(year, self) if d.weekday() < 5 and not self._flags[self.index(d)]]

    def make_up_workdays_in_year(self, year: int) -> list[date]:
        """Saturday/Sunday dates of ``year`` that are workdays."""
        return self.make_up_workdays_between(date(year - 1, 12, 31), date(year, 12, 31))

    def holidays_in_year(self, year: int) -> list[HolidayBlock]:
        return self.blocks_between(date(year - 1, 12, 31), date(year, 12, 31))

    def is_year_official(self, year: int) -> bool:
        return not self.unofficial_years(date(year - 1, 12, 31), date(year, 12, 31))


def merged_pauses(pauses: Iterable) -> list[tuple[int, int]]:
    """Pause windows as sorted, disjoint (low, high] ordinal pairs."""
    windows = sorted((p.start.toordinal(), p.end.toordinal()) for p in map(as_pause, pauses))
    merged: list[list[int]] = []
    for low, high in windows:
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(low, high) for low, high in merged]


def _days_of_year(year: int, calendar: Calendar) -> list[date]:
    first = date(year, 1, 1)
    calendar.index(first)
    calendar.index(date(year, 12, 31))
    return [first + timedelta(days=i) for i in range((date(year, 12, 31) - first).days + 1)]


def _group_blocks(off: Mapping[date, str], is_official: Callable[[date], bool]) -> list[HolidayBlock]:
    blocks: list[HolidayBlock] = []
    run: list[date] = []
    for day in sorted(off):
        if run and day.toordinal() != run[-1].toordinal() + 1:
            blocks.append(_block(run, off, is_official))
            run = []
        run.append(day)
    if run:
        blocks.append(_block(run, off, is_official))
    return blocks


def _block(run: list[date], off: Mapping[date, str], is_official) -> HolidayBlock:
    names: list[str] = []
    for day in run:
        for name in off[day].split("、"):
            if name and name not in names:
                names.append(name)
    return HolidayBlock("、".join(names), run[0], run[-1], all(is_official(day) for day in run))


# --- module-level functions (keyword-friendly wrappers) ---------------------------------------------------------------
def is_workday(day: date, *, calendar: Calendar) -> bool:
    """Whether ``day`` is a workday in ``calendar``."""
    return calendar.is_workday(day)


def add_workdays(day: date, n: int, *, pauses: Iterable = (), calendar: Calendar) -> date:
    """The n-th workday strictly after ``day``, skipping workdays d with S < d <= E for each pause (S, E)."""
    return calendar.add_workdays(day, n, pauses)


def workdays_between(after: date, through: date, *, calendar: Calendar) -> int:
    """Number of workdays d with after < d <= through."""
    return calendar.workdays_between(after, through)
