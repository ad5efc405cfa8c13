"""The calendar built from the database: shipped data loaded by the migration, regions, cache invalidation."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from workday_calendars import registry
from workday_calendars.deadlines import reply_due
from workday_calendars.models import CalendarDay, OfficialNotice, Region

from .conftest import d

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    return Region.objects.get(code="national")


@pytest.fixture
def autonomous(national):
    """A region that adds a holiday of its own and works through one national day off."""
    region = Region.objects.create(code="ganzi", name="甘孜州", parent=national)
    CalendarDay.objects.create(region=region, date=d("2025-09-26"), kind=CalendarDay.Kind.DAY_OFF, name="州庆")
    CalendarDay.objects.create(region=region, date=d("2025-10-08"), kind=CalendarDay.Kind.WORKDAY_OVERRIDE,
                               name="照常上班")
    return region


def test_the_migration_loads_every_shipped_year(calendar):
    assert sorted(OfficialNotice.objects.values_list("year", flat=True)) == list(range(2019, 2027))
    assert registry.calendar_for_region("national") == calendar


def test_load_calendars_is_idempotent(calendar):
    before = CalendarDay.objects.count()
    call_command("load_calendars", stdout=open("/dev/null", "w"))
    assert CalendarDay.objects.count() == before
    assert registry.calendar_for_region() == calendar


def test_load_calendars_restores_a_deleted_day(calendar, national):
    CalendarDay.objects.get(region=national, date=d("2025-10-08")).delete()
    assert registry.calendar_for_region().is_workday(d("2025-10-08"))
    call_command("load_calendars", "--year", "2025", stdout=open("/dev/null", "w"))
    assert registry.calendar_for_region() == calendar


def test_a_region_inherits_the_national_calendar_and_adds_and_removes_days(autonomous, calendar):
    regional = registry.calendar_for_region("ganzi")
    assert not regional.is_workday(d("2025-09-26"))
    assert regional.is_workday(d("2025-10-08"))
    assert regional.is_workday(d("2025-10-11")) == calendar.is_workday(d("2025-10-11"))
    assert reply_due(d("2025-09-25"), calendar=regional).due == d("2025-10-29")  # one off, one back: same date
    assert reply_due(d("2025-09-01"), calendar=calendar).due == d("2025-09-28")
    assert reply_due(d("2025-09-01"), calendar=regional).due == d("2025-09-29")


def test_a_nested_region_inherits_from_its_parent(autonomous):
    county = Region.objects.create(code="kangding", name="康定市", parent=autonomous)
    assert not registry.calendar_for_region(county.code).is_workday(d("2025-09-26"))


def test_an_unknown_region_is_reported():
    with pytest.raises(registry.UnknownRegion):
        registry.calendar_for_region("atlantis")


def test_a_saved_day_invalidates_the_cached_calendar(national):
    first = registry.calendar_for_region()
    assert registry.calendar_for_region() is first
    CalendarDay.objects.create(region=national, date=d("2027-03-01"), kind=CalendarDay.Kind.DAY_OFF, name="测试")
    assert not registry.calendar_for_region().is_workday(d("2027-03-01"))


def test_a_change_made_elsewhere_is_noticed_through_the_database_stamp(national):
    registry.calendar_for_region()
    CalendarDay.objects.filter(region=national, date=d("2025-10-08")).delete()  # no model delete(): no bump
    assert registry.calendar_for_region().is_workday(d("2025-10-08"))


def test_within_the_stamp_interval_the_database_is_not_asked_again(national, settings, django_assert_num_queries):
    settings.WORKDAY_CALENDARS_STAMP_SECONDS = 60
    registry.invalidate()
    first = registry.calendar_for_region()
    with django_assert_num_queries(0):
        assert registry.calendar_for_region() is first


def test_after_the_stamp_interval_a_change_made_elsewhere_is_seen(national, settings, monkeypatch):
    settings.WORKDAY_CALENDARS_STAMP_SECONDS = 60
    registry.invalidate()
    registry.calendar_for_region()
    CalendarDay.objects.filter(region=national, date=d("2025-10-08")).delete()
    later = registry.time.monotonic() + 61
    monkeypatch.setattr(registry.time, "monotonic", lambda: later)
    assert registry.calendar_for_region().is_workday(d("2025-10-08"))


def test_the_history_of_a_day_is_kept(national):
    day = CalendarDay.objects.get(region=national, date=d("2025-10-08"))
    day.name = "国庆节（更正）"
    day.save()
    assert day.history.count() >= 1
    assert day.history.first().name == "国庆节（更正）"


def test_a_notice_for_next_year_makes_the_year_official(national):
    title = "国务院办公厅关于2027年部分节假日安排的通知"
    notice = OfficialNotice.objects.create(region=national, year=2027, title=title)
    CalendarDay.objects.create(region=national, date=d("2027-01-01"), kind=CalendarDay.Kind.DAY_OFF, name="元旦",
                               notice=notice)
    calendar = registry.calendar_for_region()
    assert calendar.is_year_official(2027)
    assert not reply_due(d("2026-12-10"), calendar=calendar).provisional


def test_a_make_up_workday_must_fall_on_a_weekend(national):
    day = CalendarDay(region=national, date=date(2027, 3, 3), kind=CalendarDay.Kind.MAKE_UP_WORKDAY, name="x")
    with pytest.raises(ValidationError):
        day.full_clean()


def test_a_second_row_for_the_same_region_and_date_is_refused(national):
    day = CalendarDay(region=national, date=d("2025-10-08"), kind=CalendarDay.Kind.DAY_OFF, name="x")
    with pytest.raises(ValidationError):
        day.full_clean()
