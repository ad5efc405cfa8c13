"""The shipped official calendars, checked day by day against the chinese-calendar package."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from workday_calendars.datafiles import read_all

from .conftest import d


def test_there_is_one_data_file_per_year_2019_to_2026():
    assert [f.year for f in read_all()] == list(range(2019, 2027))


def test_the_workdays_equal_chinese_calendar_for_every_day_2019_to_2026(calendar):
    day, mismatches = date(2019, 1, 1), []
    while day <= date(2026, 12, 31):
        if calendar.is_workday(day) != chinese_calendar.is_workday(day):
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


@pytest.mark.parametrize("day", ["2018-12-29", "2018-12-30", "2018-12-31", "2022-12-31"])
def test_notices_reaching_into_the_previous_year_are_followed(calendar, day):
    assert calendar.is_workday(d(day)) == chinese_calendar.is_workday(d(day))


def test_days_listed_by_the_next_years_notice_are_official(calendar):
    assert calendar.is_official_span(d("2018-12-28"), d("2018-12-31"))
    assert not calendar.is_official_span(d("2018-12-27"), d("2018-12-28"))


def test_each_file_names_its_notice_and_link():
    for year_file in read_all():
        assert year_file.title == f"国务院办公厅关于{year_file.year}年部分节假日安排的通知"
        assert year_file.url.startswith("https://www.gov.cn/")
        assert year_file.content_id in year_file.url


def test_the_2020_spring_festival_extension_cancelled_the_saturday_workday(calendar):
    assert not calendar.is_workday(d("2020-02-01"))
    assert not calendar.is_workday(d("2020-02-02"))
    assert calendar.is_workday(d("2020-01-19"))
