"""The official calendars shipped as data files, one per year (data/YYYY.json).

A file holds one State Council notice: its title and link, and per holiday the block of days off (weekend days
inside the block included) and the make-up workdays. A notice may reach into the previous calendar year
(2019's New Year block starts on 2018-12-30).
"""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Holiday:
    name: str
    first_day_off: date
    last_day_off: date
    make_up_workdays: tuple[date, ...]

    def days_off(self) -> list[date]:
        count = (self.last_day_off - self.first_day_off).days + 1
        return [self.first_day_off + timedelta(days=i) for i in range(count)]


@dataclass(frozen=True)
class YearFile:
    year: int
    title: str
    url: str
    content_id: str
    published: date | None
    note: str
    holidays: tuple[Holiday, ...]

    def days_off(self) -> dict[date, str]:
        return {day: holiday.name for holiday in self.holidays for day in holiday.days_off()}

    def make_up_workdays(self) -> dict[date, str]:
        return {day: holiday.name for holiday in self.holidays for day in holiday.make_up_workdays}

    @property
    def source(self) -> str:
        return f"{self.title}（{self.url}）" if self.url else self.title


class DataFileError(ValueError):
    """A data file is malformed or contradicts itself."""


def read_year_file(path: Path) -> YearFile:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    try:
        year_file = _parse(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{path}: {exc}") from exc
    _validate(year_file, path)
    return year_file


def read_all(data_dir: Path = DATA_DIR) -> tuple[YearFile, ...]:
    """Every data file in ``data_dir``, oldest year first."""
    files = sorted(Path(data_dir).glob("[0-9][0-9][0-9][0-9].json"))
    return tuple(read_year_file(path) for path in files)


def _parse(raw: dict) -> YearFile:
    notice = raw["notice"]
    published = notice.get("published")
    return YearFile(
        year=int(raw["year"]),
        title=notice["title"],
        url=notice.get("url", ""),
        content_id=str(notice.get("content_id", "")),
        published=date.fromisoformat(published) if published else None,
        note=notice.get("note", ""),
        holidays=tuple(_parse_holiday(item) for item in raw["holidays"]),
    )


def _parse_holiday(item: dict) -> Holiday:
    return Holiday(
        name=item["name"],
        first_day_off=date.fromisoformat(item["days_off"]["from"]),
        last_day_off=date.fromisoformat(item["days_off"]["to"]),
        make_up_workdays=tuple(date.fromisoformat(day) for day in item.get("make_up_workdays", ())),
    )


def _validate(year_file: YearFile, path: Path) -> None:
    allowed_years = {year_file.year - 1, year_file.year}
    off = year_file.days_off()
    work = year_file.make_up_workdays()
    for holiday in year_file.holidays:
        if holiday.last_day_off < holiday.first_day_off:
            raise DataFileError(f"{path}: {holiday.name} ends before it starts")
    for day in [*off, *work]:
        if day.year not in allowed_years:
            raise DataFileError(f"{path}: {day} is outside {year_file.year} and the year before")
    for day in work:
        if day in off:
            raise DataFileError(f"{path}: {day} is both a day off and a make-up workday")
        if day.weekday() < 5:
            raise DataFileError(f"{path}: make-up workday {day} is not a Saturday or Sunday")


@lru_cache(maxsize=4)
def calendar_from_files(data_dir: Path = DATA_DIR, region: str = "national"):
    """The national calendar straight from the data files, without a database (cached)."""
    from .engine import Calendar

    files = read_all(data_dir)
    days_off: dict[date, str] = {}
    workdays: dict[date, str] = {}
    for year_file in files:
        days_off.update(year_file.days_off())
        workdays.update(year_file.make_up_workdays())
    return Calendar(
        days_off=days_off,
        workdays=workdays,
        announced_years={f.year for f in files},
        official_days=[day for f in files for day in [*f.days_off(), *f.make_up_workdays()] if day.year != f.year],
        sources={f.year: (f.source,) for f in files},
        region=region,
    )
