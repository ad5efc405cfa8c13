"""The batch form agrees with the single-date API and with numpy.busday_offset on the same calendar."""

from datetime import date

import numpy as np
import pytest

from workday_calendars.batch import add_workdays_batch, is_workday_batch, reply_due_batch
from workday_calendars.deadlines import reply_due
from workday_calendars.engine import OutOfRange


@pytest.fixture(scope="module")
def receipts():
    rng = np.random.default_rng(7)
    return np.datetime64("2019-01-01") + rng.integers(0, 8 * 365, 5000)


def test_it_agrees_with_numpy_busday_offset(calendar, receipts):
    holidays = np.array(calendar.non_workdays(), dtype="datetime64[D]")
    expected = np.busday_offset(receipts, 20, roll="backward", weekmask="1111111", holidays=holidays)
    assert (reply_due_batch(receipts, calendar=calendar) == expected).all()


def test_it_agrees_with_the_single_date_api_with_per_row_extensions(calendar, receipts):
    extensions = np.arange(len(receipts)) % 21
    batch = reply_due_batch(receipts, calendar=calendar, extension=extensions)
    for received, extension, due in list(zip(receipts, extensions, batch, strict=True))[:500]:
        single = reply_due(received.astype(date), extension=int(extension), calendar=calendar).due
        assert due.astype(date) == single


def test_it_takes_a_list_of_dates(calendar):
    result = reply_due_batch([date(2022, 9, 30), date(2025, 9, 25)], calendar=calendar)
    assert result.tolist() == [date(2022, 11, 2), date(2025, 10, 29)]


def test_paused_workdays_per_row_move_the_due_date(calendar):
    result = reply_due_batch([date(2025, 9, 25)] * 2, calendar=calendar, paused_workdays=[0, 5])
    assert result.tolist() == [date(2025, 10, 29), date(2025, 11, 5)]


def test_zero_workdays_returns_the_dates(calendar):
    days = np.array(["2025-10-04", "2025-10-09"], dtype="datetime64[D]")
    assert (add_workdays_batch(days, 0, calendar=calendar) == days).all()
    assert (add_workdays_batch(days, np.array([0, 1]), calendar=calendar) == np.array(
        ["2025-10-04", "2025-10-10"], dtype="datetime64[D]")).all()


def test_is_workday_batch_agrees_with_the_calendar(calendar, receipts):
    flags = is_workday_batch(receipts[:1000], calendar=calendar)
    assert flags.tolist() == [calendar.is_workday(day.astype(date)) for day in receipts[:1000]]


def test_dates_outside_the_range_are_refused(calendar):
    with pytest.raises(OutOfRange):
        reply_due_batch([date(2017, 6, 1)], calendar=calendar)
    with pytest.raises(OutOfRange):
        reply_due_batch([date(2035, 12, 30)], calendar=calendar)


def test_an_extension_outside_0_to_20_is_refused(calendar):
    with pytest.raises(ValueError):
        reply_due_batch([date(2025, 1, 2)], calendar=calendar, extension=[21])
