"""Properties of workday arithmetic, checked with hypothesis against a day-by-day reference."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from workday_calendars.datafiles import calendar_from_files
from workday_calendars.deadlines import reply_due
from workday_calendars.engine import add_workdays

CALENDAR = calendar_from_files()
days = st.dates(min_value=date(2018, 6, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=60)
pause = st.tuples(days, st.integers(min_value=0, max_value=40)).map(lambda p: (p[0], p[0] + timedelta(days=p[1])))
pauses = st.lists(pause, max_size=3)


def reference(day, n, windows=()):
    """Walk day by day: the n-th workday after ``day`` not inside any (S, E] window."""
    found = 0
    while found < n:
        day += timedelta(days=1)
        if CALENDAR.is_workday(day) and not any(s < day <= e for s, e in windows):
            found += 1
    return day


@settings(max_examples=300)
@given(days, counts, pauses)
def test_it_agrees_with_a_day_by_day_walk(day, n, windows):
    assert add_workdays(day, n, pauses=windows, calendar=CALENDAR) == reference(day, n, windows)


@given(days, counts, counts)
def test_it_is_monotone_in_the_number_of_workdays(day, a, b):
    low, high = sorted((a, b))
    assert add_workdays(day, low, calendar=CALENDAR) <= add_workdays(day, high, calendar=CALENDAR)


@given(days, counts, counts)
def test_adding_in_two_steps_equals_adding_at_once(day, a, b):
    once = add_workdays(day, a + b, calendar=CALENDAR)
    twice = add_workdays(add_workdays(day, a, calendar=CALENDAR), b, calendar=CALENDAR)
    assert once == twice


@given(days, counts, counts, pauses)
def test_adding_in_two_steps_equals_adding_at_once_with_pauses(day, a, b, windows):
    once = add_workdays(day, a + b, pauses=windows, calendar=CALENDAR)
    first = add_workdays(day, a, pauses=windows, calendar=CALENDAR)
    assert once == add_workdays(first, b, pauses=windows, calendar=CALENDAR)


@given(days, counts)
def test_an_empty_pause_changes_nothing(day, n):
    plain = add_workdays(day, n, calendar=CALENDAR)
    assert add_workdays(day, n, pauses=[], calendar=CALENDAR) == plain
    assert add_workdays(day, n, pauses=[(day, day)], calendar=CALENDAR) == plain


@given(days, st.integers(min_value=0, max_value=20), pauses)
def test_a_pause_never_moves_the_reply_due_date_earlier(day, extension, windows):
    plain = reply_due(day, extension=extension, calendar=CALENDAR)
    paused = reply_due(day, extension=extension, pauses=windows, calendar=CALENDAR)
    assert paused.due >= plain.due
    assert paused.paused_workdays >= 0


@given(days, st.integers(min_value=0, max_value=20), pauses)
def test_the_reply_due_date_is_the_promised_workday(day, extension, windows):
    result = reply_due(day, extension=extension, pauses=windows, calendar=CALENDAR)
    total = 20 + extension + result.paused_workdays
    assert add_workdays(result.clock_start, total, calendar=CALENDAR) == result.due
