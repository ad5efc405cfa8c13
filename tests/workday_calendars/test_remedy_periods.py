"""Calendar-day and month periods: start the day after, roll a last day that is off to the next workday."""

from workday_calendars.deadlines import lawsuit_after_reconsideration_due, lawsuit_due, reconsideration_due

from .conftest import d


def test_reconsideration_is_due_60_days_after_receiving_the_reply(calendar):
    result = reconsideration_due(d("2025-03-05"), calendar=calendar)
    assert result.due == d("2025-05-06")  # day 60 is 2025-05-04, inside the May Day block → first workday after


def test_a_last_day_on_a_weekend_rolls_to_the_next_workday(calendar):
    result = reconsideration_due(d("2025-01-01"), calendar=calendar)
    assert result.nominal_due == d("2025-03-02")
    assert result.due == d("2025-03-03")
    assert any("顺延至2025年3月3日（星期一）" in line for line in result.explanation)


def test_a_last_day_inside_a_holiday_rolls_past_the_whole_block(calendar):
    result = reconsideration_due(d("2025-08-02"), calendar=calendar)
    assert result.nominal_due == d("2025-10-01")
    assert result.due == d("2025-10-09")
    assert any("该日为国庆节、中秋节假期" in line for line in result.explanation)


def test_a_last_day_on_a_make_up_saturday_does_not_roll(calendar):
    assert lawsuit_due(d("2025-08-28"), calendar=calendar).due == d("2026-02-28")


def test_the_lawsuit_period_ends_on_the_corresponding_day_six_months_later(calendar):
    result = lawsuit_due(d("2025-03-14"), calendar=calendar)
    assert result.due == d("2025-09-15")  # 2025-09-14 is a Sunday
    assert result.nominal_due == d("2025-09-14")


def test_a_month_without_the_corresponding_day_ends_on_its_last_day(calendar):
    result = lawsuit_due(d("2026-08-31"), calendar=calendar)
    assert result.nominal_due == d("2027-02-28")
    assert result.due == d("2027-03-01")
    assert result.provisional
    assert "2027年国务院节假日安排尚未公布" in result.provisional_reasons[0]


def test_a_lawsuit_after_reconsideration_is_due_15_days_after_the_decision(calendar):
    assert lawsuit_after_reconsideration_due(d("2025-06-02"), calendar=calendar).due == d("2025-06-17")
    assert lawsuit_after_reconsideration_due(d("2025-09-16"), calendar=calendar).due == d("2025-10-09")


def test_a_period_ending_inside_announced_years_is_not_provisional(calendar):
    assert not reconsideration_due(d("2026-10-01"), calendar=calendar).provisional
    assert reconsideration_due(d("2026-11-15"), calendar=calendar).provisional
