"""Years without a State Council notice: statutory holidays from the holidays package, no make-up workdays."""

from datetime import date, timedelta

from workday_calendars.engine import Calendar
from workday_calendars.statutory import statutory_days_off

from .conftest import d


def test_2027_follows_the_statutory_holidays(calendar):
    for day in ["2027-01-01", "2027-02-05", "2027-02-08", "2027-05-03", "2027-10-01"]:
        assert not calendar.is_workday(d(day)), day


def test_2027_has_no_make_up_workdays(calendar):
    assert calendar.make_up_workdays_in_year(2027) == []


def test_2027_is_provisional_and_2026_is_not(calendar):
    assert not calendar.is_year_official(2027)
    assert calendar.is_year_official(2026)


def test_the_2025_rules_give_13_statutory_days_with_new_years_eve_and_2_may():
    days = statutory_days_off(2025)
    assert days[d("2025-01-28")] == "春节"  # 除夕
    assert days[d("2025-05-02")] == "劳动节"
    weekday_or_weekend_statutory = [day for day in days if day != d("2025-06-02")]  # 2 June: in lieu of Saturday
    assert len(weekday_or_weekend_statutory) == 13


def test_swapped_days_of_a_notice_are_not_treated_as_statutory():
    assert d("2025-02-03") not in statutory_days_off(2025)  # a notice's swap, not a statutory day


def test_a_calendar_without_notices_is_provisional_everywhere():
    bare = Calendar(days_off={}, workdays={}, announced_years=(), first_day=date(2025, 1, 1),
                    last_day=date(2025, 12, 31))
    assert not bare.is_workday(d("2025-01-28"))
    assert bare.is_workday(d("2025-02-03"))
    assert bare.unofficial_years(d("2025-03-01"), d("2025-03-01") + timedelta(days=30)) == (2025,)


def test_explicit_days_win_over_the_statutory_fallback():
    custom = Calendar(days_off={d("2027-03-01"): "地方节日"}, workdays={d("2027-02-05"): "补班"},
                      announced_years=(), first_day=date(2027, 1, 1), last_day=date(2027, 12, 31))
    assert custom.is_workday(d("2027-02-05"))
    assert not custom.is_workday(d("2027-03-01"))
    assert custom.name_of(d("2027-03-01")) == "地方节日"
