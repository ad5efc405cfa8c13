"""Counting workdays (domain.md §4): the day of receipt never counts; pauses remove S < d <= E."""

import pytest

from workday_calendars.deadlines import reply_due
from workday_calendars.engine import OutOfRange, add_workdays, is_workday, workdays_between

from .conftest import d

VECTORS = [
    ("2022-09-30", 20, "2022-11-02"),
    ("2025-09-25", 20, "2025-10-29"),
    ("2025-09-25", 40, "2025-11-26"),
    ("2025-01-24", 7, "2025-02-10"),
    ("2024-12-31", 20, "2025-02-05"),
    ("2026-02-14", 20, "2026-03-20"),
    ("2025-10-04", 20, "2025-11-04"),
]


@pytest.mark.parametrize(("received", "workdays", "due"), VECTORS)
def test_it_matches_every_vector_of_the_domain_reference(calendar, received, workdays, due):
    assert add_workdays(d(received), workdays, calendar=calendar) == d(due)


@pytest.mark.parametrize(("received", "workdays", "due"), [v for v in VECTORS if v[1] == 20])
def test_the_reply_is_due_on_the_twentieth_workday(calendar, received, workdays, due):
    assert reply_due(d(received), calendar=calendar).due == d(due)


def test_it_matches_the_40_workday_vector_as_an_extended_reply(calendar):
    assert reply_due(d("2025-09-25"), extension=20, calendar=calendar).due == d("2025-11-26")


def test_it_counts_from_the_day_after_receipt(calendar):
    assert add_workdays(d("2025-03-03"), 1, calendar=calendar) == d("2025-03-04")


def test_a_receipt_on_a_weekend_counts_from_the_next_workday(calendar):
    assert add_workdays(d("2025-03-08"), 1, calendar=calendar) == d("2025-03-10")


def test_a_make_up_saturday_counts_as_a_workday(calendar):
    assert is_workday(d("2025-10-11"), calendar=calendar)
    assert add_workdays(d("2025-10-10"), 1, calendar=calendar) == d("2025-10-11")


def test_weekend_days_inside_a_holiday_block_are_off(calendar):
    assert not is_workday(d("2025-10-04"), calendar=calendar)
    assert not is_workday(d("2025-10-08"), calendar=calendar)


def test_zero_workdays_is_the_day_itself(calendar):
    assert add_workdays(d("2025-10-04"), 0, calendar=calendar) == d("2025-10-04")


def test_workdays_between_counts_after_through_inclusive(calendar):
    assert workdays_between(d("2025-09-25"), d("2025-10-29"), calendar=calendar) == 20
    assert workdays_between(d("2025-09-25"), d("2025-09-25"), calendar=calendar) == 0
    assert workdays_between(d("2025-10-29"), d("2025-09-25"), calendar=calendar) == -20


def test_a_pause_removes_workdays_after_its_start_through_its_end(calendar):
    # Mon 2025-03-03 .. Fri 2025-03-07: the pause (Mon, Wed] removes Tue and Wed.
    without = add_workdays(d("2025-03-03"), 3, calendar=calendar)
    paused = add_workdays(d("2025-03-03"), 3, pauses=[(d("2025-03-03"), d("2025-03-05"))], calendar=calendar)
    assert without == d("2025-03-06")
    assert paused == d("2025-03-10")


def test_a_pause_ending_on_its_start_removes_nothing(calendar):
    day = d("2025-03-03")
    assert add_workdays(day, 5, pauses=[(day, day)], calendar=calendar) == add_workdays(day, 5, calendar=calendar)


def test_a_pause_after_the_due_date_changes_nothing(calendar):
    pause = (d("2025-10-29"), d("2025-11-10"))
    assert add_workdays(d("2025-09-25"), 20, pauses=[pause], calendar=calendar) == d("2025-10-29")


def test_overlapping_pauses_remove_a_workday_once(calendar):
    one = [(d("2025-03-03"), d("2025-03-07"))]
    two = [(d("2025-03-03"), d("2025-03-05")), (d("2025-03-04"), d("2025-03-07"))]
    start = d("2025-03-01")
    assert add_workdays(start, 10, pauses=two, calendar=calendar) == add_workdays(start, 10, pauses=one,
                                                                                  calendar=calendar)


def test_a_pause_ending_before_it_starts_is_refused(calendar):
    with pytest.raises(ValueError, match="早于"):
        add_workdays(d("2025-03-03"), 5, pauses=[(d("2025-03-05"), d("2025-03-04"))], calendar=calendar)


def test_negative_workdays_are_refused(calendar):
    with pytest.raises(ValueError):
        add_workdays(d("2025-03-03"), -1, calendar=calendar)


def test_dates_outside_the_range_are_refused(calendar):
    with pytest.raises(OutOfRange):
        is_workday(d("2017-12-31"), calendar=calendar)
    with pytest.raises(OutOfRange):
        add_workdays(d("2035-12-20"), 20, calendar=calendar)
