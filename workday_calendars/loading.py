"""Load the shipped data files into the database (used by the data migration and ``load_calendars``).

Model classes are passed in so that a migration can hand over its historical models. Loading is idempotent: a file
makes its national notice and that notice's days equal to the file; other notices and regional rows are untouched.
"""

from dataclasses import dataclass, field

from .datafiles import YearFile
from .engine import NATIONAL

NATIONAL_NAME = "全国"
# The values of CalendarDay.Kind (historical models in migrations do not carry the choices class).
DAY_OFF = "day_off"
MAKE_UP_WORKDAY = "make_up_workday"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    changed_dates: list = field(default_factory=list)

    def add(self, other: "LoadReport") -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.changed_dates.extend(other.changed_dates)


def ensure_national(region_model):
    region, _ = region_model.objects.get_or_create(code=NATIONAL, defaults={"name": NATIONAL_NAME})
    return region


def load_year(year_file: YearFile, *, region_model, notice_model, day_model) -> LoadReport:
    """Make the national notice of ``year_file.year`` and its days equal to the file."""
    report = LoadReport()
    national = ensure_national(region_model)
    notice = _sync_notice(year_file, national, notice_model, report)
    wanted = _wanted_days(year_file)
    existing = {row.date: row for row in day_model.objects.filter(region=national, date__in=list(wanted))}
    for day, (kind, name) in sorted(wanted.items()):
        row = existing.get(day)
        if row is None:
            day_model(region=national, date=day, kind=kind, name=name, notice=notice).save()
            report.created += 1
        elif (row.kind, row.name, row.notice_id) != (kind, name, notice.pk):
            row.kind, row.name, row.notice = kind, name, notice
            row.save()
            report.updated += 1
        else:
            continue
        report.changed_dates.append(day)
    for row in day_model.objects.filter(notice=notice).exclude(date__in=list(wanted)):
        report.changed_dates.append(row.date)
        row.delete()
        report.deleted += 1
    return report


def _sync_notice(year_file: YearFile, national, notice_model, report: LoadReport):
    values = {
        "title": year_file.title,
        "url": year_file.url,
        "published_on": year_file.published,
        "source_note": _source_note(year_file),
    }
    notice = notice_model.objects.filter(region=national, year=year_file.year).first()
    if notice is None:
        notice = notice_model(region=national, year=year_file.year, **values)
        notice.save()
        report.created += 1
    elif any(getattr(notice, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(notice, key, value)
        notice.save()
        report.updated += 1
    return notice


def _source_note(year_file: YearFile) -> str:
    parts = [f"中国政府网 content_{year_file.content_id}" if year_file.content_id else ""]
    if year_file.note:
        parts.append(year_file.note)
    return "；".join(p for p in parts if p)


def _wanted_days(year_file: YearFile) -> dict:
    wanted = {day: (DAY_OFF, name) for day, name in year_file.days_off().items()}
    wanted.update({day: (MAKE_UP_WORKDAY, name) for day, name in year_file.make_up_workdays().items()})
    return wanted
