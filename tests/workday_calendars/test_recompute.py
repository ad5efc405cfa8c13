"""A calendar change asks the project to recompute the due dates that depend on it, once, after commit."""

import logging

import pytest
from django.db import transaction

from workday_calendars.models import CalendarDay, Region
from workday_calendars.recompute import recompute_after_change

from .conftest import d

calls = []


def record(start, end):
    """Stand-in for requests_cms.services.deadlines.recompute_due_dates_in_range."""
    calls.append((start, end))
    return 3


@pytest.fixture(autouse=True)
def clear_calls():
    calls.clear()


RECORD = "tests.workday_calendars.test_recompute.record"


def test_it_calls_the_configured_function(settings):
    settings.WORKDAY_CALENDARS_RECOMPUTE = RECORD
    assert recompute_after_change(d("2025-10-01"), d("2025-10-08")) == 3
    assert calls == [(d("2025-10-01"), d("2025-10-08"))]


def test_an_empty_setting_is_logged_as_a_warning(settings, caplog):
    settings.WORKDAY_CALENDARS_RECOMPUTE = ""
    with caplog.at_level(logging.WARNING, logger="workday_calendars.recompute"):
        assert recompute_after_change(d("2025-10-01"), d("2025-10-08")) == 0
    assert "not set" in caplog.text


def test_a_missing_target_is_logged_as_a_warning(settings, caplog):
    settings.WORKDAY_CALENDARS_RECOMPUTE = "tests.workday_calendars.test_recompute.no_such_function"
    with caplog.at_level(logging.WARNING, logger="workday_calendars.recompute"):
        assert recompute_after_change(d("2025-10-01"), d("2025-10-08")) == 0
    assert "cannot be imported" in caplog.text


@pytest.mark.django_db
def test_saving_a_day_recomputes_after_commit(settings, django_capture_on_commit_callbacks):
    settings.WORKDAY_CALENDARS_RECOMPUTE = RECORD
    national = Region.objects.get(code="national")
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(region=national, date=d("2027-03-01"), kind=CalendarDay.Kind.DAY_OFF, name="x")
        assert calls == []
    assert calls == [(d("2027-03-01"), d("2027-03-01"))]


@pytest.mark.django_db
def test_changes_in_one_transaction_are_recomputed_once(settings, django_capture_on_commit_callbacks):
    settings.WORKDAY_CALENDARS_RECOMPUTE = RECORD
    national = Region.objects.get(code="national")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        CalendarDay.objects.create(region=national, date=d("2027-03-01"), kind=CalendarDay.Kind.DAY_OFF, name="x")
        CalendarDay.objects.get(region=national, date=d("2025-10-08")).delete()
    assert calls == [(d("2025-10-08"), d("2027-03-01"))]


@pytest.mark.django_db
def test_moving_a_day_recomputes_both_dates(settings, django_capture_on_commit_callbacks):
    settings.WORKDAY_CALENDARS_RECOMPUTE = RECORD
    day = CalendarDay.objects.get(region__code="national", date=d("2025-10-08"))
    with django_capture_on_commit_callbacks(execute=True):
        day.date = d("2025-10-09")
        day.save()
    assert calls == [(d("2025-10-08"), d("2025-10-09"))]
